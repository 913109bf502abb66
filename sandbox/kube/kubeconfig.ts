// The kubeconfig the sandbox writes: its API server, CA and bearer token, usable by pgha,
// client-node and the real kubectl.
import { writeFile } from 'node:fs/promises';
import { dump } from 'js-yaml';

export interface KubeconfigServer {
  url: string;
  caPem: string;
  token: string;
  namespace?: string;
  contextName?: string;
}

export async function writeKubeconfig(path: string, server: KubeconfigServer): Promise<void> {
  await writeFile(path, kubeconfigYaml(server), { mode: 0o600 });
}

/** The kubeconfig's text. */
export function kubeconfigYaml(server: KubeconfigServer): string {
  const name = server.contextName ?? 'sandbox';
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name,
        cluster: {
          server: server.url,
          'certificate-authority-data': Buffer.from(server.caPem).toString('base64'),
        },
      },
    ],
    users: [{ name, user: { token: server.token } }],
    contexts: [
      {
        name,
        context: {
          cluster: name,
          user: name,
          ...(server.namespace ? { namespace: server.namespace } : {}),
        },
      },
    ],
    'current-context': name,
  };
  return dump(doc);
}
