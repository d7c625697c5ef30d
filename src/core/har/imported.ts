import type { CaptureEvent, DroppedEvent } from '../model';
import type { SocketRecord } from '../session';

/** One socket read from a HAR entry, before it joins the snapshot. */
export interface ImportedSocket {
  record: SocketRecord;
  /** The socket's events in capture order. */
  events: CaptureEvent[];
  /** `dropped` events of the socket's document (kept on its first socket). */
  dropped: DroppedEvent[];
}

export type Warn = (message: string) => void;
