// Checks, in the browser, that a ledger entry about an asset is in the transparency log: the answer of
// GET /api/assets/{id}/proof?logIndex=N carries the entry's exact bytes, an inclusion proof and the
// log's signed checkpoint; this recomputes the leaf hash, walks the proof to the checkpoint's root and
// verifies the checkpoint's Ed25519 signature (and witness cosignatures, when the log names witnesses).
// Nothing here trusts the server's word: only hashes and signatures.

import { fromBase64, subtleCrypto, toHex, type Bytes } from './bytes';
import { parseCheckpoint } from './checkpoint';
import { KEY_COSIGNATURE_V1, parseNote, parseVerifierKey, verifyCosignature, verifyNote } from './note';
import { leafHash, verifyInclusion } from './proof';

/** The proof document, as the server sends it. */
export interface AssetProofInput {
  logIndex: number;
  /** base64 of the entry's exact bytes (canonical JSON). */
  leaf: string;
  inclusion: { index: number; size: number; hashes: readonly string[] };
  /** The signed note of the checkpoint the proof is against. */
  checkpoint: string;
  /** The log's verifier key. */
  vkey: string;
}

/** What GET /api/log/key publishes: the log's key and origin, its witnesses' keys and how many must cosign. */
export interface LogKeyInput { origin: string; vkey: string; witnesses: readonly string[]; quorum: number }

/** What the entry should be about (from the provenance event being checked). */
export interface Expected {
  asset: string;
  logIndex: number;
  kind?: string;
  edition?: number | null;
}

export type FailureCode =
  | 'crypto'          // no WebCrypto / no Ed25519 here (plain http on a non-local address)
  | 'key'             // the verifier key is not a valid note key
  | 'key-mismatch'    // the proof names another key than the log publishes
  | 'note'            // the checkpoint is not a well-formed signed note / checkpoint body
  | 'origin'          // the checkpoint is of another log
  | 'unsigned'        // no signature by the log's key
  | 'signature'       // the log's signature does not verify
  | 'leaf'            // the entry bytes are not base64 of a JSON entry
  | 'leaf-mismatch'   // the entry is about something else
  | 'index'           // the proof is for another position than the event's
  | 'size'            // the proof is for another tree size than the checkpoint's
  | 'proof-shape'     // the proof cannot be a proof for that index and size
  | 'proof-mismatch'; // the proof leads to another root

export type ProofVerdict =
  | {
    ok: true;
    logIndex: number;
    /** Entries in the log at the checkpoint. */
    size: number;
    root: Bytes;
    rootHex: string;
    origin: string;
    keyName: string;
    keyIdHex: string;
    /** The decoded entry. */
    entry: Record<string, unknown>;
    /** Cosignatures by the log's witnesses that verify (distinct witnesses), and the quorum asked for. */
    witnesses: { cosigned: number; quorum: number; known: number } | null;
  }
  | { ok: false; code: FailureCode; detail: string };

const fail = (code: FailureCode, detail: string): ProofVerdict => ({ ok: false, code, detail });

export async function verifyAssetProof(proof: AssetProofInput, expected: Expected, log?: LogKeyInput): Promise<ProofVerdict> {
  if (subtleCrypto() === null) return fail('crypto', 'WebCrypto is not available: the page must be served over https (or from localhost)');
  try {
    return await verify(proof, expected, log);
  } catch (e) {
    // Only WebCrypto itself throws here (no Ed25519, no SHA-256).
    return fail('crypto', e instanceof Error ? e.message : String(e));
  }
}

async function verify(proof: AssetProofInput, expected: Expected, log?: LogKeyInput): Promise<ProofVerdict> {
  // 1. The key: well formed, and the one the log publishes.
  const key = await parseVerifierKey(proof.vkey);
  if (!key.ok) return fail('key', key.message);
  if (log !== undefined && log.vkey !== proof.vkey) return fail('key-mismatch', `the proof is signed by ${key.value.name}, not by the log's published key`);

  // 2. The checkpoint: a signed note whose body is a checkpoint of this log, signed by that key.
  const note = parseNote(proof.checkpoint);
  if (!note.ok) return fail('note', note.message);
  const cp = parseCheckpoint(note.value.text);
  if (!cp.ok) return fail('note', cp.message);
  const checkpoint = cp.checkpoint;
  if (log !== undefined && checkpoint.origin !== log.origin) return fail('origin', `the checkpoint is of "${checkpoint.origin}", not "${log.origin}"`);
  const signed = await verifyNote(note.value, key.value);
  if (!signed.ok) return fail(signed.code === 'unsigned' ? 'unsigned' : 'signature', signed.message);

  // 3. The entry: what it says must be what the card shows.
  const leaf = fromBase64(proof.leaf);
  if (leaf === null) return fail('leaf', 'the entry is not base64');
  const entry = decodeEntry(leaf);
  if (entry === null) return fail('leaf', 'the entry is not a JSON object');
  if (entry['asset'] !== expected.asset) return fail('leaf-mismatch', `the entry is about asset ${String(entry['asset'])}, not ${expected.asset}`);
  if (expected.kind !== undefined && entry['kind'] !== expected.kind) {
    return fail('leaf-mismatch', `the entry is a ${String(entry['kind'])}, not a ${expected.kind}`);
  }
  if (typeof expected.edition === 'number' && typeof entry['edition'] === 'number' && entry['edition'] !== expected.edition) {
    return fail('leaf-mismatch', `the entry is about edition ${entry['edition']}, not ${expected.edition}`);
  }

  // 4. The proof: for this position, against this checkpoint's tree, leading to its root.
  const { index, size, hashes } = proof.inclusion;
  if (index !== expected.logIndex || proof.logIndex !== expected.logIndex) {
    return fail('index', `the proof is for entry ${index}, not ${expected.logIndex}`);
  }
  if (size !== checkpoint.size) return fail('size', `the proof is for a tree of ${size}, the checkpoint for ${checkpoint.size}`);
  const path: Bytes[] = [];
  for (const [i, h] of hashes.entries()) {
    const b = fromBase64(h);
    if (b === null) return fail('proof-shape', `proof hash ${i} is not base64`);
    path.push(b);
  }
  const included = await verifyInclusion(index, size, await leafHash(leaf), path, checkpoint.root);
  if (!included.ok) return fail(included.code === 'shape' ? 'proof-shape' : 'proof-mismatch', included.message);

  // 5. Witnesses (extra assurance: the same tree was seen by others). Unknown or bad ones do not count.
  let witnesses: { cosigned: number; quorum: number; known: number } | null = null;
  if (log !== undefined && log.witnesses.length > 0) {
    let cosigned = 0;
    let known = 0;
    for (const w of new Set(log.witnesses)) {
      const wk = await parseVerifierKey(w);
      if (!wk.ok || wk.value.type !== KEY_COSIGNATURE_V1) continue;
      known++;
      if ((await verifyCosignature(note.value, wk.value)) !== null) cosigned++;
    }
    witnesses = { cosigned, quorum: log.quorum, known };
  }

  return { ok: true, logIndex: index, size: checkpoint.size, root: checkpoint.root, rootHex: toHex(checkpoint.root),
    origin: checkpoint.origin, keyName: key.value.name, keyIdHex: toHex(key.value.keyId), entry, witnesses };
}

function decodeEntry(bytes: Bytes): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : null;
  } catch {
    return null;
  }
}
