// The card for a digital asset clicked in the scene: what it is (title, creator, licence, edition,
// holder), its provenance from the transparency log, and the browser's own check that the newest event
// of this edition is in the log (an inclusion proof against the log's signed checkpoint, verified here
// with WebCrypto; see src/ledger/). Sound assets get a play/pause button.
import type { AssetInfo, Placement, ProvenanceEvent } from '../../api/rest';
import { checkEdition, partyLabel, type ProofSource, type ProofState } from '../../app/asset-check';
import { lang, t, type MessageKey } from '../../i18n';
import type { SoundState } from '../../scene/placed-assets';
import { relevantEvents } from '../../scene/asset-layout';
import { h, tx, txAttr, txWith, uid } from '../dom';
import { icon } from '../icons';

export interface AssetCardDeps extends ProofSource {
  asset(id: string): Promise<AssetInfo>;
  provenance(id: string, edition: number): Promise<ProvenanceEvent[]>;
  /** The signed-in account, to say "you". */
  selfId: string;
  toggleSound(placementId: string): void;
  soundState(placementId: string): SoundState | null;
}

export interface AssetCard {
  el: HTMLElement;
  show(placement: Placement): void;
  hide(): void;
  /** A sound placement changed state (from the view). */
  soundChanged(placementId: string, state: SoundState): void;
  /** The placement shown, or null when hidden. */
  current(): Placement | null;
  dispose(): void;
}

const EVENT_KEYS: Readonly<Record<string, MessageKey>> = {
  register: 'asset.event.register', mint: 'asset.event.mint', transfer: 'asset.event.transfer', burn: 'asset.event.burn',
};

export function assetCard(deps: AssetCardDeps): AssetCard {
  const title = h('h2', { class: 'info-title' });
  title.id = uid('asset-title');
  const close = h('button', { class: 'btn-icon btn-small', attrs: { type: 'button' } }, icon('close'));
  txAttr(close, 'aria-label', 'info.close');
  const facts = h('dl', { class: 'asset-facts', attrs: { 'data-testid': 'asset-facts' } });
  const sound = h('button', { class: 'btn btn-secondary asset-sound', attrs: { type: 'button', hidden: true, 'data-testid': 'asset-sound' } });
  const events = h('ol', { class: 'asset-events', attrs: { 'data-testid': 'asset-provenance' } });
  const status = h('p', { class: 'asset-verify', attrs: { role: 'status', 'aria-live': 'polite', 'data-testid': 'asset-verification',
    'data-state': 'idle' } });
  const statusDetail = h('p', { class: 'asset-verify-detail muted', attrs: { 'data-testid': 'asset-verification-detail' } });
  const el = h('aside', { class: 'info-card asset-card card', attrs: { hidden: true, 'aria-labelledby': title.id, 'data-testid': 'asset-card' } },
    h('div', { class: 'info-head' }, h('div', {}, h('p', { class: 'info-kind', tx: 'asset.kind' }), title), close),
    facts, sound,
    h('h3', { class: 'asset-heading', tx: 'asset.provenance' }), events,
    h('h3', { class: 'asset-heading', tx: 'asset.proof' }), status, statusDetail);
  let shown: Placement | null = null;
  let generation = 0;

  const hide = () => {
    el.hidden = true;
    shown = null;
    generation++;
  };
  close.addEventListener('click', hide);
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hide();
  });
  sound.addEventListener('click', () => {
    if (shown !== null) deps.toggleSound(shown.id);
  });

  const renderSound = (state: SoundState | null) => {
    sound.hidden = state === null;
    if (state === null) return;
    sound.dataset['state'] = state;
    sound.disabled = state === 'loading';
    const key: MessageKey = state === 'playing' ? 'asset.sound.pause' : state === 'loading' ? 'asset.sound.loading' : 'asset.sound.play';
    txWith(sound, 'text', () => {
      sound.replaceChildren(icon('speaker'), h('span', {}, t(key)));
      if (state === 'error') sound.setAttribute('title', t('asset.sound.error'));
      else sound.removeAttribute('title');
    });
  };

  const fact = (key: MessageKey, value: string) => [h('dt', { tx: key }), h('dd', {}, value !== '' ? value : t('asset.unknown'))];

  function renderFacts(p: Placement, info: AssetInfo | null): void {
    txWith(facts, 'text', () => {
      const you = t('asset.you');
      const edition = info !== null && info.editions > 0
        ? t('asset.editionOf', { n: p.edition, total: info.editions }) : t('asset.editionNumber', { n: p.edition });
      facts.replaceChildren(
        ...fact('asset.creator', info === null ? '' : partyLabel(info.creator, deps.selfId, you)),
        ...fact('asset.licence', info?.licence ?? ''),
        ...fact('asset.edition', edition),
        ...fact('asset.holder', partyLabel(p.holder, deps.selfId, you)),
        ...fact('asset.format', (info?.format || p.format).toUpperCase()));
    });
  }

  function renderEvents(list: readonly ProvenanceEvent[], edition: number): void {
    txWith(events, 'text', () => {
      const you = t('asset.you');
      const mine = relevantEvents(list, edition);
      if (mine.length === 0) {
        events.replaceChildren(h('li', { class: 'muted' }, t('asset.noEvents')));
        return;
      }
      const when = new Intl.DateTimeFormat(lang(), { dateStyle: 'medium', timeStyle: 'short' });
      events.replaceChildren(...mine.map((e) => {
        const parts: string[] = [EVENT_KEYS[e.kind] !== undefined ? t(EVENT_KEYS[e.kind]!) : e.kind];
        if (e.edition !== null && e.kind !== 'mint') parts.push(t('asset.event.edition', { n: e.edition }));
        const from = partyLabel(e.from, deps.selfId, you);
        const to = partyLabel(e.to, deps.selfId, you);
        if (from !== '') parts.push(t('asset.event.from', { name: from }));
        if (to !== '') parts.push(t('asset.event.to', { name: to }));
        const li = h('li', { attrs: { 'data-kind': e.kind, 'data-log-index': e.logIndex } }, parts.join(' '));
        li.append(h('span', { class: 'asset-event-meta muted' },
          [t('asset.event.entry', { index: e.logIndex }), Number.isFinite(e.at) ? when.format(new Date(e.at)) : ''].filter((x) => x !== '').join(' · ')));
        return li;
      }));
    });
  }

  function renderProof(s: ProofState | 'checking'): void {
    const state = s === 'checking' ? 'checking' : s.state;
    status.dataset['state'] = state;
    delete status.dataset['code'];
    if (s !== 'checking' && s.state === 'failed') status.dataset['code'] = s.code;
    if (s !== 'checking' && s.state !== 'none') status.dataset['logIndex'] = String(s.event.logIndex);
    txWith(status, 'text', () => {
      statusDetail.textContent = '';
      statusDetail.hidden = true;
      if (s === 'checking') return status.replaceChildren(t('asset.verify.checking'));
      switch (s.state) {
        case 'none':
          return status.replaceChildren(t('asset.verify.none'));
        case 'unavailable':
          return status.replaceChildren(icon('alert'), ' ', t('asset.verify.unavailable', { message: s.message }));
        case 'failed':
          statusDetail.textContent = s.detail;
          statusDetail.hidden = false;
          return status.replaceChildren(icon('alert'), ' ',
            t('asset.verify.failed', { reason: t(`asset.verify.fail.${s.code}` as MessageKey) }));
        case 'verified': {
          const v = s.verdict;
          status.replaceChildren(icon('shield'), ' ', t('asset.verify.ok', { size: v.size, root: v.rootHex.slice(0, 8) }));
          const kind = EVENT_KEYS[s.event.kind] !== undefined ? t(EVENT_KEYS[s.event.kind]!) : s.event.kind;
          const lines = [t('asset.verify.detail', { index: v.logIndex, kind, key: `${v.keyName}+${v.keyIdHex}` })];
          if (v.witnesses !== null) lines.push(t('asset.verify.witnesses', { n: v.witnesses.cosigned, known: v.witnesses.known, quorum: v.witnesses.quorum }));
          statusDetail.textContent = lines.join(' ');
          statusDetail.hidden = false;
          statusDetail.dataset['witnesses'] = v.witnesses === null ? '' : String(v.witnesses.cosigned);
          return;
        }
      }
    });
  }

  return {
    el,
    show(p) {
      const gen = ++generation;
      shown = p;
      el.hidden = false;
      el.dataset['placement'] = p.id;
      el.dataset['asset'] = p.asset;
      title.textContent = p.title || t('asset.kind');
      renderFacts(p, null);
      renderSound(deps.soundState(p.id));
      tx(events, 'asset.loading');
      renderProof('checking');
      void deps.asset(p.asset).then((info) => {
        if (gen !== generation) return;
        if (info.title !== '') title.textContent = info.title;
        renderFacts(p, info);
      }, () => undefined); // the placement's own fields stay
      void deps.provenance(p.asset, p.edition).then(async (list) => {
        if (gen !== generation) return;
        renderEvents(list, p.edition);
        const state = await checkEdition(deps, p.asset, p.edition, list);
        if (gen === generation) renderProof(state);
      }, (err: unknown) => {
        if (gen !== generation) return;
        const message = err instanceof Error ? err.message : String(err);
        txWith(events, 'text', () => events.replaceChildren(h('li', { class: 'muted' }, t('asset.loadFailed', { message }))));
        status.dataset['state'] = 'unavailable';
        txWith(status, 'text', () => status.replaceChildren(icon('alert'), ' ', t('asset.verify.unavailable', { message })));
      });
    },
    hide,
    soundChanged(placementId, state) {
      if (shown?.id === placementId) renderSound(state);
    },
    current: () => shown,
    dispose() {
      hide();
      el.remove();
    },
  };
}
