// teardown: read the inputs, connect, take stock of what pgha created for the cluster (every
// refusal happens here, before anything is deleted), then delete in dependency order: what
// stands around the Cluster, the Cluster (until its pods and PVCs are gone), swept
// restore-verify Clusters, the ObjectStore and Backups, the backup data, the Secret and the
// Namespace, and the federated credentials. A second run finds nothing and says so.
import { federatedCredentialName } from '../azure/federated-credential.ts';
import { discoverCnpg } from '../cnpg/discovery.ts';
import { planTeardown, type TeardownPlan } from '../cnpg/teardown-plan.ts';
import { refOf, type ObjectRef } from '../kube/read.ts';
import { deleteAll, type DeletionDeps } from '../cnpg/deletion.ts';
import { readTeardownInputs, type TeardownInputs } from '../inputs/read-teardown.ts';
import type { OutputName } from '../inputs/spec.ts';
import type { CredentialReport, TeardownFacts } from '../report/teardown-facts.ts';
import { teardownSummary } from '../report/teardown-summary.ts';
import { defineAction } from './action.ts';
import { connectCluster, type Connection } from './connect.ts';
import type { ActionContext } from './context.ts';
import type { Step } from './step.ts';
import { checkBackupData, deleteBackupData, type DataAccess } from './teardown-data.ts';

type TeardownStep = Step<OutputName<'teardown'>, TeardownFacts>;

interface Run {
  readonly ctx: ActionContext;
  readonly step: TeardownStep;
  readonly inputs: TeardownInputs;
  readonly conn: Connection;
  readonly deps: DeletionDeps;
}

export const teardown = defineAction<'teardown', TeardownFacts>({
  command: 'teardown',
  summary: teardownSummary,
  async run(ctx, step) {
    const started = ctx.now();
    const inputs = readTeardownInputs(ctx.getInput);
    step.record({ inputs, started, deletions: [] });
    const conn = await step.phase('Connect', () => connectCluster(inputs, ctx, step));
    step.record({ server: conn.config.server });
    const plan = await step.phase('Take stock', () => takeStock(ctx, conn, inputs, started));
    step.record({
      cluster: { existed: plan.cluster !== undefined, owned: plan.owned },
      kept: plan.kept,
    });
    const data = plan.data;
    const access = data
      ? await step.phase('Check access to the backup data', () =>
          checkBackupData(ctx, conn, inputs, data),
        )
      : undefined;
    const deps: DeletionDeps = {
      http: conn.http,
      logger: ctx.logger,
      now: ctx.now,
      deadline: started + inputs.timeoutMs,
      // The backup data goes only once nothing can archive into it any more.
      wait: inputs.wait || plan.data !== undefined,
    };
    const run: Run = { ctx, step, inputs, conn, deps };
    try {
      await deleteObjects(run, plan, access);
      await deleteCredentials(run, plan);
    } finally {
      const seconds = (ctx.now() - started) / 1000;
      step.record({ seconds });
      step.output('teardown-seconds', seconds.toFixed(1));
    }
  },
});

async function takeStock(
  ctx: ActionContext,
  conn: Connection,
  inputs: TeardownInputs,
  started: number,
): Promise<TeardownPlan> {
  const served = await discoverCnpg(conn.http);
  const plan = await planTeardown(
    { http: conn.http, served: served.groupVersions, now: started },
    inputs,
  );
  const count =
    (plan.cluster ? 1 : 0) +
    plan.around.length +
    plan.swept.length +
    plan.after.length +
    plan.secrets.length +
    (plan.namespace ? 1 : 0);
  ctx.logger.info(
    plan.cluster
      ? `Cluster ${inputs.clusterName}: ${plan.owned ? 'deployed by pgha' : 'not created by pgha, deleted because of force: true'}`
      : `Cluster ${inputs.clusterName} does not exist (any more) in namespace ${inputs.namespace}`,
  );
  ctx.logger.info(count === 0 ? 'Nothing to delete' : `${count} object(s) to delete`);
  for (const k of plan.kept) ctx.logger.info(`Kept: ${k.what}: ${k.why}`);
  return plan;
}

/** Object groups in dependency order, with the backup data once its Backups are gone. */
async function deleteObjects(
  run: Run,
  plan: TeardownPlan,
  access: DataAccess | undefined,
): Promise<void> {
  const { inputs } = run;
  const group = async (title: string, targets: readonly ObjectRef[]) => {
    if (targets.length === 0) return;
    await run.step.phase(title, () =>
      deleteAll(run.deps, targets, (d) => {
        run.step.record({ deletions: [...(run.step.facts.deletions ?? []), d] });
        publishDeleted(run.step);
      }),
    );
  };
  await group('Delete what stands around the Cluster', plan.around);
  await group(`Delete Cluster ${inputs.clusterName}`, plan.cluster ? [refOf(plan.cluster)] : []);
  await group("Sweep restore-verify's leftover Clusters", plan.swept);
  await group('Delete the ObjectStore and the Backups', plan.after);
  if (access) await deleteData(run, access);
  await group('Delete the application Secret', plan.secrets);
  await group(`Delete Namespace ${inputs.namespace}`, plan.namespace ? [plan.namespace] : []);
}

/** Output `deleted`, from the facts: each object and credential deleted, one a line. */
function publishDeleted(step: TeardownStep): void {
  const lines = [
    ...(step.facts.deletions ?? []).filter((x) => x.outcome !== 'absent').map((x) => x.what),
    ...(step.facts.credentials ?? [])
      .filter((c) => c.outcome === 'deleted')
      .map((c) => `FederatedIdentityCredential/${c.name}`),
  ];
  if (lines.length > 0) step.output('deleted', lines.join('\n'));
}

async function deleteData(run: Run, access: DataAccess): Promise<void> {
  const report = await run.step.phase('Delete the backup data', () =>
    deleteBackupData(run.ctx, access),
  );
  run.step.record({ data: report });
  run.step.output('deleted-backup-files', report.files);
  run.step.output('deleted-backup-bytes', report.bytes);
}

/** deploy's credential for the Cluster and restore-verify's for each swept Cluster. */
async function deleteCredentials(run: Run, plan: TeardownPlan): Promise<void> {
  const { inputs, conn, ctx } = run;
  const id = inputs.identity;
  const azure = conn.azure;
  const login = inputs.azure;
  if (!id || !azure || !login) return;
  const names = [
    federatedCredentialName(inputs.namespace, inputs.clusterName),
    ...plan.swept.map((t) => federatedCredentialName(t.namespace ?? inputs.namespace, t.name)),
  ];
  const reports = await run.step.phase('Delete the federated credentials', async () => {
    const out: CredentialReport[] = [];
    for (const name of names) {
      const outcome = await azure.arm.deleteFederatedCredential({
        subscriptionId: login.subscriptionId,
        resourceGroup: id.resourceGroup,
        identity: id.name,
        name,
      });
      ctx.logger.info(`Federated credential ${name} of ${id.name}: ${outcome}`);
      out.push({ name, identity: id.name, outcome });
    }
    return out;
  });
  run.step.record({ credentials: reports });
  publishDeleted(run.step);
}
