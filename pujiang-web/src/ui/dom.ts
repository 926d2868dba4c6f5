// A tiny DOM builder plus language-bound text: text set through tx()/txAttr() follows language switches.
import { onLangChange, t, type MessageKey, type Params } from '../i18n';

type Child = Node | string | null | undefined | false;
type Handlers = { [K in keyof HTMLElementEventMap]?: (ev: HTMLElementEventMap[K]) => void };

export interface Props {
  class?: string;
  id?: string;
  /** Attributes; false/undefined leave one out, true writes it empty. */
  attrs?: Record<string, string | number | boolean | undefined>;
  on?: Handlers;
  /** Text bound to a message key (re-rendered on language change). */
  tx?: MessageKey;
  txParams?: Params;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class !== undefined) el.className = props.class;
  if (props.id !== undefined) el.id = props.id;
  if (props.attrs !== undefined) {
    for (const [name, v] of Object.entries(props.attrs)) {
      if (v === undefined || v === false) continue;
      el.setAttribute(name, v === true ? '' : String(v));
    }
  }
  if (props.on !== undefined) {
    for (const [name, fn] of Object.entries(props.on)) el.addEventListener(name, fn as EventListener);
  }
  if (props.tx !== undefined) tx(el, props.tx, props.txParams);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

// Language-bound updates live in a WeakMap keyed by element (nothing to clean up: they go with the
// element), and the element is marked so a language switch finds the ones in the document.
const bindings = new WeakMap<Element, Map<string, () => void>>();
const MARK = 'data-i18n';

function bind(el: Element, slot: string, update: () => void): void {
  let slots = bindings.get(el);
  if (slots === undefined) {
    bindings.set(el, (slots = new Map()));
    el.setAttribute(MARK, '');
  }
  slots.set(slot, update);
  update();
}

/** Sets the element's text from a key, now and after every language switch. */
export function tx(el: Element, key: MessageKey, params?: Params): void {
  bind(el, 'text', () => {
    el.textContent = t(key, params);
  });
}

/** Sets an attribute (aria-label, placeholder, title, …) from a key, now and after language switches. */
export function txAttr(el: Element, attr: string, key: MessageKey, params?: Params): void {
  bind(el, attr, () => el.setAttribute(attr, t(key, params)));
}

/** Any language-dependent update (e.g. text built from several keys). */
export function txWith(el: Element, slot: string, update: () => void): void {
  bind(el, slot, update);
}

if (typeof document !== 'undefined') {
  onLangChange(() => {
    for (const el of Array.from(document.querySelectorAll(`[${MARK}]`))) {
      for (const update of bindings.get(el)?.values() ?? []) update();
    }
  });
}

/** A visually hidden element (for screen-reader-only labels). */
export function srOnly(key: MessageKey, params?: Params): HTMLSpanElement {
  return h('span', { class: 'sr-only', tx: key, txParams: params });
}

/** Announces a message politely to screen readers (one shared live region). */
export function announce(text: string): void {
  let region = document.getElementById('pj-announcer');
  if (region === null) {
    region = h('div', { id: 'pj-announcer', class: 'sr-only', attrs: { 'aria-live': 'polite', role: 'status' } });
    document.body.append(region);
  }
  region.textContent = '';
  // A new text node on the next frame makes screen readers read repeated messages too.
  requestAnimationFrame(() => {
    region!.textContent = text;
  });
}

let idCounter = 0;
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
