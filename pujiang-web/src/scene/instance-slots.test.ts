import { describe, expect, it } from 'vitest';
import { InstanceSlots } from './instance-slots';

describe('InstanceSlots', () => {
  it('hands out packed slots and keeps them per id', () => {
    const s = new InstanceSlots();
    expect([s.acquire(10), s.acquire(11), s.acquire(12), s.acquire(10)]).toEqual([0, 1, 2, 0]);
    expect(s.count).toBe(3);
  });

  it('moves the last avatar into the hole left by one who exits', () => {
    const s = new InstanceSlots();
    [10, 11, 12, 13].forEach((id) => s.acquire(id));
    expect(s.release(11)).toEqual({ id: 13, from: 3, to: 1 });
    expect(s.count).toBe(3);
    expect(s.slotOf(13)).toBe(1);
    expect(s.idAt(1)).toBe(13);
    expect(s.slotOf(11)).toBeUndefined();
    expect(s.release(13 + 100)).toBeNull();
    expect(s.release(12)).toBeNull();  // the last slot: nothing moves
    expect(s.ids()).toEqual([10, 13]);
  });

  it('recycles freed slots for newcomers', () => {
    const s = new InstanceSlots();
    [1, 2, 3].forEach((id) => s.acquire(id));
    s.release(1);
    expect(s.acquire(4)).toBe(2);
    expect(s.ids()).toEqual([3, 2, 4]);
  });

  it('keeps only the ids still in view, 200 in and 150 out', () => {
    const s = new InstanceSlots();
    for (let id = 1; id <= 200; id++) s.acquire(id);
    const keep = new Set<number>();
    for (let id = 151; id <= 200; id++) keep.add(id);
    const moves = s.retainOnly(keep);
    expect(s.count).toBe(50);
    expect(moves.length).toBeGreaterThan(0);
    const slots = [...keep].map((id) => s.slotOf(id)!).sort((a, b) => a - b);
    expect(slots).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
