import { describe, expect, it } from 'vitest';
import type { Placement } from '../api/rest';
import type { Slot } from '../api/scene-types';
import { fitPicture, fitScale, freeSlots, mediaKind, newestFor, relevantEvents, resolvePlacements, slotSpace } from './asset-layout';

const slots: Slot[] = [
  { id: 'wall-1', kind: 'wall', position: [0, 2.2, -9.98], yaw: 0, width: 2.4, height: 1.8 },
  { id: 'wall-2', kind: 'wall', position: [-9.98, 2.2, 0], yaw: Math.PI / 2, width: 2.4, height: 1.8 },
  { id: 'pedestal-1', kind: 'pedestal', position: [3, 0, 3], height: 1, radius: 0.5, yaw: -Math.PI / 2 },
];

const placement = (id: string, slot: string, format: string): Placement => ({
  id, asset: `a-${id}`, edition: 1, slot, title: id, format, fileUrl: `/api/assets/a-${id}/file`, holder: { id: 'u', name: '' },
});

describe('asset layout', () => {
  it('knows the ledger formats', () => {
    expect(['png', 'JPEG', 'glb', 'gltf', 'mp3', 'wav', 'ogg', 'flac'].map(mediaKind))
      .toEqual(['picture', 'picture', 'model', 'model', 'audio', 'audio', 'audio', 'audio']);
    expect(mediaKind('exe')).toBeNull();
  });

  it('pairs placements with slots and says why the others are left out', () => {
    const r = resolvePlacements([placement('a', 'wall-1', 'png'), placement('b', 'wall-9', 'png'), placement('c', 'pedestal-1', 'svg'),
      placement('d', 'wall-1', 'jpeg'), placement('e', 'pedestal-1', 'glb')], slots);
    expect(r.placed.map((p) => [p.placement.id, p.slot.id, p.kind])).toEqual([['a', 'wall-1', 'picture'], ['e', 'pedestal-1', 'model']]);
    expect(r.skipped.map((s) => [s.placement.id, s.reason])).toEqual([
      ['b', 'the scene has no slot "wall-9"'],
      ['c', 'format "svg" cannot be shown'],
      ['d', 'slot "wall-1" already shows another placement'],
    ]);
  });

  it('offers free slots that suit the kind', () => {
    const taken = [placement('a', 'wall-1', 'png')];
    expect(freeSlots(slots, taken, 'picture').map((s) => s.id)).toEqual(['wall-2']);
    expect(freeSlots(slots, taken, 'model').map((s) => s.id)).toEqual(['pedestal-1']);
    expect(freeSlots(slots, taken, 'audio').map((s) => s.id)).toEqual(['wall-2', 'pedestal-1']);
    expect(freeSlots(slots, [], null).length).toBe(3);
  });

  it('fits pictures and models, keeping proportions', () => {
    expect(fitPicture(1024, 512, 2.4, 1.8)).toEqual({ width: 2.4, height: 1.2 });
    expect(fitPicture(600, 900, 2.4, 1.8)).toEqual({ width: 1.2, height: 1.8 });
    expect(fitPicture(0, 0, 2.4, 1.8)).toEqual({ width: 2.4, height: 1.8 });
    expect(fitScale({ x: 2, y: 6, z: 1 }, { width: 0.9, height: 1.5, depth: 0.9 })).toBeCloseTo(0.25);
    expect(fitScale({ x: 0.1, y: 0.1, z: 0.1 }, { width: 0.9, height: 1.5, depth: 0.9 })).toBeCloseTo(9);
    expect(fitScale({ x: 0, y: 0, z: 0 }, { width: 1, height: 1, depth: 1 })).toBe(1);
    expect(fitScale({ x: 1, y: 0, z: 1 }, { width: 1, height: 1, depth: 0.5 })).toBe(0.5); // flat: height does not count
  });

  it('puts things on the slot: pictures on the wall, models on a shelf off it or on the pedestal top', () => {
    const wall = slotSpace(slots[1]!, 'picture');
    expect(wall.base.map((v) => +v.toFixed(3))).toEqual([-9.98, 1.3, 0]);
    expect(wall.box).toEqual({ width: 2.4, height: 1.8, depth: 0.05 });
    const shelf = slotSpace(slots[1]!, 'model');
    expect(shelf.base.map((v) => +v.toFixed(3))).toEqual([-9.68, 1.3, 0]); // 0.3 m into the room (+X)
    const top = slotSpace(slots[2]!, 'model');
    expect(top.base).toEqual([3, 1, 3]);
    expect(top.yaw).toBeCloseTo(-Math.PI / 2);
    expect(top.box).toEqual({ width: 0.9, height: 1.5, depth: 0.9 });
    expect(slotSpace(slots[2]!, 'picture').box).toEqual({ width: 1.2, height: 1.2, depth: 0.05 });
  });

  it('picks the event to prove and the events to list for an edition', () => {
    const events = [
      { kind: 'register', edition: null, logIndex: 2 },
      { kind: 'mint', edition: 1, logIndex: 3 },
      { kind: 'mint', edition: 6, logIndex: 5 },
      { kind: 'transfer', edition: 2, logIndex: 7 },
      { kind: 'transfer', edition: 4, logIndex: 8 },
      { kind: 'transfer', edition: 2, logIndex: 11 },
      { kind: 'burn', edition: 4, logIndex: 12 },
    ];
    expect(newestFor(events, 2)?.logIndex).toBe(11);
    expect(newestFor(events, 4)?.logIndex).toBe(12);
    expect(newestFor(events, 3)?.logIndex).toBe(3);  // minted in the first batch
    expect(newestFor(events, 7)?.logIndex).toBe(5);
    expect(newestFor([{ kind: 'register', edition: null, logIndex: 0 }], 1)?.logIndex).toBe(0);
    expect(newestFor([], 1)).toBeNull();
    expect(relevantEvents(events, 2).map((e) => e.logIndex)).toEqual([2, 3, 7, 11]);
    expect(relevantEvents(events, 6).map((e) => e.logIndex)).toEqual([2, 3, 5]);
  });
});
