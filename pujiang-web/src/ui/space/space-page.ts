// A space: the 3D view with the top bar, connection banner, chat, people, emotes, voice, the digital
// humans' speech bubbles and quick questions, and the info card around it. Opens directly from /s/{id}
// (a shareable link).
import { askTarget, type AgentCandidate } from '../../agent/agent-logic';
import { AgentSpeech } from '../../agent/agent-speech';
import type { LogKeyDoc, Placement, SpaceAgent, SpaceSummary, TwinBinding } from '../../api/rest';
import type { SceneDoc } from '../../api/scene-types';
import { setActiveSpace, CHAT_RECORD_LIMIT, type ActiveSpace } from '../../app/active-space';
import { entryFromLine, entryFromSay } from '../../app/chat-log';
import { emoteForKey, isTypingTarget } from '../../app/emotes';
import { isAuthError, readableApiError, readableProtocolError } from '../../app/errors';
import { peopleFrom, type Person } from '../../app/people';
import { canModerate } from '../../app/permissions';
import { routePath } from '../../app/router';
import { lang, t } from '../../i18n';
import { createSpaceClient } from '../../net/client';
import type { ConnectionStatus, PresenceEntry, SpaceClient } from '../../net/types';
import { createSpaceView, type SpaceView } from '../../scene/space-view';
import { readThingModel, type TwinModelView } from '../../scene/twin-model';
import { TwinStore } from '../../scene/twin-state';
import { ProximityVoice } from '../../voice/voice';
import type { AppContext, Dispose } from '../context';
import { announce, h, tx, txAttr, txWith } from '../dom';
import { langSwitch } from '../lang-switch';
import { icon } from '../icons';
import { agentBubbles } from './agent-bubbles';
import { agentMuteToggle } from './agent-mute';
import { agentPanel, agentTitle } from './agent-panel';
import { assetCard } from './asset-card';
import { connectionBanner } from './banner';
import { chatPanel } from './chat-panel';
import { emoteBar } from './emote-bar';
import { infoCard, type Selection } from './info-card';
import { peoplePanel } from './people-panel';
import { placeAssetDialog } from './place-asset';
import { twinPanel } from './twin-panel';
import { voiceControls } from './voice-controls';

const MOBILE_QUERY = '(max-width: 760px)';
const AUTO_RETRY_MS = 5000;
const JOIN_REFUSALS = new Set(['AUTH_FAILED', 'UNSUPPORTED_VERSION', 'SPACE_NOT_FOUND', 'SPACE_FULL', 'FORBIDDEN']);

export function mountSpace(root: HTMLElement, ctx: AppContext, spaceId: string): Dispose {
  const session = ctx.session.current!;
  const here = routePath({ name: 'space', spaceId });
  let disposed = false;
  let teardown: (() => void) | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const loading = h('div', { class: 'space-loading', attrs: { role: 'status' } },
    h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), h('p', { tx: 'space.loading' }));
  root.append(loading);

  async function open(): Promise<void> {
    let space: SpaceSummary;
    let scene: SceneDoc;
    let bindings: TwinBinding[];
    try {
      // A space without twins (or a server without bindings) still opens: bindings are optional.
      [space, scene, bindings] = await Promise.all([ctx.api.getSpace(session.token, spaceId), ctx.api.scene(session.token, spaceId),
        ctx.api.bindings(session.token, spaceId).catch(() => [])]);
    } catch (err) {
      if (disposed) return;
      if (isAuthError(err)) return ctx.signedOut(here);
      showLoadError(err);
      return;
    }
    if (disposed) return;
    root.replaceChildren(); // the loading note, or an error page that retried by itself
    teardown = build(root, ctx, space, scene, bindings, () => {
      // "Try again" after SPACE_FULL: a fresh client and view.
      teardown?.();
      teardown = null;
      root.replaceChildren(loading);
      void open();
    });
  }

  function showLoadError(err: unknown): void {
    const r = readableApiError(err);
    // The server is restarting or the network blinked: try again by itself, as the live connection does.
    const code = (err as { code?: unknown }).code;
    const transient = code === 'network' || code === 'server:db.unavailable' || (err as { status?: unknown }).status === 503;
    if (transient) {
      retryTimer = setTimeout(() => {
        retryTimer = null;
        if (!disposed) void open();
      }, AUTO_RETRY_MS);
    }
    const back = h('a', { class: 'btn btn-primary', attrs: { href: '/lobby' }, tx: 'nav.lobby' });
    const retry = h('button', { class: 'btn btn-secondary', attrs: { type: 'button' }, tx: 'lobby.retry' });
    retry.addEventListener('click', () => {
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      root.replaceChildren(loading);
      void open();
    });
    const notFound = (err as { status?: unknown }).status === 404;
    root.replaceChildren(h('main', { id: 'main', class: 'space-error', attrs: { tabindex: -1 } },
      h('div', { class: 'card', attrs: { role: 'alert' } },
        h('h1', { tx: 'space.loadFailed' }),
        h('p', { tx: r.key, txParams: r.params }),
        transient ? h('p', { class: 'muted', tx: 'space.autoRetry' }) : null,
        h('div', { class: 'dialog-actions' }, notFound ? null : retry, back),
        h('div', { class: 'space-error-lang' }, langSwitch()))));
    back.focus();
  }

  void open();
  return () => {
    disposed = true;
    if (retryTimer !== null) clearTimeout(retryTimer);
    teardown?.();
  };
}

/** Builds the page for a loaded space; answers its teardown. */
function build(root: HTMLElement, ctx: AppContext, space: SpaceSummary, scene: SceneDoc, bindings: TwinBinding[],
  retry: () => void): () => void {
  const session = ctx.session.current!;
  const cleanup: (() => void)[] = [];
  const mobile = window.matchMedia(MOBILE_QUERY);
  ctx.setTitle(() => space.name);

  const client: SpaceClient = createSpaceClient({ token: session.token, spaceId: space.id });
  const voice = new ProximityVoice(client);
  const chatRecord: ActiveSpace['chatLines'] = [];
  let presence: PresenceEntry[] = [];
  const hostMuted = new Set<string>();
  let joinRefusal = '';
  let wasDown = false;
  const mayModerate = () => canModerate(client.welcome?.role ?? session.user.role, client.welcome?.userId ?? session.user.id, space.ownerId);

  // ---- top bar ----
  const peopleCount = h('span', { class: 'people-count' });
  const setPeopleCount = (n: number) => {
    txWith(peopleCount, 'text', () => {
      peopleCount.replaceChildren(icon('users'), h('span', {}, t('space.people', { n })));
      peopleCount.setAttribute('aria-label', t('space.peopleLabel', { n }));
    });
  };
  setPeopleCount(space.online);
  const statusChip = h('span', { class: 'status-chip' });
  const setStatusChip = (s: ConnectionStatus) => {
    statusChip.dataset['status'] = s;
    tx(statusChip, `status.${s}`);
  };
  setStatusChip(client.status);

  const cameraBtn = h('button', { class: 'btn btn-secondary', attrs: { type: 'button' } });
  const vrBtn = h('button', { class: 'btn btn-secondary', attrs: { type: 'button', hidden: true } }, icon('vr'), h('span', { class: 'label-wide', tx: 'space.vr' }));
  txAttr(vrBtn, 'aria-label', 'space.vr');
  const shareBtn = h('button', { class: 'btn-icon', attrs: { type: 'button' } }, icon('link'));
  txAttr(shareBtn, 'aria-label', 'space.share');
  txAttr(shareBtn, 'title', 'space.share');
  shareBtn.addEventListener('click', () => {
    const url = location.origin + routePath({ name: 'space', spaceId: space.id });
    // The clipboard API needs a secure origin (https or localhost); elsewhere show the link to copy by hand.
    const byHand = () => window.prompt(t('space.share'), url);
    if (navigator.clipboard === undefined) byHand();
    else navigator.clipboard.writeText(url).then(() => chat.notice('space.shareDone'), byHand);
  });
  const leaveBtn = h('button', { class: 'btn btn-ghost btn-leave', attrs: { type: 'button' } }, icon('leave'), h('span', { tx: 'space.leave' }));
  leaveBtn.addEventListener('click', () => ctx.navigate('/lobby'));

  const peopleToggle = panelToggle('users', 'space.showPeople');
  const chatToggle = panelToggle('chat', 'space.showChat');

  // ---- panels ----
  const chat = chatPanel({
    send: (scope, text) => {
      if (client.status !== 'online') {
        chat.notice('chat.notConnected', undefined, 'error');
        return false;
      }
      client.chat(scope, text);
      return true;
    },
  });
  cleanup.push(() => chat.dispose());

  let voiceUi: ReturnType<typeof voiceControls> | null = null;
  const people = peoplePanel({
    voiceEnabled: () => voiceUi?.enabled() ?? false,
    isPeerMuted: (id) => voiceUi?.isPeerMuted(id) ?? false,
    setPeerMuted: (id, muted) => voiceUi?.setPeerMuted(id, muted),
    canModerate: mayModerate,
    isHostMuted: (userId) => hostMuted.has(userId),
    hostMute(p, muted) {
      client.moderate(muted ? 'mute' : 'unmute', p.entityId, '');
      if (muted) hostMuted.add(p.userId);
      else hostMuted.delete(p.userId);
      chat.notice(muted ? 'people.moderated.mute' : 'people.moderated.unmute', { name: p.displayName });
    },
    kick(p, reason) {
      client.moderate('kick', p.entityId, reason);
      chat.notice('people.moderated.kick', { name: p.displayName });
    },
  });
  cleanup.push(() => people.dispose());

  voiceUi = voiceControls(voice, {
    onChange: () => people.refresh(),
    onError: (key) => chat.notice(key, undefined, 'error'),
  });
  cleanup.push(() => voiceUi?.dispose());

  const banner = connectionBanner((action) => {
    if (action === 'lobby') ctx.navigate('/lobby');
    else if (action === 'signIn') ctx.signedOut(routePath({ name: 'space', spaceId: space.id }));
    else retry();
  });
  const info = infoCard();

  // ---- digital humans: what they say (bubbles, voice), and quick questions for them ----
  const speech = new AgentSpeech();
  cleanup.push(() => speech.dispose());
  const agentMute = agentMuteToggle(speech);
  const bubbles = agentBubbles({ speech, anchor: (id) => view?.bubbleAnchor(id) ?? null });
  cleanup.push(() => bubbles.dispose());
  let spaceAgents: readonly SpaceAgent[] = [];
  const namedInSpace = new Set<string>();
  const askAgent = (agent: SpaceAgent, question: string) => {
    if (client.status !== 'online') {
      chat.notice('chat.notConnected', undefined, 'error');
      return;
    }
    const seen: AgentCandidate[] = [];
    for (const e of client.entities()) {
      const p = client.poseAt(e.id);
      if (p !== undefined) seen.push({ id: e.id, kind: e.kind, name: e.name, x: p.x, z: p.z });
    }
    const me = client.selfId === 0 ? undefined : client.poseAt(client.selfId);
    const target = askTarget({ name: agent.name, personaNames: Object.values(agent.persona.name) }, seen,
      me === undefined ? null : { x: me.x, z: me.z }, question);
    client.chat(target.scope, target.text, target.toId);
    if (target.scope === 'space' && !namedInSpace.has(agent.id)) {
      // Once per agent: say why the question shows up for everyone.
      namedInSpace.add(agent.id);
      chat.notice('agent.ask.farAway', { name: agentTitle(agent, lang()) });
    }
  };
  const askPanel = agentPanel({ ask: askAgent, startCollapsed: () => mobile.matches });
  cleanup.push(() => askPanel.dispose());
  ctx.api.spaceAgents(session.token, space.id).then((list) => {
    spaceAgents = list;
    askPanel.setAgents(list);
    if (list.length > 0) agentMute.reveal();
  }, (err: unknown) => console.warn('agents: the digital humans of this space could not be loaded', err));

  // ---- digital assets placed in the scene's slots ----
  let placements: readonly Placement[] = [];
  let placementsSeq = 0;
  let logKeyOnce: Promise<LogKeyDoc> | null = null;
  /** Loads the space's placements and redraws them; a failure leaves what was shown. */
  const reloadPlacements = async (): Promise<readonly Placement[]> => {
    const seq = ++placementsSeq;
    const list = await ctx.api.placements(session.token, space.id);
    if (seq === placementsSeq) {
      placements = list;
      view?.setPlacements(list);
      const open = assetUi.current();
      if (open !== null && !list.some((p) => p.id === open.id)) assetUi.hide(); // taken away meanwhile
    }
    return placements;
  };
  const assetUi = assetCard({
    selfId: session.user.id,
    asset: (id) => ctx.api.asset(session.token, id),
    provenance: (id, edition) => ctx.api.provenance(session.token, id, edition),
    proof: (id, logIndex) => ctx.api.assetProof(session.token, id, logIndex),
    logKey: () => {
      // One fetch per visit; a failure is tried again on the next card.
      logKeyOnce ??= ctx.api.logKey(session.token).catch((err: unknown) => {
        logKeyOnce = null;
        throw err;
      });
      return logKeyOnce;
    },
    toggleSound: (id) => view?.toggleSound(id),
    soundState: (id) => view?.soundState(id) ?? null,
  });
  cleanup.push(() => assetUi.dispose());

  // ---- live twins ----
  const twins = new TwinStore();
  let joinedBefore = false;
  const units = new Map<string, Map<string, string>>();
  const allowed = new Map<string, boolean>();
  const described = new Map<string, Promise<{ name: string; model: TwinModelView | null }>>();
  const describeTwin = (twin: string) => {
    let p = described.get(twin);
    if (p === undefined) {
      p = (async () => {
        const doc = await ctx.api.twin(session.token, twin);
        twins.seed(twin, doc.reported, doc.desired, doc.metadata);
        allowed.set(twin, doc.mayWrite || doc.mayCommand);
        let model: TwinModelView | null = null;
        if (doc.model !== '') {
          model = await ctx.api.model(session.token, doc.model).then((tm) => readThingModel(tm, lang()), () => null);
        }
        units.set(twin, new Map((model?.properties ?? []).map((q) => [q.name, q.unit])));
        return { name: doc.name || twin, model };
      })();
      p.catch(() => described.delete(twin)); // try again on the next click
      described.set(twin, p);
    }
    return p;
  };
  // Names, models (units for labels) and a first state from REST, in case TwinUpdates are slow to come.
  const preloadTwins = () => {
    for (const twin of new Set(bindings.map((b) => b.twin))) describeTwin(twin).catch(() => undefined);
  };
  preloadTwins();
  const twinUi = twinPanel({
    store: twins,
    describe: describeTwin,
    send: (twin, kind, name, value) => client.sendTwinCommand(twin, kind, name, value),
    mayCommand: (twin) => allowed.get(twin) === true,
    serverNow: () => client.serverNow(),
  });
  cleanup.push(() => twinUi.dispose());

  // ---- layout ----
  const viewHost = h('div', { class: 'view-host' });
  const sidebar = h('div', { class: 'sidebar', id: 'space-sidebar' }, people.el, chat.el);
  people.el.id = 'space-people';
  chat.el.id = 'space-chat';
  peopleToggle.setAttribute('aria-controls', people.el.id);
  chatToggle.setAttribute('aria-controls', chat.el.id);
  const stage = h('div', { class: 'stage' }, viewHost, bubbles.el, banner.el, info.el, askPanel.el, twinUi.el, assetUi.el);

  // The owner's "Assets" button: place editions they hold in the scene's slots, or take them away.
  let assetsBtn: HTMLButtonElement | null = null;
  if (session.user.id !== '' && session.user.id === space.ownerId) {
    const dialog = placeAssetDialog({
      slots: scene.slots ?? [],
      placements: () => placements,
      myEditions: () => ctx.api.myEditions(session.token),
      place: (body) => ctx.api.place(session.token, space.id, body),
      unplace: (id) => ctx.api.unplace(session.token, space.id, id),
      reload: reloadPlacements,
    });
    cleanup.push(() => dialog.dispose());
    assetsBtn = h('button', { class: 'btn btn-secondary', attrs: { type: 'button', 'aria-haspopup': 'dialog', 'data-testid': 'place-asset-open' } },
      icon('picture'), h('span', { class: 'label-wide', tx: 'place.open' }));
    txAttr(assetsBtn, 'title', 'place.openLabel');
    txAttr(assetsBtn, 'aria-label', 'place.openLabel');
    assetsBtn.addEventListener('click', () => dialog.open());
  }
  const emotes = emoteBar((n) => view?.playEmote(n));
  const topbar = h('header', { class: 'topbar' },
    h('div', { class: 'topbar-title' },
      h('h1', { class: 'space-title', attrs: { title: space.name } }, space.name),
      h('div', { class: 'topbar-sub' }, peopleCount, statusChip)),
    h('div', { class: 'topbar-actions' }, cameraBtn, vrBtn, assetsBtn, voiceUi.el, agentMute.el, shareBtn, peopleToggle, chatToggle, langSwitch()),
    leaveBtn);
  const main = h('main', { id: 'main', class: 'space-main', attrs: { tabindex: -1 } }, stage, sidebar, h('div', { class: 'emote-dock' }, emotes));
  const page = h('div', { class: 'space-page' }, topbar, main);
  root.append(page);

  // Panels: both open on wide screens; on a phone they start closed and open one at a time.
  const shown = { people: !mobile.matches, chat: !mobile.matches };
  const applyPanels = () => {
    people.el.hidden = !shown.people;
    chat.el.hidden = !shown.chat;
    peopleToggle.setAttribute('aria-expanded', String(shown.people));
    chatToggle.setAttribute('aria-expanded', String(shown.chat));
    page.classList.toggle('sidebar-open', shown.people || shown.chat);
  };
  const toggle = (which: 'people' | 'chat') => {
    shown[which] = !shown[which];
    if (mobile.matches && shown[which]) shown[which === 'people' ? 'chat' : 'people'] = false;
    applyPanels();
  };
  peopleToggle.addEventListener('click', () => toggle('people'));
  chatToggle.addEventListener('click', () => toggle('chat'));
  const onMedia = () => {
    shown.people = !mobile.matches;
    shown.chat = !mobile.matches;
    applyPanels();
  };
  mobile.addEventListener('change', onMedia);
  cleanup.push(() => mobile.removeEventListener('change', onMedia));
  applyPanels();

  // ---- the 3D view ----
  let view: SpaceView | null = null;
  try {
    view = createSpaceView({
      container: viewHost,
      client,
      scene,
      lang: () => lang(),
      onSelect: (sel: Selection | { kind: 'twin'; object: string; twins: string[] } | { kind: 'asset'; placement: Placement }) => {
        if (sel.kind === 'twin') {
          info.hide();
          assetUi.hide();
          twinUi.show(sel.twins);
        } else if (sel.kind === 'asset') {
          info.hide();
          twinUi.hide();
          assetUi.show(sel.placement);
        } else {
          twinUi.hide();
          assetUi.hide();
          info.show(sel);
        }
      },
      twins: { store: twins, bindings, unitOf: (twin, property) => units.get(twin)?.get(property) ?? '' },
      assets: {
        fetchFile: (url) => ctx.api.assetFile(session.token, url),
        onSound: (id, state) => assetUi.soundChanged(id, state),
      },
      agents: {
        cue(id) {
          const line = speech.lineOf(id);
          const f = line === undefined ? null : speech.frame(id);
          if (line === undefined || f === null) return null;
          return { seq: line.seq, gesture: line.gesture, gestureSeconds: line.gestureSeconds, mouth: f.mouth,
            speaking: f.speaking, expression: f.expression };
        },
        badge: () => t('agent.badge.short'),  // name tags have room for a few letters only
      },
    });
  } catch (err) {
    // No WebGL: the space still works for chat, people and voice.
    chat.notice('error.generic', { message: err instanceof Error ? err.message : String(err) }, 'error');
  }
  // Placed assets come after the scene is up: a slow ledger never holds the space back.
  reloadPlacements().catch((err: unknown) => console.warn('assets: the placements of this space could not be loaded', err));
  const renderCamera = () => {
    const mode = view?.cameraMode ?? 'third';
    const modeText = t(mode === 'first' ? 'space.camera.first' : 'space.camera.third');
    cameraBtn.replaceChildren(icon('camera'), h('span', { class: 'label-wide' }, modeText));
    cameraBtn.setAttribute('aria-label', t('space.camera.label', { mode: modeText }));
    cameraBtn.disabled = view === null;
  };
  txWith(cameraBtn, 'camera', renderCamera);
  cameraBtn.addEventListener('click', () => {
    if (view === null) return;
    view.setCameraMode(view.cameraMode === 'first' ? 'third' : 'first');
    renderCamera();
  });
  if (view !== null) {
    const v = view;
    v.vrSupported().then((ok: boolean) => {
      vrBtn.hidden = !ok;
    }, () => undefined);
    vrBtn.addEventListener('click', () => {
      v.enterVR().catch((err: unknown) => chat.notice('error.generic', { message: err instanceof Error ? err.message : String(err) }, 'error'));
    });
  }

  // ---- client events ----
  // Enters and exits come in bursts (joining a busy space): rebuild the list at most every 250 ms.
  let peopleTimer: ReturnType<typeof setTimeout> | null = null;
  let lastPeople: Person[] = [];
  const refreshPeople = () => {
    if (peopleTimer === null) peopleTimer = setTimeout(refreshPeopleNow, 250);
  };
  cleanup.push(() => {
    if (peopleTimer !== null) clearTimeout(peopleTimer);
  });
  const refreshPeopleNow = () => {
    peopleTimer = null;
    const list: Person[] = (lastPeople = peopleFrom(presence, client.entities(), client.welcome?.userId ?? session.user.id, space.ownerId));
    people.update(list);
    setPeopleCount(list.length);
  };
  const offs: (() => void)[] = [
    client.on('status', (status, detail) => {
      setStatusChip(status);
      // The Error frame that refused the Join names the reason better than the text after it.
      const why = status === 'refused' && joinRefusal !== '' ? `${joinRefusal} ${detail}` : detail;
      banner.show(status, why, space.visibility === 'private');
      if (status === 'online') {
        joinRefusal = '';
        if (wasDown) announce(t('status.online')); // the banner that said "reconnecting" just went away
      }
      wasDown = status === 'reconnecting' || status === 'offline';
      if (status === 'kicked' || status === 'refused' || status === 'full') {
        // Out of the space for good: what we knew about who is here is no longer true.
        voiceUi?.disable();
        presence = [];
        refreshPeopleNow();
      }
    }),
    client.on('presence', (everyone) => {
      presence = everyone;
      if (peopleTimer === null) refreshPeopleNow(); // first list at once, then coalesced
      else refreshPeople();
    }),
    client.on('enter', () => refreshPeople()),
    client.on('exit', () => refreshPeople()),
    client.on('joined', () => {
      refreshPeople();
      if (bindings.length > 0 && joinedBefore) {
        // After a reconnect the server sends every bound twin's full state again: start afresh from it.
        twins.clear();
        described.clear();
        preloadTwins();
      }
      if (joinedBefore) reloadPlacements().catch(() => undefined); // the owner may have changed them meanwhile
      joinedBefore = true;
    }),
    client.on('twin', (u) => twins.apply(u.twin, u.patch)),
    client.on('say', (line) => {
      speech.handle(line);
      agentMute.reveal();
      chat.add(entryFromSay(line, Date.now()));
      chatRecord.push({ from: line.fromName, text: line.text, scope: line.scope, self: false });
      if (chatRecord.length > CHAT_RECORD_LIMIT) chatRecord.splice(0, chatRecord.length - CHAT_RECORD_LIMIT);
    }),
    client.on('chat', (line) => {
      chat.add(entryFromLine(line, Date.now()));
      chatRecord.push({ from: line.fromName, text: line.text, scope: line.scope, self: line.self });
      if (chatRecord.length > CHAT_RECORD_LIMIT) chatRecord.splice(0, chatRecord.length - CHAT_RECORD_LIMIT);
    }),
    client.on('error', (_code, name, message) => {
      // Errors that refuse the connection or the Join are shown by the banner, not in the chat.
      if (client.status !== 'online' && JOIN_REFUSALS.has(name)) {
        joinRefusal = name;
        return;
      }
      const r = readableProtocolError(name, message);
      chat.notice(r.key, r.params, 'error');
    }),
  ];
  cleanup.push(() => offs.forEach((off) => off()));

  // ---- keyboard: Enter opens the chat, digits play emotes (never while typing) ----
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target as HTMLElement | null;
    if (isTypingTarget(target?.tagName, target?.isContentEditable ?? false)) return;
    if (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement || target?.closest('dialog') != null) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      if (!shown.chat) toggle('chat');
      chat.focusInput();
      return;
    }
    const emote = emoteForKey(e.key);
    if (emote !== null && view !== null) {
      e.preventDefault();
      view.playEmote(emote);
    }
  };
  window.addEventListener('keydown', onKey);
  cleanup.push(() => window.removeEventListener('keydown', onKey));

  setActiveSpace({
    client,
    chatLines: chatRecord,
    people: () => lastPeople.map((p) => ({ userId: p.userId, name: p.displayName, role: p.role, entityId: p.entityId })),
    frameStats: () => view?.frameStats() ?? null,
    cameraMode: () => view?.cameraMode ?? 'none',
    twins: () => [...new Set(bindings.map((b) => b.twin))].map((twin) => {
      const t = twins.get(twin);
      return {
        twin,
        reported: { ...(t?.reported ?? {}) },
        alerts: (t?.alerts ?? []).map((a) => ({ id: a.id, state: a.state, severity: a.severity })),
      };
    }),
    openTwin: (twin) => twinUi.show([twin]),
    placements: () => (view?.placements() ?? []).map((p) => ({ id: p.id, asset: p.asset, edition: p.edition, slot: p.slot, title: p.title,
      format: p.format })),
    openAsset: (placementId) => {
      const p = placements.find((x) => x.id === placementId);
      if (p === undefined) return false;
      info.hide();
      twinUi.hide();
      assetUi.show(p);
      return true;
    },
    spaceAgents: () => spaceAgents.map((a) => ({ id: a.id, name: a.name,
      hotQuestions: a.hotQuestions.map((q) => ({ entryId: q.entryId, question: { ...q.question } })) })),
    agentSpeech: () => speech.lines().map((l) => ({
      entityId: l.entityId, name: l.name, text: l.say.text, lang: l.lang, scope: l.say.scope, gesture: l.say.gesture,
      expression: l.say.expression, entryId: l.say.entryId, link: l.say.link, handoff: l.say.handoff,
      word: speech.wordNow(l), words: l.words.length, speaking: speech.speaking(l), audio: l.audio, voice: l.voice,
      boundaries: l.boundaries,
    })),
    agentVoice: () => ({ supported: speech.supported, muted: speech.muted, utterances: speech.utterances }),
  });
  client.connect();

  return () => {
    setActiveSpace(null);
    for (const fn of cleanup.reverse()) {
      try {
        fn();
      } catch {
        // keep tearing down the rest
      }
    }
    client.close();
    view?.dispose();
    page.remove();
  };
}

function panelToggle(iconName: 'users' | 'chat', label: 'space.showPeople' | 'space.showChat'): HTMLButtonElement {
  const b = h('button', { class: 'btn-icon panel-toggle', attrs: { type: 'button', 'aria-expanded': 'false' } }, icon(iconName));
  txAttr(b, 'aria-label', label);
  txAttr(b, 'title', label);
  return b;
}
