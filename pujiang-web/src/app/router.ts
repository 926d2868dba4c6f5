// Routes of the single-page app and their paths. parseRoute/routePath are pure (tested);
// Router wires them to the History API.

export type Route =
  | { name: 'home' }                          // '/': the lobby when signed in, else sign-in
  | { name: 'login'; next: string | null }    // '/login?next=/s/…': where to go after signing in
  | { name: 'lobby'; q: string; page: number }
  | { name: 'space'; spaceId: string }
  | { name: 'notFound'; path: string };

/** Only in-app paths are accepted as a return address (no open redirects to other sites). */
export function safeNext(next: string | null | undefined): string | null {
  if (typeof next !== 'string' || next === '') return null;
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  const route = parseRoute(next);
  return route.name === 'space' || route.name === 'lobby' ? next : null;
}

/** Parses a path with an optional query string (as location.pathname + location.search). */
export function parseRoute(pathAndQuery: string): Route {
  const qIndex = pathAndQuery.indexOf('?');
  const rawPath = qIndex < 0 ? pathAndQuery : pathAndQuery.slice(0, qIndex);
  const query = new URLSearchParams(qIndex < 0 ? '' : pathAndQuery.slice(qIndex + 1));
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;

  if (path === '' || path === '/') return { name: 'home' };
  if (path === '/login') return { name: 'login', next: safeNext(query.get('next')) };
  if (path === '/lobby') {
    const page = Number(query.get('page') ?? '1');
    return { name: 'lobby', q: query.get('q') ?? '', page: Number.isInteger(page) && page >= 1 ? page : 1 };
  }
  const space = /^\/s\/([^/]+)$/.exec(path);
  if (space !== null) {
    let id: string;
    try {
      id = decodeURIComponent(space[1]!);
    } catch {
      return { name: 'notFound', path };
    }
    if (id.trim() !== '') return { name: 'space', spaceId: id };
  }
  return { name: 'notFound', path };
}

export function routePath(route: Route): string {
  switch (route.name) {
    case 'home':
      return '/';
    case 'login':
      return route.next === null ? '/login' : `/login?next=${encodeURIComponent(route.next)}`;
    case 'lobby': {
      const params = new URLSearchParams();
      if (route.q !== '') params.set('q', route.q);
      if (route.page > 1) params.set('page', String(route.page));
      const qs = params.toString();
      return qs === '' ? '/lobby' : `/lobby?${qs}`;
    }
    case 'space':
      return `/s/${encodeURIComponent(route.spaceId)}`;
    case 'notFound':
      return route.path;
  }
}

export type RouteListener = (route: Route) => void;

/** History API router: navigate() pushes, back/forward re-route, in-app <a> clicks are intercepted. */
export class Router {
  private listener: RouteListener | null = null;

  start(listener: RouteListener): void {
    this.listener = listener;
    window.addEventListener('popstate', () => this.emit());
    document.addEventListener('click', (e) => this.onClick(e));
    this.emit();
  }

  current(): Route {
    return parseRoute(location.pathname + location.search);
  }

  navigate(to: Route | string, opts: { replace?: boolean } = {}): void {
    const path = typeof to === 'string' ? to : routePath(to);
    if (path !== location.pathname + location.search) {
      if (opts.replace === true) history.replaceState(null, '', path);
      else history.pushState(null, '', path);
    }
    this.emit();
  }

  /** Changes the address without re-rendering (e.g. the lobby's search query). */
  replaceQuietly(to: Route): void {
    const path = routePath(to);
    if (path !== location.pathname + location.search) history.replaceState(null, '', path);
  }

  private emit(): void {
    this.listener?.(this.current());
  }

  private onClick(e: MouseEvent): void {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (a === null || a === undefined || a.target !== '' || a.hasAttribute('download')) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin) return;
    if (parseRoute(url.pathname).name === 'notFound') return;
    e.preventDefault();
    this.navigate(url.pathname + url.search);
  }
}
