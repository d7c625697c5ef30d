import { describe, expect, it } from 'vitest';
import legacyFx from './fixtures/graphql-legacy.json';
import transportFx from './fixtures/graphql-transport-ws.json';
import { decodeFixture, summaries, type Fixture } from './test-helpers';

describe('graphql-transport-ws (graphql-ws server + client, recorded)', () => {
  const r = decodeFixture('graphql', transportFx as Fixture);
  const s = summaries(r);

  it('decodes the handshake, operations, results, errors and keep-alive', () => {
    expect(s.slice(0, 5)).toEqual([
      'graphql connection_init',
      'graphql connection_ack',
      'graphql subscribe id=1 query Hello',
      'graphql next id=1 query Hello {"data":{"hello":"Hello Ada"}}',
      'graphql complete id=1 query Hello',
    ]);
    expect(s).toContain('graphql next id=2 subscription Greetings {"data":{"greetings":"Bonjour"}}');
    expect(s).toContain('graphql error id=3 query [{"message":"Cannot query field \\"nope\\" on type \\"Query\\".…');
    expect(s).toContain('graphql ping');
    expect(s).toContain('graphql pong');
  });

  it('carries the operation name from subscribe to next/complete, also after the client completes', () => {
    expect(r[3].decoded?.fields).toEqual({ type: 'next', id: '1', operationName: 'Hello', operationType: 'query' });
    const cancel = r.findIndex((x) => x.frame.dir === 'sent' && x.decoded?.summary === 'graphql complete id=4 subscription Ticks');
    expect(cancel).toBeGreaterThan(0);
    const late = r.slice(cancel).find((x) => x.decoded?.summary.startsWith('graphql next id=4'));
    expect(late?.decoded?.fields.operationName).toBe('Ticks');
  });
});

describe('subscriptions-transport-ws (legacy graphql-ws protocol, recorded)', () => {
  const r = decodeFixture('graphql', legacyFx as Fixture);
  const s = summaries(r);

  it('decodes start/data/complete/stop, ka and connection_terminate', () => {
    expect(s[0]).toBe('graphql connection_init {"token":"t0k3n"}');
    expect(s[1]).toBe('graphql start id=1 query Hello');
    expect(s).toContain('graphql data id=1 query Hello {"data":{"hello":"Hello Ada"}}');
    expect(s).toContain('graphql ka');
    expect(s).toContain('graphql stop id=3 subscription Ticks');
    expect(s.at(-1)).toBe('graphql connection_terminate');
    const data = r.find((x) => x.decoded?.summary.startsWith('graphql data id=2'));
    expect(data?.decoded?.fields).toEqual({ type: 'data', id: '2', operationName: 'Greetings', operationType: 'subscription' });
  });
});
