// A rolling window of frame times for frameStats().

export class FrameTimes {
  private readonly times: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(readonly capacity = 120) {
    this.times = new Float64Array(capacity);
  }

  add(ms: number): void {
    this.times[this.next] = ms;
    this.next = (this.next + 1) % this.capacity;
    if (this.filled < this.capacity) this.filled++;
  }

  get size(): number {
    return this.filled;
  }

  /** fps from the mean frame time, and the 50th/95th percentiles (nearest rank); zeros when empty. */
  summary(): { fps: number; p50: number; p95: number } {
    if (this.filled === 0) return { fps: 0, p50: 0, p95: 0 };
    const sorted = Array.from(this.times.subarray(0, this.filled)).sort((a, b) => a - b);
    const mean = sorted.reduce((s, t) => s + t, 0) / sorted.length;
    const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
    return { fps: mean > 0 ? 1000 / mean : 0, p50: rank(0.5), p95: rank(0.95) };
  }
}
