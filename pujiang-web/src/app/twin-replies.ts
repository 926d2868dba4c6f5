// What the twin panel says about a TwinReply: a message key and its parameters (docs/protocol.md,
// "Live twins", lists the codes). Pure, so it can be tested without a page.
import type { MessageKey, Params } from '../i18n';
import type { TwinReplyInfo } from '../net/types';
import { formatValue } from '../scene/twin-format';

const BY_CODE: Readonly<Record<string, MessageKey>> = {
  'twin:forbidden': 'twin.error.forbidden',
  'twin:payload.invalid': 'twin.error.payload',
  'twin:payload.malformed': 'twin.error.payload',
  'twin:device-offline': 'twin.error.offline',
  'twin:timeout': 'twin.error.timeout',
  'client:timeout': 'twin.error.timeout',
  'twin:not-found': 'twin.error.notFound',
  'twin:not-bound': 'twin.error.notFound',
  'twin:not-in-space': 'twin.error.notConnected',
  'twin:rate-limited': 'twin.error.rateLimited',
  'client:not-connected': 'twin.error.notConnected',
  'client:disconnected': 'twin.error.disconnected',
  'client:invalid': 'twin.error.invalid',
};

export function replyMessage(r: TwinReplyInfo): { key: MessageKey; params?: Params; ok: boolean } {
  if (r.ok) {
    return r.value === null || r.value === undefined
      ? { key: 'twin.ok', ok: true }
      : { key: 'twin.okValue', params: { value: formatValue(r.value) }, ok: true };
  }
  const key = BY_CODE[r.code] ?? 'twin.error.other';
  return { key, params: { message: r.message || r.code }, ok: false };
}
