// Name tags cost texture space and fill rate, so only the nearest few entities get one, and tags
// fade out with distance.

export const MAX_NAME_TAGS = 40;
export const TAG_FADE_START = 10;  // metres: fully opaque nearer than this
export const TAG_FADE_END = 24;    // metres: invisible beyond this

export interface Placed { id: number; x: number; y: number; z: number }

/** Ids of the `n` entries nearest to (cx, cy, cz) within `maxDistance`, nearest first. */
export function nearestIds(entries: readonly Placed[], cx: number, cy: number, cz: number, n = MAX_NAME_TAGS,
  maxDistance = TAG_FADE_END): number[] {
  const max2 = maxDistance * maxDistance;
  const near: { id: number; d2: number }[] = [];
  for (const e of entries) {
    const dx = e.x - cx;
    const dy = e.y - cy;
    const dz = e.z - cz;
    const d2 = dx * dx + dy * dy + dz * dz;
    if (d2 <= max2) near.push({ id: e.id, d2 });
  }
  near.sort((a, b) => a.d2 - b.d2 || a.id - b.id);
  return near.slice(0, n).map((e) => e.id);
}

/** Opacity of a tag at `distance` metres. */
export function tagOpacity(distance: number, fadeStart = TAG_FADE_START, fadeEnd = TAG_FADE_END): number {
  if (distance <= fadeStart) return 1;
  if (distance >= fadeEnd) return 0;
  return 1 - (distance - fadeStart) / (fadeEnd - fadeStart);
}

/** Tag size factor at `distance` metres: half size up close, full size from 6 m on. */
export function tagScale(distance: number): number {
  return Math.max(0.5, Math.min(1, distance / 6));
}
