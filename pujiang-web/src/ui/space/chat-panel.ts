// Chat: the last 200 lines (with sender, scope and time), a scope switch (everyone / nearby), and an
// input where Enter sends. Errors from the server (RATE_LIMITED, MUTED, …) appear as notices.
import { ChatLog, chatTextProblem, formatClock, CHAT_MAX_CHARS, type AgentMark, type ChatEntry, type NewChatEntry } from '../../app/chat-log';
import { onLangChange, t, type MessageKey, type Params } from '../../i18n';
import type { ChatScope } from '../../net/types';
import { announce, h, txAttr, uid } from '../dom';

export interface ChatPanel {
  el: HTMLElement;
  add(entry: NewChatEntry): void;
  notice(key: MessageKey, params?: Params, tone?: 'info' | 'error'): void;
  focusInput(): void;
  dispose(): void;
}

export function chatPanel(opts: { send: (scope: ChatScope, text: string) => boolean }): ChatPanel {
  const log = new ChatLog();
  let scope: ChatScope = 'space';

  const logId = uid('chatlog');
  const list = h('ol', { id: logId, class: 'chat-log', attrs: { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', tabindex: 0 } });
  txAttr(list, 'aria-label', 'chat.log');
  const empty = h('p', { class: 'chat-empty muted', tx: 'chat.empty' });

  // Scope: a two-choice radio group, styled as a segmented switch.
  const groupName = uid('scope');
  const scopeGroup = h('fieldset', { class: 'segmented' }, h('legend', { class: 'sr-only', tx: 'chat.scope' }));
  for (const s of ['space', 'nearby'] as const) {
    const id = uid('scope');
    const radio = h('input', { id, attrs: { type: 'radio', name: groupName, value: s, checked: s === scope } });
    radio.addEventListener('change', () => {
      if (radio.checked) {
        scope = s;
        updatePlaceholder();
      }
    });
    scopeGroup.append(radio, h('label', { attrs: { for: id }, tx: `chat.scope.${s}` as MessageKey }));
  }

  const inputId = uid('chatin');
  const input = h('input', { id: inputId, class: 'chat-input', attrs: { type: 'text', autocomplete: 'off', enterkeyhint: 'send', maxlength: CHAT_MAX_CHARS * 2 } });
  const updatePlaceholder = () => txAttr(input, 'placeholder', scope === 'space' ? 'chat.placeholder.space' : 'chat.placeholder.nearby');
  updatePlaceholder();
  const sendBtn = h('button', { class: 'btn btn-primary', attrs: { type: 'submit' }, tx: 'chat.send' });
  const form = h('form', { class: 'chat-form' },
    h('label', { class: 'sr-only', attrs: { for: inputId }, tx: 'chat.input' }), input, sendBtn);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value;
    const problem = chatTextProblem(text);
    if (problem === 'empty') return;
    if (problem === 'tooLong') {
      panel.notice('chat.tooLong', { n: CHAT_MAX_CHARS }, 'error');
      return;
    }
    // The line appears when the server echoes it (it may have masked words), so nothing is added here.
    if (opts.send(scope, text.trim())) input.value = '';
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      input.blur();
      e.stopPropagation();
    }
  });

  const el = h('section', { class: 'panel chat-panel', attrs: { 'aria-labelledby': `${logId}-h` } },
    h('h2', { id: `${logId}-h`, class: 'panel-title', tx: 'chat.title' }),
    scopeGroup, empty, list, form);

  function row(entry: ChatEntry): HTMLLIElement {
    const time = h('time', { class: 'chat-time', attrs: { datetime: new Date(entry.timeMs).toISOString() } }, formatClock(entry.timeMs));
    if (entry.kind === 'notice') {
      return h('li', { class: `chat-line chat-notice tone-${entry.tone}` }, time, h('span', { class: 'chat-text' }, entry.text));
    }
    const from = h('span', { class: `chat-from${entry.self ? ' chat-self' : ''}` }, entry.self ? t('chat.you') : entry.from);
    const scopeTag = entry.scope === 'space' ? null : h('span', { class: `chat-scope scope-${entry.scope}` }, t(`chat.scope.${entry.scope}` as MessageKey));
    const agent = entry.agent;
    if (agent !== undefined) return agentRow(entry, agent, time, from, scopeTag);
    return h('li', { class: 'chat-line' }, time, from, scopeTag, h('span', { class: 'chat-text' }, entry.text));
  }

  /** A digital human's line: its badge, the text, then the entry it cites and whether staff were told. */
  function agentRow(entry: ChatEntry & { kind: 'chat' }, agent: AgentMark, time: HTMLElement, from: HTMLElement,
    scopeTag: HTMLElement | null): HTMLLIElement {
    const badge = h('span', { class: 'chat-agent-badge' }, t('agent.badge'));
    const cite = agent.entryId === '' && agent.link === null ? null
      : h('span', { class: 'chat-agent-cite', attrs: { 'data-testid': 'chat-agent-citation', 'data-entry-id': agent.entryId } },
        agent.entryId === '' ? null : t('agent.source', { id: agent.entryId }),
        agent.link === null ? null : h('a', { attrs: { href: agent.link, target: '_blank', rel: 'noopener noreferrer' } }, t('agent.link')));
    const handoff = agent.handoff ? h('span', { class: 'chat-agent-handoff', attrs: { 'data-testid': 'chat-agent-handoff' } }, t('agent.handoff')) : null;
    return h('li', { class: 'chat-line chat-agent', attrs: { 'data-testid': 'chat-agent-line', 'data-entry-id': agent.entryId, 'data-handoff': String(agent.handoff) } },
      time, badge, from, scopeTag, h('span', { class: 'chat-text' }, entry.text), cite, handoff);
  }

  function nearBottom(): boolean {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 48;
  }

  function append(entry: ChatEntry): void {
    const stick = nearBottom();
    list.append(row(entry));
    while (list.children.length > log.limit) list.firstElementChild?.remove();
    empty.hidden = true;
    if (stick) list.scrollTop = list.scrollHeight;
  }

  // "You", scope tags: rebuild from the log when the language changes.
  const offLang = onLangChange(() => {
    list.replaceChildren(...log.all().map(row));
    list.scrollTop = list.scrollHeight;
  });

  const panel: ChatPanel = {
    el,
    add(entry) {
      append(log.add(entry));
    },
    notice(key, params, tone = 'info') {
      const text = t(key, params);
      append(log.add({ kind: 'notice', text, timeMs: Date.now(), tone }));
      if (tone === 'error') announce(text);
    },
    focusInput() {
      input.focus();
    },
    dispose() {
      offLang();
    },
  };
  return panel;
}
