// Grabbing and dragging shared objects (docs/protocol.md "Shared objects"): Grab, then MoveObject
// at most 20 times a second while held, Release on pointer up. The server decides: we hold an
// object only after its Holder event names us; an error while waiting means it stays free.

export const MOVE_INTERVAL_MS = 50;      // MoveObject at most 20/s
/** The server releases after 10 s without MoveObject; a held, unmoved object is re-sent this often. */
export const KEEP_ALIVE_MS = 5000;
/** A Grab unanswered this long is given up (the object stays free for us). */
export const GRAB_TIMEOUT_MS = 3000;

/** Error names that mean "that grab, move or release did not happen". */
const GRAB_ERRORS = new Set(['OBJECT_HELD', 'NO_SUCH_ENTITY', 'INVALID_INPUT', 'FORBIDDEN', 'RATE_LIMITED', 'NOT_JOINED']);

export interface ObjectSender {
  grab(objectId: number): void;
  moveObject(objectId: number, x: number, y: number, z: number, yaw: number): void;
  release(objectId: number): void;
}

export interface ObjectPlacement { x: number; y: number; z: number; yaw: number }

export type GrabPhase = 'idle' | 'pending' | 'held';

export class ObjectGrab {
  phase: GrabPhase = 'idle';
  objectId = 0;
  /** Where we last put the held object (drawn there instead of the server's lagging copy). */
  placement: ObjectPlacement | null = null;
  private releaseWhenHeld = false;
  private sinceMs = 0;
  private lastSentMs = -Infinity;
  private unsent = false;

  constructor(private readonly send: ObjectSender) {}

  /**
   * Pointer down on an object. `alreadyHeld`: the server already names us its holder (after a
   * reconnect, say); a Grab then changes nothing and gets no Holder answer, so we hold it at once.
   */
  begin(objectId: number, at: ObjectPlacement, nowMs: number, alreadyHeld = false): void {
    if (this.phase !== 'idle') this.end(nowMs);
    this.phase = alreadyHeld ? 'held' : 'pending';
    this.lastSentMs = nowMs;
    this.objectId = objectId;
    this.placement = { ...at };
    this.releaseWhenHeld = false;
    this.sinceMs = nowMs;
    this.unsent = false;
    if (!alreadyHeld) this.send.grab(objectId);
  }

  /** Pointer moved while down: remember the spot; send it now if the rate allows. */
  drag(to: ObjectPlacement, nowMs: number): void {
    if (this.phase === 'idle') return;
    this.placement = { ...to };
    this.unsent = true;
    if (this.phase === 'held') this.flush(nowMs, false);
  }

  /** Pointer up: put it down where it is (now, or as soon as the server confirms the grab). */
  end(nowMs: number): void {
    if (this.phase === 'held') {
      this.flush(nowMs, true);
      this.send.release(this.objectId);
      this.reset();
    } else if (this.phase === 'pending') {
      this.releaseWhenHeld = true;
    }
  }

  /** A Holder event. */
  onHolder(objectId: number, holderId: number, selfId: number, nowMs: number): void {
    if (this.phase === 'idle' || objectId !== this.objectId) return;
    if (holderId !== 0 && holderId === selfId) {
      if (this.phase === 'pending') {
        this.phase = 'held';
        this.lastSentMs = nowMs;  // the server's 10 s release timer starts at the grab
        if (this.releaseWhenHeld) this.end(nowMs);
        else this.flush(nowMs, true);
      }
    } else if (this.phase === 'held' || holderId !== 0) {
      // Someone else has it, or the server let go of it for us (timeout).
      this.reset();
    }
  }

  /** An Error event: a refused grab (or move of an object we no longer hold) leaves it free. */
  onError(name: string): void {
    if (this.phase !== 'idle' && GRAB_ERRORS.has(name)) this.reset();
  }

  /** The object left our view. */
  onExit(objectId: number): void {
    if (this.phase !== 'idle' && objectId === this.objectId) this.reset();
  }

  /** Once a frame: sends a throttled trailing move, keeps a still object held, gives up silent grabs. */
  tick(nowMs: number): void {
    if (this.phase === 'pending' && nowMs - this.sinceMs >= GRAB_TIMEOUT_MS) {
      this.reset();
    } else if (this.phase === 'held') {
      if (this.unsent) this.flush(nowMs, false);
      else if (nowMs - this.lastSentMs >= KEEP_ALIVE_MS) { this.unsent = true; this.flush(nowMs, true); }
    }
  }

  private flush(nowMs: number, force: boolean): void {
    if (!this.placement || !this.unsent) return;
    if (!force && nowMs - this.lastSentMs < MOVE_INTERVAL_MS) return;
    const p = this.placement;
    this.send.moveObject(this.objectId, p.x, p.y, p.z, p.yaw);
    this.lastSentMs = nowMs;
    this.unsent = false;
  }

  private reset(): void {
    this.phase = 'idle';
    this.objectId = 0;
    this.placement = null;
    this.releaseWhenHeld = false;
    this.unsent = false;
  }
}
