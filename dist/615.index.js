export const id = 615;
export const ids = [615];
export const modules = {

/***/ 5615:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  teardown: () => (/* binding */ teardown)
});

// EXTERNAL MODULE: ./src/azure/federated-credential.ts
var federated_credential = __webpack_require__(58517);
// EXTERNAL MODULE: ./src/cnpg/discovery.ts + 1 modules
var discovery = __webpack_require__(5721);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/kube/read.ts
var read = __webpack_require__(91437);
// EXTERNAL MODULE: ./src/kube/resources.ts
var resources = __webpack_require__(26804);
// EXTERNAL MODULE: ./src/cnpg/backup-config.ts
var backup_config = __webpack_require__(15075);
;// CONCATENATED MODULE: ./src/cnpg/backup-data.ts
// Where a cluster's backup data is and what reaches it, read from the object store
// configuration CNPG archives with (the plugin's ObjectStore spec.configuration or the in-core
// spec.backup.barmanObjectStore; facts §8): Azure Blob Storage through the workflow's Azure
// login, S3 through the access keys the configuration names in s3Credentials. What pgha cannot
// reach (an IAM role of the pods, Google Cloud Storage) is refused here, before any deletion.

/** The configuration the archive writes with. */
function configurationOf(archive, cluster, store) {
    if (archive.kind === 'in-core')
        return cluster?.spec?.backup?.barmanObjectStore ?? {};
    return store?.spec?.configuration ?? {};
}
/** The data at `destination` (no trailing slash), or why pgha refuses to delete it. */
function backupDataAt(cluster, destination, serverName, config) {
    const where = `${destination}/${serverName}/`;
    if (destination.startsWith('https://'))
        return { kind: 'azure', destination, serverName };
    if (!destination.startsWith('s3://'))
        throw new errors/* ConfigurationError */.j1(`input 'delete-backups': the backups of ${cluster} are in ${destination}, and pgha deletes object-store data only in Azure Blob Storage (https://<account>.blob.core.windows.net/<container>) and S3 (s3://<bucket>/<path>); delete ${where} yourself, or run with delete-backups: false (example: delete-backups: false)`);
    const creds = config.s3Credentials;
    if (creds?.inheritFromIAMRole)
        throw new errors/* ConfigurationError */.j1(`input 'delete-backups': the backups of ${cluster} in ${destination} are reached with the IAM role of the cluster's pods (s3Credentials.inheritFromIAMRole: true), which pgha, running on the GitHub runner, cannot use. Delete ${where} with the role yourself (aws s3 rm --recursive ${where}) and run with delete-backups: false, or deploy with access keys in a Secret (backup-credentials: s3-keys, backup-credentials-secret: <Secret with ACCESS_KEY_ID and ACCESS_SECRET_KEY>) (example: delete-backups: false)`);
    const accessKeyId = selector(creds?.accessKeyId);
    const secretAccessKey = selector(creds?.secretAccessKey);
    if (!accessKeyId || !secretAccessKey)
        throw new errors/* ConfigurationError */.j1(`input 'delete-backups': the backup configuration of ${cluster} (destinationPath ${destination}) names no access keys in s3Credentials (accessKeyId and secretAccessKey, each a Secret name and key), so pgha has nothing to sign with; delete ${where} yourself, or run with delete-backups: false (example: delete-backups: false)`);
    const sessionToken = selector(creds?.sessionToken);
    const region = selector(creds?.region);
    return {
        kind: 's3',
        destination,
        serverName,
        ...(config.endpointURL ? { endpointURL: config.endpointURL } : {}),
        credentials: {
            accessKeyId,
            secretAccessKey,
            ...(sessionToken ? { sessionToken } : {}),
            ...(region ? { region } : {}),
        },
    };
}
function selector(ref) {
    return ref?.name && ref.key ? { name: ref.name, key: ref.key } : undefined;
}

// EXTERNAL MODULE: ./src/cnpg/backups.ts
var cnpg_backups = __webpack_require__(24487);
// EXTERNAL MODULE: ./src/cnpg/objects.ts
var objects = __webpack_require__(29616);
// EXTERNAL MODULE: ./src/cnpg/recovery-window.ts
var recovery_window = __webpack_require__(88222);
;// CONCATENATED MODULE: ./src/cnpg/teardown-plan.ts
// teardown's inventory, made before anything is deleted: the Cluster and whether pgha deployed
// it, what deploy created for it (found by pgha's labels, never by guessing names), the
// throwaway restore-verify Clusters to sweep, and with delete-backups the Backups and where
// the backup data is and what reaches it. Every refusal (a foreign Cluster, backups that are not
// pgha's to delete or that pgha cannot reach) is raised here, so that a refused run changes
// nothing.









/** Kinds deploy creates next to the Cluster, in deletion order, with the group version serving them. */
const AROUND = [
    { apiVersion: discovery/* CNPG_GROUP_VERSION */.yX, kind: 'ScheduledBackup' },
    { apiVersion: discovery/* CNPG_GROUP_VERSION */.yX, kind: 'Pooler' },
    { apiVersion: 'v1', kind: 'Service' },
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor' },
    { apiVersion: 'azmonitoring.coreos.com/v1', kind: 'PodMonitor' },
];
const deploySelector = (cluster) => `${objects/* CLUSTER_LABEL */.eq}=${cluster},${objects/* ROLE_LABEL */.eg}=deploy`;
function isPghaManaged(o) {
    return o.metadata.labels?.[objects/* MANAGED_BY */.Kf] === 'pgha';
}
async function planTeardown(d, inputs) {
    const { namespace, clusterName: name } = inputs;
    const cluster = await (0,read/* readObject */.Ag)(d.http, { ...resources/* CNPG_CLUSTER */.wn, namespace, name });
    const owned = cluster !== undefined && isPghaManaged(cluster);
    if (cluster && !owned && !inputs.force)
        throw new errors/* ConfigurationError */.j1(`Cluster ${name} in namespace ${namespace} was not created by pgha (no label app.kubernetes.io/managed-by: pgha): teardown leaves it alone. To delete it anyway, set force: true (example: force: true)`);
    if (cluster && !owned && inputs.deleteBackups)
        throw new errors/* ConfigurationError */.j1(`input 'delete-backups': Cluster ${name} in namespace ${namespace} was not created by pgha, and pgha deletes the backups only of a cluster it deployed; its Backups and object-store data stay (example: delete-backups: false)`);
    const kept = [];
    const around = [];
    for (const kind of AROUND) {
        if (kind.apiVersion !== 'v1' && !d.served.has(kind.apiVersion))
            continue;
        const found = await (0,read/* listObjects */.L)(d.http, kind, namespace, deploySelector(name));
        around.push(...found.map(read/* refOf */.H8));
    }
    const swept = await sweepable(d, inputs);
    const clusters = await (0,read/* listObjects */.L)(d.http, resources/* CNPG_CLUSTER */.wn, namespace);
    const others = clusters.filter((c) => c.metadata.name !== name && !swept.some((s) => s.name === c.metadata.name));
    const stores = await objectStores(d, namespace);
    const store = objectStoreOf(stores, name, cluster);
    const after = store ? [(0,read/* refOf */.H8)(store)] : [];
    let data;
    if (inputs.deleteBackups) {
        const backups = await (0,cnpg_backups/* listBackups */.Cw)(d.http, namespace);
        after.push(...backups
            .filter((b) => b.spec?.cluster?.name === name)
            .map((b) => ({ ...cnpg_backups/* BACKUP */.DW, namespace, name: b.metadata.name })));
        data = backupData(inputs, cluster, { store, stores }, others, kept);
    }
    else if (cluster && (0,backup_config/* walArchiveOf */.CP)(cluster)) {
        kept.push({ what: 'Backups and object-store data', why: 'delete-backups is false' });
    }
    const ours = new Set([
        name,
        ...swept.map((s) => s.name),
        ...around.filter((t) => t.kind === 'Pooler').map((t) => t.name),
    ]);
    const secrets = await ownSecrets(d, inputs, others, kept);
    const ns = await ownNamespace(d, inputs, ours, others, kept);
    return {
        ...(cluster ? { cluster } : {}),
        owned,
        around,
        swept,
        after,
        ...(data ? { data } : {}),
        secrets,
        ...(ns ? { namespace: ns } : {}),
        kept,
    };
}
/** The namespace's ObjectStores, when the plugin's CRD is served. */
async function objectStores(d, namespace) {
    if (!d.served.has(discovery/* BARMAN_CLOUD_GROUP_VERSION */.h3))
        return [];
    const kind = { apiVersion: discovery/* BARMAN_CLOUD_GROUP_VERSION */.h3, kind: 'ObjectStore' };
    return (0,read/* listObjects */.L)(d.http, kind, namespace);
}
/** The ObjectStore deploy rendered for the Cluster: labelled for it, the one it archives to first. */
function objectStoreOf(stores, name, cluster) {
    const labels = (s) => s.metadata.labels ?? {};
    const ours = stores.filter((s) => labels(s)[objects/* CLUSTER_LABEL */.eq] === name && labels(s)[objects/* ROLE_LABEL */.eg] === 'deploy');
    const archive = cluster ? (0,backup_config/* walArchiveOf */.CP)(cluster) : undefined;
    const named = archive?.kind === 'plugin'
        ? ours.find((s) => s.metadata.name === archive.objectStore)
        : undefined;
    return named ?? ours[0];
}
/** Where the cluster's backups are; refused when another Cluster still archives there. */
function backupData(inputs, cluster, { store, stores }, others, kept) {
    const archive = cluster
        ? (0,backup_config/* walArchiveOf */.CP)(cluster)
        : store
            ? { kind: 'plugin', objectStore: store.metadata.name, serverName: inputs.clusterName }
            : undefined;
    if (!archive) {
        kept.push({
            what: 'object-store data',
            why: cluster
                ? 'the Cluster archives nowhere'
                : 'the Cluster and its ObjectStore are gone: where its data was is not known any more',
        });
        return undefined;
    }
    const destination = (0,recovery_window/* destinationOf */.My)(archive, store).replace(/\/+$/, '');
    if (destination === '') {
        kept.push({
            what: 'object-store data',
            why: `ObjectStore ${archive.kind === 'plugin' ? archive.objectStore : ''} is gone: where the data was is not known any more`,
        });
        return undefined;
    }
    const sharing = others.filter((c) => {
        const a = (0,backup_config/* walArchiveOf */.CP)(c);
        if (!a || a.serverName !== archive.serverName)
            return false;
        const theirs = stores.find((s) => a.kind === 'plugin' && s.metadata.name === a.objectStore);
        return (0,recovery_window/* destinationOf */.My)(a, theirs).replace(/\/+$/, '') === destination;
    });
    if (sharing.length > 0)
        throw new errors/* ConfigurationError */.j1(`input 'delete-backups': Cluster ${sharing.map((c) => c.metadata.name).join(', ')} still archives to ${destination}/${archive.serverName}/, the data of ${inputs.clusterName}; pgha deletes nothing another Cluster writes (example: delete-backups: false)`);
    const config = configurationOf(archive, cluster, store);
    return backupDataAt(inputs.clusterName, destination, archive.serverName, config);
}
/** restore-verify Clusters of this source older than sweep-older-than, in the namespace. */
async function sweepable(d, inputs) {
    if (inputs.sweepOlderThanMs === undefined)
        return [];
    const selector = `${objects/* MANAGED_BY */.Kf}=pgha,${objects/* CLUSTER_LABEL */.eq}=${inputs.clusterName},${objects/* ROLE_LABEL */.eg}=restore-verify`;
    const found = await (0,read/* listObjects */.L)(d.http, resources/* CNPG_CLUSTER */.wn, inputs.namespace, selector);
    const limit = inputs.sweepOlderThanMs;
    return found
        .filter((c) => {
        const created = Date.parse(c.metadata.creationTimestamp ?? '');
        return !Number.isNaN(created) && d.now - created >= limit;
    })
        .map(read/* refOf */.H8);
}
/** The application Secret when pgha created it for this cluster and no other Cluster uses it. */
async function ownSecrets(d, inputs, others, kept) {
    const secrets = await (0,read/* listObjects */.L)(d.http, { apiVersion: 'v1', kind: 'Secret' }, inputs.namespace, deploySelector(inputs.clusterName));
    return secrets.flatMap((s) => {
        const users = others.filter((c) => initdbSecret(c) === s.metadata.name);
        if (users.length === 0)
            return [(0,read/* refOf */.H8)(s)];
        kept.push({
            what: `Secret/${s.metadata.name}`,
            why: `Cluster ${users.map((u) => u.metadata.name).join(', ')} uses it too`,
        });
        return [];
    });
}
/** The Namespace when pgha created it for this cluster and nothing else lives in it. */
async function ownNamespace(d, inputs, ours, others, kept) {
    const ref = { apiVersion: 'v1', kind: 'Namespace', name: inputs.namespace };
    const labels = (await (0,read/* readObject */.Ag)(d.http, ref))?.metadata.labels ?? {};
    if (labels[objects/* CLUSTER_LABEL */.eq] !== inputs.clusterName || labels[objects/* ROLE_LABEL */.eg] !== 'deploy')
        return undefined;
    const tenants = [
        ...others.map((o) => `Cluster/${o.metadata.name}`),
        ...(await foreignPods(d, inputs.namespace, ours)).map((p) => `Pod/${p}`),
    ];
    if (tenants.length === 0)
        return ref;
    kept.push({
        what: `Namespace/${inputs.namespace}`,
        why: `pgha created it for ${inputs.clusterName}, but ${tenants.slice(0, 5).join(', ')}${tenants.length > 5 ? ', ...' : ''} ${tenants.length === 1 ? 'lives' : 'live'} in it`,
    });
    return undefined;
}
/** Pods of the namespace that belong to none of `ours` (Clusters and Poolers being deleted). */
async function foreignPods(d, namespace, ours) {
    const pods = await (0,read/* listObjects */.L)(d.http, { apiVersion: 'v1', kind: 'Pod' }, namespace);
    return pods
        .filter((p) => {
        const l = p.metadata.labels ?? {};
        const owner = l['cnpg.io/cluster'] ?? l['cnpg.io/poolerName'];
        return owner === undefined || !ours.has(owner);
    })
        .map((p) => p.metadata.name);
}
function initdbSecret(c) {
    const spec = c.spec;
    return spec?.bootstrap?.initdb?.secret?.name;
}

// EXTERNAL MODULE: ./src/cnpg/deletion.ts
var deletion = __webpack_require__(60636);
// EXTERNAL MODULE: ./src/inputs/parse.ts
var parse = __webpack_require__(13718);
// EXTERNAL MODULE: ./src/inputs/parse-deploy.ts + 1 modules
var parse_deploy = __webpack_require__(16242);
// EXTERNAL MODULE: ./src/inputs/read.ts
var inputs_read = __webpack_require__(44245);
// EXTERNAL MODULE: ./src/inputs/read-deploy.ts + 2 modules
var read_deploy = __webpack_require__(36677);
// EXTERNAL MODULE: ./src/inputs/spec.ts
var spec = __webpack_require__(27026);
;// CONCATENATED MODULE: ./src/inputs/read-teardown.ts
// teardown's inputs, read and cross-checked into one frozen TeardownInputs before any request:
// what may be deleted (force, delete-backups, sweep-older-than), whether to wait, the identity
// whose federated credentials go, and where the backup storage account is reached.





/** The Blob service URL to use instead of the destination's host; a path (an account) may follow. */
function blobEndpoint(raw) {
    const url = (0,parse/* httpsUrl */.N3)(raw, 'https://10.0.0.5 or https://127.0.0.1:10000/devstoreaccount1');
    return url.href.replace(/\/+$/, '');
}
function readTeardownInputs(get) {
    const r = (0,inputs_read/* inputReader */.cN)(get, spec/* ACTIONS */.kl.teardown.inputs);
    const shared = (0,inputs_read/* readShared */.qA)(r);
    const inputs = {
        ...shared,
        force: r.value('force', parse/* boolean */.zM),
        deleteBackups: r.value('delete-backups', parse/* boolean */.zM),
        wait: r.value('wait', parse/* boolean */.zM),
        sweepOlderThanMs: r.optional('sweep-older-than', (v) => (0,parse/* duration */.p0)(v, '6h', 366 * inputs_read/* MAX_TIMEOUT_MS */.mn)),
        identity: (0,read_deploy/* readIdentity */.xN)(r),
        blobEndpoint: r.optional('blob-endpoint', blobEndpoint),
        s3Endpoint: r.optional('s3-endpoint', parse_deploy/* endpointUrl */.Pb),
    };
    return r.finish(inputs);
}

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
// EXTERNAL MODULE: ./src/report/step-summary.ts
var step_summary = __webpack_require__(49211);
;// CONCATENATED MODULE: ./src/report/teardown-summary.ts


function teardownSummary(result) {
    const f = result.facts;
    if (!f.inputs)
        return '';
    const deleted = (f.deletions ?? []).filter((d) => d.outcome !== 'absent');
    const parts = [
        `## pgha teardown: ${(0,markdown/* escapeHtml */.ZD)(f.inputs.clusterName)} in ${(0,markdown/* code */.aY)(f.inputs.namespace)}\n`,
        result.failure ? (0,step_summary/* failureSection */.m)(result.failure) : verdict(f, deleted),
    ];
    if (deleted.length > 0)
        parts.push('### Deleted\n', deletionsTable(deleted), gantt(f, deleted));
    if (f.data)
        parts.push('### Backup data\n', dataTable(f));
    if (f.credentials && f.credentials.length > 0)
        parts.push('### Federated credentials\n', (0,markdown/* table */.tp)(['credential', 'identity', 'result'], f.credentials.map((c) => [c.name, c.identity, c.outcome])));
    if (f.kept && f.kept.length > 0)
        parts.push('### Kept\n', (0,markdown/* table */.tp)(['what', 'why'], f.kept.map((k) => [k.what, k.why])));
    parts.push('### Phases\n', (0,step_summary/* phasesTable */.l)(result.phases));
    return parts.join('\n');
}
function verdict(f, deleted) {
    const seconds = f.seconds === undefined ? '' : ` in ${f.seconds.toFixed(1)} s`;
    const files = f.data ? `, and ${f.data.files} backup files (${bytes(f.data.bytes)})` : '';
    const credentials = (f.credentials ?? []).filter((c) => c.outcome === 'deleted').length;
    const creds = credentials > 0 ? `, ${credentials} federated credential(s)` : '';
    if (deleted.length === 0 && !f.data?.files && credentials === 0)
        return `Nothing to delete: nothing that pgha created for ${(0,markdown/* code */.aY)(f.inputs?.clusterName ?? '')} is left in ${(0,markdown/* code */.aY)(f.inputs?.namespace ?? '')}${seconds}.\n`;
    const owner = f.cluster?.existed
        ? f.cluster.owned
            ? ''
            : ' The Cluster was not created by pgha and was deleted because of `force: true`.'
        : ' The Cluster was already gone.';
    return `✅ Deleted ${deleted.length} object(s)${creds}${files}${seconds}.${owner}\n`;
}
function deletionsTable(deleted) {
    return (0,markdown/* table */.tp)(['object', 'namespace', 'result', 'time', 'went with it'], deleted.map((d) => [
        d.what,
        d.namespace ?? '',
        d.outcome === 'requested' ? 'deletion requested (wait: false)' : 'gone',
        (0,markdown/* formatSeconds */.Xo)(d.seconds * 1000),
        (d.with ?? []).join(', '),
    ]));
}
/** Each deletion from its request until it was gone, on the runner's clock. */
function gantt(f, deleted) {
    const timed = deleted.filter((d) => d.outcome === 'deleted');
    if (timed.length < 2)
        return '';
    const lines = [
        'gantt',
        `  title Teardown of ${(0,markdown/* mermaidText */.Hg)(f.inputs?.clusterName ?? '')}`,
        '  dateFormat x',
        '  axisFormat %H:%M:%S',
        '  section Deleted',
        ...timed.map((d, i) => `  ${(0,markdown/* mermaidText */.Hg)(d.what)} :d${i}, ${d.started}, ${d.started + Math.max(1, Math.round(d.seconds * 1000))}`),
    ];
    return ['```mermaid', ...lines, '```', ''].join('\n');
}
function dataTable(f) {
    const d = f.data;
    if (!d)
        return '';
    return (0,markdown/* table */.tp)(['location', 'files deleted', 'bytes deleted', 'time'], [[d.location, d.files, bytes(d.bytes), (0,markdown/* formatSeconds */.Xo)(d.seconds * 1000)]]);
}
function bytes(n) {
    if (n < 1024)
        return `${n} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let v = n / 1024;
    let u = 0;
    while (v >= 1024 && u < units.length - 1) {
        v /= 1024;
        u++;
    }
    return `${v.toFixed(1)} ${units[u] ?? ''}`;
}

// EXTERNAL MODULE: ./src/actions/action.ts + 1 modules
var action = __webpack_require__(63312);
// EXTERNAL MODULE: ./src/actions/connect.ts + 3 modules
var connect = __webpack_require__(27932);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
;// CONCATENATED MODULE: ./src/http/paged-delete.ts
async function deletePages(o) {
    const total = { files: 0, bytes: 0 };
    let next;
    let pages = 0;
    do {
        const page = await o.list(next);
        const gone = o.dryRun ? page.items : await o.remove(page.items);
        total.files += gone.length;
        total.bytes += gone.reduce((sum, item) => sum + item.bytes, 0);
        next = page.next;
        pages += 1;
        if (next && pages % 10 === 0)
            o.logger.info(`${o.dryRun ? 'found' : 'deleted'} ${total.files} ${o.what} so far`);
    } while (next);
    return total;
}

;// CONCATENATED MODULE: ./src/aws/s3-errors.ts
// S3 error responses (<Error><Code>, <Message>) as errors that carry the operation ("listing
// s3://pg-backups/pg/pg-orders/: AccessDenied: Access Denied") and, for the mistakes a user
// fixes in the Secret, the bucket policy or the cluster's backup configuration, what to do,
// as a ConfigurationError. Keys are named by Secret and key, never by value.

/** An S3 request that failed for a reason that is not the user's to fix (or not known to be). */
class S3Error extends errors/* ServiceError */._7 {
    name = 'S3Error';
}
/** The error to throw for a failed S3 request made for `context`. */
function s3Error(context, target, status, body, requestId) {
    const text = `${context}: ${body.code}: ${body.message ?? `HTTP ${status}`}`;
    const hint = userHint(target, body.code);
    if (hint !== undefined)
        return new errors/* ConfigurationError */.j1(`${text.replace(/\.$/, '')}. ${hint}`);
    const id = requestId ? ` (x-amz-request-id ${requestId})` : '';
    return new S3Error(`${text}${id}`, status, body.code);
}
/** What to do about an error the user fixes; undefined for the others. */
function userHint(target, code) {
    const store = target.endpoint ? `the store at ${target.endpoint}` : 'AWS S3';
    const keys = target.credentialsFrom;
    switch (code) {
        case 'InvalidAccessKeyId':
            return `The access key id from ${keys} is not known to ${store}: put the id of an active access key there (or fix endpointURL if the keys belong to another store).`;
        case 'SignatureDoesNotMatch':
            return `The secret access key from ${keys} does not belong to its access key id: put that access key's own secret there (a proxy that rewrites requests to ${store} causes this too).`;
        case 'AccessDenied':
        case 'AllAccessDisabled':
            return `The keys from ${keys} were accepted but may not list and delete in bucket ${target.bucket}: ${permissionHint(target)}`;
        case 'InvalidToken':
        case 'ExpiredToken':
        case 'TokenRefreshRequired':
            return `The session token from ${keys} is expired or not valid: temporary credentials expire, so put current ones there, or long-lived keys without sessionToken.`;
        case 'NoSuchBucket':
            return `Bucket ${target.bucket} does not exist in ${store}: check the destinationPath${target.endpoint ? ' and endpointURL' : ''} of the cluster's backups.`;
        case 'RequestTimeTooSkewed':
            return `The runner's clock is more than 15 minutes away from ${store}'s; requests are signed with the time.`;
        case 'AuthorizationHeaderMalformed':
            return `The store refused the region the request was signed for: set s3Credentials.region to the bucket's region.`;
        default:
            return undefined;
    }
}
function permissionHint(target) {
    const objects = `arn:aws:s3:::${target.bucket}/${target.prefix ?? ''}*`;
    return `grant them s3:ListBucket on arn:aws:s3:::${target.bucket} and s3:DeleteObject on ${objects} (IAM policy or bucket policy; on MinIO, a policy with the same actions).`;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/http/retries.ts
var retries = __webpack_require__(76846);
// EXTERNAL MODULE: ./src/azure/login-errors.ts
var login_errors = __webpack_require__(68348);
;// CONCATENATED MODULE: ./src/azure/blob-xml.ts
// The two XML documents pgha reads from Azure Blob Storage, without an XML library: a page of
// List Blobs (EnumerationResults: each blob's Name and Content-Length, and NextMarker) and an
// error body (<Error><Code>, <Message>, <AuthenticationErrorDetail>). Both are flat and
// generated by the service, so a few patterns read them; names come back unescaped (XML
// entities, and percent-encoding where the service marks a name Encoded="true").
/** Reads one page of List Blobs; throws when the document is not an EnumerationResults. */
function parseBlobList(xml) {
    if (!/<EnumerationResults[\s>]/.test(xml))
        throw new Error(`the answer is not a List Blobs result: ${xml.slice(0, 200)}`);
    const blobs = [...xml.matchAll(/<Blob>([\s\S]*?)<\/Blob>/g)].map((m) => listedBlob(m[1] ?? ''));
    const nextMarker = blob_xml_element(xml, 'NextMarker');
    return nextMarker ? { blobs, nextMarker } : { blobs };
}
function listedBlob(xml) {
    const name = /<Name(\s+Encoded="true")?>([\s\S]*?)<\/Name>/.exec(xml);
    if (!name?.[2])
        throw new Error(`a listed blob has no name: ${xml.slice(0, 200)}`);
    const text = unescapeXml(name[2]);
    const bytes = Number(blob_xml_element(xml, 'Content-Length') ?? '0');
    return { name: name[1] ? decodeURIComponent(text) : text, bytes };
}
/** Code, message and authentication detail of an error body; empty when there is none. */
function parseBlobError(xml) {
    const message = blob_xml_element(xml, 'Message')?.split(/\r?\n/)[0]?.trim();
    const code = blob_xml_element(xml, 'Code');
    const detail = blob_xml_element(xml, 'AuthenticationErrorDetail');
    return {
        ...(code ? { code } : {}),
        ...(message ? { message } : {}),
        ...(detail ? { detail } : {}),
    };
}
/** The unescaped text of the first <tag>text</tag>; undefined when absent or empty. */
function blob_xml_element(xml, tag) {
    const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
    return match?.[1] ? unescapeXml(match[1]) : undefined;
}
const ENTITIES = {
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
};
function unescapeXml(text) {
    return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref) => {
        if (ref.startsWith('#x') || ref.startsWith('#X'))
            return String.fromCodePoint(parseInt(ref.slice(2), 16));
        if (ref.startsWith('#'))
            return String.fromCodePoint(Number(ref.slice(1)));
        return ENTITIES[ref] ?? whole;
    });
}

;// CONCATENATED MODULE: ./src/aws/s3-xml.ts
// The XML documents pgha exchanges with S3, without an XML library: a page of ListObjectsV2
// (each object's Key and Size, IsTruncated, NextContinuationToken), the DeleteObjects request
// and its result (<Deleted> and per-key <Error> entries), and an error body (<Error><Code>,
// <Message>, <Region>). All are flat and generated by the service, so a few patterns read them.

/** Reads one page of ListObjectsV2; throws when the document is not a ListBucketResult. */
function parseObjectList(xml) {
    if (!/<ListBucketResult[\s>]/.test(xml))
        throw new Error(`the answer is not a ListObjectsV2 result: ${xml.slice(0, 200)}`);
    const objects = blocks(xml, 'Contents').map((block) => {
        const key = s3_xml_element(block, 'Key');
        if (key === undefined)
            throw new Error(`a listed object has no key: ${block.slice(0, 200)}`);
        return { key, bytes: Number(s3_xml_element(block, 'Size') ?? '0') };
    });
    const truncated = s3_xml_element(xml, 'IsTruncated') === 'true';
    const token = s3_xml_element(xml, 'NextContinuationToken');
    if (truncated && !token)
        throw new Error('the listing is truncated but names no NextContinuationToken');
    return truncated && token ? { objects, continuationToken: token } : { objects };
}
/** The body of DeleteObjects for up to 1000 keys (verbose: the result lists each key). */
function deleteObjectsBody(keys) {
    const objects = keys.map((k) => `<Object><Key>${escapeXml(k)}</Key></Object>`).join('');
    return `<?xml version="1.0" encoding="UTF-8"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Quiet>false</Quiet>${objects}</Delete>`;
}
/** The keys deleted and those that failed, from a DeleteResult. */
function parseDeleteResult(xml) {
    if (!/<DeleteResult[\s>/]/.test(xml))
        throw new Error(`the answer is not a DeleteObjects result: ${xml.slice(0, 200)}`);
    const deleted = blocks(xml, 'Deleted').flatMap((b) => {
        const key = s3_xml_element(b, 'Key');
        return key === undefined ? [] : [key];
    });
    const errors = blocks(xml, 'Error').map((b) => ({
        key: s3_xml_element(b, 'Key') ?? '',
        code: s3_xml_element(b, 'Code') ?? 'unknown',
        message: s3_xml_element(b, 'Message') ?? '',
    }));
    return { deleted, errors };
}
/** Code, message and region of an error body; empty when there is none. */
function parseS3Error(xml) {
    const error = /<Error>([\s\S]*)<\/Error>/.exec(xml)?.[1];
    if (error === undefined)
        return {};
    const code = s3_xml_element(error, 'Code');
    const message = s3_xml_element(error, 'Message');
    const region = s3_xml_element(error, 'Region');
    return {
        ...(code ? { code } : {}),
        ...(message ? { message } : {}),
        ...(region ? { region } : {}),
    };
}
/** Characters XML 1.0 cannot carry at all, not even escaped: such a key cannot be named in a body. */
function xmlSafe(text) {
    // eslint-disable-next-line no-control-regex
    return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(text);
}
function escapeXml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;')
        .replace(/\r/g, '&#13;')
        .replace(/\t/g, '&#9;')
        .replace(/\n/g, '&#10;');
}
function blocks(xml, tag) {
    const pattern = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g');
    return [...xml.matchAll(pattern)].map((m) => m[1] ?? '');
}
/** The unescaped text of the first <tag>text</tag>; undefined when absent or empty. */
function s3_xml_element(xml, tag) {
    const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
    return match?.[1] ? unescapeXml(match[1]) : undefined;
}

;// CONCATENATED MODULE: ./src/aws/sigv4.ts
// AWS Signature Version 4 for S3 with the Authorization header, from AWS's description of it
// ("Signature Calculations for the Authorization Header: Transferring Payload in a Single
// Chunk"): a canonical request (method, URI, query, headers, payload hash), hashed into a
// string to sign under the scope <date>/<region>/s3/aws4_request, signed with a key derived
// from the secret by HMAC-SHA256. S3 differs from other services in two ways that matter
// here: the path is not normalised or encoded twice (each segment once, as sent), and
// x-amz-content-sha256 carries the payload's hash. node:crypto only: no AWS SDK.

const ALGORITHM = 'AWS4-HMAC-SHA256';
/** SHA-256 of the empty payload, the x-amz-content-sha256 of every request without a body. */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
function sha256Hex(data) {
    return (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
}
const hmac = (key, data) => (0,external_node_crypto_.createHmac)('sha256', key).update(data, 'utf8').digest();
/** RFC 3986 percent-encoding of every UTF-8 byte but A-Z a-z 0-9 - . _ ~ (S3's UriEncode). */
function uriEncode(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
/** An object key as a URL path: each segment encoded, the slashes kept. */
function s3Path(key) {
    return key.split('/').map(uriEncode).join('/');
}
/** A query string in canonical form: names and values encoded, sorted, `name=` when empty. */
function s3Query(params) {
    const pairs = Object.entries(params).map(([k, v]) => [uriEncode(k), uriEncode(v)]);
    pairs.sort(([a, av], [b, bv]) => compare(a, b) || compare(av, bv));
    return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}
/** Code-unit order, as AWS sorts (not localeCompare). */
const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
/** The path as S3 canonicalises it: each segment decoded once and encoded once, not normalised. */
function canonicalUri(pathname) {
    if (pathname === '')
        return '/';
    return pathname
        .split('/')
        .map((segment) => uriEncode(decodeURIComponent(segment)))
        .join('/');
}
/** The query of a URL in canonical form; `+` is a plus sign, never a space. */
function canonicalQuery(search) {
    const raw = search.startsWith('?') ? search.slice(1) : search;
    if (raw === '')
        return '';
    const params = raw
        .split('&')
        .filter(Boolean)
        .map((pair) => {
        const at = pair.indexOf('=');
        const name = at < 0 ? pair : pair.slice(0, at);
        const value = at < 0 ? '' : pair.slice(at + 1);
        return [uriEncode(decodeURIComponent(name)), uriEncode(decodeURIComponent(value))];
    });
    params.sort(([a, av], [b, bv]) => compare(a, b) || compare(av, bv));
    return params.map(([k, v]) => `${k}=${v}`).join('&');
}
/** x-amz-date: YYYYMMDD'T'HHMMSS'Z' in UTC. */
function amzDate(now) {
    return new Date(now)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
}
/** Signs the request; returns the headers to send with it. */
function signV4(req) {
    const service = req.service ?? 's3';
    const timestamp = amzDate(req.now);
    const day = timestamp.slice(0, 8);
    const { sessionToken } = req.credentials;
    const sent = {
        ...lowerCased(req.headers ?? {}),
        'x-amz-content-sha256': req.payloadHash,
        'x-amz-date': timestamp,
        ...(sessionToken ? { 'x-amz-security-token': sessionToken } : {}),
    };
    const signed = { ...sent, host: req.url.host };
    const names = Object.keys(signed).sort(compare);
    const signedHeaders = names.join(';');
    const canonicalRequest = [
        req.method.toUpperCase(),
        canonicalUri(req.url.pathname),
        canonicalQuery(req.url.search),
        ...names.map((n) => `${n}:${headerValue(signed[n] ?? '')}`),
        '',
        signedHeaders,
        req.payloadHash,
    ].join('\n');
    const scope = `${day}/${req.region}/${service}/aws4_request`;
    const stringToSign = [ALGORITHM, timestamp, scope, sha256Hex(canonicalRequest)].join('\n');
    const key = signingKey(req.credentials.secretAccessKey, day, req.region, service);
    const signature = (0,external_node_crypto_.createHmac)('sha256', key).update(stringToSign, 'utf8').digest('hex');
    const authorization = `${ALGORITHM} Credential=${req.credentials.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`;
    return { headers: { ...sent, authorization }, canonicalRequest, stringToSign, signature };
}
/** HMAC chain: "AWS4" + secret, then the day, the region, the service and "aws4_request". */
function signingKey(secret, day, region, service) {
    const dated = hmac(`AWS4${secret}`, day);
    return hmac(hmac(hmac(dated, region), service), 'aws4_request');
}
function lowerCased(headers) {
    return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
/** Leading and trailing blanks trimmed, inner runs of blanks as one space. */
function headerValue(value) {
    return value.trim().replace(/\s+/g, ' ');
}

;// CONCATENATED MODULE: ./src/aws/s3-http.ts
// One S3 request over fetch, signed with SigV4 from the keys of the cluster's Secret: bounded
// retries with jitter on throttling, server errors and network failures (the shared
// withRetries), and one retry in the bucket's own region when S3 names another
// (x-amz-bucket-region). Failures become errors that name the bucket and, for what the user
// fixes (wrong keys, missing permission, a missing bucket, the clock), say what to do. No
// error or log line carries a key: S3's error bodies hold none, and none is added here.






/** What an AWS region name looks like (us-east-1, eu-central-2). */
const REGION_NAME = /^[a-z0-9-]{1,40}$/;
/** The bucket's URL, without query: path-style on endpointURL, virtual-hosted on AWS. */
function bucketUrl(target, region) {
    const bucket = uriEncode(target.bucket);
    if (target.endpoint)
        return `${target.endpoint}/${bucket}`;
    // A bucket with dots does not match the certificate's *.s3.<region>.amazonaws.com.
    if (target.bucket.includes('.'))
        return `https://s3.${region}.amazonaws.com/${bucket}`;
    return `https://${bucket}.s3.${region}.amazonaws.com/`;
}
/** The region S3 says the bucket is in, when that is not the one the request was signed for. */
class WrongRegion extends Error {
    region;
    constructor(message, region) {
        super(message);
        this.region = region;
    }
}
function s3Http(options) {
    const settings = (0,retries/* retryDefaults */.tD)(options);
    let region = options.region;
    const attempt = (call) => (0,retries/* withRetries */.LH)(() => once(options, settings.fetch, call, region), {
        ...settings,
        logger: options.logger,
        context: call.context,
        stopped: () => options.signal?.aborted === true,
    });
    const http = async (call) => {
        try {
            return await attempt(call);
        }
        catch (error) {
            if (!(error instanceof WrongRegion))
                throw error;
            options.logger.info(`Bucket ${options.target.bucket} is in region ${error.region}, not ${region}: using ${error.region} (set s3Credentials.region to save a request)`);
            region = error.region;
            return attempt(call);
        }
    };
    return Object.assign(http, { region: () => region });
}
async function once(options, doFetch, call, region) {
    const base = bucketUrl(options.target, region);
    const url = new URL(call.query ? `${base}?${call.query}` : base);
    const started = Date.now();
    let response;
    let text;
    try {
        response = await doFetch(url, requestInit(options, call, url, region));
        text = await response.text();
    }
    catch (error) {
        return unreachable(options, call, url, region, error);
    }
    options.logger.debug(`S3 ${call.method} ${url.pathname}${url.search} -> ${response.status} (${Date.now() - started} ms)`);
    if (response.ok)
        return { result: { status: response.status, text } };
    const body = parseS3Error(text);
    const code = body.code ?? response.headers.get('x-amz-error-code') ?? `HTTP ${response.status}`;
    const elsewhere = bucketRegion(response, body);
    if (elsewhere !== undefined && elsewhere !== region)
        return {
            error: new WrongRegion(`${call.context}: ${code} in region ${region}`, elsewhere),
            retryable: false,
            reason: `HTTP ${response.status} ${code}`,
        };
    const requestId = response.headers.get('x-amz-request-id') ?? undefined;
    return {
        error: s3Error(call.context, options.target, response.status, { ...body, code }, requestId),
        retryable: isRetryable(response.status, code),
        reason: `HTTP ${response.status} ${code}`,
        retryAfterMs: (0,retries/* retryAfterMs */.Vs)(response.headers.get('retry-after')),
    };
}
function requestInit(options, call, url, region) {
    const body = call.body ?? '';
    const md5 = call.body === undefined ? {} : { 'content-md5': base64Md5(body) };
    const signed = signV4({
        method: call.method,
        url,
        headers: { ...md5, ...call.headers },
        payloadHash: sha256Hex(body),
        region,
        credentials: options.credentials,
        now: (options.now ?? Date.now)(),
    });
    const timeout = AbortSignal.timeout(options.requestTimeoutMs ?? 60_000);
    return {
        method: call.method,
        headers: signed.headers,
        ...(call.body === undefined ? {} : { body }),
        // A redirect to the bucket's region is followed by re-signing, not by fetch.
        redirect: 'manual',
        signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    };
}
function base64Md5(body) {
    return (0,external_node_crypto_.createHash)('md5').update(body, 'utf8').digest('base64');
}
/** x-amz-bucket-region, or the Region of an AuthorizationHeaderMalformed / redirect body. */
function bucketRegion(response, body) {
    const wrongRegion = [301, 307, 400].includes(response.status) &&
        ['PermanentRedirect', 'AuthorizationHeaderMalformed', 'TemporaryRedirect', undefined].includes(body.code);
    if (!wrongRegion)
        return undefined;
    const named = response.headers.get('x-amz-bucket-region') ?? body.region;
    return named && REGION_NAME.test(named) ? named : undefined;
}
const RETRYABLE = new Set(['SlowDown', 'RequestTimeout', 'InternalError', 'ServiceUnavailable']);
function isRetryable(status, code) {
    return status === 429 || status >= 500 || RETRYABLE.has(code);
}
function unreachable(options, call, url, region, error) {
    if (options.signal?.aborted) {
        const reason = `${call.context}: cancelled`;
        return { error: new Error(reason, { cause: error }), retryable: false, reason };
    }
    const reason = `cannot reach ${url.host}: ${(0,login_errors/* errorText */.kc)(error).split('\n').slice(0, 2).join(': ')}`;
    const where = options.target.endpoint
        ? `the endpointURL ${options.target.endpoint}`
        : `that bucket ${options.target.bucket} exists in region ${region}`;
    const message = `${call.context}: ${reason}. Check ${where}, and that this runner may reach it ` +
        '(an endpoint inside the Kubernetes cluster is not reachable from the runner; a private CA, endpointCA, is not supported).';
    return { error: new Error(message, { cause: error }), retryable: true, reason };
}

;// CONCATENATED MODULE: ./src/aws/s3.ts
// Deletes a cluster's backups in S3 or an S3-compatible store (everything barman-cloud wrote
// under <bucket>/<path>/<serverName>/) with the access keys of the cluster's own s3Credentials:
// ListObjectsV2 page by page, then DeleteObjects for each page (at most 1000 keys a request).
// Requests go path-style to endpointURL when the cluster sets one, else virtual-hosted to
// https://<bucket>.s3.<region>.amazonaws.com (path-style for a bucket name with dots).







/** S3's bucket naming rules: 3-63 lowercase letters, digits, dots and hyphens. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/**
 * Where barman-cloud keeps a server's backups: destinationPath s3://<bucket>[/<path>] as CNPG
 * takes it, the serverName, and the cluster's endpointURL for an S3-compatible store, or the
 * override (teardown's input s3-endpoint) for when the runner reaches the store elsewhere.
 */
function s3Location(destinationPath, serverName, endpointURL, override) {
    const bad = (problem) => new errors/* ConfigurationError */.j1(`destinationPath '${destinationPath}': ${problem} (example: s3://pg-backups/orders)`);
    if (!destinationPath.startsWith('s3://'))
        throw bad('is not an s3:// URL');
    const [bucket = '', ...path] = destinationPath.slice('s3://'.length).split('/');
    if (!BUCKET.test(bucket) || bucket.includes('..') || (0,external_node_net_.isIP)(bucket) !== 0)
        throw bad(`'${bucket}' is not an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)`);
    if (!serverName || serverName.includes('/'))
        throw new errors/* ConfigurationError */.j1(`serverName '${serverName}' is not a barman server name (example: serverName: pg-orders)`);
    const prefix = [...path.filter(Boolean), serverName, ''].join('/');
    const endpoint = override !== undefined
        ? endpointOf(override, "input 's3-endpoint'")
        : endpointURL === undefined
            ? undefined
            : endpointOf(endpointURL, 'endpointURL');
    return { bucket, prefix, ...(endpoint ? { endpoint } : {}) };
}
/**
 * An http(s) URL without credentials, query or fragment. Plain http is taken, as the cluster
 * itself takes it for an in-cluster MinIO: the requests are signed and carry no key, but what
 * they list and delete crosses the network readable (the caller warns).
 */
function endpointOf(input, what) {
    let url;
    try {
        url = new URL(input);
    }
    catch {
        url = undefined;
    }
    const web = url?.protocol === 'https:' || url?.protocol === 'http:';
    if (!url || !web || url.search || url.hash || url.username || url.password)
        throw new errors/* ConfigurationError */.j1(`${what} '${input}' is not an http(s) URL without credentials, query or fragment (example: https://minio.example.com:9000)`);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
/** Lists (dryRun: counts) and deletes every object under the location's prefix. */
function s3Prefix(deps, loc) {
    const { credentialsFrom, ...rest } = deps;
    const target = {
        bucket: loc.bucket,
        prefix: loc.prefix,
        credentialsFrom,
        ...(loc.endpoint ? { endpoint: loc.endpoint } : {}),
    };
    const http = s3Http({ ...rest, target });
    return (opts = {}) => deletePrefix(http, deps.logger, { ...loc, credentialsFrom }, opts);
}
function deletePrefix(http, logger, loc, opts) {
    return deletePages({
        list: async (token) => {
            const page = await listPage(http, loc, token, opts.pageSize);
            return {
                items: page.objects,
                ...(page.continuationToken ? { next: page.continuationToken } : {}),
            };
        },
        remove: (objects) => deleteObjects(http, logger, loc, objects),
        dryRun: opts.dryRun === true,
        logger,
        what: `objects under ${where(loc)}`,
    });
}
async function listPage(http, loc, token, pageSize) {
    const query = s3Query({
        'list-type': '2',
        prefix: loc.prefix,
        ...(token ? { 'continuation-token': token } : {}),
        ...(pageSize ? { 'max-keys': String(pageSize) } : {}),
    });
    const context = `listing ${where(loc)}`;
    const { text } = await http({ method: 'GET', query, context });
    try {
        return parseObjectList(text);
    }
    catch (error) {
        throw new Error(`${context}: ${error.message}`, { cause: error });
    }
}
/** Deletes the objects, 1000 a request; returns those deleted. */
async function deleteObjects(http, logger, loc, objects) {
    const deletable = objects.filter((o) => {
        if (xmlSafe(o.key))
            return true;
        logger.warning(`not deleting s3://${loc.bucket}/${o.key}: its key has characters XML cannot carry (delete it with aws s3api delete-object)`);
        return false;
    });
    const deleted = [];
    for (let i = 0; i < deletable.length; i += 1000) {
        const batch = deletable.slice(i, i + 1000);
        const context = `deleting ${batch.length} object(s) under ${where(loc)}`;
        const { text } = await http({
            method: 'POST',
            query: 'delete=',
            body: deleteObjectsBody(batch.map((o) => o.key)),
            headers: { 'content-type': 'application/xml' },
            context,
        });
        const result = parseResult(context, text);
        const failed = result.errors;
        if (failed.length > 0) {
            const first = failed[0] ?? { key: '', code: 'unknown', message: '' };
            const more = failed.length > 1 ? ` (and ${failed.length - 1} more)` : '';
            throw s3Error(`${context}: ${first.key}${more}`, loc, 200, first);
        }
        const done = new Set(result.deleted);
        deleted.push(...batch.filter((o) => done.has(o.key)));
    }
    return deleted;
}
function parseResult(context, text) {
    try {
        return parseDeleteResult(text);
    }
    catch (error) {
        throw new Error(`${context}: ${error.message}`, { cause: error });
    }
}
function where(loc) {
    return `s3://${loc.bucket}/${loc.prefix}${loc.endpoint ? ` at ${loc.endpoint}` : ''}`;
}

// EXTERNAL MODULE: ./src/http/loopback.ts
var loopback = __webpack_require__(80507);
// EXTERNAL MODULE: ./src/azure/arm-errors.ts
var arm_errors = __webpack_require__(22893);
;// CONCATENATED MODULE: ./src/azure/blob-http.ts
// One Azure Blob Storage request over fetch with the bearer token of the workflow's Azure
// login: bounded retries with jitter on throttling (429, 503 Server Busy), server errors and
// network failures, honouring Retry-After, as arm-http.ts does for ARM. Failures become
// errors that name the account and container and, for what the user fixes in Azure (a
// missing data role, the storage firewall, a missing container), say what to do.






/** A Blob service version that Azure Storage and Azurite 3.37 both serve. */
const BLOB_API_VERSION = '2025-11-05';
/** A Blob request that failed for a reason that is not the user's to fix (or not known to be). */
class BlobStorageError extends arm_errors/* AzureHttpError */.g6 {
    name = 'BlobStorageError';
}
function blobHttp(options) {
    const settings = (0,retries/* retryDefaults */.tD)(options);
    return (call) => (0,retries/* withRetries */.LH)(() => blob_http_once(options, settings.fetch, call), {
        ...settings,
        logger: options.logger,
        context: call.context,
        stopped: () => options.signal?.aborted === true,
    });
}
async function blob_http_once(options, doFetch, call) {
    const started = Date.now();
    let response;
    let text;
    try {
        response = await doFetch(call.url, await blob_http_requestInit(options, call));
        text = await response.text();
    }
    catch (error) {
        return blob_http_unreachable(options, call, error);
    }
    options.logger.debug(`Blob ${call.method} ${call.url.pathname} -> ${response.status} (${Date.now() - started} ms)`);
    if (response.ok || (response.status === 404 && call.allowNotFound))
        return { result: { status: response.status, text } };
    const body = parseBlobError(text);
    const code = response.headers.get('x-ms-error-code') ?? body.code ?? `HTTP ${response.status}`;
    const requestId = response.headers.get('x-ms-request-id') ?? undefined;
    return {
        error: blobError(call.context, options.target, response.status, { ...body, code }, requestId),
        retryable: response.status === 429 || response.status >= 500,
        reason: `HTTP ${response.status} ${code}`,
        retryAfterMs: (0,retries/* retryAfterMs */.Vs)(response.headers.get('retry-after')),
    };
}
async function blob_http_requestInit(options, call) {
    const timeout = AbortSignal.timeout(options.requestTimeoutMs ?? 60_000);
    return {
        method: call.method,
        headers: {
            authorization: `Bearer ${await options.getToken()}`,
            'x-ms-version': BLOB_API_VERSION,
            'x-ms-client-request-id': (0,external_node_crypto_.randomUUID)(),
            ...call.headers,
        },
        signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    };
}
function blob_http_unreachable(options, call, error) {
    if (options.signal?.aborted) {
        const reason = `${call.context}: cancelled`;
        return { error: new Error(reason, { cause: error }), retryable: false, reason };
    }
    const reason = `cannot reach ${call.url.host}: ${(0,login_errors/* errorText */.kc)(error).split('\n').slice(0, 2).join(': ')}`;
    const message = `${call.context}: ${reason}. Check that storage account ${options.target.account} exists and ` +
        'that this runner may reach it (storage firewall, private endpoint: set blob-endpoint).';
    return { error: new Error(message, { cause: error }), retryable: true, reason };
}
/** The error to throw for a failed Blob request made for `context`. */
function blobError(context, target, status, body, requestId) {
    const detail = body.detail ? ` (${body.detail})` : '';
    const text = `${context}: ${body.code}: ${body.message ?? `HTTP ${status}`}${detail}`;
    const hint = blob_http_userHint(target, status, body.code, body.detail);
    if (hint !== undefined)
        return new errors/* ConfigurationError */.j1(`${text}. ${hint}`);
    const id = requestId ? ` (x-ms-request-id ${requestId})` : '';
    return new BlobStorageError(`${text}${id}`, status, body.code);
}
function blob_http_userHint(target, status, code, detail) {
    const where = `container ${target.container} of storage account ${target.account}`;
    if (code === 'AuthorizationPermissionMismatch')
        return roleHint(target, where);
    if (code === 'AuthorizationFailure')
        return (`The storage account refused the request: its firewall ('Firewalls and virtual networks') ` +
            'may not admit this runner (allow its network, or reach a private endpoint with blob-endpoint), ' +
            `or the identity lacks a data role. ${roleHint(target, where)}`);
    if (code === 'ContainerNotFound')
        return `The ${where} does not exist: check the destinationPath of the cluster's backups.`;
    if (status === 404 && code === 'ResourceNotFound')
        return `Storage account ${target.account} or its container ${target.container} was not found: check the destinationPath and blob-endpoint.`;
    if (status === 401 && detail?.startsWith('Issuer'))
        return `The storage account is not in the tenant of the login: use the azure-tenant-id of storage account ${target.account}'s subscription.`;
    return undefined;
}
function roleHint(target, where) {
    const scope = `/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.Storage/storageAccounts/${target.account}`;
    return (`The workflow's Azure identity may not list and delete blobs in the ${where}: it needs the ` +
        'Storage Blob Data Contributor role on the storage account (Owner or Contributor alone ' +
        'grant no access to blob data), e.g.\n' +
        `  az role assignment create --role "Storage Blob Data Contributor" --assignee <azure-client-id> --scope ${scope}\n` +
        'A role assigned in the last minutes may take up to 10 minutes to be effective: re-run the job then.');
}

// EXTERNAL MODULE: ./src/azure/token-cache.ts
var token_cache = __webpack_require__(15441);
;// CONCATENATED MODULE: ./src/azure/blob.ts
// Deletes a cluster's backups in Azure Blob Storage (everything barman-cloud wrote under
// <container>/<path>/<serverName>/) with the bearer token of the workflow's Azure login, over
// the Blob REST API: List Blobs page by page, then Delete Blob for each, a few at a time. The
// identity needs a data role (Storage Blob Data Contributor); account keys are never used.







/** The token scope of Azure Storage, the same in every cloud. */
const STORAGE_SCOPE = 'https://storage.azure.com/.default';
const ACCOUNT = /^[a-z0-9]{3,24}$/;
/** <account>.blob.core.windows.net and other clouds' hosts, private-link and DNS-zone names. */
const BLOB_HOST = /^([a-z0-9]{3,24})\.(?:(?:privatelink|z\d{1,2})\.)?blob\.[a-z0-9.-]+$/;
const CONTAINER = /^(?:\$root|[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9])$/;
/**
 * Where barman-cloud keeps a server's backups: destinationPath as CNPG takes it,
 * https://<account>.blob.core.windows.net/<container>[/<path>] or path-style
 * http(s)://<host>[:port]/<account>/<container>[/<path>] (Azurite), and the serverName.
 * endpointOverride (input blob-endpoint) replaces the account's Blob service URL, e.g. a
 * private endpoint; requests then go path-style to <endpointOverride>/<container>/<blob>.
 */
function blobLocation(destinationPath, serverName, endpointOverride) {
    const dest = parseDestination(destinationPath);
    if (!serverName || serverName.includes('/'))
        throw new errors/* ConfigurationError */.j1(`serverName '${serverName}' is not a barman server name`);
    const serviceUrl = endpointOverride
        ? serviceUrlOf(endpointOverride, "input 'blob-endpoint'", '(example: https://10.0.0.5)')
        : serviceUrlOf(dest.virtualHosted ? dest.origin : `${dest.origin}/${dest.account}`, `destinationPath '${destinationPath}'`, '(set blob-endpoint to an https URL of the Blob service)');
    const prefix = [...dest.path, serverName, ''].join('/');
    return { account: dest.account, serviceUrl, container: dest.container, prefix };
}
function parseDestination(destinationPath) {
    const bad = (problem) => new errors/* ConfigurationError */.j1(`destinationPath '${destinationPath}': ${problem} (example: https://mystorage.blob.core.windows.net/backups/pg)`);
    const url = destinationUrl(destinationPath);
    const host = BLOB_HOST.exec(url.hostname);
    if (!host && !pathStyleHost(url))
        throw bad(`${url.hostname} is not an Azure Blob service host (<account>.blob.core.windows.net)`);
    const segments = decodedSegments(url.pathname);
    if (!segments)
        throw bad('the path is not validly percent-encoded');
    const account = host?.[1] ?? segments.shift() ?? '';
    const [container = '', ...path] = segments;
    if (!ACCOUNT.test(account))
        throw bad(`'${account}' is not a storage account name`);
    if (!CONTAINER.test(container))
        throw bad(`'${container}' is not a container name`);
    return { origin: url.origin, virtualHosted: host !== null, account, container, path };
}
function destinationUrl(destinationPath) {
    let url;
    try {
        url = new URL(destinationPath);
    }
    catch {
        throw new errors/* ConfigurationError */.j1(`destinationPath '${destinationPath}' is not a URL (example: https://mystorage.blob.core.windows.net/backups)`);
    }
    if (url.protocol === 's3:' || url.protocol === 'gs:')
        throw new errors/* ConfigurationError */.j1(`destinationPath '${destinationPath}': pgha deletes backups in Azure Blob Storage only, not in ${url.protocol === 's3:' ? 'S3' : 'Google Cloud Storage'}`);
    return url;
}
/** Azurite and other path-style endpoints: an IP address, a port, or a single-label host. */
function pathStyleHost(url) {
    const name = url.hostname.replace(/^\[|\]$/g, '');
    return (0,external_node_net_.isIP)(name) !== 0 || url.port !== '' || !name.includes('.');
}
function decodedSegments(pathname) {
    try {
        return pathname.split('/').filter(Boolean).map(decodeURIComponent);
    }
    catch {
        return undefined;
    }
}
/** An https URL, or http on loopback only: the bearer token never crosses a network unencrypted. */
function serviceUrlOf(input, what, hint) {
    let url;
    try {
        url = new URL(input);
    }
    catch {
        url = undefined;
    }
    const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && (0,loopback/* isLoopback */.U)(url));
    if (!url || !secure || url.search || url.username)
        throw new errors/* ConfigurationError */.j1(`${what}: '${input}' is not an https Blob service URL without credentials ${hint}`);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
/** Deletes every blob under the location's prefix (dryRun: counts them) and says how much. */
function deleteBlobPrefix(deps, loc, opts = {}) {
    return blobPrefix(deps, loc)(opts);
}
/**
 * deleteBlobPrefix for repeated use on one location: one token (refreshed when it nears its
 * expiry) and one connection setup for a count before and a deletion after.
 */
function blobPrefix(deps, loc) {
    const { credential, setSecret = () => undefined, ...rest } = deps;
    const getToken = (0,token_cache/* tokenSource */.Z)(credential, STORAGE_SCOPE, { setSecret });
    const http = blobHttp({ ...rest, target: loc, getToken });
    return (opts = {}) => blob_deletePrefix(http, deps.logger, loc, opts);
}
function blob_deletePrefix(http, logger, loc, opts) {
    return deletePages({
        list: async (marker) => {
            const page = await blob_listPage(http, loc, marker, opts.pageSize);
            return { items: page.blobs, ...(page.nextMarker ? { next: page.nextMarker } : {}) };
        },
        remove: (blobs) => deleteAll(http, logger, loc, blobs, opts.concurrency ?? 8),
        dryRun: opts.dryRun === true,
        logger,
        what: `blobs under ${blob_where(loc)}`,
    });
}
async function blob_listPage(http, loc, marker, pageSize) {
    const url = new URL(`${loc.serviceUrl}/${encodeURIComponent(loc.container)}`);
    url.searchParams.set('restype', 'container');
    url.searchParams.set('comp', 'list');
    url.searchParams.set('prefix', loc.prefix);
    if (marker)
        url.searchParams.set('marker', marker);
    if (pageSize)
        url.searchParams.set('maxresults', String(pageSize));
    const context = `listing blobs under ${blob_where(loc)}`;
    const { text } = await http({ method: 'GET', url, context });
    try {
        return parseBlobList(text);
    }
    catch (error) {
        throw new Error(`${context}: ${error.message}`, { cause: error });
    }
}
/** Deletes the blobs, `limit` at a time; returns those deleted (not those already gone). */
async function deleteAll(http, logger, loc, blobs, limit) {
    const deleted = [];
    await eachLimited(blobs, limit, async (blob) => {
        const path = blobPath(blob.name);
        if (path === undefined) {
            logger.warning(`not deleting blob '${blob.name}' in ${loc.container}: a '.' or '..' segment cannot be addressed by URL (delete it with az storage blob delete)`);
            return;
        }
        const { status } = await http({
            method: 'DELETE',
            url: new URL(`${loc.serviceUrl}/${encodeURIComponent(loc.container)}/${path}`),
            context: `deleting blob ${blob.name} in ${blob_where(loc)}`,
            headers: { 'x-ms-delete-snapshots': 'include' },
            allowNotFound: true,
        });
        if (status === 404)
            logger.debug(`blob ${blob.name} was already gone`);
        else
            deleted.push(blob);
    });
    return deleted;
}
/** The blob's name, each segment URL-encoded; undefined when URL parsing would drop a segment. */
function blobPath(name) {
    const segments = name.split('/');
    if (segments.some((s) => s === '.' || s === '..'))
        return undefined;
    return segments.map(encodeURIComponent).join('/');
}
/** Runs fn over items with at most `limit` in flight; stops starting new ones after a failure. */
async function eachLimited(items, limit, fn) {
    let next = 0;
    let failed = false;
    const worker = async () => {
        while (!failed && next < items.length) {
            const item = items[next++];
            try {
                await fn(item);
            }
            catch (error) {
                failed = true;
                throw error;
            }
        }
    };
    const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
    const results = await Promise.allSettled(workers);
    const rejected = results.find((r) => r.status === 'rejected');
    if (rejected)
        throw rejected.reason;
}
function blob_where(loc) {
    return `${loc.container}/${loc.prefix} in storage account ${loc.account}`;
}

;// CONCATENATED MODULE: ./src/kube/secret-keys.ts
// Values read from Secrets by SecretKeySelector ({name, key}), as CNPG reads the credentials it
// is given: each Secret read once, each value decoded and handed to `setSecret` the moment it is
// known (unless the caller says it is no secret, like a region). A missing Secret or key is the
// user's to fix and says which field named it.


/** The value of every field's selector, read from the namespace's Secrets. */
async function readSecretKeys(http, namespace, refs, opts) {
    const secrets = new Map();
    const out = {};
    for (const [field, ref] of Object.entries(refs)) {
        if (!ref)
            continue;
        if (!secrets.has(ref.name))
            secrets.set(ref.name, await (0,read/* readObject */.Ag)(http, {
                apiVersion: 'v1',
                kind: 'Secret',
                namespace,
                name: ref.name,
            }));
        const secret = secrets.get(ref.name);
        const encoded = secret?.data?.[ref.key];
        if (encoded === undefined)
            throw new errors/* ConfigurationError */.j1(`${opts.from}: ${field} names key ${ref.key} of Secret ${ref.name} in namespace ${namespace}, ${secret ? `which has no key ${ref.key} (it has: ${Object.keys(secret.data ?? {}).join(', ') || 'no keys'})` : 'which does not exist'}; pgha reads it ${opts.purpose} (example: kubectl create secret generic ${ref.name} -n ${namespace} --from-literal=${ref.key}=<value>)`);
        const value = Buffer.from(encoded, 'base64').toString('utf8');
        if (!opts.notSecret?.includes(field))
            opts.setSecret(value);
        out[field] = value;
    }
    return out;
}
/** "keys A and B of Secret s" or "key A of Secret s and key B of Secret t", in namespace n. */
function describeKeys(refs, namespace) {
    const bySecret = new Map();
    for (const r of refs)
        bySecret.set(r.name, [...(bySecret.get(r.name) ?? []), r.key]);
    const parts = [...bySecret].map(([name, keys]) => `${keys.length === 1 ? 'key' : 'keys'} ${keys.join(keys.length === 2 ? ' and ' : ', ')} of Secret ${name}`);
    return `${parts.join(' and ')} in namespace ${namespace}`;
}

;// CONCATENATED MODULE: ./src/actions/teardown-data.ts
// delete-backups: the cluster's data in the object store, everything under
// <destination>/<serverName>/. Azure Blob Storage is reached with the workflow's own Azure
// login (no storage key); S3 with the access keys the cluster itself backs up with, read from
// the Secrets its s3Credentials name (masked at once). The access is checked by listing before
// anything is deleted, so that a missing role or wrong keys refuse the run while the cluster
// still stands, and the keys are read before teardown deletes any Secret or the namespace.






/** The region S3 requests are signed for when s3Credentials names none. */
const DEFAULT_S3_REGION = 'us-east-1';
async function checkBackupData(ctx, conn, inputs, data) {
    const location = `${data.destination}/${data.serverName}/`;
    const prefix = data.kind === 'azure'
        ? blobData(ctx, conn, inputs, data, location)
        : await s3Data(ctx, conn, inputs, data);
    const found = await prefix({ dryRun: true });
    ctx.logger.info(`${location}: ${found.files} file(s), ${found.bytes} bytes to delete`);
    return { location, prefix };
}
function blobData(ctx, conn, inputs, data, location) {
    if (!conn.azure)
        throw new errors/* ConfigurationError */.j1(`input 'delete-backups': the backups in ${location} are deleted with the workflow's Azure login, and no Azure inputs were given (example: azure-client-id, azure-tenant-id and azure-subscription-id of an identity with Storage Blob Data Contributor on the account)`);
    const where = blobLocation(data.destination, data.serverName, inputs.blobEndpoint);
    const deps = {
        credential: conn.azure.credential,
        logger: ctx.logger,
        signal: ctx.signal,
        setSecret: ctx.setSecret,
    };
    return blobPrefix(deps, where);
}
async function s3Data(ctx, conn, inputs, data) {
    const { namespace } = inputs;
    const where = s3Location(data.destination, data.serverName, data.endpointURL, inputs.s3Endpoint);
    const plain = where.endpoint ? new URL(where.endpoint) : undefined;
    if (plain?.protocol === 'http:' && !(0,loopback/* isLoopback */.U)(plain))
        ctx.logger.warning(`S3 requests to ${where.endpoint} go over plain http: they are signed and carry no key, but the object names they list cross the network readable (set s3-endpoint to an https URL of the store)`);
    const keys = await readS3Keys(ctx, conn, namespace, data.credentials);
    const region = keys.region ?? DEFAULT_S3_REGION;
    if (!REGION_NAME.test(region))
        throw new errors/* ConfigurationError */.j1(`s3Credentials.region: '${region}' from ${describeKeys(data.credentials.region ? [data.credentials.region] : [], namespace)} is not an AWS region name (example: eu-west-1)`);
    ctx.logger.info(`S3 keys from ${keys.from}; region ${region}${keys.region ? ' (s3Credentials.region)' : ' (default)'}`);
    const deps = {
        credentials: keys.credentials,
        credentialsFrom: keys.from,
        region,
        logger: ctx.logger,
        signal: ctx.signal,
    };
    return s3Prefix(deps, where);
}
async function readS3Keys(ctx, conn, namespace, refs) {
    const values = await readSecretKeys(conn.http, namespace, refs, {
        setSecret: ctx.setSecret,
        // The region names a place, not a credential: masking it would hide it in every log line.
        notSecret: ['region'],
        from: 's3Credentials of the backup configuration',
        purpose: 'to sign the requests that delete the backups, as barman-cloud does',
    });
    const { accessKeyId = '', secretAccessKey = '', sessionToken, region } = values;
    const signing = [refs.accessKeyId, refs.secretAccessKey, refs.sessionToken].filter((r) => r !== undefined);
    return {
        credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
        region: region?.trim() || undefined,
        from: describeKeys(signing, namespace),
    };
}
async function deleteBackupData(ctx, access) {
    const started = ctx.now();
    const done = await access.prefix();
    const seconds = (ctx.now() - started) / 1000;
    ctx.logger.info(`${access.location}: deleted ${done.files} file(s), ${done.bytes} bytes in ${seconds.toFixed(1)} s`);
    return { location: access.location, ...done, seconds };
}

;// CONCATENATED MODULE: ./src/actions/teardown.ts
// teardown: read the inputs, connect, take stock of what pgha created for the cluster (every
// refusal happens here, before anything is deleted), then delete in dependency order: what
// stands around the Cluster, the Cluster (until its pods and PVCs are gone), swept
// restore-verify Clusters, the ObjectStore and Backups, the backup data, the Secret and the
// Namespace, and the federated credentials. A second run finds nothing and says so.










const teardown = (0,action/* defineAction */.Q)({
    command: 'teardown',
    summary: teardownSummary,
    async run(ctx, step) {
        const started = ctx.now();
        const inputs = readTeardownInputs(ctx.getInput);
        step.record({ inputs, started, deletions: [] });
        const conn = await step.phase('Connect', () => (0,connect/* connectCluster */.b)(inputs, ctx, step));
        step.record({ server: conn.config.server });
        const plan = await step.phase('Take stock', () => takeStock(ctx, conn, inputs, started));
        step.record({
            cluster: { existed: plan.cluster !== undefined, owned: plan.owned },
            kept: plan.kept,
        });
        const data = plan.data;
        const access = data
            ? await step.phase('Check access to the backup data', () => checkBackupData(ctx, conn, inputs, data))
            : undefined;
        const deps = {
            http: conn.http,
            logger: ctx.logger,
            now: ctx.now,
            deadline: started + inputs.timeoutMs,
            // The backup data goes only once nothing can archive into it any more.
            wait: inputs.wait || plan.data !== undefined,
        };
        const run = { ctx, step, inputs, conn, deps };
        try {
            await teardown_deleteObjects(run, plan, access);
            await deleteCredentials(run, plan);
        }
        finally {
            const seconds = (ctx.now() - started) / 1000;
            step.record({ seconds });
            step.output('teardown-seconds', seconds.toFixed(1));
        }
    },
});
async function takeStock(ctx, conn, inputs, started) {
    const served = await (0,discovery/* discoverCnpg */["if"])(conn.http);
    const plan = await planTeardown({ http: conn.http, served: served.groupVersions, now: started }, inputs);
    const count = (plan.cluster ? 1 : 0) +
        plan.around.length +
        plan.swept.length +
        plan.after.length +
        plan.secrets.length +
        (plan.namespace ? 1 : 0);
    ctx.logger.info(plan.cluster
        ? `Cluster ${inputs.clusterName}: ${plan.owned ? 'deployed by pgha' : 'not created by pgha, deleted because of force: true'}`
        : `Cluster ${inputs.clusterName} does not exist (any more) in namespace ${inputs.namespace}`);
    ctx.logger.info(count === 0 ? 'Nothing to delete' : `${count} object(s) to delete`);
    for (const k of plan.kept)
        ctx.logger.info(`Kept: ${k.what}: ${k.why}`);
    return plan;
}
/** Object groups in dependency order, with the backup data once its Backups are gone. */
async function teardown_deleteObjects(run, plan, access) {
    const { inputs } = run;
    const group = async (title, targets) => {
        if (targets.length === 0)
            return;
        await run.step.phase(title, () => (0,deletion/* deleteAll */.V)(run.deps, targets, (d) => {
            run.step.record({ deletions: [...(run.step.facts.deletions ?? []), d] });
            publishDeleted(run.step);
        }));
    };
    await group('Delete what stands around the Cluster', plan.around);
    await group(`Delete Cluster ${inputs.clusterName}`, plan.cluster ? [(0,read/* refOf */.H8)(plan.cluster)] : []);
    await group("Sweep restore-verify's leftover Clusters", plan.swept);
    await group('Delete the ObjectStore and the Backups', plan.after);
    if (access)
        await deleteData(run, access);
    await group('Delete the application Secret', plan.secrets);
    await group(`Delete Namespace ${inputs.namespace}`, plan.namespace ? [plan.namespace] : []);
}
/** Output `deleted`, from the facts: each object and credential deleted, one a line. */
function publishDeleted(step) {
    const lines = [
        ...(step.facts.deletions ?? []).filter((x) => x.outcome !== 'absent').map((x) => x.what),
        ...(step.facts.credentials ?? [])
            .filter((c) => c.outcome === 'deleted')
            .map((c) => `FederatedIdentityCredential/${c.name}`),
    ];
    if (lines.length > 0)
        step.output('deleted', lines.join('\n'));
}
async function deleteData(run, access) {
    const report = await run.step.phase('Delete the backup data', () => deleteBackupData(run.ctx, access));
    run.step.record({ data: report });
    run.step.output('deleted-backup-files', report.files);
    run.step.output('deleted-backup-bytes', report.bytes);
}
/** deploy's credential for the Cluster and restore-verify's for each swept Cluster. */
async function deleteCredentials(run, plan) {
    const { inputs, conn, ctx } = run;
    const id = inputs.identity;
    const azure = conn.azure;
    const login = inputs.azure;
    if (!id || !azure || !login)
        return;
    const names = [
        (0,federated_credential/* federatedCredentialName */.Tr)(inputs.namespace, inputs.clusterName),
        ...plan.swept.map((t) => (0,federated_credential/* federatedCredentialName */.Tr)(t.namespace ?? inputs.namespace, t.name)),
    ];
    const reports = await run.step.phase('Delete the federated credentials', async () => {
        const out = [];
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


/***/ }),

/***/ 22893:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   El: () => (/* binding */ parseArmError),
/* harmony export */   Tr: () => (/* binding */ armError),
/* harmony export */   dW: () => (/* binding */ ArmError),
/* harmony export */   g6: () => (/* binding */ AzureHttpError),
/* harmony export */   r3: () => (/* binding */ isRetryable)
/* harmony export */ });
/* unused harmony export RETRYABLE_CODES */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
// ARM error responses ({ "error": { "code", "message", "details" } }) as errors that carry
// the operation ("getting AKS cluster aks-pg in rg-pg: ResourceNotFound: ...") and, for the
// mistakes a user fixes in Azure or in the inputs, what to do, as a ConfigurationError.

/** An Azure request (ARM, Blob) that failed with an HTTP status and the service's error code. */
class AzureHttpError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ServiceError */ ._7 {
}
/** An ARM request that failed for a reason that is not the user's to fix (or not known to be). */
class ArmError extends AzureHttpError {
    name = 'ArmError';
}
/** Code and message of an ARM error body (standard or top-level form), with details appended. */
function parseArmError(status, body) {
    const outer = asRecord(body);
    const inner = asRecord(outer?.error) ?? outer;
    const code = typeof inner?.code === 'string' ? inner.code : `HTTP ${status}`;
    const message = typeof inner?.message === 'string' ? inner.message : typeof body === 'string' ? body : '';
    const details = Array.isArray(inner?.details) ? inner.details.map(asRecord) : [];
    const extra = details.flatMap((d) => typeof d?.message === 'string'
        ? [`${typeof d.code === 'string' ? d.code : 'detail'}: ${d.message}`]
        : []);
    return { code, message: [message.trim(), ...extra].filter(Boolean).join(' | ') };
}
/** Codes Azure returns under conflict or load that a later attempt can get past. */
const RETRYABLE_CODES = new Set([
    // Writes of federated credentials of one identity must not overlap; Azure rejects the later ones.
    'ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity',
    'OperationNotAllowed_ConcurrentOperation',
]);
function isRetryable(status, code) {
    return status === 429 || status >= 500 || RETRYABLE_CODES.has(code);
}
/** The error to throw for a failed ARM request made for `context`. */
function armError(context, status, body, requestId) {
    const parsed = parseArmError(status, body);
    const text = `${context}: ${parsed.code}: ${parsed.message || `HTTP ${status}`}`;
    const hint = userHint(parsed, status);
    if (hint !== undefined)
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${text}. ${hint}`);
    const id = requestId ? ` (x-ms-request-id ${requestId})` : '';
    return new ArmError(`${text}${id}`, status, parsed.code);
}
const NOT_FOUND = new Set(['ResourceNotFound', 'ResourceGroupNotFound', 'ParentResourceNotFound']);
function userHint(error, status) {
    if (error.code === 'AuthorizationFailed' || error.code === 'LinkedAuthorizationFailed') {
        return roleHint(error.message);
    }
    if (NOT_FOUND.has(error.code) || (status === 404 && error.code === 'NotFound')) {
        return 'Check azure-subscription-id, resource-group and the resource name; the identity must be able to read it.';
    }
    if (error.code === 'SubscriptionNotFound' || error.code === 'InvalidSubscriptionId') {
        return 'Check azure-subscription-id, and that the identity has a role in that subscription.';
    }
    if (error.code === 'InvalidAuthenticationTokenTenant') {
        return 'The subscription belongs to another tenant than azure-tenant-id: use the tenant of the subscription.';
    }
    if (/local accounts/i.test(error.message)) {
        return 'The cluster disables local accounts: set aks-admin: false to use Entra ID user credentials, and give the identity an AKS RBAC role (e.g. Azure Kubernetes Service RBAC Cluster Admin).';
    }
    return undefined;
}
const ROLES = [
    [/listClusterUserCredential/i, 'Azure Kubernetes Service Cluster User Role on the AKS cluster'],
    [/listClusterAdminCredential/i, 'Azure Kubernetes Service Cluster Admin Role on the AKS cluster'],
    [/federatedIdentityCredentials/i, 'Managed Identity Contributor on the managed identity'],
    [/managedClusters\/read/i, 'Reader on the AKS cluster or its resource group'],
];
function roleHint(message) {
    const role = ROLES.find(([pattern]) => pattern.test(message))?.[1];
    const grant = role
        ? `Grant the identity ${role}`
        : 'Grant the identity a role that allows this action';
    return `${grant} (az role assignment create --assignee <client id> --role ... --scope ...). A role assigned in the last minutes may not be effective yet: re-run the job.`;
}
function asRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? value
        : undefined;
}


/***/ }),

/***/ 15441:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ tokenSource)
/* harmony export */ });
/** Returns a function that yields a valid bearer token for `scope`, masking every new one. */
function tokenSource(credential, scope, options) {
    const now = options.now ?? Date.now;
    const margin = options.refreshMarginMs ?? 60_000;
    let cached;
    let pending;
    const fresh = (token) => token !== undefined && token.expiresOnTimestamp - margin > now();
    return async () => {
        if (fresh(cached))
            return cached.token;
        pending ??= request(credential, scope, options.setSecret).finally(() => {
            pending = undefined;
        });
        cached = await pending;
        return cached.token;
    };
}
async function request(credential, scope, setSecret) {
    const token = await credential.getToken(scope);
    if (!token)
        throw new Error(`the Azure credential returned no token for scope ${scope}`);
    setSecret(token.token);
    return token;
}


/***/ }),

/***/ 15075:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $B: () => (/* binding */ backupConfig),
/* harmony export */   CP: () => (/* binding */ walArchiveOf),
/* harmony export */   Ko: () => (/* binding */ backupLocation),
/* harmony export */   Pk: () => (/* binding */ CNPG_METHOD)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _objects_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(29616);
// What backups a live Cluster is configured with, read from its spec as CNPG and `kubectl cnpg
// status` read it (facts §2, §3, §9): the Barman Cloud plugin (an enabled spec.plugins entry
// barman-cloud.cloudnative-pg.io, its ObjectStore named by barmanObjectName, serverName
// defaulting to the cluster name), the in-core spec.backup.barmanObjectStore, or
// spec.backup.volumeSnapshot. A cluster with none is refused, saying how deploy sets them up.


/** spec.method of the Backup CR for each method. */
const CNPG_METHOD = {
    plugin: 'plugin',
    'barman-object-store': 'barmanObjectStore',
    'volume-snapshot': 'volumeSnapshot',
};
const HOW_DEPLOY = "pgha deploy configures backups with backup-destination (e.g. backup-destination: https://<account>.blob.core.windows.net/backups with workload-identity-client-id, or s3://bucket/path with backup-credentials-secret): the Barman Cloud plugin's ObjectStore wired as WAL archiver when the cluster serves barmancloud.cnpg.io, else the in-core spec.backup.barmanObjectStore (backup-method)";
function pluginArchive(cluster) {
    const entry = cluster.spec?.plugins?.find((p) => p.name === _objects_js__WEBPACK_IMPORTED_MODULE_1__/* .PLUGIN_NAME */ .AF && p.enabled !== false);
    if (!entry)
        return undefined;
    const objectStore = entry.parameters?.barmanObjectName ?? '';
    if (objectStore === '')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Cluster ${cluster.metadata.name} enables the ${_objects_js__WEBPACK_IMPORTED_MODULE_1__/* .PLUGIN_NAME */ .AF} plugin without the parameter barmanObjectName: the plugin archives nowhere. ${HOW_DEPLOY}.`);
    const serverName = entry.parameters?.serverName ?? cluster.metadata.name;
    return { kind: 'plugin', objectStore, serverName };
}
function inCoreArchive(cluster) {
    const bos = cluster.spec?.backup?.barmanObjectStore;
    if (!bos)
        return undefined;
    return {
        kind: 'in-core',
        destinationPath: bos.destinationPath ?? '',
        serverName: bos.serverName ?? cluster.metadata.name,
    };
}
/** Where the Cluster archives WAL, plugin first (as CNPG's own choice); undefined: nowhere. */
function walArchiveOf(cluster) {
    return pluginArchive(cluster) ?? inCoreArchive(cluster);
}
function annotation(cluster, name) {
    return cluster.metadata.annotations?.[name];
}
/** The backup method and WAL archive of the Cluster for the requested method, or why not. */
function backupConfig(cluster, requested) {
    const name = cluster.metadata.name;
    if (annotation(cluster, 'cnpg.io/hibernation') === 'on')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Cluster ${name} is hibernated (annotation cnpg.io/hibernation: on): CNPG cannot back up a hibernated cluster; wake it first`);
    const plugin = pluginArchive(cluster);
    const inCore = inCoreArchive(cluster);
    const walArchivingDisabled = annotation(cluster, 'cnpg.io/skipWalArchiving') === 'enabled';
    const chosen = choose(cluster, requested, plugin, inCore);
    return { ...chosen, walArchivingDisabled };
}
function choose(cluster, requested, plugin, inCore) {
    const name = cluster.metadata.name;
    const snapshots = cluster.spec?.backup?.volumeSnapshot !== undefined;
    switch (requested) {
        case 'auto':
            if (plugin)
                return {
                    method: 'plugin',
                    archive: plugin,
                    reason: `method: auto and Cluster ${name} archives WAL with the ${_objects_js__WEBPACK_IMPORTED_MODULE_1__/* .PLUGIN_NAME */ .AF} plugin`,
                };
            if (inCore)
                return {
                    method: 'barman-object-store',
                    archive: inCore,
                    reason: `method: auto and Cluster ${name} has the in-core spec.backup.barmanObjectStore (deprecated, removed in CNPG 1.31)`,
                };
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Cluster ${name} has no backups configured: no enabled ${_objects_js__WEBPACK_IMPORTED_MODULE_1__/* .PLUGIN_NAME */ .AF} plugin in spec.plugins and no spec.backup.barmanObjectStore${snapshots ? ' (it has spec.backup.volumeSnapshot: ask for it with method: volume-snapshot)' : ''}. ${HOW_DEPLOY}.`);
        case 'plugin':
            if (plugin)
                return { method: 'plugin', archive: plugin, reason: 'method: plugin was requested' };
            throw missing(name, `method: plugin, but Cluster ${name} has no enabled ${_objects_js__WEBPACK_IMPORTED_MODULE_1__/* .PLUGIN_NAME */ .AF} plugin in spec.plugins`, 'backup-method: plugin');
        case 'barman-object-store':
            if (inCore)
                return {
                    method: 'barman-object-store',
                    archive: inCore,
                    reason: 'method: barman-object-store was requested',
                };
            throw missing(name, `method: barman-object-store, but Cluster ${name} has no spec.backup.barmanObjectStore${plugin ? ` (it uses the ${_objects_js__WEBPACK_IMPORTED_MODULE_1__/* .PLUGIN_NAME */ .AF} plugin: method: plugin)` : ''}`, 'backup-method: barman-object-store');
        case 'volume-snapshot': {
            if (!snapshots)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`input 'method': volume-snapshot, but Cluster ${name} has no spec.backup.volumeSnapshot (set its className, see https://cloudnative-pg.io/documentation/current/backup_volumesnapshot/) (example: method: auto)`);
            const archive = plugin ?? inCore;
            return {
                method: 'volume-snapshot',
                ...(archive ? { archive } : {}),
                reason: 'method: volume-snapshot was requested',
            };
        }
    }
}
function missing(cluster, what, deployInput) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`input 'method': ${what}. ${HOW_DEPLOY}; deploy ${cluster} with ${deployInput} to get it (example: method: auto)`);
}
/** Where a base backup lands: <destinationPath>/<serverName>/base/<backupId>/. */
function backupLocation(destinationPath, serverName, backupId) {
    return `${destinationPath.replace(/\/+$/, '')}/${serverName}/base/${backupId}/`;
}


/***/ }),

/***/ 24487:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $L: () => (/* binding */ isDone),
/* harmony export */   Cw: () => (/* binding */ listBackups),
/* harmony export */   DW: () => (/* binding */ BACKUP),
/* harmony export */   Fl: () => (/* binding */ checkOwnBackup),
/* harmony export */   M1: () => (/* binding */ unfinished),
/* harmony export */   c$: () => (/* binding */ newestCompleted),
/* harmony export */   dB: () => (/* binding */ createBackup),
/* harmony export */   i5: () => (/* binding */ backupManifest),
/* harmony export */   lA: () => (/* binding */ getBackup)
/* harmony export */ });
/* unused harmony export TERMINAL_PHASES */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _kube_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(23646);
/* harmony import */ var _kube_resources_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(26804);
/* harmony import */ var _backup_config_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(15075);
/* harmony import */ var _discovery_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5721);
/* harmony import */ var _objects_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(29616);
// The Backup CR (facts §3): the on-demand Backup pgha creates (labelled as `kubectl cnpg
// backup` does, plus pgha's labels), finding an existing one of the same name (a re-run
// reports it), the Backups of a Cluster, the newest completed one, and the facts of a Backup
// as the outputs and the summary give them.






const BACKUP = { apiVersion: _discovery_js__WEBPACK_IMPORTED_MODULE_4__/* .CNPG_GROUP_VERSION */ .yX, kind: 'Backup' };
/** Only these two phases end a Backup (walArchivingFailing and pending can last forever). */
const TERMINAL_PHASES = ['completed', 'failed'];
function isDone(b) {
    const phase = b?.status?.phase ?? '';
    return TERMINAL_PHASES.includes(phase);
}
function backupManifest(r) {
    const labels = { 'cnpg.io/cluster': r.cluster, ...(0,_objects_js__WEBPACK_IMPORTED_MODULE_5__/* .pghaLabels */ .uE)(r.cluster, 'backup', r.origin) };
    return {
        ...BACKUP,
        metadata: (0,_objects_js__WEBPACK_IMPORTED_MODULE_5__/* .meta */ .mI)(r.name, r.namespace, r.origin, { labels }),
        spec: {
            cluster: { name: r.cluster },
            method: _backup_config_js__WEBPACK_IMPORTED_MODULE_3__/* .CNPG_METHOD */ .Pk[r.method],
            ...(r.target ? { target: r.target } : {}),
            ...(r.method === 'plugin' ? { pluginConfiguration: { name: _objects_js__WEBPACK_IMPORTED_MODULE_5__/* .PLUGIN_NAME */ .AF } } : {}),
        },
    };
}
function backupsPath(namespace) {
    return (0,_kube_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .collectionPath */ .yb)(BACKUP.apiVersion, BACKUP.kind, namespace);
}
async function getBackup(http, namespace, name) {
    const { status, body } = await http.json({
        method: 'GET',
        path: `${backupsPath(namespace)}/${name}`,
        allowNotFound: true,
        context: `reading Backup ${name} in namespace ${namespace}`,
    });
    return status === 404 ? undefined : body;
}
/** An existing Backup of that name must be of this Cluster: the name is the user's choice. */
function checkOwnBackup(b, cluster) {
    const of = b.spec?.cluster?.name ?? '';
    if (of !== cluster)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`input 'backup-name': Backup ${b.metadata.name} already exists in namespace ${b.metadata.namespace ?? ''} and backs up Cluster ${of}, not ${cluster}; choose another name (example: backup-name: ${cluster}-before-upgrade)`);
    return b;
}
/** Creates the Backup; one that appeared meanwhile (409) is read and reported instead. */
async function createBackup(http, manifest, cluster) {
    const namespace = manifest.metadata.namespace ?? '';
    try {
        const { body } = await http.json({
            method: 'POST',
            path: backupsPath(namespace),
            query: { fieldManager: 'pgha' },
            body: manifest,
            context: `creating Backup ${manifest.metadata.name}`,
        });
        return { backup: body, created: true };
    }
    catch (error) {
        if (!(error instanceof _kube_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KubeApiError */ .W3) || error.status !== 409)
            throw error;
        const existing = await getBackup(http, namespace, manifest.metadata.name);
        if (!existing)
            throw error;
        return { backup: checkOwnBackup(existing, cluster), created: false };
    }
}
/**
 * The Backups in the namespace: those of the Cluster (by spec.cluster.name: Backups made by
 * hand may lack the label) and the others, so that a name taken by another Cluster is seen.
 */
async function listBackups(http, namespace) {
    const { body } = await http.json({
        method: 'GET',
        path: backupsPath(namespace),
        context: `listing the Backups in namespace ${namespace}`,
    });
    return body.items;
}
/** The newest completed Backup among these, by completion time. */
function newestCompleted(backups) {
    return backups
        .filter((b) => b.status?.phase === 'completed')
        .map((b) => ({
        name: b.metadata.name,
        completedAt: b.status?.stoppedAt ??
            b.status?.reconciliationTerminatedAt ??
            b.metadata.creationTimestamp ??
            '',
    }))
        .filter((c) => Number.isFinite(Date.parse(c.completedAt)))
        .sort((a, b) => Date.parse(b.completedAt) - Date.parse(a.completedAt))[0];
}
/** Other Backups of the Cluster that are not done: CNPG runs one at a time. */
function unfinished(backups, except) {
    return backups
        .filter((b) => b.metadata.name !== except && !isDone(b))
        .map((b) => `${b.metadata.name} (${b.status?.phase ?? 'new'})`);
}


/***/ }),

/***/ 60636:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ deleteAll)
/* harmony export */ });
/* unused harmony export clusterLeftovers */
/* harmony import */ var _kube_read_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(91437);

const POLL_MS = 250;
/** The pods and PVCs of a Cluster still there, as pod/<name>, pvc/<name>. */
async function clusterLeftovers(http, t) {
    const selector = `cnpg.io/cluster=${t.name}`;
    const [pods, pvcs] = await Promise.all([
        (0,_kube_read_js__WEBPACK_IMPORTED_MODULE_0__/* .listObjects */ .L)(http, { apiVersion: 'v1', kind: 'Pod' }, t.namespace, selector),
        (0,_kube_read_js__WEBPACK_IMPORTED_MODULE_0__/* .listObjects */ .L)(http, { apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, t.namespace, selector),
    ]);
    return [
        ...pods.map((p) => `pod/${p.metadata.name}`),
        ...pvcs.map((p) => `pvc/${p.metadata.name}`),
    ];
}
/** What of `t` is still there: the object itself, and for a Cluster its pods and PVCs. */
async function remaining(http, t) {
    const self = (await (0,_kube_read_js__WEBPACK_IMPORTED_MODULE_0__/* .readObject */ .Ag)(http, t)) ? [(0,_kube_read_js__WEBPACK_IMPORTED_MODULE_0__/* .describeRef */ .Ro)(t)] : [];
    if (t.kind !== 'Cluster' || !t.namespace)
        return self;
    return [...self, ...(await clusterLeftovers(http, { namespace: t.namespace, name: t.name }))];
}
async function requestDeletion(http, t) {
    const { status } = await http.json({
        method: 'DELETE',
        path: (0,_kube_read_js__WEBPACK_IMPORTED_MODULE_0__/* .refPath */ .NA)(t),
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
        allowNotFound: true,
        context: `deleting ${(0,_kube_read_js__WEBPACK_IMPORTED_MODULE_0__/* .describeRef */ .Ro)(t)}`,
    });
    return status !== 404;
}
/** Deletes the targets together and (with wait) waits for each; reports each as it ends. */
async function deleteAll(d, targets, onDone = () => undefined) {
    const started = d.now();
    const before = new Map();
    for (const t of targets)
        if (t.kind === 'Cluster' && t.namespace)
            before.set(t, await clusterLeftovers(d.http, { namespace: t.namespace, name: t.name }));
    const requested = await Promise.all(targets.map((t) => requestDeletion(d.http, t)));
    return Promise.all(targets.map(async (t, i) => {
        const deletion = await settle(d, t, requested[i] === true, started, before.get(t));
        onDone(deletion);
        return deletion;
    }));
}
/**
 * Waits (with wait) until the object and what goes with it are gone. An object that was
 * already gone is still waited for: its pods may be terminating from an earlier deletion.
 */
async function settle(d, t, requested, started, went) {
    const base = {
        what: (0,_kube_read_js__WEBPACK_IMPORTED_MODULE_0__/* .describeRef */ .Ro)(t),
        started,
        ...(t.namespace ? { namespace: t.namespace } : {}),
        ...(went && went.length > 0 ? { with: went } : {}),
    };
    const seconds = () => (d.now() - started) / 1000;
    if (!d.wait) {
        if (requested)
            d.logger.info(`${base.what}: deletion requested (wait: false)`);
        return { ...base, outcome: requested ? 'requested' : 'absent', seconds: seconds() };
    }
    let left = await remaining(d.http, t);
    let reported = 0;
    while (left.length > 0) {
        if (d.now() >= d.deadline)
            throw new Error(`${base.what} is still terminating at the timeout: ${left.join(', ')} ${left.length === 1 ? 'is' : 'are'} not gone yet (check their finalizers and events: kubectl describe -n ${t.namespace ?? ''} ${left[0] ?? ''})`);
        if (d.now() - started - reported >= 10_000) {
            reported = d.now() - started;
            d.logger.info(`${base.what}: still terminating after ${seconds().toFixed(0)} s: ${left.join(', ')}`);
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
        left = await remaining(d.http, t);
    }
    const s = seconds();
    if (!requested)
        return { ...base, outcome: 'absent', seconds: s };
    d.logger.info(`${base.what}: deleted in ${s.toFixed(1)} s${went && went.length > 0 ? ` (with ${went.join(', ')})` : ''}`);
    return { ...base, outcome: 'deleted', seconds: s };
}


/***/ }),

/***/ 88222:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   My: () => (/* binding */ destinationOf),
/* harmony export */   Np: () => (/* binding */ readObjectStore),
/* harmony export */   Ou: () => (/* binding */ windowOf),
/* harmony export */   dH: () => (/* binding */ windowAfterBackup)
/* harmony export */ });
/* unused harmony exports OBJECT_STORE, objectStorePath */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _kube_resources_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(26804);
/* harmony import */ var _kube_watch_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(87002);
/* harmony import */ var _discovery_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5721);
// The recovery window of a Cluster as `kubectl cnpg status` reads it (facts §2, §9): for the
// Barman Cloud plugin the ObjectStore's status.serverRecoveryWindow[<serverName>]; for the
// in-core method the Cluster's (deprecated) status.firstRecoverabilityPoint,
// lastSuccessfulBackup and lastFailedBackup. Also where the archive lives (destinationPath).




const OBJECT_STORE = {
    apiVersion: _discovery_js__WEBPACK_IMPORTED_MODULE_3__/* .BARMAN_CLOUD_GROUP_VERSION */ .h3,
    kind: 'ObjectStore',
};
function objectStorePath(namespace, name) {
    return `${(0,_kube_resources_js__WEBPACK_IMPORTED_MODULE_1__/* .collectionPath */ .yb)(OBJECT_STORE.apiVersion, OBJECT_STORE.kind, namespace)}/${name}`;
}
/** The plugin's ObjectStore; a missing one means WAL goes nowhere, which the user must fix. */
async function readObjectStore(http, namespace, name, cluster) {
    const { status, body } = await http.json({
        method: 'GET',
        path: objectStorePath(namespace, name),
        allowNotFound: true,
        context: `reading ObjectStore ${name} in namespace ${namespace}`,
    });
    if (status !== 404 && body)
        return body;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Cluster ${cluster} archives WAL with the Barman Cloud plugin into ObjectStore ${name} (parameter barmanObjectName), but namespace ${namespace} has no ObjectStore ${name}: create it (pgha deploy with backup-destination does) or fix barmanObjectName`);
}
/** The destinationPath WAL and base backups go to. */
function destinationOf(archive, store) {
    return archive.kind === 'in-core'
        ? archive.destinationPath
        : (store?.spec?.configuration?.destinationPath ?? '');
}
function windowOf(archive, cluster, store) {
    if (archive.kind === 'plugin') {
        const w = store?.status?.serverRecoveryWindow?.[archive.serverName] ?? {};
        return {
            source: `ObjectStore ${archive.objectStore}, server ${archive.serverName}`,
            ...defined('firstRecoverabilityPoint', w.firstRecoverabilityPoint),
            ...defined('lastSuccessfulBackup', w.lastSuccessfulBackupTime),
            ...defined('lastFailedBackup', w.lastFailedBackupTime),
        };
    }
    const s = (cluster?.status ?? {});
    return {
        source: `Cluster status, server ${archive.serverName}`,
        ...defined('firstRecoverabilityPoint', s.firstRecoverabilityPoint),
        ...defined('lastSuccessfulBackup', s.lastSuccessfulBackup),
        ...defined('lastFailedBackup', s.lastFailedBackup),
    };
}
function defined(key, value) {
    return value ? { [key]: value } : {};
}
/** CNPG updates the window after it marks the Backup completed: wait this long for it. */
const WINDOW_UPDATE_MS = 15_000;
/** The window once it shows the new backup, or as it is after a short wait. */
async function windowAfterBackup(http, w) {
    const plugin = w.archive.kind === 'plugin';
    const name = w.archive.kind === 'plugin' ? w.archive.objectStore : w.cluster;
    const kind = plugin ? OBJECT_STORE : _kube_resources_js__WEBPACK_IMPORTED_MODULE_1__/* .CNPG_CLUSTER */ .wn;
    const read = (obj) => plugin ? windowOf(w.archive, undefined, obj) : windowOf(w.archive, obj, undefined);
    try {
        return await (0,_kube_watch_js__WEBPACK_IMPORTED_MODULE_2__/* .waitFor */ .fm)(http, {
            collection: (0,_kube_resources_js__WEBPACK_IMPORTED_MODULE_1__/* .collectionPath */ .yb)(kind.apiVersion, kind.kind, w.namespace),
            name,
            what: `the recovery window of ${w.cluster}`,
        }, {
            deadline: Math.min(w.deadline, w.now() + WINDOW_UPDATE_MS),
            now: w.now,
            check: (obj) => {
                const window = read(obj);
                const updated = window.lastSuccessfulBackup !== w.before?.lastSuccessfulBackup;
                return updated && window.firstRecoverabilityPoint ? window : undefined;
            },
        });
    }
    catch (error) {
        if (!(error instanceof _kube_watch_js__WEBPACK_IMPORTED_MODULE_2__/* .WatchTimeout */ .FR))
            throw error;
        return read(error.last);
    }
}


/***/ }),

/***/ 80507:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ isLoopback)
/* harmony export */ });
// This machine's own addresses: the only hosts pgha talks to over plain http (the sandbox,
// Azurite) without a warning.
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const isLoopback = (url) => LOOPBACK.has(url.hostname);


/***/ }),

/***/ 76846:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   Vs: () => (/* binding */ retryAfterMs),
/* harmony export */   tD: () => (/* binding */ retryDefaults)
/* harmony export */ });
/* unused harmony export retryDelay */
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
// Bounded retries for the REST clients (ARM, Blob, S3): attempts until one succeeds, with
// exponential backoff and jitter, Retry-After honoured up to a bound, and the defaults every
// client starts from. A client turns each attempt into an AttemptOutcome.

function retryDefaults(o) {
    return {
        fetch: o.fetch ?? globalThis.fetch,
        sleep: o.sleep ?? ((ms) => (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(ms, undefined, o.signal ? { signal: o.signal } : {})),
        random: o.random ?? Math.random,
        maxAttempts: o.maxAttempts ?? 5,
        maxRetryAfterMs: o.maxRetryAfterMs ?? 60_000,
    };
}
/** Runs attempts until one succeeds or retryDelay says to give up; the last error is thrown. */
async function withRetries(attempt, s) {
    for (let n = 1;; n++) {
        const outcome = await attempt();
        if ('result' in outcome)
            return outcome.result;
        const wait = s.stopped?.() ? undefined : retryDelay(outcome, n, s);
        if (wait === undefined) {
            if (n > 1)
                outcome.error.message += ` (gave up after ${n} attempts)`;
            throw outcome.error;
        }
        s.logger.debug(`${s.context}: ${outcome.reason}; retrying in ${Math.round(wait)} ms`);
        await s.sleep(wait);
    }
}
/** Milliseconds to wait before the next attempt, or undefined to give up. */
function retryDelay(outcome, attempt, settings) {
    if (!outcome.retryable || attempt >= settings.maxAttempts)
        return undefined;
    if (outcome.retryAfterMs !== undefined) {
        if (outcome.retryAfterMs > settings.maxRetryAfterMs)
            return undefined;
        return outcome.retryAfterMs + settings.random() * 500;
    }
    const backoff = Math.min(1000 * 2 ** (attempt - 1), 16_000);
    return backoff / 2 + (settings.random() * backoff) / 2;
}
/** Retry-After as delta-seconds or an HTTP date, in milliseconds. */
function retryAfterMs(header, now = Date.now()) {
    if (!header)
        return undefined;
    const trimmed = header.trim();
    if (/^\d+$/.test(trimmed))
        return Number(trimmed) * 1000;
    const date = Date.parse(trimmed);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}


/***/ })

};
