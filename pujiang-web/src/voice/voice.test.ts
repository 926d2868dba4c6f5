import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  ConnectionStatus, EntityInfo, JoinedInfo, Pose, SpaceClient, SpaceClientEvents, TwinReplyInfo, VoiceKind, WelcomeInfo,
} from '../net/types';
import { ProximityVoice } from './voice';
import {
  decideOfferer, encodeSignal, headPosition, inverseDistanceGain, listenerOrientation, parseSignal, planCalls,
  reactToSignal, type VoiceCandidate,
} from './voice-logic';

function pose(x: number, z: number, extra: Partial<Pose> = {}): Pose {
  return { x, y: 0, z, yaw: 0, pitch: 0, vx: 0, vy: 0, vz: 0, anim: 0, ...extra };
}

describe('who calls whom', () => {
  it('the smaller user id offers; the same user never calls itself', () => {
    expect(decideOfferer('0196a', '0196b')).toBe('self');
    expect(decideOfferer('0196b', '0196a')).toBe('peer');
    expect(decideOfferer('u', 'u')).toBeNull();
    expect(decideOfferer('', 'u')).toBeNull();
  });

  it('calls avatars within 15 m, nearest first, and hangs up beyond 20 m', () => {
    const me = 'b';
    const cands: VoiceCandidate[] = [
      { id: 2, userId: 'c', pose: pose(10, 0) },   // 10 m: call
      { id: 3, userId: 'd', pose: pose(3, 4) },    // 5 m: call first
      { id: 4, userId: 'a', pose: pose(1, 0) },    // near, but 'a' < 'b': they call us
      { id: 5, userId: 'e', pose: pose(16, 0) },   // 16 m: not yet
      { id: 6, userId: 'f', pose: pose(0, 18) },   // active at 18 m: keep (hysteresis)
      { id: 7, userId: 'g', pose: pose(21, 0) },   // active at 21 m: hang up
      { id: 9, userId: 'h', pose: pose(2, 0) },    // blocked (declined recently)
    ];
    const plan = planCalls(pose(0, 0), me, cands, new Set([6, 7, 8]), (id) => id === 9);
    expect(plan.call).toEqual([3, 2]);
    expect(plan.hangUp.sort()).toEqual([7, 8]); // 8 is no longer in view
  });

  it('uses horizontal distance and caps the number of calls', () => {
    const cands: VoiceCandidate[] = [1, 2, 3, 4].map((i) => ({ id: i, userId: `u${i}`, pose: pose(i, 0, { y: 30 }) }));
    const plan = planCalls(pose(0, 0), 'a', cands, new Set([9]), () => false, { call: 15, hangUp: 20, maxPeers: 3 });
    expect(plan.hangUp).toEqual([9]);
    expect(plan.call).toEqual([1, 2, 3]);
  });
});

describe('signalling', () => {
  it('encodes and parses payloads as JSON', () => {
    expect(parseSignal('offer', encodeSignal({ kind: 'offer', sdp: 'v=0\r\n' }))).toEqual({ kind: 'offer', sdp: 'v=0\r\n' });
    expect(parseSignal('answer', encodeSignal({ kind: 'answer', sdp: 'v=0' }))).toEqual({ kind: 'answer', sdp: 'v=0' });
    const c = { candidate: 'candidate:1 1 udp 2122260223 192.168.1.2 54400 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'ab' };
    expect(parseSignal('ice', encodeSignal({ kind: 'ice', candidate: c }))).toEqual({ kind: 'ice', candidate: c });
    expect(parseSignal('ice', 'null')).toEqual({ kind: 'ice', candidate: null });
    expect(parseSignal('bye', encodeSignal({ kind: 'bye', reason: 'hang up' }))).toEqual({ kind: 'bye', reason: 'hang up' });
    expect(parseSignal('bye', 'not json')).toEqual({ kind: 'bye', reason: '' });
  });

  it('ignores payloads of the wrong shape', () => {
    expect(parseSignal('offer', '{"type":"answer","sdp":"x"}')).toBeNull();
    expect(parseSignal('offer', '{"type":"offer"}')).toBeNull();
    expect(parseSignal('answer', '[1]')).toBeNull();
    expect(parseSignal('ice', '{"candidate":5}')).toBeNull();
    expect(parseSignal('offer', '{')).toBeNull();
    expect(parseSignal('ice', '{"candidate":"c","sdpMLineIndex":-1}')).toEqual({
      kind: 'ice', candidate: { candidate: 'c', sdpMid: null, sdpMLineIndex: null, usernameFragment: null },
    });
  });

  it('decides what an incoming signal does', () => {
    const on = { enabled: true, inRange: true };
    expect(reactToSignal('offer', undefined, 'peer', on)).toBe('accept-offer');
    expect(reactToSignal('offer', 'connected', 'peer', on)).toBe('accept-offer'); // renegotiation / restart
    expect(reactToSignal('offer', 'offering', 'self', on)).toBe('ignore');        // glare: our offer wins
    expect(reactToSignal('offer', undefined, null, on)).toBe('decline');
    expect(reactToSignal('offer', undefined, 'peer', { enabled: true, inRange: false })).toBe('decline');
    expect(reactToSignal('offer', undefined, 'peer', { enabled: false, inRange: true })).toBe('decline');
    expect(reactToSignal('answer', 'offering', 'self', on)).toBe('apply-answer');
    expect(reactToSignal('answer', 'connected', 'self', on)).toBe('ignore');
    expect(reactToSignal('ice', 'answering', 'peer', on)).toBe('add-ice');
    expect(reactToSignal('ice', undefined, 'peer', on)).toBe('ignore');
    expect(reactToSignal('bye', 'connected', 'peer', on)).toBe('hang-up');
    expect(reactToSignal('bye', undefined, 'peer', on)).toBe('ignore');
    expect(reactToSignal('ice', 'connected', 'peer', { enabled: false, inRange: true })).toBe('ignore');
  });
});

describe('spatial audio geometry', () => {
  it('faces −Z at yaw 0 and turns towards −X for positive yaw', () => {
    const o = listenerOrientation(0, 0);
    expect(o.forward[0]).toBeCloseTo(0, 12);
    expect(o.forward[2]).toBeCloseTo(-1, 12);
    expect(o.up).toEqual([0, 1, 0]);
    const left = listenerOrientation(Math.PI / 2, 0);
    expect(left.forward[0]).toBeCloseTo(-1, 12);
    expect(left.forward[2]).toBeCloseTo(0, 12);
  });

  it('tilts forward and up together with pitch, keeping them perpendicular', () => {
    for (const [yaw, pitch] of [[0.3, 0.5], [2, -0.7], [5, 1.2]] as const) {
      const { forward: f, up: u } = listenerOrientation(yaw, pitch);
      expect(f[0] * u[0] + f[1] * u[1] + f[2] * u[2]).toBeCloseTo(0, 12);
      expect(Math.hypot(...f)).toBeCloseTo(1, 12);
      expect(Math.hypot(...u)).toBeCloseTo(1, 12);
      expect(f[1]).toBeCloseTo(Math.sin(pitch), 12);
    }
  });

  it('places voices at head height and falls off inversely with distance', () => {
    expect(headPosition(pose(1, 2, { y: 0.5 }))).toEqual([1, 2.1, 2]);
    expect(inverseDistanceGain(0.5)).toBe(1);
    expect(inverseDistanceGain(1)).toBe(1);
    expect(inverseDistanceGain(4)).toBeCloseTo(0.25, 12);
    expect(inverseDistanceGain(10)).toBeCloseTo(0.1, 12);
    expect(inverseDistanceGain(50)).toBeCloseTo(0.05, 12); // held at maxDistance (20 m)
  });
});

// ---------------------------------------------------------------- two ProximityVoice instances, fake browser APIs

type Handler = (...args: never[]) => void;

class FakeClient implements SpaceClient {
  status: ConnectionStatus = 'online';
  readonly spaceId = 's';
  selfId: number;
  welcome: WelcomeInfo;
  joined: JoinedInfo | null = null;
  peer: FakeClient | null = null;
  /** This client's view: entity id → (info, pose). */
  readonly view = new Map<number, { info: EntityInfo; pose: Pose }>();
  selfPose: Pose = pose(0, 0);
  readonly sent: { to: number; kind: VoiceKind; payload: string }[] = [];
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(userId: string, selfId: number) {
    this.welcome = { userId, displayName: userId, role: 'member', tickHz: 20 };
    this.selfId = selfId;
  }

  connect(): void {}
  close(): void {}
  on<E extends keyof SpaceClientEvents>(event: E, fn: SpaceClientEvents[E]): () => void {
    const set = this.handlers.get(event) ?? new Set<Handler>();
    this.handlers.set(event, set);
    set.add(fn as unknown as Handler);
    return () => set.delete(fn as unknown as Handler);
  }
  fire<E extends keyof SpaceClientEvents>(event: E, ...args: Parameters<SpaceClientEvents[E]>): void {
    for (const fn of this.handlers.get(event) ?? []) (fn as unknown as (...a: Parameters<SpaceClientEvents[E]>) => void)(...args);
  }
  entities(): EntityInfo[] { return Array.from(this.view.values(), (v) => v.info); }
  entity(id: number): EntityInfo | undefined { return this.view.get(id)?.info; }
  poseAt(id: number): Pose | undefined { return id === this.selfId ? this.selfPose : this.view.get(id)?.pose; }
  serverNow(): number { return 0; }
  setSelf(): void {}
  chat(): void {}
  emote(): void {}
  grab(): void {}
  moveObject(): void {}
  release(): void {}
  moderate(): void {}
  sendTwinCommand(): Promise<TwinReplyInfo> {
    return Promise.resolve({ requestId: 0, ok: false, code: 'client:not-connected', message: '', value: null });
  }
  voice(toId: number, kind: VoiceKind, payload: string): void {
    this.sent.push({ to: toId, kind, payload });
    // the server relays it under the sender's id in the receiver's view
    const peer = this.peer;
    if (peer === null) return;
    const fromId = Array.from(peer.view.values()).find((v) => v.info.userId === this.welcome.userId)?.info.id;
    if (fromId !== undefined) queueMicrotask(() => peer.fire('voice', fromId, kind, payload));
  }
}

class FakeTrack { enabled = true; stopped = false; stop(): void { this.stopped = true; } }
class FakeStream {
  readonly track = new FakeTrack();
  getAudioTracks(): FakeTrack[] { return [this.track]; }
  getTracks(): FakeTrack[] { return [this.track]; }
}

class FakePc {
  static all: FakePc[] = [];
  connectionState = 'new';
  local: { type: string; sdp: string } | null = null;
  remote: { type: string; sdp: string } | null = null;
  readonly ice: unknown[] = [];
  closed = false;
  onicecandidate: ((ev: { candidate: { toJSON(): unknown } | null }) => void) | null = null;
  ontrack: ((ev: { streams: unknown[]; track: unknown }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  constructor(readonly config: RTCConfiguration) { FakePc.all.push(this); }
  addTrack(): void {}
  async createOffer() { return { type: 'offer', sdp: 'v=0 offer' }; }
  async createAnswer() { return { type: 'answer', sdp: 'v=0 answer' }; }
  async setLocalDescription(d: { type: string; sdp: string }) {
    this.local = d;
    queueMicrotask(() => this.onicecandidate?.({ candidate: { toJSON: () => ({ candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' }) } }));
    this.check();
  }
  async setRemoteDescription(d: { type: string; sdp: string }) { this.remote = d; this.check(); }
  async addIceCandidate(c: unknown) { this.ice.push(c); }
  close(): void { this.closed = true; this.connectionState = 'closed'; }
  private check(): void {
    if (this.local !== null && this.remote !== null && this.connectionState === 'new') {
      this.connectionState = 'connected';
      this.ontrack?.({ streams: [new FakeStream()], track: {} });
      this.onconnectionstatechange?.();
    }
  }
}

class FakeParam { value = 0; }
class FakeNode {
  readonly gain = new FakeParam();
  readonly positionX = new FakeParam(); readonly positionY = new FakeParam(); readonly positionZ = new FakeParam();
  panningModel = ''; distanceModel = ''; refDistance = 0; maxDistance = 0; rolloffFactor = 0;
  connect(n: FakeNode): FakeNode { return n; }
  disconnect(): void {}
}
class FakeAudioContext {
  static last: FakeAudioContext | null = null;
  readonly destination = new FakeNode();
  readonly panners: FakeNode[] = [];
  readonly listener = {
    positionX: new FakeParam(), positionY: new FakeParam(), positionZ: new FakeParam(),
    forwardX: new FakeParam(), forwardY: new FakeParam(), forwardZ: new FakeParam(),
    upX: new FakeParam(), upY: new FakeParam(), upZ: new FakeParam(),
  };
  closed = false;
  constructor() { FakeAudioContext.last = this; }
  async resume() {}
  async close() { this.closed = true; }
  createMediaStreamSource(): FakeNode { return new FakeNode(); }
  createGain(): FakeNode { return new FakeNode(); }
  createPanner(): FakeNode { const p = new FakeNode(); this.panners.push(p); return p; }
}

function makeVoice(client: FakeClient, gum?: () => Promise<unknown>): ProximityVoice {
  return new ProximityVoice(client, {
    getUserMedia: (gum ?? (async () => new FakeStream())) as unknown as (c: MediaStreamConstraints) => Promise<MediaStream>,
    createPeerConnection: (config) => new FakePc(config) as unknown as RTCPeerConnection,
    createAudioContext: () => new FakeAudioContext() as unknown as AudioContext,
  });
}

/** Alice (user "a", self id 1 in her view) and Bob ("b", self id 1 in his), seeing each other as id 2 and 3. */
function pair(distance: number) {
  const alice = new FakeClient('a', 1);
  const bob = new FakeClient('b', 1);
  alice.peer = bob;
  bob.peer = alice;
  alice.view.set(2, { info: { id: 2, kind: 'avatar', name: 'Bob', userId: 'b', holderId: 0 }, pose: pose(distance, 0) });
  bob.selfPose = pose(distance, 0);
  bob.view.set(3, { info: { id: 3, kind: 'avatar', name: 'Alice', userId: 'a', holderId: 0 }, pose: pose(0, 0) });
  return { alice, bob };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('ProximityVoice', () => {
  beforeEach(() => { FakePc.all = []; vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('rejects with a clear error when the microphone is denied, and asks only on enable()', async () => {
    const c = new FakeClient('a', 1);
    let asked = 0;
    const v = makeVoice(c, async () => { asked++; throw Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' }); });
    expect(asked).toBe(0);
    await expect(v.enable()).rejects.toThrow(/Microphone access was denied/);
    expect(asked).toBe(1);
    expect(v.enabled).toBe(false);
    const none = makeVoice(c, async () => { throw Object.assign(new Error('x'), { name: 'NotFoundError' }); });
    await expect(none.enable()).rejects.toThrow('No microphone was found.');
  });

  it('connects two people in range: the smaller user id offers, the other answers', async () => {
    const { alice, bob } = pair(5);
    const va = makeVoice(alice);
    const vb = makeVoice(bob);
    await vb.enable();
    expect(bob.sent).toEqual([]); // Bob ("b") waits for Alice ("a") to call
    await va.enable();
    await settle();
    expect(alice.sent.map((s) => s.kind)).toEqual(['offer', 'ice']);
    expect(bob.sent.map((s) => s.kind)).toEqual(['answer', 'ice']);
    expect(va.peers()).toEqual([2]);
    expect(vb.peers()).toEqual([3]);
    expect(va.isConnected(2)).toBe(true);
    expect(vb.isConnected(3)).toBe(true);
    expect(FakePc.all.every((pc) => pc.config.iceServers?.length === 0)).toBe(true); // host candidates only
    expect(FakePc.all.every((pc) => pc.ice.length === 1)).toBe(true);
  });

  it('places the remote voice with a panner that follows the speaker each frame', async () => {
    const { alice, bob } = pair(5);
    const va = makeVoice(alice);
    const vb = makeVoice(bob);
    await vb.enable();
    const ctxB = FakeAudioContext.last!;
    await va.enable();
    await settle();
    expect(ctxB.panners).toHaveLength(1);
    const panner = ctxB.panners[0]!;
    expect(panner.panningModel).toBe('HRTF');
    expect(panner.distanceModel).toBe('inverse');
    bob.view.get(3)!.pose = pose(2, -1);
    bob.selfPose = pose(5, 0, { yaw: Math.PI / 2 });
    vi.advanceTimersByTime(60);
    expect([panner.positionX.value, panner.positionY.value, panner.positionZ.value]).toEqual([2, 1.6, -1]);
    expect(ctxB.listener.positionX.value).toBe(5);
    expect(ctxB.listener.forwardX.value).toBeCloseTo(-1, 12);
    vb.setPeerMuted(3, true);
    expect(vb.isPeerMuted(3)).toBe(true);
    expect(panner.gain.value).toBe(0); // FakeNode stands for the gain node too
  });

  it('does not call people out of range, and hangs up with BYE when they walk away', async () => {
    const { alice, bob } = pair(16);
    const va = makeVoice(alice);
    const vb = makeVoice(bob);
    await vb.enable();
    await va.enable();
    await settle();
    expect(alice.sent).toEqual([]);
    alice.view.get(2)!.pose = pose(10, 0);
    bob.selfPose = pose(10, 0);
    vi.advanceTimersByTime(500);
    await settle();
    expect(va.peers()).toEqual([2]);
    alice.view.get(2)!.pose = pose(25, 0);
    bob.selfPose = pose(25, 0);
    vi.advanceTimersByTime(500);
    await settle();
    expect(va.peers()).toEqual([]);
    expect(alice.sent.at(-1)!.kind).toBe('bye');
    expect(vb.peers()).toEqual([]);
  });

  it('a peer with voice off declines, and is not redialled at once', async () => {
    const { alice, bob } = pair(5);
    const va = makeVoice(alice);
    makeVoice(bob); // constructed, not enabled
    await va.enable();
    await settle();
    expect(bob.sent.map((s) => s.kind)).toEqual(['bye']);
    expect(va.peers()).toEqual([]);
    vi.advanceTimersByTime(5000);
    await settle();
    expect(alice.sent.filter((s) => s.kind === 'offer')).toHaveLength(1);
  });

  it('closes the call without BYE when the peer exits, and everything on disable()', async () => {
    const { alice, bob } = pair(5);
    const va = makeVoice(alice);
    const vb = makeVoice(bob);
    let changes = 0;
    va.on('change', () => changes++);
    await vb.enable();
    await va.enable();
    await settle();
    alice.view.delete(2);
    alice.fire('exit', 2);
    expect(va.peers()).toEqual([]);
    expect(alice.sent.some((s) => s.kind === 'bye')).toBe(false);
    va.setSelfMuted(true);
    expect(va.selfMuted).toBe(true);
    va.disable();
    expect(va.enabled).toBe(false);
    expect(changes).toBeGreaterThan(3);
    vb.disable();
    expect(FakePc.all.every((pc) => pc.closed)).toBe(true);
  });
});
