// What the connection banner says for each client status (pure: tested without a DOM).
import type { ConnectionStatus } from '../net/types';
import type { MessageKey } from '../i18n/en';

export type BannerAction = 'lobby' | 'signIn' | 'retry';

export interface BannerSpec {
  message: MessageKey;
  params?: Record<string, string>;
  tone: 'info' | 'warning' | 'error';
  /** Show a spinner: the client is working on it by itself. */
  busy: boolean;
  actions: BannerAction[];
}

/** Why a Join was refused, from the status detail (the server's error name or reason text). */
export function refusalKind(detail: string): 'private' | 'notFound' | 'auth' | 'other' {
  const d = detail.toUpperCase();
  if (d.includes('FORBIDDEN') || d.includes('PRIVATE') || d.includes('NOT A MEMBER')) return 'private';
  if (d.includes('NOT_FOUND') || d.includes('NOT FOUND') || d.includes('NO SUCH')) return 'notFound';
  if (d.includes('AUTH') || d.includes('TOKEN') || d.includes('EXPIRED')) return 'auth';
  return 'other';
}

export interface BannerContext {
  /** The space is private (a FORBIDDEN refusal then means "not a member"); default true. */
  privateSpace?: boolean;
  /** navigator.onLine is false: 'offline' is the device's network, not the server. */
  browserOffline?: boolean;
}

/**
 * The banner for a status, or null when none is shown (online, idle, closed). A FORBIDDEN refusal of a
 * space that is not private cannot mean "not a member" (e.g. shortly after a kick): it says so plainly.
 */
export function bannerFor(status: ConnectionStatus, detail = '', context: BannerContext = {}): BannerSpec | null {
  const privateSpace = context.privateSpace ?? true;
  switch (status) {
    case 'idle':
    case 'online':
    case 'closed':
      return null;
    case 'connecting':
      return { message: 'banner.connecting', tone: 'info', busy: true, actions: [] };
    case 'reconnecting':
      return { message: 'banner.reconnecting', tone: 'warning', busy: true, actions: [] };
    case 'offline':
      return context.browserOffline === true
        ? { message: 'banner.offline', tone: 'warning', busy: true, actions: [] }
        : { message: 'banner.unreachable', tone: 'warning', busy: true, actions: ['lobby'] };
    case 'full':
      return { message: 'banner.full', tone: 'error', busy: false, actions: ['retry', 'lobby'] };
    case 'kicked': {
      const reason = detail.trim();
      // The client may pass the code name alone as the detail; that is no reason to show.
      return reason === '' || /^[A-Z_]+$/.test(reason)
        ? { message: 'banner.kicked', tone: 'error', busy: false, actions: ['lobby'] }
        : { message: 'banner.kickedReason', params: { reason }, tone: 'error', busy: false, actions: ['lobby'] };
    }
    case 'refused':
      switch (refusalKind(detail) === 'private' && !privateSpace ? 'other' : refusalKind(detail)) {
        case 'private':
          return { message: 'banner.refused.private', tone: 'error', busy: false, actions: ['lobby'] };
        case 'notFound':
          return { message: 'banner.refused.notFound', tone: 'error', busy: false, actions: ['lobby'] };
        case 'auth':
          return { message: 'banner.refused.auth', tone: 'error', busy: false, actions: ['signIn'] };
        case 'other':
          return { message: 'banner.refused.other', tone: 'error', busy: false, actions: ['lobby'] };
      }
  }
}

/** The short label for the status chip in the top bar. */
export function statusLabelKey(status: ConnectionStatus): MessageKey {
  return `status.${status}` as MessageKey;
}
