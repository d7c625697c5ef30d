import { decoders } from '../../core/decoders';
import type { DecodeState } from '../state/decode';
import type { FilterStore } from '../state/filter';
import styles from './DecoderPicker.module.css';

/** Overrides the detected sub-protocol decoder of the selected socket (or turns decoding off). */
export function DecoderPicker({ socketKey, decode, filter }: { socketKey: string; decode: DecodeState; filter: FilterStore }) {
  decode.version.value;
  const current = decode.overrideOf(socketKey);
  const detected = decode.detectedOf(socketKey);
  return (
    <label class={styles.picker}>
      Decoder{' '}
      <select
        data-role="decoder-picker"
        value={current === undefined ? 'auto' : current ?? 'none'}
        onChange={(e) => {
          const v = (e.target as HTMLSelectElement).value;
          decode.override(socketKey, v === 'auto' ? undefined : v === 'none' ? null : v);
          filter.refresh();
        }}
      >
        <option value="auto">Auto{detected ? ` (${detected})` : ' (none detected)'}</option>
        <option value="none">None (raw)</option>
        {decoders.map((d) => <option key={d.id} value={d.id}>{d.label}</option>)}
      </select>
    </label>
  );
}
