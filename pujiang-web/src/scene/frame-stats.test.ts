import { describe, expect, it } from 'vitest';
import { FrameTimes } from './frame-stats';

describe('FrameTimes', () => {
  it('reports fps from the mean and nearest-rank percentiles', () => {
    const f = new FrameTimes(100);
    for (let i = 1; i <= 100; i++) f.add(i);  // 1 … 100 ms
    const s = f.summary();
    expect(s.p50).toBe(50);
    expect(s.p95).toBe(95);
    expect(s.fps).toBeCloseTo(1000 / 50.5);
  });

  it('keeps only the last window', () => {
    const f = new FrameTimes(4);
    [100, 100, 100, 100, 16, 16, 16, 16].forEach((t) => f.add(t));
    expect(f.summary()).toEqual({ fps: 62.5, p50: 16, p95: 16 });
    expect(new FrameTimes().summary()).toEqual({ fps: 0, p50: 0, p95: 0 });
  });
});
