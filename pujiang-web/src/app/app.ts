// The application: restores the session, routes, and mounts one page at a time.
import { createApi, type Api } from '../api/rest';
import { isAuthError } from './errors';
import { Router, routePath, safeNext, type Route } from './router';
import { SessionStore } from './session';
import { applyDocumentLang, onLangChange, t } from '../i18n';
import type { AppContext, Dispose } from '../ui/context';
import { h } from '../ui/dom';
import { pageHeader } from '../ui/header';
import { mountLobby } from '../ui/lobby-page';
import { mountLogin } from '../ui/login-page';

export function startApp(root: HTMLElement, api: Api = createApi('')): void {
  const router = new Router();
  const session = new SessionStore(storageOrNull());
  let dispose: Dispose | null = null;
  let mountedPath = '';

  const ctx: AppContext = {
    api,
    session,
    navigate: (to, opts) => router.navigate(to, opts),
    navigateQuietly: (to) => {
      router.replaceQuietly(to);
      mountedPath = location.pathname + location.search;
    },
    setTitle: () => undefined, // replaced below, once the title state exists
    signedOut(next) {
      session.clear();
      router.navigate({ name: 'login', next: safeNext(next ?? null) }, { replace: true });
    },
  };

  let titlePart: (() => string) | null = null;
  const applyTitle = () => {
    const part = titlePart?.() ?? '';
    document.title = part === '' ? t('app.name') : `${part} · ${t('app.name')}`;
  };
  ctx.setTitle = (part) => {
    titlePart = part;
    applyTitle();
  };

  applyDocumentLang();
  onLangChange(applyTitle);

  function show(route: Route): void {
    const path = location.pathname + location.search;
    // replaceQuietly() changes the address without a page change: nothing to do.
    if (path === mountedPath && dispose !== null) return;
    const signedIn = session.current !== null;

    // Redirects first: pages that need a session, and pages that make no sense with one.
    if (route.name === 'home') return router.navigate(signedIn ? '/lobby' : '/login', { replace: true });
    if ((route.name === 'lobby' || route.name === 'space') && !signedIn) {
      return router.navigate({ name: 'login', next: routePath(route) }, { replace: true });
    }
    if (route.name === 'login' && signedIn) return router.navigate(route.next ?? '/lobby', { replace: true });

    dispose?.();
    dispose = null;
    root.replaceChildren();
    ctx.setTitle(() => '');
    mountedPath = path;
    switch (route.name) {
      case 'login':
        dispose = mountLogin(root, ctx, route.next);
        break;
      case 'lobby':
        dispose = mountLobby(root, ctx, route);
        break;
      case 'space':
        dispose = mountSpaceLazily(root, ctx, route.spaceId);
        break;
      case 'notFound':
        dispose = mountNotFound(root, ctx);
        break;
    }
    // Move focus to the new page's main region so screen readers and keyboards start there.
    const main = root.querySelector<HTMLElement>('#main');
    if (main !== null && !root.contains(document.activeElement)) main.focus({ preventScroll: true });
  }

  // Restore the session: check the stored token once; a 401 drops it (other failures keep it: offline).
  const stored = session.current;
  if (stored === null) {
    router.start(show);
    return;
  }
  root.replaceChildren(h('div', { class: 'space-loading', attrs: { role: 'status' } },
    h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), h('p', { tx: 'app.loading' })));
  api.me(stored.token).then(
    (user) => {
      session.updateUser(user);
      router.start(show);
    },
    (err: unknown) => {
      if (isAuthError(err)) session.clear();
      router.start(show);
    },
  );
}

/**
 * The space page (and Three.js with it) is a separate chunk: the sign-in page and the lobby load
 * without it, and it is fetched when someone opens a space.
 */
function mountSpaceLazily(root: HTMLElement, ctx: AppContext, spaceId: string): Dispose {
  let inner: Dispose | null = null;
  let disposed = false;
  const loading = h('div', { class: 'space-loading', attrs: { role: 'status' } },
    h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), h('p', { tx: 'space.loading' }));
  root.append(loading);
  import('../ui/space/space-page').then(
    (m) => {
      if (disposed) return;
      loading.remove();
      inner = m.mountSpace(root, ctx, spaceId);
    },
    () => {
      if (disposed) return;
      // The page's code could not be fetched (offline, or a new version was deployed): reload.
      const reload = h('button', { class: 'btn btn-primary', attrs: { type: 'button' }, tx: 'banner.retry' });
      reload.addEventListener('click', () => location.reload());
      loading.replaceChildren(h('p', { tx: 'error.network' }), reload);
      loading.setAttribute('role', 'alert');
    },
  );
  return () => {
    disposed = true;
    inner?.();
  };
}

function mountNotFound(root: HTMLElement, ctx: AppContext): Dispose {
  root.append(pageHeader(ctx, { signOut: false }),
    h('main', { id: 'main', class: 'notfound-main', attrs: { tabindex: -1 } },
      h('div', { class: 'card' },
        h('h1', { tx: 'notFound.title' }),
        h('p', { tx: 'notFound.text' }),
        h('a', { class: 'btn btn-primary', attrs: { href: '/' }, tx: 'notFound.home' }))));
  ctx.setTitle(() => t('notFound.title'));
  return () => undefined;
}

function storageOrNull(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
