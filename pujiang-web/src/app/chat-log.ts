// The chat panel's lines: received chat plus local notices (errors, moderation), trimmed to the newest N.
import { safeLink, type AgentSay } from '../agent/agent-logic';
import type { ChatLine, ChatScope } from '../net/types';

export const CHAT_LOG_LIMIT = 200;

/** What marks a line a digital human said: the entry it cites ('' none), a safe link (or null), and whether staff were told. */
export interface AgentMark { entryId: string; link: string | null; handoff: boolean }

export type ChatEntry =
  | { kind: 'chat'; seq: number; from: string; text: string; scope: ChatScope; timeMs: number; self: boolean; agent?: AgentMark }
  | { kind: 'notice'; seq: number; text: string; timeMs: number; tone: 'info' | 'error' };

export type NewChatEntry =
  | Omit<Extract<ChatEntry, { kind: 'chat' }>, 'seq'>
  | Omit<Extract<ChatEntry, { kind: 'notice' }>, 'seq'>;

/** An append-only log that keeps at most `limit` entries (the oldest go first). */
export class ChatLog {
  private entries: ChatEntry[] = [];
  private nextSeq = 1;

  constructor(readonly limit: number = CHAT_LOG_LIMIT) {}

  add(entry: NewChatEntry): ChatEntry {
    const full = { ...entry, seq: this.nextSeq++ } as ChatEntry;
    this.entries = appendTrimmed(this.entries, full, this.limit);
    return full;
  }

  all(): readonly ChatEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}

/** A new array with the item appended and only the newest `limit` items kept. */
export function appendTrimmed<T>(list: readonly T[], item: T, limit: number): T[] {
  const next = [...list, item];
  return next.length > limit ? next.slice(next.length - limit) : next;
}

export function entryFromLine(line: ChatLine, localTimeMs: number): NewChatEntry {
  return {
    kind: 'chat',
    from: line.fromName,
    text: line.text,
    scope: line.scope,
    timeMs: line.serverTimeMs > 0 ? line.serverTimeMs : localTimeMs,
    self: line.self,
  };
}

/** A digital human's Say as a chat line, with its citation. */
export function entryFromSay(say: AgentSay, localTimeMs: number): NewChatEntry {
  return {
    kind: 'chat',
    from: say.fromName,
    text: say.text,
    scope: say.scope,
    timeMs: say.serverTimeMs > 0 ? say.serverTimeMs : localTimeMs,
    self: false,
    agent: { entryId: say.entryId, link: safeLink(say.link), handoff: say.handoff },
  };
}

/** HH:MM in the viewer's time zone, 24-hour (both languages read it the same way). */
export function formatClock(timeMs: number): string {
  const d = new Date(timeMs);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Chat text limit the server applies (code points); checked before sending to save a round trip. */
export const CHAT_MAX_CHARS = 500;

export function chatTextProblem(text: string): 'empty' | 'tooLong' | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'empty';
  if ([...trimmed].length > CHAT_MAX_CHARS) return 'tooLong';
  return null;
}
