// meta.k8s.io Tables, what `kubectl get` asks for first (Accept: application/json;as=Table;
// v=v1;g=meta.k8s.io): custom resources with their CRD's additionalPrinterColumns (as the
// apiextensions table convertor builds them: Name, then each column; date cells as ages), and
// Pods with the columns of the API server's pod printer. Other built-in kinds get no Table, and
// kubectl prints the plain list it also accepts.
import { parseAccept } from './negotiate.ts';
import type { ResourceType } from './resources.ts';
import type { KubeObject } from './types.ts';

type Plain = Record<string, unknown>;
interface Column {
  name: string;
  type: string;
  format?: string;
  priority?: number;
  description?: string;
}

/** The Table version the client prefers over a plain object, or undefined. */
export function tableVersion(accept: string | undefined): 'v1' | 'v1beta1' | undefined {
  for (const r of parseAccept(accept).filter((x) => x.q > 0)) {
    const table = r.params.get('as') === 'Table' && r.params.get('g') === 'meta.k8s.io';
    const v = r.params.get('v');
    if (table && r.type === 'application/json' && (v === 'v1' || v === 'v1beta1')) return v;
    if (!r.params.has('as')) return undefined;
  }
  return undefined;
}

/** Go's duration.HumanDuration, as the API server prints ages. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  const pair = (a: number, ua: string, b: number, ub: string) =>
    b === 0 ? `${a}${ua}` : `${a}${ua}${b}${ub}`;
  if (minutes < 10) return pair(minutes, 'm', seconds % 60, 's');
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return pair(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return pair(Math.floor(hours / 24), 'd', hours % 24, 'h');
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 8) return pair(Math.floor(days / 365), 'y', days % 365, 'd');
  return `${Math.floor(days / 365)}y`;
}

function age(timestamp: unknown, now: number): string {
  const t = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
}

function lookup(obj: unknown, jsonPath: string): unknown {
  let cur = obj;
  for (const key of jsonPath.split('.').filter(Boolean)) cur = (cur as Plain | undefined)?.[key];
  return cur;
}

function crdCell(column: Column, value: unknown, now: number): unknown {
  if (value === undefined || value === null) return null;
  switch (column.type) {
    case 'date':
      return age(value, now);
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

const NAME: Column = { name: 'Name', type: 'string', format: 'name' };
const POD_COLUMNS: Column[] = [
  NAME,
  { name: 'Ready', type: 'string' },
  { name: 'Status', type: 'string' },
  { name: 'Restarts', type: 'string' },
  { name: 'Age', type: 'string' },
  { name: 'IP', type: 'string', priority: 1 },
  { name: 'Node', type: 'string', priority: 1 },
  { name: 'Nominated Node', type: 'string', priority: 1 },
  { name: 'Readiness Gates', type: 'string', priority: 1 },
];

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string };
    running?: object;
    terminated?: { reason?: string; exitCode?: number; signal?: number };
  };
}

/** The Status column of the pod printer: waiting/terminated reasons, Terminating. */
function podStatus(pod: KubeObject): string {
  const status = pod.status ?? {};
  let reason =
    (status.reason as string | undefined) || ((status.phase as string | undefined) ?? '');
  let running = false;
  for (const c of [...((status.containerStatuses ?? []) as ContainerStatus[])].reverse()) {
    const s = c.state ?? {};
    if (s.waiting?.reason) reason = s.waiting.reason;
    else if (s.terminated?.reason) reason = s.terminated.reason;
    else if (s.terminated)
      reason = s.terminated.signal
        ? `Signal:${s.terminated.signal}`
        : `ExitCode:${s.terminated.exitCode ?? 0}`;
    else if (c.ready && s.running) running = true;
  }
  if (reason === 'Completed' && running) reason = 'Running';
  if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  return reason;
}

function podCells(pod: KubeObject, now: number): unknown[] {
  const statuses = (pod.status?.containerStatuses ?? []) as ContainerStatus[];
  const containers = (pod.spec?.containers ?? []) as unknown[];
  const ready = statuses.filter((c) => c.ready).length;
  const restarts = statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0);
  const gates = (pod.spec?.readinessGates ?? []) as unknown[];
  return [
    pod.metadata.name,
    `${ready}/${containers.length}`,
    podStatus(pod),
    String(restarts),
    age(pod.metadata.creationTimestamp, now),
    pod.status?.podIP || '<none>',
    pod.spec?.nodeName || '<none>',
    pod.status?.nominatedNodeName || '<none>',
    gates.length === 0 ? '<none>' : `0/${gates.length}`,
  ];
}

function rowObject(obj: KubeObject, include: string | null, version: string): Plain | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return {
    kind: 'PartialObjectMetadata',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: obj.metadata,
  };
}

/** The Table for a get or list reply, or undefined when the kind has no printer here. */
export function toTable(
  t: ResourceType,
  body: Plain,
  version: string,
  includeObject: string | null,
  now = Date.now(),
): Plain | undefined {
  let columns: Column[];
  let cells: (o: KubeObject) => unknown[];
  if (t.crd) {
    const extra = t.crd.printerColumns;
    columns = [NAME, ...extra.map(({ jsonPath: _path, ...c }) => c)];
    cells = (o) => [o.metadata.name, ...extra.map((c) => crdCell(c, lookup(o, c.jsonPath), now))];
  } else if (t.group === '' && t.plural === 'pods') {
    columns = POD_COLUMNS;
    cells = (o) => podCells(o, now);
  } else {
    return undefined;
  }
  const items = Array.isArray(body.items) ? (body.items as KubeObject[]) : [body as KubeObject];
  const meta = (body.metadata ?? {}) as Plain;
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: { resourceVersion: meta.resourceVersion ?? '' },
    columnDefinitions: columns.map((c) => ({ description: '', priority: 0, format: '', ...c })),
    rows: items.map((o) => {
      const object = rowObject(o, includeObject, version);
      return { cells: cells(o), ...(object ? { object } : {}) };
    }),
  };
}

/** The Table kubectl get asks for, when it prefers one and the kind has a printer here. */
export function tableReply(
  accept: string | undefined,
  includeObject: string | null,
  type: ResourceType,
  body: unknown,
): { type: string; body: unknown } | undefined {
  const version = tableVersion(accept);
  if (!version) return undefined;
  const table = toTable(type, body as Plain, version, includeObject);
  return table && { type: `application/json;as=Table;v=${version};g=meta.k8s.io`, body: table };
}

/** For kubectl get -w: each event's object as a one-row Table, columns in the first only. */
export function watchTransform(
  accept: string | undefined,
  includeObject: string | null,
  type: ResourceType,
): ((obj: KubeObject) => unknown) | undefined {
  const version = tableVersion(accept);
  if (!version || !toTable(type, { items: [] }, version, includeObject)) return undefined;
  let first = true;
  return (obj) => {
    const table = toTable(type, obj, version, includeObject) ?? {};
    if (!first) delete table.columnDefinitions;
    first = false;
    return table;
  };
}
