import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSocketDecoder } from './index';
import { decodeFixture, detectFixture, payloadOf, type Fixture } from './test-helpers';
import type { Direction } from './types';

const dir = new URL('./fixtures/', import.meta.url);
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json'));

// The panel keeps the value of contextual results only, and decodes the payload alone again for the others.
describe('a result not marked contextual is what the payload decoded alone gives', () => {
  it.each(fixtures)('%s', (file) => {
    const fx = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Fixture;
    const { byInfo, bySniffing } = detectFixture(fx);
    const id = byInfo ?? bySniffing;
    expect(id).not.toBeNull();
    for (const { frame, decoded } of decodeFixture(id!, fx)) {
      if (decoded) expect(decoded.decoder).toBe(id);
      if (decoded?.contextual) continue;
      expect(createSocketDecoder(id!).decode(payloadOf(frame), frame.dir as Direction), frame.label ?? frame.data).toEqual(decoded);
    }
  });

  it('marks what earlier messages shaped (socket.io attachments, graphql operations, wamp URIs, MQTT 5)', () => {
    const contextual = (file: string, id: string) => {
      const fx = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Fixture;
      return decodeFixture(id, fx).filter((r) => r.decoded?.contextual).length;
    };
    expect(contextual('socketio-v4-upgrade.json', 'socket.io')).toBe(4);
    expect(contextual('graphql-transport-ws.json', 'graphql')).toBe(9);
    expect(contextual('wamp-json.json', 'wamp')).toBeGreaterThan(0);
    expect(contextual('mqtt-5.json', 'mqtt')).toBeGreaterThan(0);
    expect(contextual('mqtt-3.1.1.json', 'mqtt')).toBe(0);
  });
});
