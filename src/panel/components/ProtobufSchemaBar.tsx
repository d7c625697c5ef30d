import { FRAMINGS, type Framing } from '../../core/decoders/protobuf-framing';
import type { TypeMapping } from '../../core/decoders/protobuf-typed';
import type { Direction } from '../../core/decoders/types';
import type { CaptureState } from '../state/capture';
import type { DecodeState } from '../state/decode';
import type { FilterStore } from '../state/filter';
import type { ProtobufSchemas } from '../state/protobuf-schemas';
import { visibleText } from '../model/visible-text';
import styles from './ProtobufSchemaBar.module.css';

interface Props {
  capture: CaptureState;
  socketKey: string;
  url: string;
  schemas: ProtobufSchemas;
  decode: DecodeState;
  filter: FilterStore;
}

/** An option's value: a type, or an envelope as type|typeField|payloadField. */
const valueOf = (m: TypeMapping | undefined) => (!m ? '' : m.envelope ? `${m.type}|${m.envelope.typeField}|${m.envelope.payloadField}` : m.type);
function mappingOf(value: string): TypeMapping | undefined {
  if (!value) return undefined;
  const [type, typeField, payloadField] = value.split('|');
  return typeField ? { type, envelope: { typeField, payloadField } } : { type };
}

/** The Protobuf schema of the selected socket (when it is decoded as Protobuf): imported `.proto` files, and the message type of each direction. */
export function ProtobufSchemaBar({ capture, socketKey, url, schemas, decode, filter }: Props) {
  // Detection settles as messages arrive (it waits for a few), and when the user picks a decoder.
  capture.version.value;
  decode.version.value;
  if (decode.decoderOf(socketKey) !== 'protobuf') return null;
  const schema = schemas.schema.value;
  const types = schemas.typesOf(url);
  const changed = () => {
    if (decode.overrideOf(socketKey) !== 'protobuf' && decode.decoderOf(socketKey) !== 'protobuf') decode.override(socketKey, 'protobuf');
    decode.redecode();
    filter.refresh();
  };
  const importFiles = async (input: HTMLInputElement) => {
    const files = await Promise.all(Array.from(input.files ?? []).map(async (f) => ({ name: f.name, text: await f.text() })));
    input.value = '';
    await schemas.add(files);
    changed();
  };
  const picker = (dir: Direction, label: string) => (
    <label>
      {label}{' '}
      <select
        data-role={`proto-type-${dir}`}
        value={valueOf(types[dir])}
        onChange={async (e) => {
          await schemas.map(url, dir, mappingOf((e.target as HTMLSelectElement).value));
          changed();
        }}
      >
        <option value="">field numbers (no type)</option>
        {schemas.types.value.map((t) => <option key={t} value={t}>{t}</option>)}
        {schemas.envelopes.value.map((c) => (
          <option key={`${c.type}|env`} value={`${c.type}|${c.typeField}|${c.payloadField}`}>{c.type}, {c.payloadField} as the type in {c.typeField}</option>
        ))}
      </select>
    </label>
  );
  return (
    <div class={styles.bar} data-role="protobuf-schema">
      <span>Protobuf schema</span>
      {schemas.files.value.map((f) => (
        <span key={f.name} class={styles.file} data-role="proto-file">
          {visibleText(f.name)}
          <button
            aria-label={`Remove ${f.name}`}
            title={`Remove ${f.name}`}
            onClick={async () => {
              await schemas.remove(f.name);
              changed();
            }}
          >×</button>
        </span>
      ))}
      <label class={styles.import}>
        Import .proto…
        <input type="file" multiple accept=".proto" data-role="proto-import" onChange={(e) => void importFiles(e.target as HTMLInputElement)} />
      </label>
      {!schema.ok ? <span class={styles.error} data-role="proto-error">{visibleText(schema.error)}</span> : null}
      <label>
        Framing{' '}
        <select
          data-role="proto-framing"
          value={schemas.framingOf(url) ?? ''}
          onChange={async (e) => {
            await schemas.frame(url, ((e.target as HTMLSelectElement).value || undefined) as Framing | undefined);
            changed();
          }}
        >
          <option value="">one message</option>
          {Object.entries(FRAMINGS).map(([id, label]) => <option key={id} value={id}>messages each after a {label}</option>)}
        </select>
      </label>
      {schemas.types.value.length ? picker('sent', 'Sent as') : null}
      {schemas.types.value.length ? picker('received', 'Received as') : null}
    </div>
  );
}
