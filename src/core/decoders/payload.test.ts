import { describe, expect, it } from 'vitest';
import { payloadFromEvent } from './index';

describe('payloadFromEvent', () => {
  it('keeps text frames as text', () => {
    expect(payloadFromEvent({ opcode: 1, data: '42["a"]' })).toEqual({ opcode: 1, text: '42["a"]' });
  });

  it('hands binary frames their bytes, not a copy', () => {
    const data = new Uint8Array([0, 1, 2, 255]);
    expect(payloadFromEvent({ opcode: 2, data }).bytes).toBe(data);
  });
});
