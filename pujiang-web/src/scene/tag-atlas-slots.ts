// Bookkeeping for the name-tag texture atlas: each distinct label gets a cell; when the atlas is
// full, the least recently used label that is not on screen this frame gives its cell up.

export class TagAtlasSlots {
  private readonly cellByLabel = new Map<string, number>();
  private readonly labelByCell: (string | undefined)[];
  private readonly lastUsed: number[];
  private frame = 0;

  constructor(readonly cells: number) {
    this.labelByCell = new Array<string | undefined>(cells).fill(undefined);
    this.lastUsed = new Array<number>(cells).fill(-1);
  }

  /** Call once per frame before `cellFor`, so labels used this frame are protected. */
  nextFrame(): void {
    this.frame++;
  }

  /** Whether `label` already has a drawn cell. */
  has(label: string): boolean {
    return this.cellByLabel.has(label);
  }

  /**
   * The cell for `label`, and whether it must be (re)drawn; null when every cell is in use this frame.
   */
  cellFor(label: string): { cell: number; fresh: boolean } | null {
    const known = this.cellByLabel.get(label);
    if (known !== undefined) {
      this.lastUsed[known] = this.frame;
      return { cell: known, fresh: false };
    }
    let victim = -1;
    let oldest = Infinity;
    for (let c = 0; c < this.cells; c++) {
      if (this.labelByCell[c] === undefined) { victim = c; break; }
      const used = this.lastUsed[c]!;
      if (used < this.frame && used < oldest) { oldest = used; victim = c; }
    }
    if (victim < 0) return null;
    const old = this.labelByCell[victim];
    if (old !== undefined) this.cellByLabel.delete(old);
    this.labelByCell[victim] = label;
    this.cellByLabel.set(label, victim);
    this.lastUsed[victim] = this.frame;
    return { cell: victim, fresh: true };
  }
}
