import { describe, expect, it } from 'vitest';
import { Anim } from '../net/types';
import { advancePhase, gestureOf, limbPose } from './avatar-anim';

describe('avatar animation', () => {
  it('advances a full cycle per 1.3 m walked', () => {
    expect(advancePhase(0, 1.3, 0.5)).toBeCloseTo(Math.PI);
    expect(advancePhase(0, 0, 10)).toBe(0);
  });

  it('stands still with only a small breathing bob when idle', () => {
    const p = limbPose(Anim.IDLE, 0, 0, 1, null);
    expect(p.leftLeg).toBe(0);
    expect(p.rightArm).toBeCloseTo(0);
    expect(Math.abs(p.bob)).toBeLessThan(0.02);
  });

  it('swings legs against each other, wider when running', () => {
    const walk = limbPose(Anim.WALK, 1.6, Math.PI / 2, 0, null);
    expect(walk.leftLeg).toBeCloseTo(0.52);
    expect(walk.rightLeg).toBeCloseTo(-0.52);
    expect(walk.leftArm).toBeCloseTo(-0.416);
    const run = limbPose(Anim.RUN, 3.5, Math.PI / 2, 0, null);
    expect(run.leftLeg).toBeCloseTo(0.75);
    expect(run.lean).toBeGreaterThan(walk.lean);
  });

  it('maps the emote bar numbers to gestures and raises the arm to wave', () => {
    expect([1, 2, 3, 4, 5, 6, 0, 99].map(gestureOf)).toEqual(['wave', 'clap', 'dance', 'cheer', 'bow', 'think', 'wave', 'wave']);
    const wave = limbPose(Anim.IDLE, 0, 0, 0, { kind: 'wave', age: 1 });
    expect(wave.rightArmOut).toBeGreaterThan(2);
    const bow = limbPose(Anim.IDLE, 0, 0, 0, { kind: 'bow', age: 1 });
    expect(bow.lean).toBeCloseTo(0.7);
    const over = limbPose(Anim.IDLE, 0, 0, 0, { kind: 'bow', age: 2.5 });
    expect(over.lean).toBe(0);
  });

  it('draws the GESTURE anim state as a wave', () => {
    expect(limbPose(Anim.GESTURE, 0, 0, 1, null).rightArmOut).toBeGreaterThan(2);
  });
});
