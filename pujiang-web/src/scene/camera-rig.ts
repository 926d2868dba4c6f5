// Where the camera goes in each mode. Third person: on a boom behind and above the avatar's head,
// shortened when a wall is in the way. First person: at the eyes.

import { forwardOf } from './angles';
import { segmentHitsWall, type WallSegment } from './movement';

export const MIN_BOOM = 1.2;
export const MAX_BOOM = 14;
export const DEFAULT_BOOM = 4.5;
/** Third-person pitch limits: never under the floor, never straight down. */
export const THIRD_MIN_PITCH = -1.3;
export const THIRD_MAX_PITCH = 0.5;

export interface Point3 { x: number; y: number; z: number }

/**
 * The third-person camera for an avatar whose head is at `head`, looking along (yaw, pitch) from
 * `boom` metres back. The boom stops 0.2 m short of the first wall between head and camera.
 */
export function thirdPersonEye(head: Point3, yaw: number, pitch: number, boom: number,
  walls: readonly WallSegment[] = []): Point3 {
  const f = forwardOf(yaw);
  const cos = Math.cos(pitch);
  const back = { x: -f.x * cos, y: -Math.sin(pitch), z: -f.z * cos };
  const far = { x: head.x + back.x * boom, z: head.z + back.z * boom };
  const hit = segmentHitsWall({ x: head.x, z: head.z }, far, walls);
  const len = hit < 1 ? Math.max(0.3, boom * hit - 0.2) : boom;
  return { x: head.x + back.x * len, y: head.y + back.y * len, z: head.z + back.z * len };
}

/** The wheel zooms by a factor per notch; the boom stays in range. */
export function zoomBoom(boom: number, wheelDeltaY: number): number {
  const factor = Math.exp(wheelDeltaY * 0.0015);
  return Math.max(MIN_BOOM, Math.min(MAX_BOOM, boom * factor));
}
