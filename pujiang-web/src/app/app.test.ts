import { describe, expect, it, vi } from 'vitest';
import { appendTrimmed, ChatLog, chatTextProblem, entryFromLine, entryFromSay, formatClock } from './chat-log';
import { bannerFor, refusalKind } from './banner';
import { readableApiError, readableProtocolError, isAuthError } from './errors';
import { canCreateSpace, canModerate } from './permissions';
import { peopleFrom } from './people';
import { debounce } from './debounce';
import { clampPage, pageCount } from './pagination';
import { parseCapacity, passwordProblem, spaceNameProblem, usernameProblem } from './validation';
import { parseStoredSession, SessionStore } from './session';
import type { ConnectionStatus } from '../net/types';
import { en } from '../i18n/en';

describe('chat log', () => {
  it('keeps only the newest 200 lines', () => {
    const log = new ChatLog();
    for (let i = 0; i < 250; i++) log.add({ kind: 'notice', text: `n${i}`, timeMs: i, tone: 'info' });
    const all = log.all();
    expect(all).toHaveLength(200);
    expect(all[0]).toMatchObject({ text: 'n50', seq: 51 });
    expect(all[199]).toMatchObject({ text: 'n249', seq: 250 });
  });

  it('appendTrimmed does not mutate its input', () => {
    const a = [1, 2, 3];
    expect(appendTrimmed(a, 4, 3)).toEqual([2, 3, 4]);
    expect(a).toEqual([1, 2, 3]);
  });

  it('turns a ChatLine into an entry, using local time when the server gave none', () => {
    const line = { fromId: 3, fromName: '李明', scope: 'nearby' as const, text: '你好', serverTimeMs: 0, self: false };
    expect(entryFromLine(line, 1234)).toEqual({ kind: 'chat', from: '李明', text: '你好', scope: 'nearby', timeMs: 1234, self: false });
    expect(entryFromLine({ ...line, serverTimeMs: 99 }, 1234)).toMatchObject({ timeMs: 99 });
    const say = { from: 3, fromName: '小浦', scope: 'direct' as const, text: '周一至周五 9:00 开放。', lang: 'zh-CN', gesture: 'explain',
      expression: 'smile', words: [], entryId: 'hours', link: 'javascript:x', handoff: false, serverTimeMs: 77 };
    expect(entryFromSay(say, 1234)).toEqual({ kind: 'chat', from: '小浦', text: '周一至周五 9:00 开放。', scope: 'direct', timeMs: 77,
      self: false, agent: { entryId: 'hours', link: null, handoff: false } });
  });

  it('formats a 24-hour clock and checks text', () => {
    expect(formatClock(new Date(2025, 0, 1, 9, 5).getTime())).toBe('09:05');
    expect(chatTextProblem('   ')).toBe('empty');
    expect(chatTextProblem('好'.repeat(501))).toBe('tooLong');
    expect(chatTextProblem('好'.repeat(500))).toBeNull();
  });
});

describe('connection banner', () => {
  it('shows nothing when online, idle or closed', () => {
    for (const s of ['online', 'idle', 'closed'] as ConnectionStatus[]) expect(bannerFor(s)).toBeNull();
  });

  it('says what is happening for every other status, with existing keys', () => {
    const all: ConnectionStatus[] = ['connecting', 'reconnecting', 'offline', 'full', 'kicked', 'refused'];
    for (const s of all) {
      const spec = bannerFor(s, '');
      expect(spec, s).not.toBeNull();
      expect(en[spec!.message], s).toBeTruthy();
    }
    expect(bannerFor('reconnecting')!.busy).toBe(true);
    expect(bannerFor('full')!.actions).toContain('lobby');
    expect(bannerFor('offline', '', { browserOffline: true })!.message).toBe('banner.offline');
    expect(bannerFor('offline', '', { browserOffline: false })!.message).toBe('banner.unreachable');
  });

  it('explains refusals', () => {
    expect(refusalKind('FORBIDDEN')).toBe('private');
    expect(refusalKind('SPACE_NOT_FOUND')).toBe('notFound');
    expect(refusalKind('AUTH_FAILED')).toBe('auth');
    expect(refusalKind('something else')).toBe('other');
    expect(bannerFor('refused', 'FORBIDDEN: private space')!.message).toBe('banner.refused.private');
    expect(bannerFor('refused', 'AUTH_FAILED')!.actions).toEqual(['signIn']);
    expect(bannerFor('refused', 'FORBIDDEN', { privateSpace: false })!.message).toBe('banner.refused.other');
  });

  it('quotes a kick reason, but not a bare code name', () => {
    expect(bannerFor('kicked', 'spamming')).toMatchObject({ message: 'banner.kickedReason', params: { reason: 'spamming' } });
    expect(bannerFor('kicked', 'KICKED')!.message).toBe('banner.kicked');
  });
});

describe('errors', () => {
  it('maps REST error codes', () => {
    expect(readableApiError({ status: 0, code: 'network' }).key).toBe('error.network');
    expect(readableApiError({ status: 401, code: 'auth:credentials.invalid' }).key).toBe('error.credentials');
    expect(readableApiError({ status: 429, code: 'auth:login.throttled', retryAfterSec: 30 })).toEqual({ key: 'error.throttled', params: { seconds: 30 } });
    expect(readableApiError({ status: 401, code: 'auth:token.expired' }).key).toBe('error.sessionExpired');
    expect(readableApiError({ status: 422, code: 'request:field.invalid', field: 'name' })).toEqual({ key: 'error.fieldInvalid', params: { field: 'name' } });
    expect(readableApiError(new Error('boom'))).toEqual({ key: 'error.generic', params: { message: 'boom' } });
    expect(isAuthError({ status: 401 })).toBe(true);
    expect(isAuthError(new Error('x'))).toBe(false);
  });

  it('maps protocol errors to chat notices', () => {
    expect(readableProtocolError('RATE_LIMITED', 'slow down').key).toBe('chat.error.RATE_LIMITED');
    expect(readableProtocolError('MUTED', '').key).toBe('chat.error.MUTED');
    expect(readableProtocolError('WEIRD', '')).toEqual({ key: 'chat.error.other', params: { message: 'WEIRD' } });
  });
});

describe('permissions', () => {
  it('lets members, operators and admins create spaces', () => {
    expect(canCreateSpace('member')).toBe(true);
    expect(canCreateSpace('admin')).toBe(true);
    expect(canCreateSpace('guest')).toBe(false);
  });

  it('lets operators, admins and the owner moderate', () => {
    expect(canModerate('operator', 'u1', 'u2')).toBe(true);
    expect(canModerate('member', 'u1', 'u1')).toBe(true);
    expect(canModerate('member', 'u1', 'u2')).toBe(false);
    expect(canModerate('guest', '', '')).toBe(false);
  });
});

describe('people', () => {
  it('matches presence to avatars in view and orders self, role, name', () => {
    const presence = [
      { userId: 'g', displayName: 'Zed', role: 'guest' },
      { userId: 'a', displayName: 'Ann', role: 'admin' },
      { userId: 'me', displayName: 'Me', role: 'member' },
      { userId: 'b', displayName: 'Bo', role: 'guest' },
      { userId: 'b', displayName: 'Bo', role: 'guest' },
    ];
    const entities = [
      { id: 7, kind: 'avatar' as const, name: 'Zed', userId: 'g', holderId: 0 },
      { id: 8, kind: 'object' as const, name: 'box', userId: '', holderId: 0 },
      { id: 9, kind: 'avatar' as const, name: 'Zed', userId: 'g', holderId: 0 },
    ];
    const people = peopleFrom(presence, entities, 'me', 'a');
    expect(people.map((p) => p.userId)).toEqual(['me', 'a', 'b', 'g']);
    expect(people.find((p) => p.userId === 'g')!.entityId).toBe(7);
    expect(people.find((p) => p.userId === 'b')!.entityId).toBe(0);
    expect(people.find((p) => p.userId === 'a')!.owner).toBe(true);
    expect(people[0]!.self).toBe(true);
  });
});

describe('small helpers', () => {
  it('debounces', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 300);
    d('a');
    d('b');
    vi.advanceTimersByTime(299);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledExactlyOnceWith('b');
    d('c');
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });

  it('counts pages', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(41, 20)).toBe(3);
    expect(clampPage(9, 41, 20)).toBe(3);
    expect(clampPage(0, 41, 20)).toBe(1);
  });

  it('validates forms like the server', () => {
    expect(usernameProblem('li')).toBe('validation.username');
    expect(usernameProblem('李明明')).toBeNull();
    expect(usernameProblem('_bad')).toBe('validation.username');
    expect(usernameProblem('')).toBe('validation.required');
    expect(passwordProblem('short', 'x')).toBe('validation.password');
    expect(passwordProblem('liming123', 'liming123')).toBe('validation.passwordIsUsername');
    expect(passwordProblem('correct horse', 'liming')).toBeNull();
    expect(spaceNameProblem('  ')).toBe('validation.name');
    expect(parseCapacity('')).toEqual({ ok: true, value: undefined });
    expect(parseCapacity('50')).toEqual({ ok: true, value: 50 });
    expect(parseCapacity('0')).toEqual({ ok: false, problem: 'validation.capacity' });
    expect(parseCapacity('2.5')).toEqual({ ok: false, problem: 'validation.capacity' });
  });
});

describe('session store', () => {
  function memoryStorage() {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
  }
  const user = { id: 'u1', username: 'liming', displayName: '李明', role: 'member', createdAt: '' };

  it('round-trips through storage and clears', () => {
    const storage = memoryStorage();
    const a = new SessionStore(storage);
    expect(a.current).toBeNull();
    a.set({ token: 'pj1.x.y', user });
    expect(new SessionStore(storage).current).toEqual({ token: 'pj1.x.y', user });
    a.clear();
    expect(new SessionStore(storage).current).toBeNull();
  });

  it('ignores damaged stored data', () => {
    expect(parseStoredSession('{')).toBeNull();
    expect(parseStoredSession('{"token":""}')).toBeNull();
    expect(parseStoredSession('null')).toBeNull();
  });
});

import { emoteForKey, EMOTES, isTypingTarget } from './emotes';

describe('emotes', () => {
  it('are numbered 1..n with keys in the dictionary', () => {
    EMOTES.forEach((e, i) => {
      expect(e.emote).toBe(i + 1);
      expect(en[e.label]).toBeTruthy();
    });
    expect(emoteForKey('1')).toBe(1);
    expect(emoteForKey(String(EMOTES.length))).toBe(EMOTES.length);
    expect(emoteForKey('0')).toBeNull();
    expect(emoteForKey('9')).toBeNull();
    expect(emoteForKey('a')).toBeNull();
  });

  it('leave text fields alone', () => {
    expect(isTypingTarget('INPUT', false)).toBe(true);
    expect(isTypingTarget('DIV', true)).toBe(true);
    expect(isTypingTarget('CANVAS', false)).toBe(false);
  });
});
