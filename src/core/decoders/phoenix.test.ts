import { describe, expect, it } from 'vitest';
import v1Fx from './fixtures/phoenix-v1.json';
import v2Fx from './fixtures/phoenix-v2.json';
import { decodeFixture, labelled, type Fixture } from './test-helpers';

for (const [vsn, fx] of [['v1', v1Fx], ['v2', v2Fx]] as const) {
  describe(`Phoenix channels ${vsn} (phoenix JS Socket/Channel)`, () => {
    const r = decodeFixture('phoenix', fx as Fixture);

    it('decodes join, push, replies, broadcasts, heartbeat and leave', () => {
      expect(labelled(r, 'join').summary).toBe('Phoenix phx_join room:lobby ref=3 {"nick":"alice"}');
      expect(labelled(r, 'join reply').summary).toBe('Phoenix phx_reply room:lobby ref=3 ok');
      expect(labelled(r, 'push').summary).toBe('Phoenix new_msg room:lobby ref=4 join_ref=3 {"body":"hello"}');
      expect(labelled(r, 'push').fields).toEqual({ topic: 'room:lobby', event: 'new_msg', type: 'new_msg', ref: '4', joinRef: '3', status: undefined });
      expect(labelled(r, 'push reply').fields).toMatchObject({ event: 'phx_reply', ref: '4', status: 'ok' });
      expect(labelled(r, 'broadcast').summary).toBe('Phoenix new_msg room:lobby {"body":"hi all","user":"bob"}');
      expect(r.find((x) => x.decoded?.fields.event === 'heartbeat')?.decoded?.summary).toBe('Phoenix heartbeat phoenix ref=5');
      expect(labelled(r, 'heartbeat reply').summary).toBe('Phoenix phx_reply phoenix ref=5 ok');
      expect(labelled(r, 'leave').fields.event).toBe('phx_leave');
    });
  });
}

describe('Phoenix v2 binary frames', () => {
  const r = decodeFixture('phoenix', v2Fx as Fixture);

  it('decodes a client push (Serializer.binaryEncode) and server reply, broadcast and push', () => {
    expect(labelled(r, 'binary push').summary).toBe('Phoenix upload room:lobby ref=6 join_ref=3 {"$binary":4,"base64":"AQIDBA=="}');
    expect(labelled(r, 'binary reply').fields).toMatchObject({ event: 'phx_reply', ref: '99', joinRef: '3', status: 'ok' });
    expect(labelled(r, 'binary broadcast').summary).toBe('Phoenix frame room:lobby {"$binary":3,"base64":"BwcH"}');
    expect(labelled(r, 'binary server push').fields).toMatchObject({ event: 'image', joinRef: '3', ref: undefined });
  });
});
