export const id = 526;
export const ids = [526];
export const modules = {

/***/ 41526:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deploy: () => (/* binding */ deploy)
});

// EXTERNAL MODULE: ./src/azure/identity-trust.ts
var identity_trust = __webpack_require__(29390);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/cnpg/backup-method.ts
// Which backup method deploy renders: the Barman Cloud plugin (an ObjectStore wired in as WAL
// archiver) or the in-core spec.backup.barmanObjectStore that CNPG 1.31 removes.

/**
 * backup-method auto: the Barman Cloud plugin when the cluster serves its ObjectStore CRD (or
 * when rendering only, with no cluster to ask), else the in-core barmanObjectStore.
 */
function chooseBackupMethod(requested, servesPlugin) {
    if (requested !== 'auto') {
        if (requested === 'plugin' && servesPlugin === false)
            throw new errors/* ConfigurationError */.j1("input 'backup-method': plugin, but the cluster does not serve barmancloud.cnpg.io/v1 ObjectStore: install the Barman Cloud plugin (https://github.com/cloudnative-pg/plugin-barman-cloud) or use the in-core method (example: backup-method: barman-object-store)");
        return { method: requested, reason: `backup-method: ${requested} was requested` };
    }
    if (servesPlugin === undefined)
        return {
            method: 'plugin',
            reason: 'backup-method: auto with render-only: the Barman Cloud plugin, the supported path (the in-core barmanObjectStore is removed in CNPG 1.31)',
        };
    return servesPlugin
        ? {
            method: 'plugin',
            reason: 'backup-method: auto and the cluster serves barmancloud.cnpg.io/v1 ObjectStore: the Barman Cloud plugin',
        }
        : {
            method: 'barman-object-store',
            reason: 'backup-method: auto and the cluster does not serve barmancloud.cnpg.io (no Barman Cloud plugin): the in-core barmanObjectStore, which CNPG 1.31 removes; install the plugin to move on',
        };
}

// EXTERNAL MODULE: ./src/kube/errors.ts
var kube_errors = __webpack_require__(23646);
// EXTERNAL MODULE: ./src/kube/read.ts
var read = __webpack_require__(91437);
// EXTERNAL MODULE: ./src/cnpg/objects.ts
var cnpg_objects = __webpack_require__(29616);
;// CONCATENATED MODULE: ./src/cnpg/backup.ts

const ref = (secret, key) => ({ name: secret, key });
/** The keys of backup-credentials-secret that each kind of credentials reads. */
const SECRET_KEYS = {
    'storage-key': ['AZURE_STORAGE_ACCOUNT', 'AZURE_STORAGE_KEY'],
    'sas-token': ['AZURE_STORAGE_ACCOUNT', 'AZURE_STORAGE_SAS_TOKEN'],
    's3-keys': ['ACCESS_KEY_ID', 'ACCESS_SECRET_KEY'],
};
function credentials(b) {
    const secret = b.credentialsSecret ?? '';
    switch (b.credentials) {
        case 'workload-identity':
            return { azureCredentials: { inheritFromAzureAD: true } };
        case 'storage-key': {
            const [account, key] = SECRET_KEYS['storage-key'];
            return {
                azureCredentials: { storageAccount: ref(secret, account), storageKey: ref(secret, key) },
            };
        }
        case 'sas-token': {
            const [account, sas] = SECRET_KEYS['sas-token'];
            return {
                azureCredentials: {
                    storageAccount: ref(secret, account),
                    storageSasToken: ref(secret, sas),
                },
            };
        }
        case 's3-keys': {
            const [id, key] = SECRET_KEYS['s3-keys'];
            return { s3Credentials: { accessKeyId: ref(secret, id), secretAccessKey: ref(secret, key) } };
        }
        case 'iam-role':
            return { s3Credentials: { inheritFromIAMRole: true } };
    }
}
/** BarmanObjectStoreConfiguration: destination, credentials, compression. */
function storeConfiguration(b) {
    const endpoint = b.destination.kind === 's3' && b.destination.endpointUrl
        ? { endpointURL: b.destination.endpointUrl }
        : {};
    return {
        destinationPath: b.destination.url,
        ...endpoint,
        ...credentials(b),
        wal: { compression: 'lz4', maxParallel: 2 },
        data: { compression: 'gzip', jobs: 2 },
    };
}
function objectStore(inputs, b, origin) {
    return {
        apiVersion: 'barmancloud.cnpg.io/v1',
        kind: 'ObjectStore',
        metadata: (0,cnpg_objects/* meta */.mI)((0,cnpg_objects/* objectStoreName */.iC)(inputs.clusterName), inputs.namespace, origin),
        spec: { configuration: storeConfiguration(b), retentionPolicy: b.retention },
    };
}
/** The Cluster's backup wiring: spec.plugins (plugin) or spec.backup (in-core). */
function clusterBackupSpec(inputs, b, method) {
    if (method === 'barman-object-store') {
        return { backup: { barmanObjectStore: storeConfiguration(b), retentionPolicy: b.retention } };
    }
    const parameters = { barmanObjectName: (0,cnpg_objects/* objectStoreName */.iC)(inputs.clusterName) };
    return { plugins: [{ name: cnpg_objects/* PLUGIN_NAME */.AF, enabled: true, isWALArchiver: true, parameters }] };
}
function scheduledBackup(inputs, schedule, method, origin) {
    const how = method === 'plugin'
        ? { method: 'plugin', pluginConfiguration: { name: cnpg_objects/* PLUGIN_NAME */.AF } }
        : { method: 'barmanObjectStore' };
    return {
        apiVersion: 'postgresql.cnpg.io/v1',
        kind: 'ScheduledBackup',
        metadata: (0,cnpg_objects/* meta */.mI)(`${inputs.clusterName}-scheduled`, inputs.namespace, origin),
        spec: {
            schedule,
            cluster: { name: inputs.clusterName },
            backupOwnerReference: 'self',
            immediate: true,
            ...how,
        },
    };
}

;// CONCATENATED MODULE: ./src/cnpg/backup-secret.ts
// deploy's check of backup-credentials-secret before anything is applied: the Secret must be
// in the cluster's namespace with the keys CNPG will read, or WAL archiving fails from the
// first segment on, while the Cluster itself comes up healthy and the deploy looks fine.
// Only the key names are read; no value is logged. Without the right to read Secrets the check
// is skipped with a notice.




async function checkBackupSecret(http, namespace, backup, logger) {
    const name = backup.credentialsSecret;
    if (!name || !(backup.credentials in SECRET_KEYS))
        return;
    const keys = SECRET_KEYS[backup.credentials];
    const example = `kubectl -n ${namespace} create secret generic ${name} ${keys.map((k) => `--from-literal=${k}=...`).join(' ')}`;
    let secret;
    try {
        secret = await (0,read/* readObject */.Ag)(http, { apiVersion: 'v1', kind: 'Secret', namespace, name });
    }
    catch (error) {
        if (error instanceof kube_errors/* KubeApiError */.W3 && error.status === 403) {
            logger.warning(`Cannot read Secret ${namespace}/${name} (403): not checking that it holds ${keys.join(' and ')}`);
            return;
        }
        throw error;
    }
    if (!secret)
        throw new errors/* ConfigurationError */.j1(`input 'backup-credentials-secret': Secret ${name} does not exist in namespace ${namespace}, and CNPG would fail to archive WAL without it; create it first (example: ${example})`);
    // The API server folds stringData into data: a Secret as read has data only.
    const present = new Set(Object.keys(secret.data ?? {}));
    const missing = keys.filter((k) => !present.has(k));
    if (missing.length > 0)
        throw new errors/* ConfigurationError */.j1(`input 'backup-credentials-secret': Secret ${namespace}/${name} has no key ${missing.join(' or ')}, which backup-credentials: ${backup.credentials} reads (example: ${example})`);
    logger.info(`Secret ${namespace}/${name} holds ${keys.join(' and ')}`);
}

// EXTERNAL MODULE: ./src/cnpg/discovery.ts + 1 modules
var discovery = __webpack_require__(5721);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
// EXTERNAL MODULE: ./src/kube/resources.ts
var resources = __webpack_require__(26804);
;// CONCATENATED MODULE: ./src/kube/apply.ts
// Server-side apply of the rendered objects with field manager pgha, in dependency order.
// Each object is read first so that the report can say created, changed or unchanged (or,
// in a dry run, what would change); conflicts with other managers are reported by field.




const FIELD_MANAGER = 'pgha';
/** Kinds others depend on first: the Cluster needs its ObjectStore, backups need the Cluster. */
const ORDER = [
    'Namespace',
    'ServiceAccount',
    'Secret',
    'ConfigMap',
    'ObjectStore',
    'Cluster',
    'ScheduledBackup',
    'Pooler',
    'Service',
    'PodMonitor',
];
function inApplyOrder(objects) {
    const rank = (o) => {
        const i = ORDER.indexOf(o.kind);
        return i < 0 ? ORDER.length : i;
    };
    return [...objects].sort((a, b) => rank(a) - rank(b));
}
async function applyObjects(http, objects, options, onResult = () => undefined) {
    const results = [];
    for (const obj of inApplyOrder(objects)) {
        const result = await applyOne(http, obj, options);
        onResult(result);
        results.push(result);
    }
    return results;
}
async function applyOne(http, obj, options) {
    const path = (0,resources/* objectPath */.du)(obj);
    const what = (0,resources/* describeObject */.v8)(obj);
    const live = await http.json({
        method: 'GET',
        path,
        allowNotFound: true,
        context: `reading ${what}`,
    });
    let applied;
    try {
        const response = await http.json({
            method: 'PATCH',
            path,
            query: {
                fieldManager: FIELD_MANAGER,
                force: options.force ? 'true' : undefined,
                dryRun: options.dryRun ? 'All' : undefined,
            },
            body: obj,
            contentType: 'application/apply-patch+yaml',
            context: `${options.dryRun ? 'dry-run applying' : 'applying'} ${what}`,
        });
        applied = response.body;
    }
    catch (error) {
        if (error instanceof kube_errors/* KubeApiError */.W3 && error.status === 409)
            throw conflictError(what, error);
        throw error;
    }
    const changedPaths = live.body
        ? differences(live.body, applied).filter((p) => !p.startsWith(TRACE_ANNOTATIONS) && p !== RUN_ID)
        : [];
    return {
        kind: obj.kind,
        name: obj.metadata.name,
        action: actionOf(live.body, changedPaths, options.dryRun),
        changedPaths,
        object: applied,
    };
}
function actionOf(live, changed, dryRun) {
    if (!live)
        return dryRun ? 'would create' : 'created';
    if (changed.length === 0)
        return 'unchanged';
    return dryRun ? 'would change' : 'changed';
}
/** Traceability annotations (run, sha, actor) change every run; alone they are no change. */
const TRACE_ANNOTATIONS = 'metadata.annotations.pgha.io/';
/** The label naming the run that last applied the object: alone, no change either. */
const RUN_ID = 'metadata.labels.pgha.io/run-id';
/** Fields the server sets on every write; a difference there is not a change of the object. */
const VOLATILE = new Set([
    'metadata.resourceVersion',
    'metadata.generation',
    'metadata.managedFields',
    'metadata.uid',
    'metadata.creationTimestamp',
    'status',
]);
/** Dotted paths (at most three levels deep) whose values differ. */
function differences(before, after, prefix = '', depth = 0) {
    if (VOLATILE.has(prefix))
        return [];
    if ((0,external_node_util_.isDeepStrictEqual)(before, after))
        return [];
    const bothMaps = isMap(before) && isMap(after);
    if (!bothMaps || depth >= 3)
        return [prefix || '(root)'];
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) => differences(before[k], after[k], prefix ? `${prefix}.${k}` : k, depth + 1));
}
function isMap(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
class ApplyConflictError extends errors/* ConfigurationError */.j1 {
    conflicts;
    constructor(message, conflicts) {
        super(message);
        this.conflicts = conflicts;
    }
}
function conflictError(what, error) {
    const conflicts = error.causes.map((c) => ({
        field: c.field ?? '',
        manager: /conflict with "([^"]+)"/.exec(c.message ?? '')?.[1] ?? 'another manager',
    }));
    const lines = conflicts.map((c) => `  - ${c.field} is managed by ${c.manager}`);
    return new ApplyConflictError(`applying ${what}: ${conflicts.length} field(s) are managed by another field manager:\n${lines.join('\n')}\n` +
        'Remove them from that manager (e.g. stop editing the object with kubectl), or set force-conflicts: true to let pgha take them over.', conflicts);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/kube/ensure.ts
// Objects pgha creates only when absent and never changes: the namespace, and the bootstrap
// Secret of the application owner, whose random password is masked the moment it exists.




async function ensureNamespace(http, name, labels, dryRun) {
    const path = `/api/v1/namespaces/${name}`;
    const live = await http.json({
        method: 'GET',
        path,
        allowNotFound: true,
        context: `reading namespace ${name}`,
    });
    if (live.status !== 404)
        return 'unchanged';
    if (dryRun)
        return 'would create';
    const body = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
    return create(http, '/api/v1/namespaces', body, `creating namespace ${name}`);
}
/**
 * Creates the basic-auth Secret with a random password when absent; an existing Secret is
 * never read for its password nor overwritten, only checked for the keys CNPG needs.
 */
async function ensureAppSecret(http, spec, setSecret, dryRun) {
    const path = `${(0,resources/* collectionPath */.yb)('v1', 'Secret', spec.namespace)}/${spec.name}`;
    const what = `Secret ${spec.name} in ${spec.namespace}`;
    const live = await http.json({
        method: 'GET',
        path,
        allowNotFound: true,
        context: `reading ${what}`,
    });
    if (live.body) {
        checkKeys(live.body, what, spec.username);
        return 'unchanged';
    }
    if (dryRun)
        return 'would create';
    const password = (0,external_node_crypto_.randomBytes)(24).toString('base64url');
    setSecret(password);
    const body = {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'kubernetes.io/basic-auth',
        metadata: {
            name: spec.name,
            namespace: spec.namespace,
            labels: spec.labels,
            annotations: spec.annotations,
        },
        data: {
            username: Buffer.from(spec.username).toString('base64'),
            password: Buffer.from(password).toString('base64'),
        },
    };
    return create(http, (0,resources/* collectionPath */.yb)('v1', 'Secret', spec.namespace), body, `creating ${what}`);
}
function checkKeys(secret, what, username) {
    const data = (secret.data ?? {});
    const missing = ['username', 'password'].filter((k) => !data[k]);
    if (missing.length > 0)
        throw new errors/* ConfigurationError */.j1(`input 'app-secret': ${what} exists but lacks the key(s) ${missing.join(', ')} that CNPG reads; ` +
            `add them (username ${username}) or name another secret (example: app-secret: db-user-pass)`);
    const stored = Buffer.from(data.username ?? '', 'base64').toString('utf8');
    if (stored !== username)
        throw new errors/* ConfigurationError */.j1(`input 'owner': ${what} holds username '${stored}', not '${username}'; CNPG needs them equal (example: owner: ${stored})`);
}
/** POST; a 409 AlreadyExists (a concurrent run created it first) counts as unchanged. */
async function create(http, path, body, context) {
    try {
        await http.json({ method: 'POST', path, body, context });
        return 'created';
    }
    catch (error) {
        if (error instanceof kube_errors/* KubeApiError */.W3 && error.status === 409)
            return 'unchanged';
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/cnpg/install.ts


async function install(http, inputs, objects, ctx) {
    const namespace = await ensureNamespace(http, inputs.namespace, ctx.labels, inputs.dryRun);
    ctx.logger.info(`Namespace ${inputs.namespace}: ${namespace}`);
    const secret = await ensureAppSecret(http, {
        namespace: inputs.namespace,
        name: inputs.appSecret,
        username: inputs.owner,
        labels: { ...ctx.labels, 'cnpg.io/reload': 'true' },
        annotations: ctx.annotations,
    }, ctx.setSecret, inputs.dryRun);
    ctx.logger.info(`Secret ${inputs.appSecret}: ${secret}${secret === 'unchanged' ? ' (kept, password not read)' : ''}`);
    const placed = objects.map((o) => ({
        ...o,
        metadata: { ...o.metadata, namespace: inputs.namespace },
    }));
    const results = await applyObjects(http, placed, { force: inputs.forceConflicts, dryRun: inputs.dryRun }, (r) => {
        const changed = r.changedPaths.length > 0 ? ` (${r.changedPaths.join(', ')})` : '';
        ctx.logger.info(`${r.kind} ${r.name}: ${r.action}${changed}`);
    });
    return { namespace, secret, results };
}

// EXTERNAL MODULE: ./src/cnpg/instances.ts
var instances = __webpack_require__(27240);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(33243);
// EXTERNAL MODULE: ./src/cnpg/cluster-schema.ts
var cluster_schema = __webpack_require__(22972);
;// CONCATENATED MODULE: ./src/cnpg/cluster-spec-fields.ts
// Generated by scripts/gen-cluster-spec-fields.ts from the CNPG 1.30 Cluster CRD.
const CLUSTER_SPEC_FIELDS = new Set([
    'affinity',
    'backup',
    'bootstrap',
    'certificates',
    'description',
    'enablePDB',
    'enableSuperuserAccess',
    'env',
    'envFrom',
    'ephemeralVolumeSource',
    'ephemeralVolumesSizeLimit',
    'externalClusters',
    'failoverDelay',
    'imageCatalogRef',
    'imageName',
    'imagePullPolicy',
    'imagePullSecrets',
    'inheritedMetadata',
    'instances',
    'livenessProbeTimeout',
    'logLevel',
    'managed',
    'maxSyncReplicas',
    'minSyncReplicas',
    'monitoring',
    'nodeMaintenanceWindow',
    'plugins',
    'podSecurityContext',
    'podSelectorRefs',
    'postgresGID',
    'postgresUID',
    'postgresql',
    'primaryLease',
    'primaryUpdateMethod',
    'primaryUpdateStrategy',
    'priorityClassName',
    'probes',
    'projectedVolumeTemplate',
    'replica',
    'replicationSlots',
    'resources',
    'schedulerName',
    'seccompProfile',
    'securityContext',
    'serviceAccountName',
    'serviceAccountTemplate',
    'smartShutdownTimeout',
    'startDelay',
    'stopDelay',
    'storage',
    'superuserSecret',
    'switchoverDelay',
    'tablespaces',
    'topologySpreadConstraints',
    'walStorage',
]);

// EXTERNAL MODULE: ./src/inputs/parse-deploy.ts + 1 modules
var parse_deploy = __webpack_require__(16242);
;// CONCATENATED MODULE: ./src/cnpg/parameters.ts
// PostgreSQL parameters of the AKS guide's production profile, computed from node memory.
//
// Rule (the guide's, for a 16 GiB node): shared_buffers 25 %, effective_cache_size 75 %,
// work_mem 1/256, maintenance_work_mem 6.25 % of node memory. Scaling for small nodes:
// shared_buffers at least 128MB, work_mem at least 4MB, maintenance_work_mem between 64MB
// and 2GB; the WAL sizes (max_wal_size 6GB, min_wal_size 2GB, max_slot_wal_keep_size 10GB
// in the guide) are capped at 25 %, 8 % and 40 % of the volume that holds WAL so that WAL
// can never fill it. Values are rounded down to whole MB and written in GB when whole.

const MB = 2 ** 20;
const GB = 2 ** 30;
const FIXED = {
    wal_compression: 'lz4',
    checkpoint_timeout: '15min',
    checkpoint_completion_target: '0.9',
    checkpoint_flush_after: '2MB',
    wal_writer_flush_after: '2MB',
    autovacuum_vacuum_cost_limit: '2400',
    random_page_cost: '1.1',
    effective_io_concurrency: '64',
    maintenance_io_concurrency: '64',
    log_checkpoints: 'on',
    log_lock_waits: 'on',
    log_min_duration_statement: '1000',
    log_statement: 'ddl',
    log_temp_files: '1024',
    log_autovacuum_min_duration: '1s',
    'pg_stat_statements.max': '10000',
    'pg_stat_statements.track': 'all',
    hot_standby_feedback: 'on',
};
/** Parameters that CNPG sets itself or refuses (its "fixed" configuration). */
const MANAGED_BY_CNPG = new Set([
    'allow_system_table_mods',
    'archive_cleanup_command',
    'archive_command',
    'archive_mode',
    'bonjour',
    'bonjour_name',
    'cluster_name',
    'config_file',
    'data_directory',
    'data_sync_retry',
    'event_source',
    'external_pid_file',
    'full_page_writes',
    'hba_file',
    'hot_standby',
    'ident_file',
    'jit_provider',
    'listen_addresses',
    'log_destination',
    'log_directory',
    'log_file_mode',
    'log_filename',
    'log_rotation_age',
    'log_rotation_size',
    'log_truncate_on_rotation',
    'logging_collector',
    'port',
    'primary_conninfo',
    'primary_slot_name',
    'promote_trigger_file',
    'recovery_end_command',
    'recovery_min_apply_delay',
    'recovery_target',
    'recovery_target_action',
    'recovery_target_inclusive',
    'recovery_target_lsn',
    'recovery_target_name',
    'recovery_target_time',
    'recovery_target_timeline',
    'recovery_target_xid',
    'restart_after_crash',
    'restore_command',
    'ssl',
    'ssl_ca_file',
    'ssl_cert_file',
    'ssl_crl_file',
    'ssl_key_file',
    'ssl_passphrase_command',
    'stats_temp_directory',
    'synchronous_standby_names',
    'syslog_facility',
    'syslog_ident',
    'syslog_sequence_numbers',
    'syslog_split_messages',
    'unix_socket_directories',
    'unix_socket_group',
    'unix_socket_permissions',
    'wal_level',
    'wal_log_hints',
]);
function size(bytes) {
    const mb = Math.floor(bytes / MB);
    return mb % 1024 === 0 ? `${mb / 1024}GB` : `${mb}MB`;
}
const clamp = (v, min, max) => Math.min(max, Math.max(min, v));
function computedParameters(inputs) {
    const node = inputs.nodeMemory.value;
    const walVolume = (inputs.walStorageSize ?? inputs.storageSize).value;
    return {
        ...FIXED,
        max_wal_size: size(Math.min(6 * GB, walVolume * 0.25)),
        min_wal_size: size(Math.max(32 * MB, Math.min(2 * GB, walVolume * 0.08))),
        max_slot_wal_keep_size: size(Math.min(10 * GB, walVolume * 0.4)),
        shared_buffers: size(Math.max(128 * MB, node * 0.25)),
        effective_cache_size: size(Math.max(256 * MB, node * 0.75)),
        work_mem: size(Math.max(4 * MB, node / 256)),
        maintenance_work_mem: size(clamp(node * 0.0625, 64 * MB, 2 * GB)),
    };
}
function sizingNote(inputs) {
    return `Computed from node-memory ${inputs.nodeMemory.text} by the AKS guide's rules (shared_buffers 25 %, effective_cache_size 75 %, work_mem 1/256, maintenance_work_mem 6.25 %), WAL sizes capped by the ${inputs.walStorageSize ? 'WAL' : 'data'} volume; ${Object.keys(inputs.postgresqlParameters).length} set by postgresql-parameters.`;
}
/** The names among these that CloudNativePG manages itself and refuses to take. */
function managedByCnpg(names) {
    return [...names].filter((name) => MANAGED_BY_CNPG.has(name));
}
function effectiveParameters(inputs) {
    const managed = managedByCnpg(Object.keys(inputs.postgresqlParameters));
    if (managed.length > 0) {
        throw new errors/* ConfigurationError */.j1(`input 'postgresql-parameters': ${managed.join(', ')} ${managed.length === 1 ? 'is' : 'are'} managed by CloudNativePG and cannot be set (example: "max_connections: 200")`);
    }
    return { ...computedParameters(inputs), ...inputs.postgresqlParameters };
}

;// CONCATENATED MODULE: ./src/cnpg/overrides-checks.ts
// What `overrides` may not do to the rendered Cluster spec, checked on the merged result:
// set PostgreSQL parameters that CloudNativePG manages (as postgresql-parameters may not),
// make synchronous replication wait for standbys that do not exist (CloudNativePG's webhook
// rules, and pgha's sync-replicas < instances), or take away the WAL archiver that
// backup-destination configured.



const overrides_checks_isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const numberOf = (v) => (typeof v === 'number' ? v : undefined);
const lengthOf = (v) => (Array.isArray(v) ? v.length : 0);
function mapAt(value, ...path) {
    let at = value;
    for (const key of path)
        at = overrides_checks_isMap(at) ? at[key] : undefined;
    return overrides_checks_isMap(at) ? at : undefined;
}
function parameterProblems(merged) {
    const names = Object.keys(mapAt(merged, 'postgresql', 'parameters') ?? {});
    const invalid = names.filter((n) => !parse_deploy/* PARAMETER_NAME */.GV.test(n));
    const managed = managedByCnpg(names);
    return [
        ...invalid.map((n) => `'${n}' is not a parameter name (postgresql.parameters)`),
        ...(managed.length > 0
            ? [
                `${managed.join(', ')} ${managed.length === 1 ? 'is' : 'are'} managed by CloudNativePG and cannot be set (postgresql.parameters)`,
            ]
            : []),
    ];
}
/**
 * CloudNativePG refuses synchronous.number >= instances + standby names, failoverQuorum with
 * number <= standby names, maxSyncReplicas >= instances, minSyncReplicas > maxSyncReplicas, and
 * the legacy min/maxSyncReplicas together with postgresql.synchronous.
 */
function synchronousProblems(merged) {
    const instances = numberOf(merged.instances);
    if (instances === undefined)
        return [];
    const min = numberOf(merged.minSyncReplicas) ?? 0;
    const max = numberOf(merged.maxSyncReplicas) ?? 0;
    const sync = mapAt(merged, 'postgresql', 'synchronous');
    const out = [];
    if (sync)
        out.push(...synchronousStanzaProblems(sync, instances, min > 0 || max > 0));
    if (max >= instances)
        out.push(`maxSyncReplicas ${max} must be less than instances (${instances})`);
    if (min > max)
        out.push(`minSyncReplicas ${min} cannot be greater than maxSyncReplicas ${max}`);
    return out;
}
function synchronousStanzaProblems(sync, instances, legacy) {
    const out = [];
    const number = numberOf(sync.number);
    const names = lengthOf(sync.standbyNamesPre) + lengthOf(sync.standbyNamesPost);
    if (number !== undefined && number >= instances + names) {
        const named = names > 0 ? ` plus ${names} standby names` : '';
        out.push(`postgresql.synchronous.number ${number} must be less than instances (${instances})${named}: a commit would wait for standbys that do not exist`);
    }
    if (sync.failoverQuorum === true && number !== undefined && number <= names)
        out.push(`postgresql.synchronous.failoverQuorum needs number (${number}) above the ${names} standby names`);
    if (legacy)
        out.push('minSyncReplicas / maxSyncReplicas cannot be combined with postgresql.synchronous (set sync-replicas: 0 to use them)');
    return out;
}
/** What archives WAL in a spec: the Barman Cloud plugin's object store, or the in-core path. */
function archiverOf(spec) {
    const plugins = Array.isArray(spec.plugins) ? spec.plugins : [];
    const plugin = plugins
        .filter(overrides_checks_isMap)
        .find((p) => p.name === cnpg_objects/* PLUGIN_NAME */.AF && p.isWALArchiver === true && p.enabled !== false);
    if (plugin)
        return `plugin ${String(mapAt(plugin, 'parameters')?.barmanObjectName)}`;
    const path = mapAt(spec, 'backup', 'barmanObjectStore')?.destinationPath;
    return typeof path === 'string' ? `in-core ${path}` : undefined;
}
/** The archiver rendered for backup-destination must survive the merge unchanged. */
function archiverProblems(rendered, merged) {
    const before = archiverOf(rendered);
    if (before === undefined || archiverOf(merged) === before)
        return [];
    return [
        'it would remove or redirect the WAL archiver that backup-destination configures, so nothing would archive there: keep spec.plugins and spec.backup.barmanObjectStore.destinationPath as rendered (change backup-destination or backup-method instead)',
    ];
}

;// CONCATENATED MODULE: ./src/cnpg/overrides.ts
// The `overrides` input: a YAML map deep-merged into the Cluster spec (maps merge, lists and
// scalars replace), checked against the Cluster spec's fields, against pgha's choices and the
// checks of the inputs it could undo (overrides-checks.ts), and, before anything is written,
// against the Cluster CRD's schema.




const overrides_isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
function deepMerge(base, over) {
    const out = { ...base };
    for (const [key, value] of Object.entries(over)) {
        const current = out[key];
        out[key] = overrides_isMap(current) && overrides_isMap(value) ? deepMerge(current, value) : clone(value);
    }
    return out;
}
function clone(value) {
    return structuredClone(value);
}
function refuse(problem) {
    throw new errors/* ConfigurationError */.j1(`input 'overrides': ${problem} (example: "enablePDB: false")`);
}
function applyOverrides(spec, overrides, method) {
    const unknown = Object.keys(overrides).filter((k) => !CLUSTER_SPEC_FIELDS.has(k));
    if (unknown.length > 0)
        refuse(`${unknown.join(', ')} ${unknown.length === 1 ? 'is not a field' : 'are not fields'} of the CNPG Cluster spec`);
    if (method === 'plugin' && 'backup' in overrides && 'plugins' in spec) {
        refuse('spec.backup cannot be combined with the Barman Cloud plugin as WAL archiver; use backup-method: barman-object-store');
    }
    const merged = deepMerge(spec, overrides);
    const problems = [
        ...parameterProblems(merged),
        ...synchronousProblems(merged),
        ...archiverProblems(spec, merged),
    ];
    if (problems.length > 0)
        refuse(problems.join('; '));
    return merged;
}
/** The merged spec against the Cluster CRD's schema (loaded lazily, only for overrides). */
async function checkOverriddenSpec(spec) {
    const problems = await (0,cluster_schema/* clusterSpecSchemaProblems */.F)(spec);
    if (problems.length > 0)
        refuse(`the merged spec does not match the Cluster CRD: ${problems.join('; ')}`);
}

;// CONCATENATED MODULE: ./src/cnpg/cluster.ts



const DNS_LABEL_ANNOTATION = 'service.beta.kubernetes.io/azure-dns-label-name';
function defaultImage(method) {
    const flavour = method === 'plugin' ? 'standard' : 'system';
    return `ghcr.io/cloudnative-pg/postgresql:18-${flavour}-trixie`;
}
function probes() {
    return {
        startup: {
            type: 'streaming',
            maximumLag: '32Mi',
            periodSeconds: 5,
            timeoutSeconds: 3,
            failureThreshold: 120,
        },
        readiness: { type: 'streaming', maximumLag: '0', periodSeconds: 10, failureThreshold: 6 },
    };
}
function workloadIdentity(inputs) {
    const labels = inputs.workloadIdentityClientId
        ? { [cnpg_objects/* WORKLOAD_IDENTITY_LABEL */._n]: 'true' }
        : undefined;
    const annotations = inputs.dnsLabel ? { [DNS_LABEL_ANNOTATION]: inputs.dnsLabel } : undefined;
    const inherited = labels || annotations
        ? {
            inheritedMetadata: {
                ...(labels ? { labels } : {}),
                ...(annotations ? { annotations } : {}),
            },
        }
        : {};
    if (!inputs.workloadIdentityClientId)
        return inherited;
    return {
        ...inherited,
        serviceAccountTemplate: {
            metadata: {
                annotations: { 'azure.workload.identity/client-id': inputs.workloadIdentityClientId },
                labels: { [cnpg_objects/* WORKLOAD_IDENTITY_LABEL */._n]: 'true' },
            },
        },
    };
}
/**
 * Quorum failover uses spec.postgresql.synchronous.failoverQuorum, not the deprecated
 * alpha.cnpg.io/failoverQuorum annotation of the guide (the annotation overrides the spec
 * and is deprecated in CNPG 1.30).
 */
function postgresql(inputs, parameters) {
    const synchronous = inputs.syncReplicas > 0
        ? { synchronous: { method: 'any', number: inputs.syncReplicas, failoverQuorum: true } }
        : {};
    // The guide's pg_hba line; it also admits non-TLS connections (hostssl would refuse them).
    return { parameters, ...synchronous, pg_hba: ['host all all all scram-sha-256'] };
}
function storage(inputs) {
    const cls = inputs.storageClass ? { storageClass: inputs.storageClass } : {};
    const wal = inputs.walStorageSize
        ? { walStorage: { size: inputs.walStorageSize.text, ...cls } }
        : {};
    return { storage: { size: inputs.storageSize.text, ...cls }, ...wal };
}
function scheduling(inputs) {
    const selector = { matchLabels: { 'cnpg.io/cluster': inputs.clusterName } };
    const spread = [
        {
            maxSkew: 1,
            topologyKey: 'topology.kubernetes.io/zone',
            whenUnsatisfiable: 'DoNotSchedule',
            labelSelector: selector,
        },
    ];
    const affinity = Object.keys(inputs.nodeSelector).length > 0
        ? { affinity: { nodeSelector: { ...inputs.nodeSelector } } }
        : {};
    return { topologySpreadConstraints: spread, ...affinity };
}
function clusterSpec(inputs, method, parameters) {
    const limits = { cpu: inputs.cpu.text, memory: inputs.memory.text };
    return {
        instances: inputs.instances,
        imageName: inputs.postgresImage ?? defaultImage(method),
        smartShutdownTimeout: 30,
        probes: probes(),
        ...workloadIdentity(inputs),
        ...scheduling(inputs),
        resources: { requests: { ...limits }, limits },
        bootstrap: {
            initdb: {
                database: inputs.database,
                owner: inputs.owner,
                secret: { name: inputs.appSecret },
                dataChecksums: true,
            },
        },
        ...storage(inputs),
        postgresql: postgresql(inputs, parameters),
        ...(inputs.backup ? clusterBackupSpec(inputs, inputs.backup, method) : {}),
    };
}
function cluster(inputs, method, parameters, origin) {
    const spec = clusterSpec(inputs, method, parameters);
    return {
        apiVersion: 'postgresql.cnpg.io/v1',
        kind: 'Cluster',
        metadata: (0,cnpg_objects/* meta */.mI)(inputs.clusterName, inputs.namespace, origin),
        spec: inputs.overrides ? applyOverrides(spec, inputs.overrides, method) : spec,
    };
}

;// CONCATENATED MODULE: ./src/cnpg/extras.ts


const instanceSelector = (cluster) => ({
    'cnpg.io/cluster': cluster,
    'cnpg.io/podRole': 'instance',
});
function podMonitors(inputs, origin) {
    const out = [];
    const endpoints = [{ port: 'metrics' }];
    const selector = instanceSelector(inputs.clusterName);
    if (inputs.monitoring === 'podmonitor' || inputs.monitoring === 'both') {
        out.push({
            apiVersion: 'monitoring.coreos.com/v1',
            kind: 'PodMonitor',
            metadata: (0,cnpg_objects/* meta */.mI)(inputs.clusterName, inputs.namespace, origin),
            spec: { selector: { matchLabels: selector }, podMetricsEndpoints: endpoints },
        });
    }
    if (inputs.monitoring === 'managed-prometheus' || inputs.monitoring === 'both') {
        const azure = { [cnpg_objects/* WORKLOAD_IDENTITY_LABEL */._n]: 'true' };
        out.push({
            apiVersion: 'azmonitoring.coreos.com/v1',
            kind: 'PodMonitor',
            metadata: (0,cnpg_objects/* meta */.mI)(`${inputs.clusterName}-azmon`, inputs.namespace, origin, { labels: azure }),
            spec: {
                selector: { matchLabels: { ...selector, ...azure } },
                podMetricsEndpoints: endpoints,
            },
        });
    }
    return out;
}
function pooler(inputs, origin) {
    if (inputs.pooler === 'none')
        return [];
    return [
        {
            apiVersion: 'postgresql.cnpg.io/v1',
            kind: 'Pooler',
            metadata: (0,cnpg_objects/* meta */.mI)(`${inputs.clusterName}-pooler-${inputs.pooler}`, inputs.namespace, origin),
            spec: {
                cluster: { name: inputs.clusterName },
                instances: 2,
                type: inputs.pooler,
                pgbouncer: { poolMode: inputs.poolerMode },
            },
        },
    ];
}
function loadBalancer(inputs, origin, role) {
    const annotations = inputs.dnsLabel
        ? { [DNS_LABEL_ANNOTATION]: `${inputs.dnsLabel}-${role}` }
        : undefined;
    const port = role === 'rw' ? 5432 : 5433;
    const instanceRole = role === 'rw' ? 'primary' : 'replica';
    return {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: (0,cnpg_objects/* meta */.mI)(`${inputs.clusterName}-${role}-lb`, inputs.namespace, origin, annotations ? { annotations } : {}),
        spec: {
            type: 'LoadBalancer',
            ports: [{ name: 'postgres', protocol: 'TCP', port, targetPort: 5432 }],
            selector: { ...instanceSelector(inputs.clusterName), 'cnpg.io/instanceRole': instanceRole },
            loadBalancerSourceRanges: [...inputs.allowedSourceRanges],
        },
    };
}
function exposure(inputs, origin) {
    const roles = inputs.expose === 'both' ? ['rw', 'ro'] : inputs.expose === 'none' ? [] : [inputs.expose];
    return roles.map((role) => loadBalancer(inputs, origin, role));
}

;// CONCATENATED MODULE: ./src/cnpg/render.ts
// deploy's renderer: typed inputs in, objects and one multi-document YAML out. Objects are
// built as data and serialised with js-yaml, so no input can inject YAML. The application
// Secret is never rendered: it is created at apply time, with a random password, when absent.







/**
 * Objects in apply order: the ObjectStore before the Cluster that archives into it. With
 * overrides, the Cluster spec is checked against the CRD schema first (async: the schema and
 * ajv load only then).
 */
async function renderDeploy(inputs, options) {
    const { backupMethod: method, origin } = options;
    const parameters = effectiveParameters(inputs);
    const b = inputs.backup;
    const theCluster = cluster(inputs, method, parameters, origin);
    if (inputs.overrides)
        await checkOverriddenSpec(theCluster.spec);
    const objects = [
        ...(b && method === 'plugin' ? [objectStore(inputs, b, origin)] : []),
        theCluster,
        ...(b?.schedule ? [scheduledBackup(inputs, b.schedule, method, origin)] : []),
        ...podMonitors(inputs, origin),
        ...pooler(inputs, origin),
        ...exposure(inputs, origin),
    ].map((o) => withLabels(o, (0,cnpg_objects/* pghaLabels */.uE)(inputs.clusterName, 'deploy', origin)));
    return { objects, yaml: toYaml(objects), parameters, sizingNote: sizingNote(inputs) };
}
function withLabels(o, labels) {
    return { ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, ...labels } } };
}
function toYaml(objects) {
    return objects.map((o) => (0,js_yaml/* dump */.Bh)(o, { noRefs: true, lineWidth: -1 })).join('---\n');
}

;// CONCATENATED MODULE: ./src/cnpg/manifests.ts
// The rendered manifests as one multi-document YAML file (the output `manifests`), under
// manifests-dir or RUNNER_TEMP. A directory that cannot be written is the user's to fix.





/** Renders every object; kinds in `skip` (`<apiVersion>/<kind>`) are left out. */
async function renderManifests(inputs, backupMethod, origin, skip = new Set()) {
    const all = await renderDeploy(inputs, { backupMethod, origin });
    const objects = all.objects.filter((o) => !skip.has(`${o.apiVersion}/${o.kind}`));
    return { ...all, objects, yaml: toYaml(objects) };
}
async function writeManifests(inputs, yaml, runnerTemp) {
    const dir = inputs.manifestsDir ?? (0,external_node_path_.join)(runnerTemp ?? (0,external_node_os_.tmpdir)(), 'pgha');
    const file = (0,external_node_path_.join)(dir, `${inputs.namespace}-${inputs.clusterName}.yaml`);
    try {
        await (0,promises_.mkdir)(dir, { recursive: true });
        await (0,promises_.writeFile)(file, yaml, 'utf8');
    }
    catch (error) {
        if (inputs.manifestsDir === undefined)
            throw error;
        const code = error.code ?? error.message;
        throw new errors/* ConfigurationError */.j1(`input 'manifests-dir': cannot write ${file} (${code}); give a directory the job can write (example: manifests-dir: \${{ runner.temp }}/manifests)`);
    }
    return file;
}

// EXTERNAL MODULE: ./src/cnpg/wait.ts
var wait = __webpack_require__(89867);
// EXTERNAL MODULE: ./src/inputs/read-deploy.ts + 2 modules
var read_deploy = __webpack_require__(36677);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
// EXTERNAL MODULE: ./src/report/step-summary.ts
var step_summary = __webpack_require__(49211);
;// CONCATENATED MODULE: ./src/report/deploy-applied-summary.ts


function appliedSummary(facts, phases) {
    const r = complete(facts);
    if (!r)
        return '';
    const { inputs } = r;
    const title = inputs.dryRun
        ? `## pgha deploy: ${(0,markdown/* escapeHtml */.ZD)(inputs.clusterName)} (dry run, nothing written)\n`
        : `## pgha deploy: ${(0,markdown/* escapeHtml */.ZD)(inputs.clusterName)} is healthy\n`;
    const parts = [title, headline(r), '### Objects\n', objectsTable(r)];
    if (r.identity)
        parts.push(`Federated credential ${(0,markdown/* code */.aY)(r.identity.name)} of managed identity ${(0,markdown/* code */.aY)(r.identity.identity)} for ${(0,markdown/* code */.aY)(r.identity.subject)}: ${(0,markdown/* escapeHtml */.ZD)(r.identity.change)}.\n`);
    if (r.pods && r.pods.length > 0)
        parts.push('### Instances\n', instancesTable(r.pods), diagram(r, r.pods));
    parts.push('### Timings\n', timingsTable(r, phases));
    if (!inputs.dryRun)
        parts.push('### Connect\n', connectSection(r));
    return parts.join('\n');
}
function headline(r) {
    const counts = new Map();
    for (const [, , action = ''] of objectRows(r))
        counts.set(action, (counts.get(action) ?? 0) + 1);
    const list = [...counts].map(([a, n]) => `${n} ${a}`).join(', ');
    const ready = r.readySeconds === undefined
        ? ''
        : ` Healthy ${r.readySeconds.toFixed(1)} s after the first request, primary ${(0,markdown/* code */.aY)(r.primary ?? '')}.`;
    return `API server ${(0,markdown/* code */.aY)(r.server)}, namespace ${(0,markdown/* code */.aY)(r.inputs.namespace)}: ${(0,markdown/* escapeHtml */.ZD)(list || 'no objects')}.${ready} ${r.requests} API requests. Backups: ${(0,markdown/* code */.aY)(r.inputs.backup ? r.backup.method : 'none')}${r.inputs.backup ? ` (${(0,markdown/* escapeHtml */.ZD)(r.backup.reason)})` : ''}. Manifests: ${(0,markdown/* code */.aY)(r.file)}.\n`;
}
/** kind, name, result, changed fields: the namespace and secret first, then the manifests. */
function objectRows(r) {
    return [
        ['Namespace', r.inputs.namespace, r.namespace, ''],
        [
            'Secret',
            r.inputs.appSecret,
            r.secret,
            r.secret === 'unchanged' ? 'kept as it is' : 'random password, masked',
        ],
        ...r.results.map((x) => [x.kind, x.name, x.action, x.changedPaths.join(', ')]),
    ];
}
function objectsTable(r) {
    return (0,markdown/* table */.tp)(['kind', 'name', 'result', 'changed fields'], objectRows(r));
}
/** The facts a summary of an apply needs, once they are all known. */
function complete(f) {
    const { inputs, backup, file, server, namespace, secret, results, requests } = f;
    if (!inputs || !backup || !file || !server || !namespace || !secret || !results)
        return undefined;
    return {
        ...f,
        inputs,
        backup,
        file,
        server,
        namespace,
        secret,
        results,
        requests: requests ?? 0,
    };
}
function instancesTable(pods) {
    return (0,markdown/* table */.tp)(['instance', 'role', 'ready', 'node', 'zone'], pods.map((p) => [p.name, p.role, p.ready ? 'yes' : 'no', p.node ?? '', p.zone ?? 'unknown']));
}
/** Services, primary and replicas as they are now. */
function diagram(r, pods) {
    const name = (s) => s.replace(/["<>`\n\r]/g, '_');
    const c = name(r.inputs.clusterName);
    const lines = ['```mermaid', 'flowchart LR', `  rw(["${c}-rw"])`, `  ro(["${c}-ro"])`];
    pods.forEach((p, i) => {
        const primary = p.role === 'primary';
        lines.push(`  i${i}["${name(p.name)} (${primary ? 'primary' : 'replica'})${p.zone ? `<br/>${name(p.zone)}` : ''}"]`);
        lines.push(primary ? `  rw --> i${i}` : `  ro --> i${i}`);
    });
    const primaryIndex = pods.findIndex((p) => p.role === 'primary');
    pods.forEach((_p, i) => {
        if (i !== primaryIndex && primaryIndex >= 0)
            lines.push(`  i${primaryIndex} -. streaming .-> i${i}`);
    });
    return [...lines, '```', ''].join('\n');
}
function timingsTable(r, phases) {
    const total = r.readySeconds === undefined ? [] : [['total until healthy', `${r.readySeconds.toFixed(1)} s`]];
    return (0,step_summary/* phasesTable */.l)(phases, total);
}
function connectSection(r) {
    const { clusterName: c, namespace: ns, appSecret, database } = r.inputs;
    return [
        (0,markdown/* table */.tp)(['what', 'value'], [
            ['read-write service', `${c}-rw.${ns}.svc:5432`],
            ['read-only service', `${c}-ro.${ns}.svc:5432`],
            ['database', database],
            ['credentials', `Secret ${appSecret} (keys username, password)`],
        ]),
        `From a workstation: ${(0,markdown/* code */.aY)(`kubectl -n ${ns} port-forward svc/${c}-rw 5432:5432`)}, with the password from ${(0,markdown/* code */.aY)(`kubectl -n ${ns} get secret ${appSecret} -o jsonpath='{.data.password}' | base64 -d`)}.\n`,
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/report/deploy-summary.ts



function deploySummary(result) {
    const f = result.facts;
    if (result.failure)
        return failedSummary(result);
    if (!f.inputs || !f.backup)
        return '';
    if (f.inputs.renderOnly && f.rendered && f.file)
        return renderOnlySummary({
            inputs: f.inputs,
            rendered: f.rendered,
            backup: f.backup,
            file: f.file,
        });
    return appliedSummary(f, result.phases);
}
function failedSummary(result) {
    const name = result.facts.inputs?.clusterName ?? '';
    const failure = result.failure;
    if (!failure)
        return '';
    const applied = result.facts.results ?? [];
    return [
        `## pgha deploy: ${(0,markdown/* escapeHtml */.ZD)(name)} ${failure.cancelled ? 'was cancelled' : 'failed'}\n`,
        (0,step_summary/* failureSection */.m)(failure),
        '### Phases\n',
        (0,step_summary/* phasesTable */.l)(result.phases),
        ...(applied.length > 0
            ? [
                '### Applied before the failure\n',
                (0,markdown/* table */.tp)(['kind', 'name', 'result'], applied.map((r) => [r.kind, r.name, r.action])),
            ]
            : []),
    ].join('\n');
}
function renderOnlySummary(r) {
    const { inputs } = r;
    return [
        `## pgha deploy: ${(0,markdown/* escapeHtml */.ZD)(inputs.clusterName)} (render only)\n`,
        `Rendered ${r.rendered.objects.length} objects for namespace ${(0,markdown/* code */.aY)(inputs.namespace)} into ${(0,markdown/* code */.aY)(r.file)}. Nothing was applied.\n`,
        topology(inputs),
        '### Objects\n',
        (0,markdown/* table */.tp)(['kind', 'name', 'apiVersion'], r.rendered.objects.map((o) => [o.kind, o.metadata.name, o.apiVersion])),
        '### Backups\n',
        backupLine(r),
        '### PostgreSQL parameters\n',
        `${(0,markdown/* escapeHtml */.ZD)(r.rendered.sizingNote)}\n\n`,
        (0,markdown/* table */.tp)(['parameter', 'value'], Object.entries(r.rendered.parameters).map(([k, v]) => [k, v])),
    ].join('\n');
}
function backupLine(r) {
    const b = r.inputs.backup;
    if (!b)
        return 'No `backup-destination`: no WAL archiving and no backups.\n';
    const schedule = b.schedule ? (0,markdown/* code */.aY)(b.schedule) : 'none';
    return (0,markdown/* table */.tp)(['setting', 'value'], [
        ['method', { raw: `${(0,markdown/* code */.aY)(r.backup.method)}: ${(0,markdown/* escapeHtml */.ZD)(r.backup.reason)}` }],
        ['destination', b.destination.url],
        ['credentials', b.credentials],
        ['retention', b.retention],
        ['schedule', { raw: schedule }],
    ]);
}
/** A Mermaid picture of what the Cluster will look like once applied. */
function topology(inputs) {
    const name = mermaidText(inputs.clusterName);
    const replicas = Array.from({ length: inputs.instances - 1 }, (_, i) => `${name}-${i + 2}`);
    const link = inputs.syncReplicas > 0 ? `sync, ANY ${inputs.syncReplicas}` : 'async';
    const lines = [
        'flowchart LR',
        `  rw(["${name}-rw"]) --> p["${name}-1 (primary)"]`,
        ...replicas.map((r, i) => `  p -- ${link} --> r${i}["${r} (replica)"]`),
        ...replicas.map((_, i) => `  ro(["${name}-ro"]) --> r${i}`),
    ];
    if (inputs.backup)
        lines.push(`  p -. WAL + base backups .-> os[("${mermaidText(inputs.backup.destination.url)}")]`);
    return ['```mermaid', ...lines, '```', ''].join('\n');
}
function mermaidText(text) {
    return text.replace(/["<>`\n\r]/g, '_');
}

// EXTERNAL MODULE: ./src/actions/action.ts + 1 modules
var action = __webpack_require__(63312);
// EXTERNAL MODULE: ./src/actions/connect.ts + 3 modules
var connect = __webpack_require__(27932);
// EXTERNAL MODULE: ./src/actions/context.ts + 1 modules
var context = __webpack_require__(87546);
;// CONCATENATED MODULE: ./src/actions/deploy.ts
// deploy: read and validate every input, render the CNPG manifests, then (unless render-only)
// connect, apply them by server-side apply, wait for the Cluster to be healthy, and report.














const deploy = (0,action/* defineAction */.Q)({
    command: 'deploy',
    summary: deploySummary,
    async run(ctx, step) {
        const inputs = (0,read_deploy/* readDeployInputs */.Jj)(ctx.getInput);
        step.record({ inputs });
        if (inputs.renderOnly) {
            await render(inputs, chooseBackupMethod(inputs.backupMethod), ctx, step);
            return;
        }
        const started = ctx.now();
        const conn = await step.phase('Connect', () => (0,connect/* connectCluster */.b)(inputs, ctx, step));
        const served = await step.phase('Discover CNPG', () => (0,discovery/* discoverCnpg */["if"])(conn.http));
        const backup = chooseBackupMethod(inputs.backupMethod, served.barmanCloudPlugin);
        const skip = skippedMonitors(inputs, served, ctx.logger);
        const rendered = await render(inputs, backup, ctx, step, skip);
        const settings = inputs.backup;
        if (settings?.credentialsSecret)
            await step.phase('Check the backup credentials', () => checkBackupSecret(conn.http, inputs.namespace, settings, ctx.logger));
        await trustIdentity(inputs, conn, ctx, step);
        const origin = (0,context/* runOrigin */.sd)(ctx.env);
        const annotations = (0,cnpg_objects/* traceAnnotations */.kd)(origin);
        const labels = (0,cnpg_objects/* pghaLabels */.uE)(inputs.clusterName, 'deploy', origin);
        const installed = await step.phase(inputs.dryRun ? 'Dry run' : 'Apply', () => install(conn.http, inputs, rendered.objects, { ...ctx, annotations, labels }));
        recordInstalled(inputs, conn, installed, step);
        if (inputs.dryRun)
            return;
        const { namespace, clusterName: name } = inputs;
        const deadline = started + inputs.timeoutMs;
        const cluster = await step.phase('Wait for the Cluster to be healthy', () => (0,wait/* waitHealthy */.h)(conn.http, { namespace, name, deadline, logger: ctx.logger, now: ctx.now }));
        const ready = {
            primary: cluster.status?.currentPrimary ?? '',
            seconds: (ctx.now() - started) / 1000,
        };
        await reportHealthy(conn, inputs, ready, ctx, step);
    },
});
/** Renders the objects, writes them to one YAML file and sets the outputs that need no cluster. */
async function render(inputs, backup, ctx, step, skip) {
    const rendered = await step.phase('Render manifests', async () => {
        const r = await renderManifests(inputs, backup.method, (0,context/* runOrigin */.sd)(ctx.env), skip);
        const file = await writeManifests(inputs, r.yaml, ctx.env.RUNNER_TEMP);
        ctx.logger.info(`Wrote ${r.objects.length} objects to ${file}`);
        step.record({ rendered: r, file, backup });
        step.output('manifests', file);
        return r;
    });
    step.output('cluster-name', inputs.clusterName);
    step.output('namespace', inputs.namespace);
    step.output('backup-method', inputs.backup ? backup.method : 'none');
    return rendered;
}
async function trustIdentity(inputs, conn, ctx, step) {
    const { identity, azure, aks } = inputs;
    if (!identity || !conn.azure || !azure || !aks)
        return;
    const arm = conn.azure.arm;
    const trust = await step.phase('Federated credential', () => (0,identity_trust/* ensureIdentityTrust */.h)(arm, {
        subscriptionId: azure.subscriptionId,
        aksResourceGroup: aks.resourceGroup,
        aksCluster: aks.cluster,
        identity,
        namespace: inputs.namespace,
        serviceAccount: inputs.clusterName,
        dryRun: inputs.dryRun,
    }, ctx.logger));
    step.record({ identity: trust });
}
/** PodMonitor kinds the cluster does not serve: left out, with a warning each. */
function skippedMonitors(inputs, served, logger) {
    const skip = (0,discovery/* unservedMonitoring */.HP)(inputs.monitoring, served);
    for (const s of skip)
        logger.warning(`The cluster does not serve ${s}: no PodMonitor applied for it (install its CRD to get metrics scraped)`);
    return new Set(skip);
}
/** The instances as they are now, the primary and how long it took. */
async function reportHealthy(conn, inputs, ready, ctx, step) {
    const { namespace, clusterName } = inputs;
    const { primary, seconds: readySeconds } = ready;
    const pods = await (0,instances/* listInstances */.ND)(conn.http, namespace, clusterName, { zones: true });
    step.record({ pods, primary, readySeconds, requests: conn.http.requests });
    step.output('primary', primary);
    step.output('ready-seconds', readySeconds.toFixed(1));
    ctx.logger.info(`Cluster ${clusterName} is healthy: primary ${primary}, ${pods.length} instances, ${readySeconds.toFixed(1)} s after the first request (${conn.http.requests} API requests)`);
}
/** What was applied, and the outputs that name the services and the secret. */
function recordInstalled(inputs, conn, installed, step) {
    step.record({ ...installed, server: conn.config.server, requests: conn.http.requests });
    step.output('app-secret', inputs.appSecret);
    step.output('rw-service', `${inputs.clusterName}-rw`);
    step.output('ro-service', `${inputs.clusterName}-ro`);
}


/***/ }),

/***/ 29390:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ ensureIdentityTrust)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _federated_credential_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(58517);
// The backup identity trusts the cluster's service account through the AKS OIDC issuer: a
// federated identity credential with subject system:serviceaccount:<namespace>:<cluster>.


async function ensureIdentityTrust(arm, r, logger) {
    const aks = await arm.getManagedCluster(r.subscriptionId, r.aksResourceGroup, r.aksCluster);
    if (!aks.oidcIssuerUrl)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`input 'identity-name': AKS cluster ${r.aksCluster} has no OIDC issuer, so no workload can federate with ${r.identity.name}. Enable it: az aks update -g ${r.aksResourceGroup} -n ${r.aksCluster} --enable-oidc-issuer --enable-workload-identity`);
    const spec = {
        subscriptionId: r.subscriptionId,
        resourceGroup: r.identity.resourceGroup,
        identity: r.identity.name,
        name: (0,_federated_credential_js__WEBPACK_IMPORTED_MODULE_1__/* .federatedCredentialName */ .Tr)(r.namespace, r.serviceAccount),
        issuer: aks.oidcIssuerUrl,
        subject: `system:serviceaccount:${r.namespace}:${r.serviceAccount}`,
    };
    const change = r.dryRun ? 'not checked (dry run)' : await arm.ensureFederatedCredential(spec);
    logger.info(`Federated credential ${spec.name} of ${spec.identity} for ${spec.subject}: ${change}`);
    return { name: spec.name, identity: spec.identity, subject: spec.subject, change };
}


/***/ }),

/***/ 22972:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ clusterSpecSchemaProblems),
/* harmony export */   Z: () => (/* binding */ warmClusterSchema)
/* harmony export */ });
let validator;
function ajvClass(mod) {
    const found = mod.Ajv ?? (typeof mod.default === 'function' ? mod.default : mod.default?.Ajv);
    if (!found)
        throw new Error('ajv does not export its class');
    return found;
}
async function compile() {
    const [mod, schema] = await Promise.all([
        __webpack_require__.e(/* import() */ 463).then(__webpack_require__.t.bind(__webpack_require__, 42463, 23)),
        __webpack_require__.e(/* import() */ 880).then(__webpack_require__.t.bind(__webpack_require__, 17880, 19)),
    ]);
    const Ajv = ajvClass(mod);
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    return ajv.compile(schema.default);
}
/** Loads and compiles the schema ahead of its first use (e.g. while waiting on the cluster). */
function warmClusterSchema() {
    validator ??= compile();
    validator.catch(() => undefined);
}
/** spec.a.b[0].c from a JSON pointer /a/b/0/c. */
function fieldPath(pointer) {
    return pointer
        .split('/')
        .slice(1)
        .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
        .reduce((path, p) => (/^\d+$/.test(p) ? `${path}[${p}]` : `${path}.${p}`), 'spec');
}
/** What the CRD schema refuses in a Cluster spec, one line per problem (none when valid). */
async function clusterSpecSchemaProblems(spec, limit = 10) {
    validator ??= compile();
    const validate = await validator;
    if (validate(spec))
        return [];
    return (validate.errors ?? []).slice(0, limit).map((e) => {
        const path = fieldPath(e.instancePath);
        const params = e.params;
        if (params.additionalProperty)
            return `${path}.${params.additionalProperty} is not a field of the Cluster CRD`;
        if (params.missingProperty)
            return `${path}.${params.missingProperty} is required`;
        const allowed = params.allowedValues ? ` (${params.allowedValues.join(', ')})` : '';
        return `${path} ${e.message ?? 'is not valid'}${allowed}`;
    });
}


/***/ }),

/***/ 98200:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ gatherDiagnostics),
/* harmony export */   L: () => (/* binding */ recentEvents)
/* harmony export */ });
/* harmony import */ var _log_safety_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8224);
/* harmony import */ var _instances_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(27240);


/** A plain-text report for the failure; never throws (diagnostics are best effort). */
async function gatherDiagnostics(http, namespace, cluster, last) {
    const lines = clusterLines(cluster, last);
    try {
        const pods = await (0,_instances_js__WEBPACK_IMPORTED_MODULE_1__/* .listInstances */ .ND)(http, namespace, cluster);
        if (pods.length === 0)
            lines.push('Instance pods: none');
        for (const p of pods)
            lines.push(`  pod ${p.name}: ${p.phase}${p.ready ? ', ready' : ', not ready'}${p.role ? `, ${p.role}` : ''}${p.detail ? ` (${(0,_log_safety_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .T)(p.detail)})` : ''}`);
        const events = await recentEvents(http, namespace, [cluster, ...pods.map((p) => p.name)]);
        if (events.length > 0)
            lines.push('Recent events:');
        for (const e of events)
            lines.push(`  ${e}`);
    }
    catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        lines.push(`(could not read pods or events: ${(0,_log_safety_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .T)(text)})`);
    }
    return lines.join('\n');
}
function clusterLines(cluster, last) {
    const status = (last?.status ?? {});
    const lines = [
        last
            ? `Cluster ${cluster}: phase '${(0,_log_safety_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .T)(status.phase ?? '(none)')}'${status.phaseReason ? ` (${(0,_log_safety_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .T)(status.phaseReason)})` : ''}, readyInstances ${status.readyInstances ?? 0}`
            : `Cluster ${cluster}: not found`,
    ];
    for (const c of status.conditions ?? [])
        lines.push(`  condition ${(0,_log_safety_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .T)(c.type)}=${(0,_log_safety_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .T)(c.status)}${c.reason ? ` ${(0,_log_safety_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .T)(c.reason)}` : ''}${c.message ? `: ${(0,_log_safety_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .T)(c.message)}` : ''}`);
    return lines;
}
/** The last ten events about the named objects, oldest first, one line each. */
async function recentEvents(http, namespace, names, limit = 10) {
    const { body } = await http.json({
        method: 'GET',
        path: `/api/v1/namespaces/${namespace}/events`,
        context: `listing the events of ${namespace}`,
    });
    const wanted = new Set(names);
    return body.items
        .filter((e) => wanted.has(e.involvedObject?.name ?? ''))
        .sort((a, b) => time(a).localeCompare(time(b)))
        .slice(-limit)
        .map((e) => (0,_log_safety_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .T)(`${time(e)} ${e.type ?? ''} ${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''} ${e.reason ?? ''}: ${e.message ?? ''}`));
}
function time(e) {
    return e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '';
}


/***/ }),

/***/ 2852:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Wr: () => (/* binding */ isHealthy),
/* harmony export */   si: () => (/* binding */ ProgressTracker),
/* harmony export */   sw: () => (/* binding */ HEALTHY_PHASE)
/* harmony export */ });
/* harmony import */ var _log_safety_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8224);
// When a CNPG Cluster counts as healthy, and the progress lines a person wants while waiting:
// each phase change, and each instance that becomes ready. Pure functions over the object;
// texts from the cluster are kept on one line (log-safety.ts).

const HEALTHY_PHASE = 'Cluster in healthy state';
/**
 * Healthy as CNPG's own e2e suite asserts it: phase healthy, readyInstances equal to
 * spec.instances, no failover or switchover under way (currentPrimary == targetPrimary), and a
 * Ready condition that is True for the current generation when the operator records one.
 */
function isHealthy(cluster) {
    const s = cluster?.status;
    if (!cluster || !s)
        return false;
    const ready = s.conditions?.find((c) => c.type === 'Ready');
    const generation = cluster.metadata.generation;
    const current = ready?.observedGeneration === undefined ||
        generation === undefined ||
        ready.observedGeneration >= generation;
    return (s.phase === HEALTHY_PHASE &&
        s.readyInstances === cluster.spec?.instances &&
        s.currentPrimary !== undefined &&
        s.currentPrimary === s.targetPrimary &&
        (ready === undefined || ready.status === 'True') &&
        current);
}
/** Remembers what was reported and returns the lines that a new state adds. */
class ProgressTracker {
    #phase;
    #ready = new Set();
    #primary;
    update(cluster) {
        const s = cluster?.status;
        if (!cluster)
            return this.#phase === '(absent)' ? [] : this.#set('(absent)', 'Cluster not found yet');
        if (!s)
            return [];
        const lines = [];
        const phase = `${s.phase ?? '(no phase yet)'}\n${s.phaseReason ?? ''}`;
        if (phase !== this.#phase) {
            this.#phase = phase;
            lines.push(`phase: ${(0,_log_safety_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .T)(s.phase ?? '(no phase yet)')}${s.phaseReason ? ` (${(0,_log_safety_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .T)(s.phaseReason)})` : ''}`);
        }
        const want = cluster.spec?.instances ?? s.instances ?? 0;
        const healthy = s.instancesStatus?.healthy ?? [];
        for (const name of healthy) {
            if (this.#ready.has(name))
                continue;
            this.#ready.add(name);
            lines.push(`instance ${(0,_log_safety_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .T)(name)} ready (${this.#ready.size}/${want})`);
        }
        for (const name of [...this.#ready])
            if (!healthy.includes(name))
                this.#ready.delete(name);
        if (s.currentPrimary && s.currentPrimary !== this.#primary) {
            this.#primary = s.currentPrimary;
            lines.push(`primary: ${(0,_log_safety_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .T)(s.currentPrimary)}${s.timelineID ? ` (timeline ${s.timelineID})` : ''}`);
        }
        return lines;
    }
    #set(phase, line) {
        this.#phase = phase;
        return [line];
    }
}


/***/ }),

/***/ 27240:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ND: () => (/* binding */ listInstances),
/* harmony export */   iF: () => (/* binding */ listInstancePods)
/* harmony export */ });
/* unused harmony exports instanceSelector, roleOf, isReady */
function instanceSelector(cluster) {
    return `cnpg.io/cluster=${cluster},cnpg.io/podRole=instance`;
}
/** CNPG writes the role on both labels; readers prefer the legacy one, as CNPG's do. */
function roleOf(pod) {
    const labels = pod.metadata.labels ?? {};
    return labels.role ?? labels['cnpg.io/instanceRole'] ?? '';
}
function isReady(pod) {
    return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}
async function listInstancePods(http, namespace, cluster) {
    const { body } = await http.json({
        method: 'GET',
        path: `/api/v1/namespaces/${namespace}/pods`,
        query: { labelSelector: instanceSelector(cluster) },
        context: `listing the instance pods of ${cluster}`,
    });
    return body.items.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name, 'en', { numeric: true }));
}
function toInstance(p) {
    const waiting = p.status?.containerStatuses
        ?.flatMap((c) => Object.values(c.state ?? {}).map((s) => s.reason))
        .find(Boolean);
    const detail = p.status?.message ?? p.status?.reason ?? waiting;
    return {
        name: p.metadata.name,
        role: roleOf(p),
        phase: p.metadata.deletionTimestamp ? 'Terminating' : (p.status?.phase ?? 'Unknown'),
        ready: isReady(p),
        ...(p.spec?.nodeName ? { node: p.spec.nodeName } : {}),
        ...(detail ? { detail } : {}),
    };
}
/** The instances with their roles and, when the identity may read nodes, their zones. */
async function listInstances(http, namespace, cluster, options = {}) {
    const instances = (await listInstancePods(http, namespace, cluster)).map(toInstance);
    return options.zones ? withZones(http, instances) : instances;
}
async function withZones(http, instances) {
    if (!instances.some((p) => p.node))
        return instances;
    try {
        const { body } = await http.json({
            method: 'GET',
            path: '/api/v1/nodes',
            context: 'listing nodes for their zones',
        });
        const zones = new Map(body.items.map((n) => [n.metadata.name, n.metadata.labels?.['topology.kubernetes.io/zone']]));
        return instances.map((p) => {
            const zone = p.node ? zones.get(p.node) : undefined;
            return zone ? { ...p, zone } : p;
        });
    }
    catch {
        return instances;
    }
}


/***/ }),

/***/ 89867:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ waitHealthy)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _kube_resources_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(26804);
/* harmony import */ var _kube_watch_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(87002);
/* harmony import */ var _diagnostics_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(98200);
/* harmony import */ var _health_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2852);
// Waiting until a CNPG Cluster is healthy: a watch on the Cluster with a progress line for
// each phase change, ready instance and new primary; on timeout, the diagnostics of what is
// still wrong (phase, conditions, pods, events) in a DiagnosedError.





async function waitHealthy(http, o) {
    const progress = new _health_js__WEBPACK_IMPORTED_MODULE_4__/* .ProgressTracker */ .si();
    const started = o.now();
    try {
        return await (0,_kube_watch_js__WEBPACK_IMPORTED_MODULE_2__/* .waitFor */ .fm)(http, {
            collection: (0,_kube_resources_js__WEBPACK_IMPORTED_MODULE_1__/* .collectionPath */ .yb)(_kube_resources_js__WEBPACK_IMPORTED_MODULE_1__/* .CNPG_CLUSTER */ .wn.apiVersion, _kube_resources_js__WEBPACK_IMPORTED_MODULE_1__/* .CNPG_CLUSTER */ .wn.kind, o.namespace),
            name: o.name,
            what: `Cluster ${o.name} to be healthy`,
        }, {
            deadline: o.deadline,
            now: o.now,
            check: (obj) => {
                const view = obj;
                for (const line of progress.update(view))
                    o.logger.info(line);
                return (0,_health_js__WEBPACK_IMPORTED_MODULE_4__/* .isHealthy */ .Wr)(view) ? view : undefined;
            },
            onReconnect: (reason) => {
                o.logger.info(`Watch interrupted (${reason}); resuming`);
            },
        });
    }
    catch (error) {
        if (!(error instanceof _kube_watch_js__WEBPACK_IMPORTED_MODULE_2__/* .WatchTimeout */ .FR))
            throw error;
        const wanted = error.last?.spec?.instances;
        const diagnostics = await (0,_diagnostics_js__WEBPACK_IMPORTED_MODULE_3__/* .gatherDiagnostics */ .C)(http, o.namespace, o.name, error.last);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DiagnosedError */ .xB(`Cluster ${o.name} did not reach '${_health_js__WEBPACK_IMPORTED_MODULE_4__/* .HEALTHY_PHASE */ .sw}'${wanted === undefined ? '' : ` with ${wanted} ready instances`} within ${Math.round((o.now() - started) / 1000)} s (input 'timeout')`, diagnostics, { cause: error });
    }
}


/***/ })

};
