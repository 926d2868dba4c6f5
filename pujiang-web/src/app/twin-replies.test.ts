import { describe, expect, it } from 'vitest';
import { replyMessage } from './twin-replies';

const reply = (ok: boolean, code: string, message = '', value: unknown = null) => ({ requestId: 1, ok, code, message, value });

describe('twin replies', () => {
  it('says done, with the accepted value when there is one', () => {
    expect(replyMessage(reply(true, ''))).toEqual({ key: 'twin.ok', ok: true });
    expect(replyMessage(reply(true, '', '', 72.5))).toEqual({ key: 'twin.okValue', params: { value: '72.5' }, ok: true });
  });

  it('names known refusals and passes the server message on for the rest', () => {
    expect(replyMessage(reply(false, 'twin:forbidden', 'no')).key).toBe('twin.error.forbidden');
    expect(replyMessage(reply(false, 'twin:payload.invalid', 'setpoint above 100'))).toEqual(
      { key: 'twin.error.payload', params: { message: 'setpoint above 100' }, ok: false });
    expect(replyMessage(reply(false, 'twin:device-offline')).key).toBe('twin.error.offline');
    expect(replyMessage(reply(false, 'client:timeout')).key).toBe('twin.error.timeout');
    expect(replyMessage(reply(false, 'twin:something-new'))).toEqual(
      { key: 'twin.error.other', params: { message: 'twin:something-new' }, ok: false });
  });
});
