// Readable messages for REST errors (ApiError codes) and real-time Error frames (protocol names).
import type { MessageKey } from '../i18n/en';

export interface Readable {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** A REST failure as something to show; `err` is whatever was thrown. */
export function readableApiError(err: unknown): Readable {
  const e = err as { status?: unknown; code?: unknown; field?: unknown; retryAfterSec?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const status = typeof e?.status === 'number' ? e.status : -1;
  switch (code) {
    case 'network':
      return { key: 'error.network' };
    case 'auth:credentials.invalid':
      return { key: 'error.credentials' };
    case 'auth:login.throttled':
      return typeof e?.retryAfterSec === 'number'
        ? { key: 'error.throttled', params: { seconds: e.retryAfterSec } }
        : { key: 'error.throttledShort' };
    case 'auth:username.taken':
      return { key: 'error.usernameTaken' };
    case 'auth:forbidden':
      return { key: 'error.forbidden' };
    case 'space:not-found':
      return { key: 'error.notFound' };
    case 'server:db.unavailable':
      return { key: 'error.unavailable' };
    case 'request:field.invalid':
    case 'request:field.missing':
      return { key: 'error.fieldInvalid', params: { field: typeof e?.field === 'string' ? e.field : '?' } };
  }
  if (status === 401) return { key: 'error.sessionExpired' };
  if (status === 503) return { key: 'error.unavailable' };
  const message = typeof e?.message === 'string' && e.message !== '' ? e.message : String(err);
  return { key: 'error.generic', params: { message } };
}

/** True when the error means the session is no longer good (sign in again). */
export function isAuthError(err: unknown): boolean {
  return (err as { status?: unknown } | null)?.status === 401;
}

const KNOWN_PROTOCOL_ERRORS = new Set(['RATE_LIMITED', 'MUTED', 'INVALID_INPUT', 'FORBIDDEN', 'NO_SUCH_ENTITY', 'OBJECT_HELD']);

/** A protocol Error frame (name as the client reports it, e.g. "RATE_LIMITED") as a chat notice. */
export function readableProtocolError(name: string, message: string): Readable {
  const upper = name.toUpperCase();
  if (KNOWN_PROTOCOL_ERRORS.has(upper)) return { key: `chat.error.${upper}` as MessageKey };
  return { key: 'chat.error.other', params: { message: message !== '' ? message : name } };
}
