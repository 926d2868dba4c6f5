// An estimate of the server's clock (docs/protocol.md, "Time sync and interpolation").
//
// offset = server clock − local clock. Sources, best first:
//   - Pong round trips: offset = serverTimeMs − (t0 + t1) / 2; of the last 8 samples the one with the
//     smallest RTT wins (the least disturbed by queueing);
//   - State.serverTimeMs: a State cannot arrive before the tick that produced it, so
//     serverTimeMs − arrival is a lower bound for the offset; the estimate is raised to it when it is
//     below (a Pong disturbed one way, or no Pong yet);
//   - Welcome.serverTimeMs: a first rough value before anything else.
// It also measures how irregularly States arrive, which sizes the interpolation delay's jitter allowance.

export interface TimeSyncOptions {
  /** How many Pong samples to keep (the doc recommends 8). */
  maxSamples?: number;
  /** Upper bound of the jitter allowance, ms. */
  maxJitterMs?: number;
}

interface PongSample { rtt: number; offset: number }

export class TimeSync {
  private readonly maxSamples: number;
  private readonly maxJitterMs: number;
  private readonly samples: PongSample[] = [];
  private base: number | null = null;      // from Pong (best sample) or Welcome
  private floor = -Infinity;                // lower bound from States since the last Pong sample
  private lateMean: number | null = null;   // smoothed State lateness (arrival − serverTimeMs, in server ms)
  private lateDev = 0;                      // smoothed mean deviation of it

  constructor(opts: TimeSyncOptions = {}) {
    this.maxSamples = opts.maxSamples ?? 8;
    this.maxJitterMs = opts.maxJitterMs ?? 150;
  }

  /** Whether any clock information has been seen. */
  get synced(): boolean {
    return this.base !== null || this.floor !== -Infinity;
  }

  /** Number of Pong samples kept. */
  get sampleCount(): number {
    return this.samples.length;
  }

  /** The smallest RTT among the kept samples (ms), or null before the first Pong. */
  get bestRtt(): number | null {
    const best = this.best();
    return best === null ? null : best.rtt;
  }

  /** Server clock minus local clock, ms (0 before anything is known). */
  get offset(): number {
    const base = this.base ?? -Infinity;
    const o = Math.max(base, this.floor);
    return Number.isFinite(o) ? o : 0;
  }

  /** The server's clock at local time `localNow`. */
  serverNow(localNow: number): number {
    return localNow + this.offset;
  }

  /** Welcome: a first estimate, ignoring latency. Not used once a Pong has been measured. */
  onWelcome(serverTimeMs: number, localNow: number): void {
    if (this.samples.length === 0) this.base = serverTimeMs - localNow;
  }

  /** A Pong for a Ping sent at local time `t0` (its clientTimeMs), received at `t1`. */
  onPong(t0: number, serverTimeMs: number, t1: number): void {
    const rtt = t1 - t0;
    if (!(rtt >= 0) || !Number.isFinite(rtt)) return; // a Pong for a clock we no longer use
    this.samples.push({ rtt, offset: serverTimeMs - (t0 + t1) / 2 });
    if (this.samples.length > this.maxSamples) this.samples.shift();
    this.base = this.best()!.offset;
    this.floor = -Infinity; // the new sample is the reference; States raise it again if it is low
  }

  /** A State (or any server timestamp that cannot predate its sending) arrived at `localNow`. */
  onState(serverTimeMs: number, localNow: number): void {
    const bound = serverTimeMs - localNow;
    if (bound > this.floor) this.floor = bound;
    const late = localNow + this.offset - serverTimeMs;
    if (this.lateMean === null) {
      this.lateMean = late;
      this.lateDev = 0;
    } else {
      // RFC 6298-style smoothing: mean by 1/8, deviation by 1/4
      const err = late - this.lateMean;
      this.lateMean += err / 8;
      this.lateDev += (Math.abs(err) - this.lateDev) / 4;
    }
  }

  /** Extra interpolation delay that rides out late States: twice the smoothed deviation, capped. */
  get jitterAllowanceMs(): number {
    return Math.min(this.maxJitterMs, 2 * this.lateDev);
  }

  /** Forget everything (a new connection may reach another server). */
  reset(): void {
    this.samples.length = 0;
    this.base = null;
    this.floor = -Infinity;
    this.lateMean = null;
    this.lateDev = 0;
  }

  private best(): PongSample | null {
    let best: PongSample | null = null;
    for (const s of this.samples) if (best === null || s.rtt < best.rtt) best = s;
    return best;
  }
}

/** The interpolation delay: two ticks at the announced tick rate plus the jitter allowance. */
export function interpolationDelayMs(tickHz: number, jitterAllowanceMs: number): number {
  const hz = tickHz > 0 ? tickHz : 20;
  return 2 * (1000 / hz) + Math.max(0, jitterAllowanceMs);
}
