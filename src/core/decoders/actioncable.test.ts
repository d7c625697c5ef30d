import { describe, expect, it } from 'vitest';
import cableFx from './fixtures/actioncable.json';
import { decodeFixture, labelled, type Fixture } from './test-helpers';

describe('Action Cable (@rails/actioncable consumer)', () => {
  const r = decodeFixture('actioncable', cableFx as Fixture);

  it('decodes server control messages', () => {
    expect(labelled(r, 'welcome').summary).toBe('ActionCable welcome');
    expect(labelled(r, 'ping').summary).toBe('ActionCable ping 1767225600');
    expect(labelled(r, 'confirm_subscription').summary).toBe('ActionCable confirm_subscription ChatChannel');
    expect(labelled(r, 'reject_subscription').fields).toMatchObject({ type: 'reject_subscription', channel: 'AdminChannel' });
    expect(labelled(r, 'disconnect').summary).toBe('ActionCable disconnect reason=server_restart reconnect=true');
  });

  it('decodes consumer commands with the channel from the identifier and the action from data', () => {
    expect(labelled(r, 'subscribe').summary).toBe('ActionCable subscribe ChatChannel');
    const perform = labelled(r, 'perform');
    expect(perform.summary).toBe('ActionCable message ChatChannel speak {"message":"Hello!"}');
    expect(perform.fields).toEqual({ type: 'message', channel: 'ChatChannel', action: 'speak', command: 'message' });
    expect(perform.value).toMatchObject({ identifier: { channel: 'ChatChannel', room: 'lobby' }, data: { action: 'speak', message: 'Hello!' } });
    expect(labelled(r, 'unsubscribe').summary).toBe('ActionCable unsubscribe ChatChannel');
  });

  it('decodes broadcasts', () => {
    const m = labelled(r, 'message');
    expect(m.summary).toBe('ActionCable message ChatChannel {"user":"bob","body":"Hi alice"}');
    expect(m.fields).toEqual({ type: 'message', channel: 'ChatChannel', action: undefined, command: undefined });
  });
});
