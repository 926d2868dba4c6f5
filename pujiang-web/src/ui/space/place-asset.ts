// The owner's "Assets" dialog: what their space shows (with Remove), and "Place an asset": one of their
// editions (GET /api/me/assets) into a free slot of the scene that suits it (pictures on walls, models on
// pedestals, sound on either). The server decides (it checks ownership and holding); its refusals are
// shown with its own message.
import { ApiError, type MyEdition, type Placement } from '../../api/rest';
import type { Slot } from '../../api/scene-types';
import { readableApiError } from '../../app/errors';
import { t } from '../../i18n';
import { freeSlots, mediaKind } from '../../scene/asset-layout';
import { createDialog } from '../dialog';
import { h, tx, txAttr, txWith } from '../dom';
import { field, formMessage, setBusy } from '../form';

export interface PlaceAssetDeps {
  slots: readonly Slot[];
  /** The space's placements as last loaded. */
  placements(): readonly Placement[];
  myEditions(): Promise<MyEdition[]>;
  place(body: { asset: string; edition: number; slot: string }): Promise<void>;
  unplace(placementId: string): Promise<void>;
  /** Loads the space's placements again (and redraws them); answers them. */
  reload(): Promise<readonly Placement[]>;
}

export interface PlaceAssetDialog {
  el: HTMLDialogElement;
  open(): void;
  dispose(): void;
}

/** A server refusal in its own words; the app's wording for network and session trouble. */
function problem(err: unknown): string {
  if (err instanceof ApiError && err.status > 0 && err.status !== 401 && err.message !== '') return err.message;
  const r = readableApiError(err);
  return t(r.key, r.params);
}

export function placeAssetDialog(deps: PlaceAssetDeps): PlaceAssetDialog {
  const dialog = createDialog('place.title');
  dialog.el.dataset['testid'] = 'place-asset-dialog';
  const placedList = h('ul', { class: 'placed-list', attrs: { 'data-testid': 'placed-list' } });
  const editionSelect = h('select', { attrs: { 'data-testid': 'place-asset-edition' } });
  const slotSelect = h('select', { attrs: { 'data-testid': 'place-asset-slot' } });
  const edition = field('place.edition', editionSelect);
  const slot = field('place.slot', slotSelect);
  const note = h('p', { class: 'muted', attrs: { hidden: true, 'data-testid': 'place-asset-note' } });
  const msg = formMessage();
  msg.el.dataset['testid'] = 'place-asset-message';
  const submit = h('button', { class: 'btn btn-primary', attrs: { type: 'submit', 'data-testid': 'place-asset-submit' }, tx: 'place.submit' });
  const form = h('form', { class: 'form', attrs: { novalidate: true, 'data-testid': 'place-asset-form' } },
    h('h3', { class: 'dialog-subtitle', tx: 'place.heading' }), note, h('div', { class: 'field-row' }, edition.root, slot.root),
    h('div', { class: 'dialog-actions' }, submit));
  dialog.body.append(h('h3', { class: 'dialog-subtitle', tx: 'place.shown' }), placedList, form, msg.el);

  let editions: MyEdition[] = [];
  let generation = 0;
  let busy = false;

  const say = (text: string | null, tone: 'error' | 'info' = 'error') => msg.show(text, tone);

  function renderPlaced(): void {
    const list = deps.placements();
    if (list.length === 0) {
      placedList.replaceChildren(h('li', { class: 'muted', tx: 'place.none' }));
      return;
    }
    placedList.replaceChildren(...list.map((p) => {
      const remove = h('button', { class: 'btn btn-ghost', attrs: { type: 'button', 'data-testid': 'placement-remove',
        'data-placement': p.id }, tx: 'place.remove' });
      txAttr(remove, 'aria-label', 'place.removeLabel', { title: p.title, slot: p.slot });
      remove.addEventListener('click', () => void run(remove, () => deps.unplace(p.id), t('place.removed', { title: p.title })));
      return h('li', { attrs: { 'data-placement': p.id, 'data-slot': p.slot } },
        h('span', { tx: 'place.item', txParams: { title: p.title, edition: p.edition, slot: p.slot } }), remove);
    }));
  }

  /** Editions that are not shown here yet and that this client can draw. */
  const candidates = () => {
    const shown = new Set(deps.placements().map((p) => `${p.asset}#${p.edition}`));
    return editions.filter((e) => !shown.has(`${e.asset}#${e.edition}`) && mediaKind(e.format) !== null);
  };

  function renderSlots(): void {
    const chosen = candidates()[Number(editionSelect.value)];
    const free = chosen === undefined ? [] : freeSlots(deps.slots, deps.placements(), mediaKind(chosen.format));
    slotSelect.replaceChildren(...free.map((s) => {
      const o = h('option', { attrs: { value: s.id } });
      tx(o, s.kind === 'wall' ? 'place.slot.wall' : 'place.slot.pedestal', { id: s.id });
      return o;
    }));
    const noSlot = chosen !== undefined && free.length === 0;
    slotSelect.disabled = busy || free.length === 0;
    submit.disabled = busy || chosen === undefined || free.length === 0;
    if (noSlot) showNote('place.noFreeSlot');
    else if (chosen !== undefined) note.hidden = true;
  }

  function showNote(key: 'place.noSlots' | 'place.noEditions' | 'place.noFreeSlot' | 'place.loading'): void {
    tx(note, key);
    note.hidden = false;
  }

  function renderForm(): void {
    const list = candidates();
    editionSelect.replaceChildren(...list.map((e, i) => {
      const o = h('option', { attrs: { value: i } });
      tx(o, 'place.editionOption', { title: e.title || e.asset, edition: e.edition, format: e.format.toUpperCase() });
      return o;
    }));
    editionSelect.disabled = busy || list.length === 0;
    if (deps.slots.length === 0) showNote('place.noSlots');
    else if (list.length === 0) showNote('place.noEditions');
    renderSlots();
  }
  editionSelect.addEventListener('change', renderSlots);

  async function run(button: HTMLButtonElement, action: () => Promise<void>, done: string): Promise<void> {
    if (busy) return;
    busy = true;
    setBusy(form, true);
    button.disabled = true;
    say(null);
    try {
      await action();
      await deps.reload();
      say(done, 'info');
    } catch (err) {
      say(problem(err));
      await deps.reload().catch(() => undefined); // what the server has now, after a refusal
    } finally {
      busy = false;
      setBusy(form, false);
      button.disabled = false;
      renderPlaced();
      renderForm();
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const chosen = candidates()[Number(editionSelect.value)];
    const target = slotSelect.value;
    if (chosen === undefined || target === '') return;
    void run(submit, () => deps.place({ asset: chosen.asset, edition: chosen.edition, slot: target }),
      t('place.done', { title: chosen.title || chosen.asset }));
  });

  // Text built from placements follows language switches.
  txWith(placedList, 'list', renderPlaced);

  return {
    el: dialog.el,
    open() {
      const gen = ++generation;
      say(null);
      editions = [];
      renderPlaced();
      renderForm();
      showNote('place.loading');
      dialog.open();
      void deps.myEditions().then((list) => {
        if (gen !== generation) return;
        editions = list;
        renderForm();
      }, (err: unknown) => {
        if (gen !== generation) return;
        note.hidden = true;
        say(problem(err));
      });
    },
    dispose() {
      generation++;
      dialog.el.remove();
    },
  };
}
