import { describe, expect, it } from 'vitest';
import {
  decodeClient, decodeServer, encodeClient, encodeServer, errorName, Mask, pitchFromSteps, pitchToSteps,
  ProtocolError, toCentimetres, fromCentimetres, yawFromSteps, yawToSteps,
  type ClientMessage, type EntityUpdate, type ServerMessage,
} from './codec';

// Vectors from docs/protocol.md and pujiang-protocol's KnownVectorsTest / MalformedTest.

function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}

function full(entity: number, x: number, y: number, z: number, yaw: number, pitch: number, vx: number, vy: number, vz: number, anim: number): EntityUpdate {
  return { entity, mask: Mask.ALL, x, y, z, yaw, pitch, vx, vy, vz, anim };
}

function malformedServer(h: string): string {
  try {
    decodeServer(hex(h));
  } catch (e) {
    expect(e).toBeInstanceOf(ProtocolError);
    expect((e as ProtocolError).kind).toBe('malformed');
    return (e as ProtocolError).message;
  }
  throw new Error(`decoded: ${h}`);
}

function malformedClient(h: string): string {
  try {
    decodeClient(hex(h));
  } catch (e) {
    expect(e).toBeInstanceOf(ProtocolError);
    expect((e as ProtocolError).kind).toBe('malformed');
    return (e as ProtocolError).message;
  }
  throw new Error(`decoded: ${h}`);
}

describe('known vectors', () => {
  it('Hello', () => {
    const m: ClientMessage = { type: 'hello', minVersion: 1, maxVersion: 1, token: 'pj1.x', clientName: 'web' };
    expect(toHex(encodeClient(m))).toBe('01 01 01 01 05 70 6a 31 2e 78 03 77 65 62');
    expect(decodeClient(hex('01 01 01 01 05 70 6a 31 2e 78 03 77 65 62'))).toEqual(m);
  });

  it('Join, fresh and with a key (u64 little-endian)', () => {
    expect(toHex(encodeClient({ type: 'join', spaceId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', resumeKey: 0n })))
      .toBe('01 02 01 90 a1 b2 c3 d4 7e 5f 8a 9b 0c 1d 2e 3f 4a 5b 00 00 00 00 00 00 00 00');
    const withKey = { type: 'join', spaceId: '00000000-0000-0000-0000-000000000000', resumeKey: 0x0102030405060708n } as const;
    const h = '01 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 08 07 06 05 04 03 02 01';
    expect(toHex(encodeClient(withKey))).toBe(h);
    expect(decodeClient(hex(h))).toEqual(withKey);
    // the whole 64 bits survive
    const big = { type: 'join', spaceId: 'ffffffff-ffff-ffff-ffff-ffffffffffff', resumeKey: 0xffffffffffffffffn } as const;
    expect(decodeClient(encodeClient(big))).toEqual(big);
  });

  it('Input', () => {
    const m: ClientMessage = { type: 'input', seq: 7, x: 1.5, y: 0, z: -2.25, yaw: 0, pitch: 0, vx: 0, vy: 0, vz: 0, anim: 0, clientTimeMs: 1000 };
    const h = '01 04 07 00 00 c0 3f 00 00 00 00 00 00 10 c0 ' + '00 '.repeat(20) + '00 e8 07';
    expect(toHex(encodeClient(m))).toBe(h);
    expect(decodeClient(hex(h))).toEqual(m);
  });

  it('direct chat in Chinese', () => {
    const m: ClientMessage = { type: 'chat', scope: 'direct', toEntity: 3, text: '你好' };
    expect(toHex(encodeClient(m))).toBe('01 05 02 03 06 e4 bd a0 e5 a5 bd');
  });

  it('Ping with a large time', () => {
    expect(toHex(encodeClient({ type: 'ping', clientTimeMs: 1_700_000_000_000 }))).toBe('01 0a 80 d0 95 ff bc 31');
  });

  it('State with one update (the doc\'s example)', () => {
    const h = '01 83 ac 02 80 d0 95 ff bc 31 01 05 03 ac 02 00 c1 03 00 80 00 80';
    const u: EntityUpdate = { entity: 5, mask: Mask.POS | Mask.ROT, x: 1.5, y: 0, z: -2.25, yaw: Math.PI, pitch: 0, vx: 0, vy: 0, vz: 0, anim: 0 };
    expect(toHex(encodeServer({ type: 'state', tick: 300, serverTimeMs: 1_700_000_000_000, updates: [u] }))).toBe(h);
    const m = decodeServer(hex(h));
    if (m.type !== 'state') throw new Error(m.type);
    expect(m.tick).toBe(300);
    expect(m.serverTimeMs).toBe(1_700_000_000_000);
    expect(m.updates).toHaveLength(1);
    const d = m.updates[0]!;
    expect(d.entity).toBe(5);
    expect(d.mask).toBe(3);
    expect(d.x).toBe(1.5);
    expect(d.y).toBe(0);
    expect(d.z).toBe(-2.25);
    expect(d.yaw).toBeCloseTo(Math.PI, 12);
    expect(Math.abs(d.pitch)).toBeLessThan(Math.PI / 65535);
    expect(d.vx).toBe(0);
  });

  it('Enter of an object', () => {
    const h = '01 84 02 02 03 62 6f 78 00 0f c8 01 00 00 00 00 00 80 00 00 00 00';
    const m: ServerMessage = { type: 'enter', entity: 2, kind: 'object', name: 'box', userId: '', state: full(2, 1, 0, 0, 0, 0, 0, 0, 0, 0) };
    expect(toHex(encodeServer(m))).toBe(h);
    const d = decodeServer(hex(h));
    if (d.type !== 'enter') throw new Error(d.type);
    expect(d.kind).toBe('object');
    expect(d.name).toBe('box');
    expect(d.state.x).toBe(1);
  });

  it('Error', () => {
    const h = '01 8c 09 09 73 6c 6f 77 20 64 6f 77 6e';
    expect(toHex(encodeServer({ type: 'error', code: 9, message: 'slow down' }))).toBe(h);
    expect(decodeServer(hex(h))).toEqual({ type: 'error', code: 9, message: 'slow down' });
    expect(errorName(9)).toBe('RATE_LIMITED');
    expect(errorName(99)).toBe('ERROR_99');
  });

  // The same frames as pujiang-protocol's KnownVectorsTest (twin*).
  it('TwinCommand, desired and action', () => {
    const d: ClientMessage = { type: 'twinCommand', requestId: 7, twin: 'pump-1', kind: 'desired', name: 'setpoint', json: '72.5' };
    const dh = '01 0d 07 06 70 75 6d 70 2d 31 00 08 73 65 74 70 6f 69 6e 74 04 37 32 2e 35';
    expect(toHex(encodeClient(d))).toBe(dh);
    expect(decodeClient(hex(dh))).toEqual(d);
    const a: ClientMessage = { type: 'twinCommand', requestId: 300, twin: 'pump-1', kind: 'action', name: 'open', json: 'null' };
    const ah = '01 0d ac 02 06 70 75 6d 70 2d 31 01 04 6f 70 65 6e 04 6e 75 6c 6c';
    expect(toHex(encodeClient(a))).toBe(ah);
    expect(decodeClient(hex(ah))).toEqual(a);
  });

  it('TwinUpdate', () => {
    const m: ServerMessage = { type: 'twinUpdate', twin: 'pump-1', json: '{"reported":{"t":1}}', serverTimeMs: 1_700_000_000_000 };
    const h = '01 8f 06 70 75 6d 70 2d 31 14 7b 22 72 65 70 6f 72 74 65 64 22 3a 7b 22 74 22 3a 31 7d 7d 80 d0 95 ff bc 31';
    expect(toHex(encodeServer(m))).toBe(h);
    expect(decodeServer(hex(h))).toEqual(m);
  });

  it('TwinReply, ok and refused', () => {
    const ok: ServerMessage = { type: 'twinReply', requestId: 7, ok: true, code: '', message: '', json: '72.5' };
    expect(toHex(encodeServer(ok))).toBe('01 90 07 01 00 00 04 37 32 2e 35');
    expect(decodeServer(hex('01 90 07 01 00 00 04 37 32 2e 35'))).toEqual(ok);
    const no: ServerMessage = { type: 'twinReply', requestId: 7, ok: false, code: 'twin:forbidden', message: 'no', json: 'null' };
    const h = '01 90 07 00 0e 74 77 69 6e 3a 66 6f 72 62 69 64 64 65 6e 02 6e 6f 04 6e 75 6c 6c';
    expect(toHex(encodeServer(no))).toBe(h);
    expect(decodeServer(hex(h))).toEqual(no);
  });

  // The same frames as pujiang-protocol's KnownVectorsTest (say*).
  it('Say, plain and with cues', () => {
    const plain: ServerMessage = {
      type: 'say', fromEntity: 0, fromName: '', scope: 'space', text: 'hi', lang: '', gesture: '', expression: '',
      words: [], entryId: '', link: '', handoff: false, serverTimeMs: 0,
    };
    const ph = '01 91 00 00 00 02 68 69 00 00 00 00 00 00 00 00';
    expect(toHex(encodeServer(plain))).toBe(ph);
    expect(decodeServer(hex(ph))).toEqual(plain);
    const cued: ServerMessage = {
      type: 'say', fromEntity: 3, fromName: 'Guide', scope: 'direct', text: '你好 hi', lang: 'zh-CN', gesture: 'greet',
      expression: 'smile', words: [{ start: 0, end: 1, atMs: 0 }, { start: 1, end: 2, atMs: 230 }, { start: 3, end: 5, atMs: 600 }],
      entryId: 'kb-1', link: 'https://x.cn/a', handoff: true, serverTimeMs: 1_700_000_000_000,
    };
    const ch = '01 91 03 05 47 75 69 64 65 02 09 e4 bd a0 e5 a5 bd 20 68 69 05 7a 68 2d 43 4e '
      + '05 67 72 65 65 74 05 73 6d 69 6c 65 03 00 01 00 01 02 e6 01 03 05 d8 04 '
      + '04 6b 62 2d 31 0e 68 74 74 70 73 3a 2f 2f 78 2e 63 6e 2f 61 01 80 d0 95 ff bc 31';
    expect(toHex(encodeServer(cued))).toBe(ch);
    expect(decodeServer(hex(ch))).toEqual(cued);
  });

  it('primitive examples from the doc', () => {
    // varint 2 147 483 647 = ff ff ff ff 07 (Grab of the largest id)
    expect(toHex(encodeClient({ type: 'grab', objectEntity: 2147483647 }))).toBe('01 07 ff ff ff ff 07');
    expect(toHex(encodeClient({ type: 'grab', objectEntity: 128 }))).toBe('01 07 80 01');
    // zigzag −150 = ab 02: an update of x = −1.5 m
    const s = encodeServer({ type: 'state', tick: 0, serverTimeMs: 0, updates: [{ entity: 1, mask: Mask.POS, x: -1.5, y: 0, z: 0, yaw: 0, pitch: 0, vx: 0, vy: 0, vz: 0, anim: 0 }] });
    expect(toHex(s)).toBe('01 83 00 00 01 01 01 ab 02 00 00');
    // string "é" = 02 c3 a9
    expect(toHex(encodeClient({ type: 'chat', scope: 'space', toEntity: 0, text: 'é' }))).toBe('01 05 00 00 02 c3 a9');
  });
});

const SPACE = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const NOW = 1_760_000_000_123;
const MAX_TIME = Number.MAX_SAFE_INTEGER;

const clientSamples: ClientMessage[] = [
  { type: 'hello', minVersion: 1, maxVersion: 1, token: 'pj1.AaILZGfHfA-j8N84lPw6vQ.xfmDv4JOo8vTdlflMBG5YSpEaf2oU', clientName: 'pujiang-web/0.1' },
  { type: 'hello', minVersion: 1, maxVersion: 255, token: 't'.repeat(512), clientName: '名'.repeat(21) },
  { type: 'join', spaceId: SPACE, resumeKey: 0x8000000000000001n },
  { type: 'leave' },
  { type: 'input', seq: 0, x: 1.5, y: 0, z: -2.25, yaw: 3, pitch: -0.5, vx: 1.25, vy: 0, vz: -4, anim: 2, clientTimeMs: NOW },
  { type: 'input', seq: 2147483647, x: 3.4028234663852886e38, y: -1, z: 0.5, yaw: 0, pitch: 100, vx: -1e9, vy: 0.25, vz: 0.125, anim: 255, clientTimeMs: MAX_TIME },
  { type: 'chat', scope: 'space', toEntity: 0, text: 'hello, 浦江 🌊' },
  { type: 'chat', scope: 'nearby', toEntity: 0, text: '' },
  { type: 'chat', scope: 'direct', toEntity: 7, text: '😀'.repeat(250) },
  { type: 'emote', emote: 255 },
  { type: 'grab', objectEntity: 1 },
  { type: 'moveObject', objectEntity: 12, x: 10.5, y: 0.75, z: -3, yaw: 1.5 },
  { type: 'release', objectEntity: 300 },
  { type: 'ping', clientTimeMs: 0 },
  { type: 'ping', clientTimeMs: MAX_TIME },
  { type: 'voiceSignal', toEntity: 4, kind: 'offer', payload: '{"sdp":"v=0\\r\\n"}' },
  { type: 'voiceSignal', toEntity: 1, kind: 'bye', payload: 'x'.repeat(8192) },
  { type: 'moderate', action: 'kick', targetEntity: 1, reason: '坏'.repeat(66) },
  { type: 'twinCommand', requestId: 0, twin: 'pump-1', kind: 'desired', name: 'setpoint', json: '72.5' },
  { type: 'twinCommand', requestId: 2147483647, twin: '泵', kind: 'action', name: '模式', json: '{"mode":"自动"}' },
  { type: 'twinCommand', requestId: 1, twin: 't'.repeat(256), kind: 'action', name: 'n'.repeat(128), json: `"${'j'.repeat(8190)}"` },
];

const serverSamples: ServerMessage[] = [
  { type: 'welcome', version: 1, serverTimeMs: NOW, tickHz: 20, userId: SPACE, displayName: '小明', role: 'member' },
  { type: 'welcome', version: 255, serverTimeMs: MAX_TIME, tickHz: 1000, userId: 'u'.repeat(64), displayName: '😀'.repeat(64), role: 'r'.repeat(32) },
  { type: 'joined', spaceId: SPACE, spaceName: '外滩展厅 The Bund Hall', selfEntity: 1, resumeKey: 0x123456789abcdef0n, bounds: { minX: -50, minY: 0, minZ: -50, maxX: 50, maxY: 20, maxZ: 50 }, capacity: 200, interestRadius: 30 },
  { type: 'state', tick: 0, serverTimeMs: 0, updates: [] },
  {
    type: 'state', tick: 300, serverTimeMs: NOW, updates: [
      full(6, -100.01, 2, 33.33, yawFromSteps(yawToSteps(6.2)), pitchFromSteps(pitchToSteps(-1.2)), 1.5, -9.81, 0, 7),
      { entity: 7, mask: Mask.VEL, x: 0, y: 0, z: 0, yaw: 0, pitch: 0, vx: 3, vy: 0, vz: -3, anim: 0 },
      { entity: 8, mask: Mask.ANIM, x: 0, y: 0, z: 0, yaw: 0, pitch: 0, vx: 0, vy: 0, vz: 0, anim: 255 },
      { entity: 9, mask: 0, x: 0, y: 0, z: 0, yaw: 0, pitch: 0, vx: 0, vy: 0, vz: 0, anim: 0 },
      full(2147483647, -21474836.48, 21474836.47, -0.01, yawFromSteps(65535), pitchFromSteps(65535), 21474836.47, -21474836.48, 0.01, 255),
    ],
  },
  { type: 'enter', entity: 3, kind: 'avatar', name: '小明', userId: SPACE, state: full(3, 1, 0, 2, yawFromSteps(yawToSteps(0.5)), pitchFromSteps(pitchToSteps(0.1)), 0, 0, 0, 1) },
  { type: 'enter', entity: 4, kind: 'agent', name: '导览员 Guide', userId: '', state: full(4, 0, 0, 0, 0, pitchFromSteps(32768), 0, 0, 0, 0) },
  { type: 'exit', entity: 2147483647 },
  { type: 'chatEvent', fromEntity: 2, fromName: '小明', scope: 'nearby', text: '你好 🌊', serverTimeMs: NOW },
  { type: 'chatEvent', fromEntity: 0, fromName: '', scope: 'space', text: 'é'.repeat(500), serverTimeMs: MAX_TIME },
  { type: 'emoteEvent', entity: 2, emote: 17 },
  { type: 'holder', objectEntity: 5, holderEntity: 0 },
  { type: 'presence', entries: [{ userId: SPACE, displayName: '小明', role: 'member' }, { userId: '', displayName: '', role: '' }] },
  { type: 'presenceChange', joined: false, entry: { userId: SPACE, displayName: 'Li', role: 'guest' } },
  { type: 'pong', clientTimeMs: 12345, serverTimeMs: NOW },
  { type: 'voiceRelay', fromEntity: 3, kind: 'ice', payload: '{"candidate":"a"}' },
  { type: 'goodbye', code: 16, reason: 'server stopping' },
  { type: 'twinUpdate', twin: 'pump-1', json: '{"reported":{"temperature":72.4},"metadata":{"temperature":{"ts":1760000000000,"source":"mqtt"}}}', serverTimeMs: NOW },
  { type: 'twinUpdate', twin: 't'.repeat(256), json: `[${'0,'.repeat(32766)}10]`, serverTimeMs: MAX_TIME },
  { type: 'twinReply', requestId: 0, ok: true, code: '', message: '', json: '72.5' },
  { type: 'twinReply', requestId: 5, ok: false, code: 'c'.repeat(64), message: '错'.repeat(166), json: '1'.repeat(16384) },
  ...(['space', 'nearby', 'direct'] as const).map((scope): ServerMessage => ({
    type: 'say', fromEntity: 4, fromName: '导览员 Guide', scope, text: '欢迎，请随我来。Welcome!', lang: 'zh-CN',
    gesture: 'greet', expression: 'smile',
    words: [{ start: 0, end: 1, atMs: 0 }, { start: 1, end: 2, atMs: 230 }, { start: 8, end: 15, atMs: 1400 }],
    entryId: '', link: '', handoff: false, serverTimeMs: NOW,
  })),
  {
    type: 'say', fromEntity: 0, fromName: '', scope: 'direct', text: 'I am not sure; staff have been told.', lang: 'en',
    gesture: 'shrug', expression: 'concerned', words: [], entryId: 'hall-42', link: 'https://example.cn/guide?id=42',
    handoff: true, serverTimeMs: NOW,
  },
  {
    type: 'say', fromEntity: 2147483647, fromName: '😀'.repeat(64), scope: 'nearby', text: 'a'.repeat(16384),
    lang: 'l'.repeat(16), gesture: 'g'.repeat(32), expression: 'e'.repeat(32),
    words: Array.from({ length: 2048 }, (_, i) => ({ start: i * 8, end: i * 8 + 5, atMs: i * 100 })),
    entryId: 'i'.repeat(64), link: '链'.repeat(170), handoff: true, serverTimeMs: MAX_TIME,
  },
];

describe('round trips', () => {
  it('every client sample decodes to itself', () => {
    for (const m of clientSamples) expect(decodeClient(encodeClient(m))).toEqual(m);
  });

  it('every server sample decodes to itself (quantised values)', () => {
    for (const m of serverSamples) {
      const back = decodeServer(encodeServer(m));
      expect(encodeServer(back)).toEqual(encodeServer(m)); // exact on the wire
      if (m.type === 'state' && back.type === 'state') {
        m.updates.forEach((u, i) => {
          const b = back.updates[i]!;
          expect(b.x).toBeCloseTo(u.x, 6);
          expect(b.yaw).toBeCloseTo(u.yaw, 9);
          expect(b.pitch).toBeCloseTo(u.pitch, 9);
        });
      } else {
        expect(back).toEqual(m);
      }
    }
  });

  it('accepts an ArrayBuffer as well as a Uint8Array', () => {
    const bytes = encodeServer({ type: 'exit', entity: 3 });
    const copy = new ArrayBuffer(bytes.length);
    new Uint8Array(copy).set(bytes);
    expect(decodeServer(copy)).toEqual({ type: 'exit', entity: 3 });
  });
});

describe('strict decoding', () => {
  it('every sample cut short at every offset is malformed (or, at 0/1 bytes, refused)', () => {
    let checked = 0;
    const frames = [...clientSamples.map((m) => ({ b: encodeClient(m), server: false })), ...serverSamples.map((m) => ({ b: encodeServer(m), server: true }))];
    for (const { b, server } of frames) {
      for (let len = 0; len < Math.min(b.length, 80); len++) {
        const cut = b.slice(0, len);
        expect(() => (server ? decodeServer(cut) : decodeClient(cut))).toThrow(ProtocolError);
        try {
          if (server) decodeServer(cut); else decodeClient(cut);
        } catch (e) {
          expect((e as ProtocolError).kind).toBe('malformed');
          expect((e as ProtocolError).message).toContain('truncated');
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('a trailing byte is malformed', () => {
    for (const m of serverSamples) {
      const b = encodeServer(m);
      const longer = new Uint8Array(b.length + 1);
      longer.set(b);
      expect(() => decodeServer(longer)).toThrow(`1 trailing bytes at offset ${b.length}`);
    }
  });

  it('other versions and unknown types', () => {
    const v = (() => { try { decodeServer(hex('02 81')); } catch (e) { return e as ProtocolError; } return null; })();
    expect(v?.kind).toBe('unsupported-version');
    const u = (() => { try { decodeServer(hex('01 92')); } catch (e) { return e as ProtocolError; } return null; })();
    expect(u?.kind).toBe('unknown-type');
    expect(u?.frameType).toBe(0x92);
    expect(() => decodeClient(hex('01 0e'))).toThrow(/unknown message type 0x0e/);
    expect(() => decodeServer(hex('01 80'))).toThrow(/unknown message type 0x80/);
    expect(() => decodeServer(hex('01 0a 00'))).toThrow(/unknown/); // a client type sent to the client
    expect(() => decodeClient(hex('01 85 01'))).toThrow(/unknown/);
  });

  it('varints longer than their width, or not minimal', () => {
    expect(malformedClient('01 07 80 80 80 80 80 01')).toContain('longer than 5 bytes');
    expect(malformedClient('01 07 ff ff ff ff 7f')).toContain('exceeds 32 bits');
    expect(malformedClient('01 0a 80 80 80 80 80 80 80 80 80 80 01')).toContain('longer than 10 bytes');
    expect(malformedClient('01 07 81 00')).toContain('non-minimal varint');
    expect(malformedServer('01 85 81 00')).toContain('non-minimal varint');
    // a varlong whose tenth byte carries more than one bit
    expect(malformedServer('01 8b ff ff ff ff ff ff ff ff ff 02 00')).toContain('exceeds 64 bits');
  });

  it('huge lengths and counts are refused before allocating', () => {
    expect(malformedClient('01 01 01 01 80 80 80 80 08 41')).toContain('string of 2147483648 bytes at offset 4 exceeds the 512-byte limit');
    expect(malformedClient('01 01 01 01 ff ff ff ff 0f')).toContain('string of 4294967295 bytes');
    expect(malformedClient('01 01 01 01 f4 03 41 42')).toContain('Hello.token: truncated at offset 6');
    expect(malformedClient('01 01 01 01 00 41' + ' 61'.repeat(65))).toContain('exceeds the 64-byte limit');
    expect(malformedClient('01 05 00 00 e9 07' + ' 61'.repeat(1001))).toContain('Chat.text');
    expect(malformedServer('01 83 00 00 80 94 eb dc 03')).toMatch(/count 1000000000.*limit of 4096/);
    expect(malformedServer('01 89 80 94 eb dc 03')).toContain('limit of 10000');
    expect(malformedServer('01 89 90 4e 00 00 00')).toContain('needs at least 30000 more bytes, 3 left');
    expect(malformedServer('01 83 00 00 80 20 01 00')).toContain('truncated');
  });

  it('bad UTF-8', () => {
    expect(malformedClient('01 05 00 00 02 c3 41')).toContain('Chat.text: invalid UTF-8 at offset 5');
    expect(malformedServer('01 86 00 03 ed a0 80 00 00 00')).toContain('ChatEvent.fromName: invalid UTF-8');
    // overlong '/' (c0 af), above U+10FFFF (f4 90 80 80), cut sequence (e4 bd)
    expect(malformedServer('01 8c 01 02 c0 af')).toContain('invalid UTF-8');
    expect(malformedServer('01 8c 01 04 f4 90 80 80')).toContain('invalid UTF-8');
    expect(malformedServer('01 8c 01 02 e4 bd')).toContain('invalid UTF-8');
    // a leading BOM is kept as text
    const m = decodeServer(hex('01 8c 01 03 ef bb bf'));
    expect(m.type === 'error' && m.message).toBe('\ufeff');
  });

  it('twin messages (as MalformedTest.twinMessages)', () => {
    expect(malformedClient('01 0d 01 01 74 02 01 6e 01 31')).toContain('TwinCommand.kind: invalid value 2');
    expect(malformedClient('01 0d 01 00 00 01 6e 01 31')).toContain('TwinCommand.twin: must not be empty');
    expect(malformedClient('01 0d 01 01 74 00 00 01 31')).toContain('TwinCommand.name: must not be empty');
    expect(malformedClient('01 0d 01 01 74 01 01 6e 00')).toContain('TwinCommand.json: must not be empty');
    expect(malformedClient('01 0d 80 80 80 80 08 01 74 00 01 6e 01 31')).toContain('TwinCommand.requestId');
    expect(malformedClient('01 0d 01 81 02' + ' 74'.repeat(257) + ' 00 01 6e 01 31'))
      .toContain('TwinCommand.twin: string of 257 bytes at offset 3 exceeds the 256-byte limit');
    expect(malformedClient('01 0d 01 01 74 00 01 6e 81 40' + ' 31'.repeat(8193))).toContain('TwinCommand.json: string of 8193 bytes');
    expect(malformedServer('01 8f 01 74 00 00')).toContain('TwinUpdate.json: must not be empty');
    expect(malformedServer('01 8f 01 74 01 31 80 80 80 80 80 80 80 10')).toContain('TwinUpdate.serverTimeMs');
    expect(malformedServer('01 90 01 01 01 63 00 01 31')).toContain('TwinReply.code: code must be empty when ok');
    expect(malformedServer('01 90 01 00 00 00 01 31')).toContain('code must not be empty when not ok');
    expect(malformedServer('01 90 01 02 00 00 01 31')).toContain('TwinReply.ok: invalid value 2');
    expect(malformedServer('01 90 01 01 00 00 00')).toContain('TwinReply.json: must not be empty');
  });

  it('say messages (as MalformedTest.sayMessages)', () => {
    const head = '01 91 00 00 00 02 68 69 00 00 00';
    const tail = ' 00 00 00 00';
    expect(decodeServer(hex(head + ' 00' + tail)).type).toBe('say');
    expect(malformedServer('01 91 00 00 00 00 00 00 00 00 00 00 00 00')).toContain('Say.text: must not be empty');
    expect(malformedServer('01 91 00 00 03 02 68 69 00 00 00 00' + tail)).toContain('Say.scope: invalid value 3');
    expect(malformedServer(head + ' 00 00 00 02 00')).toContain('Say.flags: reserved bits set in 2');
    expect(malformedServer(head + ' 00 00 00 81 00')).toContain('Say.flags: reserved bits set in 129');
    expect(malformedServer('01 91 00 00 00 81 80 01' + ' 61'.repeat(16385) + ' 00 00 00 00' + tail))
      .toContain('Say.text: string of 16385 bytes at offset 5 exceeds the 16384-byte limit');
    expect(malformedServer('01 91 00 00 00 02 68 69 11' + ' 6c'.repeat(17) + ' 00 00 00' + tail)).toContain('Say.lang: string of 17 bytes');
    expect(malformedServer(head + ' 00 00 00 00 80 80 80 80 80 80 80 10')).toContain('Say.serverTimeMs');
    expect(malformedServer(head + ' 81 10' + ' 00 01 00'.repeat(2049) + tail)).toContain('Say.words: count 2049');
    expect(malformedServer(head + ' 01 00 03 00' + tail)).toContain("Say.words[0] ends at 3, past the text's 2");
    expect(malformedServer(head + ' 01 01 01 00' + tail)).toContain('Say.words[0] ends at 1, not after its start 1');
    expect(malformedServer(head + ' 02 01 02 00 00 01 00' + tail))
      .toContain("Say.words[1] starts at 0, before the previous word's start 1");
    expect(malformedServer(head + ' 02 00 01 05 01 02 04' + tail)).toContain("Say.words[1] is at 4 ms, before the previous word's 5 ms");
    expect(malformedServer(head + ' 02 00 01')).toContain('truncated');
  });

  it('invalid enums, booleans and masks', () => {
    expect(malformedClient('01 05 03 00 00')).toContain('Chat.scope: invalid value 3');
    expect(malformedClient('01 0b 01 04 00')).toContain('VoiceSignal.kind: invalid value 4');
    expect(malformedClient('01 0c 03 01 00')).toContain('Moderate.action: invalid value 3');
    expect(malformedServer('01 84 01 03 00 00 0f 00 00 00 00 00 00 00 00 00 00 00 00')).toContain('Enter.kind: invalid value 3');
    expect(malformedServer('01 8a 02 00 00 00')).toContain('PresenceChange.joined: invalid value 2');
    expect(malformedServer('01 8d 01 ff 00')).toContain('VoiceRelay.kind');
    expect(malformedServer('01 83 00 00 01 05 10')).toContain('reserved bits set in 16');
    expect(malformedServer('01 84 01 00 00 00 01 00 00 00')).toContain('Enter.state: mask must be 15, got 1');
  });

  it('values out of range', () => {
    expect(malformedClient('01 07 00')).toContain('Grab.objectEntity: 0 at offset 2 outside 1..2147483647');
    expect(malformedClient('01 07 80 80 80 80 08')).toContain('2147483648');
    expect(malformedClient('01 05 02 00 00')).toContain('toEntity must be >= 1 for scope DIRECT');
    expect(malformedClient('01 05 00 05 00')).toContain('toEntity must be 0 for scope SPACE');
    expect(malformedClient('01 0a 80 80 80 80 80 80 80 10')).toContain('Ping.clientTimeMs');
    expect(malformedClient('01 01 02 01 00 00')).toContain('maxVersion: 1 is below minVersion 2');
    expect(malformedClient('01 01 00 01 00 00')).toContain('Hello.minVersion');
    expect(malformedServer('01 85 00')).toContain('Exit.entity');
    // time 2^53 - 1 is the largest accepted
    expect(decodeServer(hex('01 8b 00 ff ff ff ff ff ff ff 0f'))).toEqual({ type: 'pong', clientTimeMs: 0, serverTimeMs: MAX_TIME });
  });

  it('non-finite floats', () => {
    expect(malformedClient('01 04 00 00 00 c0 7f' + ' 00'.repeat(28) + ' 00 00')).toContain('Input.x: NaN at offset 3 is not finite');
    expect(malformedClient('01 08 01' + ' 00'.repeat(12) + ' 00 00 80 7f')).toContain('MoveObject.yaw: Infinity');
  });

  it('Joined rules on the wire', () => {
    const head = '01 82' + ' 00'.repeat(16) + ' 00 01';
    const bounds = ' 00 00 00 00'.repeat(3) + ' 00 00 80 3f'.repeat(3);
    const tail = ' 01 00 00 f0 41';
    expect(malformedServer(head + ' 00'.repeat(8) + bounds + tail)).toContain('Joined.resumeKey: must not be 0');
    const swapped = ' 00 00 00 40' + ' 00 00 00 00'.repeat(2) + ' 00 00 80 3f'.repeat(3);
    expect(malformedServer(head + ' 01' + ' 00'.repeat(7) + swapped + tail)).toContain('a min exceeds its max');
    expect(malformedServer(head + ' 01' + ' 00'.repeat(7) + bounds + ' 01 00 00 00 00')).toContain('Joined.interestRadius: must be > 0');
    const ok = decodeServer(hex(head + ' 01' + ' 00'.repeat(7) + bounds + tail));
    expect(ok.type === 'joined' && ok.resumeKey).toBe(1n);
    expect(ok.type === 'joined' && ok.interestRadius).toBe(30);
  });

  it('a random-bytes fuzz never throws anything but ProtocolError', () => {
    let seed = 12345;
    const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
    const frames = serverSamples.map(encodeServer).filter((b) => b.length < 2000);
    for (let i = 0; i < 20_000; i++) {
      const base = frames[rnd() % frames.length]!;
      const b = base.slice();
      const flips = 1 + (rnd() % 3);
      for (let k = 0; k < flips; k++) b[2 + (rnd() % Math.max(1, b.length - 2))] = rnd() & 0xff;
      try {
        decodeServer(b);
      } catch (e) {
        expect(e).toBeInstanceOf(ProtocolError);
      }
    }
  });
});

describe('encoding refuses what v1 cannot carry', () => {
  it('throws invalid-argument', () => {
    const bad: ClientMessage[] = [
      { type: 'chat', scope: 'space', toEntity: 0, text: 'a'.repeat(1001) },
      { type: 'chat', scope: 'direct', toEntity: 0, text: 'hi' },
      { type: 'chat', scope: 'space', toEntity: 0, text: 'lone \ud800 surrogate' },
      { type: 'grab', objectEntity: 0 },
      { type: 'input', seq: 0, x: NaN, y: 0, z: 0, yaw: 0, pitch: 0, vx: 0, vy: 0, vz: 0, anim: 0, clientTimeMs: 0 },
      { type: 'input', seq: 0, x: 1e39, y: 0, z: 0, yaw: 0, pitch: 0, vx: 0, vy: 0, vz: 0, anim: 0, clientTimeMs: 0 },
      { type: 'ping', clientTimeMs: -1 },
      { type: 'ping', clientTimeMs: 1.5 },
      { type: 'join', spaceId: 'not-a-uuid', resumeKey: 0n },
      { type: 'twinCommand', requestId: 1, twin: '', kind: 'desired', name: 'p', json: '1' },
      { type: 'twinCommand', requestId: 1, twin: 't', kind: 'action', name: 'a', json: '' },
      { type: 'twinCommand', requestId: -1, twin: 't', kind: 'action', name: 'a', json: 'null' },
      { type: 'twinCommand', requestId: 1, twin: 't', kind: 'desired', name: 'p', json: '1'.repeat(8193) },
    ];
    const say = (over: Partial<Extract<ServerMessage, { type: 'say' }>>): ServerMessage => ({
      type: 'say', fromEntity: 0, fromName: '', scope: 'space', text: 'abc', lang: '', gesture: '', expression: '',
      words: [], entryId: '', link: '', handoff: false, serverTimeMs: 0, ...over,
    });
    const badServer: ServerMessage[] = [
      say({ text: '' }),
      say({ text: 'a'.repeat(16385) }),
      say({ lang: 'zh-Hans-CN-x-pujiang' }),
      say({ gesture: 'g'.repeat(33) }),
      say({ entryId: 'i'.repeat(65) }),
      say({ link: 'l'.repeat(513) }),
      say({ fromEntity: -1 }),
      say({ words: [{ start: 1, end: 1, atMs: 0 }] }),
      say({ words: [{ start: 0, end: 4, atMs: 0 }] }),
      say({ words: [{ start: 1, end: 2, atMs: 0 }, { start: 0, end: 1, atMs: 0 }] }),
      say({ words: [{ start: 0, end: 1, atMs: 9 }, { start: 1, end: 2, atMs: 8 }] }),
      say({ words: [{ start: 0, end: 1, atMs: -1 }] }),
      say({ words: Array.from({ length: 2049 }, () => ({ start: 0, end: 1, atMs: 0 })) }),
      say({ serverTimeMs: 2 ** 53 }),
    ];
    for (const m of badServer) {
      expect(() => encodeServer(m)).toThrow(ProtocolError);
      try { encodeServer(m); } catch (e) { expect((e as ProtocolError).kind).toBe('invalid-argument'); }
    }
    for (const m of bad) {
      try {
        encodeClient(m);
        throw new Error(`encoded ${JSON.stringify(m, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`);
      } catch (e) {
        expect(e).toBeInstanceOf(ProtocolError);
        expect((e as ProtocolError).kind).toBe('invalid-argument');
      }
    }
  });
});

describe('quantisation', () => {
  it('centimetres round half away from zero', () => {
    expect(toCentimetres(1.5)).toBe(150);
    expect(toCentimetres(-2.25)).toBe(-225);
    expect(toCentimetres(0.125)).toBe(13);
    expect(toCentimetres(-0.125)).toBe(-13);
    expect(Object.is(toCentimetres(-0.001), 0)).toBe(true);
    expect(fromCentimetres(-225)).toBe(-2.25);
    expect(() => toCentimetres(3e7)).toThrow(ProtocolError);
    expect(toCentimetres(21_000_000)).toBe(2_100_000_000);
  });

  it('yaw wraps around the circle', () => {
    expect(yawToSteps(Math.PI)).toBe(32768);
    expect(yawToSteps(-Math.PI / 2)).toBe(49152);
    expect(yawToSteps(2 * Math.PI - 1e-7)).toBe(0);
    expect(yawFromSteps(16384)).toBeCloseTo(Math.PI / 2, 12);
    for (let i = 0; i < 1000; i++) {
      const yaw = -20 + i * 0.04;
      const back = yawFromSteps(yawToSteps(yaw));
      const d = Math.abs(((back - yaw) % (2 * Math.PI) + 3 * Math.PI) % (2 * Math.PI) - Math.PI);
      expect(d).toBeLessThanOrEqual(Math.PI / 65536 + 1e-9);
    }
  });

  it('pitch is clamped and keeps half a step', () => {
    expect(pitchToSteps(0)).toBe(32768);
    expect(pitchToSteps(-3)).toBe(0);
    expect(pitchToSteps(3)).toBe(65535);
    expect(pitchFromSteps(0)).toBeCloseTo(-Math.PI / 2, 12);
    expect(pitchFromSteps(65535)).toBeCloseTo(Math.PI / 2, 12);
    expect(Math.abs(pitchFromSteps(pitchToSteps(0.3)) - 0.3)).toBeLessThanOrEqual(Math.PI / 65535 / 2 + 1e-12);
  });
});
