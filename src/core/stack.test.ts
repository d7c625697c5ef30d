import { describe, expect, it } from 'vitest';
import { parseStack } from './stack';

describe('parseStack', () => {
  it('reads V8 stacks, without the hook\'s frames and natives', () => {
    const stack = [
      'Error',
      '    at pageStack (chrome-extension://abcdef/assets/hook.iife.js:1:200)',
      '    at Object.construct (chrome-extension://abcdef/assets/hook.iife.js:1:900)',
      '    at new WebSocket (<anonymous>)',
      '    at connect (http://127.0.0.1:8080/app.js:12:15)',
      '    at async Promise.all (index 0)',
      '    at http://127.0.0.1:8080/page.html?x=1:3:9',
      '    at eval (eval at run (http://127.0.0.1:8080/app.js:1:1), <anonymous>:1:1)',
    ].join('\n');
    expect(parseStack(stack)).toEqual([
      { functionName: 'connect', url: 'http://127.0.0.1:8080/app.js', line: 12, column: 15 },
      { functionName: '', url: 'http://127.0.0.1:8080/page.html?x=1', line: 3, column: 9 },
    ]);
  });

  it('reads SpiderMonkey stacks', () => {
    const stack = 'pageStack@moz-extension://1234/assets/hook.iife.js:1:20\nyt@<anonymous code>:3:3980\nconnect@http://127.0.0.1:8080/app.js:12:15\n@http://127.0.0.1:8080/page.html:3:9\nrun@http://127.0.0.1:8080/app.js line 2 > eval:1:1\n';
    expect(parseStack(stack)).toEqual([
      { functionName: 'connect', url: 'http://127.0.0.1:8080/app.js', line: 12, column: 15 },
      { functionName: '', url: 'http://127.0.0.1:8080/page.html', line: 3, column: 9 },
    ]);
  });

  it('keeps at most 32 frames', () => {
    expect(parseStack(Array.from({ length: 50 }, (_, i) => `    at f${i} (http://h/a.js:${i + 1}:1)`).join('\n'))).toHaveLength(32);
  });
});
