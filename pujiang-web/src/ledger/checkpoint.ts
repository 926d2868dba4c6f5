// The body of a C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the log's origin, its size and
// the RFC 9162 root hash of that many entries, one per line, each line ending in a newline; optional
// extension lines may follow. The signatures around it are note.ts's business.

import { fromBase64, type Bytes } from './bytes';
import { HASH_SIZE } from './proof';

export interface Checkpoint {
  origin: string;
  size: number;
  root: Bytes;
  /** Lines after the root (non-empty); kept, not interpreted. */
  extensions: string[];
}

export type CheckpointParse = { ok: true; checkpoint: Checkpoint } | { ok: false; message: string };

export function parseCheckpoint(body: string): CheckpointParse {
  const bad = (message: string): CheckpointParse => ({ ok: false, message: `invalid checkpoint - ${message}` });
  if (!body.endsWith('\n')) return bad('the body does not end with a newline');
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) return bad('too few newlines');
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin === '') return bad('empty origin');
  // Decimal without leading zeros, as Go's strconv.FormatUint writes it.
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) return bad(`size "${sizeText}" is not a decimal number`);
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) return bad(`size ${sizeText} is too large`);
  const root = fromBase64(rootText);
  if (root === null || root.length !== HASH_SIZE) return bad('the root hash is not 32 bytes of base64');
  if (extensions.some((e) => e === '')) return bad('empty extension line');
  return { ok: true, checkpoint: { origin, size, root, extensions } };
}
