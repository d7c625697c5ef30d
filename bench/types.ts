/** Shapes shared by the bench's modules. */

/** Arguments of the page's `window.flood` (bench/flood-page.js). */
export interface FloodOptions {
  n: number;
  /** Payload size in bytes (text: ASCII characters). */
  size: number;
  binary: boolean;
  /** Messages kept unanswered; >= n sends all at once. */
  inflight: number;
}

/** What `window.flood` answers (page clock). */
export interface FloodResult {
  /** ms from the first send to the last echo. */
  elapsed: number;
  /** ms from the first send to the last send() returning. */
  sendElapsed: number;
  received: number;
  /** Epoch ms (timeOrigin + now) of the first send and of the last echo. */
  startEpoch: number;
  endEpoch: number;
}

export interface Workload extends FloodOptions {
  name: string;
  /** The with/without ratio goal (throughput with ÷ throughput without). */
  goal: number;
  /** The goal of Sockets ÷ the minimal observer floor (both DevTools closed). */
  floorGoal: number;
}
