// The header of the sign-in and lobby pages: brand, who is signed in, language, sign out.
import { t } from '../i18n';
import type { AppContext } from './context';
import { h, tx, txAttr, txWith } from './dom';
import { langSwitch } from './lang-switch';
import { roleBadge } from './badges';

export function pageHeader(ctx: AppContext, opts: { signOut: boolean }): HTMLElement {
  const brand = h('a', { class: 'brand', attrs: { href: '/' } }, logo(), h('span', { tx: 'app.name' }));
  txAttr(brand, 'aria-label', 'app.name'); // the text is hidden on small phones
  const right = h('div', { class: 'header-actions' }, langSwitch());
  const s = ctx.session.current;
  if (opts.signOut && s !== null) {
    const who = h('span', { class: 'who' });
    txWith(who, 'text', () => {
      who.textContent = t('nav.signedInAs', { name: s.user.displayName });
    });
    const out = h('button', { class: 'btn btn-ghost', attrs: { type: 'button' }, tx: 'nav.signOut' });
    out.addEventListener('click', () => {
      const token = s.token;
      // Best effort: the session ends here whatever the server says.
      void ctx.api.logout(token).catch(() => undefined);
      ctx.signedOut(null);
    });
    right.prepend(h('div', { class: 'who-wrap' }, who, roleBadge(s.user.role)));
    right.append(out);
  }
  return h('header', { class: 'page-header' }, brand, right);
}

export function logo(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 32 32');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'logo');
  svg.innerHTML =
    '<rect width="32" height="32" rx="8" fill="#0f5c63"/>' +
    '<path d="M5 20c3.5-3 7-3 10.5 0s7 3 11.5 0" fill="none" stroke="#7fd6cf" stroke-width="2.4" stroke-linecap="round"/>' +
    '<path d="M5 14c3.5-3 7-3 10.5 0s7 3 11.5 0" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/>';
  return svg;
}

export function skipLink(): HTMLAnchorElement {
  const a = h('a', { class: 'skip-link', attrs: { href: '#main' } });
  tx(a, 'nav.skip');
  a.addEventListener('click', (e) => {
    e.preventDefault();
    document.getElementById('main')?.focus();
  });
  return a;
}
