import { describe, expect, it } from 'vitest';
import { websocatCommand } from './websocat';

describe('websocatCommand', () => {
  it('passes the requested protocols and quotes what a shell would expand', () => {
    expect(websocatCommand({ url: 'wss://h/chat?a=1&b=$HOME', protocols: [] })).toBe(`websocat 'wss://h/chat?a=1&b=$HOME'`);
    expect(websocatCommand({ url: "ws://h/it's", protocols: ['graphql-ws', 'v2'] })).toBe(`websocat --protocol 'graphql-ws, v2' 'ws://h/it'\\''s'`);
  });
});
