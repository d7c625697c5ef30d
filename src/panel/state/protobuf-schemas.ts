import { computed, signal } from '@preact/signals';
import { encodeJson } from '../../core/decoders/protobuf-encode';
import { envelopeCandidates, parseSchema, type ProtoFile } from '../../core/decoders/protobuf-schema';
import type { TypeMapping } from '../../core/decoders/protobuf-typed';
import { configuredDecoder, type DirectionTypes } from '../../core/decoders/protobuf';
import type { Framing } from '../../core/decoders/protobuf-framing';
import type { DecodeFn, Direction } from '../../core/decoders/types';
import { isRecord } from '../../core/decoders/values';
import type { ComposerStorage } from './composer';

const STORAGE_KEY = 'protobuf.schema';

interface Stored {
  files: ProtoFile[];
  /** Each socket URL's message type per direction. */
  types: Record<string, DirectionTypes>;
  /** Each socket URL's length-prefixed framing, if any. */
  framing: Record<string, Framing>;
}

const isFile = (f: unknown): f is ProtoFile => isRecord(f) && typeof f.name === 'string' && typeof f.text === 'string';

function read(v: unknown): Stored {
  if (!isRecord(v)) return { files: [], types: {}, framing: {} };
  return {
    files: Array.isArray(v.files) ? v.files.filter(isFile) : [],
    types: isRecord(v.types) ? (v.types as Stored['types']) : {},
    framing: isRecord(v.framing) ? (v.framing as Stored['framing']) : {},
  };
}

/**
 * The imported `.proto` files and which message type each socket URL sends and receives, kept in
 * extension storage; `decoderFor` gives a socket's schema-aware Protobuf decoder.
 */
export function createProtobufSchemas(storage: ComposerStorage) {
  const stored = signal<Stored>({ files: [], types: {}, framing: {} });
  const schema = computed(() => parseSchema(stored.value.files));
  const ready = storage.get([STORAGE_KEY]).then((s) => {
    stored.value = read(s[STORAGE_KEY]);
  });
  /** Changes what is stored (after the first read, which would otherwise undo it). */
  const save = async (change: (s: Stored) => Stored) => {
    await ready;
    const next = change(stored.value);
    stored.value = next;
    await storage.set({ [STORAGE_KEY]: next });
  };

  return {
    ready,
    files: computed(() => stored.value.files),
    schema,
    /** The types list of a schema that parses; empty otherwise. */
    types: computed(() => (schema.value.ok ? schema.value.types : [])),
    envelopes: computed(() => (schema.value.ok ? envelopeCandidates(schema.value.root) : [])),
    typesOf: (url: string): DirectionTypes => stored.value.types[url] ?? {},
    /** Adds files (a file of the same name is replaced). */
    async add(files: ProtoFile[]) {
      const names = new Set(files.map((f) => f.name));
      await save((s) => ({ ...s, files: [...s.files.filter((f) => !names.has(f.name)), ...files] }));
    },
    async remove(name: string) {
      await save((s) => ({ ...s, files: s.files.filter((f) => f.name !== name) }));
    },
    async map(url: string, dir: Direction, mapping: TypeMapping | undefined) {
      await save((s) => {
        const current = { ...(s.types[url] ?? {}) };
        if (mapping) current[dir] = mapping;
        else delete current[dir];
        return { ...s, types: { ...s.types, [url]: current } };
      });
    },
    framingOf: (url: string): Framing | undefined => stored.value.framing[url],
    async frame(url: string, framing: Framing | undefined) {
      await save((s) => {
        const next = { ...s.framing };
        if (framing) next[url] = framing;
        else delete next[url];
        return { ...s, framing: next };
      });
    },
    /** A JSON message encoded as `type` (throws when the schema does not parse or the JSON does not fit). */
    encode(type: string, json: unknown): Uint8Array {
      const s = schema.value;
      if (!s.ok) throw new Error(s.error);
      return encodeJson(s.root, type, json);
    },
    /** A socket's Protobuf decoder when its URL has a framing, or a type in a schema that parses. */
    decoderFor(url: string): DecodeFn | undefined {
      const s = schema.value;
      const types = (s.ok && stored.value.types[url]) || {};
      const framing = stored.value.framing[url];
      if (!types.sent && !types.received && !framing) return undefined;
      return configuredDecoder({ root: s.ok ? s.root : undefined, types, framing });
    },
  };
}

export type ProtobufSchemas = ReturnType<typeof createProtobufSchemas>;
