import type { Panel } from './harness';
import { selectSideTab, until } from './readers';

/** Opens the composer tab and picks a socket by URL and a format. */
export async function openComposer(panel: Panel, socketUrl: string, format: 'text' | 'json' | 'hex' | 'base64' = 'text') {
  await selectSideTab(panel, 'composer');
  const key = await panel.attribute(`[data-socket-url="${socketUrl}"]`, 'data-socket-key');
  await panel.select('[data-role=composer-socket]', key!);
  await panel.select('[data-role=composer-format]', format);
}

/** Replaces the editor's content (CodeMirror's contenteditable) as typing would, and waits until it shows it. */
export async function typeInComposer(panel: Panel, text: string) {
  await panel.fill('[data-role=composer-input]', text);
  await until(() => panel.query((doc) => doc.querySelector('[data-role=composer-input]')?.textContent ?? null), (t) => t === text, 'the composer to show the typed text');
}

export function composerStatus(panel: Panel): Promise<{ status: string | null; text: string }> {
  return panel.query((doc) => {
    const el = doc.querySelector('[data-role=composer-status]');
    return { status: el?.getAttribute('data-status') ?? null, text: el?.textContent ?? '' };
  });
}
