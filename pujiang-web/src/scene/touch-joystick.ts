// The on-screen joystick for touch screens (bottom-left). It owns its pointer, so a second finger
// can look around on the rest of the screen at the same time.

import type { MoveIntent } from './movement';
import { knobOffset, stickIntent, stickVector } from './joystick';

const RADIUS = 52;  // CSS pixels the knob may travel

export class TouchJoystick {
  readonly el: HTMLDivElement;
  private readonly knob: HTMLDivElement;
  private pointerId: number | null = null;
  private centre = { x: 0, y: 0 };
  private current: MoveIntent = { forward: 0, right: 0, run: false };

  constructor(parent: HTMLElement) {
    this.el = document.createElement('div');
    this.el.className = 'pj-joystick';
    this.el.setAttribute('aria-hidden', 'true');  // keyboard users have WASD; screen readers skip it
    Object.assign(this.el.style, {
      position: 'absolute', left: '24px', bottom: '24px', width: `${RADIUS * 2 + 28}px`, height: `${RADIUS * 2 + 28}px`,
      borderRadius: '50%', background: 'rgba(20, 24, 32, 0.28)', border: '2px solid rgba(255,255,255,0.45)',
      touchAction: 'none', userSelect: 'none', zIndex: '2',
    } satisfies Partial<CSSStyleDeclaration>);
    this.knob = document.createElement('div');
    Object.assign(this.knob.style, {
      position: 'absolute', left: '50%', top: '50%', width: '56px', height: '56px', margin: '-28px 0 0 -28px',
      borderRadius: '50%', background: 'rgba(255,255,255,0.8)', boxShadow: '0 2px 6px rgba(0,0,0,0.3)',
      pointerEvents: 'none',
    } satisfies Partial<CSSStyleDeclaration>);
    this.el.append(this.knob);
    parent.append(this.el);
    this.el.addEventListener('pointerdown', this.down);
    this.el.addEventListener('pointermove', this.move);
    this.el.addEventListener('pointerup', this.up);
    this.el.addEventListener('pointercancel', this.up);
  }

  intent(): MoveIntent {
    return this.current;
  }

  dispose(): void {
    this.el.remove();
  }

  private readonly down = (e: PointerEvent) => {
    if (this.pointerId !== null) return;
    e.preventDefault();
    e.stopPropagation();
    this.pointerId = e.pointerId;
    this.el.setPointerCapture(e.pointerId);
    const r = this.el.getBoundingClientRect();
    this.centre = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    this.track(e);
  };

  private readonly move = (e: PointerEvent) => {
    if (e.pointerId !== this.pointerId) return;
    e.preventDefault();
    this.track(e);
  };

  private readonly up = (e: PointerEvent) => {
    if (e.pointerId !== this.pointerId) return;
    this.pointerId = null;
    this.current = { forward: 0, right: 0, run: false };
    this.knob.style.transform = '';
  };

  private track(e: PointerEvent): void {
    const dx = e.clientX - this.centre.x;
    const dy = e.clientY - this.centre.y;
    this.current = stickIntent(stickVector(dx, dy, RADIUS));
    const k = knobOffset(dx, dy, RADIUS);
    this.knob.style.transform = `translate(${k.x}px, ${k.y}px)`;
  }
}
