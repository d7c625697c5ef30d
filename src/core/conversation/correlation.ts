import type { Direction, FieldValue } from '../decoders/types';

/** One message of a socket as the conversation engine reads it. */
export interface ConversationMessage {
  dir: Direction;
  /** ms since the epoch. */
  time: number;
  /** The socket decoder's result for it, if any. */
  decoded: { decoder: string; fields: Record<string, FieldValue> } | null;
  /** A text frame's payload (JSON-RPC and custom paths read it); undefined for binary frames. */
  text?: string;
}

/**
 * What one message says about a request it makes or answers, by the protocol's correlation id.
 * `request` opens `key` in the message's direction; `response` answers the key the other direction
 * opened (`final`: no more answers to it); `either` answers when the other direction has the key
 * open, else opens it (custom paths that name the same field on both sides); `cancel` closes the key
 * that the same direction opened (the requester gave up: GraphQL `complete`/`stop`, SignalR
 * CancelInvocation, STOMP UNSUBSCRIBE).
 */
export interface Correlation {
  key: string;
  role: 'request' | 'response' | 'either' | 'cancel';
  final: boolean;
}

/** A per-socket pair of JSON paths naming the correlation id, e.g. `requestId` ↔ `re.requestId`. */
export interface CustomPaths {
  request: string;
  response: string;
}

export const request = (key: string): Correlation => ({ key, role: 'request', final: false });
export const response = (key: string, final = true): Correlation => ({ key, role: 'response', final });
export const cancel = (key: string): Correlation => ({ key, role: 'cancel', final: true });
