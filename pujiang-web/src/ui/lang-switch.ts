// The language switch shown on every page: a labelled native <select> (keyboard-operable as is).
import { LANGS, lang, onLangChange, setLang, type Lang } from '../i18n';
import { h, srOnly, tx, uid } from './dom';

export function langSwitch(): HTMLElement {
  const id = uid('lang');
  const select = h('select', { id, class: 'lang-select' });
  for (const l of LANGS) {
    const option = h('option', { attrs: { value: l, lang: l } });
    tx(option, l === 'en' ? 'lang.en' : 'lang.zh-CN');
    select.append(option);
  }
  select.value = lang();
  select.addEventListener('change', () => setLang(select.value as Lang));
  // Another switch on the page (or a restore) may change the language: keep this one in step.
  const off = onLangChange((l) => {
    if (!select.isConnected) off();
    else select.value = l;
  });
  const label = h('label', { class: 'lang-switch', attrs: { for: id } }, globe(), srOnly('lang.label'));
  return h('div', { class: 'lang-wrap' }, label, select);
}

function globe(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  svg.innerHTML =
    '<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="1.8"/>' +
    '<path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z" fill="none" stroke="currentColor" stroke-width="1.8"/>';
  return svg;
}
