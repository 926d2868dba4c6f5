// The card for a twin-bound object clicked in the scene: each bound twin's properties (value, unit,
// stale mark, target), its open alerts, and, for people who may command it, inputs to set writable
// properties and buttons to run actions. The server decides (twin:forbidden); the card shows its answer.
// Values follow TwinUpdates live; the inputs are built once per show() so typing is never interrupted.
import { replyMessage } from '../../app/twin-replies';
import type { MessageKey, Params } from '../../i18n';
import type { TwinCommandKind, TwinReplyInfo } from '../../net/types';
import { formatValue, unitSymbol } from '../../scene/twin-format';
import { parseInput, type ModelAction, type ModelProperty, type TwinModelView, type ValueType } from '../../scene/twin-model';
import { isStale, type TwinStore } from '../../scene/twin-state';
import { h, tx, txAttr, uid } from '../dom';
import { icon } from '../icons';

export interface TwinPanelDeps {
  store: TwinStore;
  /** The twin's display name and model; null model when it could not be loaded. */
  describe(twin: string): Promise<{ name: string; model: TwinModelView | null }>;
  send(twin: string, kind: TwinCommandKind, name: string, value: unknown): Promise<TwinReplyInfo>;
  /** Whether to offer the controls of this twin (the server still checks every command). */
  mayCommand(twin: string): boolean;
  /** The server clock, for staleness. */
  serverNow(): number;
}

export interface TwinPanel {
  el: HTMLElement;
  show(twins: string[]): void;
  hide(): void;
  dispose(): void;
}

interface Section {
  twin: string;
  model: TwinModelView | null;
  values: HTMLElement;
  alerts: HTMLElement;
}

export function twinPanel(deps: TwinPanelDeps): TwinPanel {
  const title = h('h2', { class: 'info-title' });
  title.id = uid('twin-title');
  const close = h('button', { class: 'btn-icon btn-small', attrs: { type: 'button' } }, icon('close'));
  txAttr(close, 'aria-label', 'info.close');
  const body = h('div', { class: 'twin-body' });
  const el = h('aside', { class: 'info-card twin-panel card', attrs: { hidden: true, 'aria-labelledby': title.id } },
    h('div', { class: 'info-head' }, h('div', {}, h('p', { class: 'info-kind', tx: 'twin.kind' }), title), close), body);
  let sections: Section[] = [];
  let generation = 0;

  const hide = () => {
    el.hidden = true;
    generation++;
    sections = [];
  };
  close.addEventListener('click', hide);
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hide();
  });

  const off = deps.store.onChange((twin) => {
    if (el.hidden) return;
    for (const s of sections) if (s.twin === twin) renderValues(s);
  });

  function renderValues(s: Section): void {
    const state = deps.store.get(s.twin);
    const now = deps.serverNow();
    const props: ModelProperty[] = s.model?.properties ?? Object.keys(state?.reported ?? {}).map((name) => (
      { name, title: name, type: 'unknown' as ValueType, unit: '', writable: false }));
    const rows = props.filter((p) => state?.reported[p.name] !== undefined || state?.desired[p.name] !== undefined);
    if (rows.length === 0) {
      s.values.replaceChildren(h('p', { class: 'muted', tx: 'twin.noData' }));
    } else {
      const dl = h('dl', { class: 'twin-values' });
      for (const p of rows) {
        const reported = state?.reported[p.name];
        const desired = state?.desired[p.name];
        const unit = unitSymbol(p.unit);
        const stale = isStale(state, p.name, now);
        const value = h('dd', { class: stale ? 'twin-stale' : '' }, `${formatValue(reported)}${unit !== '' ? ` ${unit}` : ''}`);
        if (stale) {
          const mark = h('span', { class: 'twin-stale-mark', tx: 'twin.stale' });
          txAttr(mark, 'title', 'twin.staleLabel');
          value.append(' ', mark);
        }
        if (desired !== undefined && JSON.stringify(desired) !== JSON.stringify(reported)) {
          value.append(' ', h('span', { class: 'twin-desired', tx: 'twin.desired', txParams: { value: formatValue(desired) } }));
        }
        dl.append(h('dt', {}, p.title), value);
      }
      s.values.replaceChildren(dl);
    }
    const alerts = state?.alerts ?? [];
    s.alerts.replaceChildren(alerts.length === 0
      ? h('p', { class: 'muted', tx: 'twin.noAlerts' })
      : h('ul', { class: 'twin-alerts' }, ...alerts.map((a) =>
        h('li', { attrs: { 'data-severity': a.severity || 'alert' } }, icon('alert'), ' ', a.message || a.rule || a.id))));
  }

  function controls(twin: string, model: TwinModelView): HTMLElement | null {
    const writable = model.properties.filter((p) => p.writable);
    if (writable.length === 0 && model.actions.length === 0) return null;
    const result = h('p', { class: 'twin-result', attrs: { role: 'status', 'aria-live': 'polite' } });
    const say = (key: MessageKey, params: Params | undefined, ok: boolean) => {
      tx(result, key, params);
      result.dataset['ok'] = String(ok);
    };
    const run = (kind: TwinCommandKind, name: string, value: unknown, button: HTMLButtonElement) => {
      button.disabled = true;
      say('twin.sending', undefined, true);
      void deps.send(twin, kind, name, value).then((reply) => {
        button.disabled = false;
        const m = replyMessage(reply);
        say(m.key, m.params, m.ok);
      });
    };
    const box = h('div', { class: 'twin-controls' }, h('h3', { tx: 'twin.control' }));
    for (const p of writable) {
      const input = valueInput(p.type, p.choices, p.minimum, p.maximum);
      txAttr(input, 'aria-label', 'twin.setLabel', { name: p.title });
      const set = h('button', { class: 'btn btn-secondary', attrs: { type: 'button' }, tx: 'twin.set' });
      txAttr(set, 'aria-label', 'twin.setLabel', { name: p.title });
      set.addEventListener('click', () => {
        const parsed = readInput(input, p.type, p.choices);
        if ('error' in parsed) return say(`twin.invalid.${parsed.error}`, undefined, false);
        run('desired', p.name, parsed.value, set);
      });
      box.append(h('div', { class: 'twin-control' }, h('span', { class: 'twin-control-name' }, p.title), input, set));
    }
    for (const a of model.actions) box.append(actionControl(a, run, say));
    box.append(result);
    return box;
  }

  function actionControl(a: ModelAction, run: (kind: TwinCommandKind, name: string, value: unknown, b: HTMLButtonElement) => void,
    say: (key: MessageKey, params: Params | undefined, ok: boolean) => void): HTMLElement {
    const button = h('button', { class: 'btn btn-secondary', attrs: { type: 'button' } }, a.title);
    txAttr(button, 'aria-label', 'twin.runLabel', { name: a.title });
    const input = a.input === 'null' ? null : valueInput(a.input, a.inputChoices, a.inputMinimum, a.inputMaximum);
    if (input !== null) txAttr(input, 'aria-label', 'twin.inputLabel', { name: a.title });
    button.addEventListener('click', () => {
      if (input === null) return run('action', a.name, null, button);
      const parsed = readInput(input, a.input, a.inputChoices);
      if ('error' in parsed) return say(`twin.invalid.${parsed.error}`, undefined, false);
      run('action', a.name, parsed.value, button);
    });
    return h('div', { class: 'twin-control' }, input, button);
  }

  return {
    el,
    show(twins) {
      const gen = ++generation;
      el.hidden = false;
      sections = [];
      tx(title, 'twin.loading');
      body.replaceChildren(h('p', { class: 'muted', tx: 'twin.loading' }));
      void Promise.all(twins.map((twin) => deps.describe(twin).catch(() => ({ name: twin, model: null })))).then((described) => {
        if (gen !== generation) return; // closed, or another object picked meanwhile
        title.textContent = described.map((d) => d.name).join(' · ') || twins.join(' · ');
        const parts: HTMLElement[] = [];
        described.forEach((d, i) => {
          const twin = twins[i]!;
          const s: Section = { twin, model: d.model, values: h('div'), alerts: h('div') };
          sections.push(s);
          renderValues(s);
          const part = h('section', { class: 'twin-section' },
            twins.length > 1 ? h('h3', {}, d.name) : null,
            h('h3', { tx: 'twin.properties' }), s.values, h('h3', { tx: 'twin.alerts' }), s.alerts);
          if (d.model === null) part.append(h('p', { class: 'muted', tx: 'twin.modelUnavailable' }));
          else if (deps.mayCommand(twin)) {
            const c = controls(twin, d.model);
            if (c !== null) part.append(c);
          }
          parts.push(part);
        });
        body.replaceChildren(...parts);
      });
    },
    hide,
    dispose() {
      off();
      hide();
      el.remove();
    },
  };
}

type Input = HTMLInputElement | HTMLSelectElement;

function valueInput(type: ValueType, choices: unknown[] | undefined, min: number | undefined, max: number | undefined): Input {
  if (choices !== undefined && choices.length > 0) {
    return h('select', { class: 'twin-input' }, ...choices.map((c, i) => h('option', { attrs: { value: String(i) } }, formatValue(c))));
  }
  if (type === 'boolean') {
    return h('select', { class: 'twin-input' }, h('option', { attrs: { value: 'true' } }, 'true'), h('option', { attrs: { value: 'false' } }, 'false'));
  }
  const numeric = type === 'number' || type === 'integer';
  return h('input', { class: 'twin-input', attrs: {
    type: numeric ? 'number' : 'text', inputmode: numeric ? 'decimal' : undefined,
    step: type === 'integer' ? 1 : numeric ? 'any' : undefined, min, max,
  } });
}

function readInput(input: Input, type: ValueType, choices: unknown[] | undefined): { value: unknown } | { error: 'number' | 'integer' | 'json' } {
  if (choices !== undefined && choices.length > 0) return { value: choices[Number(input.value)] };
  return parseInput(input.value, type);
}
