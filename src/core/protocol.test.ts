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
