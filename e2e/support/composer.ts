import type { Frame } from 'playwright-core';

/** Opens the composer tab and picks a socket by URL and a format. */
export async function openComposer(panel: Frame, socketUrl: string, format: 'text' | 'json' | 'hex' | 'base64' = 'text') {
  await panel.click('[data-tab=composer]');
  const key = await panel.getAttribute(`[data-socket-url="${socketUrl}"]`, 'data-socket-key');
  await panel.selectOption('[data-role=composer-socket]', key!);
  await panel.selectOption('[data-role=composer-format]', format);
}

/** Replaces the editor's content (CodeMirror's contenteditable). */
export async function typeInComposer(panel: Frame, text: string) {
  // Keystrokes sent by CDP into a DevTools window's frames stall, so insert the text as an input
  // method or a paste would: CodeMirror reads it from the DOM like typing.
  const input = panel.locator('[data-role=composer-input]');
  await input.click();
  await input.evaluate((el, t) => {
    (el as HTMLElement).focus();
    document.execCommand('selectAll');
    document.execCommand('insertText', false, t);
  }, text);
  await panel.waitForFunction((t) => document.querySelector('[data-role=composer-input]')?.textContent === t, text);
}

export async function composerStatus(panel: Frame): Promise<{ status: string | null; text: string }> {
  const el = panel.locator('[data-role=composer-status]');
  if ((await el.count()) === 0) return { status: null, text: '' };
  return { status: await el.getAttribute('data-status'), text: (await el.textContent()) ?? '' };
}
