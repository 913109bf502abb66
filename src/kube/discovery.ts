// Which API group versions a cluster serves (one request to /apis), so that actions can tell
// "the operator is not installed" from other failures and choose between alternatives.
import type { KubeHttp } from './http.ts';

export async function servedGroupVersions(http: KubeHttp): Promise<Set<string>> {
  const { body } = await http.json<{ groups?: { versions?: { groupVersion: string }[] }[] }>({
    method: 'GET',
    path: '/apis',
    context: 'discovering the API groups the cluster serves',
  });
  return new Set((body.groups ?? []).flatMap((g) => (g.versions ?? []).map((v) => v.groupVersion)));
}
