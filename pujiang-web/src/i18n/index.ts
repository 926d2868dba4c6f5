// The app's current language: t() for lookups, setLang() to switch (remembered, <html lang> updated),
// and onLangChange() so views can re-render their text at once.
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';
import { LANGS, pickLang, pickLocal, translate, type Dictionary, type Lang, type Params } from './translate';

export type { MessageKey } from './en';
export type { Lang, Params } from './translate';
export { LANGS } from './translate';

const STORAGE_KEY = 'pujiang.lang';
const DICTS: Record<Lang, Dictionary> = { en, 'zh-CN': zhCN };

let current: Lang = initialLang();
const listeners = new Set<(lang: Lang) => void>();

function initialLang(): Lang {
  let stored: string | null = null;
  try {
    stored = globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    stored = null; // storage blocked (private mode, sandboxed frame): fall back to the browser language
  }
  const nav = globalThis.navigator;
  const tags = nav === undefined ? [] : nav.languages?.length ? nav.languages : [nav.language];
  return pickLang(stored, tags);
}

export function lang(): Lang {
  return current;
}

export function t(key: MessageKey, params?: Params): string {
  return translate(DICTS[current], DICTS.en, key, params);
}

/** Picks the current language out of a scene's multilingual text. */
export function local(text: Readonly<Record<string, string | undefined>> | undefined): string {
  return pickLocal(text, current);
}

export function setLang(next: Lang): void {
  if (!LANGS.includes(next) || next === current) return;
  current = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered; the switch still works for this page
  }
  applyDocumentLang();
  for (const fn of [...listeners]) fn(next);
}

export function onLangChange(fn: (lang: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Sets <html lang> and the title to the current language. */
export function applyDocumentLang(): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = current;
  document.title = t('app.name');
}
