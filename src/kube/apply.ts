// Server-side apply of the rendered objects with field manager pgha, in dependency order.
// Each object is read first so that the report can say created, changed or unchanged (or,
// in a dry run, what would change); conflicts with other managers are reported by field.
import { isDeepStrictEqual } from 'node:util';
import { ConfigurationError } from '../errors.ts';
import { KubeApiError } from './errors.ts';
import type { KubeHttp } from './http.ts';
import { describeObject, objectPath, type KubeObject } from './resources.ts';

export const FIELD_MANAGER = 'pgha';

export type ApplyAction = 'created' | 'changed' | 'unchanged' | 'would create' | 'would change';

export interface ApplyResult {
  readonly kind: string;
  readonly name: string;
  readonly action: ApplyAction;
  /** Paths whose value differs from the live object (changed or would change). */
  readonly changedPaths: readonly string[];
  readonly object: KubeObject;
}

export interface ApplyOptions {
  readonly force: boolean;
  readonly dryRun: boolean;
}

/** Kinds others depend on first: the Cluster needs its ObjectStore, backups need the Cluster. */
const ORDER = [
  'Namespace',
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'ObjectStore',
  'Cluster',
  'ScheduledBackup',
  'Pooler',
  'Service',
  'PodMonitor',
];

export function inApplyOrder<T extends Pick<KubeObject, 'kind'>>(objects: readonly T[]): T[] {
  const rank = (o: T) => {
    const i = ORDER.indexOf(o.kind);
    return i < 0 ? ORDER.length : i;
  };
  return [...objects].sort((a, b) => rank(a) - rank(b));
}

export async function applyObjects(
  http: KubeHttp,
  objects: readonly KubeObject[],
  options: ApplyOptions,
  onResult: (r: ApplyResult) => void = () => undefined,
): Promise<ApplyResult[]> {
  const results: ApplyResult[] = [];
  for (const obj of inApplyOrder(objects)) {
    const result = await applyOne(http, obj, options);
    onResult(result);
    results.push(result);
  }
  return results;
}

async function applyOne(
  http: KubeHttp,
  obj: KubeObject,
  options: ApplyOptions,
): Promise<ApplyResult> {
  const path = objectPath(obj);
  const what = describeObject(obj);
  const live = await http.json<KubeObject | undefined>({
    method: 'GET',
    path,
    allowNotFound: true,
    context: `reading ${what}`,
  });
  let applied: KubeObject;
  try {
    const response = await http.json<KubeObject>({
      method: 'PATCH',
      path,
      query: {
        fieldManager: FIELD_MANAGER,
        force: options.force ? 'true' : undefined,
        dryRun: options.dryRun ? 'All' : undefined,
      },
      body: obj,
      contentType: 'application/apply-patch+yaml',
      context: `${options.dryRun ? 'dry-run applying' : 'applying'} ${what}`,
    });
    applied = response.body;
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 409) throw conflictError(what, error);
    throw error;
  }
  const changedPaths = live.body
    ? differences(live.body, applied).filter(
        (p) => !p.startsWith(TRACE_ANNOTATIONS) && p !== RUN_ID,
      )
    : [];
  return {
    kind: obj.kind,
    name: obj.metadata.name,
    action: actionOf(live.body, changedPaths, options.dryRun),
    changedPaths,
    object: applied,
  };
}

function actionOf(
  live: KubeObject | undefined,
  changed: readonly string[],
  dryRun: boolean,
): ApplyAction {
  if (!live) return dryRun ? 'would create' : 'created';
  if (changed.length === 0) return 'unchanged';
  return dryRun ? 'would change' : 'changed';
}

/** Traceability annotations (run, sha, actor) change every run; alone they are no change. */
const TRACE_ANNOTATIONS = 'metadata.annotations.pgha.io/';

/** The label naming the run that last applied the object: alone, no change either. */
const RUN_ID = 'metadata.labels.pgha.io/run-id';

/** Fields the server sets on every write; a difference there is not a change of the object. */
const VOLATILE = new Set([
  'metadata.resourceVersion',
  'metadata.generation',
  'metadata.managedFields',
  'metadata.uid',
  'metadata.creationTimestamp',
  'status',
]);

/** Dotted paths (at most three levels deep) whose values differ. */
export function differences(before: unknown, after: unknown, prefix = '', depth = 0): string[] {
  if (VOLATILE.has(prefix)) return [];
  if (isDeepStrictEqual(before, after)) return [];
  const bothMaps = isMap(before) && isMap(after);
  if (!bothMaps || depth >= 3) return [prefix || '(root)'];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((k) =>
    differences(before[k], after[k], prefix ? `${prefix}.${k}` : k, depth + 1),
  );
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class ApplyConflictError extends ConfigurationError {
  readonly conflicts: readonly { field: string; manager: string }[];
  constructor(message: string, conflicts: readonly { field: string; manager: string }[]) {
    super(message);
    this.conflicts = conflicts;
  }
}

function conflictError(what: string, error: KubeApiError): ApplyConflictError {
  const conflicts = error.causes.map((c) => ({
    field: c.field ?? '',
    manager: /conflict with "([^"]+)"/.exec(c.message ?? '')?.[1] ?? 'another manager',
  }));
  const lines = conflicts.map((c) => `  - ${c.field} is managed by ${c.manager}`);
  return new ApplyConflictError(
    `applying ${what}: ${conflicts.length} field(s) are managed by another field manager:\n${lines.join('\n')}\n` +
      'Remove them from that manager (e.g. stop editing the object with kubectl), or set force-conflicts: true to let pgha take them over.',
    conflicts,
  );
}
