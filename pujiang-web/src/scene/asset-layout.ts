// Where and how big a placed digital asset is drawn (docs/scene.md#asset-slots): pure numbers, no Three.js.

import type { Placement } from '../api/rest';
import type { PedestalSlot, Slot, WallSlot } from '../api/scene-types';

export type MediaKind = 'picture' | 'model' | 'audio';

const KINDS: Readonly<Record<string, MediaKind>> = {
  png: 'picture', jpeg: 'picture', jpg: 'picture',
  glb: 'model', gltf: 'model',
  mp3: 'audio', wav: 'audio', ogg: 'audio', flac: 'audio',
};

/** The kind of a ledger format name (case-insensitive), or null for one this client cannot show. */
export function mediaKind(format: string): MediaKind | null {
  return KINDS[format.toLowerCase()] ?? null;
}

/** Slots the placing dialog offers for a kind: pictures on walls, models on pedestals, sound on either. */
export function slotSuits(slot: Slot, kind: MediaKind): boolean {
  return kind === 'audio' || (kind === 'picture' ? slot.kind === 'wall' : slot.kind === 'pedestal');
}

/** The scene's slots no placement uses, in scene order, that suit `kind` (all kinds when null). */
export function freeSlots(slots: readonly Slot[], placements: readonly Placement[], kind: MediaKind | null): Slot[] {
  const taken = new Set(placements.map((p) => p.slot));
  return slots.filter((s) => !taken.has(s.id) && (kind === null || slotSuits(s, kind)));
}

export interface Resolved { placement: Placement; slot: Slot; kind: MediaKind }

/**
 * Pairs placements with the scene's slots. A placement whose slot the scene lacks, whose format this
 * client cannot show, or whose slot an earlier placement already took, is left out with a reason.
 */
export function resolvePlacements(placements: readonly Placement[], slots: readonly Slot[]):
  { placed: Resolved[]; skipped: { placement: Placement; reason: string }[] } {
  const byId = new Map(slots.map((s) => [s.id, s]));
  const used = new Set<string>();
  const placed: Resolved[] = [];
  const skipped: { placement: Placement; reason: string }[] = [];
  for (const p of placements) {
    const slot = byId.get(p.slot);
    const kind = mediaKind(p.format);
    if (slot === undefined) skipped.push({ placement: p, reason: `the scene has no slot "${p.slot}"` });
    else if (kind === null) skipped.push({ placement: p, reason: `format "${p.format}" cannot be shown` });
    else if (used.has(slot.id)) skipped.push({ placement: p, reason: `slot "${p.slot}" already shows another placement` });
    else {
      used.add(slot.id);
      placed.push({ placement: p, slot, kind });
    }
  }
  return { placed, skipped };
}

/** The largest width × height with the proportions of w × h that fits maxW × maxH. */
export function fitPicture(w: number, h: number, maxW: number, maxH: number): { width: number; height: number } {
  if (!(w > 0 && h > 0)) return { width: maxW, height: maxH };
  const s = Math.min(maxW / w, maxH / h);
  return { width: w * s, height: h * s };
}

/** The uniform scale that makes a size fit a box (up or down); 1 for a degenerate size. */
export function fitScale(size: { x: number; y: number; z: number }, box: { width: number; height: number; depth: number }): number {
  const ratios = [box.width / size.x, box.height / size.y, box.depth / size.z].filter((r) => Number.isFinite(r) && r > 0);
  return ratios.length === 0 ? 1 : Math.min(...ratios);
}

/** Frame depth of a picture on a wall (its back is at the slot's position). */
export const FRAME_DEPTH = 0.05;
/** The border of the frame round the picture, each side. */
export const FRAME_BORDER = 0.06;
/** Pictures standing on a pedestal fit this square. */
export const STANDING_PICTURE = 1.2;
/** Models on a pedestal fit 1.8 × radius wide and deep, and this tall. */
export const PEDESTAL_MODEL_HEIGHT = 1.5;
/** Models on a wall slot stand on a shelf this far (its middle) from the wall, in a box this deep. */
export const SHELF_OFFSET = 0.3;
export const SHELF_DEPTH = 0.5;

/**
 * Where a thing stands or hangs in a slot, in the slot's own frame turned by `yaw` (front +Z): `base` is
 * the world point under the middle of the thing (wall: the bottom middle of the frame's box; pedestal:
 * the centre of its top), and `box` the space it may fill above that point.
 */
export function slotSpace(slot: Slot, kind: MediaKind): { base: [number, number, number]; yaw: number;
  box: { width: number; height: number; depth: number } } {
  if (slot.kind === 'wall') return wallSpace(slot, kind);
  return pedestalSpace(slot, kind);
}

function wallSpace(slot: WallSlot, kind: MediaKind) {
  const [x, y, z] = slot.position;
  const nx = Math.sin(slot.yaw);
  const nz = Math.cos(slot.yaw);
  // Pictures and speakers hang flat; models stand on a shelf at the frame's bottom edge, off the wall.
  const out = kind === 'model' ? SHELF_OFFSET : 0;
  const depth = kind === 'model' ? SHELF_DEPTH : FRAME_DEPTH;
  return { base: [x + nx * out, y - slot.height / 2, z + nz * out] as [number, number, number], yaw: slot.yaw,
    box: { width: slot.width, height: slot.height, depth } };
}

function pedestalSpace(slot: PedestalSlot, kind: MediaKind) {
  const [x, y, z] = slot.position;
  const side = kind === 'picture' ? STANDING_PICTURE : 1.8 * slot.radius;
  const height = kind === 'picture' ? STANDING_PICTURE : PEDESTAL_MODEL_HEIGHT;
  return { base: [x, y + slot.height, z] as [number, number, number], yaw: slot.yaw ?? 0,
    box: { width: side, height, depth: kind === 'picture' ? FRAME_DEPTH : side } };
}

type EventLike = { kind: string; edition: number | null; logIndex: number };

/**
 * The event whose proof the card checks: the newest transfer or burn of the edition; else the mint that
 * made it (the newest mint whose first edition is at most this one); else the registration.
 */
export function newestFor<E extends EventLike>(events: readonly E[], edition: number): E | null {
  const newest = (list: E[]) => list.reduce<E | null>((best, e) => (best === null || e.logIndex > best.logIndex ? e : best), null);
  return newest(events.filter((e) => (e.kind === 'transfer' || e.kind === 'burn') && e.edition === edition))
    ?? newest(events.filter((e) => e.kind === 'mint' && (e.edition === null || e.edition <= edition)))
    ?? newest(events.filter((e) => e.kind === 'register'));
}

/**
 * The events an edition's card lists, in log order: the registration, the mints up to the one that made
 * the edition, and the edition's own transfers and burns.
 */
export function relevantEvents<E extends EventLike>(events: readonly E[], edition: number): E[] {
  return events.filter((e) => e.kind === 'register' || (e.kind === 'mint' && (e.edition === null || e.edition <= edition))
    || e.edition === edition).sort((a, b) => a.logIndex - b.logIndex);
}
