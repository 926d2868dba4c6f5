// Click-to-move: walk towards a point on the floor, slow down on arrival, give up when blocked.

import type { Vec2 } from './movement';
import { WALK_SPEED } from './movement';

export const ARRIVE_DISTANCE = 0.1;
/** Within this distance the speed ramps down, so the avatar does not overshoot and jitter. */
const SLOW_RADIUS = 0.5;
/** Seconds with almost no progress before we decide a wall is in the way. */
const STUCK_SECONDS = 0.6;

export interface ClickMove { target: Vec2; bestDistance: number; stuckFor: number }

export function startClickMove(target: Vec2, from: Vec2): ClickMove {
  return { target, bestDistance: Math.hypot(target.x - from.x, target.z - from.z), stuckFor: 0 };
}

/**
 * The velocity to use this frame, or null when the walk is over (arrived or blocked).
 * Mutates `m` to track progress.
 */
export function steer(m: ClickMove, pos: Vec2, dt: number, speed = WALK_SPEED): Vec2 | null {
  const dx = m.target.x - pos.x;
  const dz = m.target.z - pos.z;
  const dist = Math.hypot(dx, dz);
  if (dist <= ARRIVE_DISTANCE) return null;
  if (dist < m.bestDistance - 0.02) {
    m.bestDistance = dist;
    m.stuckFor = 0;
  } else {
    m.stuckFor += dt;
    if (m.stuckFor >= STUCK_SECONDS) return null;
  }
  const s = dist < SLOW_RADIUS ? Math.max(0.3, (speed * dist) / SLOW_RADIUS) : speed;
  return { x: (dx / dist) * s, z: (dz / dist) * s };
}
