import { describe, expect, it } from 'vitest';
import { nearestIds, tagOpacity, tagScale } from './name-tag-select';
import { TagAtlasSlots } from './tag-atlas-slots';

describe('name tags', () => {
  it('picks the nearest N within range, nearest first', () => {
    const entries = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, x: i * 0.5, y: 0, z: 0 }));
    const ids = nearestIds(entries, 10, 0, 0, 5);
    expect(ids).toEqual([21, 20, 22, 19, 23]);
    expect(nearestIds(entries, 0, 0, 0, 40, 24).length).toBe(40);
    expect(nearestIds(entries, 0, 0, 0, 100, 24).length).toBe(49);  // 0 … 24 m in 0.5 m steps
  });

  it('shrinks tags near the camera to half size', () => {
    expect(tagScale(1)).toBe(0.5);
    expect(tagScale(4.5)).toBe(0.75);
    expect(tagScale(12)).toBe(1);
  });

  it('fades from 10 m to 24 m', () => {
    expect(tagOpacity(5)).toBe(1);
    expect(tagOpacity(17)).toBeCloseTo(0.5);
    expect(tagOpacity(30)).toBe(0);
  });

  it('reuses atlas cells and evicts the least recently used label not on screen', () => {
    const atlas = new TagAtlasSlots(2);
    atlas.nextFrame();
    expect(atlas.cellFor('Ann')).toEqual({ cell: 0, fresh: true });
    expect(atlas.cellFor('Bo')).toEqual({ cell: 1, fresh: true });
    expect(atlas.cellFor('Cy')).toBeNull();        // both cells on screen this frame
    atlas.nextFrame();
    expect(atlas.cellFor('Bo')).toEqual({ cell: 1, fresh: false });
    expect(atlas.cellFor('Cy')).toEqual({ cell: 0, fresh: true });  // Ann was not used this frame
    expect(atlas.has('Ann')).toBe(false);
  });
});
