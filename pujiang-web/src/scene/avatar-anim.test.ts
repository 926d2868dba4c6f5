import { describe, expect, it } from 'vitest';
import { Anim } from '../net/types';
import { advancePhase, applySpeech, gestureOf, limbPose } from './avatar-anim';

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

  it('draws the digital humans’ gestures, and lets one last as long as asked', () => {
    const point = limbPose(Anim.IDLE, 0, 0, 0, { kind: 'point', age: 1 });
    expect(point.rightArm).toBeGreaterThan(1.3);
    expect(point.leftArm).toBeLessThan(0.2);
    const nod = limbPose(Anim.IDLE, 0, 0, 0, { kind: 'nod', age: 0.5 });
    expect(nod.headPitch).not.toBe(0);
    const shrug = limbPose(Anim.IDLE, 0, 0, 0, { kind: 'shrug', age: 1 });
    expect(shrug.leftArmOut).toBeGreaterThan(0.6);
    expect(shrug.headRoll).toBeLessThan(0);
    const explainLate = limbPose(Anim.IDLE, 0, 0, 0, { kind: 'explain', age: 5, length: 6 });
    expect(explainLate.leftArm).toBeGreaterThan(0.5);
    expect(limbPose(Anim.IDLE, 0, 0, 0, { kind: 'explain', age: 5 }).leftArm).toBeCloseTo(0);  // 2 s by default
  });

  it('moves a speaking head and holds it by expression', () => {
    const still = limbPose(Anim.IDLE, 0, 0, 0, null);
    expect([still.headPitch, still.headRoll]).toEqual([0, 0]);
    const attentive = { ...still };
    applySpeech(attentive, { mouth: 0, speaking: false, expression: 'attentive' }, 0);
    expect(attentive.headRoll).toBeCloseTo(0.12);
    const concerned = { ...still };
    applySpeech(concerned, { mouth: 0, speaking: false, expression: 'concerned' }, 0);
    expect(concerned.headPitch).toBeCloseTo(0.12);
    const talking = { ...still };
    applySpeech(talking, { mouth: 1, speaking: true, expression: 'neutral' }, 0);
    expect(talking.headPitch).toBeCloseTo(0.05);
  });
});
