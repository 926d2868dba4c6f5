// The pure parts of proximity voice: who calls whom, how signalling messages are read and answered,
// and the geometry that places voices around the listener. No WebRTC or WebAudio here, so that all of
// it runs in node tests; voice.ts is the glue.

import type { Pose, VoiceKind } from '../net/types';

export interface VoiceRadii {
  /** Call avatars nearer than this (m). */
  call: number;
  /** Hang up beyond this (m); larger than `call`, so that people at the edge are not redialled. */
  hangUp: number;
  /** Most calls at once (each is a peer connection: a mesh does not scale beyond a handful). */
  maxPeers: number;
}

export const DEFAULT_RADII: VoiceRadii = { call: 15, hangUp: 20, maxPeers: 8 };

/** Someone who could be called: an avatar in view. */
export interface VoiceCandidate {
  id: number;
  userId: string;
  pose: Pose;
}

/**
 * Exactly one side of a pair makes the offer: the one whose user id sorts first. Both sides know both
 * user ids (Welcome and Enter), and, unlike entity ids, user ids are the same in both views. The same
 * user twice (two tabs) is never connected: it would only echo.
 */
export function decideOfferer(selfUserId: string, peerUserId: string): 'self' | 'peer' | null {
  if (selfUserId === '' || peerUserId === '' || selfUserId === peerUserId) return null;
  return selfUserId < peerUserId ? 'self' : 'peer';
}

export function horizontalDistance(a: Pose, b: Pose): number {
  return Math.hypot(a.x - b.x, a.z - b.z);
}

export interface CallPlan {
  /** Peers to call now (we are their offerer), nearest first. */
  call: number[];
  /** Active peers to hang up (too far, or gone). */
  hangUp: number[];
}

/**
 * Which calls to start and end, given our pose, the avatars in view, the calls we have, and peers we
 * must not call now (they declined or failed recently).
 */
export function planCalls(
  self: Pose,
  selfUserId: string,
  candidates: readonly VoiceCandidate[],
  active: ReadonlySet<number>,
  isBlocked: (id: number) => boolean,
  radii: VoiceRadii = DEFAULT_RADII,
): CallPlan {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const hangUp: number[] = [];
  for (const id of active) {
    const c = byId.get(id);
    if (c === undefined || horizontalDistance(self, c.pose) > radii.hangUp) hangUp.push(id);
  }
  const room = radii.maxPeers - (active.size - hangUp.length);
  const call = candidates
    .filter((c) => !active.has(c.id) && !isBlocked(c.id) && decideOfferer(selfUserId, c.userId) === 'self')
    .map((c) => ({ id: c.id, d: horizontalDistance(self, c.pose) }))
    .filter((c) => c.d <= radii.call)
    .sort((a, b) => a.d - b.d || a.id - b.id)
    .slice(0, Math.max(0, room))
    .map((c) => c.id);
  return { call, hangUp };
}

// ---------------------------------------------------------------- signalling payloads

export type SignalPayload =
  | { kind: 'offer' | 'answer'; sdp: string }
  | { kind: 'ice'; candidate: IceCandidate | null }
  | { kind: 'bye'; reason: string };

/** RTCIceCandidateInit, as sent on the wire (null candidate = end of candidates). */
export interface IceCandidate {
  candidate: string;
  sdpMid: string | null;
  sdpMLineIndex: number | null;
  usernameFragment: string | null;
}

/** The JSON payload of a VoiceSignal for `kind`. */
export function encodeSignal(p: SignalPayload): string {
  switch (p.kind) {
    case 'offer':
    case 'answer':
      return JSON.stringify({ type: p.kind, sdp: p.sdp });
    case 'ice':
      return JSON.stringify(p.candidate);
    case 'bye':
      return JSON.stringify({ reason: p.reason });
  }
}

/** Reads a VoiceRelay payload; null when it is not what `kind` needs (it is then ignored). */
export function parseSignal(kind: VoiceKind, payload: string): SignalPayload | null {
  let v: unknown;
  try {
    v = JSON.parse(payload);
  } catch {
    return kind === 'bye' ? { kind: 'bye', reason: '' } : null; // a bare BYE still ends the call
  }
  const o = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  switch (kind) {
    case 'offer':
    case 'answer':
      if (o === null || o['type'] !== kind || typeof o['sdp'] !== 'string' || o['sdp'] === '') return null;
      return { kind, sdp: o['sdp'] };
    case 'ice': {
      if (v === null) return { kind: 'ice', candidate: null };
      if (o === null || typeof o['candidate'] !== 'string') return null;
      const mid = o['sdpMid'];
      const index = o['sdpMLineIndex'];
      const ufrag = o['usernameFragment'];
      return {
        kind: 'ice',
        candidate: {
          candidate: o['candidate'],
          sdpMid: typeof mid === 'string' ? mid : null,
          sdpMLineIndex: typeof index === 'number' && Number.isInteger(index) && index >= 0 ? index : null,
          usernameFragment: typeof ufrag === 'string' ? ufrag : null,
        },
      };
    }
    case 'bye':
      return { kind: 'bye', reason: o !== null && typeof o['reason'] === 'string' ? o['reason'] : '' };
  }
}

// ---------------------------------------------------------------- the signalling state machine

/** Where a call stands: we sent an offer; we got one and answered; media flows. */
export type PeerPhase = 'offering' | 'answering' | 'connected';

export type SignalAction =
  | 'accept-offer'   // make (or remake) the connection as the answerer and send an ANSWER
  | 'decline'        // send BYE: we do not take this call
  | 'apply-answer'   // set the remote description of our offer
  | 'add-ice'        // add the candidate (queued until the remote description is set)
  | 'hang-up'        // close the connection (the peer ended it)
  | 'ignore';

/** What to do with an incoming signal. Pure; the glue carries the action out. */
export function reactToSignal(
  kind: VoiceKind,
  phase: PeerPhase | undefined,
  role: 'self' | 'peer' | null,
  ctx: { enabled: boolean; inRange: boolean },
): SignalAction {
  if (!ctx.enabled) return kind === 'offer' ? 'decline' : 'ignore';
  switch (kind) {
    case 'offer':
      if (role === null || !ctx.inRange) return 'decline';
      if (role === 'self' && phase === 'offering') return 'ignore'; // both offered: ours wins, the peer answers it
      return 'accept-offer';
    case 'answer':
      return phase === 'offering' ? 'apply-answer' : 'ignore';
    case 'ice':
      return phase === undefined ? 'ignore' : 'add-ice';
    case 'bye':
      return phase === undefined ? 'ignore' : 'hang-up';
  }
}

// ---------------------------------------------------------------- spatial audio geometry

export type Vec3 = [number, number, number];

/** Height of the mouth and ears above an avatar's position (its feet), m. */
export const HEAD_HEIGHT = 1.6;

/** Where a voice comes from / the listener stands: the avatar's head. */
export function headPosition(p: Pose): Vec3 {
  return [p.x, p.y + HEAD_HEIGHT, p.z];
}

/**
 * The listener's forward and up vectors for a yaw and pitch. Yaw 0 faces −Z and positive yaw turns
 * towards −X (the Three.js convention, as in the scene documents); positive pitch looks up.
 */
export function listenerOrientation(yaw: number, pitch: number): { forward: Vec3; up: Vec3 } {
  const cp = Math.cos(pitch);
  const sp = Math.sin(pitch);
  const sy = Math.sin(yaw);
  const cy = Math.cos(yaw);
  return {
    forward: [-sy * cp, sp, -cy * cp],
    up: [sy * sp, cp, cy * sp],
  };
}

/** Panner settings: full volume within 1 m, then 1/distance-like fall-off (inverse model), silent past maxDistance. */
export const PANNER = {
  panningModel: 'HRTF',
  distanceModel: 'inverse',
  refDistance: 1,
  maxDistance: DEFAULT_RADII.hangUp,
  rolloffFactor: 1,
} as const;

/** The gain the inverse distance model gives at distance d (what the PannerNode computes). */
export function inverseDistanceGain(d: number, ref = PANNER.refDistance, rolloff = PANNER.rolloffFactor, max = PANNER.maxDistance): number {
  const dc = Math.min(Math.max(d, ref), max);
  return ref / (ref + rolloff * (dc - ref));
}
