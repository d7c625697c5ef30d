import type { Direction } from '../model';

export type { Direction };

/** `text` for opcode 1, `bytes` for opcode 2. */
export interface Payload {
  opcode: 1 | 2;
  text?: string;
  bytes?: Uint8Array;
}

export type FieldValue = string | number | boolean | undefined;

export interface Decoded {
  /** Decoder id, e.g. 'socket.io'. */
  decoder: string;
  /** One line for the grid. */
  summary: string;
  /** Structured, JSON-able value for the detail tree. */
  value: unknown;
  /** Filterable fields, e.g. {event: 'chat', ns: '/', type: 'EVENT'}. */
  fields: Record<string, FieldValue>;
  note?: string;
  /** Set when earlier messages of the socket shaped this result: the payload decoded alone gives another. */
  contextual?: true;
}

export interface DecoderInfo {
  id: string;
  label: string;
}

/** Decodes one payload; may throw (the registry turns exceptions into a 'decode error' note). */
export type DecodeFn = (p: Payload, dir: Direction) => Decoded | null;

export interface DecoderDef extends DecoderInfo {
  /** A fresh per-socket decoder. */
  create(): DecodeFn;
  /** True when the payload unmistakably belongs to this protocol (used by detection). */
  sniff?(p: Payload, dir: Direction | undefined): boolean;
}

export interface SocketDecoder {
  decode(p: Payload, dir: Direction): Decoded | null;
}
