/**
 * Evaluates an expression in the panel page's own JavaScript world (where `chrome.runtime` is the
 * panel's), in either browser: for tests that open a second subscription on the panel's connection.
 * `Panel.query` reads the DOM only: in Firefox it runs in a frame script, behind Xray wrappers.
 */
import type { Panel } from './harness';

/**
 * Runs in Firefox's frame script: a sandbox with the panel's principal and its window as prototype
 * (so `chrome`, `window`, `Blob` are the panel's; the JavaScript builtins are the sandbox's own).
 */
function evaluateInPanelWorld(_doc: Document, expression: string, win?: Window): unknown {
  // `Components` exists in the frame script's privileged scope only.
  const cu = (globalThis as unknown as { Components: { utils: { Sandbox(w: unknown, o: object): object; evalInSandbox(code: string, sb: object): unknown } } }).Components.utils;
  const sandbox = cu.Sandbox(win, { sandboxPrototype: win, wantXrays: false, sameZoneAs: win });
  return cu.evalInSandbox(`(async () => JSON.stringify(await (${expression})))()`, sandbox);
}

/** Evaluates `expression` (a string: no transpiler helpers) in the panel page; answers its JSON-serializable value. */
export async function panelEval<T>(panel: Panel, expression: string): Promise<T> {
  if (panel.frame) return (await panel.frame.evaluate(expression)) as T;
  const json = await panel.query(evaluateInPanelWorld as (doc: Document, arg: string) => unknown, expression);
  return (json === undefined || json === null ? null : JSON.parse(json as string)) as T;
}
