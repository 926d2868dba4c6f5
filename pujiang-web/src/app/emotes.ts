// The emote bar's gestures; the number is what SpaceView.playEmote(n) and the wire carry.
import type { MessageKey } from '../i18n/en';

export interface EmoteSpec { emote: number; label: MessageKey }

export const EMOTES: readonly EmoteSpec[] = [
  { emote: 1, label: 'emote.1' },
  { emote: 2, label: 'emote.2' },
  { emote: 3, label: 'emote.3' },
  { emote: 4, label: 'emote.4' },
  { emote: 5, label: 'emote.5' },
  { emote: 6, label: 'emote.6' },
];

/** The emote for a key press ('1'..'6'), or null. */
export function emoteForKey(key: string): number | null {
  const n = /^[1-9]$/.test(key) ? Number(key) : NaN;
  return EMOTES.some((e) => e.emote === n) ? n : null;
}

/** True when a key press belongs to a text field (shortcuts must leave it alone). */
export function isTypingTarget(tag: string | undefined, editable: boolean): boolean {
  return editable || tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}
