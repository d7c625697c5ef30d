/**
 * What the Firefox panel driver runs in the panel document (serialized into a frame script with
 * toString: each function self-contained, JSON in and out).
 */
export interface ElementInfo {
  tag: string;
  text: string;
  attrs: Record<string, string>;
}

export function queryElements(doc: Document, selector: string): ElementInfo[] {
  return Array.from(doc.querySelectorAll(selector)).map((el) => {
    const attrs: Record<string, string> = {};
    for (const a of Array.from(el.attributes)) attrs[a.name] = a.value;
    return { tag: el.localName, text: el.textContent ?? '', attrs };
  });
}

export function countElements(doc: Document, selector: string): number {
  return doc.querySelectorAll(selector).length;
}

export function clickElement(doc: Document, selector: string): boolean {
  const el = doc.querySelector(selector) as HTMLElement | null;
  if (!el) throw new Error(`no element ${selector}`);
  el.scrollIntoView({ block: 'nearest' });
  el.click();
  return true;
}

export function typeInto(doc: Document, { selector, text, clear }: { selector: string; text: string; clear: boolean }): string {
  const el = doc.querySelector(selector) as HTMLElement | null;
  if (!el) throw new Error(`no element ${selector}`);
  // A contenteditable host (CodeMirror) or its container: type into the editable part.
  const editable = (e: HTMLElement) => e.isContentEditable || e.localName === 'input' || e.localName === 'textarea';
  const target = (editable(el)
    ? el
    : (el.querySelector('[contenteditable="true"], input, textarea') as HTMLElement | null)) ?? el;
  target.focus();
  if (clear) {
    if ('select' in target && typeof (target as HTMLInputElement).select === 'function') (target as HTMLInputElement).select();
    else doc.execCommand('selectAll');
    doc.execCommand('delete');
  }
  // insertText goes through the editor (beforeinput/input events), like typing.
  if (!doc.execCommand('insertText', false, text)) {
    const input = target as HTMLInputElement;
    input.value = (clear ? '' : input.value) + text;
    input.dispatchEvent(new (doc.defaultView as Window & typeof globalThis).Event('input', { bubbles: true }));
  }
  return 'value' in target ? (target as HTMLInputElement).value : target.textContent ?? '';
}

export function selectOption(doc: Document, { selector, value }: { selector: string; value: string }): string {
  const el = doc.querySelector(selector) as HTMLSelectElement | null;
  if (!el) throw new Error(`no element ${selector}`);
  if (!Array.from(el.options).some((o) => o.value === value)) throw new Error(`${selector} has no option ${value}`);
  el.value = value;
  const win = doc.defaultView as Window & typeof globalThis;
  el.dispatchEvent(new win.Event('input', { bubbles: true }));
  el.dispatchEvent(new win.Event('change', { bubbles: true }));
  return el.value;
}

export function pressKey(doc: Document, o: { key: string; selector: string | null; ctrl?: boolean; shift?: boolean; alt?: boolean; meta?: boolean }): boolean {
  const el = (o.selector ? doc.querySelector(o.selector) : doc.activeElement) as HTMLElement | null;
  if (!el) throw new Error(`no element ${o.selector ?? '(focused)'}`);
  if (o.selector) el.focus();
  const win = doc.defaultView as Window & typeof globalThis;
  const init = { key: o.key, bubbles: true, cancelable: true, ctrlKey: !!o.ctrl, shiftKey: !!o.shift, altKey: !!o.alt, metaKey: !!o.meta };
  el.dispatchEvent(new win.KeyboardEvent('keydown', init));
  el.dispatchEvent(new win.KeyboardEvent('keyup', init));
  return true;
}
