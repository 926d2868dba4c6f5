// Keyboard state to a move intent. Keys are tracked by KeyboardEvent.code, so layouts other than
// QWERTY move with the keys in the same places.

import type { MoveIntent } from './movement';

const FORWARD = ['KeyW', 'ArrowUp'];
const BACK = ['KeyS', 'ArrowDown'];
const LEFT = ['KeyA', 'ArrowLeft'];
const RIGHT = ['KeyD', 'ArrowRight'];
const RUN = ['ShiftLeft', 'ShiftRight'];
export const TURN_LEFT = 'KeyQ';
export const TURN_RIGHT = 'KeyE';
/** Keys this view handles (their default action, such as scrolling, is prevented). */
export const MOVE_KEYS = new Set([...FORWARD, ...BACK, ...LEFT, ...RIGHT, TURN_LEFT, TURN_RIGHT]);

export function keysIntent(down: ReadonlySet<string>): MoveIntent {
  const any = (codes: string[]) => codes.some((c) => down.has(c));
  return {
    forward: (any(FORWARD) ? 1 : 0) - (any(BACK) ? 1 : 0),
    right: (any(RIGHT) ? 1 : 0) - (any(LEFT) ? 1 : 0),
    run: any(RUN),
  };
}

/** Keyboard turning (Q/E) in radians per second: positive turns left. */
export function keysTurnRate(down: ReadonlySet<string>): number {
  return ((down.has(TURN_LEFT) ? 1 : 0) - (down.has(TURN_RIGHT) ? 1 : 0)) * 2;
}

/** True when the key press belongs to a text field and must be left alone. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as { tagName?: unknown }).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable === true;
}

/**
 * True when an arrow key belongs to the focused control (tabs, menus, radio groups, a button in the
 * emote bar): keyboard users move between controls with arrows, so those keys must not walk too.
 * Letters (W A S D) still walk whatever has the focus.
 */
export function isControlArrow(target: EventTarget | null, code: string): boolean {
  if (!code.startsWith('Arrow') || !target || typeof (target as { tagName?: unknown }).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName;
  if (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') return true;
  const role = typeof el.getAttribute === 'function' ? el.getAttribute('role') : null;
  return role !== null && ['tab', 'menuitem', 'option', 'radio', 'slider', 'listbox', 'tablist'].includes(role);
}
