export const id = 467;
export const ids = [467];
export const modules = {

/***/ 24467:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deploy: () => (/* binding */ deploy)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/azure/federated-credential.ts
var federated_credential = __webpack_require__(58517);
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

// EXTERNAL MODULE: ./src/cnpg/discovery.ts + 1 modules
var discovery = __webpack_require__(5721);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
// EXTERNAL MODULE: ./src/kube/errors.ts
var kube_errors = __webpack_require__(23646);
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
// EXTERNAL MODULE: ./src/cnpg/objects.ts
var objects = __webpack_require__(29616);
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
        metadata: (0,objects/* meta */.mI)((0,objects/* objectStoreName */.iC)(inputs.clusterName), inputs.namespace, origin),
        spec: { configuration: storeConfiguration(b), retentionPolicy: b.retention },
    };
}
/** The Cluster's backup wiring: spec.plugins (plugin) or spec.backup (in-core). */
function clusterBackupSpec(inputs, b, method) {
    if (method === 'barman-object-store') {
        return { backup: { barmanObjectStore: storeConfiguration(b), retentionPolicy: b.retention } };
    }
    const parameters = { barmanObjectName: (0,objects/* objectStoreName */.iC)(inputs.clusterName) };
    return { plugins: [{ name: objects/* PLUGIN_NAME */.AF, enabled: true, isWALArchiver: true, parameters }] };
}
function scheduledBackup(inputs, schedule, method, origin) {
    const how = method === 'plugin'
        ? { method: 'plugin', pluginConfiguration: { name: objects/* PLUGIN_NAME */.AF } }
        : { method: 'barmanObjectStore' };
    return {
        apiVersion: 'postgresql.cnpg.io/v1',
        kind: 'ScheduledBackup',
        metadata: (0,objects/* meta */.mI)(`${inputs.clusterName}-scheduled`, inputs.namespace, origin),
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
        __webpack_require__.e(/* import() */ 463).then(__webpack_require__.t.bind(__webpack_require__, 42463, 23)),
        __webpack_require__.e(/* import() */ 880).then(__webpack_require__.t.bind(__webpack_require__, 17880, 19)),
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

// EXTERNAL MODULE: ./src/inputs/parse.ts
var parse = __webpack_require__(13718);
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
        throw new parse/* ParseError */.mB(`has ${bytes} bytes; at most 64 KiB are accepted`, example);
    const events = yaml_parse(raw, example);
    if (events.some(hasAnchorOrAlias)) {
        throw new parse/* ParseError */.mB('uses YAML anchors or aliases (&name, *name), which pgha refuses so that no input can expand: write each value out', example);
    }
    let docs;
    try {
        docs = (0,js_yaml/* constructFromEvents */.fw)(events, { source: raw, maxAliases: 0 });
    }
    catch (error) {
        throw new parse/* ParseError */.mB(`is not valid YAML: ${describe(error)}`, example);
    }
    if (docs.length !== 1)
        throw new parse/* ParseError */.mB('must be one YAML document', example);
    refuseForbiddenKeys(docs[0], '', example);
    return docs[0];
}
function yaml_parse(raw, example) {
    try {
        return (0,js_yaml/* parseEvents */.PH)(raw, { maxDepth: MAX_DEPTH });
    }
    catch (error) {
        throw new parse/* ParseError */.mB(`is not valid YAML: ${describe(error)}`, example);
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
            throw new parse/* ParseError */.mB(`key '${at}' is not allowed (it could reach a prototype)`, example);
        if (key === '<<')
            throw new parse/* ParseError */.mB(`key '${at}': merge keys (<<) are not supported`, example);
        refuseForbiddenKeys(value[key], at, example);
    }
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
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
    (0,parse/* singleLine */.pF)(raw, EXAMPLE);
    const parsed = raw.split(',').map((part) => parseCidr(part.trim()));
    const reach = publicReach(parsed);
    if (reach && !allowPublic) {
        throw new parse/* ParseError */.mB(`together these ranges cover half or more of the ${reach}, which opens the database to the internet (public: half or more of the IPv4 space or of the IPv6 global unicast space 2000::/3); set allow-public: true if you mean it`, EXAMPLE);
    }
    return parsed.map((c) => c.text);
}
function parseCidr(cidr) {
    const [ip = '', bits = '', extra] = cidr.split('/');
    const family = ip.includes('%') ? 0 : (0,external_node_net_.isIP)(ip);
    const max = family === 4 ? 32 : family === 6 ? 128 : 0;
    if (!max || extra !== undefined || !/^\d+$/.test(bits) || Number(bits) > max) {
        throw new parse/* ParseError */.mB(`'${cidr}' is not an IPv4 or IPv6 CIDR`, EXAMPLE);
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
        throw new parse/* ParseError */.mB(`has a query string, user info or fragment (?, @ or #), not repeated here: ${hint}`, example);
    }
}
function destination(raw) {
    (0,parse/* singleLine */.pF)(raw, AZURE_EXAMPLE);
    refuseCredentials(raw, AZURE_EXAMPLE, DESTINATION_CREDENTIALS);
    const text = raw.replace(/\/+$/, '');
    if (text.startsWith('s3://'))
        return s3Destination(text);
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new parse/* ParseError */.mB('is not an Azure Blob URL (https://<account>.blob.core.windows.net/<container>) or an s3:// URL', AZURE_EXAMPLE);
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
        throw new parse/* ParseError */.mB("is not https://<account>.blob.core.windows.net/<container>[/path] (plain http only for the sandbox's Azurite: http://127.0.0.1:<port>/<account>/<container>)", AZURE_EXAMPLE);
    }
    if (!CONTAINER.test(container))
        throw new parse/* ParseError */.mB('has no valid container name (3-63 lowercase letters, digits and single hyphens)', AZURE_EXAMPLE);
    const path = rest.length > 0 ? rest.join('/') : undefined;
    return { kind: 'azure', url: text, account, container, ...(path ? { path } : {}) };
}
function s3Destination(text) {
    const [bucket = '', ...rest] = text.slice('s3://'.length).split('/');
    if (!BUCKET.test(bucket) || bucket.includes('..')) {
        throw new parse/* ParseError */.mB('has no valid S3 bucket name (3-63 lowercase letters, digits, dots and hyphens)', 's3://pg-backups/orders');
    }
    const path = rest.filter(Boolean).join('/');
    return { kind: 's3', url: text, bucket, ...(path ? { path } : {}) };
}
function endpointUrl(raw) {
    const example = 'http://minio.minio:9000';
    (0,parse/* singleLine */.pF)(raw, example);
    refuseCredentials(raw, example, ENDPOINT_CREDENTIALS);
    if (!/^https?:\/\/[^\s/]+(\/.*)?$/.test(raw))
        throw new parse/* ParseError */.mB('is not an http(s) URL', example);
    return raw.replace(/\/+$/, '');
}
function retention(raw) {
    if (!/^[1-9][0-9]*[dwm]$/.test((0,parse/* singleLine */.pF)(raw, '7d'))) {
        throw new parse/* ParseError */.mB(`'${raw}' is not a retention such as 7d, 4w or 3m`, '7d');
    }
    return raw;
}
const LABEL_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
function nodeSelector(raw) {
    const example = 'workload=postgres';
    (0,parse/* singleLine */.pF)(raw, example);
    const out = {};
    for (const pair of raw.split(',').map((p) => p.trim())) {
        const [key = '', value, extra] = pair.split('=');
        if (value === undefined ||
            extra !== undefined ||
            !LABEL_NAME.test(key) ||
            !LABEL_VALUE.test(value)) {
            throw new parse/* ParseError */.mB(`'${pair}' is not key=value with a valid label key and value`, example);
        }
        out[key] = value;
    }
    return out;
}
function yamlMap(raw, example) {
    const doc = loadInputYaml(raw, example);
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
        throw new parse/* ParseError */.mB('is not a YAML map', example);
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
            throw new parse/* ParseError */.mB(`'${(0,parse/* singleLine */.pF)(key, example)}' is not a parameter name`, example);
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
        return (0,parse/* singleLine */.pF)(value, example);
    throw new parse/* ParseError */.mB(`the value of '${key}' is not a scalar`, example);
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
        .find((p) => p.name === objects/* PLUGIN_NAME */.AF && p.isWALArchiver === true && p.enabled !== false);
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
        ? { [objects/* WORKLOAD_IDENTITY_LABEL */._n]: 'true' }
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
                labels: { [objects/* WORKLOAD_IDENTITY_LABEL */._n]: 'true' },
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
        metadata: (0,objects/* meta */.mI)(inputs.clusterName, inputs.namespace, origin),
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
            metadata: (0,objects/* meta */.mI)(inputs.clusterName, inputs.namespace, origin),
            spec: { selector: { matchLabels: selector }, podMetricsEndpoints: endpoints },
        });
    }
    if (inputs.monitoring === 'managed-prometheus' || inputs.monitoring === 'both') {
        const azure = { [objects/* WORKLOAD_IDENTITY_LABEL */._n]: 'true' };
        out.push({
            apiVersion: 'azmonitoring.coreos.com/v1',
            kind: 'PodMonitor',
            metadata: (0,objects/* meta */.mI)(`${inputs.clusterName}-azmon`, inputs.namespace, origin, { labels: azure }),
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
            metadata: (0,objects/* meta */.mI)(`${inputs.clusterName}-pooler-${inputs.pooler}`, inputs.namespace, origin),
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
        metadata: (0,objects/* meta */.mI)(`${inputs.clusterName}-${role}-lb`, inputs.namespace, origin, annotations ? { annotations } : {}),
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

// EXTERNAL MODULE: ./src/cnpg/wait.ts
var wait = __webpack_require__(89867);
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
    (0,parse/* singleLine */.pF)(raw, parse_cron_EXAMPLE);
    if (raw === 'none')
        return undefined;
    if (DESCRIPTORS.test(raw) || /^@every (\d+(ms|s|m|h))+$/.test(raw))
        return raw;
    const fields = raw.split(/\s+/);
    if (fields.length === 5) {
        throw new parse/* ParseError */.mB(`'${raw}' has five fields, but CNPG reads the first as seconds, so it would run at another time (e.g. '0 0 * * *' runs hourly); write six fields, seconds first: '0 ${raw}'`, parse_cron_EXAMPLE);
    }
    if (fields.length !== 6)
        throw new parse/* ParseError */.mB(`'${raw}' must have six fields: second minute hour day month weekday`, parse_cron_EXAMPLE);
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
    return new parse/* ParseError */.mB(`'${text}' is not a valid ${field.name} (${field.min}-${field.max})`, parse_cron_EXAMPLE);
}

// EXTERNAL MODULE: ./src/inputs/read.ts
var read = __webpack_require__(44245);
// EXTERNAL MODULE: ./src/inputs/spec.ts
var spec = __webpack_require__(27026);
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
const read_deploy_size = (example) => (v) => (0,parse/* quantity */.au)(v, example, MAX_SIZE_BYTES);
function readDeployInputs(get) {
    const r = (0,read/* inputReader */.cN)(get, spec/* ACTIONS */.kl.deploy.inputs);
    const instances = r.value('instances', (v) => (0,parse/* integer */.nd)(v, 1, 10, '3'));
    const memory = r.value('memory', read_deploy_size('8Gi'));
    const allowPublic = r.value('allow-public', parse/* boolean */.zM);
    const expose = r.value('expose', (v) => (0,parse/* oneOf */.yL)(v, EXPOSE));
    const workloadIdentityClientId = r.optional('workload-identity-client-id', parse/* guid */.Os);
    const inputs = {
        ...(0,read/* readShared */.qA)(r),
        instances,
        postgresImage: r.optional('postgres-image', parse/* image */.Sl),
        storageClass: r.optional('storage-class', (v) => (0,parse/* objectName */.Hd)(v, 'managed-csi-premium')),
        storageSize: r.value('storage-size', read_deploy_size('64Gi')),
        walStorageSize: r.optional('wal-storage-size', read_deploy_size('16Gi')),
        cpu: r.value('cpu', (v) => (0,parse/* quantity */.au)(v, '2')),
        memory,
        nodeMemory: readNodeMemory(r, memory),
        postgresqlParameters: r.optional('postgresql-parameters', postgresqlParameters) ?? {},
        database: r.value('database', (v) => (0,parse/* sqlIdentifier */.I3)(v, 'database', 'appdb')),
        owner: r.value('owner', (v) => (0,parse/* sqlIdentifier */.I3)(v, 'role', 'app')),
        appSecret: r.value('app-secret', (v) => (0,parse/* objectName */.Hd)(v, 'db-user-pass')),
        syncReplicas: syncReplicas(r, instances),
        workloadIdentityClientId,
        dnsLabel: r.optional('dns-label', dnsLabel),
        backup: readBackup(r, workloadIdentityClientId),
        backupMethod: r.value('backup-method', (v) => (0,parse/* oneOf */.yL)(v, BACKUP_METHODS)),
        monitoring: r.value('monitoring', (v) => (0,parse/* oneOf */.yL)(v, MONITORING)),
        nodeSelector: r.optional('node-selector', nodeSelector) ?? {},
        pooler: r.value('pooler', (v) => (0,parse/* oneOf */.yL)(v, POOLER)),
        poolerMode: r.value('pooler-mode', (v) => (0,parse/* oneOf */.yL)(v, POOLER_MODES)),
        expose,
        allowedSourceRanges: readRanges(r, expose, allowPublic),
        overrides: r.optional('overrides', overrides),
        identity: readIdentity(r),
        forceConflicts: r.value('force-conflicts', parse/* boolean */.zM),
        dryRun: readDryRun(r),
        renderOnly: r.value('render-only', parse/* boolean */.zM),
        manifestsDir: r.optional('manifests-dir', (v) => (0,parse/* singleLine */.pF)(v, '${{ runner.temp }}/manifests')),
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
    const dryRun = r.value('dry-run', parse/* boolean */.zM);
    if (dryRun && r.raw('render-only') === 'true')
        r.problem('dry-run', 'needs a cluster, and render-only contacts none', 'dry-run: true with render-only: false');
    return dryRun;
}
/** Azure resource names: letters, digits, '-', '_', '.', '(' , ')' ; at most 90 characters. */
function armName(raw, example) {
    if (!/^[-\w.()]{1,90}$/.test(raw) || raw.endsWith('.'))
        throw new parse/* ParseError */.mB('is not an Azure resource name (letters, digits, - _ . ( ))', example);
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
    const n = r.value('sync-replicas', (v) => (0,parse/* integer */.nd)(v, 0, 9, '1'));
    if (n >= instances) {
        r.problem('sync-replicas', `${n} must be less than instances (${instances}): a commit would wait for standbys that do not exist`, `${Math.max(0, instances - 1)}`);
    }
    return n;
}
function dnsLabel(raw) {
    return (0,parse/* objectName */.Hd)(raw, 'pg-orders-prod');
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
    const requested = r.value('backup-credentials', (v) => (0,parse/* oneOf */.yL)(v, ['auto', ...BACKUP_CREDENTIALS]));
    const secret = r.optional('backup-credentials-secret', (v) => (0,parse/* objectName */.Hd)(v, 'pg-backup-creds'));
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
        const inputs = readDeployInputs(ctx.getInput);
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
        await trustIdentity(inputs, conn, ctx, step);
        const annotations = (0,objects/* traceAnnotations */.kd)((0,context/* runOrigin */.sd)(ctx.env));
        const installed = await step.phase(inputs.dryRun ? 'Dry run' : 'Apply', () => install(conn.http, inputs, rendered.objects, { ...ctx, annotations }));
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
    const trust = await step.phase('Federated credential', () => ensureIdentityTrust(arm, {
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

/***/ 58517:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dq: () => (/* binding */ deleteFederatedCredential),
/* harmony export */   FW: () => (/* binding */ FIC_API_VERSION),
/* harmony export */   Tr: () => (/* binding */ federatedCredentialName),
/* harmony export */   YR: () => (/* binding */ ensureFederatedCredential)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _login_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(68348);
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

/***/ 68348:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mz: () => (/* binding */ loginError),
/* harmony export */   PN: () => (/* binding */ idTokenError),
/* harmony export */   RK: () => (/* binding */ TOKEN_EXCHANGE_AUDIENCE),
/* harmony export */   kc: () => (/* binding */ errorText)
/* harmony export */ });
/* unused harmony export aadstsCode */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
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


/***/ }),

/***/ 5721:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  h3: () => (/* binding */ BARMAN_CLOUD_GROUP_VERSION),
  yX: () => (/* binding */ CNPG_GROUP_VERSION),
  "if": () => (/* binding */ discoverCnpg),
  HP: () => (/* binding */ unservedMonitoring)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
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


/***/ }),

/***/ 29616:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AF: () => (/* binding */ PLUGIN_NAME),
/* harmony export */   _n: () => (/* binding */ WORKLOAD_IDENTITY_LABEL),
/* harmony export */   iC: () => (/* binding */ objectStoreName),
/* harmony export */   kd: () => (/* binding */ traceAnnotations),
/* harmony export */   mI: () => (/* binding */ meta)
/* harmony export */ });
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


/***/ })

};
