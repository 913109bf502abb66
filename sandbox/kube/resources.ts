// The resource types the sandbox serves: core v1, batch/v1 jobs, coordination leases, and the
// CRDs from sandbox/crds/ (kind, plural, scope and subresources come from the CRD itself).
import type { CrdInfo } from './crd-schema.ts';
import type { ResourceRef } from './types.ts';

export interface ResourceType extends ResourceRef {
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  status: boolean;
  crd?: CrdInfo;
}

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

const core = (
  plural: string,
  kind: string,
  shortNames: string[] = [],
  namespaced = true,
): ResourceType => ({
  group: '',
  version: 'v1',
  plural,
  kind,
  namespaced,
  shortNames,
  status: ['pods', 'namespaces', 'services', 'persistentvolumeclaims'].includes(plural),
});

export function resourceTypes(crds: CrdInfo[]): ResourceType[] {
  return [
    core('namespaces', 'Namespace', ['ns'], false),
    core('nodes', 'Node', ['no'], false),
    core('pods', 'Pod', ['po']),
    core('services', 'Service', ['svc']),
    core('secrets', 'Secret'),
    core('configmaps', 'ConfigMap', ['cm']),
    core('serviceaccounts', 'ServiceAccount', ['sa']),
    core('events', 'Event', ['ev']),
    core('persistentvolumeclaims', 'PersistentVolumeClaim', ['pvc']),
    core('endpoints', 'Endpoints', ['ep']),
    {
      group: 'batch',
      version: 'v1',
      plural: 'jobs',
      kind: 'Job',
      namespaced: true,
      shortNames: [],
      status: true,
    },
    {
      group: 'coordination.k8s.io',
      version: 'v1',
      plural: 'leases',
      kind: 'Lease',
      namespaced: true,
      shortNames: [],
      status: false,
    },
    ...crds.map((c) => ({
      group: c.group,
      version: c.version,
      plural: c.plural,
      kind: c.kind,
      namespaced: c.scope === 'Namespaced',
      shortNames: c.shortNames,
      status: c.subresources.status,
      crd: c,
    })),
  ];
}

export function groupVersions(types: ResourceType[]): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const t of types)
    if (t.group) seen.set(`${t.group}/${t.version}`, { group: t.group, version: t.version });
  return [...seen.values()];
}

export function resourceList(
  types: ResourceType[],
  group: string,
  version: string,
): Record<string, unknown> {
  const inGv = types.filter((t) => t.group === group && t.version === version);
  const resources = inGv.flatMap((t) => [
    {
      name: t.plural,
      singularName: t.kind.toLowerCase(),
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: VERBS,
      shortNames: t.shortNames,
    },
    ...(t.status
      ? [
          {
            name: `${t.plural}/status`,
            singularName: '',
            namespaced: t.namespaced,
            kind: t.kind,
            verbs: ['get', 'patch', 'update'],
          },
        ]
      : []),
    ...(t.group === '' && t.plural === 'pods'
      ? [
          { name: 'pods/portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
          { name: 'pods/exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
          { name: 'pods/log', kind: 'Pod', verbs: ['get'] },
        ].map((r) => ({ ...r, singularName: '', namespaced: true }))
      : []),
  ]);
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

export function apiGroupList(types: ResourceType[]): Record<string, unknown> {
  const groups = groupVersions(types).map(({ group, version }) => {
    const gv = { groupVersion: `${group}/${version}`, version };
    return { name: group, versions: [gv], preferredVersion: gv };
  });
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}
