// The top-bar toggle that mutes what digital humans say aloud (remembered across visits by
// AgentSpeech). It shows once the space has an agent. Where the browser cannot speak it still
// works (the choice is kept for a browser that can) and says why nothing is heard.
import type { AgentSpeech } from '../../agent/agent-speech';
import { t } from '../../i18n';
import { h, txWith } from '../dom';
import { icon } from '../icons';

export interface AgentMuteToggle {
  el: HTMLButtonElement;
  /** Shows the toggle (the space has digital humans). */
  reveal(): void;
}

export function agentMuteToggle(speech: AgentSpeech): AgentMuteToggle {
  const el = h('button', { class: 'btn-icon agent-mute', attrs: { type: 'button', hidden: true, 'data-testid': 'agent-speech-mute' } });
  const render = () => {
    const muted = speech.muted;
    el.replaceChildren(icon(muted ? 'speakerOff' : 'speaker'));
    el.setAttribute('aria-pressed', String(muted));
    el.classList.toggle('is-muted', muted);
    el.dataset['muted'] = String(muted);
    el.dataset['supported'] = String(speech.supported);
    // A steady name with aria-pressed for the state; the tooltip says what a click does.
    el.setAttribute('aria-label', t('agent.speech.mute'));
    const hint = t(muted ? 'agent.speech.unmute' : 'agent.speech.mute');
    el.title = speech.supported ? hint : `${hint} — ${t('agent.speech.unavailable')}`;
  };
  el.addEventListener('click', () => {
    speech.setMuted(!speech.muted);
    render();
  });
  txWith(el, 'agent-mute', render);
  return {
    el,
    reveal() {
      el.hidden = false;
    },
  };
}
