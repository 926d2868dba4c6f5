import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyAssetProof, type AssetProofInput, type LogKeyInput } from './asset-proof';
import { concat, toBase64, toHex, utf8 } from './bytes';
import { inclusionPath, treeHash } from './naive-tree';
import { KEY_COSIGNATURE_V1, KEY_ED25519, keyIdOf } from './note';

const ASSET = '0196a0c4-1e2f-7a3b-8c4d-5e6f7a8b9c0d';
const OTHER = '0196a0c4-0000-7a3b-8c4d-5e6f7a8b9c0d';
const ALICE = '0196a0c4-aaaa-7a3b-8c4d-5e6f7a8b9c0d';
const BOB = '0196a0c4-bbbb-7a3b-8c4d-5e6f7a8b9c0d';
const ORIGIN = 'pujiang.test/log';

// Canonical JSON entries as the ledger writes them (keys sorted, no spaces).
const ENTRIES = [
  `{"asset":"${OTHER}","at":1767225600000,"contentHash":"sha256:00","creator":"${BOB}","editions":1,"format":"png","kind":"register","licence":"CC-BY-4.0","size":10,"title":"Other","v":1}`,
  `{"asset":"${ASSET}","at":1767225601000,"contentHash":"sha256:11","creator":"${ALICE}","editions":10,"format":"glb","kind":"register","licence":"CC-BY-4.0","size":2048,"title":"Vase","v":1}`,
  `{"asset":"${ASSET}","at":1767225602000,"count":10,"first":1,"kind":"mint","to":"${ALICE}","v":1}`,
  `{"asset":"${ASSET}","at":1767225603000,"edition":3,"from":"${ALICE}","kind":"transfer","prev":2,"to":"${BOB}","v":1}`,
  `{"asset":"${OTHER}","at":1767225604000,"count":1,"first":1,"kind":"mint","to":"${BOB}","v":1}`,
].map(utf8);

interface Signer { vkey: string; name: string; id: Uint8Array; key: CryptoKey }

async function signer(name: string, type: number): Promise<Signer> {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']) as CryptoKeyPair;
  const pub = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const id = await keyIdOf(name, type, pub);
  return { name, id, key: pair.privateKey, vkey: `${name}+${toHex(id)}+${toBase64(concat(new Uint8Array([type]), pub))}` };
}

const sign = async (s: Signer, message: string) => new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, s.key, utf8(message)));

async function line(s: Signer, body: string): Promise<string> {
  return `\u2014 ${s.name} ${toBase64(concat(s.id, await sign(s, body)))}\n`;
}

async function cosignLine(w: Signer, body: string, time: number): Promise<string> {
  const ts = new Uint8Array(8);
  new DataView(ts.buffer).setBigUint64(0, BigInt(time));
  const sig = await sign(w, `cosignature/v1\ntime ${time}\n${body}`);
  return `\u2014 ${w.name} ${toBase64(concat(w.id, ts, sig))}\n`;
}

async function fixture(size = ENTRIES.length) {
  const log = await signer(ORIGIN, KEY_ED25519);
  const witnesses = [await signer('w1.test', KEY_COSIGNATURE_V1), await signer('w2.test', KEY_COSIGNATURE_V1)];
  const tree = ENTRIES.slice(0, size);
  const body = `${ORIGIN}\n${size}\n${toBase64(await treeHash(tree))}\n`;
  const checkpoint = `${body}\n${await line(log, body)}${await cosignLine(witnesses[0]!, body, 1767225700)}`;
  const proofFor = async (logIndex: number): Promise<AssetProofInput> => ({
    logIndex, leaf: toBase64(tree[logIndex]!), checkpoint, vkey: log.vkey,
    inclusion: { index: logIndex, size, hashes: (await inclusionPath(logIndex, tree)).map(toBase64) },
  });
  const logKey: LogKeyInput = { origin: ORIGIN, vkey: log.vkey, witnesses: witnesses.map((w) => w.vkey), quorum: 1 };
  return { log, witnesses, body, checkpoint, proofFor, logKey };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('asset proofs', () => {
  it('verify an entry of the asset against the signed checkpoint', async () => {
    const f = await fixture();
    const v = await verifyAssetProof(await f.proofFor(3), { asset: ASSET, logIndex: 3, kind: 'transfer', edition: 3 }, f.logKey);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.size).toBe(5);
    expect(v.rootHex).toBe(toHex(await treeHash(ENTRIES)));
    expect(v.origin).toBe(ORIGIN);
    expect(v.entry['to']).toBe(BOB);
    expect(v.witnesses).toEqual({ cosigned: 1, quorum: 1, known: 2 });
    // Without the log's published key: still checked against the key the proof names.
    const alone = await verifyAssetProof(await f.proofFor(1), { asset: ASSET, logIndex: 1 });
    expect(alone.ok && alone.witnesses).toBeNull();
  });

  it('verify every entry of every tree size', async () => {
    for (let size = 1; size <= ENTRIES.length; size++) {
      const f = await fixture(size);
      for (let i = 0; i < size; i++) {
        const asset = i === 0 || i === 4 ? OTHER : ASSET;
        expect((await verifyAssetProof(await f.proofFor(i), { asset, logIndex: i }, f.logKey)).ok, `${i}/${size}`).toBe(true);
      }
    }
  });

  it('fail with a reason for each kind of tampering', async () => {
    const f = await fixture();
    const good = await f.proofFor(3);
    const expected = { asset: ASSET, logIndex: 3, kind: 'transfer', edition: 3 };
    const check = async (p: AssetProofInput, e = expected, log: LogKeyInput | undefined = f.logKey) => {
      const v = await verifyAssetProof(p, e, log);
      return v.ok ? 'ok' : v.code;
    };
    const flipped = (b64: string) => {
      const b = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      b[0]! ^= 1;
      return toBase64(b);
    };
    expect(await check(good)).toBe('ok');
    // The entry.
    expect(await check({ ...good, leaf: toBase64(utf8(new TextDecoder().decode(ENTRIES[3]).replace(BOB, ALICE))) })).toBe('proof-mismatch');
    expect(await check({ ...good, leaf: 'not base64!' })).toBe('leaf');
    expect(await check({ ...good, leaf: toBase64(utf8('[1,2]')) })).toBe('leaf');
    expect(await check(good, { ...expected, asset: OTHER })).toBe('leaf-mismatch');
    expect(await check(good, { ...expected, kind: 'burn' })).toBe('leaf-mismatch');
    expect(await check(good, { ...expected, edition: 4 })).toBe('leaf-mismatch');
    // The proof.
    expect(await check({ ...good, inclusion: { ...good.inclusion, hashes: [flipped(good.inclusion.hashes[0]!), ...good.inclusion.hashes.slice(1)] } })).toBe('proof-mismatch');
    expect(await check({ ...good, inclusion: { ...good.inclusion, hashes: good.inclusion.hashes.slice(1) } })).toBe('proof-shape');
    expect(await check({ ...good, inclusion: { ...good.inclusion, hashes: [...good.inclusion.hashes, good.inclusion.hashes[0]!] } })).toBe('proof-shape');
    expect(await check({ ...good, inclusion: { ...good.inclusion, hashes: ['AAAA'] } })).toBe('proof-shape');
    expect(await check({ ...good, inclusion: { ...good.inclusion, index: 2 } })).toBe('index');
    expect(await check(good, { ...expected, logIndex: 2 })).toBe('index');
    expect(await check({ ...good, inclusion: { ...good.inclusion, size: 4 } })).toBe('size');
    // The checkpoint.
    expect(await check({ ...good, checkpoint: good.checkpoint.replace(`\n5\n`, `\n6\n`) })).toBe('signature');
    const [body, sigs] = good.checkpoint.split('\n\n') as [string, string];
    const otherRoot = `${ORIGIN}\n5\n${toBase64(await treeHash(ENTRIES.slice(1)))}\n`;
    expect(await check({ ...good, checkpoint: `${otherRoot}\n${sigs}` })).toBe('signature');
    expect(await check({ ...good, checkpoint: `${body}\n\n${sigs.split('\n').slice(1).join('\n')}` })).toBe('unsigned');
    expect(await check({ ...good, checkpoint: good.checkpoint.replace('\n\n', '\n') })).toBe('note');
    // Signed, correctly, by another key.
    const impostor = await signer(ORIGIN, KEY_ED25519);
    const forged = `${f.body}\n${await line(impostor, f.body)}`;
    expect(await check({ ...good, checkpoint: forged, vkey: impostor.vkey })).toBe('key-mismatch');
    expect(await check({ ...good, checkpoint: forged })).toBe('unsigned');
    expect(await check({ ...good, vkey: 'nonsense' })).toBe('key');
    expect(await check(good, expected, { ...f.logKey, origin: 'another.test/log' })).toBe('origin');
  });

  it('count only verifying cosignatures of the log’s witnesses', async () => {
    const f = await fixture();
    const both = `${f.checkpoint}${await cosignLine(f.witnesses[1]!, f.body, 1767225800)}`;
    const twice = `${f.checkpoint}${await cosignLine(f.witnesses[0]!, f.body, 1767225900)}`;
    const stranger = await signer('w3.test', KEY_COSIGNATURE_V1);
    const strange = `${f.checkpoint}${await cosignLine(stranger, f.body, 1767225800)}`;
    const bad = `${f.checkpoint}${await cosignLine(f.witnesses[1]!, f.body.replace('\n5\n', '\n6\n'), 1767225800)}`;
    const count = async (checkpoint: string) => {
      const v = await verifyAssetProof({ ...await f.proofFor(2), checkpoint }, { asset: ASSET, logIndex: 2 }, { ...f.logKey, quorum: 2 });
      return v.ok ? v.witnesses?.cosigned : v.code;
    };
    expect(await count(both)).toBe(2);
    expect(await count(twice)).toBe(1);
    expect(await count(strange)).toBe(1);
    expect(await count(bad)).toBe(1);
  });

  it('say so when WebCrypto is missing (plain http)', async () => {
    const f = await fixture(2);
    const proof = await f.proofFor(1);
    vi.stubGlobal('crypto', undefined);
    expect(await verifyAssetProof(proof, { asset: ASSET, logIndex: 1 })).toMatchObject({ ok: false, code: 'crypto' });
  });
});
