// The sandbox's Kubernetes API server alone (no operator, no PostgreSQL), for tests of pgha's
// readers: objects go in as a client would write them (POST, namespace first; Secrets'
// stringData folded into data by the server), and pgha's KubeHttp reads them over HTTPS.
import { KubeConfig } from '@kubernetes/client-node';
import { Faults } from '../../sandbox/faults.ts';
import { loadCrds } from '../../sandbox/kube/crd-schema.ts';
import { startApiServer } from '../../sandbox/kube/server.ts';
import { kubeconfigYaml } from '../../sandbox/kube/kubeconfig.ts';
import { MemoryStore } from '../../sandbox/kube/store.ts';
import { KubeHttp } from '../../src/kube/http.ts';
import { collectionPath } from '../../src/kube/resources.ts';

export interface KubeObjectLike {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
}

export interface KubeApi {
  readonly http: KubeHttp;
  /** Every request pgha's client made, as "METHOD path". */
  readonly requests: readonly string[];
  create(...objects: readonly KubeObjectLike[]): Promise<void>;
  close(): Promise<void>;
}

export async function startKubeApi(): Promise<KubeApi> {
  const api = await startApiServer({
    store: new MemoryStore(),
    faults: new Faults(),
    crds: loadCrds(),
  });
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfigYaml(api));
  const http = new KubeHttp(kc);
  const namespaces = new Set<string>();
  const post = (path: string, body: unknown) =>
    http.json({ method: 'POST', path, body, context: `creating ${path}` });
  return {
    http,
    requests: api.requests,
    async create(...objects) {
      for (const o of objects) {
        const ns = o.metadata.namespace;
        if (ns && !namespaces.has(ns)) {
          await post('/api/v1/namespaces', {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name: ns },
          });
          namespaces.add(ns);
        }
        await post(collectionPath(o.apiVersion, o.kind, ns), o);
      }
    },
    close: () => api.close(),
  };
}
