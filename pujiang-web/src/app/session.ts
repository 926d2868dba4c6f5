// The signed-in session: kept in localStorage so a reload (or a shared /s/… link) stays signed in.
import type { User } from '../api/rest';

export interface StoredSession {
  token: string;
  user: User;
}

const KEY = 'pujiang.session';

export function parseStoredSession(raw: string | null): StoredSession | null {
  if (raw === null || raw === '') return null;
  try {
    const v = JSON.parse(raw) as unknown;
    if (typeof v !== 'object' || v === null) return null;
    const o = v as Record<string, unknown>;
    const user = o['user'] as Record<string, unknown> | undefined;
    if (typeof o['token'] !== 'string' || o['token'] === '' || typeof user !== 'object' || user === null) return null;
    if (typeof user['id'] !== 'string' || typeof user['role'] !== 'string') return null;
    return { token: o['token'], user: user as unknown as User };
  } catch {
    return null;
  }
}

export class SessionStore {
  private session: StoredSession | null;
  private readonly listeners = new Set<(s: StoredSession | null) => void>();

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null) {
    this.session = parseStoredSession(safe(() => storage?.getItem(KEY) ?? null, null));
  }

  get current(): StoredSession | null {
    return this.session;
  }

  set(session: StoredSession): void {
    this.session = session;
    safe(() => this.storage?.setItem(KEY, JSON.stringify(session)), undefined);
    this.emit();
  }

  /** Keeps the token, refreshes the user (after GET /api/me). */
  updateUser(user: User): void {
    if (this.session !== null) this.set({ token: this.session.token, user });
  }

  clear(): void {
    this.session = null;
    safe(() => this.storage?.removeItem(KEY), undefined);
    this.emit();
  }

  onChange(fn: (s: StoredSession | null) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const fn of [...this.listeners]) fn(this.session);
  }
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback; // storage blocked: the session lives for this page only
  }
}
