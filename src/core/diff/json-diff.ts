/** One difference between two JSON values, at a path like `user.tags[1]` ('' is the whole value). */
export interface JsonChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const MAX_CHANGES = 1000;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const keyPath = (path: string, key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`);

/**
 * The structural differences from `a` to `b`: keys added, removed or changed, arrays element by
 * element; a value that changes kind (object, array, scalar) is one change. At most 1000.
 */
export function diffJson(a: unknown, b: unknown): JsonChange[] {
  const out: JsonChange[] = [];
  const walk = (x: unknown, y: unknown, path: string) => {
    if (out.length >= MAX_CHANGES) return;
    if (Array.isArray(x) && Array.isArray(y)) {
      for (let i = 0; i < Math.max(x.length, y.length); i++) {
        const p = `${path}[${i}]`;
        if (i >= y.length) out.push({ path: p, change: 'removed', before: x[i] });
        else if (i >= x.length) out.push({ path: p, change: 'added', after: y[i] });
        else walk(x[i], y[i], p);
      }
    } else if (isObject(x) && isObject(y)) {
      for (const k of Object.keys(x)) {
        if (!(k in y)) out.push({ path: keyPath(path, k), change: 'removed', before: x[k] });
        else walk(x[k], y[k], keyPath(path, k));
      }
      for (const k of Object.keys(y)) if (!(k in x)) out.push({ path: keyPath(path, k), change: 'added', after: y[k] });
    } else if (!Object.is(x, y)) out.push({ path, change: 'changed', before: x, after: y });
  };
  walk(a, b, '');
  return out.slice(0, MAX_CHANGES);
}
