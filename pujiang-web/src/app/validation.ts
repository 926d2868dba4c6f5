// Client-side checks that mirror the server's rules (docs/api.md), so people see mistakes before sending.
import type { MessageKey } from '../i18n/en';

const USERNAME = /^[\p{L}\p{N}][\p{L}\p{N}_.-]{2,31}$/u;

export function usernameProblem(username: string): MessageKey | null {
  const u = username.trim();
  if (u === '') return 'validation.required';
  return USERNAME.test(u) ? null : 'validation.username';
}

export function passwordProblem(password: string, username: string): MessageKey | null {
  if (password === '') return 'validation.required';
  const n = [...password].length;
  if (n < 8 || n > 256) return 'validation.password';
  if (password === username.trim()) return 'validation.passwordIsUsername';
  return null;
}

export function spaceNameProblem(name: string): MessageKey | null {
  const n = [...name.trim()].length;
  return n < 1 || n > 100 ? 'validation.name' : null;
}

/** Capacity from a form field: '' → undefined (template default), else a whole number 1..10000. */
export function parseCapacity(raw: string): { ok: true; value: number | undefined } | { ok: false; problem: MessageKey } {
  const s = raw.trim();
  if (s === '') return { ok: true, value: undefined };
  if (!/^\d+$/.test(s)) return { ok: false, problem: 'validation.capacity' };
  const v = Number(s);
  return v >= 1 && v <= 10000 ? { ok: true, value: v } : { ok: false, problem: 'validation.capacity' };
}
