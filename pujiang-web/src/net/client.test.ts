import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelayMs, createSpaceClient, poseChanged, TokenBucket } from './client';
import { decodeClient, encodeServer, ErrorCode, Mask, type ClientMessage, type EntityUpdate, type ServerMessage } from './codec';
import type { ConnectionStatus, Pose, SayLine, SpaceClient } from './types';

// ---------------------------------------------------------------- a fake WebSocket and a scripted server

class FakeWebSocket {
  static instances: FakeWebSocket[] = [];
  binaryType = 'blob';
  readyState = 0;
  readonly sent: ClientMessage[] = [];
  closedByClient: number | null = null;
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }

  send(data: Uint8Array): void {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(decodeClient(data));
  }

  close(code = 1000): void {
    this.closedByClient = code;
    this.readyState = 3;
  }

  // --- the server's side
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  receive(m: ServerMessage): void {
    const bytes = encodeServer(m);
    this.onmessage?.({ data: bytes.buffer } as MessageEvent);
  }

  receiveRaw(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent);
  }

  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }

  sentOf<T extends ClientMessage['type']>(type: T): Extract<ClientMessage, { type: T }>[] {
    return this.sent.filter((m): m is Extract<ClientMessage, { type: T }> => m.type === type);
  }
}

const WS = FakeWebSocket as unknown as new (url: string) => WebSocket;
const SPACE = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const USER = '0196a0c4-1e2f-7a3b-8c4d-5e6f7a8b9c0d';
const T0 = 1_000_000; // server time at local time 1000
const BOUNDS = { minX: -40, minY: 0, minZ: -30, maxX: 40, maxY: 20, maxZ: 30 };

function full(entity: number, x: number, z: number, extra: Partial<EntityUpdate> = {}): EntityUpdate {
  return { entity, mask: Mask.ALL, x, y: 0, z, yaw: 0, pitch: 0, vx: 0, vy: 0, vz: 0, anim: 0, ...extra };
}

function upd(entity: number, mask: number, fields: Partial<EntityUpdate>): EntityUpdate {
  return { entity, mask, x: 0, y: 0, z: 0, yaw: 0, pitch: 0, vx: 0, vy: 0, vz: 0, anim: 0, ...fields };
}

function pose(x: number, z: number, extra: Partial<Pose> = {}): Pose {
  return { x, y: 0, z, yaw: 0, pitch: 0, vx: 0, vy: 0, vz: 0, anim: 0, ...extra };
}

function last(): FakeWebSocket {
  const ws = FakeWebSocket.instances[FakeWebSocket.instances.length - 1];
  if (ws === undefined) throw new Error('no socket');
  return ws;
}

interface Harness {
  client: SpaceClient;
  statuses: ConnectionStatus[];
  events: string[];
}

function make(): Harness {
  const client = createSpaceClient({ url: 'ws://test/ws', token: 'pj1.tok', spaceId: SPACE, webSocket: WS, now: () => Date.now() });
  const statuses: ConnectionStatus[] = [];
  const events: string[] = [];
  client.on('status', (s) => statuses.push(s));
  client.on('enter', (e) => events.push(`enter ${e.id}`));
  client.on('exit', (id) => events.push(`exit ${id}`));
  client.on('holder', (o, h) => events.push(`holder ${o} ${h}`));
  client.on('error', (code, name) => events.push(`error ${code} ${name}`));
  return { client, statuses, events };
}

/** Plays a server through Hello, Welcome, Join, Joined, Presence and Enter(self). */
function handshake(ws: FakeWebSocket, opts: { self?: number; key?: bigint; spawn?: EntityUpdate } = {}): void {
  const self = opts.self ?? 1;
  ws.open();
  ws.receive({ type: 'welcome', version: 1, serverTimeMs: T0 + (Date.now() - 1000), tickHz: 20, userId: USER, displayName: '李明', role: 'member' });
  ws.receive({
    type: 'joined', spaceId: SPACE, spaceName: 'Hall', selfEntity: self, resumeKey: opts.key ?? 0xabcdef0123456789n,
    bounds: BOUNDS, capacity: 200, interestRadius: 30,
  });
  ws.receive({ type: 'presence', entries: [{ userId: USER, displayName: '李明', role: 'member' }] });
  ws.receive({ type: 'enter', entity: self, kind: 'avatar', name: '李明', userId: USER, state: opts.spawn ?? full(self, 1, 2) });
}

beforeEach(() => {
  FakeWebSocket.instances = [];
  vi.useFakeTimers();
  vi.setSystemTime(1000);
  vi.spyOn(Math, 'random').mockReturnValue(0.5); // backoff jitter at its middle: exactly the base delay
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

// ---------------------------------------------------------------- tests

describe('connecting', () => {
  it('says Hello, then Join after Welcome, and goes online on Joined', () => {
    const { client, statuses } = make();
    const welcomes: string[] = [];
    const joins: string[] = [];
    client.on('welcome', (w) => welcomes.push(`${w.displayName} ${w.role} ${w.tickHz}`));
    client.on('joined', (j) => joins.push(`${j.spaceName} ${j.selfId} ${j.capacity}`));
    expect(client.status).toBe('idle');
    client.connect();
    const ws = last();
    expect(ws.url).toBe('ws://test/ws');
    expect(ws.binaryType).toBe('arraybuffer');
    expect(client.status).toBe('connecting');
    ws.open();
    expect(ws.sent).toEqual([{ type: 'hello', minVersion: 1, maxVersion: 1, token: 'pj1.tok', clientName: 'pujiang-web/0.1' }]);
    ws.receive({ type: 'welcome', version: 1, serverTimeMs: T0, tickHz: 20, userId: USER, displayName: '李明', role: 'member' });
    expect(ws.sent[1]).toEqual({ type: 'join', spaceId: SPACE, resumeKey: 0n });
    expect(ws.sent[2]?.type).toBe('ping');
    expect(client.welcome?.userId).toBe(USER);
    expect(client.serverNow()).toBe(T0); // Welcome's rough estimate
    ws.receive({ type: 'joined', spaceId: SPACE, spaceName: 'Hall', selfEntity: 4, resumeKey: 77n, bounds: BOUNDS, capacity: 200, interestRadius: 30 });
    expect(client.status).toBe('online');
    expect(client.selfId).toBe(4);
    expect(client.joined?.bounds.maxX).toBe(40);
    expect(statuses).toEqual(['connecting', 'online']);
    expect(welcomes).toEqual(['李明 member 20']);
    expect(joins).toEqual(['Hall 4 200']);
  });

  it('rejects a bad spaceId and a missing url outside a browser', () => {
    expect(() => createSpaceClient({ url: 'ws://x/ws', token: 't', spaceId: 'nope', webSocket: WS })).toThrow(/not a UUID/);
    expect(() => createSpaceClient({ token: 't', spaceId: SPACE, webSocket: WS })).toThrow(/opts.url/);
  });

  it('times out a handshake that never completes and retries', () => {
    const { client } = make();
    client.connect();
    last().open();
    vi.advanceTimersByTime(15_000);
    expect(last().closedByClient).not.toBeNull();
    vi.advanceTimersByTime(500);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });
});

describe('entities and poses', () => {
  it('emits the spawn as selfCorrected and keeps the own avatar out of entities()', () => {
    const { client, events } = make();
    const corrections: Pose[] = [];
    client.on('selfCorrected', (p) => corrections.push(p));
    client.connect();
    handshake(last(), { self: 1, spawn: full(1, 3, -4, { yaw: Math.PI }) });
    expect(corrections).toHaveLength(1);
    expect(corrections[0]!.x).toBe(3);
    expect(client.poseAt(1)!.z).toBe(-4);
    expect(client.entities()).toEqual([]);
    expect(events).toEqual([]);
  });

  it('interpolates States about two ticks behind the server clock', () => {
    const { client } = make();
    client.connect();
    handshake(last());
    const ws = last();
    ws.receive({ type: 'enter', entity: 2, kind: 'avatar', name: 'Wang', userId: 'u2', state: full(2, 0, 0, { vx: 2 }) });
    expect(client.entity(2)).toEqual({ id: 2, kind: 'avatar', name: 'Wang', userId: 'u2', holderId: 0 });
    vi.advanceTimersByTime(50); // local 1050 = server T0 + 50
    ws.receive({ type: 'state', tick: 1, serverTimeMs: T0 + 50, updates: [upd(2, Mask.POS, { x: 0.1 })] });
    vi.advanceTimersByTime(50);
    ws.receive({ type: 'state', tick: 2, serverTimeMs: T0 + 100, updates: [upd(2, Mask.POS, { x: 0.2 })] });
    // rendered at serverNow − 100 ms (no jitter): local 1175 → server T0 + 75, between 0.1 and 0.2
    expect(client.poseAt(2, 1175)!.x).toBeCloseTo(0.15, 9);
    expect(client.poseAt(2, 1200)!.x).toBeCloseTo(0.2, 9);
    // past the newest sample it extrapolates with the last known velocity (2 m/s, kept from Enter)
    expect(client.poseAt(2, 1250)!.x).toBeCloseTo(0.3, 9);
    // a ROT-only update keeps the position
    vi.advanceTimersByTime(50);
    ws.receive({ type: 'state', tick: 3, serverTimeMs: T0 + 150, updates: [upd(2, Mask.ROT, { yaw: 1 })] });
    const p = client.poseAt(2, 1250 + 100)!;
    expect(p.x).toBeCloseTo(0.2 + 2 * 0.1, 9);
    expect(p.yaw).toBeCloseTo(1, 4);
    // ids it does not know are ignored
    ws.receive({ type: 'state', tick: 4, serverTimeMs: T0 + 200, updates: [upd(9, Mask.POS, { x: 5 })] });
    expect(client.poseAt(9)).toBeUndefined();
  });

  it('applies a server correction of the own avatar', () => {
    const { client } = make();
    const corrections: Pose[] = [];
    client.connect();
    handshake(last(), { self: 1 });
    client.on('selfCorrected', (p) => corrections.push(p));
    last().receive({ type: 'state', tick: 5, serverTimeMs: T0 + 50, updates: [upd(1, Mask.POS, { x: 39.99, y: 0, z: 2 })] });
    expect(corrections).toHaveLength(1);
    expect(corrections[0]!.x).toBe(39.99);
    expect(client.poseAt(1)!.x).toBe(39.99);
  });

  it('tracks Enter, Exit and Holder; an exiting holder frees its objects', () => {
    const { client, events } = make();
    client.connect();
    handshake(last());
    const ws = last();
    ws.receive({ type: 'enter', entity: 2, kind: 'avatar', name: 'Wang', userId: 'u2', state: full(2, 0, 0) });
    ws.receive({ type: 'enter', entity: 3, kind: 'object', name: 'box', userId: '', state: full(3, 1, 0) });
    ws.receive({ type: 'holder', objectEntity: 3, holderEntity: 2 });
    expect(client.entity(3)!.holderId).toBe(2);
    expect(client.entities().map((e) => e.id).sort()).toEqual([2, 3]);
    ws.receive({ type: 'exit', entity: 2 });
    expect(client.entity(2)).toBeUndefined();
    expect(client.entity(3)!.holderId).toBe(0);
    expect(events).toEqual(['enter 2', 'enter 3', 'holder 3 2', 'exit 2', 'holder 3 0']);
  });

  it('keeps the presence list and emits it whole', () => {
    const { client } = make();
    const lists: string[][] = [];
    client.on('presence', (all) => lists.push(all.map((p) => p.displayName)));
    client.connect();
    handshake(last());
    const ws = last();
    ws.receive({ type: 'presenceChange', joined: true, entry: { userId: 'u2', displayName: 'Wang', role: 'guest' } });
    ws.receive({ type: 'presenceChange', joined: false, entry: { userId: USER, displayName: '李明', role: 'member' } });
    expect(lists).toEqual([['李明'], ['李明', 'Wang'], ['Wang']]);
  });

  it('emits chat (marking our own), emotes and voice relays', () => {
    const { client } = make();
    const lines: string[] = [];
    client.on('chat', (l) => lines.push(`${l.fromName}:${l.text}:${l.scope}:${l.self}`));
    const emotes: string[] = [];
    client.on('emote', (id, e) => emotes.push(`${id}/${e}`));
    const voices: string[] = [];
    client.on('voice', (from, kind, payload) => voices.push(`${from} ${kind} ${payload}`));
    client.connect();
    handshake(last(), { self: 1 });
    const ws = last();
    ws.receive({ type: 'chatEvent', fromEntity: 1, fromName: '李明', scope: 'space', text: '你好', serverTimeMs: T0 });
    ws.receive({ type: 'chatEvent', fromEntity: 0, fromName: 'Far', scope: 'nearby', text: 'hi', serverTimeMs: T0 });
    ws.receive({ type: 'emoteEvent', entity: 1, emote: 3 });
    ws.receive({ type: 'emoteEvent', entity: 42, emote: 3 }); // unknown id: ignored
    ws.receive({ type: 'voiceRelay', fromEntity: 2, kind: 'offer', payload: '{}' });
    expect(lines).toEqual(['李明:你好:space:true', 'Far:hi:nearby:false']);
    expect(emotes).toEqual(['1/3']);
    expect(voices).toEqual(['2 offer {}']);
  });

  it('emits an agent\'s Say with its cues', () => {
    const { client } = make();
    const lines: SayLine[] = [];
    client.on('say', (l) => lines.push(l));
    client.connect();
    const ws = last();
    const say: ServerMessage = {
      type: 'say', fromEntity: 4, fromName: '导览员', scope: 'direct', text: '你好', lang: 'zh-CN', gesture: 'greet',
      expression: 'smile', words: [{ start: 0, end: 1, atMs: 0 }, { start: 1, end: 2, atMs: 230 }], entryId: 'kb-1',
      link: '', handoff: false, serverTimeMs: T0,
    };
    handshake(ws, { self: 1 });
    ws.receive(say);
    ws.receive({ ...say, fromEntity: 0, text: 'staff notified', words: [], handoff: true });
    expect(lines).toEqual([
      {
        type: 'say', from: 4, fromName: '导览员', scope: 'direct', text: '你好', lang: 'zh-CN', gesture: 'greet',
        expression: 'smile', words: [{ start: 0, end: 1, atMs: 0 }, { start: 1, end: 2, atMs: 230 }], entryId: 'kb-1',
        link: '', handoff: false, serverTimeMs: T0,
      },
      {
        type: 'say', from: 0, fromName: '导览员', scope: 'direct', text: 'staff notified', lang: 'zh-CN', gesture: 'greet',
        expression: 'smile', words: [], entryId: 'kb-1', link: '', handoff: true, serverTimeMs: T0,
      },
    ]);
  });
});

describe('time sync', () => {
  it('answers Pongs into the clock estimate', () => {
    const { client } = make();
    client.connect();
    handshake(last());
    const ws = last();
    const ping = ws.sentOf('ping')[0]!;
    expect(ping.clientTimeMs).toBe(1000);
    vi.advanceTimersByTime(40);
    // server answered at T0 + 500 (its clock is 480 ms ahead of what Welcome suggested)
    ws.receive({ type: 'pong', clientTimeMs: ping.clientTimeMs, serverTimeMs: T0 + 500 });
    // offset = (T0 + 500) − (1000 + 1040) / 2 = T0 − 520 → serverNow at local 1040 = T0 + 520
    expect(client.serverNow()).toBe(T0 + 520);
    // a Pong for a Ping never sent is ignored
    ws.receive({ type: 'pong', clientTimeMs: 7, serverTimeMs: 1 });
    expect(client.serverNow()).toBe(T0 + 520);
  });

  it('pings 5 times 200 ms apart, then every 5 s', () => {
    const { client } = make();
    client.connect();
    handshake(last());
    vi.advanceTimersByTime(800);
    expect(last().sentOf('ping')).toHaveLength(5);
    vi.advanceTimersByTime(4999);
    expect(last().sentOf('ping')).toHaveLength(5);
    vi.advanceTimersByTime(1);
    expect(last().sentOf('ping')).toHaveLength(6);
  });

  it('drops a connection that has gone silent', () => {
    const { client } = make();
    client.connect();
    handshake(last());
    vi.advanceTimersByTime(21_000);
    expect(FakeWebSocket.instances[0]!.closedByClient).not.toBeNull();
    expect(client.status).toBe('reconnecting');
  });
});

describe('inputs', () => {
  it('sends at most 20 a second, only on change, the latest pose winning', () => {
    const { client } = make();
    client.connect();
    handshake(last(), { spawn: full(1, 0, 0) });
    const ws = last();
    client.setSelf(pose(0, 0)); // same as the spawn: nothing to send
    expect(ws.sentOf('input')).toHaveLength(0);
    for (let i = 1; i <= 10; i++) {
      client.setSelf(pose(i * 0.01, 0, { vx: 1, anim: 1 }));
      vi.advanceTimersByTime(10);
    }
    // t = 0: sent at once; t = 50: the then-latest; t = 100: the last one
    vi.advanceTimersByTime(100);
    const inputs = ws.sentOf('input');
    expect(inputs.length).toBe(3);
    expect(inputs.map((m) => m.seq)).toEqual([0, 1, 2]);
    expect(inputs[0]!.x).toBeCloseTo(0.01, 6);
    expect(inputs[2]!.x).toBeCloseTo(0.1, 6);
    expect(inputs[2]!.clientTimeMs).toBe(1100);
    expect(inputs[2]!.anim).toBe(1);
  });

  it('re-sends an unchanged pose about once a second', () => {
    const { client } = make();
    client.connect();
    handshake(last(), { spawn: full(1, 0, 0) });
    const ws = last();
    client.setSelf(pose(1, 1));
    expect(ws.sentOf('input')).toHaveLength(1);
    client.setSelf(pose(1, 1));
    vi.advanceTimersByTime(999);
    expect(ws.sentOf('input')).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(ws.sentOf('input')).toHaveLength(2);
    vi.advanceTimersByTime(3000);
    expect(ws.sentOf('input')).toHaveLength(5);
  });

  it('sends nothing before its own avatar has entered', () => {
    const { client } = make();
    client.connect();
    const ws = last();
    client.setSelf(pose(5, 5));
    ws.open();
    ws.receive({ type: 'welcome', version: 1, serverTimeMs: T0, tickHz: 20, userId: USER, displayName: 'x', role: 'guest' });
    ws.receive({ type: 'joined', spaceId: SPACE, spaceName: 'H', selfEntity: 1, resumeKey: 5n, bounds: BOUNDS, capacity: 9, interestRadius: 30 });
    client.setSelf(pose(6, 6));
    expect(ws.sentOf('input')).toHaveLength(0);
  });

  it('paces MoveObject and VoiceSignal, and limits chat locally', () => {
    const { client, events } = make();
    client.connect();
    handshake(last());
    const ws = last();
    for (let i = 0; i < 10; i++) { client.moveObject(3, i, 0, 0, 0); vi.advanceTimersByTime(10); }
    vi.advanceTimersByTime(100);
    const moves = ws.sentOf('moveObject');
    expect(moves.length).toBeLessThanOrEqual(3);
    expect(moves[moves.length - 1]!.x).toBe(9);
    for (let i = 0; i < 30; i++) client.voice(2, 'ice', `{"c":${i}}`);
    expect(ws.sentOf('voiceSignal')).toHaveLength(15);
    vi.advanceTimersByTime(900);
    expect(ws.sentOf('voiceSignal').length).toBeLessThan(30);
    vi.advanceTimersByTime(200);
    expect(ws.sentOf('voiceSignal')).toHaveLength(30);
    expect(ws.sentOf('voiceSignal').map((m) => m.payload)[29]).toBe('{"c":29}');
    for (let i = 0; i < 7; i++) client.chat('space', `msg ${i}`);
    expect(ws.sentOf('chat')).toHaveLength(5);
    expect(events.filter((e) => e === `error ${ErrorCode.RATE_LIMITED} RATE_LIMITED`)).toHaveLength(2);
    client.chat('direct', 'psst', 2);
    vi.advanceTimersByTime(500);
    client.chat('direct', 'psst', 2);
    expect(ws.sentOf('chat').at(-1)).toEqual({ type: 'chat', scope: 'direct', toEntity: 2, text: 'psst' });
  });

  it('reports a message sent while not in the space', () => {
    const { client, events } = make();
    client.chat('space', 'hello');
    expect(events).toEqual([`error ${ErrorCode.NOT_JOINED} NOT_JOINED`]);
  });
});

describe('reconnecting', () => {
  it('resumes the avatar after a dropped socket, with the key from Joined', () => {
    const { client, statuses, events } = make();
    const joins: number[] = [];
    client.on('joined', (j) => joins.push(j.selfId));
    client.connect();
    handshake(last(), { self: 1, key: 0x1122334455667788n });
    last().receive({ type: 'enter', entity: 2, kind: 'avatar', name: 'Wang', userId: 'u2', state: full(2, 0, 0) });
    client.setSelf(pose(1.5, 2));
    last().drop();
    expect(client.status).toBe('reconnecting');
    expect(client.entity(2)).toBeDefined(); // the scene stays while we reconnect
    vi.advanceTimersByTime(499);
    expect(FakeWebSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeWebSocket.instances).toHaveLength(2);
    const ws = last();
    handshake(ws, { self: 7, key: 0x99n, spawn: full(7, 1.2, 2) });
    expect(ws.sentOf('join')[0]).toEqual({ type: 'join', spaceId: SPACE, resumeKey: 0x1122334455667788n });
    expect(client.status).toBe('online');
    expect(client.selfId).toBe(7);
    expect(client.entity(2)).toBeUndefined();
    expect(events).toContain('exit 2');
    expect(joins).toEqual([1, 7]);
    expect(statuses).toEqual(['connecting', 'online', 'reconnecting', 'online']);
    // resumed: the user's own pose is sent at once (seq from 0 on the new connection), no snap back
    expect(ws.sentOf('input')[0]).toMatchObject({ seq: 0, x: 1.5, z: 2 });
    // the next drop resumes with the new key
    ws.drop();
    vi.advanceTimersByTime(500);
    handshake(last());
    expect(last().sentOf('join')[0]!.resumeKey).toBe(0x99n);
  });

  it('backs off exponentially from 0.5 s to 10 s', () => {
    const { client } = make();
    client.connect();
    const delays: number[] = [];
    let t = 0;
    for (let i = 0; i < 8; i++) {
      const n = FakeWebSocket.instances.length;
      last().drop();
      t = 0;
      while (FakeWebSocket.instances.length === n) { vi.advanceTimersByTime(100); t += 100; }
      delays.push(t);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
    expect(client.status).toBe('offline'); // beyond the 30 s resume window
    // jitter spreads the delay ±20 %
    expect(backoffDelayMs(2, 0)).toBe(1600);
    expect(backoffDelayMs(2, 1)).toBe(2400);
    expect(backoffDelayMs(0, 0)).toBe(500);
    expect(backoffDelayMs(30, 1)).toBe(10000);
  });

  it('retries and resumes after SHUTTING_DOWN and TOO_SLOW', () => {
    for (const code of [ErrorCode.SHUTTING_DOWN, ErrorCode.TOO_SLOW]) {
      FakeWebSocket.instances = [];
      const { client } = make();
      client.connect();
      handshake(last(), { key: 5n });
      last().receive({ type: 'goodbye', code, reason: 'bye' });
      last().drop(1001);
      expect(client.status).toBe('reconnecting');
      vi.advanceTimersByTime(500);
      handshake(last());
      expect(last().sentOf('join')[0]!.resumeKey).toBe(5n);
      client.close();
    }
  });

  it('stops after KICKED and AUTH_FAILED', () => {
    const kicked = make();
    kicked.client.connect();
    handshake(last());
    last().receive({ type: 'goodbye', code: ErrorCode.KICKED, reason: 'be nice' });
    const details: string[] = [];
    kicked.client.on('status', (_s, d) => details.push(d));
    last().drop(1000);
    expect(kicked.client.status).toBe('kicked');
    expect(details).toEqual(['be nice']);
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);

    FakeWebSocket.instances = [];
    const refused = make();
    refused.client.connect();
    last().open();
    last().receive({ type: 'error', code: ErrorCode.AUTH_FAILED, message: 'token expired' });
    last().drop(1000); // the Goodbye was lost: the Error alone decides
    expect(refused.client.status).toBe('refused');
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('answers Join refusals with full or refused, without retrying', () => {
    const cases: [number, ConnectionStatus][] = [
      [ErrorCode.SPACE_FULL, 'full'], [ErrorCode.SPACE_NOT_FOUND, 'refused'], [ErrorCode.FORBIDDEN, 'refused'],
    ];
    for (const [code, status] of cases) {
      FakeWebSocket.instances = [];
      const { client } = make();
      client.connect();
      const ws = last();
      ws.open();
      ws.receive({ type: 'welcome', version: 1, serverTimeMs: T0, tickHz: 20, userId: USER, displayName: 'x', role: 'guest' });
      ws.receive({ type: 'error', code, message: 'no' });
      expect(client.status).toBe(status);
      expect(ws.closedByClient).not.toBeNull();
      vi.advanceTimersByTime(60_000);
      expect(FakeWebSocket.instances).toHaveLength(1);
    }
  });

  it('an Error after joining is only reported', () => {
    const { client, events } = make();
    client.connect();
    handshake(last());
    last().receive({ type: 'error', code: ErrorCode.OBJECT_HELD, message: 'held' });
    last().receive({ type: 'error', code: 99, message: 'new' });
    expect(client.status).toBe('online');
    expect(events).toEqual(['error 11 OBJECT_HELD', 'error 99 ERROR_99']);
  });

  it('reconnects after a malformed frame and ignores unknown types', () => {
    const { client, events } = make();
    client.connect();
    handshake(last());
    last().receiveRaw(new Uint8Array([1, 0x9f, 1, 2, 3]).buffer); // unknown type: ignored
    expect(client.status).toBe('online');
    last().receiveRaw(new Uint8Array([1, 0x85, 0]).buffer);       // Exit of entity 0: malformed
    expect(events).toEqual([`error ${ErrorCode.MALFORMED} MALFORMED`]);
    expect(client.status).toBe('reconnecting');
    expect(FakeWebSocket.instances[0]!.closedByClient).not.toBeNull();
  });

  it('close() sends Leave and never reconnects', () => {
    const { client } = make();
    client.connect();
    handshake(last());
    const ws = last();
    client.close();
    expect(ws.sent.at(-1)).toEqual({ type: 'leave' });
    expect(ws.closedByClient).toBe(1000);
    expect(client.status).toBe('closed');
    ws.drop();
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    client.connect();
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('waits for the browser to come online', () => {
    const win = new EventTarget();
    vi.stubGlobal('window', win);
    vi.stubGlobal('navigator', { onLine: true });
    const { client } = make();
    client.connect();
    handshake(last());
    vi.stubGlobal('navigator', { onLine: false });
    win.dispatchEvent(new Event('offline'));
    expect(client.status).toBe('online'); // an open socket may survive
    last().drop();
    expect(client.status).toBe('offline');
    vi.advanceTimersByTime(10_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    vi.stubGlobal('navigator', { onLine: true });
    win.dispatchEvent(new Event('online'));
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(client.status).toBe('reconnecting');
    handshake(last());
    expect(client.status).toBe('online');
    client.close();
  });
});

describe('twins', () => {
  it('emits TwinUpdates as parsed patches, only while joined, and skips non-objects', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { client } = make();
    const seen: string[] = [];
    client.on('twin', (u) => seen.push(`${u.twin} ${JSON.stringify(u.patch)} ${u.serverTimeMs}`));
    client.connect();
    const ws = last();
    ws.open();
    ws.receive({ type: 'twinUpdate', twin: 'early', json: '{}', serverTimeMs: T0 }); // before Joined: dropped
    handshake(ws);
    ws.receive({ type: 'twinUpdate', twin: 'pump-1', json: '{"reported":{"t":72.4}}', serverTimeMs: T0 });
    ws.receive({ type: 'twinUpdate', twin: 'pump-1', json: '[1]', serverTimeMs: T0 });
    ws.receive({ type: 'twinUpdate', twin: 'pump-1', json: 'not json', serverTimeMs: T0 });
    expect(seen).toEqual([`pump-1 {"reported":{"t":72.4}} ${T0}`]);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('sends TwinCommands with fresh request ids and resolves each with its TwinReply', async () => {
    const { client } = make();
    client.connect();
    handshake(last());
    const ws = last();
    const a = client.sendTwinCommand('pump-1', 'desired', 'setpoint', 70.5);
    const b = client.sendTwinCommand('pump-1', 'action', 'reset', undefined);
    const sent = ws.sentOf('twinCommand');
    expect(sent).toEqual([
      { type: 'twinCommand', requestId: 1, twin: 'pump-1', kind: 'desired', name: 'setpoint', json: '70.5' },
      { type: 'twinCommand', requestId: 2, twin: 'pump-1', kind: 'action', name: 'reset', json: 'null' },
    ]);
    ws.receive({ type: 'twinReply', requestId: 2, ok: false, code: 'twin:forbidden', message: 'no', json: 'null' });
    ws.receive({ type: 'twinReply', requestId: 1, ok: true, code: '', message: '', json: '70.5' });
    ws.receive({ type: 'twinReply', requestId: 99, ok: true, code: '', message: '', json: '1' }); // not ours: ignored
    await expect(a).resolves.toEqual({ requestId: 1, ok: true, code: '', message: '', value: 70.5 });
    await expect(b).resolves.toEqual({ requestId: 2, ok: false, code: 'twin:forbidden', message: 'no', value: null });
  });

  it('times out, fails on a lost connection, and refuses when not joined', async () => {
    const { client } = make();
    await expect(client.sendTwinCommand('t', 'action', 'a', null)).resolves.toMatchObject({ ok: false, code: 'client:not-connected' });
    client.connect();
    handshake(last());
    const slow = client.sendTwinCommand('t', 'action', 'a', null);
    vi.advanceTimersByTime(15_000);
    await expect(slow).resolves.toMatchObject({ ok: false, code: 'client:timeout' });
    const lost = client.sendTwinCommand('t', 'action', 'a', null);
    last().drop();
    await expect(lost).resolves.toMatchObject({ ok: false, code: 'client:disconnected' });
  });

  it('refuses values that cannot be sent', async () => {
    const { client } = make();
    client.connect();
    handshake(last());
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(client.sendTwinCommand('t', 'desired', 'p', cyclic)).resolves.toMatchObject({ code: 'client:invalid' });
    await expect(client.sendTwinCommand('t', 'desired', 'p', 'x'.repeat(9000))).resolves.toMatchObject({ code: 'client:invalid' });
    await expect(client.sendTwinCommand('', 'desired', 'p', 1)).resolves.toMatchObject({ code: 'client:invalid' });
    expect(last().sentOf('twinCommand')).toEqual([]);
  });
});

describe('helpers', () => {
  it('poseChanged ignores differences below wire precision', () => {
    expect(poseChanged(pose(1, 1), pose(1.0004, 1))).toBe(false);
    expect(poseChanged(pose(1, 1), pose(1.002, 1))).toBe(true);
    expect(poseChanged(pose(1, 1), pose(1, 1, { anim: 1 }))).toBe(true);
  });

  it('TokenBucket refills at its rate', () => {
    let now = 0;
    const b = new TokenBucket(2, 2, () => now);
    expect(b.take()).toBe(true);
    expect(b.take()).toBe(true);
    expect(b.take()).toBe(false);
    expect(b.waitMs()).toBe(500);
    now = 500;
    expect(b.take()).toBe(true);
  });
});
