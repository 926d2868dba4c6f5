// Angle helpers shared by movement, look and the camera. Yaw is about +Y; 0 faces -Z and positive
// turns towards -X (Three.js convention, as in the protocol and scene-types.ts).

const TAU = Math.PI * 2;

/** The angle brought into (-π, π]. */
export function normaliseAngle(a: number): number {
  let r = a % TAU;
  if (r <= -Math.PI) r += TAU;
  else if (r > Math.PI) r -= TAU;
  return r;
}

/** The signed shortest turn from `from` to `to`, in (-π, π]. */
export function angleDelta(from: number, to: number): number {
  return normaliseAngle(to - from);
}

/** Turns `current` towards `target` by at most `maxStep` radians, along the shorter arc. */
export function turnTowards(current: number, target: number, maxStep: number): number {
  const d = angleDelta(current, target);
  if (Math.abs(d) <= maxStep) return normaliseAngle(target);
  return normaliseAngle(current + Math.sign(d) * maxStep);
}

/** The unit vector (x, z) an avatar with this yaw faces. */
export function forwardOf(yaw: number): { x: number; z: number } {
  return { x: -Math.sin(yaw), z: -Math.cos(yaw) };
}

/** The yaw that faces along (dx, dz). */
export function yawOf(dx: number, dz: number): number {
  return Math.atan2(-dx, -dz);
}
