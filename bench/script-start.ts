/**
 * What each per-frame script costs to start: the built page hook and relay stub (and those of
 * the comparison builds), run as a fresh page's script (compile included), beside an empty
 * script (the floor). No extension: the scripts alone, in interleaved rounds, each in a new
 * document. Medians and means (the page's clock is coarsened to 0.1 ms; the mean of many rounds
 * is finer).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extensionSnapshot, launch, mainTab } from './browser';
import { median } from './stats';
import { config } from './config';

export interface ScriptStart {
  script: string;
  bytes: number;
  medianMs: number;
  meanMs: number;
}

export async function measureScriptStarts(origin: string, rounds: number, log: (line: string) => void): Promise<ScriptStart[]> {
  const builds: [string, string][] = [['', extensionSnapshot()], ...config.compareExtensionDirs.map((dir): [string, string] => [`, ${dir}`, dir])];
  const scripts: [string, string][] = [['empty script (floor)', '']];
  for (const [label, dir] of builds) {
    scripts.push([`page hook (MAIN world)${label}`, readFileSync(join(dir, 'src/page/hook.iife.js'), 'utf8')]);
    scripts.push([`relay (ISOLATED world; here in the page)${label}`, readFileSync(join(dir, 'src/content/relay.iife.js'), 'utf8')]);
  }
  const samples = scripts.map(() => [] as number[]);
  const b = await launch({ extension: false, devtools: false });
  try {
    const page = await mainTab(b, `${origin}/plain?start`);
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < scripts.length; i++) {
        await page.goto(`${origin}/plain?script=${i}&round=${r}`, { waitUntil: 'load' });
        samples[i].push((await page.evaluate((source: string) => {
          const s = document.createElement('script');
          s.textContent = source;
          const t = performance.now();
          document.head.append(s);
          return performance.now() - t;
        }, scripts[i][1])) as number);
      }
    }
    log(`script starts: ${rounds} rounds`);
  } finally {
    await b.close();
  }
  return scripts.map(([script, source], i) => ({
    script,
    bytes: source.length,
    medianMs: median(samples[i]),
    meanMs: samples[i].reduce((a, v) => a + v, 0) / samples[i].length,
  }));
}
