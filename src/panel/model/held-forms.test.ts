import { describe, expect, it } from 'vitest';
import { fromSocketIoForm, socketIoForm } from './held-forms';

describe('the Socket.IO form of a held message', () => {
  it('shows the event array and keeps the namespace and ack id on the way back', () => {
    expect(socketIoForm('42/chat,7["say",{"a":1}]')).toBe('[\n  "say",\n  {\n    "a": 1\n  }\n]');
    expect(fromSocketIoForm('["shout", 2]', '42/chat,7["say",{"a":1}]')).toBe('42/chat,7["shout",2]');
  });
  it('is no form for other packets or invalid edits', () => {
    expect(socketIoForm('2')).toBeNull();
    expect(socketIoForm('{"a":1}')).toBeNull();
    expect(fromSocketIoForm('{"not":"array"}', '42["x"]')).toBeNull();
  });
});
