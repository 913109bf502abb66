// /openapi/v3 (the index of group-versions, each at /openapi/v3/api/v1 or
// /openapi/v3/apis/<group>/<version>?hash=...) and /openapi/v2, built from the kinds the sandbox
// serves. Each path's operations carry x-kubernetes-group-version-kind and x-kubernetes-action;
// create, update and patch take fieldValidation, which is how kubectl learns that the server
// validates fields itself (cli-runtime's query param verifier), and `kubectl explain` reads the
// component schemas. PATCH of built-in kinds does not list strategic merge patch, so kubectl
// computes those patches from its compiled-in types (with their real merge keys) instead of
// from these schemas, which carry no patch metadata.
import { createHash } from 'node:crypto';
import {
  gvkExtension,
  kindDefinition,
  kindSchema,
  listSchema,
  type Schema,
} from './openapi-schemas.ts';
import { groupVersions, type ResourceType } from './resources.ts';

type Version = 'v2' | 'v3';
const PARAMS = {
  list: ['labelSelector', 'fieldSelector', 'resourceVersion', 'limit', 'continue', 'watch'],
  write: ['dryRun', 'fieldManager', 'fieldValidation'],
  patch: ['dryRun', 'fieldManager', 'fieldValidation', 'force'],
  delete: ['dryRun', 'gracePeriodSeconds', 'propagationPolicy'],
};

const refTo =
  (v: Version) =>
  (name: string): Schema => ({
    $ref: v === 'v3' ? `#/components/schemas/${name}` : `#/definitions/${name}`,
  });

function parameter(v: Version, name: string, where: 'query' | 'path'): Schema {
  const type = name === 'force' || name === 'watch' ? 'boolean' : 'string';
  const base = { name, in: where, ...(where === 'path' ? { required: true } : {}) };
  return v === 'v3' ? { ...base, schema: { type, uniqueItems: true } } : { ...base, type };
}

interface Op {
  method: string;
  action: string;
  kind: string;
  params: string[];
  body?: string[];
}

function operation(v: Version, t: ResourceType, op: Op, path: string): Schema {
  const ref = refTo(v)(op.kind === 'List' ? `${kindDefinition(t)}List` : kindDefinition(t));
  const produces = t.crd
    ? ['application/json', 'application/yaml']
    : ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
  const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => parameter(v, m[1] ?? '', 'path'));
  const base: Schema = {
    operationId: `${op.method}${t.namespaced ? 'Namespaced' : ''}${t.kind}`,
    parameters: [...pathParams, ...op.params.map((p) => parameter(v, p, 'query'))],
    'x-kubernetes-action': op.action,
    'x-kubernetes-group-version-kind': gvkExtension(t),
  };
  if (v === 'v2')
    return {
      ...base,
      consumes: op.body ?? ['*/*'],
      produces,
      responses: { '200': { description: 'OK', schema: ref } },
      ...(op.body
        ? {
            parameters: [
              ...(base.parameters as Schema[]),
              { name: 'body', in: 'body', required: true, schema: ref },
            ],
          }
        : {}),
    };
  const content = (types: string[]) => Object.fromEntries(types.map((c) => [c, { schema: ref }]));
  return {
    ...base,
    ...(op.body ? { requestBody: { content: content(op.body), required: true } } : {}),
    responses: { '200': { description: 'OK', content: content(produces) } },
  };
}

const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
];

function pathsFor(v: Version, t: ResourceType): [string, Schema][] {
  const prefix = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
  const coll = t.namespaced
    ? `${prefix}/namespaces/{namespace}/${t.plural}`
    : `${prefix}/${t.plural}`;
  const item = `${coll}/{name}`;
  const json = ['application/json', 'application/yaml'];
  const itemOps = (sub: string): Op[] => [
    { method: 'read', action: 'get', kind: t.kind, params: [] },
    { method: 'replace', action: 'put', kind: t.kind, params: PARAMS.write, body: json },
    { method: 'patch', action: 'patch', kind: t.kind, params: PARAMS.patch, body: PATCH_TYPES },
    ...(sub ? [] : [{ method: 'delete', action: 'delete', kind: t.kind, params: PARAMS.delete }]),
  ];
  const build = (path: string, ops: Op[]): [string, Schema] => [
    path,
    Object.fromEntries(
      ops.map((op) => [
        verbOf(op.action),
        operation(v, t, { ...op, method: op.method + sub(path) }, path),
      ]),
    ),
  ];
  const out = [
    build(coll, [
      { method: 'list', action: 'list', kind: 'List', params: PARAMS.list },
      { method: 'create', action: 'post', kind: t.kind, params: PARAMS.write, body: json },
    ]),
    build(item, itemOps('')),
  ];
  if (t.namespaced)
    out.push(
      build(`${prefix}/${t.plural}`, [
        { method: 'list', action: 'list', kind: 'List', params: PARAMS.list },
      ]),
    );
  if (t.status) out.push(build(`${item}/status`, itemOps('status')));
  return out;
}

function sub(path: string): string {
  return path.endsWith('/status') ? 'Status' : '';
}

function verbOf(action: string): string {
  return action === 'list' ? 'get' : action === 'post' ? 'post' : action;
}

function document(v: Version, types: ResourceType[]): Schema {
  const ref = refTo(v);
  const schemas = new Map<string, Schema>();
  const paths: Schema = {};
  for (const t of types) {
    const own = kindSchema(t, ref, schemas);
    schemas.set(kindDefinition(t), own);
    schemas.set(`${kindDefinition(t)}List`, listSchema(t, ref, schemas));
    for (const [path, item] of pathsFor(v, t)) paths[path] = item;
  }
  const sorted = Object.fromEntries([...schemas].sort(([a], [b]) => a.localeCompare(b)));
  const info = { title: 'Kubernetes', version: 'v1.32.0-pgha-sandbox' };
  return v === 'v3'
    ? { openapi: '3.0.0', info, paths, components: { schemas: sorted } }
    : { swagger: '2.0', info, paths, definitions: sorted };
}

export interface OpenApi {
  /** The document at `path` (pathname of the request), or undefined when there is none. */
  get(path: string): Schema | undefined;
}

export function openApi(types: ResourceType[]): OpenApi {
  const gvs = [{ group: '', version: 'v1' }, ...groupVersions(types)];
  const key = (gv: { group: string; version: string }) =>
    gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`;
  const docs = new Map<string, Schema>();
  const gvDoc = (k: string): Schema | undefined => {
    const gv = gvs.find((g) => key(g) === k);
    if (!gv) return undefined;
    let doc = docs.get(k);
    if (!doc) {
      doc = document(
        'v3',
        types.filter((t) => t.group === gv.group && t.version === gv.version),
      );
      docs.set(k, doc);
    }
    return doc;
  };
  let v2: Schema | undefined;
  return {
    get(path) {
      if (path === '/openapi/v2') return (v2 ??= document('v2', types));
      if (path === '/openapi/v3') {
        const entries = gvs.map((gv) => {
          const hash = createHash('sha512')
            .update(JSON.stringify(gvDoc(key(gv))))
            .digest('hex');
          return [
            key(gv),
            { serverRelativeURL: `/openapi/v3/${key(gv)}?hash=${hash.toUpperCase()}` },
          ];
        });
        return { paths: Object.fromEntries(entries) };
      }
      return path.startsWith('/openapi/v3/') ? gvDoc(path.slice('/openapi/v3/'.length)) : undefined;
    },
  };
}
