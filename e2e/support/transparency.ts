/**
 * What the transparency suites (page and worker) share: the extension's own stack frames removed
 * from results, and the checks known to differ in Firefox, with why.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { currentBrowser, type Tab } from './harness';
import { publishedJson } from './page-runs';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Removes the extension's own stack frames from a JSON text. Chromium: `\n    at f (chrome-extension://<id>/…)`.
 * Firefox: `f@<url>:line:col\n`, one frame a line, where a MAIN-world content script's URL shows as
 * `<anonymous code>` (its moz-extension:// URL for the extension's other scripts).
 */
export function stripExtensionFrames(json: string, extensionOrigin: string): string {
  if (currentBrowser() === 'chromium') return json.replace(new RegExp(`\\\\n    at [^\\\\]*${escape(extensionOrigin)}/[^\\\\]*\\)`, 'g'), '');
  return json.replace(new RegExp(`(?<="|\\\\n)[^"\\\\@]*@(?:<anonymous code>|${escape(extensionOrigin)}/[^"\\\\]*?):\\d+:\\d+\\\\n`, 'g'), '');
}

/**
 * Firefox: an exception a native throws through a stand-in keeps the stand-in's frame. SpiderMonkey
 * keeps an exception's stack inside it (an accessor on the prototype), and Error.captureStackTrace
 * would give the error an own `stack` it never has: the hook leaves such stacks as they are.
 */
export const FIREFOX_FRAMES = 'Firefox: the stack of an exception thrown through a stand-in keeps the stand-in\'s frame (no way to re-root it without an own stack property)';
/** Checks that differ in Firefox by more than the stand-ins' frames, and why. */
export const FIREFOX_KNOWN: Record<string, string> = {
  'WebSocket: protocols whose iterator is no function, answers no object, or yields a Symbol': 'Firefox: the native\'s TypeError message names the value as its caller\'s code has it; called through the stand-in it says "args[1]"',
  'stacks: Error.stackTraceLimit 0 and 1': `${FIREFOX_FRAMES}; at a limit of 1 the stand-in's frame is the one kept`,
  'prototype: every property descriptor (functions, getters, setters)': 'Firefox: the accessor stand-ins (binaryType, on…) list their own keys length first; the natives, lazily defined, list name first once read first',
  'globals: own property names of window': 'Firefox defines standard classes on the window at first use: the hook\'s early reads (WeakMap, WeakRef, …) move them in the own-property order',
  'realms: an iframe\'s globals': 'Firefox defines standard classes on the window at first use: the hook\'s early reads (WeakMap, WeakRef, …) move them in the own-property order',
};

type Results = Record<string, unknown>;

/** What a transparency page published: each check's result, and the checks known to differ by a frame. */
export interface Run {
  results: Results;
  known: Results;
}
export const readRun = async (tab: Tab): Promise<Run> => ({ results: await publishedJson(tab, 'results'), known: await publishedJson(tab, 'known') });

/**
 * Why a check is known to differ in this browser (Firefox only), or undefined: listed in
 * FIREFOX_KNOWN, or differing by nothing but the stand-ins' frames (`strip` removes them).
 */
export function knownDifference(name: string, withExtension: Results, without: Results, strip: (v: unknown) => unknown): string | undefined {
  if (currentBrowser() !== 'firefox') return undefined;
  if (FIREFOX_KNOWN[name]) return FIREFOX_KNOWN[name];
  const same = JSON.stringify(withExtension[name]) === JSON.stringify(without[name]);
  return !same && JSON.stringify(strip(withExtension[name])) === JSON.stringify(without[name]) ? FIREFOX_FRAMES : undefined;
}

/** One subtest a check: the same result with and without the extension (known differences as todo); fails naming the unknown ones. */
export async function compareEveryCheck(t: TestContext, withExtension: Results, without: Results, strip: (v: unknown) => unknown): Promise<void> {
  const differing: string[] = [];
  for (const name of Object.keys(without)) {
    const known = knownDifference(name, withExtension, without, strip);
    await t.test(name, { todo: known }, () => {
      try {
        assert.deepEqual(withExtension[name], without[name]);
      } catch (error) {
        if (!known) differing.push(name);
        throw error;
      }
    });
  }
  assert.deepEqual(differing, []);
}
