import browser from 'webextension-polyfill';
import { SEARCH_EVENT, type SearchAction, type SearchDetail } from '../core/devtools-search';

interface SearchablePanel {
  onShown: { addListener(cb: (win: Window) => void): void };
  /** Chrome only: DevTools routes its search box (Ctrl/Cmd+F) to the shown extension panel. */
  onSearch?: { addListener(cb: (action: SearchAction, query?: string) => void): void };
}

void browser.devtools.panels.create('Sockets', '/icons/icon16.png', '/src/panel/panel.html').then((created) => {
  const panel = created as unknown as SearchablePanel;
  if (!panel.onSearch) return; // Firefox: the panel keeps its own Ctrl/Cmd+F
  let panelWindow: Window | undefined;
  const tell = (detail: SearchDetail) => panelWindow?.dispatchEvent(new CustomEvent(SEARCH_EVENT, { detail }));
  panel.onShown.addListener((win) => {
    panelWindow = win;
    win.document.documentElement.dataset.devtoolsSearch = 'on';
  });
  panel.onSearch.addListener((action, query) => tell({ action, query }));
});
