// Procedural avatar animation: idle bob, walk/run cycle scaled by speed, and gestures (emotes, and
// the cues digital humans send with what they say).
// Angles are radians about the avatar's local X axis (positive swings a limb forward).

import type { Expression } from '../agent/agent-logic';
import { Anim } from '../net/types';

/** Metres per full walk cycle (two steps). */
const STRIDE = 1.3;
/** A gesture plays for this long after an emote arrives. */
export const GESTURE_SECONDS = 2;

export interface LimbPose {
  bob: number;        // metres, body offset up/down
  lean: number;       // radians, body pitched forward
  leftLeg: number;
  rightLeg: number;
  leftArm: number;    // forward swing
  rightArm: number;
  leftArmOut: number; // radians, raised sideways (about local Z)
  rightArmOut: number;
  headPitch: number;  // radians, head tipped forward (a nod) about the neck
  headRoll: number;   // radians, head tilted towards the avatar's right
}

/** Advances the walk phase (radians) by the distance covered at `speed` m/s in `dt` s. */
export function advancePhase(phase: number, speed: number, dt: number): number {
  return (phase + (speed * dt * Math.PI * 2) / STRIDE) % (Math.PI * 2);
}

/**
 * Emote numbers as the app's emote bar sends them (src/app/emotes.ts): 1 wave, 2 clap, 3 dance,
 * 4 cheer, 5 bow, 6 think. Any other number waves.
 */
export type Gesture = 'wave' | 'clap' | 'dance' | 'cheer' | 'bow' | 'think' | 'point' | 'explain' | 'nod' | 'shrug';
const GESTURES: readonly Gesture[] = ['wave', 'clap', 'dance', 'cheer', 'bow', 'think'];  // the emote bar's, in order
export function gestureOf(emote: number): Gesture {
  return GESTURES[emote - 1] ?? 'wave';
}

/**
 * The limb angles for an avatar moving at `speed` m/s with walk phase `phase`, at time `t` seconds
 * (for idle breathing), with an optional gesture `age` seconds old that lasts `length` seconds
 * (GESTURE_SECONDS when not given).
 */
export function limbPose(anim: number, speed: number, phase: number, t: number,
  gesture: { kind: Gesture; age: number; length?: number } | null): LimbPose {
  const moving = speed > 0.05 || anim === Anim.WALK || anim === Anim.RUN;
  // Swing grows with speed up to a run; a slow shuffle swings little.
  const amp = moving ? Math.min(0.75, 0.2 + speed * 0.2) : 0;
  const swing = Math.sin(phase) * amp;
  const pose: LimbPose = {
    bob: moving ? Math.abs(Math.cos(phase)) * 0.04 * Math.min(1, speed / 1.6) : Math.sin(t * 2) * 0.012,
    lean: moving ? Math.min(0.15, speed * 0.035) : 0,
    leftLeg: swing,
    rightLeg: -swing,
    leftArm: -swing * 0.8,
    rightArm: swing * 0.8,
    leftArmOut: 0.08,
    rightArmOut: 0.08,
    headPitch: 0,
    headRoll: 0,
  };
  // A gesture from an emote, or the GESTURE anim state (drawn as a wave) when someone stands still.
  const g = gesture && gesture.age < (gesture.length ?? GESTURE_SECONDS) ? gesture
    : anim === Anim.GESTURE && !moving ? { kind: 'wave' as const, age: t % GESTURE_SECONDS } : null;
  if (g) {
    // Ease in and out over the first and last 0.25 s.
    const length = 'length' in g && g.length !== undefined ? g.length : GESTURE_SECONDS;
    const w = Math.max(0, Math.min(1, g.age / 0.25, (length - g.age) / 0.25));
    const a = g.age;
    switch (g.kind) {
      case 'wave':
        pose.rightArmOut = lerp(pose.rightArmOut, 2.6 + Math.sin(a * 14) * 0.35, w);
        pose.rightArm = lerp(pose.rightArm, 0, w);
        break;
      case 'clap':
        // Both arms forward, hands meeting in front of the chest.
        pose.leftArm = lerp(pose.leftArm, 1.25, w);
        pose.rightArm = lerp(pose.rightArm, 1.25, w);
        pose.leftArmOut = lerp(pose.leftArmOut, -0.1 + Math.max(0, Math.sin(a * 16)) * 0.4, w);
        pose.rightArmOut = lerp(pose.rightArmOut, -0.1 + Math.max(0, Math.sin(a * 16)) * 0.4, w);
        break;
      case 'dance':
        pose.leftArmOut = lerp(pose.leftArmOut, 1.6 + Math.sin(a * 8) * 0.9, w);
        pose.rightArmOut = lerp(pose.rightArmOut, 1.6 - Math.sin(a * 8) * 0.9, w);
        pose.leftLeg = lerp(pose.leftLeg, Math.max(0, Math.sin(a * 8)) * 0.5, w);
        pose.rightLeg = lerp(pose.rightLeg, Math.max(0, -Math.sin(a * 8)) * 0.5, w);
        pose.bob += Math.abs(Math.sin(a * 8)) * 0.06 * w;
        break;
      case 'cheer': {
        const lift = 2.8 + Math.sin(a * 10) * 0.15;
        pose.leftArmOut = lerp(pose.leftArmOut, lift, w);
        pose.rightArmOut = lerp(pose.rightArmOut, lift, w);
        pose.leftArm = lerp(pose.leftArm, 0, w);
        pose.rightArm = lerp(pose.rightArm, 0, w);
        pose.bob += Math.abs(Math.sin(a * 10)) * 0.05 * w;
        break;
      }
      case 'bow':
        pose.lean = lerp(pose.lean, 0.7, w);
        pose.leftArm = lerp(pose.leftArm, 0.3, w);
        pose.rightArm = lerp(pose.rightArm, 0.3, w);
        pose.headPitch = lerp(pose.headPitch, 0.25, w);
        break;
      case 'think':
        // Hand to the chin.
        pose.rightArm = lerp(pose.rightArm, 2.3, w);
        pose.rightArmOut = lerp(pose.rightArmOut, -0.45, w);
        pose.headRoll = lerp(pose.headRoll, 0.15, w);
        break;
      case 'point':
        // The right arm straight out ahead, towards what is being shown.
        pose.rightArm = lerp(pose.rightArm, 1.45, w);
        pose.rightArmOut = lerp(pose.rightArmOut, 0.25, w);
        break;
      case 'explain': {
        // Both forearms forward, hands opening in turn as if setting points out.
        const beat = Math.sin(a * 4);
        pose.leftArm = lerp(pose.leftArm, 0.75 + beat * 0.18, w);
        pose.rightArm = lerp(pose.rightArm, 0.75 - beat * 0.18, w);
        pose.leftArmOut = lerp(pose.leftArmOut, 0.3, w);
        pose.rightArmOut = lerp(pose.rightArmOut, 0.3, w);
        break;
      }
      case 'nod':
        pose.headPitch = lerp(pose.headPitch, 0.12 + Math.sin(a * 9) * 0.18, w);
        break;
      case 'shrug':
        pose.leftArm = lerp(pose.leftArm, 0.5, w);
        pose.rightArm = lerp(pose.rightArm, 0.5, w);
        pose.leftArmOut = lerp(pose.leftArmOut, 0.7, w);
        pose.rightArmOut = lerp(pose.rightArmOut, 0.7, w);
        pose.bob += 0.03 * w;
        pose.headRoll = lerp(pose.headRoll, -0.18, w);
        break;
    }
  }
  return pose;
}

function lerp(a: number, b: number, w: number): number {
  return a + (b - a) * w;
}

/** What a speaking digital human's head does: the cues of its current line (see agent/agent-speech.ts). */
export interface SpeechCue { mouth: number; speaking: boolean; expression: Expression }

/**
 * Adds speech to a pose: the head dips a little with each syllable and sways slowly while talking, and
 * the expression holds it: attentive tilts it, concerned lowers it, a smile lifts the chin.
 */
export function applySpeech(pose: LimbPose, cue: SpeechCue, t: number): void {
  if (cue.speaking) {
    pose.headPitch += cue.mouth * 0.05 + Math.sin(t * 2.3) * 0.025;
    pose.headRoll += Math.sin(t * 1.3) * 0.03;
  }
  switch (cue.expression) {
    case 'attentive': pose.headRoll += 0.12; pose.headPitch -= 0.03; break;
    case 'concerned': pose.headPitch += 0.12; pose.headRoll -= 0.05; break;
    case 'smile': pose.headPitch -= 0.04; break;
    case 'neutral': break;
  }
}
