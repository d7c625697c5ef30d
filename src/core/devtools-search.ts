/** DevTools' own search box (Ctrl/Cmd+F) drives the panel's filter: the event the devtools page sends to the panel. */
export const SEARCH_EVENT = 'sockets:devtools-search';

export type SearchAction = 'performSearch' | 'cancelSearch' | 'nextSearchResult' | 'previousSearchResult';

export interface SearchDetail {
  action: SearchAction;
  query?: string;
}
