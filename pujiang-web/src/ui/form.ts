// Labelled form fields with an error line tied to the input (aria-describedby, aria-invalid).
import { t, type MessageKey, type Params } from '../i18n';
import { h, tx, txWith, uid } from './dom';

export interface Field<E extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement> {
  root: HTMLElement;
  input: E;
  setError(key: MessageKey | null, params?: Params): void;
}

export function field<E extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
  labelKey: MessageKey,
  input: E,
  hintKey?: MessageKey,
): Field<E> {
  const id = uid('f');
  input.id = id;
  const label = h('label', { class: 'field-label', attrs: { for: id }, tx: labelKey });
  const error = h('p', { class: 'field-error', id: `${id}-err`, attrs: { hidden: true } });
  const describedBy: string[] = [];
  const parts: (HTMLElement | null)[] = [label, input];
  if (hintKey !== undefined) {
    const hint = h('p', { class: 'field-hint', id: `${id}-hint`, tx: hintKey });
    describedBy.push(hint.id);
    parts.push(hint);
  }
  parts.push(error);
  describedBy.push(error.id);
  input.setAttribute('aria-describedby', describedBy.join(' '));
  return {
    root: h('div', { class: 'field' }, ...parts),
    input,
    setError(key, params) {
      if (key === null) {
        error.hidden = true;
        error.textContent = '';
        input.removeAttribute('aria-invalid');
      } else {
        tx(error, key, params);
        error.hidden = false;
        input.setAttribute('aria-invalid', 'true');
      }
    },
  };
}

/** A message area for a form's overall result (role=alert so it is read out when it appears). */
export function formMessage(): { el: HTMLElement; show(text: string | null, tone?: 'error' | 'info'): void; showKey(key: MessageKey | null, params?: Params): void } {
  const el = h('p', { class: 'form-message', attrs: { role: 'alert', hidden: true } });
  const api = {
    el,
    show(text: string | null, tone: 'error' | 'info' = 'error') {
      el.hidden = text === null;
      el.textContent = text ?? '';
      el.dataset['tone'] = tone;
    },
    showKey(key: MessageKey | null, params?: Params) {
      if (key === null) api.show(null);
      else {
        el.hidden = false;
        el.dataset['tone'] = 'error';
        txWith(el, 'text', () => {
          el.textContent = t(key, params);
        });
      }
    },
  };
  return api;
}

/** Disables a form's controls while a request is in flight. */
export function setBusy(form: HTMLFormElement, busy: boolean): void {
  form.setAttribute('aria-busy', String(busy));
  for (const el of Array.from(form.elements)) {
    if (el instanceof HTMLButtonElement || el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
      el.disabled = busy;
    }
  }
}
