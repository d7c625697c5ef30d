import { signal } from '@preact/signals';
import browser from 'webextension-polyfill';

type Panels = {
  themeName?: string;
  /** Firefox. */
  onThemeChanged?: { addListener(cb: (name: string) => void): void };
  /** Chrome. */
  setThemeChangeHandler?: (cb: (name: string) => void) => void;
};

/** The DevTools theme, followed live (Chrome and Firefox tell it in different ways); sets `data-theme` on the page. */
export function followDevToolsTheme() {
  const panels = browser.devtools.panels as unknown as Panels;
  const chromePanels = (globalThis as { chrome?: { devtools?: { panels?: Panels } } }).chrome?.devtools?.panels;
  const dark = signal(false);
  const apply = (name: string | undefined) => {
    dark.value = name === 'dark';
    document.documentElement.dataset.theme = dark.value ? 'dark' : 'light';
  };
  apply(panels.themeName);
  if (panels.onThemeChanged) panels.onThemeChanged.addListener(apply);
  else chromePanels?.setThemeChangeHandler?.(apply);
  return dark;
}
