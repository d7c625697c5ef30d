/**
 * Runs `fn` after `ms`, and answers a cancel. A content script's `setTimeout` takes its id from the
 * page's own counter (Chromium and Firefox), so a page could count the relay's timers; a scheduler
 * task takes no id.
 */
export function later(fn: () => void, ms: number): () => void {
  const controller = new AbortController();
  scheduler.postTask(fn, { delay: ms, signal: controller.signal }).catch(() => {}); // an abort rejects
  return () => controller.abort();
}

declare const scheduler: { postTask(fn: () => void, options: { delay: number; signal: AbortSignal }): Promise<void> };
