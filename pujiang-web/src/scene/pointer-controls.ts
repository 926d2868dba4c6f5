// Mouse and touch on the 3D canvas: drag to look, click/tap to select or walk, press on a shared
// object to grab and drag it, wheel to zoom; in first person a click locks the pointer (Esc frees it)
// and the crosshair at the centre does the pointing.

import { MOUSE_SENSITIVITY, TOUCH_SENSITIVITY } from './look';

/** Movement (CSS px) beyond which a press is a drag, not a click. */
const CLICK_SLOP = 6;

export interface PointerHooks {
  mode(): 'third' | 'first';
  /** Pointer down at (x, y) canvas pixels: answers true when it grabbed a shared object. */
  press(x: number, y: number): boolean;
  /** The grabbed object follows the pointer. */
  drag(x: number, y: number): void;
  /** Pointer up after press() answered true. */
  drop(): void;
  /** A click or tap that did not drag. */
  click(x: number, y: number): void;
  /** Turn the view by pointer deltas (pixels × sensitivity = radians). */
  look(dx: number, dy: number, sensitivity: number): void;
  zoom(wheelDeltaY: number): void;
}

export class PointerControls {
  private active: { id: number; startX: number; startY: number; lastX: number; lastY: number; dragged: boolean;
    grabbing: boolean; touch: boolean } | null = null;

  constructor(private readonly canvas: HTMLCanvasElement, private readonly hooks: PointerHooks) {
    canvas.addEventListener('pointerdown', this.down);
    canvas.addEventListener('pointermove', this.move);
    canvas.addEventListener('pointerup', this.up);
    canvas.addEventListener('pointercancel', this.cancel);
    canvas.addEventListener('wheel', this.wheel, { passive: false });
    canvas.addEventListener('contextmenu', this.noMenu);
    document.addEventListener('mousemove', this.lockedMove);
  }

  get locked(): boolean {
    return document.pointerLockElement === this.canvas;
  }

  unlock(): void {
    if (this.locked) document.exitPointerLock();
  }

  dispose(): void {
    this.canvas.removeEventListener('pointerdown', this.down);
    this.canvas.removeEventListener('pointermove', this.move);
    this.canvas.removeEventListener('pointerup', this.up);
    this.canvas.removeEventListener('pointercancel', this.cancel);
    this.canvas.removeEventListener('wheel', this.wheel);
    this.canvas.removeEventListener('contextmenu', this.noMenu);
    document.removeEventListener('mousemove', this.lockedMove);
    this.unlock();
  }

  private centre(): { x: number; y: number } {
    return { x: this.canvas.clientWidth / 2, y: this.canvas.clientHeight / 2 };
  }

  private local(e: PointerEvent | MouseEvent): { x: number; y: number } {
    if (this.locked) return this.centre();
    const r = this.canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  private readonly down = (e: PointerEvent) => {
    if (this.active !== null || (e.pointerType === 'mouse' && e.button !== 0)) return;
    const touch = e.pointerType !== 'mouse';
    this.canvas.focus({ preventScroll: true });
    const p = this.local(e);
    const grabbing = this.hooks.press(p.x, p.y);
    this.active = { id: e.pointerId, startX: e.clientX, startY: e.clientY, lastX: e.clientX, lastY: e.clientY,
      dragged: false, grabbing, touch };
    if (!this.locked) this.canvas.setPointerCapture(e.pointerId);
    e.preventDefault();
  };

  private readonly move = (e: PointerEvent) => {
    const a = this.active;
    if (!a || e.pointerId !== a.id || this.locked) return;  // locked motion arrives in lockedMove
    const dx = e.clientX - a.lastX;
    const dy = e.clientY - a.lastY;
    a.lastX = e.clientX;
    a.lastY = e.clientY;
    if (!a.dragged && Math.hypot(e.clientX - a.startX, e.clientY - a.startY) > CLICK_SLOP) a.dragged = true;
    if (a.grabbing) {
      const p = this.local(e);
      this.hooks.drag(p.x, p.y);
    } else if (a.dragged) {
      this.hooks.look(dx, dy, a.touch ? TOUCH_SENSITIVITY : MOUSE_SENSITIVITY);
    }
  };

  private readonly lockedMove = (e: MouseEvent) => {
    if (!this.locked) return;
    this.hooks.look(e.movementX, e.movementY, MOUSE_SENSITIVITY);
    if (this.active?.grabbing) {
      const c = this.centre();
      this.hooks.drag(c.x, c.y);
    }
  };

  private readonly up = (e: PointerEvent) => {
    const a = this.active;
    if (!a || e.pointerId !== a.id) return;
    this.active = null;
    if (this.canvas.hasPointerCapture(e.pointerId)) this.canvas.releasePointerCapture(e.pointerId);
    if (a.grabbing) {
      this.hooks.drop();
      return;
    }
    if (a.dragged) return;
    if (this.hooks.mode() === 'first' && !a.touch && !this.locked) {
      // First click in first person takes the mouse; the next clicks point with the crosshair.
      const request = this.canvas.requestPointerLock() as unknown;
      if (request instanceof Promise) request.catch(() => undefined);  // refused (e.g. no user gesture): stay unlocked
      return;
    }
    const p = this.local(e);
    this.hooks.click(p.x, p.y);
  };

  private readonly cancel = (e: PointerEvent) => {
    const a = this.active;
    if (!a || e.pointerId !== a.id) return;
    this.active = null;
    if (a.grabbing) this.hooks.drop();
  };

  private readonly wheel = (e: WheelEvent) => {
    e.preventDefault();
    const lines = e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? 400 : 1;
    this.hooks.zoom(e.deltaY * lines);
  };

  private readonly noMenu = (e: Event) => e.preventDefault();
}
