// CNPG's validating webhook `vcluster.cnpg.io` for the Cluster fields the sandbox acts on
// (internal/webhook/v1/cluster_webhook.go at v1.30.0): one bootstrap method, the recovery
// target rules (at most one target, targetImmediate counting when set even to false,
// backupID required by targetName/targetXID/targetImmediate, parsable time, LSN, XID, name,
// timeline), the recovery source, externalClusters, and WAL archiver plugins. The API server
// runs it on create and update after the schema, and answers 422 with the webhook's words.
import { parseLsn, parseTargetTime } from '../backup/target-time.ts';
import { ApiError, type KubeObject } from '../kube/types.ts';

type Obj = Record<string, unknown>;
interface FieldError {
  type: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueForbidden';
  field: string;
  /** The bad value as Go prints it (%q for strings, %#v for structs). */
  shown?: string;
  detail: string;
}

const WEBHOOK = 'vcluster.cnpg.io';
const RECOVERY = 'spec.bootstrap.recovery';
const TARGET = `${RECOVERY}.recoveryTarget`;

function obj(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const invalid = (field: string, shown: string, detail: string): FieldError => ({
  type: 'FieldValueInvalid',
  field,
  shown,
  detail,
});
const quoted = (s: string): string => JSON.stringify(s);
const goStrings = (list: string[]): string => `[]string{${list.map(quoted).join(', ')}}`;

/** Go's %#v of a RecoveryTarget, near enough (pointer addresses are not reproduced). */
function goTarget(t: Obj): string {
  const s = (k: string) => JSON.stringify(str(t[k]));
  const p = (k: string) =>
    typeof t[k] === 'boolean' ? `(*bool)(${String(t[k])})` : '(*bool)(nil)';
  return `v1.RecoveryTarget{BackupID:${s('backupID')}, TargetTLI:${s('targetTLI')}, TargetXID:${s('targetXID')}, TargetName:${s('targetName')}, TargetLSN:${s('targetLSN')}, TargetTime:${s('targetTime')}, TargetImmediate:${p('targetImmediate')}, Exclusive:${p('exclusive')}}`;
}

function targetErrors(t: Obj, fromSnapshots: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const set = (k: string) => (k === 'targetImmediate' ? t[k] !== undefined : str(t[k]) !== '');
  const targets = ['targetImmediate', 'targetLSN', 'targetName', 'targetXID', 'targetTime'];
  if (targets.filter(set).length > 1)
    errors.push(invalid(TARGET, goTarget(t), 'Recovery target options are mutually exclusive'));
  const time = str(t.targetTime);
  if (time && !parseTargetTime(time))
    errors.push(invalid(TARGET, quoted(time), 'The format of TargetTime is invalid'));
  const lsn = str(t.targetLSN);
  if (lsn && parseLsn(lsn) === undefined)
    errors.push(invalid(TARGET, quoted(lsn), 'Invalid TargetLSN'));
  const xid = str(t.targetXID);
  if (xid && !(/^\d+$/.test(xid) && Number(xid) <= 0xffffffff))
    errors.push(
      invalid(
        `${TARGET}.targetXID`,
        quoted(xid),
        'recovery target xid must be a non-negative 32-bit integer',
      ),
    );
  const name = str(t.targetName);
  if (Buffer.byteLength(name) >= 64)
    errors.push(
      invalid(
        `${TARGET}.targetName`,
        quoted(name),
        'recovery target name must be shorter than 64 bytes',
      ),
    );
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(name))
    errors.push(
      invalid(
        `${TARGET}.targetName`,
        quoted(name),
        'recovery target name must not contain ASCII control characters',
      ),
    );
  const labelBased = set('targetName') || set('targetXID') || set('targetImmediate');
  if (labelBased && !fromSnapshots && str(t.backupID) === '')
    errors.push({ type: 'FieldValueRequired', field: TARGET, detail: 'BackupID is missing' });
  const tli = str(t.targetTLI);
  if (tli !== '' && tli !== 'latest' && !(/^\d+$/.test(tli) && Number(tli) >= 1))
    errors.push(
      invalid(
        `${TARGET}.targetTLI`,
        goTarget(t),
        "recovery target timeline can be set to 'latest' or a positive integer",
      ),
    );
  return errors;
}

function bootstrapErrors(spec: Obj): FieldError[] {
  const bootstrap = obj(spec.bootstrap);
  if (!bootstrap) return [];
  const methods = ['initdb', 'recovery', 'pg_basebackup'].filter((m) => obj(bootstrap[m]));
  const errors: FieldError[] =
    methods.length > 1
      ? [
          {
            type: 'FieldValueForbidden',
            field: 'spec.bootstrap',
            detail: 'Only one bootstrap method can be specified at a time',
          },
        ]
      : [];
  const recovery = obj(bootstrap.recovery);
  if (!recovery) return errors;
  const target = obj(recovery.recoveryTarget);
  if (target) errors.push(...targetErrors(target, obj(recovery.volumeSnapshots) !== undefined));
  return [...errors, ...sourceErrors(spec, str(recovery.source))];
}

const usable = (e: Obj) =>
  obj(e.connectionParameters) !== undefined ||
  obj(e.barmanObjectStore) !== undefined ||
  obj(e.plugin) !== undefined;

function externalClusters(spec: Obj): Obj[] {
  return Array.isArray(spec.externalClusters) ? spec.externalClusters.map((e) => obj(e) ?? {}) : [];
}

function sourceErrors(spec: Obj, source: string): FieldError[] {
  if (source === '') return [];
  // CNPG checks the entry it found, or an empty one: a missing source gets both errors.
  const entry = externalClusters(spec).find((e) => e.name === source) ?? {};
  const errors: FieldError[] = [];
  if (entry.name === undefined)
    errors.push(
      invalid(`${RECOVERY}.source`, quoted(source), `External cluster ${source} not found`),
    );
  if (!usable(entry))
    errors.push(
      invalid(
        `${RECOVERY}.source`,
        quoted(source),
        `External cluster ${source} cannot be used for recovery: missing connection parameters, Barman, or CNPG-i configuration`,
      ),
    );
  return errors;
}

function externalClusterErrors(spec: Obj): FieldError[] {
  const list = externalClusters(spec);
  const errors: FieldError[] = list.flatMap((e, i) =>
    usable(e)
      ? []
      : [
          {
            type: 'FieldValueRequired' as const,
            field: `spec.externalClusters[${String(i)}]`,
            detail: 'one of connectionParameters, plugin and barmanObjectStore is required',
          },
        ],
  );
  if (new Set(list.map((e) => str(e.name))).size !== list.length)
    errors.push(
      invalid(
        'spec.externalClusters',
        `[]v1.ExternalCluster${JSON.stringify(list)}`,
        'the list of external clusters contains duplicate values',
      ),
    );
  return errors;
}

function pluginErrors(spec: Obj): FieldError[] {
  const plugins = Array.isArray(spec.plugins) ? spec.plugins.map((p) => obj(p) ?? {}) : [];
  const archivers = plugins
    .filter((p) => p.enabled !== false && p.isWALArchiver === true)
    .map((p) => str(p.name));
  const errors: FieldError[] = [];
  if (obj(obj(spec.backup)?.barmanObjectStore) && archivers.length > 0)
    errors.push(
      invalid(
        'spec.plugins',
        goStrings(archivers),
        'Cannot enable a WAL archiver plugin when barmanObjectStore is configured',
      ),
    );
  if (archivers.length > 1)
    errors.push(
      invalid(
        'spec.plugins',
        goStrings(archivers),
        'Cannot enable more than one WAL archiver plugin',
      ),
    );
  return errors;
}

function render(e: FieldError): string {
  if (e.type === 'FieldValueRequired') return `${e.field}: Required value: ${e.detail}`;
  if (e.type === 'FieldValueForbidden') return `${e.field}: Forbidden: ${e.detail}`;
  return `${e.field}: Invalid value: ${e.shown ?? 'null'}: ${e.detail}`;
}

/**
 * The webhook's answer for a Cluster being created (old undefined) or updated: undefined
 * when admitted, else the 422 the API server returns ("admission webhook ... denied").
 */
export function reviewCluster(
  cluster: KubeObject,
  old: KubeObject | undefined,
): ApiError | undefined {
  const spec = cluster.spec ?? {};
  const errors = [...bootstrapErrors(spec), ...externalClusterErrors(spec), ...pluginErrors(spec)];
  if (errors.length === 0) return undefined;
  // CNPG names the group cluster.cnpg.io in the update path (cluster_webhook.go ValidateUpdate).
  const group = old ? 'cluster.cnpg.io' : 'postgresql.cnpg.io';
  const list = errors.map(render);
  const joined = list.length === 1 ? (list[0] ?? '') : `[${list.join(', ')}]`;
  const message = `admission webhook "${WEBHOOK}" denied the request: Cluster.${group} "${cluster.metadata.name}" is invalid: ${joined}`;
  return new ApiError(422, 'Invalid', message, {
    name: cluster.metadata.name,
    group,
    kind: 'Cluster',
    causes: errors.map((e, i) => ({
      reason: e.type,
      message: (list[i] ?? '').slice(e.field.length + 2),
      field: e.field,
    })),
  });
}
