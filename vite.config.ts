import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin } from 'vite';
import type { PluginContext } from 'rolldown';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import baseManifest from './manifest.json' with { type: 'json' };
import { RELAY_MODULE } from './src/content/relay-module';

type Browser = 'chrome' | 'firefox';

/** One manifest, two builds: each browser gets only the keys it understands. */
function manifestFor(browser: Browser): ManifestV3Export {
  const m: Record<string, unknown> = structuredClone(baseManifest);
  if (browser === 'chrome') {
    delete m.browser_specific_settings;
  } else {
    delete m.minimum_chrome_version;
    // Firefox observes handshakes from the start; Chrome only once the user turns it on (its
    // webRequest permission slows every request of every page: see README, Handshakes).
    // Worker capture through the debugger is Chrome's alone (Firefox has no such API).
    // Firefox reaches workers by prepending the hook to their scripts (filterResponseData) instead.
    m.permissions = [
      ...(m.permissions as string[]),
      ...(m.optional_permissions as string[]).filter((p) => p !== 'debugger'),
      'webRequestBlocking', 'webRequestFilterResponse', 'webRequestFilterResponse.serviceWorkerScript',
    ];
    delete m.optional_permissions;
    delete m.message_serialization; // Firefox always clones extension messages
    // Firefox runs the background as an event page. crxjs 3 reads `background.scripts[0]` for a
    // Firefox build (it does not convert `service_worker` itself) and emits `scripts: [loader]`.
    const { service_worker, type } = m.background as { service_worker: string; type?: string };
    m.background = { scripts: [service_worker], ...(type ? { type } : {}) };
    // Firefox runs a frame's content scripts in manifest order: the relay stub goes first, so the
    // hook finds the traps it lends (src/content/page-traps.ts).
    m.content_scripts = (m.content_scripts as Record<string, unknown>[]).map(
      ({ match_origin_as_fallback: _drop, ...rest }) => rest,
    ).reverse();
  }
  return m as unknown as ManifestV3Export;
}

/**
 * The page hook and the relay run inside the page. Each gets an inline source map (DevTools cannot
 * load a map file of theirs: it asks through the page, which may not read extension files) that maps
 * every line to one source and ignore-lists it, so DevTools' stack traces and the Network panel's
 * initiator show the page's own code. It costs each script about a hundred bytes.
 */
const ignoreListContentScripts: Plugin = {
  name: 'ignore-list-content-scripts',
  apply: 'build',
  enforce: 'post',
  generateBundle(_options, bundle) {
    for (const file of Object.values(bundle)) {
      if (file.type !== 'asset' || !file.fileName.endsWith('.iife.js')) continue;
      const code = String(file.source).trimEnd();
      const map = {
        version: 3,
        sources: [file.fileName.replace(/^.*\//, '').replace(/\.js$/, '.ts')],
        names: [],
        mappings: code.split('\n').map(() => 'AAAA').join(';'),
        x_google_ignoreList: [0],
      };
      file.source = `${code}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
    }
  },
};

/**
 * The relay proper as one ES module (its imports inlined), which the relay stub imports when the
 * frame's first socket appears, so frames without sockets never parse it. It is the only
 * web-accessible resource, at a URL that changes every session in Chrome (`use_dynamic_url`) and
 * per install in Firefox, so a page cannot probe for it. (crxjs also lists the scripts the
 * background imports with `?script`; they are only read by the background, so they are not listed.)
 */
function relayModule(browser: Browser, target: string): Plugin {
  return {
    name: 'relay-module',
    apply: 'build',
    enforce: 'post',
    async buildStart(this: PluginContext) {
      const out = await build({
        configFile: false,
        logLevel: 'warn',
        define: { __BROWSER__: JSON.stringify(browser) },
        build: {
          write: false,
          target,
          minify: true,
          lib: { entry: fileURLToPath(new URL('src/content/relay.ts', import.meta.url)), formats: ['es'], fileName: 'relay' },
          rolldownOptions: { output: { codeSplitting: false, minify: true } },
        },
      });
      type Output = { output: ({ type: 'chunk'; code: string } | { type: 'asset' })[] };
      const chunk = ((Array.isArray(out) ? out[0] : out) as Output).output.find((o) => o.type === 'chunk');
      if (!chunk) throw new Error('relay module: no output');
      this.emitFile({ type: 'asset', fileName: RELAY_MODULE, source: chunk.code });
    },
    // crxjs calls this on every plugin after its own (enforce: post).
    renderCrxManifest(manifest: { web_accessible_resources?: unknown[] }) {
      manifest.web_accessible_resources = [{ resources: [RELAY_MODULE], matches: ['<all_urls>'], ...(browser === 'chrome' ? { use_dynamic_url: true } : {}) }];
      return manifest;
    },
  } as Plugin;
}

export default defineConfig(({ mode }) => {
  const browser: Browser = mode === 'firefox' ? 'firefox' : 'chrome';
  const target = browser === 'chrome' ? 'chrome131' : 'firefox128';
  return {
    plugins: [preact(), crx({ manifest: manifestFor(browser), browser }), ignoreListContentScripts, relayModule(browser, target)],
    define: { __BROWSER__: JSON.stringify(browser) },
    // protobufjs's code generator (`new Function`) is never called here: left out of the build.
    resolve: { alias: [{ find: /^\.\/util\/codegen$/, replacement: fileURLToPath(new URL('src/panel/vendor/protobufjs-no-codegen.js', import.meta.url)) }] },
    build: {
      outDir: `extension/${browser}`,
      emptyOutDir: true,
      target,
      minify: true,
      rolldownOptions: { input: { panel: 'src/panel/panel.html' } },
    },
  };
});
