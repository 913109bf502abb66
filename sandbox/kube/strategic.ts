// Strategic merge patch (application/strategic-merge-patch+json), as kubectl sends it for the
// built-in kinds: maps merge, null deletes, lists of objects merge by their patch merge key,
// and the directives $patch (replace, delete, merge), $setElementOrder/<list>,
// $deleteFromPrimitiveList/<list> and $retainKeys. The merge key of a list comes from the
// patch's own $setElementOrder entry when kubectl sent one, else from the k8s.io/api tags below.
type Plain = Record<string, unknown>;
const isMap = (v: unknown): v is Plain => v !== null && typeof v === 'object' && !Array.isArray(v);

/** patchMergeKey of the core/v1 and meta/v1 lists (field name -> key), from k8s.io/api. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  ownerReferences: 'uid',
  conditions: 'type',
  secrets: 'name',
  resourceClaims: 'name',
  topologySpreadConstraints: 'topologyKey',
};

/** Lists of scalars whose patch strategy is merge (a set union), e.g. metadata.finalizers. */
const MERGED_SCALAR_LISTS = new Set(['finalizers']);

function mergeKeyFor(
  field: string,
  parent: string,
  order: unknown[] | undefined,
): string | undefined {
  const first = order?.[0];
  if (isMap(first) && Object.keys(first).length === 1) return Object.keys(first)[0];
  if (field === 'ports') return parent === 'spec' ? 'port' : 'containerPort';
  return MERGE_KEYS[field];
}

export function strategicMergePatch(original: unknown, patch: unknown): unknown {
  return mergeMap(isMap(original) ? original : {}, isMap(patch) ? patch : {}, '');
}

function mergeMap(original: Plain, patch: Plain, self: string): Plain | undefined {
  if (patch.$patch === 'delete') return undefined;
  if (patch.$patch === 'replace') return withoutDirectives(patch);
  const out: Plain = { ...original };
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) {
      Reflect.deleteProperty(out, key);
    } else if (Array.isArray(value)) {
      out[key] = mergeList(out[key], value, key, self, patch);
    } else if (isMap(value)) {
      const merged = mergeMap(isMap(out[key]) ? out[key] : {}, value, key);
      if (merged === undefined) Reflect.deleteProperty(out, key);
      else out[key] = merged;
    } else {
      out[key] = value;
    }
  }
  applyListDirectives(out, patch, self);
  const retain = patch.$retainKeys;
  if (Array.isArray(retain))
    for (const k of Object.keys(out)) if (!retain.includes(k)) Reflect.deleteProperty(out, k);
  return out;
}

function withoutDirectives(v: Plain): Plain {
  return Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith('$')));
}

function applyListDirectives(out: Plain, patch: Plain, self: string): void {
  for (const [key, value] of Object.entries(patch)) {
    const remove = /^\$deleteFromPrimitiveList\/(.+)$/.exec(key)?.[1];
    if (remove && Array.isArray(out[remove]) && Array.isArray(value))
      out[remove] = (out[remove] as unknown[]).filter((x) => !value.includes(x));
    const ordered = /^\$setElementOrder\/(.+)$/.exec(key)?.[1];
    if (ordered && Array.isArray(value) && Array.isArray(out[ordered])) {
      if (!(ordered in patch)) out[ordered] = mergeList(out[ordered], [], ordered, self, patch);
      out[ordered] = reorder(out[ordered] as unknown[], value, mergeKeyFor(ordered, self, value));
    }
  }
}

function mergeList(
  original: unknown,
  patch: unknown[],
  field: string,
  parent: string,
  siblings: Plain,
): unknown[] {
  const base: unknown[] = Array.isArray(original) ? (original as unknown[]) : [];
  const order = siblings[`$setElementOrder/${field}`] as unknown[] | undefined;
  const replace = patch.find((x) => isMap(x) && x.$patch === 'replace');
  if (replace)
    return patch.filter((x) => x !== replace).map((x) => (isMap(x) ? withoutDirectives(x) : x));
  if (!patch.some(isMap)) {
    if (!MERGED_SCALAR_LISTS.has(field) && order === undefined) return patch;
    return [...base, ...patch.filter((x) => !base.includes(x))];
  }
  const key = mergeKeyFor(field, parent, order);
  if (!key) return patch.map((x) => (isMap(x) ? (mergeMap({}, x, field) ?? {}) : x));
  const out = [...base];
  for (const item of patch.filter(isMap)) {
    const at = out.findIndex((x) => isMap(x) && x[key] === item[key]);
    if (item.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
      continue;
    }
    const merged = mergeMap(at >= 0 ? (out[at] as Plain) : {}, item, field) ?? {};
    if (at >= 0) out[at] = merged;
    else out.push(merged);
  }
  return out;
}

function reorder(list: unknown[], order: unknown[], key: string | undefined): unknown[] {
  const id = (x: unknown): unknown => (key && isMap(x) ? x[key] : x);
  const wanted = order.map(id);
  const ranked = list.filter((x) => wanted.includes(id(x)));
  ranked.sort((a, b) => wanted.indexOf(id(a)) - wanted.indexOf(id(b)));
  return [...ranked, ...list.filter((x) => !wanted.includes(id(x)))];
}
