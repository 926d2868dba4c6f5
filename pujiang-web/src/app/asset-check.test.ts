import { describe, expect, it } from 'vitest';
import type { AssetProofDoc, ProvenanceEvent } from '../api/rest';
import { concat, toBase64, toHex, utf8 } from '../ledger/bytes';
import { inclusionPath, treeHash } from '../ledger/naive-tree';
import { KEY_ED25519, keyIdOf } from '../ledger/note';
import { checkEdition, partyLabel } from './asset-check';

const ASSET = 'a-1';
const ev = (kind: string, logIndex: number, edition: number | null): ProvenanceEvent =>
  ({ kind, logIndex, edition, from: null, to: null, at: 0 });

async function signedLog(entries: string[]) {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']) as CryptoKeyPair;
  const pub = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const name = 'pujiang.test/log';
  const id = await keyIdOf(name, KEY_ED25519, pub);
  const vkey = `${name}+${toHex(id)}+${toBase64(concat(new Uint8Array([KEY_ED25519]), pub))}`;
  const leaves = entries.map(utf8);
  const body = `${name}\n${leaves.length}\n${toBase64(await treeHash(leaves))}\n`;
  const sig = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, utf8(body)));
  const checkpoint = `${body}\n\u2014 ${name} ${toBase64(concat(id, sig))}\n`;
  return {
    vkey, origin: name,
    proof: async (_asset: string, logIndex: number): Promise<AssetProofDoc> => ({ logIndex, leaf: toBase64(leaves[logIndex]!), checkpoint, vkey,
      inclusion: { index: logIndex, size: leaves.length, hashes: (await inclusionPath(logIndex, leaves)).map(toBase64) } }),
  };
}

describe('checking an edition', () => {
  const entries = [
    `{"asset":"${ASSET}","at":1,"kind":"register","v":1}`,
    `{"asset":"${ASSET}","at":2,"count":5,"first":1,"kind":"mint","to":"u1","v":1}`,
    `{"asset":"${ASSET}","at":3,"edition":2,"from":"u1","kind":"transfer","prev":1,"to":"u2","v":1}`,
  ];
  const events = [ev('register', 0, null), ev('mint', 1, 1), ev('transfer', 2, 2)];

  it('verifies the newest event of the edition against the published key', async () => {
    const log = await signedLog(entries);
    const asked: number[] = [];
    const src = { proof: (a: string, i: number) => { asked.push(i); return log.proof(a, i); },
      logKey: async () => ({ origin: log.origin, vkey: log.vkey, witnesses: [], quorum: 0 }) };
    const two = await checkEdition(src, ASSET, 2, events);
    expect(two.state).toBe('verified');
    expect(two.state === 'verified' && [two.event.logIndex, two.verdict.size]).toEqual([2, 3]);
    const three = await checkEdition(src, ASSET, 3, events);
    expect(three.state === 'verified' && three.event.kind).toBe('mint');
    expect(asked).toEqual([2, 1]);
  });

  it('says when there is nothing to check, the proof cannot be had, or it fails', async () => {
    const log = await signedLog(entries);
    expect(await checkEdition({ proof: log.proof, logKey: async () => null }, ASSET, 2, [])).toEqual({ state: 'none' });
    const down = await checkEdition({ proof: () => Promise.reject(new Error('503')), logKey: async () => null }, ASSET, 2, events);
    expect(down).toMatchObject({ state: 'unavailable', message: '503' });
    // Another log's key published: the proof's key does not match.
    const other = await signedLog(entries);
    const wrong = await checkEdition({ proof: log.proof, logKey: async () => ({ origin: other.origin, vkey: other.vkey, witnesses: [], quorum: 0 }) },
      ASSET, 2, events);
    expect(wrong).toMatchObject({ state: 'failed', code: 'key-mismatch' });
    // The key endpoint failing is not fatal: the proof's own key is checked.
    const noKey = await checkEdition({ proof: log.proof, logKey: () => Promise.reject(new Error('404')) }, ASSET, 2, events);
    expect(noKey.state).toBe('verified');
  });

  it('asks again while the server has no checkpoint covering the entry yet', async () => {
    const log = await signedLog(entries);
    let calls = 0;
    const slept: number[] = [];
    const notYet = Object.assign(new Error('not yet covered'), { retryAfterSec: 1 });
    const src = { proof: (a: string, i: number) => (++calls < 3 ? Promise.reject(notYet) : log.proof(a, i)), logKey: async () => null };
    const got = await checkEdition(src, ASSET, 2, events, async (ms) => { slept.push(ms); });
    expect(got.state).toBe('verified');
    expect(slept).toEqual([1000, 1000]);
    const never = await checkEdition({ proof: () => Promise.reject(notYet), logKey: async () => null }, ASSET, 2, events, async () => undefined);
    expect(never).toMatchObject({ state: 'unavailable', message: 'not yet covered' });
  });

  it('labels parties', () => {
    expect(partyLabel({ id: '0196a0c4-1e2f', name: '' }, 'x', 'you')).toBe('0196a0c4…');
    expect(partyLabel({ id: 'u1', name: 'Li' }, 'x', 'you')).toBe('Li');
    expect(partyLabel({ id: 'u1', name: 'Li' }, 'u1', 'you')).toBe('Li (you)');
    expect(partyLabel({ id: 'u1', name: '' }, 'u1', 'you')).toBe('you');
    expect(partyLabel(null, 'u1', 'you')).toBe('');
  });
});
