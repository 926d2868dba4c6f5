// Pure language logic (no DOM): picking a language, looking a key up with fallback, filling placeholders.

export type Lang = 'en' | 'zh-CN';
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];

export type Dictionary = Readonly<Record<string, string>>;
export type Params = Readonly<Record<string, string | number>>;

/** The app language for a browser language tag: zh* → zh-CN, anything else → en. */
export function langFromTag(tag: string | null | undefined): Lang {
  return typeof tag === 'string' && tag.trim().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** A stored preference if it is valid, else the first browser language we can serve, else en. */
export function pickLang(stored: string | null | undefined, browserTags: readonly string[]): Lang {
  if (stored === 'en' || stored === 'zh-CN') return stored;
  for (const tag of browserTags) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return langFromTag(browserTags[0]);
}

/** Replaces {name} placeholders; unknown placeholders are left as written. */
export function fill(template: string, params?: Params): string {
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

/** Looks a key up in the language's dictionary, then in the fallback one, else answers the key itself. */
export function translate(dict: Dictionary, fallback: Dictionary, key: string, params?: Params): string {
  const text = dict[key] ?? fallback[key] ?? key;
  return fill(text, params);
}

/** Text in several languages (as scene documents carry): this language, then en, then any. */
export function pickLocal(text: Readonly<Record<string, string | undefined>> | undefined, lang: Lang): string {
  if (text === undefined) return '';
  const own = text[lang];
  if (own !== undefined && own !== '') return own;
  const en = text['en'];
  if (en !== undefined && en !== '') return en;
  for (const v of Object.values(text)) if (v !== undefined && v !== '') return v;
  return '';
}
