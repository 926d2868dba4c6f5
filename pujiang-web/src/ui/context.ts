// What every page gets: the REST API, the session and navigation.
import type { Api } from '../api/rest';
import type { Route } from '../app/router';
import type { SessionStore } from '../app/session';

export interface AppContext {
  api: Api;
  session: SessionStore;
  navigate(to: Route | string, opts?: { replace?: boolean }): void;
  /** Updates the address bar without re-rendering (search text, page number). */
  navigateQuietly(to: Route): void;
  /** Sets the page title ("… · Pujiang"); the function runs again after a language switch. */
  setTitle(part: () => string): void;
  /** Drops the session (after a 401 or sign-out) and shows the sign-in page, returning to `next` after. */
  signedOut(next?: string | null): void;
}

/** A mounted page: dispose() removes its listeners, sockets and timers. */
export type Dispose = () => void;
