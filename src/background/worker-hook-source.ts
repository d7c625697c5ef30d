import hookPath from '../page/worker-hook.iife.ts?script';

/** The worker hook's URL in the build (it names the hook's frames in stack traces). */
export const workerHookUrl = (getURL: (path: string) => string) => getURL(hookPath);

let source: Promise<string> | undefined;
/** The worker hook's source, once read, without its source-map comment (it is evaluated or prepended inside other code). */
export function workerHookSource(getURL: (path: string) => string): Promise<string> {
  source ??= fetch(getURL(hookPath)).then((r) => r.text()).then((s) => s.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, ''));
  return source;
}
