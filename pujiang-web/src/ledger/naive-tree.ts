// The Merkle tree of RFC 9162 §2.1 written straight from its recursive definitions: MTH (§2.1.1) and
// PATH (§2.1.3.1). Slow (it rehashes whole subtrees) and only for tests, as the reference the
// verifier is checked against; the app never imports it.

import { sha256, type Bytes } from './bytes';
import { leafHash, nodeHash } from './proof';

/** The largest power of two smaller than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) of the given entries. */
export async function treeHash(entries: readonly Uint8Array[]): Promise<Bytes> {
  if (entries.length === 0) return sha256(new Uint8Array(0));
  if (entries.length === 1) return leafHash(entries[0]!);
  const k = split(entries.length);
  return nodeHash(await treeHash(entries.slice(0, k)), await treeHash(entries.slice(k)));
}

/** PATH(m, D[n]): the inclusion proof of entry m. */
export async function inclusionPath(m: number, entries: readonly Uint8Array[]): Promise<Bytes[]> {
  if (entries.length <= 1) return [];
  const k = split(entries.length);
  if (m < k) return [...await inclusionPath(m, entries.slice(0, k)), await treeHash(entries.slice(k))];
  return [...await inclusionPath(m - k, entries.slice(k)), await treeHash(entries.slice(0, k))];
}
