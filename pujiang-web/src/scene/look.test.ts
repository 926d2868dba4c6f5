import { describe, expect, it } from 'vitest';
import { angleDelta, forwardOf, normaliseAngle, turnTowards, yawOf } from './angles';
import { applyLook, MAX_PITCH } from './look';

describe('look', () => {
  it('turns right when the mouse moves right and looks up when it moves up', () => {
    const l = applyLook({ yaw: 0, pitch: 0 }, 100, -40);
    expect(l.yaw).toBeCloseTo(-0.25);
    expect(l.pitch).toBeCloseTo(0.1);
  });

  it('clamps pitch short of straight up and down, and wraps yaw', () => {
    expect(applyLook({ yaw: 0, pitch: 0 }, 0, -10_000).pitch).toBeCloseTo(MAX_PITCH);
    expect(applyLook({ yaw: 0, pitch: 0 }, 0, 10_000).pitch).toBeCloseTo(-MAX_PITCH);
    expect(applyLook({ yaw: 3, pitch: 0 }, -100, 0).yaw).toBeCloseTo(3.25 - 2 * Math.PI);
  });
});

describe('angles', () => {
  it('faces -Z at yaw 0 and -X at yaw π/2', () => {
    expect(forwardOf(0).z).toBeCloseTo(-1);
    expect(forwardOf(Math.PI / 2).x).toBeCloseTo(-1);
    expect(yawOf(-1, 0)).toBeCloseTo(Math.PI / 2);
    expect(yawOf(0, -1)).toBeCloseTo(0);
  });

  it('turns along the shorter arc', () => {
    expect(angleDelta(3, -3)).toBeCloseTo(2 * Math.PI - 6);
    expect(turnTowards(3, -3, 0.1)).toBeCloseTo(3.1);
    expect(turnTowards(0, 0.05, 0.1)).toBeCloseTo(0.05);
    expect(normaliseAngle(7)).toBeCloseTo(7 - 2 * Math.PI);
  });
});
