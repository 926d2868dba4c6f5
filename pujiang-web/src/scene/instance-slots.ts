// Which entity is drawn by which instance of the crowd's InstancedMeshes. Slots stay packed
// (0 … count-1), so the meshes draw exactly `count` instances: when an entity leaves, the entity in
// the last slot moves into the hole, and the caller re-writes that slot's per-instance colour.

export interface SlotMove { id: number; from: number; to: number }

export class InstanceSlots {
  private readonly slotById = new Map<number, number>();
  private readonly idBySlot: number[] = [];

  get count(): number {
    return this.idBySlot.length;
  }

  slotOf(id: number): number | undefined {
    return this.slotById.get(id);
  }

  idAt(slot: number): number | undefined {
    return this.idBySlot[slot];
  }

  has(id: number): boolean {
    return this.slotById.has(id);
  }

  /** The slot of `id`, giving it the next free one if it had none. */
  acquire(id: number): number {
    const existing = this.slotById.get(id);
    if (existing !== undefined) return existing;
    const slot = this.idBySlot.length;
    this.idBySlot.push(id);
    this.slotById.set(id, slot);
    return slot;
  }

  /** Frees `id`'s slot; answers the move that keeps slots packed, if one was needed. */
  release(id: number): SlotMove | null {
    const slot = this.slotById.get(id);
    if (slot === undefined) return null;
    this.slotById.delete(id);
    const lastSlot = this.idBySlot.length - 1;
    const lastId = this.idBySlot.pop()!;
    if (slot === lastSlot) return null;
    this.idBySlot[slot] = lastId;
    this.slotById.set(lastId, slot);
    return { id: lastId, from: lastSlot, to: slot };
  }

  /** Releases every id not in `keep`; answers the moves made. */
  retainOnly(keep: ReadonlySet<number>): SlotMove[] {
    const moves: SlotMove[] = [];
    for (const id of [...this.slotById.keys()]) {
      if (keep.has(id)) continue;
      const move = this.release(id);
      if (move) moves.push(move);
    }
    return moves;
  }

  ids(): readonly number[] {
    return this.idBySlot;
  }
}
