import { describe, expect, it } from 'vitest';
import { EntityTrack, interpolatePose, lerpYaw, normalizeAngle, shortestArc } from './interpolation';
import type { Pose } from './types';

function pose(x: number, z: number, extra: Partial<Pose> = {}): Pose {
  return { x, y: 0, z, yaw: 0, pitch: 0, vx: 0, vy: 0, vz: 0, anim: 0, ...extra };
}

describe('angles', () => {
  it('normalises and takes the shorter arc', () => {
    expect(normalizeAngle(-Math.PI / 2)).toBeCloseTo(1.5 * Math.PI, 12);
    expect(normalizeAngle(5 * Math.PI)).toBeCloseTo(Math.PI, 12);
    expect(shortestArc(0.1, 2 * Math.PI - 0.1)).toBeCloseTo(-0.2, 12);
    expect(shortestArc(2 * Math.PI - 0.1, 0.1)).toBeCloseTo(0.2, 12);
    // 350° → 10° passes through 0°, not 180°
    const a = (350 / 180) * Math.PI;
    const b = (10 / 180) * Math.PI;
    expect(lerpYaw(a, b, 0.5)).toBeCloseTo(0, 9);
    expect(lerpYaw(a, b, 0.25)).toBeCloseTo((355 / 180) * Math.PI, 9);
    expect(lerpYaw(a, b, 0.75)).toBeCloseTo((5 / 180) * Math.PI, 9);
  });

  it('interpolates every field', () => {
    const p = interpolatePose(pose(0, 0, { vx: 1, pitch: -0.2, anim: 1 }), pose(2, -4, { vx: 3, pitch: 0.2, anim: 2 }), 0.25);
    expect(p.x).toBeCloseTo(0.5, 12);
    expect(p.z).toBeCloseTo(-1, 12);
    expect(p.vx).toBeCloseTo(1.5, 12);
    expect(p.pitch).toBeCloseTo(-0.1, 12);
    expect(p.anim).toBe(1);
  });
});

describe('EntityTrack', () => {
  it('interpolates linearly between samples 50 ms apart', () => {
    const t = new EntityTrack({ tickMs: 50 });
    t.push(1000, pose(0, 0, { vx: 2 }));
    t.push(1050, pose(0.1, 0, { vx: 2 }));
    t.push(1100, pose(0.2, 0, { vx: 2 }));
    expect(t.poseAt(1025)!.x).toBeCloseTo(0.05, 12);
    expect(t.poseAt(1080)!.x).toBeCloseTo(0.16, 12);
    expect(t.poseAt(1050)!.x).toBeCloseTo(0.1, 12);
  });

  it('holds the oldest pose before the first sample', () => {
    const t = new EntityTrack();
    expect(t.poseAt(0)).toBeUndefined();
    t.push(1000, pose(3, 4));
    expect(t.poseAt(900)).toEqual(pose(3, 4));
  });

  it('extrapolates with the last velocity for at most 250 ms, then holds', () => {
    const t = new EntityTrack({ tickMs: 50 });
    t.push(1000, pose(0, 0, { vx: 2 }));
    t.push(1050, pose(0.1, 0, { vx: 2, vz: -1 }));
    expect(t.poseAt(1150)!.x).toBeCloseTo(0.3, 12);   // 100 ms × 2 m/s
    expect(t.poseAt(1150)!.z).toBeCloseTo(-0.1, 12);
    expect(t.poseAt(1300)!.x).toBeCloseTo(0.6, 12);   // capped at 250 ms
    expect(t.poseAt(5000)!.x).toBeCloseTo(0.6, 12);
  });

  it('interpolates yaw along the shorter arc', () => {
    const t = new EntityTrack();
    t.push(0, pose(0, 0, { yaw: 6.2 }));
    t.push(50, pose(0, 0, { yaw: 0.2 }));
    const mid = t.poseAt(25)!.yaw;
    // 6.2 → 0.2 is +0.2832 rad through 0, so the midpoint is 6.2 + 0.1416 = 6.3416 − 2π = 0.0584
    expect(mid).toBeCloseTo(normalizeAngle(6.2 + shortestArc(6.2, 0.2) / 2), 12);
    expect(mid).toBeCloseTo(0.0584, 3);
  });

  it('snaps on a teleport instead of sliding', () => {
    const t = new EntityTrack({ tickMs: 50 });
    t.push(1000, pose(0, 0));
    t.push(1050, pose(0, 0));
    t.push(1100, pose(20, 0)); // 20 m in one tick
    expect(t.poseAt(1075)!.x).toBe(0);
    expect(t.poseAt(1099)!.x).toBe(0);
    expect(t.poseAt(1100)!.x).toBe(20);
    // an ordinary 0.5 m step is interpolated
    t.push(1150, pose(20.5, 0));
    expect(t.poseAt(1125)!.x).toBeCloseTo(20.25, 12);
  });

  it('interpolates a far entity smoothly between samples 200 ms apart', () => {
    const t = new EntityTrack({ tickMs: 50 });
    t.push(0, pose(0, 0, { vx: 1.5 }));
    t.push(200, pose(0.3, 0, { vx: 1.5 }));
    t.push(400, pose(0.6, 0, { vx: 1.5 }));
    expect(t.poseAt(100)!.x).toBeCloseTo(0.15, 12);
    expect(t.poseAt(250)!.x).toBeCloseTo(0.375, 12);
    expect(t.poseAt(350)!.x).toBeCloseTo(0.525, 12);
  });

  it('after a long silence the motion starts shortly before the new sample', () => {
    const t = new EntityTrack({ tickMs: 50 });
    t.push(0, pose(0, 0));                   // stood still, not mentioned for 5 s
    t.push(5000, pose(0.1, 0, { vx: 2 }));   // walked 0.1 m at 2 m/s: started ~50 ms ago
    expect(t.poseAt(2500)!.x).toBe(0);       // not halfway across the silence
    expect(t.poseAt(4950)!.x).toBe(0);
    expect(t.poseAt(4975)!.x).toBeCloseTo(0.05, 12);
    // a slower start (1 m at 1 m/s) is spread over its one second
    const s = new EntityTrack({ tickMs: 50 });
    s.push(0, pose(0, 0));
    s.push(3000, pose(1, 0, { vx: 1 }));
    expect(s.poseAt(2000)!.x).toBe(0);
    expect(s.poseAt(2500)!.x).toBeCloseTo(0.5, 12);
  });

  it('keeps a bounded ring, replaces same-time samples, drops old ones', () => {
    const t = new EntityTrack({ capacity: 4, tickMs: 50 });
    for (let i = 0; i < 10; i++) t.push(i * 50, pose(i * 0.1, 0));
    expect(t.size).toBe(4);
    expect(t.latestTime()).toBe(450);
    expect(t.poseAt(0)!.x).toBeCloseTo(0.6, 12);   // oldest kept sample is t = 300
    expect(t.poseAt(375)!.x).toBeCloseTo(0.75, 12);
    t.push(450, pose(5, 0));                         // same time: replaces
    expect(t.latest()!.x).toBe(5);
    t.push(100, pose(9, 9));                         // older: dropped
    expect(t.latest()!.x).toBe(5);
    t.clear();
    expect(t.poseAt(0)).toBeUndefined();
  });

  it('returns copies, not its own samples', () => {
    const t = new EntityTrack();
    const p = pose(1, 1);
    t.push(0, p);
    p.x = 99;
    const out = t.poseAt(0)!;
    out.x = 42;
    expect(t.latest()!.x).toBe(1);
  });
});
