// What the digital humans in view are saying: one line per agent, timed word by word, spoken aloud
// with the browser's speechSynthesis unless the visitor muted it. The speech bubbles, the avatar
// animation (mouth, head, gesture) and the test hook all read it.
//
// Owned by the space page; called on the main thread only. speechSynthesis is optional: where the
// browser has none (headless, some webviews) lines are still timed and shown, just not heard.

import {
  bubbleEndMs, expressionCue, gestureCue, gestureSeconds, mouthOpen, pickVoice, safeLink, speechDurationMs,
  speechLang, wordIndexAt, wordIndexAtChar, wordsOf, type AgentGesture, type AgentSay, type Expression, type SayWord,
} from './agent-logic';

/** The part of SpeechSynthesis used here (tests pass a fake). */
export interface SynthLike {
  speak(u: UtteranceLike): void;
  cancel(): void;
  getVoices(): readonly VoiceLike[];
}
export interface VoiceLike { lang: string; name: string; localService?: boolean; default?: boolean }
/** The part of SpeechSynthesisUtterance used here. */
export interface UtteranceLike {
  text: string;
  lang: string;
  voice: unknown;
  rate: number;
  onstart: ((ev: unknown) => void) | null;
  onend: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onboundary: ((ev: { charIndex: number; name?: string }) => void) | null;
}
export interface StorageLike { getItem(key: string): string | null; setItem(key: string, value: string): void }

export interface AgentSpeechOptions {
  /** Default: globalThis.speechSynthesis, when the browser has it. Null: never speak. */
  synth?: SynthLike | null;
  /** Default: new SpeechSynthesisUtterance(text), when the browser has it. */
  utterance?: (text: string) => UtteranceLike | null;
  /** Where the mute choice is remembered. Default: localStorage, when allowed. */
  storage?: StorageLike | null;
  /** Clock in ms. Default: performance.now(). */
  now?: () => number;
}

export const MUTE_KEY = 'pujiang.agentSpeech.muted';
/** An utterance that starts later than this after its line came is not waited for: the bubble keeps its own time. */
const LATE_START_MS = 3000;
/** How long past its timing a line that the engine says is still speaking keeps its bubble. */
const MAX_OVERRUN_MS = 60_000;

/** One line an agent is saying (or said a moment ago). */
export interface SpeechLine {
  readonly seq: number;
  /** "e:<entity id>" for an agent in view, else "n:<name>". */
  readonly key: string;
  readonly entityId: number;
  readonly name: string;
  readonly say: AgentSay;
  readonly lang: string;
  readonly words: readonly SayWord[];
  readonly durationMs: number;
  readonly gesture: AgentGesture | null;
  readonly gestureSeconds: number;
  readonly expression: Expression;
  /** The link, when it is safe to show (http(s) or a path on this server). */
  readonly link: string | null;
  readonly receivedMs: number;
  /** When word 0 is (was) spoken; moved when the audio starts and at every word boundary it reports. */
  startMs: number;
  audio: 'none' | 'queued' | 'speaking' | 'ended' | 'failed';
  /** The voice's name, '' when the browser chose (or nothing is spoken). */
  voice: string;
  /** Word boundaries the speech engine reported (0 when it reports none: then timing alone drives the bubble). */
  boundaries: number;
}

/** What the avatar shows of a line now. */
export interface SpeechFrame {
  word: number;
  /** 0 closed … 1 open. */
  mouth: number;
  speaking: boolean;
  expression: Expression;
}

export class AgentSpeech {
  private readonly synth: SynthLike | null;
  private readonly makeUtterance: (text: string) => UtteranceLike | null;
  private readonly storage: StorageLike | null;
  private readonly now: () => number;
  private readonly byKey = new Map<string, SpeechLine>();
  private readonly listeners = new Set<(line: SpeechLine) => void>();
  private seq = 0;
  private isMuted: boolean;
  /** The line being spoken aloud; its utterance is held so the browser does not collect it mid-speech. */
  private current: { line: SpeechLine; utterance: UtteranceLike } | null = null;
  /** Utterances handed to speechSynthesis so far (for tests). */
  utterances = 0;

  constructor(opts: AgentSpeechOptions = {}) {
    this.synth = opts.synth !== undefined ? opts.synth : defaultSynth();
    this.makeUtterance = opts.utterance ?? defaultUtterance;
    this.storage = opts.storage !== undefined ? opts.storage : defaultStorage();
    this.now = opts.now ?? (() => globalThis.performance?.now() ?? Date.now());
    let stored: string | null = null;
    try {
      stored = this.storage?.getItem(MUTE_KEY) ?? null;
    } catch {
      stored = null;
    }
    this.isMuted = stored === '1';
    try {
      // Chromium loads its voice list on the first ask; asking now makes it ready for the first line.
      this.synth?.getVoices();
    } catch {
      // no voices: the browser picks one from each utterance's lang
    }
  }

  /** True when this browser can speak at all. */
  get supported(): boolean {
    return this.synth !== null;
  }

  get muted(): boolean {
    return this.isMuted;
  }

  /** Mutes or unmutes speech (remembered across visits); muting stops what is being said. */
  setMuted(muted: boolean): void {
    if (muted === this.isMuted) return;
    this.isMuted = muted;
    try {
      this.storage?.setItem(MUTE_KEY, muted ? '1' : '0');
    } catch {
      // not remembered; the choice still holds for this page
    }
    if (muted) this.stopAudio();
  }

  /** Called for every line an agent says (or whenever a line is added). Answers an unsubscribe function. */
  onLine(fn: (line: SpeechLine) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Takes a Say from the server: it replaces what that agent was saying, and is spoken unless muted. */
  handle(say: AgentSay): SpeechLine {
    const now = this.now();
    const words = wordsOf(say);
    const gesture = gestureCue(say.gesture);
    const durationMs = speechDurationMs(say.text, words);
    const line: SpeechLine = {
      seq: ++this.seq,
      key: say.from > 0 ? `e:${say.from}` : `n:${say.fromName}`,
      entityId: say.from,
      name: say.fromName,
      say,
      lang: speechLang(say.lang, say.text),
      words,
      durationMs,
      gesture,
      gestureSeconds: gesture === null ? 0 : gestureSeconds(gesture, durationMs),
      expression: expressionCue(say.expression),
      link: safeLink(say.link),
      receivedMs: now,
      startMs: now,
      audio: 'none',
      voice: '',
      boundaries: 0,
    };
    this.byKey.set(line.key, line);
    if (!this.isMuted) this.speak(line);
    for (const fn of [...this.listeners]) fn(line);
    return line;
  }

  /** Lines whose bubbles are still up, oldest first; older ones are forgotten. */
  lines(): SpeechLine[] {
    const now = this.now();
    const out: SpeechLine[] = [];
    for (const [key, line] of this.byKey) {
      if (this.isOver(line, now)) this.byKey.delete(key);
      else out.push(line);
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** The line agent `entityId` is saying, if its bubble is still up. */
  lineOf(entityId: number): SpeechLine | undefined {
    const line = this.byKey.get(`e:${entityId}`);
    return line !== undefined && !this.isOver(line, this.now()) ? line : undefined;
  }

  /** The word being spoken now (-1 before the first). */
  wordNow(line: SpeechLine): number {
    return wordIndexAt(line.words, this.now() - line.startMs);
  }

  /** True while the line is being spoken (by its timing, or while its audio still plays). */
  speaking(line: SpeechLine): boolean {
    const elapsed = this.now() - line.startMs;
    return line.audio === 'speaking' || (elapsed >= 0 && elapsed < line.durationMs);
  }

  /** The avatar's cues for agent `entityId` now, or null when it says nothing. */
  frame(entityId: number): SpeechFrame | null {
    const line = this.lineOf(entityId);
    if (line === undefined) return null;
    const elapsed = this.now() - line.startMs;
    const speaking = this.speaking(line);
    let mouth = mouthOpen(line.say.text, line.words, elapsed);
    // The voice runs longer than the timing said: keep the mouth moving at a syllable pace.
    if (line.audio === 'speaking' && elapsed >= line.durationMs) mouth = Math.abs(Math.sin(elapsed / 70));
    return { word: wordIndexAt(line.words, elapsed), mouth, speaking, expression: line.expression };
  }

  /** Stops speaking and forgets every line. */
  dispose(): void {
    this.stopAudio();
    this.byKey.clear();
    this.listeners.clear();
  }

  private isOver(line: SpeechLine, now: number): boolean {
    const past = now - line.startMs - bubbleEndMs(line.durationMs);
    // A voice still speaking keeps its bubble, but not for ever: some engines never report the end.
    return past > (line.audio === 'speaking' ? MAX_OVERRUN_MS : 0);
  }

  private stopAudio(): void {
    const cur = this.current;
    this.current = null;
    if (cur !== null && cur.line.audio !== 'ended') cur.line.audio = 'failed';
    try {
      this.synth?.cancel();
    } catch {
      // nothing to stop
    }
  }

  /** Speaks a line, cutting off whatever was being said: the newest line is the one the visitor is reading. */
  private speak(line: SpeechLine): void {
    const synth = this.synth;
    if (synth === null || line.say.text.trim() === '') return;
    let u: UtteranceLike | null;
    try {
      u = this.makeUtterance(line.say.text);
    } catch {
      u = null;
    }
    if (u === null) return;
    const utterance = u;
    utterance.lang = line.lang;
    utterance.rate = 1;
    try {
      const voice = pickVoice(synth.getVoices(), line.lang);
      if (voice !== null) {
        utterance.voice = voice;
        line.voice = voice.name;
      }
    } catch {
      // no voice list: the browser picks one from the utterance's lang
    }
    const mine = () => this.current?.utterance === utterance;
    utterance.onstart = () => {
      if (!mine()) return;
      line.audio = 'speaking';
      // Line the bubble up with the voice, unless it started so late that the text has run on without it.
      const now = this.now();
      if (now - line.receivedMs < LATE_START_MS && line.boundaries === 0) line.startMs = now;
    };
    utterance.onboundary = (ev) => {
      if (!mine() || (ev.name !== undefined && ev.name !== 'word')) return;
      const i = wordIndexAtChar(line.words, ev.charIndex);
      if (i < 0) return;
      line.boundaries++;
      // The voice is the truth: move the timeline so that word i is spoken now.
      line.startMs = this.now() - line.words[i]!.atMs;
    };
    utterance.onend = () => {
      if (line.audio === 'speaking' || line.audio === 'queued') line.audio = 'ended';
      if (mine()) this.current = null;
    };
    utterance.onerror = () => {
      if (line.audio !== 'ended') line.audio = 'failed';
      if (mine()) this.current = null;
    };
    try {
      if (this.current !== null) {
        this.current.line.audio = this.current.line.audio === 'speaking' ? 'ended' : 'failed';
        synth.cancel();
      }
      this.current = { line, utterance };
      line.audio = 'queued';
      synth.speak(utterance);
      this.utterances++;
    } catch {
      line.audio = 'failed';
      this.current = null;
    }
  }
}

function defaultSynth(): SynthLike | null {
  const s = (globalThis as { speechSynthesis?: unknown }).speechSynthesis;
  const ok = typeof s === 'object' && s !== null && typeof (s as SynthLike).speak === 'function'
    && typeof (globalThis as { SpeechSynthesisUtterance?: unknown }).SpeechSynthesisUtterance === 'function';
  return ok ? s as SynthLike : null;
}

function defaultUtterance(text: string): UtteranceLike | null {
  const Ctor = (globalThis as { SpeechSynthesisUtterance?: new (text: string) => UtteranceLike }).SpeechSynthesisUtterance;
  return Ctor === undefined ? null : new Ctor(text);
}

function defaultStorage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage blocked (private mode, sandboxed frame)
  }
}
