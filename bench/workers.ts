/**
 * A dedicated worker's flood: its socket sends N messages of 100 B in one loop and waits for every
 * echo, with DevTools open (and the Sockets panel shown) in every configuration, rounds
 * interleaved: no extension; Sockets with worker capture off (Chrome's opt-in not granted: the
 * floor, nothing in the worker); Sockets with worker capture on (the hook in the worker, its
 * reports through the debugger). Answers the worker's own send-loop time and the time until the
 * last echo.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Page } from 'puppeteer-core';
import { extensionSnapshot, launch, mainTab, openSocketsPanelLate, type BenchBrowser } from './browser';

export interface WorkerConfig {
  id: 'A' | 'C' | 'W';
  label: string;
  loopMs: number[];
  echoMs: number[];
}
export interface WorkerFigures {
  n: number;
  size: number;
  rounds: number;
  configs: WorkerConfig[];
}

/** The build as after the user granted its optional permissions (worker capture on). */
function grantedCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'sockets-bench-granted-')), 'chrome');
  cpSync(extensionSnapshot(), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { permissions: string[]; optional_permissions?: string[] };
  manifest.permissions = [...manifest.permissions, ...(manifest.optional_permissions ?? [])];
  delete manifest.optional_permissions;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

export async function measureWorkers(origin: string, rounds: number, log: (line: string) => void): Promise<WorkerFigures> {
  const n = 20_000;
  const size = 100;
  const specs = [
    { id: 'A' as const, label: 'no extension', opts: { extension: false, devtools: false } },
    { id: 'C' as const, label: 'Sockets, worker capture off', opts: { extension: true, devtools: false } },
    { id: 'W' as const, label: 'Sockets, worker capture on', opts: { extension: true, devtools: false, extensionDir: grantedCopy() } },
  ];
  const running: { spec: (typeof specs)[number]; b: BenchBrowser; page: Page; figures: WorkerConfig }[] = [];
  try {
    for (const spec of specs) {
      const b = await launch(spec.opts);
      const page = await mainTab(b, `${origin}/plain?workers`);
      if (spec.opts.extension) await openSocketsPanelLate(page, b.extensionId);
      else await page.openDevTools();
      running.push({ spec, b, page, figures: { id: spec.id, label: spec.label, loopMs: [], echoMs: [] } });
    }
    for (let r = 1; r <= rounds; r++) {
      for (const { page, figures } of running) {
        await page.goto(`${origin}/worker-flood?${r}`);
        await page.evaluate('window.opened');
        const [loop, echo] = (await page.evaluate(`flood(${n}, ${size})`)) as [number, number];
        figures.loopMs.push(loop);
        figures.echoMs.push(echo);
      }
      log(`worker flood round ${r}/${rounds}`);
    }
    return { n, size, rounds, configs: running.map((x) => x.figures) };
  } finally {
    for (const { b } of running) await b.close();
  }
}
