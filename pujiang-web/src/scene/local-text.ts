// Picking one language out of a LocalText (scene-types.ts): the client's language, then 'en', then any.

import type { LocalText } from '../api/scene-types';

/** The text for `lang`; '' when there is none at all. */
export function pickText(text: LocalText | undefined, lang: string): string {
  if (!text) return '';
  const exact = text[lang];
  if (exact) return exact;
  // 'zh' asks for any Chinese variant the scene has ('zh-CN' before others, by key order).
  const base = lang.split('-')[0]!.toLowerCase();
  for (const key of Object.keys(text)) {
    const value = text[key];
    if (value && key.split('-')[0]!.toLowerCase() === base) return value;
  }
  if (text.en) return text.en;
  for (const key of Object.keys(text)) {
    const value = text[key];
    if (value) return value;
  }
  return '';
}
