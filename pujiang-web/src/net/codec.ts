// The real-time protocol, version 1 (docs/protocol.md), in TypeScript: frame encoders and strict
// decoders for both directions. The client uses encodeClient/decodeServer; the other two exist so that
// tests (and tools) can play the server's part with the same rules.
//
// Decoding is strict, as the protocol asks: minimal varints, exact frame lengths, limits checked before
// anything is allocated, well-formed UTF-8, finite floats, enum values from their tables. Any problem
// throws a ProtocolError; nothing else is ever thrown for bad input.

import type {
  Bounds, ChatScope, EntityKind, ModerationAction, PresenceEntry, SayWord, TwinCommandKind, VoiceKind,
} from './types';

export const PROTOCOL_VERSION = 1;

/** Message type bytes. */
export const MsgType = {
  HELLO: 0x01, JOIN: 0x02, LEAVE: 0x03, INPUT: 0x04, CHAT: 0x05, EMOTE: 0x06, GRAB: 0x07,
  MOVE_OBJECT: 0x08, RELEASE: 0x09, PING: 0x0a, VOICE_SIGNAL: 0x0b, MODERATE: 0x0c, TWIN_COMMAND: 0x0d,
  WELCOME: 0x81, JOINED: 0x82, STATE: 0x83, ENTER: 0x84, EXIT: 0x85, CHAT_EVENT: 0x86, EMOTE_EVENT: 0x87,
  HOLDER: 0x88, PRESENCE: 0x89, PRESENCE_CHANGE: 0x8a, PONG: 0x8b, ERROR: 0x8c, VOICE_RELAY: 0x8d, GOODBYE: 0x8e,
  TWIN_UPDATE: 0x8f, TWIN_REPLY: 0x90, SAY: 0x91,
} as const;

/** Error and Goodbye codes. New codes may appear within v1: treat unknown ones as generic errors. */
export const ErrorCode = {
  UNSUPPORTED_VERSION: 1, AUTH_FAILED: 2, NOT_JOINED: 3, SPACE_NOT_FOUND: 4, SPACE_FULL: 5, FORBIDDEN: 6,
  MALFORMED: 7, UNKNOWN_TYPE: 8, RATE_LIMITED: 9, TOO_LARGE: 10, OBJECT_HELD: 11, NO_SUCH_ENTITY: 12,
  MUTED: 13, KICKED: 14, TOO_SLOW: 15, SHUTTING_DOWN: 16, INVALID_INPUT: 17, ALREADY_JOINED: 18,
} as const;

const ERROR_NAMES: ReadonlyMap<number, string> = new Map(Object.entries(ErrorCode).map(([k, v]) => [v, k]));

/** The name of an error code ("SPACE_FULL"), or "ERROR_<n>" for a code this client does not know. */
export function errorName(code: number): string {
  return ERROR_NAMES.get(code) ?? `ERROR_${code}`;
}

/** Byte and count limits of v1. */
export const Limits = {
  CLIENT_FRAME_BYTES: 16 * 1024,
  TOKEN_BYTES: 512,
  CLIENT_NAME_BYTES: 64,
  CHAT_TEXT_BYTES: 1000,
  VOICE_PAYLOAD_BYTES: 8192,
  MODERATE_REASON_BYTES: 200,
  USER_ID_BYTES: 64,
  DISPLAY_NAME_BYTES: 256,
  ROLE_BYTES: 32,
  SPACE_NAME_BYTES: 512,
  ENTITY_NAME_BYTES: 256,
  ERROR_MESSAGE_BYTES: 500,
  GOODBYE_REASON_BYTES: 500,
  STATE_UPDATES: 4096,
  PRESENCE_ENTRIES: 10_000,
  TWIN_ID_BYTES: 256,
  TWIN_NAME_BYTES: 128,
  TWIN_COMMAND_JSON_BYTES: 8192,
  TWIN_UPDATE_JSON_BYTES: 64 * 1024,
  TWIN_REPLY_CODE_BYTES: 64,
  TWIN_REPLY_MESSAGE_BYTES: 500,
  TWIN_REPLY_JSON_BYTES: 16 * 1024,
  SAY_TEXT_BYTES: 16 * 1024,
  SAY_LANG_BYTES: 16,
  SAY_GESTURE_BYTES: 32,
  SAY_EXPRESSION_BYTES: 32,
  SAY_WORDS: 2048,
  SAY_ENTRY_ID_BYTES: 64,
  SAY_LINK_BYTES: 512,
} as const;

/** Say flags: bit 0 handoff; the other bits must be 0 in v1. */
const SAY_FLAG_HANDOFF = 0x01;

const MAX_INT = 0x7fffffff;
const MAX_TIME = Number.MAX_SAFE_INTEGER; // 2^53 - 1

/** EntityUpdate mask bits. */
export const Mask = { POS: 0x01, ROT: 0x02, VEL: 0x04, ANIM: 0x08, ALL: 0x0f } as const;

/**
 * One entity's changed fields, in metres, radians and m/s as decoded (quantised values converted
 * back). Fields of groups outside `mask` are 0.
 */
export interface EntityUpdate {
  entity: number;
  mask: number;
  x: number; y: number; z: number;
  yaw: number; pitch: number;
  vx: number; vy: number; vz: number;
  anim: number;
}

export type ClientMessage =
  | { type: 'hello'; minVersion: number; maxVersion: number; token: string; clientName: string }
  | { type: 'join'; spaceId: string; resumeKey: bigint }
  | { type: 'leave' }
  | {
      type: 'input'; seq: number; x: number; y: number; z: number; yaw: number; pitch: number;
      vx: number; vy: number; vz: number; anim: number; clientTimeMs: number;
    }
  | { type: 'chat'; scope: ChatScope; toEntity: number; text: string }
  | { type: 'emote'; emote: number }
  | { type: 'grab'; objectEntity: number }
  | { type: 'moveObject'; objectEntity: number; x: number; y: number; z: number; yaw: number }
  | { type: 'release'; objectEntity: number }
  | { type: 'ping'; clientTimeMs: number }
  | { type: 'voiceSignal'; toEntity: number; kind: VoiceKind; payload: string }
  | { type: 'moderate'; action: ModerationAction; targetEntity: number; reason: string }
  | { type: 'twinCommand'; requestId: number; twin: string; kind: TwinCommandKind; name: string; json: string };

export type ServerMessage =
  | { type: 'welcome'; version: number; serverTimeMs: number; tickHz: number; userId: string; displayName: string; role: string }
  | {
      type: 'joined'; spaceId: string; spaceName: string; selfEntity: number; resumeKey: bigint;
      bounds: Bounds; capacity: number; interestRadius: number;
    }
  | { type: 'state'; tick: number; serverTimeMs: number; updates: EntityUpdate[] }
  | { type: 'enter'; entity: number; kind: EntityKind; name: string; userId: string; state: EntityUpdate }
  | { type: 'exit'; entity: number }
  | { type: 'chatEvent'; fromEntity: number; fromName: string; scope: ChatScope; text: string; serverTimeMs: number }
  | { type: 'emoteEvent'; entity: number; emote: number }
  | { type: 'holder'; objectEntity: number; holderEntity: number }
  | { type: 'presence'; entries: PresenceEntry[] }
  | { type: 'presenceChange'; joined: boolean; entry: PresenceEntry }
  | { type: 'pong'; clientTimeMs: number; serverTimeMs: number }
  | { type: 'error'; code: number; message: string }
  | { type: 'voiceRelay'; fromEntity: number; kind: VoiceKind; payload: string }
  | { type: 'goodbye'; code: number; reason: string }
  | { type: 'twinUpdate'; twin: string; json: string; serverTimeMs: number }
  | { type: 'twinReply'; requestId: number; ok: boolean; code: string; message: string; json: string }
  | {
      type: 'say'; fromEntity: number; fromName: string; scope: ChatScope; text: string; lang: string; gesture: string;
      expression: string; words: SayWord[]; entryId: string; link: string; handoff: boolean; serverTimeMs: number;
    };

export type ProtocolErrorKind = 'malformed' | 'unknown-type' | 'unsupported-version' | 'invalid-argument';

/**
 * A frame that does not decode (`malformed`), a type byte this version does not have (`unknown-type`,
 * which a client should ignore), another protocol version (`unsupported-version`), or a message that
 * cannot be encoded because a value breaks the protocol's rules (`invalid-argument`).
 */
export class ProtocolError extends Error {
  readonly kind: ProtocolErrorKind;
  /** The frame's type byte, when known. */
  readonly frameType: number | undefined;

  constructor(kind: ProtocolErrorKind, message: string, frameType?: number) {
    super(message);
    this.name = 'ProtocolError';
    this.kind = kind;
    this.frameType = frameType;
  }
}

// ---------------------------------------------------------------- enums

const CHAT_SCOPES: readonly ChatScope[] = ['space', 'nearby', 'direct'];
const VOICE_KINDS: readonly VoiceKind[] = ['offer', 'answer', 'ice', 'bye'];
const ENTITY_KINDS: readonly EntityKind[] = ['avatar', 'agent', 'object'];
const MODERATION_ACTIONS: readonly ModerationAction[] = ['mute', 'unmute', 'kick'];
const TWIN_COMMAND_KINDS: readonly TwinCommandKind[] = ['desired', 'action'];

function enumWire<T>(table: readonly T[], value: T, field: string): number {
  const i = table.indexOf(value);
  if (i < 0) throw invalidArg(`${field}: ${String(value)} is not one of ${table.join(', ')}`);
  return i;
}

// ---------------------------------------------------------------- quantisation

const TWO_PI = 2 * Math.PI;
const HALF_PI = Math.PI / 2;

/** Metres (or m/s) to whole centimetres, rounded half away from zero. */
export function toCentimetres(metres: number): number {
  const cm = metres * 100;
  const r = cm < 0 ? -Math.round(-cm) : Math.round(cm);
  if (!Number.isFinite(r) || r > MAX_INT || r < -MAX_INT - 1) {
    throw invalidArg(`cannot quantise ${metres} m to a 32-bit count of centimetres`);
  }
  return r === 0 ? 0 : r; // no -0
}

export function fromCentimetres(cm: number): number {
  return cm / 100;
}

/** Any finite angle to 0..65535 steps of 2π/65536. */
export function yawToSteps(radians: number): number {
  if (!Number.isFinite(radians)) throw invalidArg(`cannot quantise yaw ${radians}`);
  let a = radians % TWO_PI;
  if (a < 0) a += TWO_PI;
  return Math.round(a * (65536 / TWO_PI)) & 0xffff;
}

/** Steps to radians in [0, 2π). */
export function yawFromSteps(steps: number): number {
  return (steps & 0xffff) * (TWO_PI / 65536);
}

/** A pitch, clamped to [−π/2, π/2], to 0..65535. */
export function pitchToSteps(radians: number): number {
  if (!Number.isFinite(radians)) throw invalidArg(`cannot quantise pitch ${radians}`);
  const p = Math.max(-HALF_PI, Math.min(HALF_PI, radians));
  return Math.round((p + HALF_PI) * (65535 / Math.PI));
}

/** 0..65535 to radians in [−π/2, π/2]. */
export function pitchFromSteps(steps: number): number {
  return (steps & 0xffff) * (Math.PI / 65535) - HALF_PI;
}

// ---------------------------------------------------------------- UTF-8

const utf8Encoder = new TextEncoder();
// fatal: ill-formed input throws; ignoreBOM: a leading U+FEFF is text like any other.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The offset of the first byte breaking well-formed UTF-8 (Unicode table 3-7) in b[off, end), or -1. */
export function firstInvalidUtf8(b: Uint8Array, off: number, end: number): number {
  let i = off;
  while (i < end) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;       // below is overlong
      else if (c === 0xed) hi = 0x9f;  // above encodes surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;       // below is overlong
      else if (c === 0xf4) hi = 0x8f;  // above is beyond U+10FFFF
    } else return i;
    if (end - i <= need) return i;
    const c1 = b[i + 1]!;
    if (c1 < lo || c1 > hi) return i;
    for (let k = 2; k <= need; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

/** Whether a JS string has no unpaired surrogate (so that UTF-8 can carry it unchanged). */
function isWellFormedText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (d < 0xdc00 || d > 0xdfff) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/** UTF-8 byte length of a string (lone surrogates count as the 3 bytes of U+FFFD). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { n += 4; i++; } else n += 3;
    } else n += 3;
  }
  return n;
}

// ---------------------------------------------------------------- writer

function invalidArg(message: string): ProtocolError {
  return new ProtocolError('invalid-argument', message);
}

class FrameWriter {
  private buf = new Uint8Array(64);
  private view = new DataView(this.buf.buffer);
  private pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): this {
    this.ensure(1);
    this.buf[this.pos++] = v & 0xff;
    return this;
  }

  /** A u8 field with a range check (enum values and anim/emote numbers). */
  byte(v: number, field: string): this {
    if (!Number.isInteger(v) || v < 0 || v > 255) throw invalidArg(`${field}: ${v} is outside 0..255`);
    return this.u8(v);
  }

  u16(v: number): this {
    this.ensure(2);
    this.view.setUint16(this.pos, v, true);
    this.pos += 2;
    return this;
  }

  u64(v: bigint): this {
    this.ensure(8);
    this.view.setBigUint64(this.pos, BigInt.asUintN(64, v), true);
    this.pos += 8;
    return this;
  }

  f32(v: number, field: string): this {
    if (!Number.isFinite(Math.fround(v))) throw invalidArg(`${field}: ${v} is not a finite 32-bit float`);
    this.ensure(4);
    this.view.setFloat32(this.pos, v, true);
    this.pos += 4;
    return this;
  }

  /** Unsigned LEB128 of 0 … 2^53−1 (covers varint and the time varlongs), minimal by construction. */
  varUint(v: number): this {
    this.ensure(10);
    let n = v;
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
    return this;
  }

  varInt(v: number, min: number, max: number, field: string): this {
    if (!Number.isInteger(v) || v < min || v > max) throw invalidArg(`${field}: ${v} is outside ${min}..${max}`);
    return this.varUint(v);
  }

  time(v: number, field: string): this {
    return this.varInt(v, 0, MAX_TIME, field);
  }

  zigzag(v: number): this {
    // v is a 32-bit signed int: 0, −1, 1, −2 … → 0, 1, 2, 3 …
    return this.varUint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  string(s: string, maxBytes: number, field: string): this {
    if (!isWellFormedText(s)) throw invalidArg(`${field}: holds an unpaired surrogate, which UTF-8 cannot carry`);
    const b = utf8Encoder.encode(s);
    if (b.length > maxBytes) throw invalidArg(`${field}: ${b.length} bytes of UTF-8, over the limit of ${maxBytes}`);
    return this.varUint(b.length).bytes(b);
  }

  /** A string field that must hold at least one byte. */
  text(s: string, maxBytes: number, field: string): this {
    if (s.length === 0) throw invalidArg(`${field}: must not be empty`);
    return this.string(s, maxBytes, field);
  }

  uuid(s: string, field: string): this {
    const hex = s.toLowerCase();
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(hex)) {
      throw invalidArg(`${field}: "${s}" is not a UUID`);
    }
    const digits = hex.replace(/-/g, '');
    this.ensure(16);
    for (let i = 0; i < 16; i++) this.buf[this.pos++] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
    return this;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

// ---------------------------------------------------------------- reader

class FrameReader {
  private pos = 2;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array, private readonly typeName: string, readonly frameType: number) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  fail(reason: string): never {
    throw new ProtocolError('malformed', `${this.typeName}: ${reason}`, this.frameType);
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number, field: string): void {
    if (this.buf.length - this.pos < n) {
      this.fail(`${field}: truncated at offset ${this.pos} (needs ${n} bytes, ${this.buf.length - this.pos} left)`);
    }
  }

  u8(field: string): number {
    this.need(1, field);
    return this.buf[this.pos++]!;
  }

  enumOf<T>(table: readonly T[], field: string): T {
    const at = this.pos;
    const v = this.u8(field);
    const out = table[v];
    if (out === undefined) this.fail(`${field}: invalid value ${v} at offset ${at} (expected 0..${table.length - 1})`);
    return out;
  }

  bool(field: string): boolean {
    return this.enumOf([false, true], field);
  }

  u16(field: string): number {
    this.need(2, field);
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }

  u64(field: string): bigint {
    this.need(8, field);
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  finiteF32(field: string): number {
    this.need(4, field);
    const at = this.pos;
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    if (!Number.isFinite(v)) this.fail(`${field}: ${v} at offset ${at} is not finite`);
    return v;
  }

  /** Unsigned LEB128 of at most `maxBytes` bytes, minimal, the last byte holding at most `lastMax`. */
  private leb(maxBytes: number, lastMax: number, width: number, field: string): number {
    const at = this.pos;
    let result = 0;
    let scale = 1;
    for (let i = 0; i < maxBytes; i++) {
      this.need(1, field);
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) {
        if (b === 0 && i > 0) this.fail(`${field}: non-minimal varint at offset ${at}`);
        if (i === maxBytes - 1 && b > lastMax) this.fail(`${field}: varint at offset ${at} exceeds ${width} bits`);
        return result;
      }
      scale *= 0x80;
    }
    return this.fail(`${field}: varint at offset ${at} is longer than ${maxBytes} bytes`);
  }

  /** A 32-bit varint as an unsigned number 0 … 2^32−1. */
  varUint32(field: string): number {
    return this.leb(5, 0x0f, 32, field);
  }

  varInt(min: number, max: number, field: string): number {
    const at = this.pos;
    const v = this.varUint32(field);
    if (v < min || v > max) this.fail(`${field}: ${v} at offset ${at} outside ${min}..${max}`);
    return v;
  }

  /** A varlong time field, 0 … 2^53−1. (Larger values lose precision in a Number, but are refused anyway.) */
  time(field: string): number {
    const at = this.pos;
    const v = this.leb(10, 0x01, 64, field);
    if (v > MAX_TIME) this.fail(`${field}: ${v} at offset ${at} outside 0..${MAX_TIME}`);
    return v;
  }

  zigzag(field: string): number {
    const v = this.varUint32(field);
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }

  uuid(field: string): string {
    this.need(16, field);
    let hex = '';
    for (let i = 0; i < 16; i++) {
      hex += this.buf[this.pos + i]!.toString(16).padStart(2, '0');
      if (i === 3 || i === 5 || i === 7 || i === 9) hex += '-';
    }
    this.pos += 16;
    return hex;
  }

  string(maxBytes: number, field: string): string {
    const at = this.pos;
    const len = this.varUint32(field);
    if (len > maxBytes) this.fail(`${field}: string of ${len} bytes at offset ${at} exceeds the ${maxBytes}-byte limit`);
    this.need(len, field);
    const bad = firstInvalidUtf8(this.buf, this.pos, this.pos + len);
    if (bad >= 0) this.fail(`${field}: invalid UTF-8 at offset ${bad}`);
    const s = utf8Decoder.decode(this.buf.subarray(this.pos, this.pos + len));
    this.pos += len;
    return s;
  }

  /** A string field that must hold at least one byte. */
  text(maxBytes: number, field: string): string {
    const s = this.string(maxBytes, field);
    if (s.length === 0) this.fail(`${field}: must not be empty`);
    return s;
  }

  /** A list count within `max` that can fit the bytes left when each item takes at least `minItemBytes`. */
  count(max: number, minItemBytes: number, field: string): number {
    const at = this.pos;
    const n = this.varUint32(field);
    if (n > max) this.fail(`${field}: count ${n} at offset ${at} exceeds the limit of ${max}`);
    if (n * minItemBytes > this.remaining) {
      this.fail(`${field}: truncated: count ${n} at offset ${at} needs at least ${n * minItemBytes} more bytes, ${this.remaining} left`);
    }
    return n;
  }
}

// ---------------------------------------------------------------- entity updates

function writeUpdateBody(w: FrameWriter, u: EntityUpdate): void {
  if (!Number.isInteger(u.mask) || u.mask < 0 || u.mask > Mask.ALL) throw invalidArg(`EntityUpdate.mask: ${u.mask}`);
  w.u8(u.mask);
  if (u.mask & Mask.POS) w.zigzag(toCentimetres(u.x)).zigzag(toCentimetres(u.y)).zigzag(toCentimetres(u.z));
  if (u.mask & Mask.ROT) w.u16(yawToSteps(u.yaw)).u16(pitchToSteps(u.pitch));
  if (u.mask & Mask.VEL) w.zigzag(toCentimetres(u.vx)).zigzag(toCentimetres(u.vy)).zigzag(toCentimetres(u.vz));
  if (u.mask & Mask.ANIM) w.byte(u.anim, 'EntityUpdate.anim');
}

function readUpdateBody(r: FrameReader, entity: number): EntityUpdate {
  const at = r.offset;
  const mask = r.u8('EntityUpdate.mask');
  if (mask > Mask.ALL) r.fail(`EntityUpdate.mask: reserved bits set in ${mask} at offset ${at}`);
  const u: EntityUpdate = { entity, mask, x: 0, y: 0, z: 0, yaw: 0, pitch: 0, vx: 0, vy: 0, vz: 0, anim: 0 };
  if (mask & Mask.POS) {
    u.x = fromCentimetres(r.zigzag('EntityUpdate.x'));
    u.y = fromCentimetres(r.zigzag('EntityUpdate.y'));
    u.z = fromCentimetres(r.zigzag('EntityUpdate.z'));
  }
  if (mask & Mask.ROT) {
    u.yaw = yawFromSteps(r.u16('EntityUpdate.yaw'));
    u.pitch = pitchFromSteps(r.u16('EntityUpdate.pitch'));
  }
  if (mask & Mask.VEL) {
    u.vx = fromCentimetres(r.zigzag('EntityUpdate.vx'));
    u.vy = fromCentimetres(r.zigzag('EntityUpdate.vy'));
    u.vz = fromCentimetres(r.zigzag('EntityUpdate.vz'));
  }
  if (mask & Mask.ANIM) u.anim = r.u8('EntityUpdate.anim');
  return u;
}

// ---------------------------------------------------------------- client → server

function header(type: number): FrameWriter {
  return new FrameWriter().u8(PROTOCOL_VERSION).u8(type);
}

/** Encodes a client message into one frame. Throws ProtocolError('invalid-argument') for values v1 cannot carry. */
export function encodeClient(m: ClientMessage): Uint8Array {
  switch (m.type) {
    case 'hello': {
      const w = new FrameWriter().u8(1).u8(MsgType.HELLO); // Hello always carries version byte 1
      w.varInt(m.minVersion, 1, 255, 'Hello.minVersion').varInt(m.maxVersion, m.minVersion, 255, 'Hello.maxVersion');
      return w.string(m.token, Limits.TOKEN_BYTES, 'Hello.token')
        .string(m.clientName, Limits.CLIENT_NAME_BYTES, 'Hello.clientName').finish();
    }
    case 'join':
      return header(MsgType.JOIN).uuid(m.spaceId, 'Join.spaceId').u64(m.resumeKey).finish();
    case 'leave':
      return header(MsgType.LEAVE).finish();
    case 'input':
      return header(MsgType.INPUT).varInt(m.seq, 0, MAX_INT, 'Input.seq')
        .f32(m.x, 'Input.x').f32(m.y, 'Input.y').f32(m.z, 'Input.z')
        .f32(m.yaw, 'Input.yaw').f32(m.pitch, 'Input.pitch')
        .f32(m.vx, 'Input.vx').f32(m.vy, 'Input.vy').f32(m.vz, 'Input.vz')
        .byte(m.anim, 'Input.anim').time(m.clientTimeMs, 'Input.clientTimeMs').finish();
    case 'chat': {
      const direct = m.scope === 'direct';
      if (direct ? m.toEntity < 1 : m.toEntity !== 0) {
        throw invalidArg(`Chat.toEntity: must be ${direct ? '>= 1' : '0'} for scope ${m.scope}, got ${m.toEntity}`);
      }
      return header(MsgType.CHAT).u8(enumWire(CHAT_SCOPES, m.scope, 'Chat.scope'))
        .varInt(m.toEntity, 0, MAX_INT, 'Chat.toEntity').string(m.text, Limits.CHAT_TEXT_BYTES, 'Chat.text').finish();
    }
    case 'emote':
      return header(MsgType.EMOTE).byte(m.emote, 'Emote.emote').finish();
    case 'grab':
      return header(MsgType.GRAB).varInt(m.objectEntity, 1, MAX_INT, 'Grab.objectEntity').finish();
    case 'moveObject':
      return header(MsgType.MOVE_OBJECT).varInt(m.objectEntity, 1, MAX_INT, 'MoveObject.objectEntity')
        .f32(m.x, 'MoveObject.x').f32(m.y, 'MoveObject.y').f32(m.z, 'MoveObject.z').f32(m.yaw, 'MoveObject.yaw').finish();
    case 'release':
      return header(MsgType.RELEASE).varInt(m.objectEntity, 1, MAX_INT, 'Release.objectEntity').finish();
    case 'ping':
      return header(MsgType.PING).time(m.clientTimeMs, 'Ping.clientTimeMs').finish();
    case 'voiceSignal':
      return header(MsgType.VOICE_SIGNAL).varInt(m.toEntity, 1, MAX_INT, 'VoiceSignal.toEntity')
        .u8(enumWire(VOICE_KINDS, m.kind, 'VoiceSignal.kind'))
        .string(m.payload, Limits.VOICE_PAYLOAD_BYTES, 'VoiceSignal.payload').finish();
    case 'moderate':
      return header(MsgType.MODERATE).u8(enumWire(MODERATION_ACTIONS, m.action, 'Moderate.action'))
        .varInt(m.targetEntity, 1, MAX_INT, 'Moderate.targetEntity')
        .string(m.reason, Limits.MODERATE_REASON_BYTES, 'Moderate.reason').finish();
    case 'twinCommand':
      return header(MsgType.TWIN_COMMAND).varInt(m.requestId, 0, MAX_INT, 'TwinCommand.requestId')
        .text(m.twin, Limits.TWIN_ID_BYTES, 'TwinCommand.twin')
        .u8(enumWire(TWIN_COMMAND_KINDS, m.kind, 'TwinCommand.kind'))
        .text(m.name, Limits.TWIN_NAME_BYTES, 'TwinCommand.name')
        .text(m.json, Limits.TWIN_COMMAND_JSON_BYTES, 'TwinCommand.json').finish();
  }
}

// ---------------------------------------------------------------- server → client

function writePresenceEntry(w: FrameWriter, e: PresenceEntry): void {
  w.string(e.userId, Limits.USER_ID_BYTES, 'PresenceEntry.userId')
    .string(e.displayName, Limits.DISPLAY_NAME_BYTES, 'PresenceEntry.displayName')
    .string(e.role, Limits.ROLE_BYTES, 'PresenceEntry.role');
}

function readPresenceEntry(r: FrameReader): PresenceEntry {
  const userId = r.string(Limits.USER_ID_BYTES, 'PresenceEntry.userId');
  const displayName = r.string(Limits.DISPLAY_NAME_BYTES, 'PresenceEntry.displayName');
  const role = r.string(Limits.ROLE_BYTES, 'PresenceEntry.role');
  return { userId, displayName, role };
}

/** Encodes a server message (for tests and tools that play the server's part). */
export function encodeServer(m: ServerMessage): Uint8Array {
  switch (m.type) {
    case 'welcome':
      return header(MsgType.WELCOME).varInt(m.version, 1, 255, 'Welcome.version')
        .time(m.serverTimeMs, 'Welcome.serverTimeMs').varInt(m.tickHz, 1, 1000, 'Welcome.tickHz')
        .string(m.userId, Limits.USER_ID_BYTES, 'Welcome.userId')
        .string(m.displayName, Limits.DISPLAY_NAME_BYTES, 'Welcome.displayName')
        .string(m.role, Limits.ROLE_BYTES, 'Welcome.role').finish();
    case 'joined': {
      if (m.resumeKey === 0n) throw invalidArg('Joined.resumeKey: must not be 0');
      const b = m.bounds;
      if (!(b.minX <= b.maxX && b.minY <= b.maxY && b.minZ <= b.maxZ)) throw invalidArg('Joined bounds: a min exceeds its max');
      if (!(m.interestRadius > 0)) throw invalidArg('Joined.interestRadius: must be > 0');
      return header(MsgType.JOINED).uuid(m.spaceId, 'Joined.spaceId')
        .string(m.spaceName, Limits.SPACE_NAME_BYTES, 'Joined.spaceName')
        .varInt(m.selfEntity, 1, MAX_INT, 'Joined.selfEntity').u64(m.resumeKey)
        .f32(b.minX, 'Joined.minX').f32(b.minY, 'Joined.minY').f32(b.minZ, 'Joined.minZ')
        .f32(b.maxX, 'Joined.maxX').f32(b.maxY, 'Joined.maxY').f32(b.maxZ, 'Joined.maxZ')
        .varInt(m.capacity, 1, MAX_INT, 'Joined.capacity').f32(m.interestRadius, 'Joined.interestRadius').finish();
    }
    case 'state': {
      if (m.updates.length > Limits.STATE_UPDATES) throw invalidArg(`State.updates: ${m.updates.length} over ${Limits.STATE_UPDATES}`);
      const w = header(MsgType.STATE).varInt(m.tick, 0, MAX_INT, 'State.tick').time(m.serverTimeMs, 'State.serverTimeMs')
        .varUint(m.updates.length);
      for (const u of m.updates) {
        w.varInt(u.entity, 1, MAX_INT, 'EntityUpdate.entity');
        writeUpdateBody(w, u);
      }
      return w.finish();
    }
    case 'enter': {
      if (m.state.mask !== Mask.ALL) throw invalidArg(`Enter.state: mask must be ${Mask.ALL}, got ${m.state.mask}`);
      const w = header(MsgType.ENTER).varInt(m.entity, 1, MAX_INT, 'Enter.entity')
        .u8(enumWire(ENTITY_KINDS, m.kind, 'Enter.kind'))
        .string(m.name, Limits.ENTITY_NAME_BYTES, 'Enter.name').string(m.userId, Limits.USER_ID_BYTES, 'Enter.userId');
      writeUpdateBody(w, m.state);
      return w.finish();
    }
    case 'exit':
      return header(MsgType.EXIT).varInt(m.entity, 1, MAX_INT, 'Exit.entity').finish();
    case 'chatEvent':
      return header(MsgType.CHAT_EVENT).varInt(m.fromEntity, 0, MAX_INT, 'ChatEvent.fromEntity')
        .string(m.fromName, Limits.DISPLAY_NAME_BYTES, 'ChatEvent.fromName')
        .u8(enumWire(CHAT_SCOPES, m.scope, 'ChatEvent.scope'))
        .string(m.text, Limits.CHAT_TEXT_BYTES, 'ChatEvent.text').time(m.serverTimeMs, 'ChatEvent.serverTimeMs').finish();
    case 'emoteEvent':
      return header(MsgType.EMOTE_EVENT).varInt(m.entity, 1, MAX_INT, 'EmoteEvent.entity')
        .byte(m.emote, 'EmoteEvent.emote').finish();
    case 'holder':
      return header(MsgType.HOLDER).varInt(m.objectEntity, 1, MAX_INT, 'Holder.objectEntity')
        .varInt(m.holderEntity, 0, MAX_INT, 'Holder.holderEntity').finish();
    case 'presence': {
      if (m.entries.length > Limits.PRESENCE_ENTRIES) throw invalidArg('Presence.entries: too many');
      const w = header(MsgType.PRESENCE).varUint(m.entries.length);
      for (const e of m.entries) writePresenceEntry(w, e);
      return w.finish();
    }
    case 'presenceChange': {
      const w = header(MsgType.PRESENCE_CHANGE).u8(m.joined ? 1 : 0);
      writePresenceEntry(w, m.entry);
      return w.finish();
    }
    case 'pong':
      return header(MsgType.PONG).time(m.clientTimeMs, 'Pong.clientTimeMs').time(m.serverTimeMs, 'Pong.serverTimeMs').finish();
    case 'error':
      return header(MsgType.ERROR).varInt(m.code, 0, MAX_INT, 'Error.code')
        .string(m.message, Limits.ERROR_MESSAGE_BYTES, 'Error.message').finish();
    case 'voiceRelay':
      return header(MsgType.VOICE_RELAY).varInt(m.fromEntity, 1, MAX_INT, 'VoiceRelay.fromEntity')
        .u8(enumWire(VOICE_KINDS, m.kind, 'VoiceRelay.kind'))
        .string(m.payload, Limits.VOICE_PAYLOAD_BYTES, 'VoiceRelay.payload').finish();
    case 'goodbye':
      return header(MsgType.GOODBYE).varInt(m.code, 0, MAX_INT, 'Goodbye.code')
        .string(m.reason, Limits.GOODBYE_REASON_BYTES, 'Goodbye.reason').finish();
    case 'twinUpdate':
      return header(MsgType.TWIN_UPDATE).text(m.twin, Limits.TWIN_ID_BYTES, 'TwinUpdate.twin')
        .text(m.json, Limits.TWIN_UPDATE_JSON_BYTES, 'TwinUpdate.json').time(m.serverTimeMs, 'TwinUpdate.serverTimeMs').finish();
    case 'twinReply':
      if (m.ok !== (m.code === '')) throw invalidArg(`TwinReply.code: ${twinCodeRule(m.ok)}`);
      return header(MsgType.TWIN_REPLY).varInt(m.requestId, 0, MAX_INT, 'TwinReply.requestId').u8(m.ok ? 1 : 0)
        .string(m.code, Limits.TWIN_REPLY_CODE_BYTES, 'TwinReply.code')
        .string(m.message, Limits.TWIN_REPLY_MESSAGE_BYTES, 'TwinReply.message')
        .text(m.json, Limits.TWIN_REPLY_JSON_BYTES, 'TwinReply.json').finish();
    case 'say': {
      if (m.words.length > Limits.SAY_WORDS) throw invalidArg(`Say.words: ${m.words.length} over ${Limits.SAY_WORDS}`);
      const w = header(MsgType.SAY).varInt(m.fromEntity, 0, MAX_INT, 'Say.fromEntity')
        .string(m.fromName, Limits.DISPLAY_NAME_BYTES, 'Say.fromName')
        .u8(enumWire(CHAT_SCOPES, m.scope, 'Say.scope'))
        .text(m.text, Limits.SAY_TEXT_BYTES, 'Say.text')
        .string(m.lang, Limits.SAY_LANG_BYTES, 'Say.lang')
        .string(m.gesture, Limits.SAY_GESTURE_BYTES, 'Say.gesture')
        .string(m.expression, Limits.SAY_EXPRESSION_BYTES, 'Say.expression')
        .varUint(m.words.length);
      let lastStart = 0;
      let lastAt = 0;
      m.words.forEach((word, i) => {
        w.varInt(word.start, 0, MAX_INT, 'Say.words.start').varInt(word.end, 0, MAX_INT, 'Say.words.end')
          .varInt(word.atMs, 0, MAX_INT, 'Say.words.atMs');
        const bad = sayWordRule(i, word, m.text.length, lastStart, lastAt);
        if (bad !== null) throw invalidArg(`Say.${bad}`);
        lastStart = word.start;
        lastAt = word.atMs;
      });
      return w.string(m.entryId, Limits.SAY_ENTRY_ID_BYTES, 'Say.entryId')
        .string(m.link, Limits.SAY_LINK_BYTES, 'Say.link')
        .u8(m.handoff ? SAY_FLAG_HANDOFF : 0).time(m.serverTimeMs, 'Say.serverTimeMs').finish();
    }
  }
}

function twinCodeRule(ok: boolean): string {
  return ok ? 'code must be empty when ok' : 'code must not be empty when not ok';
}

/**
 * Why word i of a Say does not fit a text of `length` UTF-16 units after a word at (lastStart, lastAt),
 * or null when it does. The same rules and words as the Java record's.
 */
function sayWordRule(i: number, w: SayWord, length: number, lastStart: number, lastAt: number): string | null {
  if (w.end <= w.start) return `words[${i}] ends at ${w.end}, not after its start ${w.start}`;
  if (w.end > length) return `words[${i}] ends at ${w.end}, past the text's ${length} UTF-16 units`;
  if (w.start < lastStart) return `words[${i}] starts at ${w.start}, before the previous word's start ${lastStart}`;
  if (w.atMs < lastAt) return `words[${i}] is at ${w.atMs} ms, before the previous word's ${lastAt} ms`;
  return null;
}

// ---------------------------------------------------------------- decoding

const SERVER_NAMES: Readonly<Record<number, string>> = {
  0x81: 'Welcome', 0x82: 'Joined', 0x83: 'State', 0x84: 'Enter', 0x85: 'Exit', 0x86: 'ChatEvent', 0x87: 'EmoteEvent',
  0x88: 'Holder', 0x89: 'Presence', 0x8a: 'PresenceChange', 0x8b: 'Pong', 0x8c: 'Error', 0x8d: 'VoiceRelay', 0x8e: 'Goodbye',
  0x8f: 'TwinUpdate', 0x90: 'TwinReply', 0x91: 'Say',
};
const CLIENT_NAMES: Readonly<Record<number, string>> = {
  0x01: 'Hello', 0x02: 'Join', 0x03: 'Leave', 0x04: 'Input', 0x05: 'Chat', 0x06: 'Emote', 0x07: 'Grab',
  0x08: 'MoveObject', 0x09: 'Release', 0x0a: 'Ping', 0x0b: 'VoiceSignal', 0x0c: 'Moderate', 0x0d: 'TwinCommand',
};

/** The smallest encoding of one EntityUpdate (id + mask) and one PresenceEntry (three empty strings). */
const MIN_UPDATE_BYTES = 2;
const MIN_PRESENCE_ENTRY_BYTES = 3;
/** The smallest encoding of one Say word: three one-byte varints. */
const MIN_SAY_WORD_BYTES = 3;

function toBytes(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

function openFrame(data: ArrayBuffer | Uint8Array, names: Readonly<Record<number, string>>): FrameReader {
  const buf = toBytes(data);
  if (buf.length === 0) throw new ProtocolError('malformed', 'truncated: empty frame');
  const version = buf[0]!;
  if (version !== PROTOCOL_VERSION) throw new ProtocolError('unsupported-version', `protocol version ${version} is not supported`);
  if (buf.length < 2) throw new ProtocolError('malformed', 'truncated: frame of 1 byte has no type');
  const type = buf[1]!;
  const name = names[type];
  if (name === undefined) {
    throw new ProtocolError('unknown-type', `unknown message type 0x${type.toString(16).padStart(2, '0')}`, type);
  }
  return new FrameReader(buf, name, type);
}

function closeFrame<T>(r: FrameReader, message: T): T {
  if (r.remaining > 0) r.fail(`${r.remaining} trailing bytes at offset ${r.offset}`);
  return message;
}

/** Decodes one frame from the server. Throws ProtocolError on anything but a well-formed v1 server frame. */
export function decodeServer(data: ArrayBuffer | Uint8Array): ServerMessage {
  const r = openFrame(data, SERVER_NAMES);
  return closeFrame(r, readServerBody(r));
}

function readServerBody(r: FrameReader): ServerMessage {
  switch (r.frameType) {
    case MsgType.WELCOME: {
      const version = r.varInt(1, 255, 'Welcome.version');
      const serverTimeMs = r.time('Welcome.serverTimeMs');
      const tickHz = r.varInt(1, 1000, 'Welcome.tickHz');
      const userId = r.string(Limits.USER_ID_BYTES, 'Welcome.userId');
      const displayName = r.string(Limits.DISPLAY_NAME_BYTES, 'Welcome.displayName');
      const role = r.string(Limits.ROLE_BYTES, 'Welcome.role');
      return { type: 'welcome', version, serverTimeMs, tickHz, userId, displayName, role };
    }
    case MsgType.JOINED: {
      const spaceId = r.uuid('Joined.spaceId');
      const spaceName = r.string(Limits.SPACE_NAME_BYTES, 'Joined.spaceName');
      const selfEntity = r.varInt(1, MAX_INT, 'Joined.selfEntity');
      const resumeKey = r.u64('Joined.resumeKey');
      if (resumeKey === 0n) r.fail('Joined.resumeKey: must not be 0');
      const minX = r.finiteF32('Joined.minX');
      const minY = r.finiteF32('Joined.minY');
      const minZ = r.finiteF32('Joined.minZ');
      const maxX = r.finiteF32('Joined.maxX');
      const maxY = r.finiteF32('Joined.maxY');
      const maxZ = r.finiteF32('Joined.maxZ');
      if (!(minX <= maxX && minY <= maxY && minZ <= maxZ)) r.fail('Joined bounds: a min exceeds its max');
      const capacity = r.varInt(1, MAX_INT, 'Joined.capacity');
      const interestRadius = r.finiteF32('Joined.interestRadius');
      if (!(interestRadius > 0)) r.fail(`Joined.interestRadius: must be > 0, got ${interestRadius}`);
      return {
        type: 'joined', spaceId, spaceName, selfEntity, resumeKey,
        bounds: { minX, minY, minZ, maxX, maxY, maxZ }, capacity, interestRadius,
      };
    }
    case MsgType.STATE: {
      const tick = r.varInt(0, MAX_INT, 'State.tick');
      const serverTimeMs = r.time('State.serverTimeMs');
      const n = r.count(Limits.STATE_UPDATES, MIN_UPDATE_BYTES, 'State.updates');
      const updates: EntityUpdate[] = [];
      for (let i = 0; i < n; i++) updates.push(readUpdateBody(r, r.varInt(1, MAX_INT, 'EntityUpdate.entity')));
      return { type: 'state', tick, serverTimeMs, updates };
    }
    case MsgType.ENTER: {
      const entity = r.varInt(1, MAX_INT, 'Enter.entity');
      const kind = r.enumOf(ENTITY_KINDS, 'Enter.kind');
      const name = r.string(Limits.ENTITY_NAME_BYTES, 'Enter.name');
      const userId = r.string(Limits.USER_ID_BYTES, 'Enter.userId');
      const state = readUpdateBody(r, entity);
      if (state.mask !== Mask.ALL) r.fail(`Enter.state: mask must be ${Mask.ALL}, got ${state.mask}`);
      return { type: 'enter', entity, kind, name, userId, state };
    }
    case MsgType.EXIT:
      return { type: 'exit', entity: r.varInt(1, MAX_INT, 'Exit.entity') };
    case MsgType.CHAT_EVENT: {
      const fromEntity = r.varInt(0, MAX_INT, 'ChatEvent.fromEntity');
      const fromName = r.string(Limits.DISPLAY_NAME_BYTES, 'ChatEvent.fromName');
      const scope = r.enumOf(CHAT_SCOPES, 'ChatEvent.scope');
      const text = r.string(Limits.CHAT_TEXT_BYTES, 'ChatEvent.text');
      const serverTimeMs = r.time('ChatEvent.serverTimeMs');
      return { type: 'chatEvent', fromEntity, fromName, scope, text, serverTimeMs };
    }
    case MsgType.EMOTE_EVENT: {
      const entity = r.varInt(1, MAX_INT, 'EmoteEvent.entity');
      return { type: 'emoteEvent', entity, emote: r.u8('EmoteEvent.emote') };
    }
    case MsgType.HOLDER: {
      const objectEntity = r.varInt(1, MAX_INT, 'Holder.objectEntity');
      return { type: 'holder', objectEntity, holderEntity: r.varInt(0, MAX_INT, 'Holder.holderEntity') };
    }
    case MsgType.PRESENCE: {
      const n = r.count(Limits.PRESENCE_ENTRIES, MIN_PRESENCE_ENTRY_BYTES, 'Presence.entries');
      const entries: PresenceEntry[] = [];
      for (let i = 0; i < n; i++) entries.push(readPresenceEntry(r));
      return { type: 'presence', entries };
    }
    case MsgType.PRESENCE_CHANGE: {
      const joined = r.bool('PresenceChange.joined');
      return { type: 'presenceChange', joined, entry: readPresenceEntry(r) };
    }
    case MsgType.PONG: {
      const clientTimeMs = r.time('Pong.clientTimeMs');
      return { type: 'pong', clientTimeMs, serverTimeMs: r.time('Pong.serverTimeMs') };
    }
    case MsgType.ERROR: {
      const code = r.varInt(0, MAX_INT, 'Error.code');
      return { type: 'error', code, message: r.string(Limits.ERROR_MESSAGE_BYTES, 'Error.message') };
    }
    case MsgType.VOICE_RELAY: {
      const fromEntity = r.varInt(1, MAX_INT, 'VoiceRelay.fromEntity');
      const kind = r.enumOf(VOICE_KINDS, 'VoiceRelay.kind');
      return { type: 'voiceRelay', fromEntity, kind, payload: r.string(Limits.VOICE_PAYLOAD_BYTES, 'VoiceRelay.payload') };
    }
    case MsgType.GOODBYE: {
      const code = r.varInt(0, MAX_INT, 'Goodbye.code');
      return { type: 'goodbye', code, reason: r.string(Limits.GOODBYE_REASON_BYTES, 'Goodbye.reason') };
    }
    case MsgType.TWIN_UPDATE: {
      const twin = r.text(Limits.TWIN_ID_BYTES, 'TwinUpdate.twin');
      const json = r.text(Limits.TWIN_UPDATE_JSON_BYTES, 'TwinUpdate.json');
      return { type: 'twinUpdate', twin, json, serverTimeMs: r.time('TwinUpdate.serverTimeMs') };
    }
    case MsgType.TWIN_REPLY: {
      const requestId = r.varInt(0, MAX_INT, 'TwinReply.requestId');
      const ok = r.bool('TwinReply.ok');
      const code = r.string(Limits.TWIN_REPLY_CODE_BYTES, 'TwinReply.code');
      const message = r.string(Limits.TWIN_REPLY_MESSAGE_BYTES, 'TwinReply.message');
      const json = r.string(Limits.TWIN_REPLY_JSON_BYTES, 'TwinReply.json');
      if (ok !== (code === '')) r.fail(`TwinReply.code: ${twinCodeRule(ok)}`);
      if (json === '') r.fail('TwinReply.json: must not be empty');
      return { type: 'twinReply', requestId, ok, code, message, json };
    }
    case MsgType.SAY: {
      const fromEntity = r.varInt(0, MAX_INT, 'Say.fromEntity');
      const fromName = r.string(Limits.DISPLAY_NAME_BYTES, 'Say.fromName');
      const scope = r.enumOf(CHAT_SCOPES, 'Say.scope');
      const text = r.text(Limits.SAY_TEXT_BYTES, 'Say.text');
      const lang = r.string(Limits.SAY_LANG_BYTES, 'Say.lang');
      const gesture = r.string(Limits.SAY_GESTURE_BYTES, 'Say.gesture');
      const expression = r.string(Limits.SAY_EXPRESSION_BYTES, 'Say.expression');
      const n = r.count(Limits.SAY_WORDS, MIN_SAY_WORD_BYTES, 'Say.words');
      const words: SayWord[] = [];
      let lastStart = 0;
      let lastAt = 0;
      for (let i = 0; i < n; i++) {
        const at = r.offset;
        const start = r.varInt(0, MAX_INT, 'Say.words.start');
        const end = r.varInt(0, MAX_INT, 'Say.words.end');
        const atMs = r.varInt(0, MAX_INT, 'Say.words.atMs');
        const word = { start, end, atMs };
        const bad = sayWordRule(i, word, text.length, lastStart, lastAt);
        if (bad !== null) r.fail(`Say.${bad} (offset ${at})`);
        words.push(word);
        lastStart = start;
        lastAt = atMs;
      }
      const entryId = r.string(Limits.SAY_ENTRY_ID_BYTES, 'Say.entryId');
      const link = r.string(Limits.SAY_LINK_BYTES, 'Say.link');
      const at = r.offset;
      const flags = r.u8('Say.flags');
      if ((flags & ~SAY_FLAG_HANDOFF) !== 0) r.fail(`Say.flags: reserved bits set in ${flags} at offset ${at}`);
      const serverTimeMs = r.time('Say.serverTimeMs');
      return {
        type: 'say', fromEntity, fromName, scope, text, lang, gesture, expression, words, entryId, link,
        handoff: (flags & SAY_FLAG_HANDOFF) !== 0, serverTimeMs,
      };
    }
    default:
      return r.fail('no decoder'); // unreachable: openFrame admits only known types
  }
}

/** Decodes one frame a client sent (for tests and tools that play the server's part). */
export function decodeClient(data: ArrayBuffer | Uint8Array): ClientMessage {
  const buf = toBytes(data);
  if (buf.length > Limits.CLIENT_FRAME_BYTES) {
    throw new ProtocolError('malformed', `frame of ${buf.length} bytes exceeds the client limit of ${Limits.CLIENT_FRAME_BYTES}`);
  }
  const r = openFrame(buf, CLIENT_NAMES);
  return closeFrame(r, readClientBody(r));
}

function readClientBody(r: FrameReader): ClientMessage {
  switch (r.frameType) {
    case MsgType.HELLO: {
      const minVersion = r.varInt(1, 255, 'Hello.minVersion');
      const maxVersion = r.varInt(1, 255, 'Hello.maxVersion');
      const token = r.string(Limits.TOKEN_BYTES, 'Hello.token');
      const clientName = r.string(Limits.CLIENT_NAME_BYTES, 'Hello.clientName');
      if (maxVersion < minVersion) r.fail(`Hello.maxVersion: ${maxVersion} is below minVersion ${minVersion}`);
      return { type: 'hello', minVersion, maxVersion, token, clientName };
    }
    case MsgType.JOIN: {
      const spaceId = r.uuid('Join.spaceId');
      return { type: 'join', spaceId, resumeKey: r.u64('Join.resumeKey') };
    }
    case MsgType.LEAVE:
      return { type: 'leave' };
    case MsgType.INPUT: {
      const seq = r.varInt(0, MAX_INT, 'Input.seq');
      const x = r.finiteF32('Input.x');
      const y = r.finiteF32('Input.y');
      const z = r.finiteF32('Input.z');
      const yaw = r.finiteF32('Input.yaw');
      const pitch = r.finiteF32('Input.pitch');
      const vx = r.finiteF32('Input.vx');
      const vy = r.finiteF32('Input.vy');
      const vz = r.finiteF32('Input.vz');
      const anim = r.u8('Input.anim');
      const clientTimeMs = r.time('Input.clientTimeMs');
      return { type: 'input', seq, x, y, z, yaw, pitch, vx, vy, vz, anim, clientTimeMs };
    }
    case MsgType.CHAT: {
      const scope = r.enumOf(CHAT_SCOPES, 'Chat.scope');
      const toEntity = r.varUint32('Chat.toEntity');
      const text = r.string(Limits.CHAT_TEXT_BYTES, 'Chat.text');
      const direct = scope === 'direct';
      if (direct ? toEntity < 1 || toEntity > MAX_INT : toEntity !== 0) {
        r.fail(`Chat.toEntity: toEntity must be ${direct ? '>= 1' : '0'} for scope ${scope.toUpperCase()}, got ${toEntity}`);
      }
      return { type: 'chat', scope, toEntity, text };
    }
    case MsgType.EMOTE:
      return { type: 'emote', emote: r.u8('Emote.emote') };
    case MsgType.GRAB:
      return { type: 'grab', objectEntity: r.varInt(1, MAX_INT, 'Grab.objectEntity') };
    case MsgType.MOVE_OBJECT: {
      const objectEntity = r.varInt(1, MAX_INT, 'MoveObject.objectEntity');
      const x = r.finiteF32('MoveObject.x');
      const y = r.finiteF32('MoveObject.y');
      const z = r.finiteF32('MoveObject.z');
      const yaw = r.finiteF32('MoveObject.yaw');
      return { type: 'moveObject', objectEntity, x, y, z, yaw };
    }
    case MsgType.RELEASE:
      return { type: 'release', objectEntity: r.varInt(1, MAX_INT, 'Release.objectEntity') };
    case MsgType.PING:
      return { type: 'ping', clientTimeMs: r.time('Ping.clientTimeMs') };
    case MsgType.VOICE_SIGNAL: {
      const toEntity = r.varInt(1, MAX_INT, 'VoiceSignal.toEntity');
      const kind = r.enumOf(VOICE_KINDS, 'VoiceSignal.kind');
      return { type: 'voiceSignal', toEntity, kind, payload: r.string(Limits.VOICE_PAYLOAD_BYTES, 'VoiceSignal.payload') };
    }
    case MsgType.MODERATE: {
      const action = r.enumOf(MODERATION_ACTIONS, 'Moderate.action');
      const targetEntity = r.varInt(1, MAX_INT, 'Moderate.targetEntity');
      return { type: 'moderate', action, targetEntity, reason: r.string(Limits.MODERATE_REASON_BYTES, 'Moderate.reason') };
    }
    case MsgType.TWIN_COMMAND: {
      const requestId = r.varInt(0, MAX_INT, 'TwinCommand.requestId');
      const twin = r.text(Limits.TWIN_ID_BYTES, 'TwinCommand.twin');
      const kind = r.enumOf(TWIN_COMMAND_KINDS, 'TwinCommand.kind');
      const name = r.text(Limits.TWIN_NAME_BYTES, 'TwinCommand.name');
      return { type: 'twinCommand', requestId, twin, kind, name, json: r.text(Limits.TWIN_COMMAND_JSON_BYTES, 'TwinCommand.json') };
    }
    default:
      return r.fail('no decoder');
  }
}
