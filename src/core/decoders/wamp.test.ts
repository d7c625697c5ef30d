import { describe, expect, it } from 'vitest';
import cborFx from './fixtures/wamp-cbor.json';
import jsonFx from './fixtures/wamp-json.json';
import msgpackFx from './fixtures/wamp-msgpack.json';
import { decodeFixture, labelled, type Fixture } from './test-helpers';

for (const [serializer, fx] of [['json', jsonFx], ['msgpack', msgpackFx], ['cbor', cborFx]] as const) {
  describe(`WAMP wamp.2.${serializer} (wampy client + wampy serializer)`, () => {
    const r = decodeFixture('wamp', fx as Fixture);

    it('names message types and shows realm, session and URIs', () => {
      expect(labelled(r, 'hello').summary).toBe('WAMP HELLO realm=realm1');
      expect(labelled(r, 'hello').fields).toMatchObject({ type: 'HELLO', realm: 'realm1', serializer });
      expect(labelled(r, 'welcome').summary).toBe('WAMP WELCOME session=9129137332');
      expect(labelled(r, 'subscribe').summary).toBe('WAMP SUBSCRIBE com.myapp.topic1 req=1');
      expect(labelled(r, 'publish').summary).toBe('WAMP PUBLISH com.myapp.topic1 req=2 ["hello"]');
      expect(labelled(r, 'call').summary).toBe('WAMP CALL com.myapp.add2 req=3 [2,3]');
      expect(labelled(r, 'call').fields).toEqual({ type: 'CALL', uri: 'com.myapp.add2', request: 3, serializer, realm: undefined });
      expect(labelled(r, 'error').summary).toBe('WAMP ERROR com.myapp.error.failed req=4 ["nope"]');
      expect(labelled(r, 'goodbye').summary).toBe('WAMP GOODBYE wamp.close.system_shutdown');
    });

    it('carries URIs to replies, events and invocations', () => {
      expect(labelled(r, 'subscribed').summary).toBe('WAMP SUBSCRIBED com.myapp.topic1 req=1 sub=5512315355');
      expect(labelled(r, 'event').summary).toBe('WAMP EVENT com.myapp.topic1 sub=5512315355 [["hello from router"],{"color":"orange"}]');
      expect(labelled(r, 'event').fields.uri).toBe('com.myapp.topic1');
      expect(labelled(r, 'result').summary).toBe('WAMP RESULT com.myapp.add2 req=3 [5]');
      expect(labelled(r, 'registered').fields.uri).toBe('com.myapp.echo');
      expect(labelled(r, 'invocation').summary).toBe('WAMP INVOCATION com.myapp.echo req=6131533 reg=2103333224 ["ping"]');
      expect(labelled(r, 'yield').summary).toBe('WAMP YIELD com.myapp.echo req=6131533 ["ping"]');
    });
  });
}
