/**
 * Two tiny extensions the bench builds for itself, to price what any extension of our kind costs:
 *  - the content-script pair: two empty scripts declared as Sockets declares its own (MAIN and
 *    ISOLATED, document_start, all frames, about:blank) — the platform's floor for page loads;
 *  - the minimal observer: a MAIN-world script that only adds a `message` listener to each socket,
 *    wraps `send`, and copies binary payloads into a retained array — the unavoidable work of any
 *    capture-from-page-load design, the floor for floods.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT_DECL = { matches: ['<all_urls>'], run_at: 'document_start', all_frames: true, match_about_blank: true, match_origin_as_fallback: true };

function build(name: string, main: string, isolated: string): string {
  const dir = mkdtempSync(join(tmpdir(), `sockets-bench-${name}-`));
  writeFileSync(join(dir, 'main.js'), main);
  writeFileSync(join(dir, 'isolated.js'), isolated);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name: `bench ${name}`, version: '1.0', host_permissions: ['<all_urls>'],
    content_scripts: [{ ...SCRIPT_DECL, js: ['isolated.js'] }, { ...SCRIPT_DECL, js: ['main.js'], world: 'MAIN' }],
  }));
  return dir;
}

let pair: string | undefined;
let observer: string | undefined;

export const contentScriptPairDir = (): string => (pair ??= build('content-script-pair', '', ''));

export const minimalObserverDir = (): string =>
  (observer ??= build('minimal-observer', readFileSync(new URL('./in-browser/minimal-observer.js', import.meta.url), 'utf8'), ''));
