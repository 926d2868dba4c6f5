// Voice controls in the top bar: "turn on voice" (only then is the microphone requested), then
// mute/unmute the microphone and turn voice off.
import { t } from '../../i18n';
import { ProximityVoice } from '../../voice/voice';
import { h, txWith } from '../dom';
import { icon } from '../icons';

export interface VoiceControls {
  el: HTMLElement;
  enabled(): boolean;
  isPeerMuted(entityId: number): boolean;
  setPeerMuted(entityId: number, muted: boolean): void;
  disable(): void;
  dispose(): void;
}

export function voiceControls(voice: ProximityVoice, opts: { onChange: () => void; onError: (key: 'voice.denied' | 'voice.unavailable') => void }): VoiceControls {
  let selfMuted = false;
  let starting = false;

  const power = h('button', { class: 'btn btn-secondary btn-voice', attrs: { type: 'button' } });
  const mic = h('button', { class: 'btn-icon', attrs: { type: 'button', hidden: true } });
  const el = h('div', { class: 'voice-controls', attrs: { role: 'group' } }, power, mic);

  function render(): void {
    const on = voice.enabled;
    power.disabled = starting;
    power.setAttribute('aria-pressed', String(on));
    power.replaceChildren(icon(on ? 'mic' : 'micOff'), h('span', { class: 'label-wide' }, t(starting ? 'voice.starting' : on ? 'voice.off' : 'voice.on')));
    power.setAttribute('aria-label', t(starting ? 'voice.starting' : on ? 'voice.off' : 'voice.on'));
    mic.hidden = !on;
    const micLabel = t(selfMuted ? 'voice.unmute' : 'voice.mute');
    mic.replaceChildren(icon(selfMuted ? 'micOff' : 'mic'));
    mic.setAttribute('aria-label', micLabel);
    mic.setAttribute('aria-pressed', String(selfMuted));
    mic.title = micLabel;
    mic.classList.toggle('is-muted', selfMuted);
  }

  power.addEventListener('click', () => {
    if (voice.enabled) {
      voice.disable();
      selfMuted = false;
      render();
      opts.onChange();
      return;
    }
    const media = globalThis.navigator?.mediaDevices;
    if (media === undefined || typeof media.getUserMedia !== 'function' || typeof RTCPeerConnection === 'undefined') {
      opts.onError('voice.unavailable');
      return;
    }
    starting = true;
    render();
    voice.enable().then(
      () => {
        starting = false;
        voice.setSelfMuted(selfMuted);
        render();
        opts.onChange();
      },
      () => {
        starting = false;
        render();
        opts.onError('voice.denied');
      },
    );
  });
  mic.addEventListener('click', () => {
    selfMuted = !selfMuted;
    voice.setSelfMuted(selfMuted);
    render();
  });

  const unsubscribe = voice.on('change', () => {
    render();
    opts.onChange();
  });
  txWith(el, 'voice', render);

  return {
    el,
    enabled: () => voice.enabled,
    isPeerMuted: (id) => voice.isPeerMuted(id),
    setPeerMuted: (id, muted) => voice.setPeerMuted(id, muted),
    disable() {
      if (voice.enabled) voice.disable();
      render();
    },
    dispose() {
      unsubscribe();
      voice.dispose(); // hangs up, releases the microphone, stops listening to the client
    },
  };
}
