import { SEARCH_EVENT, type SearchDetail } from '../core/devtools-search';
import { stepVisible } from './model/search-step';
import type { FilterStore } from './state/filter';
import type { SelectionStore } from './state/selection';

/** DevTools' search box is the filter; Enter / Shift+Enter select the next / previous row it shows. */
export function followDevToolsSearch(filter: FilterStore, selection: SelectionStore): void {
  window.addEventListener(SEARCH_EVENT, (e) => {
    const { action, query } = (e as CustomEvent<SearchDetail>).detail;
    if (action === 'performSearch') return filter.setInput(query ?? '');
    if (action === 'cancelSearch') return filter.setInput('');
    const visible = filter.visible.value;
    const row = selection.row.value;
    const at = stepVisible(visible, row ? visible.events.indexOf(row) : -1, action === 'nextSearchResult' ? 1 : -1);
    if (at < 0) return;
    selection.follow.value = false;
    selection.row.value = visible.events[visible.indices[at]];
  });
}
