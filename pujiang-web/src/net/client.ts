// The real-time client: one WebSocket to /ws speaking protocol v1 (docs/protocol.md), implementing
// the SpaceClient contract of ./types. It says Hello, joins one space, keeps the entity table and the
// presence list, estimates the server clock, interpolates other entities, paces what it sends so that
// the server's rate limits are never hit, and reconnects by itself, resuming the same avatar.

import {
  decodeServer, encodeClient, ErrorCode, errorName, Limits, ProtocolError, utf8Length,
  type ClientMessage, type EntityUpdate, type ServerMessage,
} from './codec';
import { copyPose, EntityTrack } from './interpolation';
import { interpolationDelayMs, TimeSync } from './timesync';
import type {
  ChatScope, ConnectionStatus, EntityInfo, JoinedInfo, ModerationAction, Pose, PresenceEntry, SelfInput,
  SpaceClient, SpaceClientEvents, SpaceClientOptions, TwinCommandKind, TwinReplyInfo, VoiceKind, WelcomeInfo,
} from './types';

export const DEFAULT_CLIENT_NAME = 'pujiang-web/0.1';

/** Timing of the client's own behaviour (not protocol rules). Exported for tests and tuning. */
export const ClientTiming = {
  /** Least interval between two Inputs: 20 a second (the server allows 30). */
  inputIntervalMs: 50,
  /** An unchanged pose is re-sent this often, so that the server sees we are alive. */
  keepAliveMs: 1000,
  /** The first Pings after Welcome, this far apart… */
  pingBurstIntervalMs: 200,
  pingBurstCount: 5,
  /** …then one this often. */
  pingIntervalMs: 5000,
  /** No frame at all for this long means the connection is dead (Pongs come every pingIntervalMs). */
  silenceTimeoutMs: 20_000,
  /** From opening the socket to Joined. */
  handshakeTimeoutMs: 15_000,
  /** Reconnect backoff: first delay, cap, and the jitter fraction either way. */
  backoffBaseMs: 500,
  backoffMaxMs: 10_000,
  backoffJitter: 0.2,
  /** The server keeps an avatar this long for resume; after that the UI is told we are 'offline'. */
  resumeWindowMs: 30_000,
  /** MoveObject pacing (the server allows 30/s, burst 10). */
  moveObjectIntervalMs: 50,
  /** A TwinCommand without a TwinReply for this long resolves as client:timeout (the server answers within 10 s). */
  twinCommandTimeoutMs: 15_000,
} as const;

const CLIENT_LIMITS = {
  chat: { rate: 2, burst: 5 },
  emote: { rate: 2, burst: 5 },
  voice: { rate: 15, burst: 15 }, // server: 20/s, burst 20; signalling is queued, never dropped
} as const;

const WS_OPEN = 1; // WebSocket.OPEN, without relying on the constructor's statics (test fakes)

type Timer = ReturnType<typeof setTimeout>;
type Listener<E extends keyof SpaceClientEvents> = SpaceClientEvents[E];
type Phase = 'opening' | 'hello' | 'joining' | 'joined';

interface EntityEntry {
  info: EntityInfo;
  /** The last pose the server said (partial updates are merged into it). */
  last: Pose;
  track: EntityTrack;
}

/** A token bucket: `rate` per second sustained, `burst` at once. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(private readonly rate: number, private readonly burst: number, private readonly now: () => number) {
    this.tokens = burst;
    this.at = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.at) * this.rate) / 1000);
    this.at = t;
  }

  /** Takes a token if there is one. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is available (0 when one is). */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.rate);
  }
}

/** Merges an update's fields (those in its mask) into a pose. */
export function applyUpdate(base: Pose, u: EntityUpdate): Pose {
  const p = copyPose(base);
  if (u.mask & 0x01) { p.x = u.x; p.y = u.y; p.z = u.z; }
  if (u.mask & 0x02) { p.yaw = u.yaw; p.pitch = u.pitch; }
  if (u.mask & 0x04) { p.vx = u.vx; p.vy = u.vy; p.vz = u.vz; }
  if (u.mask & 0x08) p.anim = u.anim;
  return p;
}

function poseFromUpdate(u: EntityUpdate): Pose {
  return { x: u.x, y: u.y, z: u.z, yaw: u.yaw, pitch: u.pitch, vx: u.vx, vy: u.vy, vz: u.vz, anim: u.anim };
}

/** Whether two poses differ by more than what matters on the wire (1 mm, 0.0001 rad, 1 mm/s). */
export function poseChanged(a: Pose, b: Pose): boolean {
  const d = (x: number, y: number, eps: number) => Math.abs(x - y) > eps;
  return d(a.x, b.x, 1e-3) || d(a.y, b.y, 1e-3) || d(a.z, b.z, 1e-3)
    || d(a.yaw, b.yaw, 1e-4) || d(a.pitch, b.pitch, 1e-4)
    || d(a.vx, b.vx, 1e-3) || d(a.vy, b.vy, 1e-3) || d(a.vz, b.vz, 1e-3)
    || a.anim !== b.anim;
}

/** Reconnect delay for the n-th consecutive attempt (0-based): 0.5 s doubling to 10 s, ±20 % jitter. */
export function backoffDelayMs(attempt: number, random: number): number {
  const base = Math.min(ClientTiming.backoffMaxMs, ClientTiming.backoffBaseMs * 2 ** Math.min(attempt, 20));
  const j = ClientTiming.backoffJitter;
  const d = base * (1 - j + 2 * j * random);
  return Math.round(Math.min(ClientTiming.backoffMaxMs, Math.max(ClientTiming.backoffBaseMs, d)));
}

/** Parses JSON text, or gives `fallback` when it is not JSON. */
function parseJson(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}

interface PendingTwinCommand { resolve: (r: TwinReplyInfo) => void; timer: Timer }

/** Replaces unpaired surrogates with U+FFFD so that text always encodes. */
function wellFormed(s: string): string {
  return new TextDecoder().decode(new TextEncoder().encode(s));
}

function defaultUrl(): string {
  const loc = (globalThis as { location?: Location }).location;
  if (loc === undefined || !loc.host) {
    throw new Error('SpaceClient needs opts.url outside a browser page (no location to derive /ws from)');
  }
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/ws`;
}

function defaultNow(): number {
  const perf = (globalThis as { performance?: Performance }).performance;
  return perf !== undefined ? perf.timeOrigin + perf.now() : Date.now();
}

function browserOffline(): boolean {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  return nav !== undefined && nav.onLine === false;
}

class SpaceClientImpl implements SpaceClient {
  private readonly url: string;
  private readonly token: string;
  readonly spaceId: string;
  private readonly clientName: string;
  private readonly WebSocketCtor: new (url: string) => WebSocket;
  private readonly now: () => number;

  private statusValue: ConnectionStatus = 'idle';
  private welcomeInfo: WelcomeInfo | null = null;
  private joinedInfo: JoinedInfo | null = null;
  private self = 0;
  private tickHz = 20;

  private readonly listeners = new Map<keyof SpaceClientEvents, Set<(...args: never[]) => void>>();
  private readonly entityTable = new Map<number, EntityEntry>();
  private presenceList: PresenceEntry[] = [];
  private readonly time = new TimeSync();
  private selfTrack = new EntityTrack();

  // connection
  private ws: WebSocket | null = null;
  private gen = 0;
  private phase: Phase = 'opening';
  private resumeKey = 0n;
  private goodbye: { code: number; reason: string } | null = null;
  private helloRefusal: number | null = null;
  private lastFrameAt = 0;
  private attempt = 0;
  private droppedAt: number | null = null;
  private everJoined = false;
  private selfReady = false;     // Enter(self) seen on this connection
  private selfSeenBefore = false; // on an earlier connection
  private lastStateTime: number | null = null;

  // timers
  private reconnectTimer: Timer | null = null;
  private handshakeTimer: Timer | null = null;
  private pingTimer: Timer | null = null;
  private pingsSent = 0;
  private readonly pendingPings = new Set<number>();
  private inputTimer: Timer | null = null;
  private keepAliveTimer: Timer | null = null;
  private moveTimer: Timer | null = null;
  private voiceTimer: Timer | null = null;

  // outgoing
  private inputSeq = 0;
  private localPose: Pose | null = null;
  private lastSentPose: Pose | null = null;
  private lastInputAt = -Infinity;
  private readonly pendingMoves = new Map<number, { x: number; y: number; z: number; yaw: number }>();
  private lastMoveAt = -Infinity;
  private readonly voiceQueue: ClientMessage[] = [];
  private twinRequestId = 0;
  private readonly pendingTwin = new Map<number, PendingTwinCommand>();
  private readonly chatBucket: TokenBucket;
  private readonly emoteBucket: TokenBucket;
  private readonly voiceBucket: TokenBucket;

  private readonly onOnline = (): void => this.handleOnline();
  private readonly onOffline = (): void => this.handleOffline();
  private windowHooked = false;

  constructor(opts: SpaceClientOptions) {
    this.url = opts.url ?? defaultUrl();
    this.token = opts.token;
    this.spaceId = opts.spaceId.toLowerCase();
    this.clientName = opts.clientName ?? DEFAULT_CLIENT_NAME;
    const ctor = opts.webSocket ?? (globalThis as { WebSocket?: new (url: string) => WebSocket }).WebSocket;
    if (ctor === undefined) throw new Error('This browser has no WebSocket support');
    this.WebSocketCtor = ctor;
    this.now = opts.now ?? defaultNow;
    if (utf8Length(this.clientName) > Limits.CLIENT_NAME_BYTES) throw new Error('clientName is over 64 bytes');
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(this.spaceId)) {
      throw new Error(`spaceId "${opts.spaceId}" is not a UUID`);
    }
    this.chatBucket = new TokenBucket(CLIENT_LIMITS.chat.rate, CLIENT_LIMITS.chat.burst, this.now);
    this.emoteBucket = new TokenBucket(CLIENT_LIMITS.emote.rate, CLIENT_LIMITS.emote.burst, this.now);
    this.voiceBucket = new TokenBucket(CLIENT_LIMITS.voice.rate, CLIENT_LIMITS.voice.burst, this.now);
  }

  // ------------------------------------------------------------------ public state

  get status(): ConnectionStatus { return this.statusValue; }
  get selfId(): number { return this.self; }
  get welcome(): WelcomeInfo | null { return this.welcomeInfo; }
  get joined(): JoinedInfo | null { return this.joinedInfo; }

  on<E extends keyof SpaceClientEvents>(event: E, fn: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const f = fn as unknown as (...args: never[]) => void;
    set.add(f);
    return () => { set.delete(f); };
  }

  entities(): EntityInfo[] {
    return Array.from(this.entityTable.values(), (e) => ({ ...e.info }));
  }

  entity(id: number): EntityInfo | undefined {
    const e = this.entityTable.get(id);
    return e === undefined ? undefined : { ...e.info };
  }

  poseAt(id: number, nowMs?: number): Pose | undefined {
    if (id !== 0 && id === this.self) {
      // Our own avatar: the pose we last sent (the server accepts it unless it corrects us), else its own.
      if (this.localPose !== null && this.selfReady) return copyPose(this.localPose);
      const p = this.selfTrack.latest();
      return p === undefined ? undefined : copyPose(p);
    }
    const e = this.entityTable.get(id);
    if (e === undefined) return undefined;
    return e.track.poseAt(this.renderTime(nowMs ?? this.now()));
  }

  serverNow(): number {
    return this.time.serverNow(this.now());
  }

  /** The server time other entities are drawn at, for a local time (the interpolation delay behind). */
  private renderTime(localNow: number): number {
    return this.time.serverNow(localNow) - interpolationDelayMs(this.tickHz, this.time.jitterAllowanceMs);
  }

  // ------------------------------------------------------------------ lifecycle

  connect(): void {
    if (this.statusValue === 'closed') return;
    if (this.ws !== null || this.reconnectTimer !== null) return; // already at it
    this.hookWindow();
    this.attempt = 0;
    this.droppedAt = null;
    this.setStatus(this.everJoined ? 'reconnecting' : 'connecting', '');
    this.openSocket();
  }

  close(): void {
    if (this.statusValue === 'closed') return;
    const ws = this.ws;
    if (ws !== null && ws.readyState === WS_OPEN && this.phase === 'joined') this.sendNow({ type: 'leave' });
    this.teardownConnection();
    if (ws !== null) {
      try { ws.close(1000, 'leaving'); } catch { /* already closing */ }
    }
    this.clearTimer('reconnectTimer');
    this.unhookWindow();
    this.clearEntities(false);
    this.resumeKey = 0n;
    this.setStatus('closed', '');
  }

  private openSocket(): void {
    this.reconnectTimer = null;
    const gen = ++this.gen;
    this.phase = 'opening';
    this.goodbye = null;
    this.helloRefusal = null;
    this.selfReady = false;
    this.lastStateTime = null;
    this.inputSeq = 0;
    let ws: WebSocket;
    try {
      ws = new this.WebSocketCtor(this.url);
    } catch (e) {
      this.scheduleReconnect(`cannot open ${this.url}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    this.lastFrameAt = this.now();
    ws.onopen = () => { if (gen === this.gen) this.handleOpen(); };
    ws.onmessage = (ev: MessageEvent) => { if (gen === this.gen) this.handleMessage(ev.data); };
    ws.onclose = (ev: CloseEvent) => { if (gen === this.gen) this.handleDrop(`connection closed (${ev.code})`); };
    ws.onerror = () => { /* a close event follows */ };
    this.handshakeTimer = setTimeout(() => {
      if (gen === this.gen) this.dropSocket('the server did not answer in time');
    }, ClientTiming.handshakeTimeoutMs);
  }

  private handleOpen(): void {
    this.phase = 'hello';
    this.sendNow({ type: 'hello', minVersion: 1, maxVersion: 1, token: this.token, clientName: this.clientName });
  }

  /** Closes the current socket on our side and handles it as a drop. */
  private dropSocket(reason: string): void {
    const ws = this.ws;
    this.handleDrop(reason);
    if (ws !== null) {
      try { ws.close(4000, reason.slice(0, 100)); } catch { /* already closed */ }
    }
  }

  private teardownConnection(): void {
    this.gen++; // late events of the old socket are ignored
    const ws = this.ws;
    if (ws !== null) {
      ws.onopen = null;
      ws.onmessage = null;
      ws.onclose = null;
      ws.onerror = null;
    }
    this.ws = null;
    for (const t of ['handshakeTimer', 'pingTimer', 'inputTimer', 'keepAliveTimer', 'moveTimer', 'voiceTimer'] as const) {
      this.clearTimer(t);
    }
    this.pendingPings.clear();
    this.pendingMoves.clear();
    this.voiceQueue.length = 0;
    // A TwinReply never crosses connections: whatever the server did, this client cannot learn it now.
    for (const id of Array.from(this.pendingTwin.keys())) {
      this.settleTwin(id, { requestId: id, ok: false, code: 'client:disconnected', message: 'The connection was lost before the answer came.', value: null });
    }
  }

  private handleDrop(reason: string): void {
    const goodbye = this.goodbye;
    const refusal = this.helloRefusal;
    const wasJoined = this.phase === 'joined';
    this.teardownConnection();
    if (this.isTerminal()) return;

    const code = goodbye?.code ?? refusal;
    const detail = goodbye !== null ? goodbye.reason || errorName(goodbye.code) : reason;
    if (code === ErrorCode.KICKED) return this.stop('kicked', detail);
    if (code === ErrorCode.AUTH_FAILED || code === ErrorCode.UNSUPPORTED_VERSION) return this.stop('refused', detail);
    // SHUTTING_DOWN, TOO_SLOW, a lost socket, or an abuse Goodbye (our bug): retry and resume.
    if (wasJoined || this.droppedAt === null) this.droppedAt = this.now();
    this.scheduleReconnect(detail);
  }

  private scheduleReconnect(detail: string): void {
    this.clearTimer('reconnectTimer');
    if (this.droppedAt === null) this.droppedAt = this.now();
    const longGone = this.now() - this.droppedAt > ClientTiming.resumeWindowMs;
    if (browserOffline()) {
      // Wait for the 'online' event, but also try now and then in case it never comes.
      this.setStatus('offline', 'the browser is offline');
      this.reconnectTimer = setTimeout(() => this.openSocket(), ClientTiming.backoffMaxMs * 3);
      return;
    }
    this.setStatus(longGone ? 'offline' : this.everJoined ? 'reconnecting' : 'connecting', detail);
    const delay = backoffDelayMs(this.attempt++, Math.random());
    this.reconnectTimer = setTimeout(() => this.openSocket(), delay);
  }

  /** Ends without retrying (kicked, refused, full). */
  private stop(status: ConnectionStatus, detail: string): void {
    const ws = this.ws;
    this.teardownConnection();
    if (ws !== null) {
      try { ws.close(1000, status); } catch { /* already closed */ }
    }
    this.clearTimer('reconnectTimer');
    this.unhookWindow();
    if (status === 'kicked') this.resumeKey = 0n; // a kick ends the key
    this.setStatus(status, detail);
  }

  private isTerminal(): boolean {
    const s = this.statusValue;
    return s === 'closed' || s === 'kicked' || s === 'refused' || s === 'full';
  }

  private handleOnline(): void {
    if (this.statusValue !== 'offline' && this.statusValue !== 'reconnecting' && this.statusValue !== 'connecting') return;
    if (this.ws !== null) return; // a socket is already on its way
    this.clearTimer('reconnectTimer');
    this.attempt = 0;
    this.setStatus(this.everJoined ? 'reconnecting' : 'connecting', 'the browser is online again');
    this.openSocket();
  }

  private handleOffline(): void {
    // An open socket may survive a short outage; only a pending retry waits for 'online'.
    if (this.ws === null && this.reconnectTimer !== null && !this.isTerminal()) {
      this.clearTimer('reconnectTimer');
      this.setStatus('offline', 'the browser is offline');
      this.reconnectTimer = setTimeout(() => this.openSocket(), ClientTiming.backoffMaxMs * 3);
    }
  }

  private hookWindow(): void {
    const w = (globalThis as { window?: Window }).window;
    if (this.windowHooked || w === undefined || typeof w.addEventListener !== 'function') return;
    w.addEventListener('online', this.onOnline);
    w.addEventListener('offline', this.onOffline);
    this.windowHooked = true;
  }

  private unhookWindow(): void {
    const w = (globalThis as { window?: Window }).window;
    if (!this.windowHooked || w === undefined) return;
    w.removeEventListener('online', this.onOnline);
    w.removeEventListener('offline', this.onOffline);
    this.windowHooked = false;
  }

  // ------------------------------------------------------------------ incoming

  private handleMessage(data: unknown): void {
    this.lastFrameAt = this.now();
    if (!(data instanceof ArrayBuffer) && !(data instanceof Uint8Array)) {
      // The server only sends binary frames; anything else means a broken peer or proxy.
      this.dropSocket('the server sent a non-binary message');
      return;
    }
    let msg: ServerMessage;
    try {
      msg = decodeServer(data);
    } catch (e) {
      if (e instanceof ProtocolError && e.kind === 'unknown-type') return; // newer optional messages
      const why = e instanceof Error ? e.message : String(e);
      this.emit('error', ErrorCode.MALFORMED, 'MALFORMED', `bad frame from the server: ${why}`);
      this.dropSocket(`bad frame from the server: ${why}`);
      return;
    }
    this.dispatch(msg);
  }

  private dispatch(m: ServerMessage): void {
    switch (m.type) {
      case 'welcome': return this.onWelcome(m);
      case 'joined': return this.onJoined(m);
      case 'state': return this.onState(m.serverTimeMs, m.updates);
      case 'enter': return this.onEnter(m);
      case 'exit': return this.onExit(m.entity);
      case 'chatEvent':
        if (this.phase !== 'joined') return;
        return this.emit('chat', {
          fromId: m.fromEntity, fromName: m.fromName, scope: m.scope, text: m.text, serverTimeMs: m.serverTimeMs,
          self: m.fromEntity !== 0 && m.fromEntity === this.self,
        });
      case 'emoteEvent':
        if (this.phase !== 'joined' || (m.entity !== this.self && !this.entityTable.has(m.entity))) return;
        return this.emit('emote', m.entity, m.emote);
      case 'holder': return this.onHolder(m.objectEntity, m.holderEntity);
      case 'presence':
        this.presenceList = m.entries.slice();
        return this.emit('presence', this.presenceList.slice());
      case 'presenceChange': return this.onPresenceChange(m.joined, m.entry);
      case 'pong':
        if (!this.pendingPings.delete(m.clientTimeMs)) return;
        this.time.onPong(m.clientTimeMs, m.serverTimeMs, this.now());
        return;
      case 'error': return this.onError(m.code, m.message);
      case 'voiceRelay':
        if (this.phase !== 'joined') return;
        return this.emit('voice', m.fromEntity, m.kind, m.payload);
      case 'goodbye':
        this.goodbye = { code: m.code, reason: m.reason };
        return;
      case 'twinUpdate': {
        if (this.phase !== 'joined') return;
        const patch = parseJson(m.json, null);
        if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
          console.warn(`TwinUpdate of ${m.twin} is not a JSON object; ignored`);
          return;
        }
        return this.emit('twin', { twin: m.twin, patch: patch as Record<string, unknown>, serverTimeMs: m.serverTimeMs });
      }
      case 'twinReply':
        return this.settleTwin(m.requestId, {
          requestId: m.requestId, ok: m.ok, code: m.code, message: m.message, value: parseJson(m.json, null),
        });
      case 'say':
        if (this.phase !== 'joined') return;
        return this.emit('say', {
          type: 'say', from: m.fromEntity, fromName: m.fromName, scope: m.scope, text: m.text, lang: m.lang,
          gesture: m.gesture, expression: m.expression, words: m.words, entryId: m.entryId, link: m.link,
          handoff: m.handoff, serverTimeMs: m.serverTimeMs,
        });
    }
  }

  private settleTwin(requestId: number, reply: TwinReplyInfo): void {
    const p = this.pendingTwin.get(requestId);
    if (p === undefined) return; // late (after our timeout) or not ours
    this.pendingTwin.delete(requestId);
    clearTimeout(p.timer);
    p.resolve(reply);
  }

  private onWelcome(m: Extract<ServerMessage, { type: 'welcome' }>): void {
    if (this.phase !== 'hello') return;
    this.tickHz = m.tickHz;
    this.time.onWelcome(m.serverTimeMs, this.now());
    this.welcomeInfo = { userId: m.userId, displayName: m.displayName, role: m.role, tickHz: m.tickHz };
    this.emit('welcome', { ...this.welcomeInfo });
    this.phase = 'joining';
    this.sendNow({ type: 'join', spaceId: this.spaceId, resumeKey: this.resumeKey });
    this.pingsSent = 0;
    this.sendPing();
  }

  private onJoined(m: Extract<ServerMessage, { type: 'joined' }>): void {
    if (this.phase !== 'joining') return;
    this.clearTimer('handshakeTimer');
    this.clearEntities(true); // ids start again on every connection
    this.phase = 'joined';
    this.resumeKey = m.resumeKey;
    this.self = m.selfEntity;
    this.selfTrack = new EntityTrack({ tickMs: 1000 / this.tickHz });
    this.joinedInfo = {
      spaceId: m.spaceId, spaceName: m.spaceName, selfId: m.selfEntity, bounds: { ...m.bounds },
      capacity: m.capacity, interestRadius: m.interestRadius,
    };
    this.attempt = 0;
    this.droppedAt = null;
    this.everJoined = true;
    this.setStatus('online', '');
    this.emit('joined', { ...this.joinedInfo, bounds: { ...this.joinedInfo.bounds } });
  }

  private onEnter(m: Extract<ServerMessage, { type: 'enter' }>): void {
    if (this.phase !== 'joined') return;
    const pose = poseFromUpdate(m.state);
    const t = this.lastStateTime ?? this.renderTime(this.now());
    if (m.entity === this.self) {
      this.selfTrack.clear();
      this.selfTrack.push(t, pose);
      const first = !this.selfSeenBefore;
      this.selfReady = true;
      this.selfSeenBefore = true;
      if (first || this.localPose === null) {
        // Our spawn point: the UI moves the avatar there; any pose set before it is stale.
        this.localPose = null;
        this.lastSentPose = copyPose(pose);
        this.emit('selfCorrected', copyPose(pose));
      } else {
        // Resumed: carry on from where the user is now (the server corrects us if it disagrees).
        this.lastSentPose = null;
        this.flushInput();
      }
      return;
    }
    const old = this.entityTable.get(m.entity);
    if (old !== undefined) this.removeEntity(m.entity); // a re-used id without Exit would be a server bug
    const track = new EntityTrack({ tickMs: 1000 / this.tickHz });
    track.push(t, pose);
    const info: EntityInfo = { id: m.entity, kind: m.kind, name: m.name, userId: m.userId, holderId: 0 };
    this.entityTable.set(m.entity, { info, last: pose, track });
    this.emit('enter', { ...info }, copyPose(pose));
  }

  private onExit(id: number): void {
    if (this.phase !== 'joined' || !this.entityTable.has(id)) return;
    this.removeEntity(id);
  }

  private removeEntity(id: number): void {
    this.entityTable.delete(id);
    this.emit('exit', id);
    // Objects it held are now held by someone out of view: show them as free.
    for (const e of this.entityTable.values()) {
      if (e.info.holderId === id) {
        e.info.holderId = 0;
        this.emit('holder', e.info.id, 0);
      }
    }
  }

  private clearEntities(emitExits: boolean): void {
    const ids = Array.from(this.entityTable.keys());
    this.entityTable.clear();
    if (emitExits) for (const id of ids) this.emit('exit', id);
  }

  private onState(serverTimeMs: number, updates: EntityUpdate[]): void {
    if (this.phase !== 'joined') return;
    this.time.onState(serverTimeMs, this.now());
    this.lastStateTime = serverTimeMs;
    for (const u of updates) {
      if (u.entity === this.self) {
        const base = this.selfTrack.latest();
        if (base === undefined) continue;
        const corrected = applyUpdate(base, u);
        this.selfTrack.push(serverTimeMs, corrected);
        // The server moved us: continue from its values (and do not send the stale local pose).
        this.localPose = copyPose(corrected);
        this.lastSentPose = copyPose(corrected);
        this.emit('selfCorrected', copyPose(corrected));
        continue;
      }
      const e = this.entityTable.get(u.entity);
      if (e === undefined) continue;
      e.last = applyUpdate(e.last, u);
      e.track.push(serverTimeMs, e.last);
    }
  }

  private onHolder(objectId: number, holderId: number): void {
    if (this.phase !== 'joined') return;
    const e = this.entityTable.get(objectId);
    if (e === undefined) return;
    e.info.holderId = holderId;
    this.emit('holder', objectId, holderId);
  }

  private onPresenceChange(joined: boolean, entry: PresenceEntry): void {
    if (joined) {
      this.presenceList.push(entry);
    } else {
      const i = this.presenceList.findIndex((p) => p.userId === entry.userId);
      if (i < 0) return;
      this.presenceList.splice(i, 1);
    }
    this.emit('presence', this.presenceList.slice());
  }

  private onError(code: number, message: string): void {
    const name = errorName(code);
    this.emit('error', code, name, message);
    if (this.phase === 'hello' && (code === ErrorCode.AUTH_FAILED || code === ErrorCode.UNSUPPORTED_VERSION)) {
      this.helloRefusal = code; // the Goodbye that follows may be lost with the socket
      return;
    }
    if (this.phase !== 'joining') return;
    if (code === ErrorCode.SPACE_FULL) this.stop('full', message || 'the space is full');
    else if (code === ErrorCode.SPACE_NOT_FOUND || code === ErrorCode.FORBIDDEN) this.stop('refused', message || name);
  }

  // ------------------------------------------------------------------ outgoing

  private sendNow(m: ClientMessage): boolean {
    const ws = this.ws;
    if (ws === null || ws.readyState !== WS_OPEN) return false;
    let frame: Uint8Array;
    try {
      frame = encodeClient(m);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      this.emit('error', ErrorCode.INVALID_INPUT, 'INVALID_INPUT', why);
      return false;
    }
    try {
      ws.send(frame);
    } catch {
      return false; // the socket is closing; its close event follows
    }
    return true;
  }

  /** Sends a message that needs a space, or tells the UI why it could not be sent. */
  private sendInSpace(m: ClientMessage): boolean {
    if (this.phase !== 'joined' || this.ws === null) {
      this.emit('error', ErrorCode.NOT_JOINED, 'NOT_JOINED', 'Not connected to the space; nothing was sent.');
      return false;
    }
    return this.sendNow(m);
  }

  private schedulePing(delay: number): void {
    this.clearTimer('pingTimer');
    this.pingTimer = setTimeout(() => {
      this.pingTimer = null;
      this.sendPing();
    }, delay);
  }

  /** Sends a Ping (time sync, and a liveness check) and schedules the next one. */
  private sendPing(): void {
    if (this.ws === null) return;
    const now = this.now();
    if (now - this.lastFrameAt > ClientTiming.silenceTimeoutMs) {
      this.dropSocket('the server stopped answering');
      return;
    }
    let t0 = Math.max(0, Math.floor(now));
    while (this.pendingPings.has(t0)) t0++;
    if (this.pendingPings.size > 16) this.pendingPings.clear(); // lost Pongs: keep the set small
    this.pendingPings.add(t0);
    this.sendNow({ type: 'ping', clientTimeMs: t0 });
    this.pingsSent++;
    this.schedulePing(this.pingsSent < ClientTiming.pingBurstCount ? ClientTiming.pingBurstIntervalMs : ClientTiming.pingIntervalMs);
  }

  setSelf(pose: SelfInput): void {
    if (this.isTerminal()) return;
    this.localPose = copyPose(pose);
    this.flushInput();
  }

  /** Sends the local pose now if it changed and the rate allows, else schedules the send. */
  private flushInput(): void {
    if (this.phase !== 'joined' || !this.selfReady || this.localPose === null) return;
    if (this.lastSentPose !== null && !poseChanged(this.localPose, this.lastSentPose)) return;
    const wait = this.lastInputAt + ClientTiming.inputIntervalMs - this.now();
    if (wait > 0) {
      if (this.inputTimer === null) {
        this.inputTimer = setTimeout(() => { this.inputTimer = null; this.flushInput(); }, Math.ceil(wait));
      }
      return;
    }
    this.sendInput(this.localPose);
  }

  private sendInput(p: Pose): void {
    const now = this.now();
    const ok = this.sendNow({
      type: 'input', seq: this.inputSeq, x: p.x, y: p.y, z: p.z, yaw: p.yaw, pitch: p.pitch,
      vx: p.vx, vy: p.vy, vz: p.vz, anim: p.anim, clientTimeMs: Math.max(0, Math.floor(now)),
    });
    if (!ok) return;
    this.inputSeq = this.inputSeq >= 0x7fffffff ? 0 : this.inputSeq + 1;
    this.lastInputAt = now;
    this.lastSentPose = copyPose(p);
    this.clearTimer('keepAliveTimer');
    this.keepAliveTimer = setTimeout(() => {
      this.keepAliveTimer = null;
      if (this.phase === 'joined' && this.lastSentPose !== null) this.sendInput(this.localPose ?? this.lastSentPose);
    }, ClientTiming.keepAliveMs);
  }

  chat(scope: ChatScope, text: string, toId = 0): void {
    const clean = wellFormed(text);
    if (clean.trim() === '') return;
    if (utf8Length(clean) > Limits.CHAT_TEXT_BYTES) {
      this.emit('error', ErrorCode.INVALID_INPUT, 'INVALID_INPUT', 'The message is too long.');
      return;
    }
    if (!this.chatBucket.take()) {
      this.emit('error', ErrorCode.RATE_LIMITED, 'RATE_LIMITED', 'You are sending messages too fast.');
      return;
    }
    this.sendInSpace({ type: 'chat', scope, toEntity: scope === 'direct' ? toId : 0, text: clean });
  }

  emote(emote: number): void {
    if (!this.emoteBucket.take()) return; // gestures are fire-and-forget: drop the excess quietly
    this.sendInSpace({ type: 'emote', emote });
  }

  grab(objectId: number): void {
    this.sendInSpace({ type: 'grab', objectEntity: objectId });
  }

  release(objectId: number): void {
    this.pendingMoves.delete(objectId);
    this.sendInSpace({ type: 'release', objectEntity: objectId });
  }

  moveObject(objectId: number, x: number, y: number, z: number, yaw: number): void {
    if (this.phase !== 'joined') return;
    this.pendingMoves.set(objectId, { x, y, z, yaw });
    this.flushMoves();
  }

  private flushMoves(): void {
    if (this.pendingMoves.size === 0) return;
    const wait = this.lastMoveAt + ClientTiming.moveObjectIntervalMs - this.now();
    if (wait > 0) {
      if (this.moveTimer === null) {
        this.moveTimer = setTimeout(() => { this.moveTimer = null; this.flushMoves(); }, Math.ceil(wait));
      }
      return;
    }
    this.lastMoveAt = this.now();
    for (const [id, m] of this.pendingMoves) {
      this.sendNow({ type: 'moveObject', objectEntity: id, x: m.x, y: m.y, z: m.z, yaw: m.yaw });
    }
    this.pendingMoves.clear();
  }

  voice(toId: number, kind: VoiceKind, payload: string): void {
    if (this.phase !== 'joined' || this.ws === null) return; // calls are rebuilt after a reconnect
    this.voiceQueue.push({ type: 'voiceSignal', toEntity: toId, kind, payload: wellFormed(payload) });
    this.drainVoice();
  }

  private drainVoice(): void {
    while (this.voiceQueue.length > 0) {
      if (!this.voiceBucket.take()) {
        if (this.voiceTimer === null) {
          this.voiceTimer = setTimeout(() => { this.voiceTimer = null; this.drainVoice(); }, Math.max(1, this.voiceBucket.waitMs()));
        }
        return;
      }
      this.sendNow(this.voiceQueue.shift()!);
    }
  }

  moderate(action: ModerationAction, targetId: number, reason: string): void {
    let r = wellFormed(reason);
    while (utf8Length(r) > Limits.MODERATE_REASON_BYTES) r = Array.from(r).slice(0, -1).join('');
    this.sendInSpace({ type: 'moderate', action, targetEntity: targetId, reason: r });
  }

  sendTwinCommand(twin: string, kind: TwinCommandKind, name: string, value: unknown): Promise<TwinReplyInfo> {
    this.twinRequestId = this.twinRequestId >= 0x7fffffff ? 1 : this.twinRequestId + 1;
    const requestId = this.twinRequestId;
    const fail = (code: string, message: string): Promise<TwinReplyInfo> =>
      Promise.resolve({ requestId, ok: false, code, message, value: null });
    if (this.phase !== 'joined' || this.ws === null) return fail('client:not-connected', 'Not connected to the space; nothing was sent.');
    let json: string | undefined;
    try {
      json = JSON.stringify(value === undefined ? null : value);
    } catch {
      json = undefined; // cycles, BigInt
    }
    if (json === undefined) return fail('client:invalid', 'The value cannot be sent as JSON.');
    let frame: Uint8Array;
    try {
      frame = encodeClient({ type: 'twinCommand', requestId, twin, kind, name, json });
    } catch (e) {
      return fail('client:invalid', e instanceof Error ? e.message : String(e));
    }
    try {
      this.ws.send(frame);
    } catch {
      return fail('client:not-connected', 'The connection is closing; nothing was sent.');
    }
    return new Promise<TwinReplyInfo>((resolve) => {
      const timer = setTimeout(() => {
        this.settleTwin(requestId, { requestId, ok: false, code: 'client:timeout', message: 'No answer from the server in time.', value: null });
      }, ClientTiming.twinCommandTimeoutMs);
      this.pendingTwin.set(requestId, { resolve, timer });
    });
  }

  // ------------------------------------------------------------------ helpers

  private setStatus(s: ConnectionStatus, detail: string): void {
    if (this.statusValue === s) return;
    this.statusValue = s;
    this.emit('status', s, detail);
  }

  private clearTimer(name: 'reconnectTimer' | 'handshakeTimer' | 'pingTimer' | 'inputTimer' | 'keepAliveTimer' | 'moveTimer' | 'voiceTimer'): void {
    const t = this[name];
    if (t !== null) {
      clearTimeout(t);
      this[name] = null;
    }
  }

  private emit<E extends keyof SpaceClientEvents>(event: E, ...args: Parameters<SpaceClientEvents[E]>): void {
    const set = this.listeners.get(event);
    if (set === undefined) return;
    for (const fn of Array.from(set)) {
      try {
        (fn as unknown as (...a: Parameters<SpaceClientEvents[E]>) => void)(...args);
      } catch (e) {
        // A listener's bug must not break the connection's state machine.
        console.error(`SpaceClient '${event}' listener failed`, e);
      }
    }
  }
}

/** Creates a client for one space; call connect() to start. */
export function createSpaceClient(opts: SpaceClientOptions): SpaceClient {
  return new SpaceClientImpl(opts);
}
