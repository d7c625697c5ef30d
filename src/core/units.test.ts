import { describe, expect, it } from 'vitest';
import { formatBytes, plural } from './units';

describe('formatBytes', () => {
  it('uses kB = 1000 B like Chrome DevTools', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.0 kB');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatBytes(200_000)).toBe('200 kB');
    expect(formatBytes(99_949)).toBe('99.9 kB');
    expect(formatBytes(999_499)).toBe('999 kB');
    expect(formatBytes(999_500)).toBe('1.0 MB');
    expect(formatBytes(1_048_576)).toBe('1.0 MB');
    expect(formatBytes(209_715_200)).toBe('210 MB');
    expect(formatBytes(3e9)).toBe('3.0 GB');
  });

  it('shows a dash for what is not a size', () => {
    expect(formatBytes(-1)).toBe('–');
    expect(formatBytes(NaN)).toBe('–');
  });
});

describe('plural', () => {
  it('agrees the noun with the count', () => {
    expect(plural(1, 'socket')).toBe('1 socket');
    expect(plural(0, 'socket')).toBe('0 sockets');
    expect(plural(20000, 'message')).toBe('20,000 messages');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});
