import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
vi.mock('./worker-hook-source', () => ({ workerHookSource: async () => '' }));
const { prepend } = await import('./worker-scripts');

const text = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer;
const out = (s: string) => new TextDecoder().decode(prepend(text(s), 'HOOK()'));

describe('prepending the hook to a worker script', () => {
  it('puts it on the first line, adding no line break', () => {
    expect(out('let a = 1;\nfoo();')).toBe('HOOK();let a = 1;\nfoo();');
  });
  it('keeps a "use strict" directive first, after its comments', () => {
    expect(out('"use strict";\nx()')).toBe('"use strict";HOOK();\nx()');
    expect(out("'use strict'\nx()")).toBe("'use strict';HOOK();\nx()");
    expect(out('// a\n/* b\n c */ "use strict"; x()')).toBe('// a\n/* b\n c */ "use strict";HOOK(); x()');
    expect(out('foo(); "use strict";')).toBe('HOOK();foo(); "use strict";');
  });
  it('keeps a byte order mark first', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('x()')]);
    expect(Array.from(prepend(bom.buffer, 'H()').subarray(0, 7))).toEqual([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('H();')]);
  });
  it('lines stay where they were', () => {
    const src = 'a();\nb();\nc();';
    expect(out(src).split('\n').length).toBe(src.split('\n').length);
  });
});
