// Putting deploy's objects on the cluster: the namespace and the application Secret when
// absent (never overwritten), then every rendered object by server-side apply, each result
// logged as it comes.
import type { Logger } from '../logging.ts';
import type { DeployInputs } from '../inputs/types.ts';
import { applyObjects, type ApplyResult } from '../kube/apply.ts';
import { ensureAppSecret, ensureNamespace, type EnsureAction } from '../kube/ensure.ts';
import type { KubeHttp } from '../kube/http.ts';
import type { KubeObject } from '../kube/resources.ts';
import type { RenderedObject } from './objects.ts';

export interface Installed {
  readonly namespace: EnsureAction;
  readonly secret: EnsureAction;
  readonly results: readonly ApplyResult[];
}

export interface InstallContext {
  readonly logger: Logger;
  readonly setSecret: (value: string) => void;
  /** Annotations saying where the run came from, for the Secret pgha creates. */
  readonly annotations: Record<string, string>;
  /** pgha's labels for what deploy creates (teardown finds the Namespace and Secret by them). */
  readonly labels: Record<string, string>;
}

export async function install(
  http: KubeHttp,
  inputs: DeployInputs,
  objects: readonly RenderedObject[],
  ctx: InstallContext,
): Promise<Installed> {
  const namespace = await ensureNamespace(http, inputs.namespace, ctx.labels, inputs.dryRun);
  ctx.logger.info(`Namespace ${inputs.namespace}: ${namespace}`);
  const secret = await ensureAppSecret(
    http,
    {
      namespace: inputs.namespace,
      name: inputs.appSecret,
      username: inputs.owner,
      labels: { ...ctx.labels, 'cnpg.io/reload': 'true' },
      annotations: ctx.annotations,
    },
    ctx.setSecret,
    inputs.dryRun,
  );
  ctx.logger.info(
    `Secret ${inputs.appSecret}: ${secret}${secret === 'unchanged' ? ' (kept, password not read)' : ''}`,
  );
  const placed = (objects as unknown as KubeObject[]).map((o) => ({
    ...o,
    metadata: { ...o.metadata, namespace: inputs.namespace },
  }));
  const results = await applyObjects(
    http,
    placed,
    { force: inputs.forceConflicts, dryRun: inputs.dryRun },
    (r) => {
      const changed = r.changedPaths.length > 0 ? ` (${r.changedPaths.join(', ')})` : '';
      ctx.logger.info(`${r.kind} ${r.name}: ${r.action}${changed}`);
    },
  );
  return { namespace, secret, results };
}
