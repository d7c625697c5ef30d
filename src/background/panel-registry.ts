import type browser from 'webextension-polyfill';

type Port = browser.Runtime.Port;

/** The panels connected now, by inspected tab. Lost when the worker stops; panels re-subscribe. */
export class PanelRegistry {
  private byTab = new Map<number, Map<string, Port>>();
  private byPort = new Map<Port, { tabId: number; panelId: string }>();

  add(tabId: number, panelId: string, port: Port): void {
    this.remove(port);
    let tabPanels = this.byTab.get(tabId);
    if (!tabPanels) this.byTab.set(tabId, (tabPanels = new Map()));
    tabPanels.set(panelId, port);
    this.byPort.set(port, { tabId, panelId });
  }

  /** Forgets a port; answers the tab it was inspecting. */
  remove(port: Port): number | undefined {
    const entry = this.byPort.get(port);
    if (!entry) return undefined;
    this.byPort.delete(port);
    const tabPanels = this.byTab.get(entry.tabId);
    tabPanels?.delete(entry.panelId);
    if (tabPanels?.size === 0) this.byTab.delete(entry.tabId);
    return entry.tabId;
  }

  subscriptionOf(port: Port): { tabId: number; panelId: string } | undefined {
    return this.byPort.get(port);
  }

  of(tabId: number): Iterable<[string, Port]> {
    return this.byTab.get(tabId) ?? [];
  }

  tabs(): Iterable<number> {
    return this.byTab.keys();
  }

  watching(tabId: number): boolean {
    return (this.byTab.get(tabId)?.size ?? 0) > 0;
  }
}
