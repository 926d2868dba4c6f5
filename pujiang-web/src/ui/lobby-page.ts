// The lobby: spaces to enter, searched on the server (debounced q=), paged, with their online counts,
// and a "new space" dialog for members, operators and admins.
import type { Page, SpaceSummary } from '../api/rest';
import { debounce } from '../app/debounce';
import { isAuthError, readableApiError } from '../app/errors';
import { clampPage, pageCount } from '../app/pagination';
import { canCreateSpace } from '../app/permissions';
import { routePath } from '../app/router';
import { onLangChange, t, type MessageKey } from '../i18n';
import { badge } from './badges';
import type { AppContext, Dispose } from './context';
import { createSpaceDialog } from './create-space';
import { announce, h, srOnly, txAttr, uid } from './dom';
import { pageHeader, skipLink } from './header';
import { icon } from './icons';

const PAGE_SIZE = 12;
const SEARCH_DELAY_MS = 300;
const REFRESH_MS = 15_000;

export function mountLobby(root: HTMLElement, ctx: AppContext, initial: { q: string; page: number }): Dispose {
  const session = ctx.session.current!;
  let q = initial.q;
  let page = initial.page;
  let last: Page<SpaceSummary> | null = null;
  let requestSeq = 0;
  let disposed = false;
  const cleanup: (() => void)[] = [];

  // ---- search ----
  const searchId = uid('search');
  const search = h('input', { id: searchId, class: 'search-input', attrs: { type: 'search', autocomplete: 'off', enterkeyhint: 'search' } });
  search.value = q;
  txAttr(search, 'placeholder', 'lobby.searchPlaceholder');
  const runSearch = debounce(() => {
    q = search.value.trim();
    page = 1;
    void load();
  }, SEARCH_DELAY_MS);
  search.addEventListener('input', () => runSearch());
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      runSearch.cancel();
      q = search.value.trim();
      page = 1;
      void load();
    }
  });
  const searchBox = h('div', { class: 'search' },
    h('label', { class: 'search-label', attrs: { for: searchId } }, icon('search'), srOnly('lobby.search')), search);

  // ---- create ----
  const tools = h('div', { class: 'lobby-tools' });
  if (canCreateSpace(session.user.role)) {
    const dialog = createSpaceDialog(ctx.api, () => session.token, (space) => ctx.navigate({ name: 'space', spaceId: space.id }));
    const createBtn = h('button', { class: 'btn btn-primary', attrs: { type: 'button', 'aria-haspopup': 'dialog' } }, icon('plus'), h('span', { tx: 'lobby.create' }));
    createBtn.addEventListener('click', () => dialog.open());
    tools.append(createBtn);
    cleanup.push(() => dialog.el.remove());
  } else {
    tools.append(h('p', { class: 'notice notice-inline', tx: 'lobby.guestCannotCreate' }));
  }

  // ---- list ----
  const status = h('p', { class: 'lobby-status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const list = h('ul', { class: 'space-grid', attrs: { 'aria-busy': 'true' } });
  const pager = h('nav', { class: 'pager' });
  txAttr(pager, 'aria-label', 'lobby.pagination');

  async function load(): Promise<void> {
    const seq = ++requestSeq;
    list.setAttribute('aria-busy', 'true');
    ctx.navigateQuietly({ name: 'lobby', q, page });
    try {
      const result = await ctx.api.listSpaces(session.token, { q: q === '' ? undefined : q, page, size: PAGE_SIZE });
      if (disposed || seq !== requestSeq) return;
      // Past the end (a space was deleted meanwhile): go to the last page that has something.
      const fixed = clampPage(page, result.total, PAGE_SIZE);
      if (fixed !== page && result.total > 0) {
        page = fixed;
        return load();
      }
      last = result;
      render();
    } catch (err) {
      if (disposed || seq !== requestSeq) return;
      if (isAuthError(err)) return ctx.signedOut(routePath({ name: 'lobby', q, page }));
      last = null;
      renderError(err);
    } finally {
      if (seq === requestSeq) list.setAttribute('aria-busy', 'false');
    }
  }

  function render(): void {
    if (last === null) return;
    list.replaceChildren(...last.items.map(spaceCard));
    if (last.items.length === 0) {
      status.textContent = q === '' ? t('lobby.empty') : t('lobby.emptySearch', { q });
    } else {
      status.textContent = last.total === 1 ? t('lobby.countOne') : t('lobby.count', { n: last.total });
    }
    renderPager(last.total);
  }

  function renderError(err: unknown): void {
    const r = readableApiError(err);
    const retry = h('button', { class: 'btn btn-secondary', attrs: { type: 'button' }, tx: 'lobby.retry' });
    retry.addEventListener('click', () => void load());
    status.textContent = '';
    list.replaceChildren(h('li', { class: 'card load-error', attrs: { role: 'alert' } },
      h('p', { tx: 'lobby.loadFailed' }), h('p', { class: 'muted', tx: r.key, txParams: r.params }), retry));
    pager.replaceChildren();
  }

  function renderPager(total: number): void {
    const pages = pageCount(total, PAGE_SIZE);
    if (pages <= 1) {
      pager.replaceChildren();
      return;
    }
    const prev = h('button', { class: 'btn btn-secondary', attrs: { type: 'button', disabled: page <= 1 }, tx: 'lobby.prev' });
    const next = h('button', { class: 'btn btn-secondary', attrs: { type: 'button', disabled: page >= pages }, tx: 'lobby.next' });
    prev.addEventListener('click', () => go(page - 1));
    next.addEventListener('click', () => go(page + 1));
    pager.replaceChildren(prev, h('span', { class: 'pager-label', attrs: { 'aria-current': 'page' }, tx: 'lobby.page', txParams: { page, pages } }), next);
  }

  function go(p: number): void {
    page = p;
    void load().then(() => {
      list.querySelector<HTMLElement>('a')?.focus();
      announce(t('lobby.page', { page, pages: pageCount(last?.total ?? 0, PAGE_SIZE) }));
    });
  }

  const refreshBtn = h('button', { class: 'btn-icon', attrs: { type: 'button' } }, icon('refresh'));
  txAttr(refreshBtn, 'aria-label', 'lobby.refresh');
  txAttr(refreshBtn, 'title', 'lobby.refresh');
  refreshBtn.addEventListener('click', () => void load());

  const main = h('main', { id: 'main', class: 'lobby-main', attrs: { tabindex: -1 } },
    h('div', { class: 'lobby-head' },
      h('h1', { tx: 'lobby.title' }),
      h('div', { class: 'lobby-controls' }, searchBox, refreshBtn, tools)),
    status, list, pager);
  root.append(skipLink(), pageHeader(ctx, { signOut: true }), main);
  ctx.setTitle(() => t('lobby.title'));

  cleanup.push(onLangChange(() => render()));
  // Online counts change: refresh quietly while the page is visible.
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') void load();
  }, REFRESH_MS);
  cleanup.push(() => clearInterval(timer));
  void load();

  return () => {
    disposed = true;
    runSearch.cancel();
    for (const fn of cleanup) fn();
  };
}

function spaceCard(space: SpaceSummary): HTMLLIElement {
  const href = routePath({ name: 'space', spaceId: space.id });
  const titleId = uid('space');
  const full = space.online >= space.capacity;
  const enter = h('a', { class: 'btn btn-primary space-enter', attrs: { href, 'aria-describedby': titleId }, tx: 'lobby.enter' });
  const templateKey = `template.${space.template}` as MessageKey;
  const desc = space.description.trim();
  return h('li', { class: 'card space-card' },
    h('div', { class: `space-thumb thumb-${space.template}`, attrs: { 'aria-hidden': 'true' } }),
    h('div', { class: 'space-body' },
      // The title links too, for the mouse; keyboard users get one Tab stop per card (the Enter button).
      h('h2', { class: 'space-name', id: titleId }, h('a', { attrs: { href, tabindex: -1 } }, space.name)),
      h('div', { class: 'space-meta' },
        badge(templateKey, 'template'),
        space.visibility !== 'public' ? badge(`visibility.${space.visibility}` as MessageKey, space.visibility) : null),
      desc !== '' ? h('p', { class: 'space-desc' }, desc) : null,
      h('div', { class: 'space-foot' },
        h('span', { class: `online${space.online > 0 ? ' online-live' : ''}${full ? ' online-full' : ''}` },
          h('span', { class: 'dot', attrs: { 'aria-hidden': 'true' } }),
          h('span', { tx: 'lobby.online', txParams: { n: space.online } }),
          h('span', { class: 'muted' }, ' · '),
          h('span', { class: 'muted', tx: 'lobby.capacity', txParams: { n: space.capacity } })),
        enter),
      space.owner.displayName !== '' ? h('p', { class: 'space-owner muted', tx: 'lobby.owner', txParams: { name: space.owner.displayName } }) : null));
}
