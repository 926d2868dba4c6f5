// What the asset card says about an edition's log proof: picks the event to check (the newest that
// concerns the edition), fetches its proof and the log's published key, and verifies it in the browser.

import type { AssetProofDoc, LogKeyDoc, Party, ProvenanceEvent } from '../api/rest';
import { verifyAssetProof, type FailureCode, type ProofVerdict } from '../ledger/asset-proof';
import { newestFor } from '../scene/asset-layout';

export type ProofState =
  | { state: 'none' }
  | { state: 'verified'; event: ProvenanceEvent; verdict: Extract<ProofVerdict, { ok: true }> }
  | { state: 'failed'; event: ProvenanceEvent; code: FailureCode; detail: string }
  | { state: 'unavailable'; event: ProvenanceEvent; message: string };

export interface ProofSource {
  proof(asset: string, logIndex: number): Promise<AssetProofDoc>;
  /** The log's published key, or null when the server does not say (the proof's own key is then used). */
  logKey(): Promise<LogKeyDoc | null>;
}

/** How often a proof the server is not ready to give (a checkpoint not yet published) is asked for again. */
const PROOF_TRIES = 4;

const sleepMs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function checkEdition(src: ProofSource, asset: string, edition: number, events: readonly ProvenanceEvent[],
  sleep: (ms: number) => Promise<void> = sleepMs): Promise<ProofState> {
  const event = newestFor(events, edition);
  if (event === null) return { state: 'none' };
  const logKey = src.logKey().catch(() => null);
  let proof: AssetProofDoc | null = null;
  for (let attempt = 1; proof === null; attempt++) {
    try {
      proof = await src.proof(asset, event.logIndex);
    } catch (err) {
      // A new entry is covered once the next checkpoint is published: the server says when to ask again.
      const retry = (err as { retryAfterSec?: unknown } | null)?.retryAfterSec;
      if (attempt < PROOF_TRIES && typeof retry === 'number' && retry >= 0 && retry <= 10) {
        await sleep(Math.max(250, retry * 1000));
        continue;
      }
      return { state: 'unavailable', event, message: err instanceof Error ? err.message : String(err) };
    }
  }
  const log: LogKeyDoc | null = await logKey;
  const verdict = await verifyAssetProof(proof, { asset, logIndex: event.logIndex, kind: event.kind, edition: event.edition },
    log ?? undefined);
  return verdict.ok ? { state: 'verified', event, verdict } : { state: 'failed', event, code: verdict.code, detail: verdict.detail };
}

/** A party as the card shows it: the display name, else the start of the account id. */
export function partyLabel(p: Party | null, selfId: string, you: string): string {
  if (p === null) return '';
  if (p.id !== '' && p.id === selfId) return p.name !== '' ? `${p.name} (${you})` : you;
  if (p.name !== '') return p.name;
  return p.id.length > 8 ? `${p.id.slice(0, 8)}…` : p.id;
}
