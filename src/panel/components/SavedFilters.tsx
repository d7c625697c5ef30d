import { useState } from 'preact/hooks';
import type { FilterStore, SavedFilter } from '../state/filter';
import styles from './SavedFilters.module.css';

const KEY = 'sockets.savedFilters';
const load = (): SavedFilter[] => {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]');
  } catch {
    return [];
  }
};

/** Named filters kept in the panel's storage: save the current one, apply or delete saved ones. */
export function SavedFilters({ filter }: { filter: FilterStore }) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<SavedFilter[]>(load);
  const [name, setName] = useState('');
  const [justSaved, setJustSaved] = useState('');
  const store = (next: SavedFilter[]) => {
    setSaved(next);
    localStorage.setItem(KEY, JSON.stringify(next));
  };
  return (
    <span class={styles.wrap}>
      <button class={styles.button} title="Saved filters" aria-label="Saved filters" data-action="saved-filters" onClick={() => (setOpen(!open), setJustSaved(''))}>★</button>
      {open ? (
        <div class={styles.menu} role="menu" data-role="saved-filters">
          <div class={styles.save}>
            <input placeholder="Name this filter" value={name} aria-label="Filter name" onInput={(e) => setName((e.target as HTMLInputElement).value)} />
            <button disabled={!name} data-action="save-filter" onClick={() => {
              store([{ name, spec: filter.spec() }, ...saved.filter((s) => s.name !== name)]);
              setJustSaved(name);
              setName('');
            }}>Save</button>
          </div>
          {justSaved ? <div class={styles.note} role="status" data-role="saved-filter-note">Saved “{justSaved}”: pick it below to apply it again.</div> : null}
          {saved.length === 0 ? <div class={styles.empty}>No saved filters yet.</div> : null}
          {saved.map((s) => (
            <div key={s.name} class={styles.item}>
              <button role="menuitem" data-saved-filter={s.name} title={s.spec.query} onClick={() => {
                filter.apply(s.spec);
                setOpen(false);
              }}>{s.name}</button>
              <button aria-label={`Delete ${s.name}`} onClick={() => store(saved.filter((x) => x.name !== s.name))}>×</button>
            </div>
          ))}
        </div>
      ) : null}
    </span>
  );
}
