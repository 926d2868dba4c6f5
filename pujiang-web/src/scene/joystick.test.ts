import { describe, expect, it } from 'vitest';
import { knobOffset, stickIntent, stickVector } from './joystick';

describe('joystick', () => {
  it('reads nothing inside the deadzone', () => {
    expect(stickVector(5, 0, 50)).toEqual({ x: 0, y: 0, magnitude: 0 });  // 10% < 15%
  });

  it('rescales past the deadzone and clamps to the rim', () => {
    const half = stickVector(0, -(0.15 + 0.85 / 2) * 50, 50);
    expect(half.magnitude).toBeCloseTo(0.5);
    expect(half.y).toBeCloseTo(-0.5);
    const far = stickVector(300, 400, 50);
    expect(far.magnitude).toBe(1);
    expect(far.x).toBeCloseTo(0.6);
    expect(far.y).toBeCloseTo(0.8);
  });

  it('pushes up to walk forward, to the right to strafe right, fully to run', () => {
    expect(stickIntent(stickVector(0, -30, 50))).toMatchObject({ forward: expect.closeTo(0.529, 3), right: 0, run: false });
    expect(stickIntent(stickVector(50, 0, 50))).toMatchObject({ forward: -0, right: 1, run: true });
  });

  it('keeps the knob on the rim', () => {
    expect(knobOffset(30, 40, 100)).toEqual({ x: 30, y: 40 });
    expect(knobOffset(60, 80, 50)).toEqual({ x: 30, y: 40 });
  });
});
