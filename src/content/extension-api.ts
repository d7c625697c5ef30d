/**
 * The extension API of the content script, without webextension-polyfill (it would be parsed in
 * every frame of every page): Firefox's `browser` and Chrome's MV3 `chrome` both answer with
 * promises for what the relay calls. The build picks one (`__BROWSER__`). A function: the relay
 * stub never touches the API (reading it makes the browser build its bindings for the frame).
 */
declare const browser: typeof chrome;

export const extensionApi = (): typeof chrome => (__BROWSER__ === 'firefox' ? browser : chrome);
export type Port = chrome.runtime.Port;
