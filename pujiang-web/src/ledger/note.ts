// C2SP signed notes (https://c2sp.org/signed-note) and their verifier keys, checked with WebCrypto's
// Ed25519, as golang.org/x/mod/sumdb/note does:
//
//   <text, ending in a newline>
//   <blank line>
//   — <key name> <base64(key id (4 bytes) || signature)>     (one line per signature; U+2014 em dash)
//
// A verifier key is "<name>+<key id, 8 hex digits>+<base64(type byte || public key)>"; the key id is
// the first 4 bytes of SHA-256(name || "\n" || type byte || public key). Type 0x01 is an Ed25519 note
// key; type 0x04 an Ed25519 witness key of C2SP tlog-cosignature (cosignature/v1), whose signature is
// over "cosignature/v1\ntime <unix seconds>\n" + the checkpoint body and carries that time (8 bytes,
// big-endian) before the 64 signature bytes.

import { concat, equalBytes, fromBase64, fromHex, sha256, subtleCrypto, toHex, utf8, type Bytes } from './bytes';

export const KEY_ED25519 = 0x01;
export const KEY_COSIGNATURE_V1 = 0x04;
const SIGNATURE_SIZE = 64;
/** golang.org/x/mod/sumdb/note refuses notes with more signatures than this. */
const MAX_SIGNATURES = 100;
const SIGNATURE_PREFIX = '\u2014 ';

export interface VerifierKey {
  name: string;
  /** 4 bytes. */
  keyId: Bytes;
  type: number;
  /** The 32-byte Ed25519 public key. */
  publicKey: Bytes;
  /** The key as text, as it was given. */
  vkey: string;
}

export interface NoteSignature {
  name: string;
  keyId: Bytes;
  /** What follows the key id: for 0x01 keys the signature, for 0x04 keys the timestamp and signature. */
  payload: Bytes;
}

export interface SignedNote {
  /** The signed text, ending in a newline (for a checkpoint: its body). */
  text: string;
  signatures: NoteSignature[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Key names: non-empty, no white space, no "+" (it separates the parts of a verifier key). */
export function isValidKeyName(name: string): boolean {
  return name !== '' && !/[\s\u0085+]/u.test(name);
}

export async function keyIdOf(name: string, type: number, publicKey: Uint8Array): Promise<Bytes> {
  return (await sha256(concat(utf8(name), utf8('\n'), new Uint8Array([type]), publicKey))).slice(0, 4);
}

/** Parses a verifier key and checks that its key id is the one its name and key give. */
export async function parseVerifierKey(vkey: string): Promise<Parsed<VerifierKey>> {
  const bad = (message: string): Parsed<VerifierKey> => ({ ok: false, message: `invalid verifier key - ${message}` });
  // The base64 part may itself contain "+": split at the first two only.
  const first = vkey.indexOf('+');
  const second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
  if (second < 0) return bad('expected name+id+key');
  const name = vkey.slice(0, first);
  const idHex = vkey.slice(first + 1, second);
  if (!isValidKeyName(name)) return bad(`bad key name "${name}"`);
  const keyId = idHex.length === 8 ? fromHex(idHex) : null;
  if (keyId === null) return bad('the key id is not 8 hex digits');
  const raw = fromBase64(vkey.slice(second + 1));
  if (raw === null || raw.length !== 33) return bad('the key is not base64 of a type byte and 32 key bytes');
  const type = raw[0]!;
  if (type !== KEY_ED25519 && type !== KEY_COSIGNATURE_V1) return bad(`unknown key type 0x${type.toString(16).padStart(2, '0')}`);
  const publicKey = raw.slice(1);
  const computed = await keyIdOf(name, type, publicKey);
  if (!equalBytes(computed, keyId)) return bad(`key id ${idHex} does not match the name and key (${toHex(computed)})`);
  return { ok: true, value: { name, keyId, type, publicKey, vkey } };
}

/** Splits a signed note into its text and signature lines; checks the syntax only. */
export function parseNote(message: string): Parsed<SignedNote> {
  const bad = (why: string): Parsed<SignedNote> => ({ ok: false, message: `malformed note - ${why}` });
  // Only newline among the control characters, in the text and in the signatures.
  if (/[\u0000-\u0009\u000b-\u001f]/.test(message)) return bad('control character');
  const split = message.lastIndexOf('\n\n');
  if (split < 0) return bad('no blank line before the signatures');
  const text = message.slice(0, split + 1);
  let rest = message.slice(split + 2);
  if (!rest.endsWith('\n')) return bad('the last signature line does not end with a newline');
  const signatures: NoteSignature[] = [];
  while (rest !== '') {
    const nl = rest.indexOf('\n');
    const line = rest.slice(0, nl);
    rest = rest.slice(nl + 1);
    if (!line.startsWith(SIGNATURE_PREFIX)) return bad(`signature line "${line}" does not start with "— "`);
    const body = line.slice(SIGNATURE_PREFIX.length);
    const space = body.indexOf(' ');
    const name = space < 0 ? body : body.slice(0, space);
    const blob = space < 0 ? null : fromBase64(body.slice(space + 1));
    if (!isValidKeyName(name) || blob === null || blob.length < 5) return bad(`bad signature line "${line}"`);
    signatures.push({ name, keyId: blob.slice(0, 4), payload: blob.slice(4) });
    if (signatures.length > MAX_SIGNATURES) return bad(`more than ${MAX_SIGNATURES} signatures`);
  }
  if (signatures.length === 0) return bad('no signatures');
  return { ok: true, value: { text, signatures } };
}

async function ed25519Verify(publicKey: Bytes, signature: Bytes, message: Bytes): Promise<boolean> {
  const subtle = subtleCrypto();
  if (subtle === null) throw new Error('WebCrypto is not available (the page needs https or localhost)');
  try {
    const key = await subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
    return await subtle.verify({ name: 'Ed25519' }, key, signature, message);
  } catch (e) {
    // An unknown algorithm is the browser's limit, not a bad signature: say so.
    if (e instanceof Error && (e.name === 'NotSupportedError' || /unrecognized|not supported/i.test(e.message))) {
      throw new Error(`this browser's WebCrypto has no Ed25519 (${e.message})`);
    }
    return false; // a key that is not a curve point, and the like
  }
}

const signedBy = (s: NoteSignature, key: VerifierKey) => s.name === key.name && equalBytes(s.keyId, key.keyId);

export type NoteCheck = { ok: true } | { ok: false; code: 'unsigned' | 'invalid'; message: string };

/**
 * Checks the note's signature by an Ed25519 note key (type 0x01). As Go's note.Open: signatures by
 * other keys are ignored; a signature that names this key but does not verify fails the note.
 */
export async function verifyNote(note: SignedNote, key: VerifierKey): Promise<NoteCheck> {
  if (key.type !== KEY_ED25519) return { ok: false, code: 'unsigned', message: `${key.name} is not an Ed25519 note key` };
  const mine = note.signatures.filter((s) => signedBy(s, key));
  if (mine.length === 0) return { ok: false, code: 'unsigned', message: `no signature by ${key.name}+${toHex(key.keyId)}` };
  const text = utf8(note.text);
  for (const s of mine) {
    if (s.payload.length !== SIGNATURE_SIZE || !(await ed25519Verify(key.publicKey, s.payload, text))) {
      return { ok: false, code: 'invalid', message: `the signature by ${key.name} does not verify` };
    }
  }
  return { ok: true };
}

/**
 * A witness's cosignature (cosignature/v1, key type 0x04) on the note's text, which must be a
 * checkpoint body: the time it was made (unix seconds), or null when there is none or it does not verify.
 */
export async function verifyCosignature(note: SignedNote, key: VerifierKey): Promise<number | null> {
  if (key.type !== KEY_COSIGNATURE_V1) return null;
  for (const s of note.signatures) {
    if (!signedBy(s, key) || s.payload.length !== 8 + SIGNATURE_SIZE) continue;
    const time = new DataView(s.payload.buffer, s.payload.byteOffset, 8).getBigUint64(0, false);
    if (time > BigInt(Number.MAX_SAFE_INTEGER)) continue;
    const message = utf8(`cosignature/v1\ntime ${time}\n${note.text}`);
    if (await ed25519Verify(key.publicKey, s.payload.slice(8), message)) return Number(time);
  }
  return null;
}
