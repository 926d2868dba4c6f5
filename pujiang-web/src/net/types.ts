// The contract between the network layer (src/net, src/api) and the UI (src/ui, src/scene, …).
// The UI imports only from this file, src/net/client.ts (createSpaceClient) and src/api/rest.ts.

/** What the connection is doing, as the UI shows it. */
export type ConnectionStatus =
  | 'idle'          // not started
  | 'connecting'    // first connect: socket, Hello, Join in progress
  | 'online'        // Joined; states flow
  | 'reconnecting'  // lost the socket (or SHUTTING_DOWN / TOO_SLOW); retrying with backoff, will resume the avatar
  | 'offline'       // browser is offline (navigator.onLine false) or retries exhausted for now; keeps retrying slowly
  | 'full'          // Join refused with SPACE_FULL (no automatic retry)
  | 'kicked'        // Goodbye KICKED (no automatic retry)
  | 'refused'       // Join refused: NOT_FOUND / FORBIDDEN (private space) / AUTH_FAILED (no automatic retry)
  | 'closed';       // close() was called

export type EntityKind = 'avatar' | 'agent' | 'object';
export type ChatScope = 'space' | 'nearby' | 'direct';
export type VoiceKind = 'offer' | 'answer' | 'ice' | 'bye';
export type ModerationAction = 'mute' | 'unmute' | 'kick';
/** What a TwinCommand asks: set a desired property, or invoke an action. */
export type TwinCommandKind = 'desired' | 'action';

/** Animation states this client sends and draws (Input.anim); other values are drawn as idle. */
export const Anim = { IDLE: 0, WALK: 1, RUN: 2, GESTURE: 3 } as const;

export interface Bounds { minX: number; minY: number; minZ: number; maxX: number; maxY: number; maxZ: number }

export interface WelcomeInfo { userId: string; displayName: string; role: string; tickHz: number }

export interface JoinedInfo {
  spaceId: string;
  spaceName: string;
  selfId: number;
  bounds: Bounds;
  capacity: number;
  interestRadius: number;
}

/** One entity in view, as last known (not interpolated). */
export interface EntityInfo {
  id: number;            // this client's local id
  kind: EntityKind;
  name: string;
  userId: string;        // '' for objects and agents
  holderId: number;      // for objects: the local id of the avatar holding it, 0 when free or holder unseen
}

/** An interpolated pose at a render time. */
export interface Pose {
  x: number; y: number; z: number;
  yaw: number; pitch: number;
  vx: number; vy: number; vz: number;
  anim: number;
}

export interface ChatLine {
  fromId: number;        // 0 when the sender is not in view
  fromName: string;
  scope: ChatScope;
  text: string;
  serverTimeMs: number;
  self: boolean;         // sent by this client
}

export interface PresenceEntry { userId: string; displayName: string; role: string }

/** One timed word of a Say: UTF-16 units [start, end) of its text, spoken atMs after the speech starts. */
export interface SayWord { start: number; end: number; atMs: number }

/**
 * A line spoken by a digital human (agent), with cues for showing it. `from` is the agent's local id, 0
 * when it is not in view. `lang` ('zh-CN', 'en', …), `gesture` (greet, point, explain, nod, bow, shrug,
 * think), `expression` (neutral, smile, attentive, concerned), `entryId` (the knowledge-base entry the
 * answer came from) and `link` are '' for none; treat names you do not know as none. `words` may be empty.
 * `handoff`: staff were asked to take over.
 */
export interface SayLine {
  type: 'say';
  from: number;
  fromName: string;
  scope: ChatScope;
  text: string;
  lang: string;
  gesture: string;
  expression: string;
  words: SayWord[];
  entryId: string;
  link: string;
  handoff: boolean;
  serverTimeMs: number;
}

export interface SelfInput extends Pose {}

/**
 * A TwinUpdate as the UI gets it: `patch` is the parsed JSON object (reported / desired / metadata /
 * alerts; see docs/protocol.md, "Live twins"). The first one for each twin after every `joined` is the
 * twin's full state.
 */
export interface TwinUpdateEvent { twin: string; patch: Record<string, unknown>; serverTimeMs: number }

/**
 * The answer to sendTwinCommand. `code` is the server's (`twin:forbidden`, `twin:payload.invalid`,
 * `twin:device-offline`, `twin:timeout`, …) or this client's own when no TwinReply came:
 * `client:not-connected`, `client:disconnected`, `client:timeout`, `client:invalid` (the command cannot be encoded).
 * `value` is the parsed `json` (null when absent or not JSON).
 */
export interface TwinReplyInfo { requestId: number; ok: boolean; code: string; message: string; value: unknown }

/** Events the client emits; subscribe with SpaceClient.on(name, fn), which returns an unsubscribe function. */
export interface SpaceClientEvents {
  status: (status: ConnectionStatus, detail: string) => void;   // detail: server reason or error text
  welcome: (info: WelcomeInfo) => void;
  joined: (info: JoinedInfo) => void;                          // also after every successful resume
  enter: (entity: EntityInfo, pose: Pose) => void;
  exit: (id: number) => void;
  holder: (objectId: number, holderId: number) => void;
  chat: (line: ChatLine) => void;
  emote: (entityId: number, emote: number) => void;
  presence: (everyone: PresenceEntry[]) => void;                // the full list, after Presence and every PresenceChange
  voice: (fromId: number, kind: VoiceKind, payload: string) => void;
  error: (code: number, name: string, message: string) => void; // Error frames (not fatal)
  selfCorrected: (pose: Pose) => void;                          // the server moved our avatar (bounds, speed, teleport)
  twin: (update: TwinUpdateEvent) => void;                      // a twin bound in the space changed (after joined)
  say: (line: SayLine) => void;                                 // an agent spoke to us (after joined)
}

export interface SpaceClient {
  readonly status: ConnectionStatus;
  readonly spaceId: string;
  /** Local id of our own avatar, 0 before Joined. */
  readonly selfId: number;
  readonly welcome: WelcomeInfo | null;
  readonly joined: JoinedInfo | null;

  /** Opens the socket and joins; reconnects by itself (resuming the avatar) until close(). */
  connect(): void;
  /** Sends Leave and closes for good. */
  close(): void;

  on<E extends keyof SpaceClientEvents>(event: E, fn: SpaceClientEvents[E]): () => void;

  /** Entities in view now (not including our own avatar). */
  entities(): EntityInfo[];
  entity(id: number): EntityInfo | undefined;
  /**
   * Interpolated pose of an entity for rendering now: the server clock estimate minus the
   * interpolation delay (about 2 ticks). For our own avatar, the latest pose given to setSelf (what
   * we send as Input), else the server's. {@code nowMs} is on the local clock (SpaceClientOptions.now).
   */
  poseAt(id: number, nowMs?: number): Pose | undefined;
  /** The server's clock now, estimated from Welcome/Pong/State (ms since epoch). */
  serverNow(): number;

  /** Our avatar's pose; sent as Input at most 20/s, only when it changed (and once a second when idle). */
  setSelf(pose: SelfInput): void;
  chat(scope: ChatScope, text: string, toId?: number): void;
  emote(emote: number): void;
  grab(objectId: number): void;
  moveObject(objectId: number, x: number, y: number, z: number, yaw: number): void;
  release(objectId: number): void;
  voice(toId: number, kind: VoiceKind, payload: string): void;
  moderate(action: ModerationAction, targetId: number, reason: string): void;
  /**
   * Sets a twin's desired property (`kind` 'desired', `name` the property) or invokes an action ('action',
   * `name` the action, `value` its input or undefined). `value` is sent as JSON. Always resolves, once:
   * with the server's TwinReply, or with ok false and a `client:…` code (see TwinReplyInfo).
   */
  sendTwinCommand(twin: string, kind: TwinCommandKind, name: string, value: unknown): Promise<TwinReplyInfo>;
}

export interface SpaceClientOptions {
  /** ws:// or wss:// URL of /ws; default from location. */
  url?: string;
  token: string;
  spaceId: string;
  clientName?: string;
  /** Injected for tests: a WebSocket constructor (default globalThis.WebSocket). */
  webSocket?: new (url: string) => WebSocket;
  /** Injected for tests: a clock in ms (default performance.now based epoch ms). */
  now?: () => number;
}
