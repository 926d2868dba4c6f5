// Turning the view from pointer deltas (mouse drag, pointer lock, touch drag).

import { normaliseAngle } from './angles';

/** Radians per CSS pixel of pointer motion. */
export const MOUSE_SENSITIVITY = 0.0025;
/** Touch drags turn a bit faster: fingers travel less than mice. */
export const TOUCH_SENSITIVITY = 0.005;
/** Pitch limit: just short of straight up/down, so the camera basis never degenerates. */
export const MAX_PITCH = Math.PI / 2 - 0.05;

export interface Look { yaw: number; pitch: number }

/**
 * The view after a pointer moved by (dx, dy) pixels: moving right turns right (yaw decreases,
 * since positive yaw turns towards -X), moving up looks up (pitch increases).
 */
export function applyLook(look: Look, dx: number, dy: number, sensitivity = MOUSE_SENSITIVITY,
  maxPitch = MAX_PITCH): Look {
  const yaw = normaliseAngle(look.yaw - dx * sensitivity);
  const pitch = Math.max(-maxPitch, Math.min(maxPitch, look.pitch - dy * sensitivity));
  return { yaw, pitch };
}
