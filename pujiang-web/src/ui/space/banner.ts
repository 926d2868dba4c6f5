// The connection banner over the scene: what the connection is doing, and a way out where it helps.
import { bannerFor, type BannerAction } from '../../app/banner';
import type { MessageKey } from '../../i18n';
import type { ConnectionStatus } from '../../net/types';
import { h } from '../dom';

const ACTION_LABELS: Record<BannerAction, MessageKey> = {
  lobby: 'banner.toLobby',
  signIn: 'banner.signIn',
  retry: 'banner.retry',
};

export interface ConnectionBanner {
  el: HTMLElement;
  show(status: ConnectionStatus, detail: string, privateSpace: boolean): void;
}

export function connectionBanner(onAction: (action: BannerAction) => void): ConnectionBanner {
  const el = h('div', { class: 'conn-banner', attrs: { role: 'status', 'aria-live': 'assertive', hidden: true } });
  return {
    el,
    show(status, detail, privateSpace) {
      const spec = bannerFor(status, detail, { privateSpace, browserOffline: globalThis.navigator?.onLine === false });
      if (spec === null) {
        el.hidden = true;
        el.replaceChildren();
        return;
      }
      el.hidden = false;
      el.dataset['tone'] = spec.tone;
      const buttons = spec.actions.map((a) => {
        const b = h('button', { class: a === 'retry' ? 'btn btn-secondary' : 'btn btn-primary', attrs: { type: 'button' }, tx: ACTION_LABELS[a] });
        b.addEventListener('click', () => onAction(a));
        return b;
      });
      el.replaceChildren(
        spec.busy ? h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }) : '',
        h('p', { class: 'conn-text', tx: spec.message, txParams: spec.params }),
        buttons.length > 0 ? h('div', { class: 'conn-actions' }, ...buttons) : '',
      );
      // Only a final state moves focus, so keyboard users land on the way out.
      if (!spec.busy) buttons[0]?.focus();
    },
  };
}
