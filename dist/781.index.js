export const id = 781;
export const ids = [781];
export const modules = {

/***/ 5781:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deploy: () => (/* binding */ deploy)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/azure/federated-credential.ts
var federated_credential = __webpack_require__(8517);
;// CONCATENATED MODULE: ./src/azure/identity-trust.ts
// The backup identity trusts the cluster's service account through the AKS OIDC issuer: a
// federated identity credential with subject system:serviceaccount:<namespace>:<cluster>.


async function ensureIdentityTrust(arm, r, logger) {
    const aks = await arm.getManagedCluster(r.subscriptionId, r.aksResourceGroup, r.aksCluster);
    if (!aks.oidcIssuerUrl)
        throw new errors/* ConfigurationError */.j1(`input 'identity-name': AKS cluster ${r.aksCluster} has no OIDC issuer, so no workload can federate with ${r.identity.name}. Enable it: az aks update -g ${r.aksResourceGroup} -n ${r.aksCluster} --enable-oidc-issuer --enable-workload-identity`);
    const spec = {
        subscriptionId: r.subscriptionId,
        resourceGroup: r.identity.resourceGroup,
        identity: r.identity.name,
        name: (0,federated_credential/* federatedCredentialName */.Tr)(r.namespace, r.serviceAccount),
        issuer: aks.oidcIssuerUrl,
        subject: `system:serviceaccount:${r.namespace}:${r.serviceAccount}`,
    };
    const change = r.dryRun ? 'not checked (dry run)' : await arm.ensureFederatedCredential(spec);
    logger.info(`Federated credential ${spec.name} of ${spec.identity} for ${spec.subject}: ${change}`);
    return { name: spec.name, identity: spec.identity, subject: spec.subject, change };
}

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

;// CONCATENATED MODULE: ./src/kube/discovery.ts
async function servedGroupVersions(http) {
    const { body } = await http.json({
        method: 'GET',
        path: '/apis',
        context: 'discovering the API groups the cluster serves',
    });
    return new Set((body.groups ?? []).flatMap((g) => (g.versions ?? []).map((v) => v.groupVersion)));
}

;// CONCATENATED MODULE: ./src/cnpg/discovery.ts
// What the cluster offers pgha: the CNPG operator (required), the Barman Cloud plugin's
// ObjectStore, and the PodMonitor CRDs of Prometheus Operator and Azure Managed Prometheus.


const CNPG_GROUP_VERSION = 'postgresql.cnpg.io/v1';
const BARMAN_CLOUD_GROUP_VERSION = 'barmancloud.cnpg.io/v1';
/** Served group versions; fails with how to install CNPG when the operator is missing. */
async function discoverCnpg(http) {
    const groupVersions = await servedGroupVersions(http);
    if (!groupVersions.has(CNPG_GROUP_VERSION))
        throw new errors/* ConfigurationError */.j1(`the cluster at ${http.server} does not serve ${CNPG_GROUP_VERSION}: the CloudNativePG operator is not installed. ` +
            'Install it first, e.g. kubectl apply --server-side -f https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/release-1.30/releases/cnpg-1.30.0.yaml, or with its Helm chart.');
    return { groupVersions, barmanCloudPlugin: groupVersions.has(BARMAN_CLOUD_GROUP_VERSION) };
}
/** `<group>/<version>/PodMonitor` of each PodMonitor kind the monitoring input wants but the cluster lacks. */
function unservedMonitoring(monitoring, served) {
    const wanted = [];
    if (monitoring === 'podmonitor' || monitoring === 'both')
        wanted.push('monitoring.coreos.com/v1');
    if (monitoring === 'managed-prometheus' || monitoring === 'both')
        wanted.push('azmonitoring.coreos.com/v1');
    return wanted.filter((gv) => !served.groupVersions.has(gv)).map((gv) => `${gv}/PodMonitor`);
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/log-safety.ts
var log_safety = __webpack_require__(8224);
;// CONCATENATED MODULE: ./src/kube/errors.ts
// Errors of the Kubernetes API as pgha reports them: what pgha was doing, the API's status
// and reason, the fields it names, and a hint for the failures users meet most. The API's
// own words are kept on one line: they end up in the log.

const HINTS = {
    401: 'The credentials were refused: check the kubeconfig, or the Azure login and aks-cluster.',
    403: 'The identity lacks RBAC permission: grant it, e.g. the Azure Kubernetes Service RBAC Cluster Admin role on the cluster, or use aks-admin: true where local accounts are enabled.',
};
class KubeApiError extends Error {
    name = 'KubeApiError';
    status;
    reason;
    causes;
    retryAfterSeconds;
    constructor(status, reason, message, causes, retryAfterSeconds) {
        super(message);
        this.status = status;
        this.reason = reason;
        this.causes = causes;
        if (retryAfterSeconds !== undefined)
            this.retryAfterSeconds = retryAfterSeconds;
    }
    /** 429 Too Many Requests and server-side errors pass; the rest is the request's fault. */
    get transient() {
        return this.status === 429 || (this.status >= 500 && this.status !== 501);
    }
}
function kubeApiError(status, text, context, retryAfter) {
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        body = { message: text.slice(0, 300) };
    }
    const reason = (0,log_safety/* oneLine */.T)(body.reason ?? `HTTP ${status}`);
    const hint = HINTS[status];
    const message = `${context}: ${status} ${reason}: ${(0,log_safety/* oneLine */.T)(body.message ?? '')}${hint ? `. ${hint}` : ''}`;
    const seconds = retryAfter === undefined ? undefined : Number(retryAfter);
    return new KubeApiError(status, reason, message, body.details?.causes ?? [], seconds !== undefined && Number.isFinite(seconds) ? seconds : undefined);
}
/** A connection-level failure (refused, reset, timed out), marked as retryable. */
function transportError(error, context, server) {
    const code = error.code;
    const reason = code ? `${code} (${error.message})` : error.message;
    return Object.assign(new Error(`${context}: cannot reach the API server ${server}: ${reason}`), {
        transport: true,
        cause: error,
    });
}

;// CONCATENATED MODULE: ./src/kube/resources.ts
// REST paths of the kinds pgha writes. A fixed table instead of discovery: pgha knows what it
// renders, and one fewer round trip per kind keeps a deploy within its request budget.
const PLURALS = {
    Namespace: 'namespaces',
    Secret: 'secrets',
    ConfigMap: 'configmaps',
    Service: 'services',
    ServiceAccount: 'serviceaccounts',
    Pod: 'pods',
    Event: 'events',
    PersistentVolumeClaim: 'persistentvolumeclaims',
    Cluster: 'clusters',
    Backup: 'backups',
    ScheduledBackup: 'scheduledbackups',
    Pooler: 'poolers',
    ObjectStore: 'objectstores',
    PodMonitor: 'podmonitors',
};
const CLUSTER_SCOPED = new Set(['Namespace']);
/** /api/v1 or /apis/<group>/<version>. */
function groupVersionPath(apiVersion) {
    return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}
/** Collection path of a kind in a namespace (or cluster-wide for Namespace). */
function collectionPath(apiVersion, kind, namespace) {
    const plural = PLURALS[kind];
    if (!plural)
        throw new Error(`pgha does not know the REST path of kind ${kind}`);
    const scope = CLUSTER_SCOPED.has(kind) || !namespace ? '' : `/namespaces/${namespace}`;
    return `${groupVersionPath(apiVersion)}${scope}/${plural}`;
}
function objectPath(obj) {
    const base = collectionPath(obj.apiVersion, obj.kind, obj.metadata.namespace);
    return `${base}/${encodeURIComponent(obj.metadata.name)}`;
}
function describeObject(obj) {
    return `${obj.kind} ${obj.metadata.name}`;
}
const CNPG_CLUSTER = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster' };

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
    const path = objectPath(obj);
    const what = describeObject(obj);
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
        if (error instanceof KubeApiError && error.status === 409)
            throw conflictError(what, error);
        throw error;
    }
    const changedPaths = live.body
        ? differences(live.body, applied).filter((p) => !p.startsWith(TRACE_ANNOTATIONS))
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
var external_node_crypto_ = __webpack_require__(7598);
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
    const path = `${collectionPath('v1', 'Secret', spec.namespace)}/${spec.name}`;
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
    return create(http, collectionPath('v1', 'Secret', spec.namespace), body, `creating ${what}`);
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
        if (error instanceof KubeApiError && error.status === 409)
            return 'unchanged';
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/cnpg/install.ts


const MANAGED = { 'app.kubernetes.io/managed-by': 'pgha' };
async function install(http, inputs, objects, ctx) {
    const namespace = await ensureNamespace(http, inputs.namespace, MANAGED, inputs.dryRun);
    ctx.logger.info(`Namespace ${inputs.namespace}: ${namespace}`);
    const secret = await ensureAppSecret(http, {
        namespace: inputs.namespace,
        name: inputs.appSecret,
        username: inputs.owner,
        labels: { ...MANAGED, 'cnpg.io/reload': 'true' },
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

;// CONCATENATED MODULE: ./src/cnpg/instances.ts
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

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(3243);
;// CONCATENATED MODULE: ./src/cnpg/objects.ts
const PLUGIN_NAME = 'barman-cloud.cloudnative-pg.io';
const WORKLOAD_IDENTITY_LABEL = 'azure.workload.identity/use';
const objectStoreName = (cluster) => `${cluster}-backup-store`;
/** Traceability: where the object came from (repository, commit, run, actor). */
function traceAnnotations(origin) {
    const run = origin.serverUrl && origin.repository && origin.runId
        ? `${origin.serverUrl}/${origin.repository}/actions/runs/${origin.runId}`
        : undefined;
    const entries = [
        ['pgha.io/repository', origin.repository],
        ['pgha.io/sha', origin.sha],
        ['pgha.io/run', run],
        ['pgha.io/actor', origin.actor],
    ];
    return Object.fromEntries(entries.filter((e) => e[1] !== undefined && e[1] !== ''));
}
function meta(name, namespace, origin, extra = {}) {
    const annotations = { ...traceAnnotations(origin), ...extra.annotations };
    return {
        name,
        namespace,
        labels: { 'app.kubernetes.io/managed-by': 'pgha', ...extra.labels },
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    };
}

;// CONCATENATED MODULE: ./src/cnpg/backup.ts

const ref = (secret, key) => ({ name: secret, key });
function credentials(b) {
    const secret = b.credentialsSecret ?? '';
    switch (b.credentials) {
        case 'workload-identity':
            return { azureCredentials: { inheritFromAzureAD: true } };
        case 'storage-key':
            return {
                azureCredentials: {
                    storageAccount: ref(secret, 'AZURE_STORAGE_ACCOUNT'),
                    storageKey: ref(secret, 'AZURE_STORAGE_KEY'),
                },
            };
        case 'sas-token':
            return {
                azureCredentials: {
                    storageAccount: ref(secret, 'AZURE_STORAGE_ACCOUNT'),
                    storageSasToken: ref(secret, 'AZURE_STORAGE_SAS_TOKEN'),
                },
            };
        case 's3-keys':
            return {
                s3Credentials: {
                    accessKeyId: ref(secret, 'ACCESS_KEY_ID'),
                    secretAccessKey: ref(secret, 'ACCESS_SECRET_KEY'),
                },
            };
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
        metadata: meta(objectStoreName(inputs.clusterName), inputs.namespace, origin),
        spec: { configuration: storeConfiguration(b), retentionPolicy: b.retention },
    };
}
/** The Cluster's backup wiring: spec.plugins (plugin) or spec.backup (in-core). */
function clusterBackupSpec(inputs, b, method) {
    if (method === 'barman-object-store') {
        return { backup: { barmanObjectStore: storeConfiguration(b), retentionPolicy: b.retention } };
    }
    const parameters = { barmanObjectName: objectStoreName(inputs.clusterName) };
    return { plugins: [{ name: PLUGIN_NAME, enabled: true, isWALArchiver: true, parameters }] };
}
function scheduledBackup(inputs, schedule, method, origin) {
    const how = method === 'plugin'
        ? { method: 'plugin', pluginConfiguration: { name: PLUGIN_NAME } }
        : { method: 'barmanObjectStore' };
    return {
        apiVersion: 'postgresql.cnpg.io/v1',
        kind: 'ScheduledBackup',
        metadata: meta(`${inputs.clusterName}-scheduled`, inputs.namespace, origin),
        spec: {
            schedule,
            cluster: { name: inputs.clusterName },
            backupOwnerReference: 'self',
            immediate: true,
            ...how,
        },
    };
}

;// CONCATENATED MODULE: ./src/cnpg/cluster-schema.ts
let validator;
function ajvClass(mod) {
    const found = mod.Ajv ?? (typeof mod.default === 'function' ? mod.default : mod.default?.Ajv);
    if (!found)
        throw new Error('ajv does not export its class');
    return found;
}
async function compile() {
    const [mod, schema] = await Promise.all([
        __webpack_require__.e(/* import() */ 463).then(__webpack_require__.t.bind(__webpack_require__, 2463, 23)),
        __webpack_require__.e(/* import() */ 880).then(__webpack_require__.t.bind(__webpack_require__, 7880, 19)),
    ]);
    const Ajv = ajvClass(mod);
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    return ajv.compile(schema.default);
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

;// CONCATENATED MODULE: ./src/inputs/parse.ts
class ParseError extends Error {
    example;
    constructor(problem, example) {
        super(problem);
        this.example = example;
    }
}
/** No input may smuggle a newline or another control character into a name or a path. */
function singleLine(raw, example) {
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(raw))
        throw new ParseError('contains a newline or control character', example);
    return raw;
}
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
function clusterName(raw) {
    const example = 'pg-orders';
    singleLine(raw, example);
    if (!DNS1035.test(raw)) {
        throw new ParseError(`'${raw}' is not a DNS-1035 label (lowercase letters, digits and '-', starting with a letter)`, example);
    }
    if (raw.length > 50)
        throw new ParseError(`'${raw}' has ${raw.length} characters; at most 50 keep pod and service names valid`, example);
    return raw;
}
function namespaceName(raw) {
    singleLine(raw, 'cnpg-database');
    if (!DNS1123_LABEL.test(raw) || raw.length > 63) {
        throw new ParseError(`'${raw}' is not a DNS-1123 label of at most 63 characters`, 'cnpg-database');
    }
    return raw;
}
function objectName(raw, example) {
    singleLine(raw, example);
    if (!DNS1123_SUBDOMAIN.test(raw) || raw.length > 253) {
        throw new ParseError(`'${raw}' is not a valid Kubernetes object name (DNS-1123 subdomain)`, example);
    }
    return raw;
}
const RESERVED_DATABASES = new Set(['postgres', 'template0', 'template1']);
function sqlIdentifier(raw, kind, example) {
    singleLine(raw, example);
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) {
        throw new ParseError(`'${raw}' is not a lowercase PostgreSQL identifier of at most 63 characters`, example);
    }
    if (kind === 'database' && RESERVED_DATABASES.has(raw))
        throw new ParseError(`'${raw}' is reserved`, example);
    if (kind === 'role' && (raw === 'postgres' || raw.startsWith('pg_'))) {
        throw new ParseError(`'${raw}' is reserved for PostgreSQL and the operator`, example);
    }
    return raw;
}
const SUFFIX = {
    '': 1,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
};
/** A Kubernetes resource quantity above zero (and at most max): 64Gi, 500Mi, 2, 500m, 1e3. */
function quantity(raw, example, max = Number.MAX_SAFE_INTEGER) {
    singleLine(raw, example);
    const m = /^(\d+(?:\.\d+)?|\.\d+)(?:([eE][-+]?\d+)|(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?)$/.exec(raw);
    if (!m?.[1])
        throw new ParseError(`'${raw}' is not a Kubernetes quantity`, example);
    const value = Number(m[1] + (m[2] ?? '')) * (SUFFIX[m[3] ?? ''] ?? 1);
    if (!(value > 0))
        throw new ParseError(`'${raw}' must be above zero`, example);
    if (!(value <= max))
        throw new ParseError(`'${raw}' is above ${binarySize(max)}`, example);
    return { text: raw, value };
}
/** A size in the largest binary unit that divides it: 2^46 -> 64Ti. */
function binarySize(bytes) {
    const units = ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'];
    const unit = units.find((u) => bytes % (SUFFIX[u] ?? 1) === 0);
    return unit ? `${bytes / (SUFFIX[unit] ?? 1)}${unit}` : String(bytes);
}
function integer(raw, min, max, example) {
    if (!/^\d+$/.test(raw))
        throw new ParseError(`'${singleLine(raw, example)}' is not a whole number`, example);
    const n = Number(raw);
    if (n < min || n > max)
        throw new ParseError(`${n} is out of range ${min}..${max}`, example);
    return n;
}
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** Durations such as 15m, 90s, 1h30m, 500ms; at most maxMs. */
function duration(raw, example = '15m', maxMs = Number.MAX_SAFE_INTEGER) {
    singleLine(raw, example);
    if (!/^(\d+(ms|s|m|h))+$/.test(raw))
        throw new ParseError(`'${raw}' is not a duration of h, m, s or ms`, example);
    let ms = 0;
    for (const [, n, unit] of raw.matchAll(/(\d+)(ms|s|m|h)/g))
        ms += Number(n) * (UNIT_MS[unit ?? ''] ?? 0);
    if (ms <= 0)
        throw new ParseError(`'${raw}' must be longer than zero`, example);
    if (!(ms <= maxMs))
        throw new ParseError(`'${raw}' is longer than ${durationText(maxMs)}`, example);
    return ms;
}
/** 86400000 -> 24h, 90000 -> 90s: the largest unit that divides the duration. */
function durationText(ms) {
    const unit = ['h', 'm', 's'].find((u) => ms % (UNIT_MS[u] ?? 1) === 0) ?? 'ms';
    return `${ms / (UNIT_MS[unit] ?? 1)}${unit}`;
}
/** Exactly what core.getBooleanInput accepts (YAML 1.2 core booleans), nothing else. */
function parse_boolean(raw) {
    if (['true', 'True', 'TRUE'].includes(raw))
        return true;
    if (['false', 'False', 'FALSE'].includes(raw))
        return false;
    throw new ParseError(`'${singleLine(raw, 'true')}' is not a boolean (true or false)`, 'true');
}
function guid(raw) {
    const example = '6b8d3a4e-1f2c-4e5d-9a7b-0c1d2e3f4a5b';
    if (!/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/.test(singleLine(raw, example))) {
        throw new ParseError(`'${raw}' is not a GUID`, example);
    }
    return raw.toLowerCase();
}
const IMAGE = /^([a-z0-9.-]+(:\d+)?\/)?[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
function parse_image(raw) {
    const example = 'ghcr.io/cloudnative-pg/postgresql:18-standard-trixie';
    if (!IMAGE.test(singleLine(raw, example)))
        throw new ParseError(`'${raw}' is not an image reference`, example);
    return raw;
}
function oneOf(raw, values) {
    const found = values.find((v) => v === raw);
    if (found === undefined) {
        throw new ParseError(`'${singleLine(raw, values[0] ?? '')}' is not one of ${values.join(', ')}`, values[0] ?? '');
    }
    return found;
}
/** An https origin (no path), e.g. an authority host or ARM endpoint of a sovereign cloud. */
function httpsOrigin(raw, example) {
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        url = undefined;
    }
    if (url?.protocol !== 'https:')
        throw new ParseError('is not an https URL', example);
    if (url.pathname !== '/' || url.search || url.hash || url.username)
        throw new ParseError('must be an origin without path, query or credentials', example);
    return url.origin;
}

;// CONCATENATED MODULE: ./src/inputs/yaml.ts
// YAML from inputs (overrides, postgresql-parameters) read defensively: a size limit, no
// anchors or aliases (refused from the parser's events, before anything is expanded, so a
// few hundred bytes cannot grow into gigabytes), one document, and no key that could reach
// an object's prototype. Errors give a line and column, never the text of the input.


const MAX_YAML_BYTES = 64 * 1024;
const MAX_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Parses one YAML document of an input, or throws a ParseError that quotes none of it. */
function loadInputYaml(raw, example) {
    const bytes = Buffer.byteLength(raw, 'utf8');
    if (bytes > MAX_YAML_BYTES)
        throw new ParseError(`has ${bytes} bytes; at most 64 KiB are accepted`, example);
    const events = parse(raw, example);
    if (events.some(hasAnchorOrAlias)) {
        throw new ParseError('uses YAML anchors or aliases (&name, *name), which pgha refuses so that no input can expand: write each value out', example);
    }
    let docs;
    try {
        docs = (0,js_yaml/* constructFromEvents */.fw)(events, { source: raw, maxAliases: 0 });
    }
    catch (error) {
        throw new ParseError(`is not valid YAML: ${describe(error)}`, example);
    }
    if (docs.length !== 1)
        throw new ParseError('must be one YAML document', example);
    refuseForbiddenKeys(docs[0], '', example);
    return docs[0];
}
function parse(raw, example) {
    try {
        return (0,js_yaml/* parseEvents */.PH)(raw, { maxDepth: MAX_DEPTH });
    }
    catch (error) {
        throw new ParseError(`is not valid YAML: ${describe(error)}`, example);
    }
}
function hasAnchorOrAlias(event) {
    if (event.type === js_yaml/* EVENT_ID */.hy.ALIAS)
        return true;
    return 'anchorStart' in event && event.anchorStart >= 0;
}
/** The reason and position of a js-yaml error; its message would quote the offending lines. */
function describe(error) {
    if (!(error instanceof js_yaml/* YAMLException */.tB))
        return 'it cannot be parsed';
    const where = error.mark
        ? ` at line ${error.mark.line + 1}, column ${error.mark.column + 1}`
        : '';
    return `${error.reason}${where}`;
}
/** `<<` merge keys are plain keys in the core schema: refuse them as the aliases they need. */
function refuseForbiddenKeys(value, path, example) {
    if (Array.isArray(value)) {
        value.forEach((item, i) => {
            refuseForbiddenKeys(item, `${path}[${i}]`, example);
        });
        return;
    }
    if (value === null || typeof value !== 'object')
        return;
    for (const key of Object.keys(value)) {
        const at = path ? `${path}.${key}` : key;
        if (FORBIDDEN_KEYS.has(key))
            throw new ParseError(`key '${at}' is not allowed (it could reach a prototype)`, example);
        if (key === '<<')
            throw new ParseError(`key '${at}': merge keys (<<) are not supported`, example);
        refuseForbiddenKeys(value[key], at, example);
    }
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./src/inputs/cidr.ts
// allowed-source-ranges: CIDR lists, and the public-access guard over their union. Ranges that
// together cover half or more of the IPv4 space (2^31 addresses, e.g. one /1), or half or
// more of IPv6's global unicast space 2000::/3 (e.g. one 2000::/4), open the database to the
// internet. IPv4-mapped IPv6 ranges (::ffff:0:0/96) count as the IPv4 they map.


const V4_SPACE = 2n ** 32n;
const GLOBAL_UNICAST = { start: 0x2n << 124n, end: 0x4n << 124n };
const V4_MAPPED = { start: 0xffffn << 32n, end: (0xffffn << 32n) + V4_SPACE };
const EXAMPLE = '203.0.113.7/32';
function cidrs(raw, allowPublic) {
    singleLine(raw, EXAMPLE);
    const parsed = raw.split(',').map((part) => parseCidr(part.trim()));
    const reach = publicReach(parsed);
    if (reach && !allowPublic) {
        throw new ParseError(`together these ranges cover half or more of the ${reach}, which opens the database to the internet (public: half or more of the IPv4 space or of the IPv6 global unicast space 2000::/3); set allow-public: true if you mean it`, EXAMPLE);
    }
    return parsed.map((c) => c.text);
}
function parseCidr(cidr) {
    const [ip = '', bits = '', extra] = cidr.split('/');
    const family = ip.includes('%') ? 0 : (0,external_node_net_.isIP)(ip);
    const max = family === 4 ? 32 : family === 6 ? 128 : 0;
    if (!max || extra !== undefined || !/^\d+$/.test(bits) || Number(bits) > max) {
        throw new ParseError(`'${cidr}' is not an IPv4 or IPv6 CIDR`, EXAMPLE);
    }
    const size = 2n ** BigInt(max - Number(bits));
    const address = family === 4 ? ipv4(ip) : ipv6(ip);
    const start = address - (address % size);
    return { text: cidr, family: family === 4 ? 4 : 6, range: { start, end: start + size } };
}
function ipv4(ip) {
    return ip.split('.').reduce((n, octet) => (n << 8n) + BigInt(octet), 0n);
}
function ipv6(ip) {
    const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
    const hex = dotted?.[1] && dotted[2] ? `${dotted[1]}0:0` : ip;
    const [head = '', tail] = hex.split('::');
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
    const value = groups.reduce((n, g) => (n << 16n) + BigInt(`0x${g || '0'}`), 0n);
    return dotted?.[2] ? value + ipv4(dotted[2]) : value;
}
/** Which space the union of the ranges covers half or more of, or undefined. */
function publicReach(list) {
    const v4 = list.filter((c) => c.family === 4).map((c) => c.range);
    const v6 = list.filter((c) => c.family === 6).map((c) => c.range);
    const mapped = v6.flatMap((r) => clip(r, V4_MAPPED)).map((r) => shift(r, -V4_MAPPED.start));
    if (covered([...v4, ...mapped]) * 2n >= V4_SPACE)
        return 'IPv4 space';
    const unicast = v6.flatMap((r) => clip(r, GLOBAL_UNICAST));
    if (covered(unicast) * 2n >= GLOBAL_UNICAST.end - GLOBAL_UNICAST.start)
        return 'IPv6 global unicast space 2000::/3';
    return undefined;
}
function clip(r, to) {
    const start = r.start > to.start ? r.start : to.start;
    const end = r.end < to.end ? r.end : to.end;
    return start < end ? [{ start, end }] : [];
}
const shift = (r, by) => ({ start: r.start + by, end: r.end + by });
/** Addresses in the union of the ranges. */
function covered(ranges) {
    const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    let total = 0n;
    let reached = -1n;
    for (const r of sorted) {
        const from = r.start > reached ? r.start : reached;
        if (r.end > from)
            total += r.end - from;
        if (r.end > reached)
            reached = r.end;
    }
    return total;
}

;// CONCATENATED MODULE: ./src/inputs/parse-deploy.ts
// Parsers of deploy's structured inputs: object store destinations, retention, node
// selectors and YAML maps (CIDR lists are in cidr.ts). Object store URLs are never quoted in
// a message: a credential could hide anywhere in them.



const AZURE_EXAMPLE = 'https://pgbackups.blob.core.windows.net/backups';
const BLOB_HOST = /^([a-z0-9]{3,24})\.blob\.core\.(windows\.net|usgovcloudapi\.net|chinacloudapi\.cn)$/;
const CONTAINER = /^[a-z0-9](-?[a-z0-9]){2,62}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** The sandbox's Azurite serves path-style URLs http://127.0.0.1:<port>/<account>/<container>. */
const AZURITE_HOSTS = new Set(['127.0.0.1', 'localhost']);
const DESTINATION_CREDENTIALS = 'credentials do not belong in the URL: keep a SAS token in a Secret and set backup-credentials: sas-token with backup-credentials-secret (or storage-key, s3-keys or workload identity)';
const ENDPOINT_CREDENTIALS = 'credentials do not belong in the URL: keep the access keys in the Secret named by backup-credentials-secret (keys ACCESS_KEY_ID and ACCESS_SECRET_KEY)';
/** A query string (SAS token, presigned signature), user info or fragment: refused unquoted. */
function refuseCredentials(raw, example, hint) {
    const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/]*)/i.exec(raw)?.[1] ?? '';
    if (raw.includes('?') || raw.includes('#') || authority.includes('@')) {
        throw new ParseError(`has a query string, user info or fragment (?, @ or #), not repeated here: ${hint}`, example);
    }
}
function destination(raw) {
    singleLine(raw, AZURE_EXAMPLE);
    refuseCredentials(raw, AZURE_EXAMPLE, DESTINATION_CREDENTIALS);
    const text = raw.replace(/\/+$/, '');
    if (text.startsWith('s3://'))
        return s3Destination(text);
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new ParseError('is not an Azure Blob URL (https://<account>.blob.core.windows.net/<container>) or an s3:// URL', AZURE_EXAMPLE);
    }
    return azureDestination(url, text);
}
/** Plain http only for the sandbox's Azurite: loopback, with an explicit port. */
function isAzurite(url) {
    return (AZURITE_HOSTS.has(url.hostname) &&
        url.port !== '' &&
        (url.protocol === 'http:' || url.protocol === 'https:'));
}
function azureDestination(url, text) {
    const segments = url.pathname.split('/').filter(Boolean);
    const host = BLOB_HOST.exec(url.hostname);
    const emulator = isAzurite(url);
    const [account, container, ...rest] = host?.[1]
        ? [host[1], ...segments]
        : emulator
            ? segments
            : [];
    if (!account || !container || (url.protocol !== 'https:' && !emulator)) {
        throw new ParseError("is not https://<account>.blob.core.windows.net/<container>[/path] (plain http only for the sandbox's Azurite: http://127.0.0.1:<port>/<account>/<container>)", AZURE_EXAMPLE);
    }
    if (!CONTAINER.test(container))
        throw new ParseError('has no valid container name (3-63 lowercase letters, digits and single hyphens)', AZURE_EXAMPLE);
    const path = rest.length > 0 ? rest.join('/') : undefined;
    return { kind: 'azure', url: text, account, container, ...(path ? { path } : {}) };
}
function s3Destination(text) {
    const [bucket = '', ...rest] = text.slice('s3://'.length).split('/');
    if (!BUCKET.test(bucket) || bucket.includes('..')) {
        throw new ParseError('has no valid S3 bucket name (3-63 lowercase letters, digits, dots and hyphens)', 's3://pg-backups/orders');
    }
    const path = rest.filter(Boolean).join('/');
    return { kind: 's3', url: text, bucket, ...(path ? { path } : {}) };
}
function endpointUrl(raw) {
    const example = 'http://minio.minio:9000';
    singleLine(raw, example);
    refuseCredentials(raw, example, ENDPOINT_CREDENTIALS);
    if (!/^https?:\/\/[^\s/]+(\/.*)?$/.test(raw))
        throw new ParseError('is not an http(s) URL', example);
    return raw.replace(/\/+$/, '');
}
function retention(raw) {
    if (!/^[1-9][0-9]*[dwm]$/.test(singleLine(raw, '7d'))) {
        throw new ParseError(`'${raw}' is not a retention such as 7d, 4w or 3m`, '7d');
    }
    return raw;
}
const LABEL_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
function nodeSelector(raw) {
    const example = 'workload=postgres';
    singleLine(raw, example);
    const out = {};
    for (const pair of raw.split(',').map((p) => p.trim())) {
        const [key = '', value, extra] = pair.split('=');
        if (value === undefined ||
            extra !== undefined ||
            !LABEL_NAME.test(key) ||
            !LABEL_VALUE.test(value)) {
            throw new ParseError(`'${pair}' is not key=value with a valid label key and value`, example);
        }
        out[key] = value;
    }
    return out;
}
function yamlMap(raw, example) {
    const doc = loadInputYaml(raw, example);
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
        throw new ParseError('is not a YAML map', example);
    return doc;
}
/** CloudNativePG's rule for parameter names (a GUC, or a custom one with a single dot), lowercase. */
const PARAMETER_NAME = /^[a-z_][a-z0-9_$]*(\.[a-z_][a-z0-9_$]*)?$/;
/** A YAML map of scalars; values become the strings PostgreSQL expects (booleans on/off). */
function postgresqlParameters(raw) {
    const example = '"max_connections: 200"';
    const out = {};
    for (const [key, value] of Object.entries(yamlMap(raw, example))) {
        if (!PARAMETER_NAME.test(key))
            throw new ParseError(`'${singleLine(key, example)}' is not a parameter name`, example);
        out[key] = scalarText(key, value, example);
    }
    return out;
}
function scalarText(key, value, example) {
    if (typeof value === 'boolean')
        return value ? 'on' : 'off';
    if (typeof value === 'number')
        return String(value);
    if (typeof value === 'string')
        return singleLine(value, example);
    throw new ParseError(`the value of '${key}' is not a scalar`, example);
}
function overrides(raw) {
    return yamlMap(raw, '"enablePDB: false"');
}

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
    const invalid = names.filter((n) => !PARAMETER_NAME.test(n));
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
        .find((p) => p.name === PLUGIN_NAME && p.isWALArchiver === true && p.enabled !== false);
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
    const problems = await clusterSpecSchemaProblems(spec);
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
        ? { [WORKLOAD_IDENTITY_LABEL]: 'true' }
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
                labels: { [WORKLOAD_IDENTITY_LABEL]: 'true' },
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
        metadata: meta(inputs.clusterName, inputs.namespace, origin),
        spec: inputs.overrides ? applyOverrides(spec, inputs.overrides, method) : spec,
    };
}

;// CONCATENATED MODULE: ./src/cnpg/extras.ts


const extras_instanceSelector = (cluster) => ({
    'cnpg.io/cluster': cluster,
    'cnpg.io/podRole': 'instance',
});
function podMonitors(inputs, origin) {
    const out = [];
    const endpoints = [{ port: 'metrics' }];
    const selector = extras_instanceSelector(inputs.clusterName);
    if (inputs.monitoring === 'podmonitor' || inputs.monitoring === 'both') {
        out.push({
            apiVersion: 'monitoring.coreos.com/v1',
            kind: 'PodMonitor',
            metadata: meta(inputs.clusterName, inputs.namespace, origin),
            spec: { selector: { matchLabels: selector }, podMetricsEndpoints: endpoints },
        });
    }
    if (inputs.monitoring === 'managed-prometheus' || inputs.monitoring === 'both') {
        const azure = { [WORKLOAD_IDENTITY_LABEL]: 'true' };
        out.push({
            apiVersion: 'azmonitoring.coreos.com/v1',
            kind: 'PodMonitor',
            metadata: meta(`${inputs.clusterName}-azmon`, inputs.namespace, origin, { labels: azure }),
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
            metadata: meta(`${inputs.clusterName}-pooler-${inputs.pooler}`, inputs.namespace, origin),
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
        metadata: meta(`${inputs.clusterName}-${role}-lb`, inputs.namespace, origin, annotations ? { annotations } : {}),
        spec: {
            type: 'LoadBalancer',
            ports: [{ name: 'postgres', protocol: 'TCP', port, targetPort: 5432 }],
            selector: { ...extras_instanceSelector(inputs.clusterName), 'cnpg.io/instanceRole': instanceRole },
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
    ];
    return { objects, yaml: toYaml(objects), parameters, sizingNote: sizingNote(inputs) };
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

;// CONCATENATED MODULE: ./src/kube/watch.ts

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 4000;
/** A watch that ends sooner than this without delivering a change ended "at once". */
const SHORT_WATCH_MS = 2000;
/** Delay before the next watch after `attempt` broken ones in a row: [cap/2, cap], cap doubling. */
function watchBackoff(attempt, random = Math.random) {
    const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
    return Math.round(cap / 2 + (random() * cap) / 2);
}
class WatchTimeout extends Error {
    name = 'WatchTimeout';
    last;
    constructor(what, last) {
        super(`timed out waiting for ${what}`);
        this.last = last;
    }
}
async function waitFor(http, target, hooks) {
    const now = hooks.now ?? Date.now;
    const fieldSelector = `metadata.name=${target.name}`;
    let last;
    let resourceVersion;
    let failures = 0;
    let broken = 0;
    for (;;) {
        if (now() >= hooks.deadline)
            throw new WatchTimeout(target.what, last);
        try {
            if (resourceVersion === undefined) {
                const list = await http.json({
                    method: 'GET',
                    path: target.collection,
                    query: { fieldSelector },
                    context: `listing ${target.what}`,
                });
                last = list.body.items[0];
                resourceVersion = list.body.metadata.resourceVersion;
                const done = hooks.check(last);
                if (done !== undefined)
                    return done;
            }
            const opened = now();
            const outcome = await watchOnce(http, target, fieldSelector, resourceVersion, hooks, now);
            failures = 0;
            if (outcome.kind === 'done')
                return outcome.value;
            last = outcome.last ?? last;
            resourceVersion = outcome.resourceVersion;
            if (outcome.reason === 'deadline')
                continue;
            hooks.onReconnect?.(outcome.reason);
            const atOnce = outcome.changes === 0 && now() - opened < SHORT_WATCH_MS;
            broken = outcome.error || atOnce ? broken + 1 : 0;
            if (broken > 0)
                await pause(watchBackoff(broken, hooks.random), hooks.deadline, now);
        }
        catch (error) {
            failures++;
            const delay = http.retryDelay(error, failures);
            if (delay === undefined)
                throw error;
            hooks.onReconnect?.(error instanceof Error ? error.message : String(error));
            await pause(delay, hooks.deadline, now);
        }
    }
}
/** Waits ms, but not past the deadline. */
function pause(ms, deadline, now) {
    return new Promise((r) => setTimeout(r, Math.min(ms, Math.max(0, deadline - now()))));
}
/** One watch connection, until the predicate holds, the stream ends, or the deadline. */
async function watchOnce(http, target, fieldSelector, resourceVersion, hooks, now) {
    const controller = new AbortController();
    const remaining = Math.max(1, Math.ceil((hooks.deadline - now()) / 1000));
    const timer = setTimeout(() => {
        controller.abort();
    }, hooks.deadline - now());
    try {
        const res = await http.stream(target.collection, {
            watch: 'true',
            fieldSelector,
            resourceVersion,
            allowWatchBookmarks: 'true',
            timeoutSeconds: String(Math.min(remaining, 300)),
        }, controller.signal);
        if ((res.statusCode ?? 0) >= 400)
            throw await statusError(res, target.what);
        return await readEvents(res, resourceVersion, hooks);
    }
    catch (error) {
        if (controller.signal.aborted)
            return { kind: 'ended', reason: 'deadline', resourceVersion, changes: 0, error: false };
        throw error;
    }
    finally {
        clearTimeout(timer);
        controller.abort();
    }
}
async function readEvents(res, startVersion, hooks) {
    let version = startVersion;
    let last;
    let changes = 0;
    let buffer = '';
    try {
        for await (const chunk of res) {
            buffer += String(chunk);
            let newline;
            while ((newline = buffer.indexOf('\n')) >= 0) {
                const line = buffer.slice(0, newline).trim();
                buffer = buffer.slice(newline + 1);
                if (!line)
                    continue;
                const event = JSON.parse(line);
                if (event.type === 'ERROR') {
                    // 410 Gone: the version is too old; list again.
                    const gone = event.object.code === 410;
                    return {
                        kind: 'ended',
                        reason: event.object.message ?? 'watch error',
                        resourceVersion: gone ? undefined : version,
                        changes,
                        error: true,
                    };
                }
                version = event.object.metadata.resourceVersion ?? version;
                if (event.type === 'BOOKMARK')
                    continue;
                changes++;
                last = event.type === 'DELETED' ? undefined : event.object;
                const done = hooks.check(last);
                if (done !== undefined)
                    return { kind: 'done', value: done };
            }
        }
    }
    catch (error) {
        return {
            kind: 'ended',
            reason: `watch connection lost (${String(error)})`,
            resourceVersion: version,
            ...(last ? { last } : {}),
            changes,
            error: false,
        };
    }
    return {
        kind: 'ended',
        reason: 'watch connection closed',
        resourceVersion: version,
        ...(last ? { last } : {}),
        changes,
        error: false,
    };
}
async function statusError(res, what) {
    let text = '';
    for await (const chunk of res)
        text += String(chunk);
    const retryAfter = res.headers['retry-after'];
    return kubeApiError(res.statusCode ?? 0, text, `watching ${what}`, typeof retryAfter === 'string' ? retryAfter : undefined);
}

;// CONCATENATED MODULE: ./src/cnpg/diagnostics.ts


/** A plain-text report for the failure; never throws (diagnostics are best effort). */
async function gatherDiagnostics(http, namespace, cluster, last) {
    const lines = clusterLines(cluster, last);
    try {
        const pods = await listInstances(http, namespace, cluster);
        if (pods.length === 0)
            lines.push('Instance pods: none');
        for (const p of pods)
            lines.push(`  pod ${p.name}: ${p.phase}${p.ready ? ', ready' : ', not ready'}${p.role ? `, ${p.role}` : ''}${p.detail ? ` (${(0,log_safety/* oneLine */.T)(p.detail)})` : ''}`);
        const events = await recentEvents(http, namespace, [cluster, ...pods.map((p) => p.name)]);
        if (events.length > 0)
            lines.push('Recent events:');
        for (const e of events)
            lines.push(`  ${e}`);
    }
    catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        lines.push(`(could not read pods or events: ${(0,log_safety/* oneLine */.T)(text)})`);
    }
    return lines.join('\n');
}
function clusterLines(cluster, last) {
    const status = (last?.status ?? {});
    const lines = [
        last
            ? `Cluster ${cluster}: phase '${(0,log_safety/* oneLine */.T)(status.phase ?? '(none)')}'${status.phaseReason ? ` (${(0,log_safety/* oneLine */.T)(status.phaseReason)})` : ''}, readyInstances ${status.readyInstances ?? 0}`
            : `Cluster ${cluster}: not found`,
    ];
    for (const c of status.conditions ?? [])
        lines.push(`  condition ${(0,log_safety/* oneLine */.T)(c.type)}=${(0,log_safety/* oneLine */.T)(c.status)}${c.reason ? ` ${(0,log_safety/* oneLine */.T)(c.reason)}` : ''}${c.message ? `: ${(0,log_safety/* oneLine */.T)(c.message)}` : ''}`);
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
        .map((e) => (0,log_safety/* oneLine */.T)(`${time(e)} ${e.type ?? ''} ${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''} ${e.reason ?? ''}: ${e.message ?? ''}`));
}
function time(e) {
    return e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '';
}

;// CONCATENATED MODULE: ./src/cnpg/health.ts
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
            lines.push(`phase: ${(0,log_safety/* oneLine */.T)(s.phase ?? '(no phase yet)')}${s.phaseReason ? ` (${(0,log_safety/* oneLine */.T)(s.phaseReason)})` : ''}`);
        }
        const want = cluster.spec?.instances ?? s.instances ?? 0;
        const healthy = s.instancesStatus?.healthy ?? [];
        for (const name of healthy) {
            if (this.#ready.has(name))
                continue;
            this.#ready.add(name);
            lines.push(`instance ${(0,log_safety/* oneLine */.T)(name)} ready (${this.#ready.size}/${want})`);
        }
        for (const name of [...this.#ready])
            if (!healthy.includes(name))
                this.#ready.delete(name);
        if (s.currentPrimary && s.currentPrimary !== this.#primary) {
            this.#primary = s.currentPrimary;
            lines.push(`primary: ${(0,log_safety/* oneLine */.T)(s.currentPrimary)}${s.timelineID ? ` (timeline ${s.timelineID})` : ''}`);
        }
        return lines;
    }
    #set(phase, line) {
        this.#phase = phase;
        return [line];
    }
}

;// CONCATENATED MODULE: ./src/cnpg/wait.ts
// Waiting until a CNPG Cluster is healthy: a watch on the Cluster with a progress line for
// each phase change, ready instance and new primary; on timeout, the diagnostics of what is
// still wrong (phase, conditions, pods, events) in a DiagnosedError.





async function waitHealthy(http, o) {
    const progress = new ProgressTracker();
    const started = o.now();
    try {
        return await waitFor(http, {
            collection: collectionPath(CNPG_CLUSTER.apiVersion, CNPG_CLUSTER.kind, o.namespace),
            name: o.name,
            what: `Cluster ${o.name} to be healthy`,
        }, {
            deadline: o.deadline,
            now: o.now,
            check: (obj) => {
                const view = obj;
                for (const line of progress.update(view))
                    o.logger.info(line);
                return isHealthy(view) ? view : undefined;
            },
            onReconnect: (reason) => {
                o.logger.info(`Watch interrupted (${reason}); resuming`);
            },
        });
    }
    catch (error) {
        if (!(error instanceof WatchTimeout))
            throw error;
        const wanted = error.last?.spec?.instances;
        const diagnostics = await gatherDiagnostics(http, o.namespace, o.name, error.last);
        throw new errors/* DiagnosedError */.xB(`Cluster ${o.name} did not reach '${HEALTHY_PHASE}'${wanted === undefined ? '' : ` with ${wanted} ready instances`} within ${Math.round((o.now() - started) / 1000)} s (input 'timeout')`, diagnostics, { cause: error });
    }
}

;// CONCATENATED MODULE: ./src/inputs/parse-cron.ts
// ScheduledBackup schedules: CNPG reads robfig/cron with a leading seconds field. A five-field
// Unix cron is accepted by CNPG but silently means something else (`0 0 * * *` runs hourly),
// so it is refused here with the six-field form of what the user probably meant.

const MONTHS = 'JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC';
const DAYS = 'SUN|MON|TUE|WED|THU|FRI|SAT';
const FIELDS = [
    { name: 'second', min: 0, max: 59 },
    { name: 'minute', min: 0, max: 59 },
    { name: 'hour', min: 0, max: 23 },
    { name: 'day of month', min: 1, max: 31, question: true },
    { name: 'month', min: 1, max: 12, names: MONTHS },
    { name: 'day of week', min: 0, max: 6, names: DAYS, question: true },
];
const DESCRIPTORS = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/;
const parse_cron_EXAMPLE = '0 0 0 * * *';
/** Returns the schedule, or undefined for `none`. */
function schedule(raw) {
    singleLine(raw, parse_cron_EXAMPLE);
    if (raw === 'none')
        return undefined;
    if (DESCRIPTORS.test(raw) || /^@every (\d+(ms|s|m|h))+$/.test(raw))
        return raw;
    const fields = raw.split(/\s+/);
    if (fields.length === 5) {
        throw new ParseError(`'${raw}' has five fields, but CNPG reads the first as seconds, so it would run at another time (e.g. '0 0 * * *' runs hourly); write six fields, seconds first: '0 ${raw}'`, parse_cron_EXAMPLE);
    }
    if (fields.length !== 6)
        throw new ParseError(`'${raw}' must have six fields: second minute hour day month weekday`, parse_cron_EXAMPLE);
    fields.forEach((f, i) => {
        checkField(f, FIELDS[i]);
    });
    return raw;
}
function checkField(text, field) {
    if (field.question && text === '?')
        return;
    for (const part of text.split(',')) {
        const m = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(part);
        if (!m?.[1] || (m[2] !== undefined && Number(m[2]) === 0))
            throw bad(text, field);
        if (m[1] === '*')
            continue;
        for (const v of m[1].split('-')) {
            const n = value(v, field);
            if (n === undefined || n < field.min || n > field.max)
                throw bad(text, field);
        }
    }
}
function value(text, field) {
    if (/^\d+$/.test(text))
        return Number(text);
    const names = field.names?.split('|') ?? [];
    const at = names.indexOf(text.toUpperCase());
    if (at < 0)
        return undefined;
    return field.min + at;
}
function bad(text, field) {
    return new ParseError(`'${text}' is not a valid ${field.name} (${field.min}-${field.max})`, parse_cron_EXAMPLE);
}

// EXTERNAL MODULE: ./src/inputs/spec.ts
var spec = __webpack_require__(7026);
;// CONCATENATED MODULE: ./src/inputs/read.ts
// Readers: every input read once into one deep-frozen typed object before any network call.
// Every problem is collected and reported at once as an InputError.



/**
 * Reads raw values (the spec's default when empty) and collects problems by input name.
 * Names are typed from the spec, so a misspelt input does not compile; defaults come only
 * from the spec.
 */
class InputReader {
    problems = [];
    #get;
    #specs;
    constructor(get, specs) {
        this.#get = get;
        this.#specs = specs;
    }
    raw(name) {
        const value = this.#get(name).trim();
        return value === '' ? (this.#specs[name]?.default ?? '') : value;
    }
    /** Parses a set input; returns undefined when it is empty or bad (bad ones are recorded). */
    optional(name, parse) {
        const raw = this.raw(name);
        return raw === '' ? undefined : this.attempt(name, () => parse(raw));
    }
    required(name, parse, example) {
        if (this.raw(name) === '')
            this.problem(name, 'is required', example);
        return this.optional(name, parse);
    }
    /**
     * An input with a default in the spec: its value; when the value is bad (recorded), the
     * spec default's, so that later checks see a plausible value.
     */
    value(name, parse) {
        const parsed = this.optional(name, parse);
        if (parsed !== undefined)
            return parsed;
        const fallback = this.#specs[name]?.default;
        if (fallback === undefined)
            throw new Error(`input ${name} has no default in the spec`);
        return parse(fallback);
    }
    attempt(name, fn) {
        try {
            return fn();
        }
        catch (e) {
            if (!(e instanceof ParseError))
                throw e;
            this.problem(name, e.message, e.example);
            return undefined;
        }
    }
    problem(input, problem, example) {
        this.problems.push({ input, problem, example });
    }
    /** Throws every recorded problem at once, else returns the value deep-frozen. */
    finish(value) {
        if (this.problems.length > 0)
            throw new errors/* InputError */.dz(this.problems);
        return deepFreeze(value);
    }
}
/** A reader for the inputs of one spec: names and defaulted names typed from it. */
function inputReader(get, specs) {
    return new InputReader(get, specs);
}
function deepFreeze(value) {
    if (value && typeof value === 'object') {
        Object.values(value).forEach((v) => deepFreeze(v));
        Object.freeze(value);
    }
    return value;
}
const AZURE = ['azure-client-id', 'azure-tenant-id', 'azure-subscription-id'];
/** A step that runs longer is stuck; GitHub-hosted jobs stop after 6 h anyway. */
const MAX_TIMEOUT_MS = 24 * 3_600_000;
function readShared(r) {
    const [clientId, tenantId, subscriptionId] = AZURE.map((n) => r.optional(n, guid));
    const resourceGroup = r.optional('resource-group', (v) => singleLine(v, 'rg-pg'));
    const aksCluster = r.optional('aks-cluster', (v) => singleLine(v, 'aks-pg'));
    const kubeconfig = r.raw('kubeconfig') || undefined;
    checkAzureCombination(r, {
        clientId,
        tenantId,
        subscriptionId,
        resourceGroup,
        aksCluster,
        kubeconfig,
    });
    const admin = r.value('aks-admin', parse_boolean);
    return {
        kubeconfig,
        context: r.optional('context', (v) => singleLine(v, 'aks-pg')),
        azure: clientId && tenantId && subscriptionId ? { clientId, tenantId, subscriptionId } : undefined,
        aks: resourceGroup && aksCluster ? { resourceGroup, cluster: aksCluster, admin } : undefined,
        authorityHost: r.value('azure-authority-host', (v) => httpsOrigin(v, 'https://login.microsoftonline.us')),
        armEndpoint: r.value('arm-endpoint', (v) => httpsOrigin(v, 'https://management.usgovcloudapi.net')),
        writeKubeconfig: r.value('write-kubeconfig', parse_boolean),
        namespace: r.value('namespace', namespaceName),
        clusterName: r.required('cluster-name', clusterName, 'pg-orders'),
        timeoutMs: r.value('timeout', (v) => duration(v, '15m', MAX_TIMEOUT_MS)),
    };
}
function checkAzureCombination(r, a) {
    const login = [a.clientId, a.tenantId, a.subscriptionId].filter((v) => v !== undefined).length;
    const example = 'all three of azure-client-id, azure-tenant-id and azure-subscription-id';
    if (login > 0 && login < 3 && r.problems.every((p) => !p.input.startsWith('azure-'))) {
        r.problem('azure-client-id', 'the Azure login needs all three Azure IDs or none', example);
    }
    if ((a.resourceGroup === undefined) !== (a.aksCluster === undefined)) {
        r.problem('aks-cluster', 'resource-group and aks-cluster go together', 'resource-group: rg-pg with aks-cluster: aks-pg');
    }
    if (a.aksCluster !== undefined && login === 0) {
        r.problem('aks-cluster', 'fetching AKS credentials needs the Azure login inputs', example);
    }
    if (a.kubeconfig !== undefined && a.aksCluster !== undefined) {
        r.problem('kubeconfig', 'give either kubeconfig or an AKS cluster, not both', 'only aks-cluster: aks-pg');
    }
}
function readSharedInputs(get) {
    const r = inputReader(get, SHARED_INPUTS);
    return r.finish(readShared(r));
}

;// CONCATENATED MODULE: ./src/inputs/types.ts
// Typed, validated inputs. Readers in this folder produce these frozen objects before any
// network call; renderers and actions consume only these types, never raw strings.
const BACKUP_CREDENTIALS = [
    'workload-identity',
    'storage-key',
    'sas-token',
    's3-keys',
    'iam-role',
];
const BACKUP_METHODS = ['auto', 'plugin', 'barman-object-store'];
const MONITORING = ['podmonitor', 'managed-prometheus', 'both', 'none'];
const POOLER = ['none', 'rw', 'ro'];
const POOLER_MODES = ['session', 'transaction'];
const EXPOSE = ['none', 'rw', 'ro', 'both'];

;// CONCATENATED MODULE: ./src/inputs/read-deploy.ts
// deploy's inputs, read and cross-checked into one frozen DeployInputs.






/** Larger sizes of memory or volumes are typos, not plans (the largest Azure VM has 12Ti). */
const MAX_SIZE_BYTES = 64 * 2 ** 40;
const read_deploy_size = (example) => (v) => quantity(v, example, MAX_SIZE_BYTES);
function readDeployInputs(get) {
    const r = inputReader(get, spec/* ACTIONS */.kl.deploy.inputs);
    const instances = r.value('instances', (v) => integer(v, 1, 10, '3'));
    const memory = r.value('memory', read_deploy_size('8Gi'));
    const allowPublic = r.value('allow-public', parse_boolean);
    const expose = r.value('expose', (v) => oneOf(v, EXPOSE));
    const workloadIdentityClientId = r.optional('workload-identity-client-id', guid);
    const inputs = {
        ...readShared(r),
        instances,
        postgresImage: r.optional('postgres-image', parse_image),
        storageClass: r.optional('storage-class', (v) => objectName(v, 'managed-csi-premium')),
        storageSize: r.value('storage-size', read_deploy_size('64Gi')),
        walStorageSize: r.optional('wal-storage-size', read_deploy_size('16Gi')),
        cpu: r.value('cpu', (v) => quantity(v, '2')),
        memory,
        nodeMemory: readNodeMemory(r, memory),
        postgresqlParameters: r.optional('postgresql-parameters', postgresqlParameters) ?? {},
        database: r.value('database', (v) => sqlIdentifier(v, 'database', 'appdb')),
        owner: r.value('owner', (v) => sqlIdentifier(v, 'role', 'app')),
        appSecret: r.value('app-secret', (v) => objectName(v, 'db-user-pass')),
        syncReplicas: syncReplicas(r, instances),
        workloadIdentityClientId,
        dnsLabel: r.optional('dns-label', dnsLabel),
        backup: readBackup(r, workloadIdentityClientId),
        backupMethod: r.value('backup-method', (v) => oneOf(v, BACKUP_METHODS)),
        monitoring: r.value('monitoring', (v) => oneOf(v, MONITORING)),
        nodeSelector: r.optional('node-selector', nodeSelector) ?? {},
        pooler: r.value('pooler', (v) => oneOf(v, POOLER)),
        poolerMode: r.value('pooler-mode', (v) => oneOf(v, POOLER_MODES)),
        expose,
        allowedSourceRanges: readRanges(r, expose, allowPublic),
        overrides: r.optional('overrides', overrides),
        identity: readIdentity(r),
        forceConflicts: r.value('force-conflicts', parse_boolean),
        dryRun: readDryRun(r),
        renderOnly: r.value('render-only', parse_boolean),
        manifestsDir: r.optional('manifests-dir', (v) => singleLine(v, '${{ runner.temp }}/manifests')),
    };
    return r.finish(inputs);
}
function readIdentity(r) {
    const name = r.optional('identity-name', (v) => armName(v, 'id-pg-backup'));
    const group = r.optional('identity-resource-group', (v) => armName(v, 'rg-pg'));
    if (name === undefined) {
        if (group !== undefined)
            r.problem('identity-resource-group', 'is set without identity-name', 'identity-name: id-pg-backup');
        return undefined;
    }
    const aks = r.raw('aks-cluster') !== '' && r.raw('azure-client-id') !== '';
    if (!aks) {
        r.problem('identity-name', 'the federated credential needs the Azure login and aks-cluster (its OIDC issuer)', 'azure-client-id, azure-tenant-id, azure-subscription-id, resource-group and aks-cluster');
        return undefined;
    }
    const resourceGroup = group ?? r.raw('resource-group');
    return { name, resourceGroup };
}
function readDryRun(r) {
    const dryRun = r.value('dry-run', parse_boolean);
    if (dryRun && r.raw('render-only') === 'true')
        r.problem('dry-run', 'needs a cluster, and render-only contacts none', 'dry-run: true with render-only: false');
    return dryRun;
}
/** Azure resource names: letters, digits, '-', '_', '.', '(' , ')' ; at most 90 characters. */
function armName(raw, example) {
    if (!/^[-\w.()]{1,90}$/.test(raw) || raw.endsWith('.'))
        throw new ParseError('is not an Azure resource name (letters, digits, - _ . ( ))', example);
    return raw;
}
/** The node PostgreSQL is sized for holds the pod: node-memory below memory is refused. */
function readNodeMemory(r, memory) {
    const node = r.optional('node-memory', read_deploy_size('16Gi'));
    if (node && memory && node.value < memory.value) {
        r.problem('node-memory', `${node.text} is less than memory (${memory.text}): the node cannot be smaller than the pod`, twice(memory).text);
    }
    return node ?? twice(memory);
}
function twice(memory) {
    const m = /^(\d+)(.*)$/.exec(memory?.text ?? '');
    const value = 2 * (memory?.value ?? 0);
    return m?.[1]
        ? { text: `${2 * Number(m[1])}${m[2] ?? ''}`, value }
        : { text: String(value), value };
}
function syncReplicas(r, instances) {
    const n = r.value('sync-replicas', (v) => integer(v, 0, 9, '1'));
    if (n >= instances) {
        r.problem('sync-replicas', `${n} must be less than instances (${instances}): a commit would wait for standbys that do not exist`, `${Math.max(0, instances - 1)}`);
    }
    return n;
}
function dnsLabel(raw) {
    return objectName(raw, 'pg-orders-prod');
}
function readRanges(r, expose, allowPublic) {
    const ranges = r.optional('allowed-source-ranges', (v) => cidrs(v, allowPublic)) ?? [];
    if (expose !== 'none' && ranges.length === 0 && r.raw('allowed-source-ranges') === '') {
        r.problem('allowed-source-ranges', `is required with expose: ${expose}`, '203.0.113.7/32');
    }
    return ranges;
}
const AZURE_KINDS = [
    'workload-identity',
    'storage-key',
    'sas-token',
];
const SECRET_KINDS = ['storage-key', 'sas-token', 's3-keys'];
function readBackup(r, workloadClientId) {
    const dest = r.optional('backup-destination', destination);
    const endpoint = r.optional('backup-endpoint-url', endpointUrl);
    const retentionPolicy = r.value('backup-retention', retention);
    const cron = r.attempt('backup-schedule', () => schedule(r.raw('backup-schedule')));
    const requested = r.value('backup-credentials', (v) => oneOf(v, ['auto', ...BACKUP_CREDENTIALS]));
    const secret = r.optional('backup-credentials-secret', (v) => objectName(v, 'pg-backup-creds'));
    if (!dest)
        return undefined;
    if (endpoint && dest.kind !== 's3')
        r.problem('backup-endpoint-url', 'only applies to s3:// destinations', 's3://pg-backups with http://minio.minio:9000');
    const credentials = resolveCredentials(requested, dest.kind);
    checkCredentials(r, credentials, dest.kind, secret, workloadClientId);
    const destinationWithEndpoint = dest.kind === 's3' && endpoint ? { ...dest, endpointUrl: endpoint } : dest;
    return {
        destination: destinationWithEndpoint,
        credentials,
        ...(secret ? { credentialsSecret: secret } : {}),
        retention: retentionPolicy,
        ...(cron ? { schedule: cron } : {}),
    };
}
function resolveCredentials(requested, kind) {
    if (requested === 'auto')
        return kind === 'azure' ? 'workload-identity' : 's3-keys';
    return requested;
}
function checkCredentials(r, credentials, kind, secret, workloadClientId) {
    if (AZURE_KINDS.includes(credentials) !== (kind === 'azure')) {
        r.problem('backup-credentials', `${credentials} does not apply to a ${kind} destination`, kind === 'azure' ? 'workload-identity' : 's3-keys');
    }
    if (SECRET_KINDS.includes(credentials) && !secret) {
        r.problem('backup-credentials-secret', `is required with backup-credentials: ${credentials}`, 'pg-backup-creds');
    }
    if (credentials === 'workload-identity' && !workloadClientId) {
        r.problem('workload-identity-client-id', 'is required for backups with workload identity (the default for Azure Blob)', '6b8d3a4e-1f2c-4e5d-9a7b-0c1d2e3f4a5b');
    }
}

;// CONCATENATED MODULE: ./src/report/markdown.ts
// Small helpers to build job-summary Markdown/HTML from typed results. Every user-supplied
// string goes through escapeHtml, so that a cluster or image name cannot inject markup.
function escapeHtml(text) {
    return text
        .replaceAll('&', '&amp;')
        .replaceAll('<', '&lt;')
        .replaceAll('>', '&gt;')
        .replaceAll('"', '&quot;')
        .replaceAll('|', '&#124;');
}
function code(text) {
    return `<code>${escapeHtml(text)}</code>`;
}
/** An HTML table (GitHub renders it in summaries); cells are escaped unless marked raw. */
function table(header, rows) {
    const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
    const body = rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('');
    return `<table>${head}${body}</table>\n`;
}
function cell(c) {
    if (typeof c === 'number')
        return String(c);
    return typeof c === 'string' ? escapeHtml(c) : c.raw;
}
function formatSeconds(ms) {
    return `${(ms / 1000).toFixed(1)} s`;
}

;// CONCATENATED MODULE: ./src/report/step-summary.ts

const MARK = { done: '✅', failed: '❌', cancelled: '⏹️' };
function phasesTable(phases, extra = []) {
    return table(['phase', 'result', 'time'], [
        ...phases.map((p) => [p.title, `${MARK[p.outcome]} ${p.outcome}`, formatSeconds(p.ms)]),
        ...extra.map(([what, time]) => [what, '', time]),
    ]);
}
/** The failure, for a person: what failed, where, and what was seen. */
function failureSection(failure) {
    const where = failure.phase ? ` in phase <b>${escapeHtml(failure.phase)}</b>` : '';
    const head = failure.cancelled
        ? `The run was cancelled${where}.`
        : `Failed${where}: ${escapeHtml(failure.message)}`;
    const details = failure.diagnostics
        ? `\n<details open><summary>Diagnostics</summary>\n\n<pre>${escapeHtml(failure.diagnostics)}</pre>\n</details>\n`
        : '';
    return `> [!CAUTION]\n> ${head.replaceAll('\n', '\n> ')}\n${details}`;
}

;// CONCATENATED MODULE: ./src/report/deploy-applied-summary.ts


function appliedSummary(facts, phases) {
    const r = complete(facts);
    if (!r)
        return '';
    const { inputs } = r;
    const title = inputs.dryRun
        ? `## pgha deploy: ${escapeHtml(inputs.clusterName)} (dry run, nothing written)\n`
        : `## pgha deploy: ${escapeHtml(inputs.clusterName)} is healthy\n`;
    const parts = [title, headline(r), '### Objects\n', objectsTable(r)];
    if (r.identity)
        parts.push(`Federated credential ${code(r.identity.name)} of managed identity ${code(r.identity.identity)} for ${code(r.identity.subject)}: ${escapeHtml(r.identity.change)}.\n`);
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
        : ` Healthy ${r.readySeconds.toFixed(1)} s after the first request, primary ${code(r.primary ?? '')}.`;
    return `API server ${code(r.server)}, namespace ${code(r.inputs.namespace)}: ${escapeHtml(list || 'no objects')}.${ready} ${r.requests} API requests. Backups: ${code(r.inputs.backup ? r.backup.method : 'none')}${r.inputs.backup ? ` (${escapeHtml(r.backup.reason)})` : ''}. Manifests: ${code(r.file)}.\n`;
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
    return table(['kind', 'name', 'result', 'changed fields'], objectRows(r));
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
    return table(['instance', 'role', 'ready', 'node', 'zone'], pods.map((p) => [p.name, p.role, p.ready ? 'yes' : 'no', p.node ?? '', p.zone ?? 'unknown']));
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
    return phasesTable(phases, total);
}
function connectSection(r) {
    const { clusterName: c, namespace: ns, appSecret, database } = r.inputs;
    return [
        table(['what', 'value'], [
            ['read-write service', `${c}-rw.${ns}.svc:5432`],
            ['read-only service', `${c}-ro.${ns}.svc:5432`],
            ['database', database],
            ['credentials', `Secret ${appSecret} (keys username, password)`],
        ]),
        `From a workstation: ${code(`kubectl -n ${ns} port-forward svc/${c}-rw 5432:5432`)}, with the password from ${code(`kubectl -n ${ns} get secret ${appSecret} -o jsonpath='{.data.password}' | base64 -d`)}.\n`,
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
        `## pgha deploy: ${escapeHtml(name)} ${failure.cancelled ? 'was cancelled' : 'failed'}\n`,
        failureSection(failure),
        '### Phases\n',
        phasesTable(result.phases),
        ...(applied.length > 0
            ? [
                '### Applied before the failure\n',
                table(['kind', 'name', 'result'], applied.map((r) => [r.kind, r.name, r.action])),
            ]
            : []),
    ].join('\n');
}
function renderOnlySummary(r) {
    const { inputs } = r;
    return [
        `## pgha deploy: ${escapeHtml(inputs.clusterName)} (render only)\n`,
        `Rendered ${r.rendered.objects.length} objects for namespace ${code(inputs.namespace)} into ${code(r.file)}. Nothing was applied.\n`,
        topology(inputs),
        '### Objects\n',
        table(['kind', 'name', 'apiVersion'], r.rendered.objects.map((o) => [o.kind, o.metadata.name, o.apiVersion])),
        '### Backups\n',
        backupLine(r),
        '### PostgreSQL parameters\n',
        `${escapeHtml(r.rendered.sizingNote)}\n\n`,
        table(['parameter', 'value'], Object.entries(r.rendered.parameters).map(([k, v]) => [k, v])),
    ].join('\n');
}
function backupLine(r) {
    const b = r.inputs.backup;
    if (!b)
        return 'No `backup-destination`: no WAL archiving and no backups.\n';
    const schedule = b.schedule ? code(b.schedule) : 'none';
    return table(['setting', 'value'], [
        ['method', { raw: `${code(r.backup.method)}: ${escapeHtml(r.backup.reason)}` }],
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
var action = __webpack_require__(3312);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/kube/kubeconfig-secrets.ts
/** Names of config keys, env variables and flags whose value is a credential. */
const SECRET_NAME = /token|secret|password|passwd|credential|key/i;
const kubeconfig_secrets_isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const kubeconfig_secrets_text = (v) => (typeof v === 'string' && v !== '' ? [v] : []);
/** The lines of a base64 PEM's body, long enough not to mask ordinary words. */
function pemBodyLines(base64) {
    const pem = Buffer.from(base64, 'base64').toString('utf8');
    return pem.split(/\r?\n/).filter((line) => line.length >= 16 && !line.startsWith('-----'));
}
function providerSecrets(config) {
    if (!kubeconfig_secrets_isMap(config))
        return [];
    return Object.entries(config)
        .filter(([key]) => SECRET_NAME.test(key))
        .flatMap(([, value]) => kubeconfig_secrets_text(value));
}
/** `--token value`, `--client-secret=value` and env entries named like secrets. */
function execSecrets(exec) {
    if (!kubeconfig_secrets_isMap(exec))
        return [];
    const out = [];
    const args = Array.isArray(exec.args) ? exec.args : [];
    args.forEach((arg, i) => {
        if (typeof arg !== 'string' || !arg.startsWith('-'))
            return;
        const [flag = '', inline] = arg.split(/=(.*)/s);
        if (!SECRET_NAME.test(flag))
            return;
        out.push(...kubeconfig_secrets_text(inline ?? args[i + 1]));
    });
    const env = Array.isArray(exec.env) ? exec.env : [];
    for (const entry of env.filter(kubeconfig_secrets_isMap))
        if (typeof entry.name === 'string' && SECRET_NAME.test(entry.name))
            out.push(...kubeconfig_secrets_text(entry.value));
    return out;
}
function keySecrets(keyData, certData) {
    return [...kubeconfig_secrets_text(keyData), ...kubeconfig_secrets_text(keyData).flatMap(pemBodyLines), ...kubeconfig_secrets_text(certData)];
}
function urlPassword(value) {
    if (typeof value !== 'string' || !value.includes('@'))
        return [];
    try {
        return kubeconfig_secrets_text(decodeURIComponent(new URL(value).password));
    }
    catch {
        return [];
    }
}
/** Credentials in a parsed kubeconfig document (its file form). */
function documentSecrets(doc) {
    if (!kubeconfig_secrets_isMap(doc))
        return [];
    const users = Array.isArray(doc.users) ? doc.users : [];
    const clusters = Array.isArray(doc.clusters) ? doc.clusters : [];
    const fromUsers = users.filter(kubeconfig_secrets_isMap).flatMap((entry) => {
        const u = kubeconfig_secrets_isMap(entry.user) ? entry.user : {};
        return [
            ...kubeconfig_secrets_text(u.token),
            ...kubeconfig_secrets_text(u.password),
            ...keySecrets(u['client-key-data'], u['client-certificate-data']),
            ...providerSecrets(kubeconfig_secrets_isMap(u['auth-provider']) ? u['auth-provider'].config : undefined),
            ...execSecrets(u.exec),
        ];
    });
    const fromClusters = clusters.filter(kubeconfig_secrets_isMap).flatMap((entry) => {
        const c = kubeconfig_secrets_isMap(entry.cluster) ? entry.cluster : {};
        return [...urlPassword(c.server), ...urlPassword(c['proxy-url'])];
    });
    return unique([...fromUsers, ...fromClusters]);
}
/** Credentials of client-node's loaded users and clusters (token-file content included). */
function loadedSecrets(kc) {
    const fromUsers = kc.users.flatMap((u) => [
        ...kubeconfig_secrets_text(u.token),
        ...kubeconfig_secrets_text(u.password),
        ...keySecrets(u.keyData, u.certData),
        ...providerSecrets(u.authProvider?.config),
        ...execSecrets(u.exec),
    ]);
    const fromClusters = kc.clusters.flatMap((c) => [
        ...urlPassword(c.server),
        ...urlPassword(c.proxyUrl),
    ]);
    return unique([...fromUsers, ...fromClusters]);
}
function unique(values) {
    return [...new Set(values)];
}

;// CONCATENATED MODULE: ./src/kube/config.ts
// Which cluster pgha talks to, as a client-node KubeConfig: an AKS cluster's credentials
// fetched after the OIDC login (Entra ID tokens supplied by a client-node authenticator, no
// kubelogin), the `kubeconfig` input, or KUBECONFIG / ~/.kube/config. client-node is imported
// only here and only when a run contacts a cluster. A supplied kubeconfig's credentials are
// masked as soon as it is read; one that does not parse is reported without quoting it.







/** KUBECONFIG's files, or ~/.kube/config; an error when none exists. */
function defaultKubeconfigSource(env) {
    const fromEnv = (env.KUBECONFIG ?? '').split(external_node_path_.delimiter).filter(Boolean);
    const paths = fromEnv.length > 0 ? fromEnv : [(0,external_node_path_.join)(env.HOME ?? (0,external_node_os_.homedir)(), '.kube', 'config')];
    const present = paths.filter((p) => (0,external_node_fs_.existsSync)(p));
    if (present.length === 0)
        throw new errors/* ConfigurationError */.j1(`input 'kubeconfig': no cluster to talk to: ${fromEnv.length > 0 ? `KUBECONFIG names ${paths.join(', ')}, which do not exist` : `${paths[0] ?? '~/.kube/config'} does not exist`}. ` +
            'Give the AKS inputs (azure-client-id, azure-tenant-id, azure-subscription-id, resource-group, aks-cluster), the kubeconfig input, or a KUBECONFIG file (example: kubeconfig: ${{ secrets.KUBECONFIG }})');
    return { kind: 'file', paths: present };
}
const config_EXAMPLE = 'the output of az aks get-credentials --file -';
/** Parses each supplied document and masks its credentials before client-node sees it. */
async function maskSupplied(source, setSecret) {
    if (source.kind === 'aks')
        return; // aks.ts masked the static credentials it fetched
    const documents = source.kind === 'input'
        ? [{ where: 'the kubeconfig input', text: source.yaml }]
        : await Promise.all(source.paths.map(async (p) => ({ where: p, text: await (0,promises_.readFile)(p, 'utf8') })));
    for (const { where, text } of documents) {
        let doc;
        try {
            doc = (0,js_yaml/* load */.Hh)(text);
        }
        catch (error) {
            throw notValid(where, `valid YAML (${yamlProblem(error)})`);
        }
        for (const secret of documentSecrets(doc))
            setSecret(secret);
        if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
            // A lone scalar is most likely a token pasted in place of a kubeconfig.
            if (typeof doc === 'string' && doc.trim())
                setSecret(doc.trim());
            throw notValid(where, 'a YAML mapping with clusters, users and contexts');
        }
    }
}
function notValid(where, what) {
    return new errors/* ConfigurationError */.j1(`input 'kubeconfig': ${where} is not ${what} (example: ${config_EXAMPLE})`);
}
/** js-yaml's reason and position; its message would quote the offending lines. */
function yamlProblem(error) {
    if (!(error instanceof js_yaml/* YAMLException */.tB))
        return 'it cannot be parsed';
    const at = error.mark ? ` at line ${error.mark.line + 1}, column ${error.mark.column + 1}` : '';
    return `${error.reason}${at}`;
}
/** client-node's own shape errors name a field, never a value; anything else is not repeated. */
function shapeProblem(error) {
    const message = error instanceof Error ? error.message : '';
    return /^(clusters|users|contexts)\[\d+\](\.[\w.]+)? is missing$/.test(message)
        ? message
        : 'it does not have the shape of a kubeconfig';
}
async function loadKubeConfig(source, context, setSecret) {
    await maskSupplied(source, setSecret);
    const { KubeConfig } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(574)]).then(__webpack_require__.bind(__webpack_require__, 2574));
    const kc = new KubeConfig();
    const tokenProvider = source.kind === 'aks' ? source.tokenProvider : undefined;
    if (tokenProvider) {
        kc.addAuthenticator({
            // Built-in authenticators (exec, oidc, ...) are asked first; the stripped AKS user has none.
            isAuthProvider: () => true,
            applyAuthentication: async (_user, opts) => {
                const token = await tokenProvider();
                opts.headers = {
                    ...opts.headers,
                    Authorization: `Bearer ${token}`,
                };
            },
        });
    }
    try {
        if (source.kind === 'file') {
            if (source.paths.length === 1)
                kc.loadFromFile(source.paths[0] ?? '');
            else
                kc.loadFromDefault({}, false);
        }
        else {
            kc.loadFromString(source.yaml);
        }
    }
    catch (error) {
        throw notValid(describeSource(source), `a valid kubeconfig: ${shapeProblem(error)}`);
    }
    // The users as client-node resolved them: token-file contents, every file of KUBECONFIG.
    if (source.kind !== 'aks')
        for (const secret of loadedSecrets(kc))
            setSecret(secret);
    selectContext(kc, context);
    const server = kc.getCurrentCluster()?.server;
    if (!server)
        throw new errors/* ConfigurationError */.j1(`input 'context': context '${kc.getCurrentContext()}' of ${describeSource(source)} names no cluster with a server (example: context: aks-pg)`);
    return {
        kc,
        server,
        context: kc.getCurrentContext(),
        description: describeSource(source),
        ...(tokenProvider ? { tokenProvider } : {}),
    };
}
function selectContext(kc, context) {
    const names = kc.getContexts().map((c) => c.name);
    if (context !== undefined) {
        if (!names.includes(context))
            throw new errors/* ConfigurationError */.j1(`input 'context': '${context}' is not a context of the kubeconfig; it has ${names.join(', ') || 'none'} (example: context: ${names[0] ?? 'aks-pg'})`);
        kc.setCurrentContext(context);
    }
    else if (!kc.getCurrentContext() && names[0]) {
        kc.setCurrentContext(names[0]);
    }
}
function describeSource(source) {
    if (source.kind === 'aks')
        return source.description;
    if (source.kind === 'input')
        return 'the kubeconfig input';
    return source.paths.join(external_node_path_.delimiter);
}
/**
 * Writes the configuration pgha used, mode 600, for later kubectl steps. Users served by the
 * token provider get its current token as a static one (valid until it expires, about 1 h).
 */
async function writeKubeconfigFile(loaded, dir) {
    const config = (0,js_yaml/* load */.Hh)(loaded.kc.exportConfig());
    if (loaded.tokenProvider) {
        const token = await loaded.tokenProvider();
        for (const u of config.users ?? [])
            u.user = { ...u.user, token };
    }
    await (0,promises_.mkdir)(dir, { recursive: true });
    const file = (0,external_node_path_.join)(dir, `kubeconfig-${process.pid}-${Date.now().toString(36)}`);
    await (0,promises_.writeFile)(file, (0,js_yaml/* dump */.Bh)(config), { mode: 0o600 });
    await (0,promises_.chmod)(file, 0o600);
    return file;
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
;// CONCATENATED MODULE: ./src/kube/http.ts
// The Kubernetes REST client pgha uses: JSON requests and watch streams over node:https with
// the TLS and credentials that @kubernetes/client-node's KubeConfig resolves. Transient
// failures (429, 5xx, connection resets) are retried with bounded, jittered backoff; every
// request is counted so that benchmarks and summaries can say what a run cost.



const DEFAULT_RETRY = { maxAttempts: 6, baseDelayMs: 250, maxDelayMs: 8000 };
class KubeHttp {
    server;
    /** Requests sent, retries included (watch connections count once each). */
    requests = 0;
    #kc;
    #retry;
    #options;
    /** The TLS agent of the first request, reused so that connections and sessions are too. */
    #agent;
    constructor(kc, options = {}) {
        this.#kc = kc;
        this.server = kc.getCurrentCluster()?.server ?? '';
        this.#retry = options.retry ?? DEFAULT_RETRY;
        this.#options = options;
    }
    /** One JSON request, retried while the failure is transient. */
    async json(req) {
        for (let attempt = 1;; attempt++) {
            try {
                return await this.#once(req);
            }
            catch (error) {
                const delay = this.retryDelay(error, attempt);
                if (delay === undefined)
                    throw error;
                this.#options.onRetry?.(describeFailure(error), attempt, delay);
                await (this.#options.sleep ?? sleep)(delay);
            }
        }
    }
    /** Delay before the next attempt, or undefined when the error is final or attempts are spent. */
    retryDelay(error, attempt) {
        if (attempt >= this.#retry.maxAttempts)
            return undefined;
        if (error instanceof KubeApiError) {
            if (!error.transient)
                return undefined;
            if (error.retryAfterSeconds !== undefined)
                return Math.min(error.retryAfterSeconds * 1000, this.#retry.maxDelayMs);
        }
        else if (!isTransportError(error)) {
            return undefined;
        }
        const cap = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1));
        const random = this.#options.random ?? Math.random;
        return Math.round(cap / 2 + (random() * cap) / 2);
    }
    /** Opens a streaming GET (watch); resolves with the response once headers arrive. */
    async stream(path, query, signal) {
        const options = await this.#requestOptions('GET', path, query);
        this.requests++;
        return new Promise((resolve, reject) => {
            const req = this.#send(options, (res) => {
                resolve(res);
            });
            const abort = () => req.destroy(new Error('aborted'));
            signal.addEventListener('abort', abort, { once: true });
            req.on('error', reject);
            req.on('close', () => {
                signal.removeEventListener('abort', abort);
            });
            req.end();
        });
    }
    async #once(req) {
        const options = await this.#requestOptions(req.method, req.path, req.query ?? {});
        const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
        if (payload !== undefined) {
            options.headers = {
                ...options.headers,
                'content-type': req.contentType ?? 'application/json',
                'content-length': Buffer.byteLength(payload),
            };
        }
        this.requests++;
        const { status, text, retryAfter } = await new Promise((resolve, reject) => {
            const r = this.#send(options, (res) => {
                const chunks = [];
                res.on('data', (c) => chunks.push(c));
                res.on('error', reject);
                res.on('end', () => {
                    const header = res.headers['retry-after'];
                    resolve({
                        status: res.statusCode ?? 0,
                        text: Buffer.concat(chunks).toString('utf8'),
                        ...(typeof header === 'string' ? { retryAfter: header } : {}),
                    });
                });
            });
            r.setTimeout(30_000, () => r.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
            r.on('error', (e) => {
                reject(transportError(e, req.context, this.server));
            });
            r.end(payload);
        });
        if (status === 404 && req.allowNotFound)
            return { status, body: undefined };
        if (status >= 400)
            throw kubeApiError(status, text, req.context, retryAfter);
        return { status, body: (text ? JSON.parse(text) : undefined) };
    }
    async #requestOptions(method, path, query) {
        const base = new URL(this.server);
        const url = new URL(base.pathname.replace(/\/$/, '') + path, base);
        for (const [k, v] of Object.entries(query))
            if (v !== undefined)
                url.searchParams.set(k, v);
        const options = {
            protocol: url.protocol,
            hostname: url.hostname.replace(/^\[|\]$/g, ''),
            port: url.port,
            path: `${url.pathname}${url.search}`,
            method,
            headers: {
                accept: 'application/json',
                'user-agent': this.#options.userAgent ?? 'pgha',
            },
        };
        await this.#kc.applyToHTTPSOptions(options);
        if (this.#agent)
            options.agent = this.#agent;
        else
            this.#agent = options.agent;
        return options;
    }
    #send(options, onResponse) {
        return options.protocol === 'http:'
            ? (0,external_node_http_.request)(options, onResponse)
            : (0,external_node_https_.request)(options, onResponse);
    }
}
function isTransportError(error) {
    return error instanceof Error && 'transport' in error;
}
function describeFailure(error) {
    return error instanceof Error ? error.message : String(error);
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

;// CONCATENATED MODULE: ./src/actions/connect.ts


/** The connect phase of every action: connect, then write-kubeconfig (output kubeconfig-path). */
async function connectCluster(inputs, ctx, outputs) {
    const conn = await connect(inputs, ctx);
    if (inputs.writeKubeconfig) {
        const path = await writeKubeconfigFile(conn.config, ctx.env.RUNNER_TEMP ?? '/tmp');
        outputs.output('kubeconfig-path', path);
        ctx.logger.info(`Wrote the kubeconfig for later steps to ${path}`);
    }
    return conn;
}
async function connect(inputs, ctx) {
    const azure = inputs.azure ? await loginToAzure(inputs, ctx) : undefined;
    const source = await kubeSource(inputs, ctx, azure);
    const config = await loadKubeConfig(source, inputs.context, ctx.setSecret);
    ctx.logger.info(`Kubernetes API ${config.server} (context ${config.context}, from ${config.description})`);
    const http = new KubeHttp(config.kc, {
        userAgent: `pgha/${ctx.env.GITHUB_ACTION_REF ?? 'dev'}`,
        onRetry: (what, attempt, delay) => {
            ctx.logger.info(`Retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1}) after: ${what}`);
        },
    });
    return { config, http, ...(azure ? { azure } : {}) };
}
async function loginToAzure(inputs, ctx) {
    const login = inputs.azure;
    if (!login)
        throw new Error('loginToAzure without Azure inputs');
    const [{ azureCredential }, { createArmClient }] = await Promise.all([
        __webpack_require__.e(/* import() */ 310).then(__webpack_require__.bind(__webpack_require__, 4310)),
        __webpack_require__.e(/* import() */ 642).then(__webpack_require__.bind(__webpack_require__, 3642)),
    ]);
    const federatedTokenFile = ctx.env.ACTIONS_ID_TOKEN_REQUEST_URL
        ? undefined
        : ctx.env.AZURE_FEDERATED_TOKEN_FILE;
    const credential = await azureCredential({
        tenantId: login.tenantId,
        clientId: login.clientId,
        authorityHost: inputs.authorityHost,
        getIdToken: ctx.getIdToken,
        ...(federatedTokenFile ? { federatedTokenFile } : {}),
        logger: ctx.logger,
        setSecret: ctx.setSecret,
    });
    const arm = createArmClient({
        credential,
        endpoint: inputs.armEndpoint,
        logger: ctx.logger,
        setSecret: ctx.setSecret,
    });
    return { credential, arm };
}
async function kubeSource(inputs, ctx, azure) {
    if (inputs.kubeconfig !== undefined)
        return { kind: 'input', yaml: inputs.kubeconfig };
    if (azure && inputs.azure && inputs.aks) {
        const { aksKubeconfig } = await __webpack_require__.e(/* import() */ 945).then(__webpack_require__.bind(__webpack_require__, 6945));
        const aks = await aksKubeconfig({
            credential: azure.credential,
            arm: azure.arm,
            subscriptionId: inputs.azure.subscriptionId,
            resourceGroup: inputs.aks.resourceGroup,
            cluster: inputs.aks.cluster,
            admin: inputs.aks.admin,
            logger: ctx.logger,
            setSecret: ctx.setSecret,
        });
        return {
            kind: 'aks',
            yaml: aks.kubeconfig,
            ...(aks.tokenProvider ? { tokenProvider: aks.tokenProvider } : {}),
            description: `AKS cluster ${inputs.aks.cluster} (${aks.user === 'token-provider' ? 'Entra ID user credentials' : `${aks.user} credentials`})`,
        };
    }
    return defaultKubeconfigSource(ctx.env);
}

// EXTERNAL MODULE: ./src/actions/context.ts + 1 modules
var context = __webpack_require__(7546);
;// CONCATENATED MODULE: ./src/actions/deploy.ts
// deploy: read and validate every input, render the CNPG manifests, then (unless render-only)
// connect, apply them by server-side apply, wait for the Cluster to be healthy, and report.













const deploy = (0,action/* defineAction */.Q)({
    command: 'deploy',
    summary: deploySummary,
    async run(ctx, step) {
        const inputs = readDeployInputs(ctx.getInput);
        step.record({ inputs });
        if (inputs.renderOnly) {
            await render(inputs, chooseBackupMethod(inputs.backupMethod), ctx, step);
            return;
        }
        const started = ctx.now();
        const conn = await step.phase('Connect', () => connectCluster(inputs, ctx, step));
        const served = await step.phase('Discover CNPG', () => discoverCnpg(conn.http));
        const backup = chooseBackupMethod(inputs.backupMethod, served.barmanCloudPlugin);
        const skip = skippedMonitors(inputs, served, ctx.logger);
        const rendered = await render(inputs, backup, ctx, step, skip);
        await trustIdentity(inputs, conn, ctx, step);
        const installed = await step.phase(inputs.dryRun ? 'Dry run' : 'Apply', () => install(conn.http, inputs, rendered.objects, {
            ...ctx,
            annotations: traceAnnotations((0,context/* runOrigin */.sd)(ctx.env)),
        }));
        step.record({ ...installed, server: conn.config.server, requests: conn.http.requests });
        setServiceOutputs(inputs, step);
        if (inputs.dryRun)
            return;
        const { namespace, clusterName: name } = inputs;
        const deadline = started + inputs.timeoutMs;
        const cluster = await step.phase('Wait for the Cluster to be healthy', () => waitHealthy(conn.http, { namespace, name, deadline, logger: ctx.logger, now: ctx.now }));
        const primary = cluster.status?.currentPrimary ?? '';
        await reportHealthy(conn, inputs, { primary, seconds: (ctx.now() - started) / 1000 }, ctx, step);
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
    const trust = await step.phase('Federated credential', () => ensureIdentityTrust(arm, { subscriptionId: azure.subscriptionId, aksResourceGroup: aks.resourceGroup, aksCluster: aks.cluster, identity, namespace: inputs.namespace, serviceAccount: inputs.clusterName, dryRun: inputs.dryRun }, ctx.logger));
    step.record({ identity: trust });
}
/** PodMonitor kinds the cluster does not serve: left out, with a warning each. */
function skippedMonitors(inputs, served, logger) {
    const skip = unservedMonitoring(inputs.monitoring, served);
    for (const s of skip)
        logger.warning(`The cluster does not serve ${s}: no PodMonitor applied for it (install its CRD to get metrics scraped)`);
    return new Set(skip);
}
/** The instances as they are now, the primary and how long it took. */
async function reportHealthy(conn, inputs, ready, ctx, step) {
    const { namespace, clusterName } = inputs;
    const { primary, seconds: readySeconds } = ready;
    const pods = await listInstances(conn.http, namespace, clusterName, { zones: true });
    step.record({ pods, primary, readySeconds, requests: conn.http.requests });
    step.output('primary', primary);
    step.output('ready-seconds', readySeconds.toFixed(1));
    ctx.logger.info(`Cluster ${clusterName} is healthy: primary ${primary}, ${pods.length} instances, ${readySeconds.toFixed(1)} s after the first request (${conn.http.requests} API requests)`);
}
function setServiceOutputs(inputs, step) {
    step.output('app-secret', inputs.appSecret);
    step.output('rw-service', `${inputs.clusterName}-rw`);
    step.output('ro-service', `${inputs.clusterName}-ro`);
}


/***/ }),

/***/ 8517:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dq: () => (/* binding */ deleteFederatedCredential),
/* harmony export */   FW: () => (/* binding */ FIC_API_VERSION),
/* harmony export */   Tr: () => (/* binding */ federatedCredentialName),
/* harmony export */   YR: () => (/* binding */ ensureFederatedCredential)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _login_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8348);
// Federated identity credentials of a user-assigned managed identity: the trust that lets the
// CNPG cluster's service account (system:serviceaccount:<namespace>:<cluster>) act as the
// identity through the AKS OIDC issuer, for backups to Azure Blob Storage.


/** Microsoft.ManagedIdentity, the current GA version (2023-01-31 is the previous one). */
const FIC_API_VERSION = '2024-11-30';
const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/;
const KUBE_NAME = /^[a-z0-9-]+$/;
/**
 * pgha-<namespace>_<cluster>: deterministic, and unambiguous because Kubernetes names hold no
 * underscore. Names that would be too long or invalid end in a hash of both parts instead.
 */
function federatedCredentialName(namespace, cluster) {
    const plain = `pgha-${namespace}_${cluster}`;
    if (KUBE_NAME.test(namespace) && KUBE_NAME.test(cluster) && NAME_PATTERN.test(plain))
        return plain;
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(`${namespace}\n${cluster}`).digest('hex').slice(0, 16);
    const readable = plain.replace(/[^a-zA-Z0-9_-]/g, '-').slice(0, 120 - hash.length - 1);
    return `${readable}-${hash}`;
}
function credentialPath(ref) {
    return (`/subscriptions/${encodeURIComponent(ref.subscriptionId)}/resourceGroups/${encodeURIComponent(ref.resourceGroup)}` +
        `/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${encodeURIComponent(ref.identity)}` +
        `/federatedIdentityCredentials/${encodeURIComponent(ref.name)}`);
}
function describe(ref) {
    return `federated credential ${ref.name} of managed identity ${ref.identity} in ${ref.resourceGroup}`;
}
/**
 * Creates or updates the credential; reads it first and writes nothing when it already matches.
 * 'unchanged' too when another credential of the identity already holds this issuer and subject
 * (created by hand, e.g. following the AKS guide): Azure allows each pair once per identity.
 */
async function ensureFederatedCredential(http, logger, spec) {
    const where = describe(spec);
    const current = await http({
        method: 'GET',
        path: credentialPath(spec),
        apiVersion: FIC_API_VERSION,
        context: `reading ${where}`,
        allowNotFound: true,
    });
    const stored = current.status === 404 ? undefined : propertiesOf(current.body);
    if (stored && matches(stored, spec))
        return 'unchanged';
    if (stored?.issuer !== undefined && stored.issuer !== spec.issuer) {
        logger.warning(`${where} trusted issuer ${stored.issuer} (another AKS cluster?); it now trusts ${spec.issuer}`);
    }
    const written = await writeCredential(http, logger, spec, stored ? 'updating' : 'creating');
    if (!written)
        return 'unchanged';
    return stored ? 'updated' : 'created';
}
/** PUTs the credential; false when another credential of the identity holds the same trust. */
async function writeCredential(http, logger, spec, verb) {
    const properties = {
        issuer: spec.issuer,
        subject: spec.subject,
        audiences: [_login_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .TOKEN_EXCHANGE_AUDIENCE */ .RK],
    };
    const context = `${verb} ${describe(spec)} (issuer ${spec.issuer}, subject ${spec.subject})`;
    try {
        const path = credentialPath(spec);
        await http({ method: 'PUT', path, apiVersion: FIC_API_VERSION, body: { properties }, context });
        return true;
    }
    catch (error) {
        const twin = isDuplicate(error) ? await sameTrust(http, spec) : undefined;
        if (twin === undefined)
            throw withLimitHint(error);
        logger.info(`${describe({ ...spec, name: twin })} already trusts ${spec.subject}; left as it is`);
        return false;
    }
}
/** Name of another credential of the identity with the same issuer, subject and audience. */
async function sameTrust(http, spec) {
    const path = credentialPath({ ...spec, name: '' }).replace(/\/$/, '');
    const context = `listing federated credentials of managed identity ${spec.identity} in ${spec.resourceGroup}`;
    const { body } = await http({ method: 'GET', path, apiVersion: FIC_API_VERSION, context });
    const items = body?.value;
    const twin = (items ?? []).find((item) => matches(propertiesOf(item), spec));
    return twin?.name;
}
function isDuplicate(error) {
    return error instanceof Error && /already exists?/i.test(error.message);
}
/** Deletes the credential; 'absent' when there was none (already deleted, or never created). */
async function deleteFederatedCredential(http, ref) {
    const context = `deleting ${describe(ref)}`;
    const result = await http({
        method: 'DELETE',
        path: credentialPath(ref),
        apiVersion: FIC_API_VERSION,
        context,
        allowNotFound: true,
    });
    // ARM's convention: 200 when deleted, 204 when there was nothing to delete.
    return result.status === 204 || result.status === 404 ? 'absent' : 'deleted';
}
function propertiesOf(resource) {
    const properties = resource?.properties;
    return properties ?? {};
}
function matches(stored, spec) {
    const audiences = stored.audiences ?? [];
    return (stored.issuer === spec.issuer &&
        stored.subject === spec.subject &&
        audiences.length === 1 &&
        audiences[0] === _login_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .TOKEN_EXCHANGE_AUDIENCE */ .RK);
}
/** A managed identity holds at most 20 federated credentials: say what to do when a PUT hits it. */
function withLimitHint(error) {
    if (error instanceof Error && /limit|maximum|exceed/i.test(error.message)) {
        error.message +=
            '. A managed identity holds at most 20 federated credentials: delete those of removed clusters (pgha teardown deletes the ones it created), or use another identity.';
    }
    return error;
}


/***/ }),

/***/ 8348:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mz: () => (/* binding */ loginError),
/* harmony export */   PN: () => (/* binding */ idTokenError),
/* harmony export */   RK: () => (/* binding */ TOKEN_EXCHANGE_AUDIENCE),
/* harmony export */   kc: () => (/* binding */ errorText)
/* harmony export */ });
/* unused harmony export aadstsCode */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
// Turns failures of the OIDC login into messages that say the likely cause and what to do.
// Entra ID answers a failed exchange with an AADSTS code inside the OAuth error description;
// @azure/identity and MSAL wrap it in different error classes, so the code is found in the text.

const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
/** A failure of core.getIDToken (GitHub's token endpoint), in user terms. */
function idTokenError(error) {
    const message = errorText(error);
    if (/ACTIONS_ID_TOKEN_REQUEST_(URL|TOKEN)/.test(message)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('cannot get a GitHub OIDC token: the workflow lacks `permissions: id-token: write` ' +
            '(ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN are not set). Add to the job or workflow:\n' +
            '  permissions:\n    id-token: write\n    contents: read\n' +
            'Jobs triggered by pull_request from a fork get no OIDC token (GitHub withholds it from forks): ' +
            'skip the Azure steps there, e.g. if: github.event.pull_request.head.repo.full_name == github.repository. ' +
            'Outside GitHub Actions, set AZURE_FEDERATED_TOKEN_FILE to a file that holds the federated token.');
    }
    return new Error(`requesting a GitHub OIDC token (audience ${TOKEN_EXCHANGE_AUDIENCE}): ${message}`, {
        cause: error,
    });
}
/** The AADSTS code in an error's text or cause chain, e.g. '70021'. */
function aadstsCode(error) {
    return /AADSTS(\d+)/.exec(errorText(error))?.[1];
}
/** A failed token exchange with Entra ID, explained. */
function loginError(error, ctx) {
    const code = aadstsCode(error);
    const who = `logging in to Azure as client ${ctx.clientId} in tenant ${ctx.tenantId}`;
    const explain = code === undefined ? undefined : EXPLANATIONS[code];
    if (explain)
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${who}: ${explain(ctx, errorText(error))}`, { cause: error });
    if (isUnreachable(error)) {
        const tls = /certificate/i.test(errorText(error))
            ? " A TLS error: trust the host's CA with NODE_EXTRA_CA_CERTS."
            : '';
        return new Error(`${who}: cannot reach the authority host ${ctx.authorityHost} or read ` +
            `${ctx.authorityHost}/${ctx.tenantId}/v2.0/.well-known/openid-configuration (${firstLine(error)}). ` +
            'Check azure-authority-host (sovereign clouds: https://login.microsoftonline.us, https://login.chinacloudapi.cn) ' +
            `and azure-tenant-id.${tls}`, { cause: error });
    }
    return new Error(`${who}: ${firstLine(error)}`, { cause: error });
}
const noMatchingCredential = (ctx, text) => {
    const issuer = quoted(text, 'Assertion Issuer') ?? ctx.presented?.iss ?? '(unknown)';
    const subject = quoted(text, 'Assertion Subject') ??
        quoted(text, 'assertion subject') ??
        ctx.presented?.sub ??
        '(unknown)';
    const caseOnly = /case-insensitive comparison/i.test(text)
        ? ' One matches except for letter case: make the letters equal.'
        : '';
    return [
        `no federated identity credential matches the presented token.${caseOnly}`,
        `  issuer:   ${issuer}`,
        `  subject:  ${subject}`,
        `  audience: ${TOKEN_EXCHANGE_AUDIENCE}`,
        `Add a federated credential with exactly these values (case-sensitive) to the application or managed identity with client ID ${ctx.clientId}, e.g.`,
        `  az identity federated-credential create --identity-name <identity> --resource-group <rg> --name github-pgha --issuer '${issuer}' --subject '${subject}' --audiences ${TOKEN_EXCHANGE_AUDIENCE}`,
        'The subject differs per trigger (ref:refs/heads/<branch>, environment:<name>, pull_request); repositories with ' +
            'customised or immutable subject claims present other forms (e.g. repo:octo-org-123456/octo-repo-456789:ref:refs/heads/main).',
        `Entra ID: ${aadstsLine(text)}`,
    ].join('\n');
};
const EXPLANATIONS = {
    '70021': noMatchingCredential,
    '700211': noMatchingCredential,
    '700212': noMatchingCredential,
    '700213': noMatchingCredential,
    '7002137': noMatchingCredential,
    '7002138': noMatchingCredential,
    '700016': (ctx, text) => `no application with client ID ${ctx.clientId} exists in tenant ${ctx.tenantId}. Check azure-client-id ` +
        '(the application (client) ID or the managed identity client ID, not an object ID) and azure-tenant-id, ' +
        `and that the application is in that tenant. Entra ID details: ${aadstsLine(text)}`,
    '700024': (_ctx, text) => 'the federated token presented as client assertion is expired or not yet valid. pgha asks for a fresh ' +
        "token for every exchange, so the runner's clock is probably off, or AZURE_FEDERATED_TOKEN_FILE holds a " +
        `token that is no longer refreshed. Entra ID details: ${aadstsLine(text)}`,
    '90002': (ctx, text) => `tenant ${ctx.tenantId} was not found at ${ctx.authorityHost}. Check azure-tenant-id (the directory ID) and, ` +
        `for sovereign clouds, azure-authority-host. Entra ID details: ${aadstsLine(text)}`,
    '700027': (_ctx, text) => "Entra ID could not verify the federated token's signature: the issuer's signing keys were not reachable " +
        `or the token was altered. Entra ID details: ${aadstsLine(text)}`,
};
/** The value after `label` in Entra's description, e.g. Assertion Subject: 'repo:o/r:ref:x'. */
function quoted(text, label) {
    const match = new RegExp(`${label}:? '([^']*)'`).exec(text);
    return match?.[1];
}
/** The first sentence of Entra's description: 'AADSTS70021: No matching ... assertion.' */
function aadstsLine(text) {
    const start = text.indexOf('AADSTS');
    const rest = start < 0 ? text : text.slice(start);
    const line = rest.split(/\\r\\n|\r?\n| Trace ID:/)[0] ?? rest;
    return (/^.*?\.(?=\s|$)/.exec(line)?.[0] ?? line).trim();
}
function isUnreachable(error) {
    return /endpoints_resolution_error|network_error|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET|certificate|self-signed/i.test(errorText(error));
}
function firstLine(error) {
    return errorText(error).split('\n')[0] ?? '';
}
/** Message, error code and description of an error and its causes, joined. */
function errorText(error, depth = 0) {
    if (!(error instanceof Error))
        return String(error);
    const parts = [error.message];
    const response = error.errorResponse;
    if (typeof response?.errorDescription === 'string')
        parts.push(response.errorDescription);
    const code = error.code;
    if (typeof code === 'string')
        parts.push(code);
    if (error.cause !== undefined && depth < 5)
        parts.push(errorText(error.cause, depth + 1));
    return parts.join('\n');
}


/***/ })

};
