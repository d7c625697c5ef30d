/**
 * Dotted JSON paths as the rules and templates name them: `a.b`, `items[0].id`, `0.name` (an
 * array's index as a segment too). No wildcards.
 */
export function parsePath(path: string): (string | number)[] | null {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return null;
    if (m[1] !== '') out.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    for (const index of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out.length > 0 ? out : null;
}

const isContainer = (v: unknown): v is Record<string | number, unknown> => typeof v === 'object' && v !== null;

export function getPath(value: unknown, path: (string | number)[]): unknown {
  let v = value;
  for (const key of path) {
    if (!isContainer(v) || !Object.hasOwn(v, key)) return undefined;
    v = v[key];
  }
  return v;
}

/** Sets the value at `path`, making the objects on the way; false when a step is no container. */
export function setPath(root: unknown, path: (string | number)[], value: unknown): boolean {
  let v = root;
  for (let i = 0; i < path.length - 1; i++) {
    if (!isContainer(v)) return false;
    const key = path[i];
    if (!isContainer(v[key])) v[key] = typeof path[i + 1] === 'number' ? [] : {};
    v = v[key];
  }
  if (!isContainer(v)) return false;
  v[path[path.length - 1]] = value;
  return true;
}

/** Deletes at `path` (an array element is spliced out); false when nothing is there. */
export function deletePath(root: unknown, path: (string | number)[]): boolean {
  const parent = getPath(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (!isContainer(parent) || !Object.hasOwn(parent, key)) return false;
  if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
  else delete parent[key];
  return true;
}
