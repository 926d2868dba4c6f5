// VR locomotion maths: thumbstick deadzones, snap turning, and turning the play area about the head.

import type { MoveIntent } from '../scene/movement';

export const STICK_DEADZONE = 0.2;
export const SNAP_ANGLE = Math.PI / 6;    // 30° per flick
export const SNAP_TRIGGER = 0.7;          // stick x beyond this turns once…
export const SNAP_REARM = 0.3;            // …and must come back inside this before the next turn
export const RUN_AT = 0.95;

/** The stick value with the deadzone removed and the rest rescaled to start at 0. */
export function deadzone(v: number, dz = STICK_DEADZONE): number {
  const a = Math.abs(v);
  if (a <= dz) return 0;
  return (Math.sign(v) * (Math.min(1, a) - dz)) / (1 - dz);
}

/** The thumbstick of an xr-standard gamepad (axes 2, 3), or the only stick of a two-axis one. */
export function thumbstick(axes: readonly number[]): { x: number; y: number } {
  if (axes.length >= 4) return { x: axes[2] ?? 0, y: axes[3] ?? 0 };
  return { x: axes[0] ?? 0, y: axes[1] ?? 0 };
}

/** Left stick: push forward (y < 0) to walk forward; a full push runs. */
export function stickMove(x: number, y: number): MoveIntent {
  const fx = deadzone(x);
  const fy = deadzone(y);
  return { forward: -fy, right: fx, run: Math.hypot(fx, fy) >= RUN_AT };
}

/** Right stick: one turn per flick; answers the yaw change in radians (positive turns left). */
export class SnapTurn {
  private armed = true;

  update(x: number): number {
    if (!this.armed) {
      if (Math.abs(x) < SNAP_REARM) this.armed = true;
      return 0;
    }
    if (x >= SNAP_TRIGGER) { this.armed = false; return -SNAP_ANGLE; }
    if (x <= -SNAP_TRIGGER) { this.armed = false; return SNAP_ANGLE; }
    return 0;
  }
}

/** (px, pz) turned by `angle` about Y around the centre (cx, cz), as Three.js rotates about Y. */
export function rotateAbout(px: number, pz: number, cx: number, cz: number, angle: number): { x: number; z: number } {
  const dx = px - cx;
  const dz = pz - cz;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return { x: cx + dx * c + dz * s, z: cz - dx * s + dz * c };
}
