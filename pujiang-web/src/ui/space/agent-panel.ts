// "Ask <agent>": for each digital human of the space, its welcome line and one quick button per hot
// question (GET /api/spaces/{id}/agents), in the UI language. A button asks the agent through chat;
// the space page decides where the question goes (agent/agent-logic.ts askTarget).
import { localText } from '../../agent/agent-logic';
import type { SpaceAgent } from '../../api/rest';
import { lang, onLangChange, t } from '../../i18n';
import { h, txAttr } from '../dom';

export interface AgentPanel {
  el: HTMLElement;
  /** Shows exactly these agents (none: the panel hides). */
  setAgents(agents: readonly SpaceAgent[]): void;
  dispose(): void;
}

/** The name to show for an agent: its persona's name in the UI language, else its display name. */
export function agentTitle(agent: SpaceAgent, uiLang: string): string {
  return localText(agent.persona.name, uiLang) || agent.name;
}

export function agentPanel(opts: {
  ask(agent: SpaceAgent, question: string): void;
  /** Whether an agent's questions start folded away (phones: the view matters more). */
  startCollapsed: () => boolean;
}): AgentPanel {
  const el = h('aside', { class: 'agent-panel card', attrs: { hidden: true, 'data-testid': 'agent-ask-panel' } });
  let agents: readonly SpaceAgent[] = [];
  const collapsed = new Map<string, boolean>();

  function section(agent: SpaceAgent): HTMLElement {
    const l = lang();
    const title = agentTitle(agent, l);
    const folded = collapsed.get(agent.id) ?? opts.startCollapsed();
    const headingId = `agent-ask-${agent.id.replace(/[^\w-]/g, '_')}`;
    const toggle = h('button', {
      class: 'btn-icon btn-small agent-ask-toggle',
      attrs: { type: 'button', 'aria-expanded': String(!folded), 'aria-controls': `${headingId}-body`, 'data-testid': 'agent-ask-toggle' },
    }, h('span', { attrs: { 'aria-hidden': 'true' } }, folded ? '+' : '−'));
    toggle.setAttribute('aria-label', t(folded ? 'agent.ask.show' : 'agent.ask.hide', { name: title }));
    toggle.addEventListener('click', () => {
      collapsed.set(agent.id, !folded);
      render();
      el.querySelector<HTMLButtonElement>(`#${headingId}-h .agent-ask-toggle`)?.focus();
    });
    const welcome = localText(agent.welcome, l) || localText(agent.persona.greeting, l);
    const questions = agent.hotQuestions
      .map((q) => ({ entryId: q.entryId, text: localText(q.question, l) }))
      .filter((q) => q.text.trim() !== '');
    const list = h('ul', { class: 'agent-questions' });
    txAttr(list, 'aria-label', 'agent.ask.questions', { name: title });
    for (const q of questions) {
      const b = h('button', {
        class: 'agent-question',
        attrs: { type: 'button', 'data-testid': 'agent-quick-question', 'data-agent-id': agent.id, 'data-entry-id': q.entryId },
      }, q.text);
      b.addEventListener('click', () => opts.ask(agent, q.text));
      list.append(h('li', {}, b));
    }
    const body = h('div', { id: `${headingId}-body`, class: 'agent-ask-body', attrs: { hidden: folded } },
      welcome === '' ? null : h('p', { class: 'agent-welcome', attrs: { 'data-testid': 'agent-welcome' } }, welcome),
      questions.length === 0 ? null : list);
    return h('section', { class: 'agent-ask', attrs: { 'data-testid': 'agent-ask', 'data-agent-id': agent.id, 'aria-labelledby': `${headingId}-h` } },
      h('h2', { id: `${headingId}-h`, class: 'agent-ask-title' },
        h('span', { class: 'agent-ask-badge' }, t('agent.badge')),
        h('span', { class: 'agent-ask-name' }, t('agent.ask.title', { name: title })),
        toggle),
      body);
  }

  function render(): void {
    const shown = agents.filter((a) => a.hotQuestions.length > 0 || Object.keys(a.welcome).length > 0);
    el.replaceChildren(...shown.map(section));
    el.hidden = shown.length === 0;
  }

  const offLang = onLangChange(render);
  return {
    el,
    setAgents(list) {
      agents = list;
      render();
    },
    dispose() {
      offLang();
    },
  };
}
