/** Heap readings over CDP, after a full garbage collection. */
import type { CDPSession, Frame } from 'puppeteer-core';

/**
 * Used memory (bytes) of the isolate behind `session` after collecting garbage: the V8 heap plus
 * ArrayBuffer backing stores / external strings plus Blink's (DOM) heap.
 */
export async function usedHeap(session: CDPSession): Promise<number> {
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.collectGarbage');
  const u = await session.send('Runtime.getHeapUsage');
  return u.usedSize + (u.backingStorageSize ?? 0) + (u.embedderHeapUsedSize ?? 0);
}

/** The CDP session of a frame (an out-of-process frame such as the extension panel has its own). */
export function frameSession(frame: Frame): CDPSession {
  return (frame as unknown as { client: CDPSession }).client;
}
