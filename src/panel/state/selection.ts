import { signal } from '@preact/signals';
import type { SessionEvent } from '../../core/session';

/** Which socket the grid shows (null = all) and which row the detail pane shows. */
export function createSelectionStore() {
  const socket = signal<string | null>(null);
  const row = signal<SessionEvent | null>(null);
  /** The selected row while the grid shows it (the detail pane follows the grid), else null. */
  const shown = signal<SessionEvent | null>(null);
  const follow = signal(true);
  const timeMode = signal<'absolute' | 'relative'>('absolute');
  return { socket, row, shown, follow, timeMode };
}

export type SelectionStore = ReturnType<typeof createSelectionStore>;
