// Kubernetes label and field selectors, as list and watch requests carry them.
import type { KubeObject } from './types.ts';

type Test = (labels: Record<string, string>) => boolean;

function requirement(text: string): Test {
  const set = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(text);
  if (set?.[1] && set[3] !== undefined) {
    const [key, op] = [set[1], set[2]];
    const values = set[3].split(',').map((v) => v.trim());
    return (l) =>
      op === 'in' ? values.includes(l[key] ?? '\0') : !values.includes(l[key] ?? '\0');
  }
  const eq = /^([^\s!=]+)\s*(==|=|!=)\s*(\S*)$/.exec(text);
  if (eq?.[1]) {
    const [key, op, value] = [eq[1], eq[2], eq[3] ?? ''];
    return (l) => (op === '!=' ? l[key] !== value : l[key] === value);
  }
  if (text.startsWith('!')) return (l) => !(text.slice(1) in l);
  return (l) => text in l;
}

/** Splits on commas that are not inside parentheses. */
function parts(selector: string): string[] {
  return selector
    .split(/,(?![^(]*\))/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export function matchesLabels(obj: KubeObject, selector: string | undefined): boolean {
  if (!selector) return true;
  const labels = obj.metadata.labels ?? {};
  return parts(selector).every((p) => requirement(p)(labels));
}

function field(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const key of path.split('.')) cur = (cur as Record<string, unknown> | undefined)?.[key];
  if (typeof cur === 'string') return cur;
  return typeof cur === 'number' || typeof cur === 'boolean' ? String(cur) : '';
}

export function matchesFields(obj: KubeObject, selector: string | undefined): boolean {
  if (!selector) return true;
  return parts(selector).every((p) => {
    const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(p);
    if (!m?.[1]) return false;
    const equal = field(obj, m[1]) === (m[3] ?? '');
    return m[2] === '!=' ? !equal : equal;
  });
}
