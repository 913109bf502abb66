// Shared shapes and names of rendered objects.
import type { RunOrigin } from '../inputs/types.ts';

export interface RenderedObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
}

export const PLUGIN_NAME = 'barman-cloud.cloudnative-pg.io';
export const WORKLOAD_IDENTITY_LABEL = 'azure.workload.identity/use';

/** pgha's labels, by which teardown finds what an action created for a cluster. */
export const MANAGED_BY = 'app.kubernetes.io/managed-by';
export const CLUSTER_LABEL = 'pgha.io/cluster';
export const ROLE_LABEL = 'pgha.io/role';
export const RUN_ID_LABEL = 'pgha.io/run-id';

export type PghaRole = 'deploy' | 'backup' | 'restore-verify' | 'failover-drill';

/** The labels pgha puts on what it creates for `cluster` in role `role`. */
export function pghaLabels(
  cluster: string,
  role: PghaRole,
  origin: RunOrigin,
): Record<string, string> {
  return {
    [MANAGED_BY]: 'pgha',
    [CLUSTER_LABEL]: cluster,
    [ROLE_LABEL]: role,
    ...(origin.runId ? { [RUN_ID_LABEL]: origin.runId } : {}),
  };
}

export const objectStoreName = (cluster: string): string => `${cluster}-backup-store`;

/** Traceability: where the object came from (repository, commit, run, actor). */
export function traceAnnotations(origin: RunOrigin): Record<string, string> {
  const run =
    origin.serverUrl && origin.repository && origin.runId
      ? `${origin.serverUrl}/${origin.repository}/actions/runs/${origin.runId}`
      : undefined;
  const entries: [string, string | undefined][] = [
    ['pgha.io/repository', origin.repository],
    ['pgha.io/sha', origin.sha],
    ['pgha.io/run', run],
    ['pgha.io/actor', origin.actor],
  ];
  return Object.fromEntries(
    entries.filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}

export function meta(
  name: string,
  namespace: string,
  origin: RunOrigin,
  extra: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): RenderedObject['metadata'] {
  const annotations = { ...traceAnnotations(origin), ...extra.annotations };
  return {
    name,
    namespace,
    labels: { [MANAGED_BY]: 'pgha', ...extra.labels },
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
}
