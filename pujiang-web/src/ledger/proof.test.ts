import { describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8, type Bytes } from './bytes';
import { inclusionPath, treeHash } from './naive-tree';
import { leafHash, nodeHash, rootFromInclusion, verifyInclusion } from './proof';
import vectors from './vectors/rfc6962.json';

const hex = (h: string): Bytes => fromHex(h)!;
const leaves = vectors.leaves.map(hex);
const roots = vectors.roots.map(hex);

describe('RFC 6962 hashing', () => {
  it('hashes leaves and nodes with their domain-separation prefixes', async () => {
    // echo -n 00 | xxd -r -p | sha256sum   (the empty entry behind its 0x00 leaf prefix)
    expect(toHex(await leafHash(new Uint8Array(0)))).toBe(vectors.roots[0]);
    // echo -n 004C313233343536 | xxd -r -p | sha256sum   (transparency-dev/merkle rfc6962_test.go)
    expect(toHex(await leafHash(utf8('L123456')))).toBe('395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56');
    // echo -n 014E3132334E343536 | xxd -r -p | sha256sum   (N123 and N456 as children)
    expect(toHex(await nodeHash(utf8('N123'), utf8('N456')))).toBe('aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb');
  });

  it('gives the known roots of the trees of the first 1..8 standard leaves', async () => {
    for (let n = 1; n <= 8; n++) expect(toHex(await treeHash(leaves.slice(0, n))), `size ${n}`).toBe(vectors.roots[n - 1]);
    expect(toHex(await treeHash([]))).toBe(vectors.emptyRoot);
  });
});

/** The tampered counterparts of one good proof, as transparency-dev/merkle's corruptInclusionProof makes them. */
function tampered(index: number, size: number, proof: Bytes[], root: Bytes, leaf: Bytes) {
  const some = hex(vectors.someHash);
  const out: { desc: string; index: number; size: number; leaf: Bytes; proof: Bytes[]; root: Bytes }[] = [
    { desc: 'index - 1', index: index - 1, size, leaf, proof, root },
    { desc: 'index + 1', index: index + 1, size, leaf, proof, root },
    { desc: 'index ^ 2', index: index ^ 2, size, leaf, proof, root },
    { desc: 'size * 2', index, size: size * 2, leaf, proof, root },
    { desc: 'size / 2', index, size: Math.floor(size / 2), leaf, proof, root },
    { desc: 'wrong leaf', index, size, leaf: utf8('WrongLeaf'), proof, root },
    { desc: 'empty root', index, size, leaf, proof, root: hex(vectors.emptyRoot) },
    { desc: 'random root', index, size, leaf, proof, root: some },
    { desc: 'trailing garbage', index, size, leaf, proof: [...proof, new Uint8Array(0)], root },
    { desc: 'trailing root', index, size, leaf, proof: [...proof, root], root },
    { desc: 'preceding garbage', index, size, leaf, proof: [new Uint8Array(0), ...proof], root },
    { desc: 'preceding root', index, size, leaf, proof: [root, ...proof], root },
  ];
  proof.forEach((_, i) => {
    const wrong = proof.map((p) => p.slice());
    wrong[i]![0]! ^= 8;
    out.push({ desc: `modified proof[${i}] bit 3`, index, size, leaf, proof: wrong, root });
  });
  if (proof.length > 0) out.push({ desc: 'removed component', index, size, leaf, proof: proof.slice(0, -1), root });
  if (proof.length > 1) out.push({ desc: 'inserted component', index, size, leaf, proof: [proof[0]!, some, ...proof.slice(1)], root });
  return out;
}

describe('inclusion proofs (RFC 9162 §2.1.3.2)', () => {
  it('verifies the known proofs and recomputes their roots', async () => {
    for (const v of vectors.inclusion) {
      const leaf = await leafHash(leaves[v.index]!);
      const proof = v.proof.map(hex);
      const got = await rootFromInclusion(v.index, v.size, leaf, proof);
      expect(got.ok && toHex(got.root), `${v.index}/${v.size}`).toBe(vectors.roots[v.size - 1]);
      expect((await verifyInclusion(v.index, v.size, leaf, proof, roots[v.size - 1]!)).ok).toBe(true);
      // The naive PATH gives the same hashes.
      expect((await inclusionPath(v.index, leaves.slice(0, v.size))).map(toHex)).toEqual(v.proof);
    }
  });

  it('refuses every tampered counterpart', async () => {
    for (const v of vectors.inclusion.filter((x) => x.size > 1)) {
      const leaf = await leafHash(leaves[v.index]!);
      for (const t of tampered(v.index, v.size, v.proof.map(hex), roots[v.size - 1]!, leaf)) {
        const r = await verifyInclusion(t.index, t.size, t.leaf, t.proof, t.root);
        expect(r.ok, `${v.index}/${v.size}: ${t.desc}`).toBe(false);
      }
    }
  });

  it('tells a malformed proof from one that leads elsewhere', async () => {
    const leaf = await leafHash(leaves[0]!);
    const proof = vectors.inclusion[1]!.proof.map(hex);
    const short = await verifyInclusion(0, 8, leaf, proof.slice(0, 2), roots[7]!);
    expect(short.ok === false && short.code).toBe('shape');
    const long = await verifyInclusion(0, 8, leaf, [...proof, proof[0]!], roots[7]!);
    expect(long.ok === false && long.code).toBe('shape');
    expect((await verifyInclusion(8, 8, leaf, proof, roots[7]!)).ok === false).toBe(true);
    const wrongRoot = await verifyInclusion(0, 8, leaf, proof, roots[6]!);
    expect(wrongRoot.ok === false && wrongRoot.code).toBe('mismatch');
    if (!wrongRoot.ok && wrongRoot.code === 'mismatch') expect(toHex(wrongRoot.computed)).toBe(vectors.roots[7]);
    // A single-entry tree: the root is the leaf hash, the proof empty.
    expect((await verifyInclusion(0, 1, leaf, [], leaf)).ok).toBe(true);
    expect((await verifyInclusion(0, 1, leaf, [], new Uint8Array(0))).ok).toBe(false);
    expect((await verifyInclusion(0, 0, leaf, [], leaf)).ok).toBe(false);
    expect((await verifyInclusion(-1, 4, leaf, [], leaf)).ok).toBe(false);
    expect((await verifyInclusion(0.5, 4, leaf, [], leaf)).ok).toBe(false);
  });

  it('verifies every index of every tree size up to 33 against the recursive definition', async () => {
    const entries = Array.from({ length: 33 }, (_, i) => utf8(`entry ${i}`));
    for (let size = 1; size <= 33; size++) {
      const tree = entries.slice(0, size);
      const root = await treeHash(tree);
      for (let index = 0; index < size; index++) {
        const proof = await inclusionPath(index, tree);
        const r = await verifyInclusion(index, size, await leafHash(tree[index]!), proof, root);
        expect(r.ok, `${index}/${size}`).toBe(true);
        if (size > 1) {
          const other = await verifyInclusion((index + 1) % size, size, await leafHash(tree[index]!), proof, root);
          expect(other.ok, `moved ${index}/${size}`).toBe(false);
        }
      }
    }
  });
});
