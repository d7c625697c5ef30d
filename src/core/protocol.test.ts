import { describe, expect, it } from 'vitest';
import { isBackgroundToRelay, isPanelToBackground, MAX_FILL_SEQS } from './protocol';

describe('fill requests', () => {
  const request = { type: 'fill', tabId: 3, frameId: 0, doc: 'd', seqs: [4, 9] };

  it('are accepted from a panel with a frame, a document and sequence numbers', () => {
    expect(isPanelToBackground(request)).toBe(true);
    expect(isBackgroundToRelay({ type: 'fill', doc: 'd', seqs: [4, 9] })).toBe(true);
  });

  it('are refused when malformed or too large', () => {
    expect(isPanelToBackground({ ...request, frameId: undefined })).toBe(false);
    expect(isPanelToBackground({ ...request, seqs: [1.5] })).toBe(false);
    expect(isPanelToBackground({ ...request, seqs: '4' })).toBe(false);
    expect(isPanelToBackground({ ...request, seqs: Array(MAX_FILL_SEQS + 1).fill(1) })).toBe(false);
    expect(isBackgroundToRelay({ type: 'fill', seqs: [1] })).toBe(false);
  });
});

describe('close commands', () => {
  const close = { type: 'command', tabId: 1, frameId: 0, doc: 'd', requestId: 1, action: 'close', socket: 2, payload: { text: 'bye' }, code: 4000 };
  it('carry a close code, on the panel port and on to the relay', () => {
    expect(isPanelToBackground(close)).toBe(true);
    expect(isPanelToBackground({ ...close, code: undefined })).toBe(false);
    expect(isPanelToBackground({ ...close, code: 4000.5 })).toBe(false);
    const { tabId: _t, frameId: _f, ...toRelay } = close;
    expect(isBackgroundToRelay(toRelay)).toBe(true);
    expect(isBackgroundToRelay({ ...toRelay, action: 'shutdown' })).toBe(false);
  });
});
