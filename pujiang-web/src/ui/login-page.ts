// Sign in, register, or enter as a guest; then go on to `next` (a shared space link) or the lobby.
import type { Session } from '../api/rest';
import { readableApiError } from '../app/errors';
import { passwordProblem, usernameProblem } from '../app/validation';
import { t } from '../i18n';
import type { AppContext, Dispose } from './context';
import { h } from './dom';
import { field, formMessage, setBusy } from './form';
import { pageHeader, skipLink } from './header';
import { tabs } from './tabs';

export function mountLogin(root: HTMLElement, ctx: AppContext, next: string | null): Dispose {
  let disposed = false;
  const done = (s: Session) => {
    if (disposed) return;
    ctx.session.set({ token: s.token, user: s.user });
    ctx.navigate(next ?? '/lobby', { replace: true });
  };

  // ---- sign in ----
  const signInUser = field('login.username', h('input', { attrs: { type: 'text', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true } }));
  const signInPass = field('login.password', h('input', { attrs: { type: 'password', autocomplete: 'current-password', required: true } }));
  const signInMsg = formMessage();
  const signInForm = h('form', { class: 'form', attrs: { novalidate: true } },
    signInUser.root, signInPass.root, signInMsg.el,
    h('button', { class: 'btn btn-primary btn-block', attrs: { type: 'submit' }, tx: 'login.submit' }));
  signInForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const username = signInUser.input.value.trim();
    const password = signInPass.input.value;
    signInUser.setError(username === '' ? 'validation.required' : null);
    signInPass.setError(password === '' ? 'validation.required' : null);
    signInMsg.showKey(null);
    if (username === '') return signInUser.input.focus();
    if (password === '') return signInPass.input.focus();
    setBusy(signInForm, true);
    ctx.api.login(username, password).then(done, (err: unknown) => {
      if (disposed) return;
      setBusy(signInForm, false);
      const r = readableApiError(err);
      signInMsg.showKey(r.key, r.params);
      signInPass.input.select();
    });
  });

  // ---- register ----
  const regUser = field('login.username', h('input', { attrs: { type: 'text', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true } }), 'login.register.hint');
  const regName = field('login.displayName', h('input', { attrs: { type: 'text', autocomplete: 'nickname', maxlength: 64 } }));
  const regPass = field('login.password', h('input', { attrs: { type: 'password', autocomplete: 'new-password', required: true, minlength: 8 } }));
  const regMsg = formMessage();
  const regForm = h('form', { class: 'form', attrs: { novalidate: true } },
    regUser.root, regName.root, regPass.root, regMsg.el,
    h('button', { class: 'btn btn-primary btn-block', attrs: { type: 'submit' }, tx: 'login.register.submit' }));
  regForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const username = regUser.input.value.trim();
    const password = regPass.input.value;
    const displayName = regName.input.value.trim();
    const uProblem = usernameProblem(username);
    const pProblem = passwordProblem(password, username);
    regUser.setError(uProblem);
    regPass.setError(pProblem);
    regMsg.showKey(null);
    if (uProblem !== null) return regUser.input.focus();
    if (pProblem !== null) return regPass.input.focus();
    setBusy(regForm, true);
    ctx.api.register(username, password, displayName === '' ? undefined : displayName)
      .then(() => ctx.api.login(username, password))
      .then(done, (err: unknown) => {
        if (disposed) return;
        setBusy(regForm, false);
        const r = readableApiError(err);
        const f = (err as { field?: unknown }).field;
        if (r.key === 'error.usernameTaken' || f === 'username') {
          regUser.setError(r.key === 'error.fieldInvalid' ? 'validation.username' : r.key);
          regUser.input.focus();
        } else if (f === 'password') {
          regPass.setError('validation.password');
          regPass.input.focus();
        } else if (f === 'displayName') {
          regName.setError(r.key, r.params);
          regName.input.focus();
        } else {
          regMsg.showKey(r.key, r.params);
        }
      });
  });

  const signInPanel = h('div', { class: 'tab-panel' }, signInForm);
  const regPanel = h('div', { class: 'tab-panel' }, regForm);
  const tabList = tabs('login.tabs', [
    { key: 'signIn', label: 'login.tab.signIn', panel: signInPanel },
    { key: 'register', label: 'login.tab.register', panel: regPanel },
  ], 'signIn');

  // ---- guest ----
  const guestName = field('login.guest.name', h('input', { attrs: { type: 'text', autocomplete: 'nickname', maxlength: 64 } }));
  const guestMsg = formMessage();
  const guestForm = h('form', { class: 'form', attrs: { novalidate: true } },
    guestName.root, guestMsg.el,
    h('button', { class: 'btn btn-secondary btn-block', attrs: { type: 'submit' }, tx: 'login.guest.submit' }));
  guestForm.addEventListener('submit', (e) => {
    e.preventDefault();
    guestMsg.showKey(null);
    setBusy(guestForm, true);
    const name = guestName.input.value.trim();
    ctx.api.guest(name === '' ? undefined : name).then(done, (err: unknown) => {
      if (disposed) return;
      setBusy(guestForm, false);
      const r = readableApiError(err);
      if ((err as { field?: unknown }).field === 'displayName') guestName.setError(r.key, r.params);
      else guestMsg.showKey(r.key, r.params);
    });
  });

  const main = h('main', { id: 'main', class: 'login-main', attrs: { tabindex: -1 } },
    h('section', { class: 'login-intro' },
      h('h1', { class: 'login-title', tx: 'login.title' }),
      h('p', { class: 'lead', tx: 'app.tagline' }),
      next !== null ? h('p', { class: 'notice', tx: 'login.returnTo' }) : null),
    h('div', { class: 'login-cards' },
      h('section', { class: 'card login-card', attrs: { 'aria-labelledby': 'login-account-h' } },
        h('h2', { id: 'login-account-h', class: 'sr-only', tx: 'login.tabs' }),
        tabList, signInPanel, regPanel),
      h('section', { class: 'card guest-card', attrs: { 'aria-labelledby': 'login-guest-h' } },
        h('h2', { id: 'login-guest-h', tx: 'login.guest.title' }),
        h('p', { class: 'muted', tx: 'login.guest.text' }),
        guestForm)));

  root.append(skipLink(), pageHeader(ctx, { signOut: false }), main);
  ctx.setTitle(() => t('login.tab.signIn'));
  return () => {
    disposed = true;
  };
}
