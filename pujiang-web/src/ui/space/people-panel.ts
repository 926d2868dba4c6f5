// Everyone in the space (presence), with role badges; per person a voice mute (for avatars in view)
// and, for hosts, mute/unmute and remove (kick), which need the avatar's entity id.
import type { Person } from '../../app/people';
import { onLangChange, t } from '../../i18n';
import { badge, roleBadge } from '../badges';
import { createDialog } from '../dialog';
import { h, txAttr, uid } from '../dom';
import { field } from '../form';
import { icon } from '../icons';

/** People rendered in the list at most (self and hosts sort first). */
const MAX_LISTED = 200;

export interface PeopleActions {
  /** Voice is on: per-person mute buttons are offered. */
  voiceEnabled(): boolean;
  isPeerMuted(entityId: number): boolean;
  setPeerMuted(entityId: number, muted: boolean): void;
  /** We may moderate (owner, operator, admin). */
  canModerate(): boolean;
  isHostMuted(userId: string): boolean;
  hostMute(person: Person, muted: boolean): void;
  kick(person: Person, reason: string): void;
}

export interface PeoplePanel {
  el: HTMLElement;
  update(people: Person[]): void;
  /** Re-renders with the last list (voice turned on/off, a mute changed). */
  refresh(): void;
  dispose(): void;
}

export function peoplePanel(actions: PeopleActions): PeoplePanel {
  let people: Person[] = [];
  const titleId = uid('people');
  const count = h('span', { class: 'count' });
  const list = h('ul', { class: 'people-list' });
  const empty = h('p', { class: 'muted', tx: 'people.empty' });
  const el = h('section', { class: 'panel people-panel', attrs: { 'aria-labelledby': titleId } },
    h('h2', { id: titleId, class: 'panel-title' }, h('span', { tx: 'people.title' }), count), empty, list);

  function render(): void {
    // Keep keyboard focus on the same control across re-renders (presence changes often).
    const focused = document.activeElement instanceof HTMLElement && list.contains(document.activeElement)
      ? document.activeElement.dataset['focusKey'] ?? null : null;
    count.textContent = String(people.length);
    empty.hidden = people.length > 0;
    // A big space (a city holds thousands) lists the first ones; everyone counts in the total.
    const shown = people.slice(0, MAX_LISTED);
    list.replaceChildren(...shown.map(row));
    if (people.length > shown.length) {
      list.append(h('li', { class: 'person-more muted' }, t('people.more', { n: people.length - shown.length })));
    }
    if (focused !== null) list.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
  }

  function row(p: Person): HTMLLIElement {
    const inView = p.entityId !== 0;
    const badges = h('span', { class: 'badges' },
      p.self ? badge('role.you', 'you') : null,
      p.owner ? badge('role.host', 'host') : null,
      roleBadge(p.role),
      !p.self && actions.isHostMuted(p.userId) ? badge('people.hostMuted', 'muted') : null);
    const info = h('div', { class: 'person-info' },
      h('span', { class: 'person-name' }, p.displayName), badges,
      p.self ? null : h('span', { class: `person-where${inView ? ' in-view' : ''}` }, t(inView ? 'people.inView' : 'people.notInView')));
    const tools = h('div', { class: 'person-tools' });
    if (!p.self && actions.voiceEnabled()) {
      const muted = inView && actions.isPeerMuted(p.entityId);
      const b = iconButton(muted ? 'speakerOff' : 'speaker', t(muted ? 'people.unmuteVoice' : 'people.muteVoice', { name: p.displayName }), `voice:${p.userId}`);
      b.setAttribute('aria-pressed', String(muted));
      b.disabled = !inView;
      b.addEventListener('click', () => {
        actions.setPeerMuted(p.entityId, !actions.isPeerMuted(p.entityId));
        render();
      });
      tools.append(b);
    }
    if (!p.self && actions.canModerate()) {
      const hostMuted = actions.isHostMuted(p.userId);
      const m = iconButton(hostMuted ? 'mic' : 'micOff', t(hostMuted ? 'people.hostUnmute' : 'people.hostMute', { name: p.displayName }), `mute:${p.userId}`);
      m.classList.add('host-action');
      m.disabled = !inView;
      m.addEventListener('click', () => {
        actions.hostMute(p, !hostMuted);
        render();
      });
      const k = iconButton('kick', t('people.kick', { name: p.displayName }), `kick:${p.userId}`);
      k.classList.add('host-action', 'danger');
      k.disabled = !inView;
      k.addEventListener('click', () => confirmKick(p));
      tools.append(m, k);
    }
    return h('li', { class: `person${p.self ? ' person-self' : ''}` }, avatarDot(p.displayName), info, tools);
  }

  function confirmKick(p: Person): void {
    let dialog: ReturnType<typeof createDialog> | null = null;
    dialog = createDialog('people.kickConfirmTitle', { name: p.displayName }, () => setTimeout(() => dialog?.el.remove(), 0));
    const reason = field('people.kickReason', h('input', { attrs: { type: 'text', maxlength: 200, autocomplete: 'off' } }));
    txAttr(reason.input, 'placeholder', 'people.kickReasonPlaceholder');
    const cancel = h('button', { class: 'btn btn-ghost', attrs: { type: 'button' }, tx: 'people.cancel' });
    cancel.addEventListener('click', () => dialog?.close());
    const form = h('form', { class: 'form' },
      h('p', { tx: 'people.kickConfirmText' }), reason.root,
      h('div', { class: 'dialog-actions' }, cancel, h('button', { class: 'btn btn-danger', attrs: { type: 'submit' }, tx: 'people.kickConfirm' })));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      // An empty reason shows the removed person a generic message in their own language.
      actions.kick(p, reason.input.value.trim());
      dialog?.close();
    });
    dialog.body.append(form);
    dialog.open();
  }

  const offLang = onLangChange(render);
  render();
  return {
    el,
    update(next) {
      people = next;
      render();
    },
    refresh: render,
    dispose: offLang,
  };
}

function iconButton(name: Parameters<typeof icon>[0], label: string, focusKey: string): HTMLButtonElement {
  const b = h('button', { class: 'btn-icon btn-small', attrs: { type: 'button', 'aria-label': label, title: label } }, icon(name));
  b.dataset['focusKey'] = focusKey;
  return b;
}

/** A round initial; the colour comes from the name so people are easy to tell apart. */
function avatarDot(name: string): HTMLElement {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  const initial = [...name.trim()][0] ?? '?';
  const el = h('span', { class: 'avatar-dot', attrs: { 'aria-hidden': 'true' } }, initial.toUpperCase());
  el.style.setProperty('--hue', String(hash % 360));
  return el;
}

