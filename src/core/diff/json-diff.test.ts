import { describe, expect, it } from 'vitest';
import { diffJson } from './json-diff';

describe('diffJson', () => {
  it('lists added, removed and changed paths with both values', () => {
    const a = { type: 'state', user: { name: 'alice', tags: ['a', 'b'] }, n: 1, gone: true };
    const b = { type: 'state', user: { name: 'bob', tags: ['a'] }, n: 2, 'new key': null };
    expect(diffJson(a, b)).toEqual([
      { path: 'user.name', change: 'changed', before: 'alice', after: 'bob' },
      { path: 'user.tags[1]', change: 'removed', before: 'b' },
      { path: 'n', change: 'changed', before: 1, after: 2 },
      { path: 'gone', change: 'removed', before: true },
      { path: '["new key"]', change: 'added', after: null },
    ]);
  });

  it('treats a change of kind as one change, and equal values as none', () => {
    expect(diffJson({ a: [1] }, { a: { 0: 1 } })).toEqual([{ path: 'a', change: 'changed', before: [1], after: { 0: 1 } }]);
    expect(diffJson([1, { x: 'y' }], [1, { x: 'y' }])).toEqual([]);
    expect(diffJson('a', 'b')).toEqual([{ path: '', change: 'changed', before: 'a', after: 'b' }]);
    expect(diffJson([], [1, 2])).toEqual([{ path: '[0]', change: 'added', after: 1 }, { path: '[1]', change: 'added', after: 2 }]);
  });

  it('stops at 1000 changes', () => {
    expect(diffJson(Array.from({ length: 2000 }, (_, i) => i), Array.from({ length: 2000 }, (_, i) => -i - 1))).toHaveLength(1000);
  });
});
