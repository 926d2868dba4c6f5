// On-screen joystick maths: a thumb offset from the stick's centre to a move intent.

import type { MoveIntent } from './movement';

/** Below this fraction of the radius the stick reads as centred. */
export const JOYSTICK_DEADZONE = 0.15;
/** Pushed this far (fraction of the radius) the avatar runs. */
export const JOYSTICK_RUN_AT = 0.9;

export interface StickVector { x: number; y: number; magnitude: number }

/**
 * The stick's vector for a thumb at (dx, dy) pixels from the centre (screen axes: y down), in the
 * unit disc, with the deadzone removed and the rest rescaled to start at 0.
 */
export function stickVector(dx: number, dy: number, radius: number, deadzone = JOYSTICK_DEADZONE): StickVector {
  const len = Math.hypot(dx, dy);
  if (radius <= 0 || len / radius <= deadzone) return { x: 0, y: 0, magnitude: 0 };
  const clamped = Math.min(1, len / radius);
  const magnitude = (clamped - deadzone) / (1 - deadzone);
  return { x: (dx / len) * magnitude, y: (dy / len) * magnitude, magnitude };
}

/** Where to draw the knob: the thumb's offset clamped to the stick's radius. */
export function knobOffset(dx: number, dy: number, radius: number): { x: number; y: number } {
  const len = Math.hypot(dx, dy);
  if (len <= radius || len === 0) return { x: dx, y: dy };
  return { x: (dx / len) * radius, y: (dy / len) * radius };
}

/** Screen up is forward, screen right is right; a full push runs. */
export function stickIntent(v: StickVector): MoveIntent {
  return { forward: -v.y, right: v.x, run: v.magnitude >= JOYSTICK_RUN_AT };
}
