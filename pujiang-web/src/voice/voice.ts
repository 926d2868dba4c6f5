// Proximity voice chat: peer-to-peer WebRTC audio with the avatars near us, signalled through the
// real-time connection (SpaceClient.voice / on('voice')), each voice placed in 3D by WebAudio.
//
// Who calls whom, the signalling decisions and the geometry live in voice-logic.ts (pure, tested in
// node); this file is the browser glue. No STUN/TURN servers by default: on a closed network host
// candidates are all there is. Pass `iceServers` for calls across NATs.

import { Limits, utf8Length } from '../net/codec';
import type { SpaceClient, VoiceKind } from '../net/types';
import {
  decideOfferer, DEFAULT_RADII, encodeSignal, headPosition, horizontalDistance, listenerOrientation, PANNER,
  parseSignal, planCalls, reactToSignal, type IceCandidate, type PeerPhase, type VoiceCandidate, type VoiceRadii,
} from './voice-logic';

export interface ProximityVoiceOptions {
  /** ICE servers (STUN/TURN); none by default. */
  iceServers?: RTCIceServer[];
  /** Call and hang-up distances, and the most calls at once. */
  radii?: Partial<VoiceRadii>;
  /** Replaceable browser APIs (tests, embedding). */
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  createAudioContext?: () => AudioContext;
}

/** How often the call plan is recomputed, ms. */
const PLAN_INTERVAL_MS = 500;
/** An offer with no answer for this long is given up. */
const OFFER_TIMEOUT_MS = 15_000;
/** After a peer declines or a call fails, wait this long before calling it again. */
const RETRY_AFTER_MS = 30_000;

interface PeerAudio {
  source: MediaStreamAudioSourceNode;
  gain: GainNode;
  panner: PannerNode;
  /** Chrome plays a remote WebRTC stream through WebAudio only while a media element also holds it. */
  element: HTMLAudioElement | null;
}

interface Peer {
  id: number;
  phase: PeerPhase;
  pc: RTCPeerConnection;
  remoteSet: boolean;
  pendingIce: IceCandidate[];
  /** Our candidates wait until our offer/answer is sent: the peer ignores ICE for a call it does not know. */
  outIce: string[] | null;
  audio: PeerAudio | null;
  offerTimer: ReturnType<typeof setTimeout> | null;
}

function microphoneError(e: unknown): Error {
  const name = e instanceof Error || (typeof e === 'object' && e !== null && 'name' in e) ? String((e as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new Error('Microphone access was denied. Allow it in the browser\'s site settings to use voice chat.');
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new Error('No microphone was found.');
    case 'NotReadableError':
    case 'AbortError':
      return new Error('The microphone could not be started (is another application using it?).');
    default:
      return new Error(`The microphone could not be opened${e instanceof Error && e.message ? `: ${e.message}` : '.'}`);
  }
}

export class ProximityVoice {
  private readonly client: SpaceClient;
  private readonly radii: VoiceRadii;
  private readonly iceServers: RTCIceServer[];
  private readonly getUserMediaImpl: ((c: MediaStreamConstraints) => Promise<MediaStream>) | undefined;
  private readonly createPc: (config: RTCConfiguration) => RTCPeerConnection;
  private readonly createCtx: () => AudioContext;

  private enabledFlag = false;
  private enabling: Promise<void> | null = null;
  private selfMutedFlag = false;
  private stream: MediaStream | null = null;
  private ctx: AudioContext | null = null;
  private readonly peerMap = new Map<number, Peer>();
  private readonly mutedPeers = new Set<number>();
  private readonly blockedUntil = new Map<number, number>();
  private readonly changeListeners = new Set<() => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private planTimer: ReturnType<typeof setInterval> | null = null;
  private frame: number | null = null;

  constructor(client: SpaceClient, opts: ProximityVoiceOptions = {}) {
    this.client = client;
    this.radii = { ...DEFAULT_RADII, ...opts.radii };
    this.iceServers = opts.iceServers ?? [];
    const md = (globalThis as { navigator?: Navigator }).navigator?.mediaDevices;
    this.getUserMediaImpl = opts.getUserMedia ?? (md?.getUserMedia ? (c) => md.getUserMedia(c) : undefined);
    this.createPc = opts.createPeerConnection ?? ((config) => new RTCPeerConnection(config));
    this.createCtx = opts.createAudioContext ?? (() => new AudioContext());
    // Signals are answered even while disabled (with a BYE), so that callers do not wait in vain.
    this.unsubscribe.push(
      client.on('voice', (from, kind, payload) => this.onSignal(from, kind, payload)),
      client.on('exit', (id) => { this.closePeer(id, false); this.mutedPeers.delete(id); this.blockedUntil.delete(id); }),
      client.on('joined', () => this.resetPeers()),   // a new connection: every id is new
      client.on('status', (s) => { if (s !== 'online') this.resetPeers(); }),
    );
  }

  get enabled(): boolean {
    return this.enabledFlag;
  }

  get selfMuted(): boolean {
    return this.selfMutedFlag;
  }

  /** Entity ids of the avatars we are in a call with (connecting or connected). */
  peers(): number[] {
    return Array.from(this.peerMap.keys()).sort((a, b) => a - b);
  }

  /** Whether the call with `entityId` has media flowing. */
  isConnected(entityId: number): boolean {
    return this.peerMap.get(entityId)?.phase === 'connected';
  }

  on(event: 'change', fn: () => void): () => void {
    if (event !== 'change') return () => {};
    this.changeListeners.add(fn);
    return () => { this.changeListeners.delete(fn); };
  }

  /** Asks for the microphone (only now) and starts calling people nearby. Rejects with a readable Error. */
  enable(): Promise<void> {
    if (this.enabledFlag) return Promise.resolve();
    if (this.enabling !== null) return this.enabling;
    this.enabling = this.start().finally(() => { this.enabling = null; });
    return this.enabling;
  }

  private async start(): Promise<void> {
    const gum = this.getUserMediaImpl;
    if (gum === undefined) {
      throw new Error('This browser cannot capture audio here: voice chat needs an HTTPS (or localhost) page.');
    }
    let stream: MediaStream;
    try {
      stream = await gum({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true }, video: false });
    } catch (e) {
      throw microphoneError(e);
    }
    let ctx: AudioContext;
    try {
      ctx = this.createCtx();
    } catch (e) {
      stream.getTracks().forEach((t) => t.stop());
      throw new Error(`Spatial audio is not available in this browser${e instanceof Error ? `: ${e.message}` : '.'}`);
    }
    // The page's click that called enable() lets the context run; resume() in case it started suspended.
    await ctx.resume().catch(() => undefined);
    this.stream = stream;
    this.ctx = ctx;
    for (const t of stream.getAudioTracks()) t.enabled = !this.selfMutedFlag;
    this.enabledFlag = true;
    this.planTimer = setInterval(() => this.plan(), PLAN_INTERVAL_MS);
    this.scheduleFrame();
    this.plan();
    this.emitChange();
  }

  /** Hangs up every call and releases the microphone. */
  disable(): void {
    if (!this.enabledFlag) return;
    this.enabledFlag = false;
    for (const id of Array.from(this.peerMap.keys())) this.closePeer(id, true);
    if (this.planTimer !== null) clearInterval(this.planTimer);
    this.planTimer = null;
    this.cancelFrame();
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
    void this.ctx?.close().catch(() => undefined);
    this.ctx = null;
    this.emitChange();
  }

  /** Disables voice and stops listening to the client. */
  dispose(): void {
    this.disable();
    for (const u of this.unsubscribe.splice(0)) u();
    this.changeListeners.clear();
  }

  setSelfMuted(muted: boolean): void {
    this.selfMutedFlag = muted;
    for (const t of this.stream?.getAudioTracks() ?? []) t.enabled = !muted;
    this.emitChange();
  }

  setPeerMuted(entityId: number, muted: boolean): void {
    if (muted) this.mutedPeers.add(entityId); else this.mutedPeers.delete(entityId);
    const audio = this.peerMap.get(entityId)?.audio;
    if (audio) audio.gain.gain.value = muted ? 0 : 1;
    this.emitChange();
  }

  isPeerMuted(entityId: number): boolean {
    return this.mutedPeers.has(entityId);
  }

  // ------------------------------------------------------------------ who to call

  private candidates(): VoiceCandidate[] {
    const out: VoiceCandidate[] = [];
    for (const e of this.client.entities()) {
      if (e.kind !== 'avatar' || e.userId === '') continue;
      const pose = this.client.poseAt(e.id);
      if (pose !== undefined) out.push({ id: e.id, userId: e.userId, pose });
    }
    return out;
  }

  private plan(): void {
    if (!this.enabledFlag || this.client.status !== 'online') return;
    const self = this.client.poseAt(this.client.selfId);
    const me = this.client.welcome?.userId ?? '';
    if (self === undefined || me === '') return;
    const now = Date.now();
    const active = new Set(this.peerMap.keys());
    const { call, hangUp } = planCalls(self, me, this.candidates(), active, (id) => (this.blockedUntil.get(id) ?? 0) > now, this.radii);
    for (const id of hangUp) this.closePeer(id, true);
    for (const id of call) void this.callPeer(id);
  }

  private inRange(id: number): boolean {
    const self = this.client.poseAt(this.client.selfId);
    const other = this.client.poseAt(id);
    return self !== undefined && other !== undefined && horizontalDistance(self, other) <= this.radii.hangUp;
  }

  // ------------------------------------------------------------------ signalling

  private send(id: number, kind: VoiceKind, payload: string): void {
    this.client.voice(id, kind, payload);
  }

  private onSignal(from: number, kind: VoiceKind, payload: string): void {
    const signal = parseSignal(kind, payload);
    if (signal === null) return;
    const info = this.client.entity(from);
    const me = this.client.welcome?.userId ?? '';
    const role = info !== undefined && info.kind === 'avatar' ? decideOfferer(me, info.userId) : null;
    const peer = this.peerMap.get(from);
    const action = reactToSignal(kind, peer?.phase, role, { enabled: this.enabledFlag, inRange: this.inRange(from) });
    switch (action) {
      case 'decline':
        this.send(from, 'bye', encodeSignal({ kind: 'bye', reason: this.enabledFlag ? 'unavailable' : 'voice is off' }));
        return;
      case 'accept-offer':
        if (signal.kind === 'offer') void this.answerPeer(from, signal.sdp);
        return;
      case 'apply-answer':
        if (signal.kind === 'answer' && peer !== undefined) void this.applyAnswer(peer, signal.sdp);
        return;
      case 'add-ice':
        if (signal.kind === 'ice' && signal.candidate !== null && peer !== undefined) this.addIce(peer, signal.candidate);
        return;
      case 'hang-up':
        this.closePeer(from, false);
        this.blockedUntil.set(from, Date.now() + RETRY_AFTER_MS);
        return;
      case 'ignore':
        return;
    }
  }

  private newPeer(id: number, phase: PeerPhase): Peer | null {
    const stream = this.stream;
    if (stream === null) return null;
    this.closePeer(id, false);
    const pc = this.createPc({ iceServers: this.iceServers });
    const peer: Peer = { id, phase, pc, remoteSet: false, pendingIce: [], outIce: [], audio: null, offerTimer: null };
    this.peerMap.set(id, peer);
    for (const track of stream.getAudioTracks()) pc.addTrack(track, stream);
    pc.onicecandidate = (ev) => {
      if (ev.candidate === null || this.peerMap.get(id) !== peer) return;
      const payload = encodeSignal({ kind: 'ice', candidate: ev.candidate.toJSON() as IceCandidate });
      if (peer.outIce !== null) peer.outIce.push(payload); else this.send(id, 'ice', payload);
    };
    pc.ontrack = (ev) => {
      if (this.peerMap.get(id) !== peer || peer.audio !== null) return;
      this.attachAudio(peer, ev.streams[0] ?? new MediaStream([ev.track]));
    };
    pc.onconnectionstatechange = () => {
      if (this.peerMap.get(id) !== peer) return;
      if (pc.connectionState === 'connected') {
        peer.phase = 'connected';
        this.emitChange();
      } else if (pc.connectionState === 'failed') {
        this.closePeer(id, true);
        this.blockedUntil.set(id, Date.now() + RETRY_AFTER_MS);
      }
    };
    this.emitChange();
    return peer;
  }

  private async callPeer(id: number): Promise<void> {
    const peer = this.newPeer(id, 'offering');
    if (peer === null) return;
    try {
      const offer = await peer.pc.createOffer();
      await peer.pc.setLocalDescription(offer);
      if (this.peerMap.get(id) !== peer) return;
      const payload = encodeSignal({ kind: 'offer', sdp: offer.sdp ?? '' });
      if (utf8Length(payload) > Limits.VOICE_PAYLOAD_BYTES) throw new Error('offer too large to signal');
      this.send(id, 'offer', payload);
      this.flushOutIce(peer);
      peer.offerTimer = setTimeout(() => {
        if (this.peerMap.get(id) === peer && peer.phase === 'offering') {
          this.closePeer(id, true);
          this.blockedUntil.set(id, Date.now() + RETRY_AFTER_MS);
        }
      }, OFFER_TIMEOUT_MS);
    } catch {
      this.failPeer(id, peer);
    }
  }

  private async answerPeer(id: number, sdp: string): Promise<void> {
    const peer = this.newPeer(id, 'answering');
    if (peer === null) return;
    try {
      await peer.pc.setRemoteDescription({ type: 'offer', sdp });
      peer.remoteSet = true;
      this.flushIce(peer);
      const answer = await peer.pc.createAnswer();
      await peer.pc.setLocalDescription(answer);
      if (this.peerMap.get(id) !== peer) return;
      const payload = encodeSignal({ kind: 'answer', sdp: answer.sdp ?? '' });
      if (utf8Length(payload) > Limits.VOICE_PAYLOAD_BYTES) throw new Error('answer too large to signal');
      this.send(id, 'answer', payload);
      this.flushOutIce(peer);
    } catch {
      this.failPeer(id, peer);
    }
  }

  private async applyAnswer(peer: Peer, sdp: string): Promise<void> {
    try {
      await peer.pc.setRemoteDescription({ type: 'answer', sdp });
      if (this.peerMap.get(peer.id) !== peer) return;
      peer.remoteSet = true;
      if (peer.offerTimer !== null) clearTimeout(peer.offerTimer);
      peer.offerTimer = null;
      this.flushIce(peer);
    } catch {
      this.failPeer(peer.id, peer);
    }
  }

  private addIce(peer: Peer, c: IceCandidate): void {
    if (!peer.remoteSet) {
      if (peer.pendingIce.length < 64) peer.pendingIce.push(c);
      return;
    }
    peer.pc.addIceCandidate(c).catch(() => undefined); // one bad candidate does not end the call
  }

  private flushIce(peer: Peer): void {
    for (const c of peer.pendingIce.splice(0)) peer.pc.addIceCandidate(c).catch(() => undefined);
  }

  private flushOutIce(peer: Peer): void {
    const queued = peer.outIce ?? [];
    peer.outIce = null;
    for (const payload of queued) this.send(peer.id, 'ice', payload);
  }

  private failPeer(id: number, peer: Peer): void {
    if (this.peerMap.get(id) !== peer) return;
    this.closePeer(id, true);
    this.blockedUntil.set(id, Date.now() + RETRY_AFTER_MS);
  }

  /** Ends a call; `sayBye` when the id is still valid and the peer should hear of it. */
  private closePeer(id: number, sayBye: boolean): void {
    const peer = this.peerMap.get(id);
    if (peer === undefined) return;
    this.peerMap.delete(id);
    if (peer.offerTimer !== null) clearTimeout(peer.offerTimer);
    peer.pc.onicecandidate = null;
    peer.pc.ontrack = null;
    peer.pc.onconnectionstatechange = null;
    try { peer.pc.close(); } catch { /* already closed */ }
    if (peer.audio !== null) {
      peer.audio.source.disconnect();
      peer.audio.gain.disconnect();
      peer.audio.panner.disconnect();
      if (peer.audio.element !== null) peer.audio.element.srcObject = null;
    }
    if (sayBye && this.client.status === 'online') this.send(id, 'bye', encodeSignal({ kind: 'bye', reason: 'hang up' }));
    this.emitChange();
  }

  private resetPeers(): void {
    for (const id of Array.from(this.peerMap.keys())) this.closePeer(id, false);
    this.mutedPeers.clear();
    this.blockedUntil.clear();
  }

  // ------------------------------------------------------------------ spatial audio

  private attachAudio(peer: Peer, stream: MediaStream): void {
    const ctx = this.ctx;
    if (ctx === null) return;
    let element: HTMLAudioElement | null = null;
    if (typeof Audio === 'function') {
      element = new Audio();
      element.muted = true;
      element.srcObject = stream;
      void element.play().catch(() => undefined);
    }
    const source = ctx.createMediaStreamSource(stream);
    const gain = ctx.createGain();
    gain.gain.value = this.mutedPeers.has(peer.id) ? 0 : 1;
    const panner = ctx.createPanner();
    panner.panningModel = PANNER.panningModel;
    panner.distanceModel = PANNER.distanceModel;
    panner.refDistance = PANNER.refDistance;
    panner.maxDistance = this.radii.hangUp;
    panner.rolloffFactor = PANNER.rolloffFactor;
    source.connect(gain).connect(panner).connect(ctx.destination);
    peer.audio = { source, gain, panner, element };
  }

  private scheduleFrame(): void {
    const raf = (globalThis as { requestAnimationFrame?: (cb: FrameRequestCallback) => number }).requestAnimationFrame;
    if (raf === undefined) {
      this.frame = setTimeout(() => this.onFrame(), 50) as unknown as number;
      return;
    }
    this.frame = raf(() => this.onFrame());
  }

  private cancelFrame(): void {
    if (this.frame === null) return;
    const caf = (globalThis as { cancelAnimationFrame?: (h: number) => void }).cancelAnimationFrame;
    if (caf !== undefined) caf(this.frame); else clearTimeout(this.frame as unknown as ReturnType<typeof setTimeout>);
    this.frame = null;
  }

  /** Each animation frame: the listener follows our avatar, each panner its speaker. */
  private onFrame(): void {
    this.frame = null;
    if (!this.enabledFlag || this.ctx === null) return;
    const ctx = this.ctx;
    const self = this.client.poseAt(this.client.selfId);
    if (self !== undefined) {
      const [x, y, z] = headPosition(self);
      const { forward, up } = listenerOrientation(self.yaw, self.pitch);
      const l = ctx.listener;
      if (l.positionX !== undefined) {
        l.positionX.value = x; l.positionY.value = y; l.positionZ.value = z;
        l.forwardX.value = forward[0]; l.forwardY.value = forward[1]; l.forwardZ.value = forward[2];
        l.upX.value = up[0]; l.upY.value = up[1]; l.upZ.value = up[2];
      } else {
        l.setPosition(x, y, z);
        l.setOrientation(forward[0], forward[1], forward[2], up[0], up[1], up[2]);
      }
    }
    for (const peer of this.peerMap.values()) {
      const pose = peer.audio === null ? undefined : this.client.poseAt(peer.id);
      if (peer.audio === null || pose === undefined) continue;
      const [x, y, z] = headPosition(pose);
      const p = peer.audio.panner;
      if (p.positionX !== undefined) {
        p.positionX.value = x; p.positionY.value = y; p.positionZ.value = z;
      } else {
        p.setPosition(x, y, z);
      }
    }
    this.scheduleFrame();
  }

  private emitChange(): void {
    for (const fn of Array.from(this.changeListeners)) {
      try {
        fn();
      } catch (e) {
        console.error('ProximityVoice change listener failed', e);
      }
    }
  }
}
