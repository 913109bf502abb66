export const id = 270;
export const ids = [270];
export const modules = {

/***/ 2270:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  applyDeploy: () => (/* binding */ applyDeploy)
});

// EXTERNAL MODULE: ./src/azure/federated-credential.ts
var federated_credential = __webpack_require__(8517);
;// CONCATENATED MODULE: ./src/cnpg/health.ts
// When a CNPG Cluster counts as healthy, and the progress lines a person wants while waiting:
// each phase change, and each instance that becomes ready. Pure functions over the object.
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
            lines.push(`phase: ${s.phase ?? '(no phase yet)'}${s.phaseReason ? ` (${s.phaseReason})` : ''}`);
        }
        const want = cluster.spec?.instances ?? s.instances ?? 0;
        const healthy = s.instancesStatus?.healthy ?? [];
        for (const name of healthy) {
            if (this.#ready.has(name))
                continue;
            this.#ready.add(name);
            lines.push(`instance ${name} ready (${this.#ready.size}/${want})`);
        }
        for (const name of [...this.#ready])
            if (!healthy.includes(name))
                this.#ready.delete(name);
        if (s.currentPrimary && s.currentPrimary !== this.#primary) {
            this.#primary = s.currentPrimary;
            lines.push(`primary: ${s.currentPrimary}${s.timelineID ? ` (timeline ${s.timelineID})` : ''}`);
        }
        return lines;
    }
    #set(phase, line) {
        this.#phase = phase;
        return [line];
    }
}

// EXTERNAL MODULE: ./src/cnpg/objects.ts
var cnpg_objects = __webpack_require__(9616);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/kube/errors.ts
// Errors of the Kubernetes API as pgha reports them: what pgha was doing, the API's status
// and reason, the fields it names, and a hint for the failures users meet most.
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
    const reason = body.reason ?? `HTTP ${status}`;
    const hint = HINTS[status];
    const message = `${context}: ${status} ${reason}: ${body.message ?? ''}${hint ? `. ${hint}` : ''}`;
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(3243);
;// CONCATENATED MODULE: ./src/kube/config.ts
// Which cluster pgha talks to, as a client-node KubeConfig: an AKS cluster's credentials
// fetched after the OIDC login (Entra ID tokens supplied by a client-node authenticator, no
// kubelogin), the `kubeconfig` input, or KUBECONFIG / ~/.kube/config. client-node is imported
// only here and only when a run contacts a cluster.






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
async function loadKubeConfig(source, context) {
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
        throw new errors/* ConfigurationError */.j1(`input 'kubeconfig': ${describeSource(source)} is not a valid kubeconfig: ${error.message} (example: the output of az aks get-credentials --file -)`);
    }
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

;// CONCATENATED MODULE: ./src/kube/diagnostics.ts
async function listInstancePods(http, namespace, cluster) {
    const { body } = await http.json({
        method: 'GET',
        path: `/api/v1/namespaces/${namespace}/pods`,
        query: { labelSelector: `cnpg.io/cluster=${cluster},cnpg.io/podRole=instance` },
        context: `listing the instance pods of ${cluster}`,
    });
    return body.items
        .map((p) => {
        const waiting = p.status?.containerStatuses
            ?.flatMap((c) => Object.values(c.state ?? {}).map((s) => s.reason))
            .find(Boolean);
        const detail = p.status?.message ?? p.status?.reason ?? waiting;
        return {
            name: p.metadata.name,
            role: p.metadata.labels?.['cnpg.io/instanceRole'] ?? p.metadata.labels?.role ?? '',
            phase: p.metadata.deletionTimestamp ? 'Terminating' : (p.status?.phase ?? 'Unknown'),
            ready: p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
            ...(p.spec?.nodeName ? { node: p.spec.nodeName } : {}),
            ...(detail ? { detail } : {}),
        };
    })
        .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}
/** A plain-text report for the failure message; never throws (diagnostics are best effort). */
async function gatherDiagnostics(http, namespace, cluster, last) {
    const lines = [];
    const status = (last?.status ?? {});
    lines.push(last
        ? `Cluster ${cluster}: phase '${status.phase ?? '(none)'}'${status.phaseReason ? ` (${status.phaseReason})` : ''}, readyInstances ${status.readyInstances ?? 0}`
        : `Cluster ${cluster}: not found`);
    for (const c of status.conditions ?? [])
        lines.push(`  condition ${c.type}=${c.status}${c.reason ? ` ${c.reason}` : ''}${c.message ? `: ${c.message}` : ''}`);
    try {
        const pods = await listInstancePods(http, namespace, cluster);
        if (pods.length === 0)
            lines.push('Instance pods: none');
        for (const p of pods)
            lines.push(`  pod ${p.name}: ${p.phase}${p.ready ? ', ready' : ', not ready'}${p.role ? `, ${p.role}` : ''}${p.detail ? ` (${p.detail})` : ''}`);
        const events = await recentEvents(http, namespace, cluster, pods.map((p) => p.name));
        if (events.length > 0)
            lines.push('Recent events:');
        for (const e of events)
            lines.push(`  ${e}`);
    }
    catch (error) {
        lines.push(`(could not read pods or events: ${error instanceof Error ? error.message : String(error)})`);
    }
    return lines.join('\n');
}
async function recentEvents(http, namespace, cluster, pods) {
    const { body } = await http.json({
        method: 'GET',
        path: `/api/v1/namespaces/${namespace}/events`,
        context: `listing the events of ${namespace}`,
    });
    const names = new Set([cluster, ...pods]);
    return body.items
        .filter((e) => names.has(e.involvedObject?.name ?? ''))
        .sort((a, b) => time(a).localeCompare(time(b)))
        .slice(-10)
        .map((e) => `${time(e)} ${e.type ?? ''} ${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''} ${e.reason ?? ''}: ${e.message ?? ''}`);
}
function time(e) {
    return e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '';
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

;// CONCATENATED MODULE: ./src/kube/watch.ts

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
            const outcome = await watchOnce(http, target, fieldSelector, resourceVersion, hooks, now);
            failures = 0;
            if (outcome.kind === 'done')
                return outcome.value;
            last = outcome.last ?? last;
            resourceVersion = outcome.resourceVersion;
            if (outcome.reason !== 'deadline')
                hooks.onReconnect?.(outcome.reason);
        }
        catch (error) {
            failures++;
            const delay = http.retryDelay(error, failures);
            if (delay === undefined)
                throw error;
            hooks.onReconnect?.(error instanceof Error ? error.message : String(error));
            await new Promise((r) => setTimeout(r, Math.min(delay, Math.max(0, hooks.deadline - now()))));
        }
    }
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
            return { kind: 'ended', reason: 'deadline', resourceVersion };
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
                    };
                }
                version = event.object.metadata.resourceVersion ?? version;
                if (event.type === 'BOOKMARK')
                    continue;
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
        };
    }
    return {
        kind: 'ended',
        reason: 'watch connection closed',
        resourceVersion: version,
        ...(last ? { last } : {}),
    };
}
async function statusError(res, what) {
    let text = '';
    for await (const chunk of res)
        text += String(chunk);
    const retryAfter = res.headers['retry-after'];
    return kubeApiError(res.statusCode ?? 0, text, `watching ${what}`, typeof retryAfter === 'string' ? retryAfter : undefined);
}

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
;// CONCATENATED MODULE: ./src/report/deploy-applied-summary.ts

function appliedSummary(r) {
    const { inputs } = r;
    const title = inputs.dryRun
        ? `## pgha deploy: ${(0,markdown/* escapeHtml */.ZD)(inputs.clusterName)} (dry run, nothing written)\n`
        : `## pgha deploy: ${(0,markdown/* escapeHtml */.ZD)(inputs.clusterName)} is healthy\n`;
    const parts = [title, headline(r), '### Objects\n', objectsTable(r)];
    if (r.identity)
        parts.push(`Federated credential ${(0,markdown/* code */.aY)(r.identity.name)} of managed identity ${(0,markdown/* code */.aY)(r.identity.identity)} for ${(0,markdown/* code */.aY)(r.identity.subject)}: ${(0,markdown/* escapeHtml */.ZD)(r.identity.change)}.\n`);
    if (r.pods.length > 0)
        parts.push('### Instances\n', instancesTable(r), diagram(r));
    parts.push('### Timings\n', timingsTable(r));
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
function instancesTable(r) {
    return (0,markdown/* table */.tp)(['instance', 'role', 'ready', 'node', 'zone'], r.pods.map((p) => [p.name, p.role, p.ready ? 'yes' : 'no', p.node ?? '', p.zone ?? 'unknown']));
}
/** Services, primary and replicas as they are now. */
function diagram(r) {
    const name = (s) => s.replace(/["<>`\n\r]/g, '_');
    const c = name(r.inputs.clusterName);
    const lines = ['```mermaid', 'flowchart LR', `  rw(["${c}-rw"])`, `  ro(["${c}-ro"])`];
    r.pods.forEach((p, i) => {
        const primary = p.role === 'primary';
        lines.push(`  i${i}["${name(p.name)} (${primary ? 'primary' : 'replica'})${p.zone ? `<br/>${name(p.zone)}` : ''}"]`);
        lines.push(primary ? `  rw --> i${i}` : `  ro --> i${i}`);
    });
    const primaryIndex = r.pods.findIndex((p) => p.role === 'primary');
    r.pods.forEach((p, i) => {
        if (i !== primaryIndex && primaryIndex >= 0)
            lines.push(`  i${primaryIndex} -. streaming .-> i${i}`);
    });
    return [...lines, '```', ''].join('\n');
}
function timingsTable(r) {
    const rows = r.timings.map((t) => [t.step, (0,markdown/* formatSeconds */.Xo)(t.ms)]);
    if (r.readySeconds !== undefined)
        rows.push(['total until healthy', `${r.readySeconds.toFixed(1)} s`]);
    return (0,markdown/* table */.tp)(['step', 'time'], rows);
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


async function connect(inputs, ctx) {
    const azure = inputs.azure ? await loginToAzure(inputs, ctx) : undefined;
    const config = await loadKubeConfig(await kubeSource(inputs, ctx, azure), inputs.context);
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

// EXTERNAL MODULE: ./src/actions/deploy.ts + 14 modules
var deploy = __webpack_require__(1715);
;// CONCATENATED MODULE: ./src/actions/deploy-apply.ts
// deploy against a cluster: connect (OIDC login and AKS credentials, or a kubeconfig), find
// what the cluster serves, ensure the backup identity's federated credential, create the
// namespace and bootstrap Secret when absent, server-side apply every object, watch the
// Cluster until healthy, then set the outputs and write the summary.













async function applyDeploy(inputs, ctx) {
    const started = ctx.now();
    const deadline = started + inputs.timeoutMs;
    const timings = [];
    const lap = (step, since) => {
        timings.push({ step, ms: ctx.now() - since });
    };
    let t = ctx.now();
    const conn = await ctx.logger.group('Connect', () => connect(inputs, ctx));
    // Before anything can fail, so that a later `if: failure()` kubectl step can look around.
    if (inputs.writeKubeconfig)
        ctx.setOutput('kubeconfig-path', await writeKubeconfigFile(conn.config, ctx.env.RUNNER_TEMP ?? '/tmp'));
    const served = await servedGroupVersions(conn.http);
    lap('connect', t);
    requireCnpg(served, conn);
    const backup = (0,deploy.chooseBackupMethod)(inputs, served.has('barmancloud.cnpg.io/v1'));
    const skipped = unservedMonitoring(inputs, served);
    for (const s of skipped)
        ctx.logger.warning(`The cluster does not serve ${s}: no PodMonitor applied for it (install its CRD to get metrics scraped)`);
    const { rendered, file } = await (0,deploy.renderAndWrite)(inputs, backup, ctx, new Set(skipped));
    t = ctx.now();
    const identity = await ensureIdentityTrust(inputs, conn, ctx);
    const { namespace, secret, results } = await ctx.logger.group('Apply', async () => {
        const labels = { 'app.kubernetes.io/managed-by': 'pgha' };
        const ns = await ensureNamespace(conn.http, inputs.namespace, labels, inputs.dryRun);
        ctx.logger.info(`Namespace ${inputs.namespace}: ${ns}`);
        const sec = await ensureAppSecret(conn.http, {
            namespace: inputs.namespace,
            name: inputs.appSecret,
            username: inputs.owner,
            labels: { ...labels, 'cnpg.io/reload': 'true' },
            annotations: (0,cnpg_objects/* traceAnnotations */.kd)((0,deploy.runOrigin)(ctx.env)),
        }, ctx.setSecret, inputs.dryRun);
        ctx.logger.info(`Secret ${inputs.appSecret}: ${sec}${sec === 'unchanged' ? ' (kept, password not read)' : ''}`);
        const objects = rendered.objects;
        const res = await applyObjects(conn.http, objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: inputs.namespace } })), { force: inputs.forceConflicts, dryRun: inputs.dryRun }, (r) => {
            ctx.logger.info(`${r.kind} ${r.name}: ${r.action}${r.changedPaths.length > 0 ? ` (${r.changedPaths.join(', ')})` : ''}`);
        });
        return { namespace: ns, secret: sec, results: res };
    });
    lap(inputs.dryRun ? 'dry-run apply' : 'apply', t);
    const base = { inputs, backup, file, results, namespace, secret, identity, timings, server: conn.config.server };
    ctx.setOutput('backup-method', inputs.backup ? backup.method : 'none');
    ctx.setOutput('app-secret', inputs.appSecret);
    ctx.setOutput('rw-service', `${inputs.clusterName}-rw`);
    ctx.setOutput('ro-service', `${inputs.clusterName}-ro`);
    if (inputs.dryRun) {
        await ctx.writeSummary(appliedSummary({ ...base, pods: [], requests: conn.http.requests }));
        return;
    }
    t = ctx.now();
    const cluster = await ctx.logger.group('Wait for the Cluster to be healthy', () => waitHealthy(conn.http, inputs, deadline, ctx));
    lap('wait until healthy', t);
    const readySeconds = (ctx.now() - started) / 1000;
    const pods = await withZones(conn.http, await listInstancePods(conn.http, inputs.namespace, inputs.clusterName));
    const primary = cluster.status?.currentPrimary ?? '';
    ctx.setOutput('primary', primary);
    ctx.setOutput('ready-seconds', readySeconds.toFixed(1));
    ctx.logger.info(`Cluster ${inputs.clusterName} is healthy: primary ${primary}, ${pods.length} instances, ${readySeconds.toFixed(1)} s after the first request (${conn.http.requests} API requests)`);
    await ctx.writeSummary(appliedSummary({ ...base, pods, primary, readySeconds, requests: conn.http.requests }));
}
async function servedGroupVersions(http) {
    const { body } = await http.json({
        method: 'GET',
        path: '/apis',
        context: 'discovering the API groups the cluster serves',
    });
    return new Set((body.groups ?? []).flatMap((g) => (g.versions ?? []).map((v) => v.groupVersion)));
}
function requireCnpg(served, conn) {
    if (!served.has('postgresql.cnpg.io/v1'))
        throw new errors/* ConfigurationError */.j1(`the cluster at ${conn.config.server} does not serve postgresql.cnpg.io/v1: the CloudNativePG operator is not installed. ` +
            'Install it first, e.g. kubectl apply --server-side -f https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/release-1.30/releases/cnpg-1.30.0.yaml, or with its Helm chart.');
}
function unservedMonitoring(inputs, served) {
    const wanted = [];
    if (inputs.monitoring === 'podmonitor' || inputs.monitoring === 'both')
        wanted.push('monitoring.coreos.com/v1');
    if (inputs.monitoring === 'managed-prometheus' || inputs.monitoring === 'both')
        wanted.push('azmonitoring.coreos.com/v1');
    return wanted.filter((gv) => !served.has(gv)).map((gv) => `${gv}/PodMonitor`);
}
/** The backup identity trusts the cluster's service account through the AKS OIDC issuer. */
async function ensureIdentityTrust(inputs, conn, ctx) {
    if (!inputs.identity || !conn.azure || !inputs.azure || !inputs.aks)
        return undefined;
    const aks = await conn.azure.arm.getManagedCluster(inputs.azure.subscriptionId, inputs.aks.resourceGroup, inputs.aks.cluster);
    if (!aks.oidcIssuerUrl)
        throw new errors/* ConfigurationError */.j1(`input 'identity-name': AKS cluster ${inputs.aks.cluster} has no OIDC issuer, so no workload can federate with ${inputs.identity.name}. Enable it: az aks update -g ${inputs.aks.resourceGroup} -n ${inputs.aks.cluster} --enable-oidc-issuer --enable-workload-identity`);
    const spec = {
        subscriptionId: inputs.azure.subscriptionId,
        resourceGroup: inputs.identity.resourceGroup,
        identity: inputs.identity.name,
        name: (0,federated_credential/* federatedCredentialName */.Tr)(inputs.namespace, inputs.clusterName),
        issuer: aks.oidcIssuerUrl,
        subject: `system:serviceaccount:${inputs.namespace}:${inputs.clusterName}`,
    };
    const change = inputs.dryRun ? 'not checked (dry run)' : await conn.azure.arm.ensureFederatedCredential(spec);
    ctx.logger.info(`Federated credential ${spec.name} of ${spec.identity} for ${spec.subject}: ${change}`);
    return { name: spec.name, identity: spec.identity, subject: spec.subject, change };
}
async function waitHealthy(http, inputs, deadline, ctx) {
    const progress = new ProgressTracker();
    const collection = collectionPath(CNPG_CLUSTER.apiVersion, CNPG_CLUSTER.kind, inputs.namespace);
    try {
        return await waitFor(http, { collection, name: inputs.clusterName, what: `Cluster ${inputs.clusterName} to be healthy` }, {
            deadline,
            now: ctx.now,
            check: (obj) => {
                const view = obj;
                for (const line of progress.update(view))
                    ctx.logger.info(line);
                return isHealthy(view) ? view : undefined;
            },
            onReconnect: (reason) => {
                ctx.logger.info(`Watch interrupted (${reason}); resuming`);
            },
        });
    }
    catch (error) {
        if (!(error instanceof WatchTimeout))
            throw error;
        const report = await gatherDiagnostics(http, inputs.namespace, inputs.clusterName, error.last);
        throw new Error(`Cluster ${inputs.clusterName} did not reach '${HEALTHY_PHASE}' with ${inputs.instances} ready instances within timeout ${Math.round(inputs.timeoutMs / 1000)} s.\n${report}`, { cause: error });
    }
}
/** Adds the zone of each pod's node when the identity may read nodes; else leaves it out. */
async function withZones(http, pods) {
    if (!pods.some((p) => p.node))
        return pods;
    try {
        const { body } = await http.json({
            method: 'GET',
            path: '/api/v1/nodes',
            context: 'listing nodes for their zones',
        });
        const zones = new Map(body.items.map((n) => [n.metadata.name, n.metadata.labels?.['topology.kubernetes.io/zone']]));
        return pods.map((p) => {
            const zone = p.node ? zones.get(p.node) : undefined;
            return zone ? { ...p, zone } : p;
        });
    }
    catch {
        return pods;
    }
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
