/**
 * `.proto` files read with protobufjs's parser (a plain recursive-descent parser), into its
 * reflection objects. Only the parser and the reflection are used: protobufjs's own encode and
 * decode generate code with `new Function`, which extension pages forbid, so messages are read and
 * written here (protobuf-typed.ts, protobuf-encode.ts) by walking the reflected types.
 */
import protobuf from 'protobufjs';

export interface ProtoFile {
  name: string;
  text: string;
}

export type Schema = { ok: true; root: protobuf.Root; types: string[] } | { ok: false; error: string };

/** `name` of an import resolved against the imported files: the same path, or a file whose path ends with it. */
const provides = (file: ProtoFile, imported: string) => file.name === imported || file.name.endsWith(`/${imported}`) || imported.endsWith(`/${file.name}`);

/** Every message type of the namespace and below, by full name without the leading dot. */
function messageTypes(ns: protobuf.NamespaceBase, out: string[] = []): string[] {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) out.push(nested.fullName.slice(1));
    if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) messageTypes(nested, out);
  }
  return out;
}

/** Parses the files into one set of types; an import none of them provides (nor protobufjs's well-known types) is an error. */
export function parseSchema(files: ProtoFile[]): Schema {
  const root = new protobuf.Root();
  const common = protobuf.common as unknown as Record<string, protobuf.INamespace | undefined>;
  const added = new Set<string>();
  try {
    for (const file of files) {
      let parsed: protobuf.IParserResult;
      try {
        parsed = protobuf.parse(file.text, root, { keepCase: true });
      } catch (e) {
        return { ok: false, error: `${file.name}: ${(e as Error).message}` };
      }
      for (const imported of [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]) {
        if (files.some((f) => provides(f, imported))) continue;
        const known = common[imported];
        if (!known) return { ok: false, error: `${file.name}: import "${imported}" is not among the imported files` };
        if (!added.has(imported)) root.addJSON(known.nested!);
        added.add(imported);
      }
    }
    root.resolveAll();
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  return { ok: true, root, types: messageTypes(root).sort() };
}

/** A message type that looks like an envelope: a string field naming a type, and a bytes field for the message. */
export interface EnvelopeCandidate {
  type: string;
  typeField: string;
  payloadField: string;
}

const TYPE_NAME = /type|kind|name/i;

/** The schema's message types that look like envelopes (`Any` itself included). */
export function envelopeCandidates(root: protobuf.Root): EnvelopeCandidate[] {
  const out: EnvelopeCandidate[] = [];
  for (const name of messageTypes(root)) {
    const fields = root.lookupType(name).fieldsArray.filter((f) => !f.repeated);
    const typeField = fields.find((f) => f.type === 'string' && TYPE_NAME.test(f.name));
    const payloadField = fields.find((f) => f.type === 'bytes');
    if (typeField && payloadField) out.push({ type: name, typeField: typeField.name, payloadField: payloadField.name });
  }
  return out;
}
