import { describe, expect, it } from 'vitest';
import { payloadFromEvent } from './index';

describe('payloadFromEvent', () => {
  it('keeps text frames as text', () => {
    expect(payloadFromEvent({ opcode: 1, data: '42["a"]' })).toEqual({ opcode: 1, text: '42["a"]' });
  });

  it('turns base64 of binary frames into bytes', () => {
    expect(payloadFromEvent({ opcode: 2, data: 'AAEC/w==' })).toEqual({ opcode: 2, bytes: new Uint8Array([0, 1, 2, 255]) });
  });

  it('keeps the whole groups of base64 cut by the payload limit', () => {
    expect(payloadFromEvent({ opcode: 2, data: 'AAEC/wA' }).bytes).toEqual(new Uint8Array([0, 1, 2, 255, 0]));
    expect(payloadFromEvent({ opcode: 2, data: 'AAEC/' }).bytes).toEqual(new Uint8Array([0, 1, 2]));
    expect(payloadFromEvent({ opcode: 2, data: '' }).bytes).toEqual(new Uint8Array(0));
  });
});
