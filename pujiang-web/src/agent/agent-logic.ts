// The pure parts of digital humans (agents) in the client: word timing of a Say line (which word is
// being spoken, how open the mouth is), the voice to speak it with, the gesture and expression cues,
// and where a quick-button question goes. No DOM, no speechSynthesis, no Three.js here, so all of it
// runs in node tests; agent-speech.ts and the UI are the glue.

import type { SayLine, SayWord } from '../net/types';

export type { SayWord } from '../net/types';

/** A Say as this module needs it: the SpaceClient's 'say' event (text fields the server leaves empty are '', "none"). */
export type AgentSay = Omit<SayLine, 'type'>;

// ---- language and word timing ---------------------------------------------------------------------

const HAN = /\p{Script=Han}/u;

/** The speech language of a line: the server's tag if it gave one, else zh-CN for text with Han characters, else en. */
export function speechLang(lang: string, text: string): string {
  const tag = lang.trim();
  if (tag !== '') return tag;
  return HAN.test(text) ? 'zh-CN' : 'en';
}

function isChinese(lang: string): boolean {
  return lang.toLowerCase().startsWith('zh');
}

/** Milliseconds per Han character, per Latin letter (with a floor per word), and pauses after punctuation. */
export const TIMING = { hanMs: 230, letterMs: 90, minWordMs: 180, commaPauseMs: 150, stopPauseMs: 320 } as const;

const STOPS = new Set(['。', '！', '？', '.', '!', '?', '；', ';', '…']);
const COMMAS = new Set(['，', '、', ',', '：', ':', '—', '（', '）', '(', ')']);

/**
 * Estimated word timings, for a line that came without them. The same rule as the server's
 * WordTimings.estimate: each Han character is a word, other text splits into runs of letters and
 * digits; punctuation adds a pause.
 */
export function estimateWords(text: string, lang: string): SayWord[] {
  const out: SayWord[] = [];
  let at = 0;
  const zh = isChinese(speechLang(lang, text));
  // A Han character; or a run of other letters and digits (Han excluded, so "ID卡" is two words); or one punctuation mark.
  const re = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])(?:(?!\p{Script=Han})[\p{L}\p{N}'’-])*|[^\s\p{L}\p{N}]/gu;
  for (const m of text.matchAll(re)) {
    const token = m[0];
    const start = m.index;
    if (HAN.test(token)) {
      out.push({ start, end: start + token.length, atMs: at });
      at += TIMING.hanMs;
    } else if (/[\p{L}\p{N}]/u.test(token)) {
      out.push({ start, end: start + token.length, atMs: at });
      // Digits and Latin inside Chinese speech are read letter by letter, about as slowly.
      at += Math.max(TIMING.minWordMs, [...token].length * (zh ? TIMING.letterMs * 1.2 : TIMING.letterMs));
    } else if (STOPS.has(token)) {
      at += TIMING.stopPauseMs;
    } else if (COMMAS.has(token)) {
      at += TIMING.commaPauseMs;
    }
  }
  return out;
}

/**
 * The words to time a line by: the server's when they fit the text (in order, inside it), else an estimate.
 * A bad list is replaced rather than trusted: the bubble must never index outside the text.
 */
export function wordsOf(say: Pick<AgentSay, 'text' | 'lang' | 'words'>): SayWord[] {
  const n = say.text.length;
  let ok = say.words.length > 0;
  let lastStart = 0;
  let lastAt = 0;
  for (const w of say.words) {
    if (!(w.start >= 0 && w.start < w.end && w.end <= n && w.start >= lastStart && w.atMs >= lastAt)) { ok = false; break; }
    lastStart = w.start;
    lastAt = w.atMs;
  }
  return ok ? say.words.map((w) => ({ start: w.start, end: w.end, atMs: w.atMs })) : estimateWords(say.text, say.lang);
}

/** How long word `i` lasts: until the next word starts (at most 1.2 s), or by its length for the last one. */
export function wordLengthMs(text: string, words: readonly SayWord[], i: number): number {
  const w = words[i];
  if (w === undefined) return 0;
  const next = words[i + 1];
  if (next !== undefined) return Math.max(60, Math.min(1200, next.atMs - w.atMs));
  const token = text.slice(w.start, w.end);
  return HAN.test(token) ? TIMING.hanMs : Math.max(TIMING.minWordMs, [...token].length * TIMING.letterMs);
}

/** How long the whole line takes to speak (ms). */
export function speechDurationMs(text: string, words: readonly SayWord[]): number {
  if (words.length === 0) return 0;
  return words[words.length - 1]!.atMs + wordLengthMs(text, words, words.length - 1);
}

/** The index of the word being spoken `elapsedMs` after the line started: -1 before the first, the last one after the end. */
export function wordIndexAt(words: readonly SayWord[], elapsedMs: number): number {
  // Binary search for the last word with atMs <= elapsed.
  let lo = 0;
  let hi = words.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]!.atMs <= elapsedMs) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/** The index of the word at UTF-16 offset `charIndex` (a speechSynthesis boundary event): the last word starting at or before it. */
export function wordIndexAtChar(words: readonly SayWord[], charIndex: number): number {
  let found = -1;
  for (let i = 0; i < words.length; i++) {
    if (words[i]!.start <= charIndex) found = i;
    else break;
  }
  return found;
}

/**
 * How open the mouth is (0 closed … 1 open) `elapsedMs` into the line: one open-close per syllable
 * while a word is spoken (a Han character is one syllable; a Latin word about one per three letters),
 * closed in the pauses and after the end.
 */
export function mouthOpen(text: string, words: readonly SayWord[], elapsedMs: number): number {
  const i = wordIndexAt(words, elapsedMs);
  if (i < 0) return 0;
  const w = words[i]!;
  const token = text.slice(w.start, w.end);
  const len = HAN.test(token) ? TIMING.hanMs : Math.max(TIMING.minWordMs, [...token].length * TIMING.letterMs);
  const into = elapsedMs - w.atMs;
  if (into >= len) return 0;
  const syllables = HAN.test(token) ? 1 : Math.max(1, Math.round([...token].length / 3));
  return Math.abs(Math.sin(Math.PI * (into / len) * syllables));
}

/** A piece of the bubble's text: a word (with its index and state) or the text between words. */
export type BubbleSegment =
  | { kind: 'word'; index: number; text: string }
  | { kind: 'gap'; text: string };

/** Splits the text into words and the gaps between them, covering all of it in order. */
export function bubbleSegments(text: string, words: readonly SayWord[]): BubbleSegment[] {
  const out: BubbleSegment[] = [];
  let at = 0;
  words.forEach((w, index) => {
    if (w.start < at) return; // overlapping words (wordsOf never makes these) would repeat text
    if (w.start > at) out.push({ kind: 'gap', text: text.slice(at, w.start) });
    out.push({ kind: 'word', index, text: text.slice(w.start, w.end) });
    at = w.end;
  });
  if (at < text.length) out.push({ kind: 'gap', text: text.slice(at) });
  return out;
}

/** How long a bubble stays after the line has been spoken, and the least it is shown at all. */
export const BUBBLE_HOLD_MS = 6000;
export const BUBBLE_MIN_MS = 8000;

/** When (ms after the line started) its bubble goes away. */
export function bubbleEndMs(durationMs: number): number {
  return Math.max(BUBBLE_MIN_MS, durationMs + BUBBLE_HOLD_MS);
}

// ---- voice ---------------------------------------------------------------------------------------

/** What pickVoice needs of a SpeechSynthesisVoice. */
export interface VoiceInfo { lang: string; name: string; localService?: boolean; default?: boolean }

function normTag(tag: string): string {
  return tag.trim().replace(/_/g, '-').toLowerCase();
}

/**
 * The voice to speak `lang` with, or null to let the browser choose from the utterance's lang.
 * Exact tag first (zh-CN), then the same language (a Mandarin voice of mainland China before zh-TW or
 * Cantonese zh-HK; any en-* for en); among equals a local voice (works offline), then the default.
 */
export function pickVoice<V extends VoiceInfo>(voices: readonly V[], lang: string): V | null {
  const want = normTag(lang);
  const primary = want.split('-')[0]!;
  let best: V | null = null;
  let bestScore = 0;
  for (const v of voices) {
    const tag = normTag(v.lang);
    let score = 0;
    if (tag === want) score = 100;
    else if (tag.split('-')[0] === primary) {
      score = 50;
      if (primary === 'zh') {
        // Mandarin in simplified script first; Taiwan next; Cantonese (zh-HK, yue) last.
        if (tag.includes('cn') || tag.includes('hans')) score = 80;
        else if (tag.includes('tw')) score = 40;
        else if (tag.includes('hk')) score = 20;
      }
    }
    if (score === 0) continue;
    if (v.localService === true) score += 5;
    if (v.default === true) score += 2;
    if (score > bestScore) { best = v; bestScore = score; }
  }
  return best;
}

// ---- gestures and expressions ---------------------------------------------------------------------

/** The avatar gestures agents use (the avatar animation draws them; see scene/avatar-anim.ts). */
export type AgentGesture = 'wave' | 'point' | 'explain' | 'nod' | 'bow' | 'shrug' | 'think';

const GESTURES: Readonly<Record<string, AgentGesture>> = {
  greet: 'wave', wave: 'wave', point: 'point', explain: 'explain', nod: 'nod', bow: 'bow', shrug: 'shrug', think: 'think',
};

/** The gesture a Say's cue means, or null for none ('' or a cue this client does not know). */
export function gestureCue(cue: string): AgentGesture | null {
  return GESTURES[cue.trim().toLowerCase()] ?? null;
}

export type Expression = 'neutral' | 'smile' | 'attentive' | 'concerned';

export function expressionCue(cue: string): Expression {
  const c = cue.trim().toLowerCase();
  return c === 'smile' || c === 'attentive' || c === 'concerned' ? c : 'neutral';
}

/** How long a gesture plays (s): explaining lasts while the agent speaks (within limits); others are short. */
export function gestureSeconds(gesture: AgentGesture, speechMs: number): number {
  if (gesture === 'explain') return Math.max(2, Math.min(8, speechMs / 1000));
  if (gesture === 'point') return 3;
  return 2;
}

// ---- quick buttons ---------------------------------------------------------------------------------

/** An agent as GET /api/spaces/{id}/agents lists it (the parts the quick buttons use). */
export interface AgentNames {
  /** The agent's display name (what its avatar is called in the space). */
  name: string;
  /** Its persona's names by language, which may also be what the avatar is called. */
  personaNames: readonly string[];
}

/** An entity in view, as the choice of target needs it. */
export interface AgentCandidate { id: number; kind: string; name: string; x: number; z: number }

export type AskTarget =
  | { scope: 'direct'; toId: number; text: string }
  | { scope: 'space'; toId: 0; text: string };

/**
 * Where a quick-button question goes: DIRECT to the agent's avatar when it is in view (the nearest
 * one of that name, should there be two), else to everyone as "@name question", which the agent
 * answers because it is named.
 */
export function askTarget(agent: AgentNames, candidates: readonly AgentCandidate[], self: { x: number; z: number } | null,
  question: string): AskTarget {
  const names = new Set([agent.name, ...agent.personaNames].map((n) => n.trim()).filter((n) => n !== ''));
  let best: AgentCandidate | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c.kind !== 'agent' || !names.has(c.name.trim())) continue;
    const d = self === null ? 0 : Math.hypot(c.x - self.x, c.z - self.z);
    if (best === null || d < bestD || (d === bestD && c.id < best.id)) { best = c; bestD = d; }
  }
  const text = question.trim();
  if (best !== null) return { scope: 'direct', toId: best.id, text };
  return { scope: 'space', toId: 0, text: `@${agent.name.trim()} ${text}` };
}

/** Text in the UI language: that language, then its primary language (zh for zh-CN), then en, then any. */
export function localText(text: Readonly<Record<string, string>> | undefined, lang: string): string {
  if (text === undefined) return '';
  const own = text[lang];
  if (own !== undefined && own.trim() !== '') return own;
  const primary = lang.split('-')[0]!;
  for (const [k, v] of Object.entries(text)) if (k.split('-')[0] === primary && v.trim() !== '') return v;
  const en = text['en'];
  if (en !== undefined && en.trim() !== '') return en;
  for (const v of Object.values(text)) if (v.trim() !== '') return v;
  return '';
}

/** A link a bubble may show: http(s) anywhere, or a path on this server; anything else (javascript:, data:) is dropped. */
export function safeLink(link: string): string | null {
  const l = link.trim();
  if (l === '') return null;
  if (/^https?:\/\/[^\s]+$/i.test(l)) return l;
  if (/^\/(?![/\\])[^\\\s]*$/.test(l)) return l;
  return null;
}
