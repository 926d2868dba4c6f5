import { describe, expect, it } from 'vitest';
import { concat, fromBase64, toBase64, toHex, utf8, type Bytes } from './bytes';
import { parseCheckpoint } from './checkpoint';
import { keyIdOf, KEY_COSIGNATURE_V1, KEY_ED25519, parseNote, parseVerifierKey, verifyCosignature, verifyNote,
  type VerifierKey } from './note';
import goNotes from './vectors/go-notes.json';
import nodeNote from './vectors/node-note.json';

async function key(vkey: string): Promise<VerifierKey> {
  const k = await parseVerifierKey(vkey);
  if (!k.ok) throw new Error(k.message);
  return k.value;
}

function note(text: string) {
  const n = parseNote(text);
  if (!n.ok) throw new Error(n.message);
  return n.value;
}

describe('verifier keys', () => {
  it('parse, with the key id checked against SHA-256(name || \\n || type || key)', async () => {
    const k = await key('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
    expect(k.name).toBe('PeterNeumann');
    expect(toHex(k.keyId)).toBe('c74f20a3');
    expect(k.type).toBe(KEY_ED25519);
    expect(k.publicKey.length).toBe(32);
    expect(toHex(await keyIdOf(k.name, k.type, k.publicKey))).toBe('c74f20a3');
    // Whose base64 contains "+" (split at the first two "+" only).
    const w = await key(nodeNote.witnessVkey);
    expect(w.type).toBe(KEY_COSIGNATURE_V1);
  });

  it('refuse mangled keys', async () => {
    const good = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
    for (const bad of [
      'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', // id does not match
      'PeterNeumanm+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', // name does not match
      'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TX', // key does not match
      'PeterNeumann+c74f20+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',   // short id
      'PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',  // wrong length
      'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', // space in the name
      '+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
      'PeterNeumann+c74f20a3',
      good.slice(0, -1),
      good + 'A',
    ]) {
      expect((await parseVerifierKey(bad)).ok, bad).toBe(false);
    }
    // An unknown key type byte.
    const raw = fromBase64('ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')!;
    raw[0] = 0x02;
    const id = toHex(await keyIdOf('PeterNeumann', 0x02, raw.slice(1)));
    expect((await parseVerifierKey(`PeterNeumann+${id}+${toBase64(raw)}`)).ok).toBe(false);
  });
});

describe('signed notes', () => {
  it('verify the Go and C2SP vectors; other keys’ signatures are ignored', async () => {
    for (const v of goNotes.notes) {
      const n = note(v.note);
      expect(n.text).toBe(v.text);
      expect(await verifyNote(n, await key(v.vkey)), v.vkey).toEqual({ ok: true });
    }
  });

  it('verify a checkpoint signed by a key made with node:crypto', async () => {
    const n = note(nodeNote.note);
    expect(n.text).toBe(nodeNote.body);
    expect(n.signatures.map((s) => s.name)).toEqual([nodeNote.origin, 'witness.pujiang.test']);
    expect(await verifyNote(n, await key(nodeNote.logVkey))).toEqual({ ok: true });
    const cp = parseCheckpoint(n.text);
    expect(cp.ok && cp.checkpoint.size).toBe(8);
    expect(cp.ok && toHex(cp.checkpoint.root)).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
    expect(await verifyCosignature(n, await key(nodeNote.witnessVkey))).toBe(nodeNote.cosignedAt);
  });

  it('fail when the body changes, the signature changes, or the key is another', async () => {
    const logKey = await key(nodeNote.logVkey);
    const changed = note(nodeNote.note.replace('\n8\n', '\n9\n'));
    expect(await verifyNote(changed, logKey)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await verifyCosignature(changed, await key(nodeNote.witnessVkey))).toBeNull();

    const n = note(nodeNote.note);
    const flipped = { ...n, signatures: n.signatures.map((s, i) => i === 0 ? { ...s, payload: flip(s.payload, 10) } : s) };
    expect(await verifyNote(flipped, logKey)).toMatchObject({ ok: false, code: 'invalid' });

    // Peter's key does not vouch for the checkpoint; the witness key is no note key.
    expect(await verifyNote(n, await key(goNotes.notes[0]!.vkey))).toMatchObject({ ok: false, code: 'unsigned' });
    expect(await verifyNote(n, await key(nodeNote.witnessVkey))).toMatchObject({ ok: false, code: 'unsigned' });
    // A witness cosignature checked under the log key (type 0x01) is no cosignature.
    expect(await verifyCosignature(n, logKey)).toBeNull();
  });

  it('fail for a fresh WebCrypto key after tampering, pass untouched', async () => {
    const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']) as CryptoKeyPair;
    const pub = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    const name = 'fresh.example/log';
    const id = await keyIdOf(name, KEY_ED25519, pub);
    const vkey = `${name}+${toHex(id)}+${toBase64(concat(new Uint8Array([KEY_ED25519]), pub))}`;
    const body = 'fresh.example/log\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n';
    const sig = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, utf8(body)));
    const text = `${body}\n\u2014 ${name} ${toBase64(concat(id, sig))}\n`;
    const k = await key(vkey);
    expect(await verifyNote(note(text), k)).toEqual({ ok: true });
    expect(await verifyNote(note(text.replace('\n3\n', '\n4\n')), k)).toMatchObject({ ok: false });
    expect(await verifyNote(note(text.replace('fresh.example/log\n3', 'other.example/log\n3')), k)).toMatchObject({ ok: false });
  });

  it('refuse malformed notes', () => {
    const good = nodeNote.note;
    for (const [desc, bad] of [
      ['no blank line', good.replace('\n\n', '\n')],
      ['no final newline', good.slice(0, -1)],
      ['no signatures', nodeNote.body + '\n'],
      ['hyphen, not em dash', good.replace(/\u2014/g, '-')],
      ['signature not base64', good.replace(/ YXll/, ' !Xll')],
      ['control character', good.replace('pujiang.test/log\n8', 'pujiang.test/log\t\n8')],
      ['too short a signature', `${nodeNote.body}\n\u2014 a AAAA\n`],
    ] as const) {
      expect(parseNote(bad).ok, desc).toBe(false);
    }
  });
});

describe('checkpoint bodies', () => {
  const root = 'XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=';
  it('parse origin, size, root and extension lines', () => {
    const cp = parseCheckpoint(`o\n7\n${root}\next one\n`);
    expect(cp.ok && { origin: cp.checkpoint.origin, size: cp.checkpoint.size, ext: cp.checkpoint.extensions })
      .toEqual({ origin: 'o', size: 7, ext: ['ext one'] });
  });

  it('refuse malformed ones', () => {
    for (const bad of [
      `o\n07\n${root}\n`, // leading zero
      'o\n7\n',           // too few lines
      'o\n7\nAAAA\n',     // root not 32 bytes
      `o\n7\n${root}\n\next\n`, // empty extension line
      `o\n7\n${root}`,    // no final newline
      `\n7\n${root}\n`,   // empty origin
      `o\n-7\n${root}\n`,
      `o\n99999999999999999999\n${root}\n`,
    ]) {
      expect(parseCheckpoint(bad).ok, JSON.stringify(bad)).toBe(false);
    }
  });
});

function flip(b: Bytes, at: number): Bytes {
  const c = b.slice();
  c[at]! ^= 1;
  return c;
}
