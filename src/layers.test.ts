import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers import only downward: each extension context uses the pure core and itself; inside
 * the panel, model → state → components → the app. A layer is a folder under src/ (the first
 * that matches, most specific first); `may` lists what its files may import besides themselves.
 */
const LAYERS: { layer: string; may: string[] }[] = [
  { layer: 'core', may: [] },
  { layer: 'page', may: ['core'] },
  { layer: 'content', may: ['core'] },
  { layer: 'background', may: ['core'] },
  { layer: 'devtools', may: ['core'] },
  { layer: 'panel/vendor', may: [] },
  { layer: 'panel/model', may: ['core', 'panel/vendor'] },
  { layer: 'panel/state', may: ['core', 'panel/model', 'panel/vendor'] },
  { layer: 'panel/connection', may: ['core', 'panel/model', 'panel/state'] },
  { layer: 'panel/dom', may: ['core'] },
  { layer: 'panel/components', may: ['core', 'panel/model', 'panel/state', 'panel/dom', 'panel/vendor'] },
  { layer: 'panel', may: ['core', 'panel/model', 'panel/state', 'panel/connection', 'panel/dom', 'panel/components', 'panel/vendor'] },
];
/** Packages only an extension context's own shell may use: the pure layers get what they need injected. */
const SHELL_ONLY = ['webextension-polyfill'];
const PURE = ['core', 'panel/model', 'panel/state'];
/** Browser and extension globals the pure layers do not touch. */
const BROWSER_GLOBALS = /\b(?:chrome|browser)\.(?:runtime|tabs|storage|devtools|scripting|webRequest)\b|\b(?:localStorage|sessionStorage|document\.|window\.)/;

const SRC = resolve(__dirname);
const layerOf = (file: string) => {
  const rel = relative(SRC, file).replace(/\\/g, '/');
  return LAYERS.find(({ layer }) => rel === layer || rel.startsWith(`${layer}/`))?.layer;
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sources(path);
    return /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
}

const files = sources(SRC);

describe('layers', () => {
  it('finds the sources it checks, each in a layer', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => !layerOf(f)).map((f) => relative(SRC, f))).toEqual([]);
  });

  it('import only downward', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = layerOf(file)!;
      const allowed = new Set([from, ...LAYERS.find((l) => l.layer === from)!.may]);
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) {
          if (SHELL_ONLY.includes(spec) && PURE.includes(from)) wrong.push(`${relative(SRC, file)} → ${spec}`);
          continue;
        }
        // A bundled script's text (`?script`) is data the importer injects, not code it runs.
        if (spec.endsWith('?script')) continue;
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(SRC)) continue;
        const to = layerOf(target);
        if (to === undefined || !allowed.has(to)) wrong.push(`${relative(SRC, file)} (${from}) → ${spec} (${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keep the pure layers free of browser and extension APIs', () => {
    const wrong = files
      .filter((f) => PURE.includes(layerOf(f)!))
      .flatMap((f) => {
        const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
        const hit = BROWSER_GLOBALS.exec(code);
        return hit ? [`${relative(SRC, f)}: ${hit[0]}`] : [];
      });
    expect(wrong).toEqual([]);
  });
});
