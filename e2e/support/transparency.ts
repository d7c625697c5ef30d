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
 * Removes the extension's own stack frames from a JSON text. Chromium: `\n    at f (chrome-extension://<id>/…)`,
 * or `\n    at chrome-extension://<id>/…` for an anonymous function.
 * Firefox: `f@<url>:line:col\n`, one frame a line, where a MAIN-world content script's URL shows as
 * `<anonymous code>` (its moz-extension:// URL for the extension's other scripts).
 */
export function stripExtensionFrames(json: string, extensionOrigin: string): string {
  if (currentBrowser() === 'chromium') return json.replace(new RegExp(`\\\\n    at (?:[^\\\\(]* \\()?${escape(extensionOrigin)}/[^\\\\]*?:\\d+:\\d+\\)?(?=\\\\|")`, 'g'), '');
  return json.replace(new RegExp(`(?<="|\\\\n)[^"\\\\@]*@(?:<anonymous code>|${escape(extensionOrigin)}/[^"\\\\]*?):\\d+:\\d+\\\\n`, 'g'), '');
}

/**
 * Firefox: the page-visible stand-ins of WebSocket and Worker are Proxies whose trap runs in the
 * isolated world, a frame no page stack shows. Function.prototype's toString, caller and arguments
 * stand-ins stay plain MAIN-world functions (same-origin realms recognise each other's toString by
 * its source text before sharing a registry; a Proxy has none): an exception a native throws through
 * them keeps their frames, and so does every stand-in in a worker, which has no isolated world to
 * lend traps (SpiderMonkey keeps an exception's stack inside it, and
 * Error.captureStackTrace would give the error an own `stack` it never has).
 */
export const FIREFOX_FRAMES = 'Firefox: an exception thrown through a stand-in that runs in the page\'s own world keeps its frame (Function.prototype\'s toString, caller and arguments; in a worker, which has no isolated world, every stand-in)';
/**
 * The page suite's checks where a Function.prototype stand-in throws: the only ones allowed to
 * differ by frames in Firefox (every other stand-in of the page's realm keeps no frame).
 */
export const FIREFOX_FRAME_CHECKS: ReadonlySet<string> = new Set([
  'WebSocket: Function.prototype caller/arguments accessors called directly',
  'Function.prototype.toString: on a non-function',
  'Function.prototype: caller of natives and of strict functions',
  'stacks: deep call stacks keep all frames (send, toString, constructor, close)',
  'stacks: a page Error.prepareStackTrace sees the same frames',
]);
/** Checks that differ in Firefox by more than the stand-ins' frames, and why. */
export const FIREFOX_KNOWN: Record<string, string> = {
  'WebSocket: protocols whose iterator is no function, answers no object, or yields a Symbol': 'Firefox: the native\'s TypeError message names the value as its caller\'s code has it; called through the stand-in it says "args[1]"',
  'stacks: Error.stackTraceLimit 0 and 1': `${FIREFOX_FRAMES}; at a limit of 1 the one frame kept is the trap's, which the page does not see`,
  'globals: own property names of window': 'Firefox defines standard classes on the window at first use: the hook\'s early reads (WeakMap, WeakRef, …) move them in the own-property order',
  'realms: a fresh iframe\'s WebSocket looks native and works across realms': 'Firefox defines a function\'s `length` and `name` when first read, and lists them in that order; a reader the JIT has compiled reads a native\'s without defining them (they are listed length first), while every read through a Proxy stand-in defines them (name first, as a cold reader sees natively)',
  'realms: an iframe\'s globals': 'Firefox defines standard classes on the window at first use: the hook\'s early reads (WeakMap, WeakRef, …) move them in the own-property order',
};

type Results = Record<string, unknown>;

/**
 * A worker has no Proxy stand-ins (no privileged trap to lend them): its setter stand-ins are plain
 * functions, and which of `length` and `name` a warm reader lists first differs between them and
 * the natives.
 */
export const FIREFOX_WORKER_KNOWN: Record<string, string> = {
  ...FIREFOX_KNOWN,
  'prototype: every property descriptor (functions, getters, setters)': 'Firefox: a worker\'s setter stand-ins (binaryType, on…) are scripted functions; a reader the JIT has compiled lists their `length` before their `name`, and the natives\' `name` first',
};

/** What a transparency page published: each check's result, and the checks known to differ by a frame. */
export interface Run {
  results: Results;
  known: Results;
}
export const readRun = async (tab: Tab): Promise<Run> => ({ results: await publishedJson(tab, 'results'), known: await publishedJson(tab, 'known') });

/**
 * Why a check is known to differ in this browser (Firefox only), or undefined: listed in
 * FIREFOX_KNOWN, or, where `mayKeepFrames(name)`, differing by nothing but the stand-ins' frames
 * (`strip` removes them).
 */
export function knownDifference(name: string, withExtension: Results, without: Results, strip: (v: unknown) => unknown, mayKeepFrames: (name: string) => boolean, known: Record<string, string> = FIREFOX_KNOWN): string | undefined {
  if (currentBrowser() !== 'firefox') return undefined;
  if (known[name]) return known[name];
  if (!mayKeepFrames(name)) return undefined;
  const same = JSON.stringify(withExtension[name]) === JSON.stringify(without[name]);
  return !same && JSON.stringify(strip(withExtension[name])) === JSON.stringify(without[name]) ? FIREFOX_FRAMES : undefined;
}

/** One subtest a check: the same result with and without the extension (known differences as todo); fails naming the unknown ones. */
export async function compareEveryCheck(t: TestContext, withExtension: Results, without: Results, strip: (v: unknown) => unknown, mayKeepFrames: (name: string) => boolean, knownInFirefox: Record<string, string> = FIREFOX_KNOWN): Promise<void> {
  const differing: string[] = [];
  for (const name of Object.keys(without)) {
    const known = knownDifference(name, withExtension, without, strip, mayKeepFrames, knownInFirefox);
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
