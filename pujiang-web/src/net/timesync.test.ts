import { describe, expect, it } from 'vitest';
import { interpolationDelayMs, TimeSync } from './timesync';

describe('TimeSync', () => {
  it('starts at 0 and takes Welcome as a rough estimate', () => {
    const s = new TimeSync();
    expect(s.synced).toBe(false);
    expect(s.offset).toBe(0);
    s.onWelcome(1_700_000_000_000, 5_000);
    expect(s.offset).toBe(1_700_000_000_000 - 5_000);
    expect(s.serverNow(6_000)).toBe(1_700_000_001_000);
  });

  it('computes offset = server − midpoint and keeps the min-RTT sample', () => {
    const s = new TimeSync();
    s.onWelcome(10_000, 0);
    // sent at 100, answered at server 10_150, back at 200: rtt 100, offset 10_150 − 150 = 10_000
    s.onPong(100, 10_150, 200);
    expect(s.bestRtt).toBe(100);
    expect(s.offset).toBe(10_000);
    // a disturbed sample (rtt 400) does not win
    s.onPong(1000, 11_500, 1400);
    expect(s.offset).toBe(10_000);
    // a better one (rtt 20) does: offset 12_060 − 2010 = 10_050
    s.onPong(2000, 12_060, 2020);
    expect(s.bestRtt).toBe(20);
    expect(s.offset).toBe(10_050);
    // Welcome after Pongs changes nothing
    s.onWelcome(0, 0);
    expect(s.offset).toBe(10_050);
  });

  it('forgets samples beyond the last 8', () => {
    const s = new TimeSync({ maxSamples: 8 });
    s.onPong(0, 1000 + 5, 10);        // rtt 10, offset 1000 — the best, but it will age out
    for (let i = 1; i <= 8; i++) s.onPong(i * 1000, 2000 + i * 1000 + 25, i * 1000 + 50); // rtt 50, offset 2000
    expect(s.sampleCount).toBe(8);
    expect(s.bestRtt).toBe(50);
    expect(s.offset).toBe(2000);
  });

  it('ignores a Pong with a negative round trip', () => {
    const s = new TimeSync();
    s.onPong(500, 9999, 400);
    expect(s.sampleCount).toBe(0);
  });

  it('raises the estimate to what States prove, until the next Pong', () => {
    const s = new TimeSync();
    s.onPong(0, 1050, 100);           // offset 1000
    s.onState(2200, 1100);             // a State of server time 2200 arrived at 1100: offset ≥ 1100
    expect(s.offset).toBe(1100);
    s.onState(2100, 1100);             // a weaker bound changes nothing
    expect(s.offset).toBe(1100);
    s.onPong(3000, 4040, 3080);        // a new Pong (offset 1000) is the reference again
    expect(s.offset).toBe(1000);
  });

  it('measures State jitter for the interpolation delay', () => {
    const s = new TimeSync();
    s.onPong(0, 1000, 0);              // offset 1000, rtt 0
    // States every 50 ms arriving exactly 20 ms late: no jitter
    for (let i = 0; i < 20; i++) s.onState(10_000 + i * 50, 9_000 + i * 50 + 20);
    expect(s.jitterAllowanceMs).toBeCloseTo(0, 6);
    // alternating 20 / 60 ms late: deviation settles near 20, allowance near 40
    for (let i = 20; i < 200; i++) s.onState(10_000 + i * 50, 9_000 + i * 50 + (i % 2 === 0 ? 20 : 60));
    expect(s.jitterAllowanceMs).toBeGreaterThan(30);
    expect(s.jitterAllowanceMs).toBeLessThan(50);
    s.reset();
    expect(s.synced).toBe(false);
    expect(s.jitterAllowanceMs).toBe(0);
  });

  it('sizes the delay as two ticks plus the allowance', () => {
    expect(interpolationDelayMs(20, 0)).toBe(100);
    expect(interpolationDelayMs(10, 15)).toBe(215);
    expect(interpolationDelayMs(0, 0)).toBe(100);
  });
});
