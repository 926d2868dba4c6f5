// Our own avatar's motion: keys/joystick to a velocity, integration, wall collision and the walkable
// area. Pure functions, so they run in node tests.

import type { Bounds } from '../net/types';
import type { SceneDoc, Wall } from '../api/scene-types';
import { forwardOf } from './angles';

export const WALK_SPEED = 1.6;   // m/s
export const RUN_SPEED = 3.5;    // m/s; the server allows up to 10
export const AVATAR_RADIUS = 0.3;
/** Walls whose bottom is higher than this above the feet (beams, lintels) do not block. */
const WALL_BLOCKS_BELOW = 1.5;

/** What the player asks for: forward/right in [-1, 1] (joystick magnitudes), run with Shift. */
export interface MoveIntent { forward: number; right: number; run: boolean }

/** A wall as a 2-D segment on the floor plane with half its thickness. */
export interface WallSegment { ax: number; az: number; bx: number; bz: number; half: number; bottom: number; top: number }

/** The rectangle avatars may stand in (floor ∩ server bounds). */
export interface Area { minX: number; minZ: number; maxX: number; maxZ: number }

export interface Vec2 { x: number; z: number }

/** Walls without their own `y` stand on the floor at `floorY`. */
export function wallSegments(walls: readonly Wall[], floorY = 0): WallSegment[] {
  return walls.map((w) => {
    const bottom = w.y ?? floorY;
    return { ax: w.from[0], az: w.from[1], bx: w.to[0], bz: w.to[1], half: w.thickness / 2, bottom, top: bottom + w.height };
  });
}

/** The floor rectangle, narrowed by the server's bounds once known. */
export function walkableArea(floor: SceneDoc['floor'], bounds: Bounds | null): Area {
  if (!bounds) return { minX: floor.minX, minZ: floor.minZ, maxX: floor.maxX, maxZ: floor.maxZ };
  const area = {
    minX: Math.max(floor.minX, bounds.minX), minZ: Math.max(floor.minZ, bounds.minZ),
    maxX: Math.min(floor.maxX, bounds.maxX), maxZ: Math.min(floor.maxZ, bounds.maxZ),
  };
  // Floor and bounds that do not overlap: trust the server.
  if (area.minX > area.maxX || area.minZ > area.maxZ) {
    return { minX: bounds.minX, minZ: bounds.minZ, maxX: bounds.maxX, maxZ: bounds.maxZ };
  }
  return area;
}

/**
 * World-space velocity for an intent relative to the view yaw. Diagonals are not faster: the
 * (forward, right) vector is clamped to length 1 and keeps a joystick's partial tilt.
 */
export function intentVelocity(intent: MoveIntent, viewYaw: number): Vec2 {
  let f = intent.forward;
  let r = intent.right;
  const len = Math.hypot(f, r);
  if (len < 1e-6) return { x: 0, z: 0 };
  if (len > 1) { f /= len; r /= len; }
  const speed = intent.run ? RUN_SPEED : WALK_SPEED;
  const fw = forwardOf(viewYaw);
  // Right of the forward vector (x, z) on the floor is (-z, x).
  const rx = -fw.z;
  const rz = fw.x;
  return { x: (fw.x * f + rx * r) * speed, z: (fw.z * f + rz * r) * speed };
}

/** Closest point to (px, pz) on segment a–b. */
function closestOnSegment(s: WallSegment, px: number, pz: number): Vec2 {
  const dx = s.bx - s.ax;
  const dz = s.bz - s.az;
  const len2 = dx * dx + dz * dz;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - s.ax) * dx + (pz - s.az) * dz) / len2));
  return { x: s.ax + t * dx, z: s.az + t * dz };
}

/**
 * Pushes a circle out of every wall it overlaps (walls are capsules of their half thickness).
 * A few passes settle corners where two walls meet.
 */
export function resolveWalls(p: Vec2, radius: number, walls: readonly WallSegment[], feetY = 0): Vec2 {
  let x = p.x;
  let z = p.z;
  for (let pass = 0; pass < 4; pass++) {
    let moved = false;
    for (const w of walls) {
      if (w.bottom > feetY + WALL_BLOCKS_BELOW || w.top < feetY + 0.05) continue;
      const c = closestOnSegment(w, x, z);
      const dx = x - c.x;
      const dz = z - c.z;
      const min = radius + w.half;
      const d2 = dx * dx + dz * dz;
      if (d2 >= min * min) continue;
      const d = Math.sqrt(d2);
      if (d < 1e-9) {
        // Exactly on the centre line: push along the wall's normal.
        const lx = w.bx - w.ax;
        const lz = w.bz - w.az;
        const l = Math.hypot(lx, lz) || 1;
        x = c.x + (-lz / l) * min;
        z = c.z + (lx / l) * min;
      } else {
        x = c.x + (dx / d) * min;
        z = c.z + (dz / d) * min;
      }
      moved = true;
    }
    if (!moved) break;
  }
  return { x, z };
}

export function clampToArea(p: Vec2, area: Area, radius = 0): Vec2 {
  const minX = Math.min(area.minX + radius, (area.minX + area.maxX) / 2);
  const maxX = Math.max(area.maxX - radius, (area.minX + area.maxX) / 2);
  const minZ = Math.min(area.minZ + radius, (area.minZ + area.maxZ) / 2);
  const maxZ = Math.max(area.maxZ - radius, (area.minZ + area.maxZ) / 2);
  return { x: Math.max(minX, Math.min(maxX, p.x)), z: Math.max(minZ, Math.min(maxZ, p.z)) };
}

export interface World { walls: readonly WallSegment[]; area: Area; feetY: number }

/**
 * Moves from `p` with velocity `v` for `dt` seconds, stopping at walls and the area's edge.
 * Long steps are split so a fast move cannot jump over a thin wall.
 */
export function step(p: Vec2, v: Vec2, dt: number, world: World, radius = AVATAR_RADIUS): Vec2 {
  const dist = Math.hypot(v.x, v.z) * dt;
  const n = Math.max(1, Math.ceil(dist / (radius * 0.5)));
  let cur = p;
  for (let i = 0; i < n; i++) {
    const next = { x: cur.x + (v.x * dt) / n, z: cur.z + (v.z * dt) / n };
    cur = clampToArea(resolveWalls(next, radius, world.walls, world.feetY), world.area, radius);
  }
  return cur;
}

/** Whether the straight line a→b crosses a wall (thickness ignored): used to shorten the camera boom. */
export function segmentHitsWall(a: Vec2, b: Vec2, walls: readonly WallSegment[]): number {
  // Returns the fraction along a→b of the first crossing, or 1 when clear.
  let best = 1;
  const rx = b.x - a.x;
  const rz = b.z - a.z;
  for (const w of walls) {
    const sx = w.bx - w.ax;
    const sz = w.bz - w.az;
    const denom = rx * sz - rz * sx;
    if (Math.abs(denom) < 1e-12) continue;
    const qx = w.ax - a.x;
    const qz = w.az - a.z;
    const t = (qx * sz - qz * sx) / denom;
    const u = (qx * rz - qz * rx) / denom;
    if (t >= 0 && t < best && u >= 0 && u <= 1) best = t;
  }
  return best;
}
