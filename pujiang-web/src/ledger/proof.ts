// Merkle tree hashing and inclusion-proof verification of RFC 9162 §2.1 (the same tree as RFC 6962):
// what the browser needs to check, on its own, that an asset's ledger entry is in the log.
//
// Expected failures are values (ProofCheck), never exceptions: a proof from the network may be
// anything, and the card says why it failed.

import { concat, equalBytes, sha256, type Bytes } from './bytes';

export const HASH_SIZE = 32;

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/** RFC 9162 §2.1.1: the hash of a leaf is SHA-256(0x00 || entry). */
export function leafHash(entry: Uint8Array): Promise<Bytes> {
  return sha256(concat(LEAF_PREFIX, entry));
}

/** RFC 9162 §2.1.1: an interior node is SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Bytes> {
  return sha256(concat(NODE_PREFIX, left, right));
}

/**
 * Why a proof failed: `shape` — the numbers or lengths cannot belong to any valid proof (index ≥ size,
 * a hash of the wrong length, too few or too many hashes); `mismatch` — well formed, but it leads to
 * another root than the one expected.
 */
export type ProofCheck =
  | { ok: true; root: Bytes }
  | { ok: false; code: 'shape'; message: string }
  | { ok: false; code: 'mismatch'; message: string; expected: Bytes; computed: Bytes };

function shape(message: string): ProofCheck {
  return { ok: false, code: 'shape', message };
}

const isIndex = (n: number) => Number.isSafeInteger(n) && n >= 0;

/**
 * The root an inclusion proof leads to (RFC 9162 §2.1.3.2 steps 1–6), from the leaf at `index` of a
 * tree of `size` leaves. Sizes up to 2^53 − 1; arithmetic by division, not 32-bit shifts.
 */
export async function rootFromInclusion(index: number, size: number, leaf: Uint8Array,
  proof: readonly Uint8Array[]): Promise<ProofCheck> {
  if (!isIndex(index) || !isIndex(size)) return shape(`index ${index} and size ${size} must be whole numbers ≥ 0`);
  if (index >= size) return shape(`index ${index} is not below the tree size ${size}`);
  if (leaf.length !== HASH_SIZE) return shape(`the leaf hash is ${leaf.length} bytes, not ${HASH_SIZE}`);
  for (const [i, p] of proof.entries()) {
    if (p.length !== HASH_SIZE) return shape(`proof hash ${i} is ${p.length} bytes, not ${HASH_SIZE}`);
  }
  // fn walks up from the leaf, sn from the last leaf; where they meet the path stops taking left siblings.
  let fn = index;
  let sn = size - 1;
  let r: Bytes = concat(leaf);
  for (const p of proof) {
    if (sn === 0) return shape(`the proof has ${proof.length} hashes, more than a tree of ${size} needs for index ${index}`);
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      // Step 3.ii: a right-edge node with no right sibling is carried up unchanged.
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return shape(`the proof has ${proof.length} hashes, fewer than a tree of ${size} needs for index ${index}`);
  return { ok: true, root: r };
}

/** RFC 9162 §2.1.3.2: does the proof lead from the leaf hash at `index` to `root`? */
export async function verifyInclusion(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[],
  root: Uint8Array): Promise<ProofCheck> {
  if (root.length !== HASH_SIZE) return shape(`the root is ${root.length} bytes, not ${HASH_SIZE}`);
  const got = await rootFromInclusion(index, size, leaf, proof);
  if (!got.ok) return got;
  if (!equalBytes(got.root, root)) {
    return { ok: false, code: 'mismatch', message: 'the proof leads to another root than the checkpoint’s',
      expected: concat(root), computed: got.root };
  }
  return got;
}
