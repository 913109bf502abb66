export const id = 890;
export const ids = [890];
export const modules = {

/***/ 21836:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mo: () => (/* binding */ describeCredentials),
/* harmony export */   ct: () => (/* binding */ walLocation),
/* harmony export */   p9: () => (/* binding */ safeLocation),
/* harmony export */   q_: () => (/* binding */ archiveChecks),
/* harmony export */   wL: () => (/* binding */ describeArchiver)
/* harmony export */ });
/* harmony import */ var _log_safety_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8224);
// Words about a Cluster's WAL archive for logs and failures: where it is (with any query,
// fragment or user info cut off, so no SAS token or key can be repeated), how the cluster
// authenticates to it (names of Secrets and keys, never values), the archiver's state, and
// what to check when it fails.

/** A URL without query, fragment or user info: nothing secret can ride along. */
function safeLocation(url) {
    const cut = url.replace(/[?#].*$/s, '');
    return (0,_log_safety_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .T)(cut.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1'));
}
function walLocation(destinationPath, serverName) {
    return `${safeLocation(destinationPath).replace(/\/+$/, '')}/${serverName}/wals/`;
}
const secretRef = (s) => (s?.name ? `${s.name}/${s.key ?? '?'}` : undefined);
/** The credentials of a BarmanObjectStoreConfiguration, by reference only. */
function describeCredentials(configuration) {
    const c = (configuration ?? {});
    const azure = c.azureCredentials;
    const s3 = c.s3Credentials;
    const google = c.googleCredentials;
    if (azure?.inheritFromAzureAD === true)
        return 'workload identity (azureCredentials.inheritFromAzureAD)';
    if (azure?.useDefaultAzureCredentials === true)
        return 'the default Azure credential chain (azureCredentials.useDefaultAzureCredentials)';
    if (s3?.inheritFromIAMRole === true)
        return 'the IAM role of the pod (s3Credentials.inheritFromIAMRole)';
    if (google?.gkeEnvironment === true)
        return 'the GKE workload identity (googleCredentials.gkeEnvironment)';
    const refs = [azure, s3, google]
        .flatMap((group) => Object.values(group ?? {}))
        .map((v) => secretRef(v))
        .filter((v) => v !== undefined);
    return refs.length > 0
        ? `Secret keys ${[...new Set(refs)].join(', ')}`
        : 'no credentials configured';
}
function time(ms) {
    return ms === undefined ? '' : ` at ${new Date(ms).toISOString()}`;
}
function describeArchiver(pod, s) {
    return (`pg_stat_archiver on ${pod}: last archived ${s.lastArchivedWal ?? 'none'}${time(s.lastArchivedAt)}, ` +
        `last failed ${s.lastFailedWal ?? 'none'}${time(s.lastFailedAt)}; ${s.archivedCount} archived, ${s.failedCount} failed since the statistics were reset`);
}
/** What to look at when WAL does not reach the store. */
function archiveChecks(where) {
    const config = where.archive.kind === 'plugin'
        ? `ObjectStore ${where.archive.objectStore} (spec.configuration)`
        : `Cluster ${where.cluster} (spec.backup.barmanObjectStore)`;
    return [
        `Archive: ${where.location} (${config}); credentials: ${where.credentials}`,
        'What to check:',
        `  - the credentials in ${config} and the Secret keys they name`,
        `  - with workload identity: the federated credential of the managed identity for subject system:serviceaccount:${where.namespace}:${where.serviceAccount} and the azure.workload.identity/client-id annotation of that ServiceAccount (pgha deploy with identity-name sets both up)`,
        '  - that the container or bucket exists and the identity may write to it (barman-cloud 3.16 and later do not create it)',
        `  - the log of container ${where.container} in pod ${where.primary}: kubectl logs -n ${where.namespace} ${where.primary} -c ${where.container}`,
    ];
}


/***/ }),

/***/ 32480:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  z8: () => (/* binding */ archivingCondition),
  oP: () => (/* binding */ proveWalArchiving),
  b9: () => (/* binding */ readArchiver)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/kube/resources.ts
var resources = __webpack_require__(26804);
// EXTERNAL MODULE: ./src/kube/watch.ts
var watch = __webpack_require__(87002);
// EXTERNAL MODULE: ./src/log-safety.ts
var log_safety = __webpack_require__(8224);
;// CONCATENATED MODULE: ./src/postgres/archiver.ts
// The WAL archiver as PostgreSQL reports it: the SQL that switches WAL and names the segment it
// closed, the SQL that reads pg_stat_archiver (and the segment's archive_status file), and
// pure functions over their unaligned psql output. Segment names are the 24 hex digits of
// timeline, log and segment; pg_walfile_name of the LSN pg_switch_wal() returns (the end of
// the closed segment) names the closed segment itself.
const SEGMENT = /^[0-9A-F]{24}$/;
function isSegmentName(name) {
    return SEGMENT.test(name);
}
/**
 * Writes a small WAL record first (pg_switch_wal() does nothing on an empty segment), then
 * switches; MATERIALIZED keeps the order.
 */
const SWITCH_WAL_SQL = "WITH m AS MATERIALIZED (SELECT pg_logical_emit_message(false, 'pgha', 'backup: WAL archiving check') AS lsn), " +
    's AS MATERIALIZED (SELECT pg_switch_wal() AS lsn FROM m) ' +
    'SELECT pg_walfile_name(s.lsn), s.lsn, extract(epoch FROM clock_timestamp()) FROM s';
/** pg_stat_archiver, plus whether `segment` is marked done in pg_wal/archive_status. */
function archiverStatusSql(segment) {
    if (segment !== undefined && !isSegmentName(segment))
        throw new Error(`${segment} is not a WAL segment name`);
    const done = segment === undefined
        ? 'false'
        : `EXISTS (SELECT 1 FROM pg_ls_archive_statusdir() WHERE name = '${segment}.done')`;
    return ("SELECT coalesce(last_archived_wal, ''), coalesce(extract(epoch FROM last_archived_time)::text, ''), " +
        "coalesce(last_failed_wal, ''), coalesce(extract(epoch FROM last_failed_time)::text, ''), " +
        `archived_count, failed_count, extract(epoch FROM clock_timestamp()), ${done} FROM pg_stat_archiver`);
}
function epochMs(text) {
    if (text === undefined || text === '')
        return undefined;
    const seconds = Number(text);
    return Number.isFinite(seconds) ? Math.round(seconds * 1000) : undefined;
}
function onlyRow(lines, what, columns) {
    const row = lines[0]?.split('|') ?? [];
    if (lines.length !== 1 || row.length !== columns)
        throw new Error(`unexpected psql output for ${what}: ${JSON.stringify(lines.slice(0, 3))}`);
    return row;
}
function parseWalSwitch(lines) {
    const [segment = '', lsn = '', at] = onlyRow(lines, 'pg_switch_wal()', 3);
    const ms = epochMs(at);
    if (!isSegmentName(segment) || ms === undefined)
        throw new Error(`unexpected psql output for pg_switch_wal(): ${JSON.stringify(lines)}`);
    return { segment, lsn, at: ms };
}
function parseArchiverStatus(lines) {
    const [archived, archivedAt, failed, failedAt, archivedCount, failedCount, now, done] = onlyRow(lines, 'pg_stat_archiver', 8);
    const lastArchivedAt = epochMs(archivedAt);
    const lastFailedAt = epochMs(failedAt);
    return {
        ...(archived ? { lastArchivedWal: archived } : {}),
        ...(lastArchivedAt !== undefined ? { lastArchivedAt } : {}),
        ...(failed ? { lastFailedWal: failed } : {}),
        ...(lastFailedAt !== undefined ? { lastFailedAt } : {}),
        archivedCount: Number(archivedCount),
        failedCount: Number(failedCount),
        serverNow: epochMs(now) ?? 0,
        segmentDone: done === 't',
    };
}
/** Log and segment number of a plain segment name (timeline left out), else undefined. */
function segmentNumber(wal) {
    if (wal === undefined || !isSegmentName(wal))
        return undefined;
    return BigInt(`0x${wal.slice(8)}`);
}
/**
 * The archiver has archived `segment`: its archive_status file says done, or the last
 * archived file is a plain segment at or after it (PostgreSQL archives segments in order and
 * retries a failing one until it succeeds; history, .backup and .partial files prove nothing).
 */
function hasArchived(status, segment) {
    if (status.segmentDone)
        return true;
    const last = segmentNumber(status.lastArchivedWal);
    const wanted = segmentNumber(segment);
    return last !== undefined && wanted !== undefined && last >= wanted;
}
/** As `kubectl cnpg status` says "Working WAL archiving": last archived after last failed. */
function archivingWorks(status) {
    if (status.lastArchivedAt === undefined)
        return status.lastFailedAt === undefined ? undefined : false;
    return status.lastFailedAt === undefined || status.lastArchivedAt > status.lastFailedAt;
}
/** A failure the archiver reported after `since` (ms, server clock), if there is one. */
function failureSince(status, since) {
    const { lastFailedWal: wal, lastFailedAt: at } = status;
    return wal !== undefined && at !== undefined && at >= since ? { wal, at } : undefined;
}

// EXTERNAL MODULE: ./src/postgres/superuser-sql.ts
var superuser_sql = __webpack_require__(99878);
// EXTERNAL MODULE: ./src/cnpg/archiving-report.ts
var archiving_report = __webpack_require__(21836);
// EXTERNAL MODULE: ./src/cnpg/diagnostics.ts
var diagnostics = __webpack_require__(98200);
;// CONCATENATED MODULE: ./src/cnpg/archiving.ts








const POLL_MS = 250;
function archivingCondition(status) {
    return status?.conditions?.find((c) => c.type === 'ContinuousArchiving');
}
/** pg_stat_archiver of the primary (and whether `segment` is marked done). */
async function readArchiver(deps, where, segment) {
    const lines = await (0,superuser_sql/* superuserSql */.d)(sqlTarget(deps, where), archiverStatusSql(segment));
    return parseArchiverStatus(lines);
}
function sqlTarget(deps, where) {
    return {
        kc: deps.kc,
        namespace: where.namespace,
        pod: where.primary,
        deadline: deps.deadline,
        now: deps.now,
        onRetry: (m) => {
            deps.logger.info(`exec into ${where.primary}: ${(0,log_safety/* oneLine */.T)(m)}`);
        },
    };
}
async function proveWalArchiving(deps, where, before) {
    const sw = parseWalSwitch(await (0,superuser_sql/* superuserSql */.d)(sqlTarget(deps, where), SWITCH_WAL_SQL));
    deps.logger.info(`Switched WAL on ${where.primary}: segment ${sw.segment} closed at LSN ${sw.lsn}; waiting until it is archived to ${where.location}`);
    const archived = await waitArchived(deps, where, sw, before.serverNow);
    const seconds = Math.max(0, (archived.at - sw.at) / 1000);
    deps.logger.info(`Segment ${sw.segment} archived ${seconds.toFixed(1)} s after the switch (pg_stat_archiver: last archived ${archived.status.lastArchivedWal ?? 'none'})`);
    const condition = await waitConditionTrue(deps, where, sw.segment);
    deps.logger.info(`ContinuousArchiving: ${condition.status} (${(0,log_safety/* oneLine */.T)(condition.message ?? '')})`);
    return {
        segment: sw.segment,
        lsn: sw.lsn,
        switchedAt: new Date(sw.at).toISOString(),
        archivedAt: new Date(archived.at).toISOString(),
        seconds,
        ...(archived.status.lastArchivedWal
            ? { lastArchivedWal: archived.status.lastArchivedWal }
            : {}),
        condition,
    };
}
/** Polls pg_stat_archiver until the segment is archived; reports each new failure once. */
async function waitArchived(deps, where, sw, since) {
    const reported = new Set();
    for (;;) {
        const status = await readArchiver(deps, where, sw.segment);
        if (hasArchived(status, sw.segment)) {
            const exact = status.lastArchivedWal === sw.segment && status.lastArchivedAt !== undefined;
            return { status, at: exact ? (status.lastArchivedAt ?? 0) : status.serverNow };
        }
        const failure = failureSince(status, since);
        if (failure && !reported.has(failure.at)) {
            reported.add(failure.at);
            deps.logger.warning(`WAL archiving failed for ${failure.wal} at ${new Date(failure.at).toISOString()} (pg_stat_archiver on ${where.primary}, ${status.failedCount} failures so far); PostgreSQL keeps retrying`);
        }
        if (deps.now() + POLL_MS >= deps.deadline)
            throw await notArchived(deps, where, sw, status);
        await new Promise((r) => setTimeout(r, POLL_MS));
    }
}
async function notArchived(deps, where, sw, status) {
    const condition = await currentCondition(deps, where);
    const failed = status.lastFailedWal !== undefined && status.lastFailedAt !== undefined
        ? `the last failed WAL is ${status.lastFailedWal} at ${new Date(status.lastFailedAt).toISOString()}`
        : `pg_stat_archiver shows no failure (last archived ${status.lastArchivedWal ?? 'none'}): is the archiver stuck?`;
    const cond = condition
        ? `; ContinuousArchiving is ${condition.status}${condition.message ? `: ${(0,log_safety/* oneLine */.T)(condition.message)}` : ''}`
        : '; the Cluster has no ContinuousArchiving condition';
    const waited = Math.round((deps.now() - sw.at) / 1000);
    return new errors/* DiagnosedError */.xB(`WAL segment ${sw.segment} was not archived within ${waited} s (input 'timeout'): ${failed}${cond}. Check the object store credentials, the workload identity federation of service account ${where.serviceAccount} and the ${where.container} container of ${where.primary}`, await archiving_diagnostics(deps, where, status, condition));
}
async function archiving_diagnostics(deps, where, status, condition) {
    const lines = [(0,archiving_report/* describeArchiver */.wL)(where.primary, status)];
    lines.push(condition
        ? `Cluster ${where.cluster} condition ContinuousArchiving=${condition.status} ${condition.reason ?? ''}: ${(0,log_safety/* oneLine */.T)(condition.message ?? '')}`
        : `Cluster ${where.cluster}: no ContinuousArchiving condition`);
    lines.push(...(0,archiving_report/* archiveChecks */.q_)(where));
    try {
        const events = await (0,diagnostics/* recentEvents */.L)(deps.http, where.namespace, [where.cluster, where.primary]);
        if (events.length > 0)
            lines.push('Recent events:', ...events.map((e) => `  ${e}`));
    }
    catch (error) {
        lines.push(`(could not read events: ${(0,log_safety/* oneLine */.T)(error instanceof Error ? error.message : String(error))})`);
    }
    return lines.join('\n');
}
async function currentCondition(deps, where) {
    try {
        const { body } = await deps.http.json({
            method: 'GET',
            path: `${(0,resources/* collectionPath */.yb)(resources/* CNPG_CLUSTER */.wn.apiVersion, resources/* CNPG_CLUSTER */.wn.kind, where.namespace)}/${where.cluster}`,
            context: `reading Cluster ${where.cluster}`,
        });
        return archivingCondition(body.status);
    }
    catch {
        return undefined;
    }
}
/** After the segment is archived the wrapper has set the condition: wait until it is True. */
async function waitConditionTrue(deps, where, segment) {
    try {
        return await (0,watch/* waitFor */.fm)(deps.http, {
            collection: (0,resources/* collectionPath */.yb)(resources/* CNPG_CLUSTER */.wn.apiVersion, resources/* CNPG_CLUSTER */.wn.kind, where.namespace),
            name: where.cluster,
            what: `the ContinuousArchiving condition of Cluster ${where.cluster} to be True`,
        }, {
            deadline: deps.deadline,
            now: deps.now,
            check: (obj) => {
                const c = archivingCondition(obj?.status);
                return c?.status === 'True' ? c : undefined;
            },
            onReconnect: (reason) => {
                deps.logger.info(`Watch interrupted (${(0,log_safety/* oneLine */.T)(reason)}); resuming`);
            },
        });
    }
    catch (error) {
        if (!(error instanceof watch/* WatchTimeout */.FR))
            throw error;
        const c = archivingCondition(error.last?.status);
        throw new errors/* DiagnosedError */.xB(`WAL segment ${segment} was archived, but the ContinuousArchiving condition of Cluster ${where.cluster} is ${c ? `${c.status}: ${(0,log_safety/* oneLine */.T)(c.message ?? '')}` : 'missing'} (input 'timeout')`, [
            `Cluster ${where.cluster}: ${c ? `${c.status} ${c.reason ?? ''} ${(0,log_safety/* oneLine */.T)(c.message ?? '')}` : 'no ContinuousArchiving condition'}`,
            ...(0,archiving_report/* archiveChecks */.q_)(where),
        ].join('\n'), { cause: error });
    }
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

/***/ 23150:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  W: () => (/* binding */ archiveContext),
  M: () => (/* binding */ preflight)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/log-safety.ts
var log_safety = __webpack_require__(8224);
// EXTERNAL MODULE: ./src/cnpg/backup-config.ts
var backup_config = __webpack_require__(15075);
// EXTERNAL MODULE: ./src/cnpg/backups.ts
var cnpg_backups = __webpack_require__(24487);
// EXTERNAL MODULE: ./src/cnpg/archiving.ts + 1 modules
var archiving = __webpack_require__(32480);
// EXTERNAL MODULE: ./src/cnpg/archiving-report.ts
var archiving_report = __webpack_require__(21836);
// EXTERNAL MODULE: ./src/cnpg/clusters.ts
var clusters = __webpack_require__(53633);
// EXTERNAL MODULE: ./src/cnpg/health.ts
var health = __webpack_require__(2852);
// EXTERNAL MODULE: ./src/cnpg/recovery-window.ts
var recovery_window = __webpack_require__(88222);
// EXTERNAL MODULE: ./src/kube/resources.ts
var resources = __webpack_require__(26804);
;// CONCATENATED MODULE: ./src/cnpg/cron.ts
// When a ScheduledBackup runs next, computed as CNPG computes it: robfig/cron v1.2.0 with the
// parser Second|Minute|Hour|Dom|Month|DowOptional|Descriptor (facts §4). Six fields, seconds
// first; five fields are accepted with the day of week as `*` (so `0 0 * * *` is hourly);
// `*` and `?` are the whole range; `N/step` runs from N to the end of the range; names of
// months and weekdays in any case; descriptors @yearly, @annually, @monthly, @weekly, @daily,
// @midnight, @hourly and @every <duration>. Day of month and day of week both restricted
// means either matches, else both must. Times are UTC, the operator container's zone.
const BOUNDS = [
    { min: 0, max: 59 },
    { min: 0, max: 59 },
    { min: 0, max: 23 },
    { min: 1, max: 31 },
    {
        min: 1,
        max: 12,
        names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
    },
    { min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];
class CronError extends Error {
    name = 'CronError';
}
function number(text, b) {
    const at = b.names?.indexOf(text.toLowerCase()) ?? -1;
    if (at >= 0)
        return b.min + at;
    if (!/^\d+$/.test(text))
        throw new CronError(`cannot read '${text}' as a number`);
    return Number(text);
}
function range(expr, b) {
    const [span = '', stepText, extra] = expr.split('/');
    if (extra !== undefined)
        throw new CronError(`too many slashes: ${expr}`);
    const ends = span.split('-');
    if (ends.length > 2)
        throw new CronError(`too many hyphens: ${expr}`);
    const star = ends[0] === '*' || ends[0] === '?';
    const start = star ? b.min : number(ends[0] ?? '', b);
    let end = star ? b.max : ends.length === 2 ? number(ends[1] ?? '', b) : start;
    const step = stepText === undefined ? 1 : number(stepText, { min: 0, max: 0 });
    if (stepText !== undefined && ends.length === 1)
        end = b.max;
    if (start < b.min)
        throw new CronError(`${expr}: ${start} is below ${b.min}`);
    if (end > b.max)
        throw new CronError(`${expr}: ${end} is above ${b.max}`);
    if (start > end)
        throw new CronError(`${expr}: ${start} is after ${end}`);
    if (step === 0)
        throw new CronError(`${expr}: the step must be positive`);
    const values = new Set();
    for (let v = start; v <= end; v += step)
        values.add(v);
    return { values, star };
}
function field(text, b) {
    const parts = text.split(',').filter((p) => p !== '');
    const fields = parts.map((p) => range(p, b));
    return {
        values: new Set(fields.flatMap((f) => [...f.values])),
        star: fields.some((f) => f.star),
    };
}
function spec(fields) {
    return { kind: 'spec', fields: fields.map((f, i) => field(f, BOUNDS[i])) };
}
const DESCRIPTORS = {
    '@yearly': ['0', '0', '0', '1', '1', '*'],
    '@annually': ['0', '0', '0', '1', '1', '*'],
    '@monthly': ['0', '0', '0', '1', '*', '*'],
    '@weekly': ['0', '0', '0', '*', '*', '0'],
    '@daily': ['0', '0', '0', '*', '*', '*'],
    '@midnight': ['0', '0', '0', '*', '*', '*'],
    '@hourly': ['0', '0', '*', '*', '*', '*'],
};
const GO_UNITS = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
};
/** Go's time.ParseDuration for positive durations (1h30m, 90s, 1.5h). */
function goDuration(text) {
    const parts = [...text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)];
    if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text)
        throw new CronError(`cannot read '${text}' as a duration`);
    return parts.reduce((ms, p) => ms + Number(p[1]) * (GO_UNITS[p[2] ?? ''] ?? 0), 0);
}
function parseSchedule(text) {
    const s = text.trim();
    if (s === '')
        throw new CronError('the schedule is empty');
    if (s.startsWith('@every ')) {
        const ms = Math.max(1000, goDuration(s.slice('@every '.length)));
        return { kind: 'every', ms: ms - (ms % 1000) };
    }
    if (s.startsWith('@')) {
        const fields = DESCRIPTORS[s];
        if (!fields)
            throw new CronError(`unknown descriptor ${s}`);
        return spec(fields);
    }
    const fields = s.split(/\s+/);
    if (fields.length < 5 || fields.length > 6)
        throw new CronError(`expected 5 to 6 fields, found ${fields.length}: ${s}`);
    return spec(fields.length === 5 ? [...fields, '*'] : fields);
}
/** The schedule has five fields: CNPG reads the first as seconds (facts §14, trap 1). */
function isFiveFields(text) {
    const s = text.trim();
    return !s.startsWith('@') && s.split(/\s+/).length === 5;
}
const has = (f, v) => f?.values.has(v) ?? false;
function dayMatches(fields, t) {
    const [, , , dom, , dow] = fields;
    const domMatch = has(dom, t.getUTCDate());
    const dowMatch = has(dow, t.getUTCDay());
    return dom?.star || dow?.star ? domMatch && dowMatch : domMatch || dowMatch;
}
const utc = (y, mo, d, h = 0, mi = 0, s = 0) => new Date(Date.UTC(y, mo, d, h, mi, s));
/** The first activation strictly after `from` (ms), or undefined if none within five years. */
function nextRun(schedule, from) {
    if (schedule.kind === 'every')
        return from - (from % 1000) + schedule.ms;
    const f = schedule.fields;
    let t = new Date(from - (((from % 1000) + 1000) % 1000) + 1000);
    let added = false;
    const yearLimit = t.getUTCFullYear() + 5;
    const reset = (next) => {
        if (!added) {
            added = true;
            t = next;
        }
    };
    wrap: for (;;) {
        if (t.getUTCFullYear() > yearLimit)
            return undefined;
        while (!has(f[4], t.getUTCMonth() + 1)) {
            reset(utc(t.getUTCFullYear(), t.getUTCMonth(), 1));
            t = utc(t.getUTCFullYear(), t.getUTCMonth() + 1, 1);
            if (t.getUTCMonth() === 0)
                continue wrap;
        }
        while (!dayMatches(f, t)) {
            reset(utc(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
            t = utc(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1);
            if (t.getUTCDate() === 1)
                continue wrap;
        }
        for (const [i, unit, get] of CLOCK) {
            while (!has(f[i], get(t))) {
                reset(new Date(t.getTime() - (t.getTime() % unit)));
                t = new Date(t.getTime() + unit);
                if (get(t) === 0)
                    continue wrap;
            }
        }
        return t.getTime();
    }
}
const CLOCK = [
    [2, 3_600_000, (t) => t.getUTCHours()],
    [1, 60_000, (t) => t.getUTCMinutes()],
    [0, 1000, (t) => t.getUTCSeconds()],
];

// EXTERNAL MODULE: ./src/cnpg/discovery.ts + 1 modules
var discovery = __webpack_require__(5721);
;// CONCATENATED MODULE: ./src/cnpg/schedules.ts



/** CNPG requeues a due schedule while a previous backup runs (60 s): only later is it late. */
const OVERDUE_GRACE_MS = 120_000;
async function listSchedules(http, namespace, cluster, now) {
    const { body } = await http.json({
        method: 'GET',
        path: (0,resources/* collectionPath */.yb)(discovery/* CNPG_GROUP_VERSION */.yX, 'ScheduledBackup', namespace),
        context: `listing the ScheduledBackups in namespace ${namespace}`,
    });
    return body.items
        .filter((s) => s.spec?.cluster?.name === cluster)
        .map((s) => scheduleReport(s, now))
        .sort((a, b) => a.name.localeCompare(b.name));
}
function scheduleReport(s, now) {
    const schedule = s.spec?.schedule ?? '';
    const suspended = s.spec?.suspend === true;
    const base = {
        name: s.metadata.name,
        schedule,
        suspended,
        method: s.spec?.method ?? 'barmanObjectStore',
        ...(s.status?.lastScheduleTime ? { lastScheduleTime: s.status.lastScheduleTime } : {}),
        fiveFields: isFiveFields(schedule),
    };
    try {
        const parsed = parseSchedule(schedule);
        if (suspended)
            return { ...base, overdue: false };
        const checked = Date.parse(s.status?.lastCheckTime ?? '');
        const next = nextRun(parsed, Number.isFinite(checked) ? checked : now);
        if (next === undefined)
            return { ...base, overdue: false, problem: 'no time within five years matches it' };
        return {
            ...base,
            nextRun: new Date(next).toISOString(),
            overdue: next < now - OVERDUE_GRACE_MS,
        };
    }
    catch (error) {
        if (!(error instanceof CronError))
            throw error;
        return { ...base, overdue: false, problem: error.message };
    }
}

// EXTERNAL MODULE: ./src/cnpg/wait.ts
var wait = __webpack_require__(89867);
;// CONCATENATED MODULE: ./src/cnpg/backup-preflight.ts











async function preflight(deps, inputs) {
    const { namespace, clusterName: name } = inputs;
    let cluster = await (0,clusters/* readCluster */.D)(deps.http, namespace, name);
    const config = (0,backup_config/* backupConfig */.$B)(cluster, inputs.method);
    deps.logger.info(`Backup method: ${config.method} (${config.reason})`);
    checkArchiving(config, inputs);
    const [store, backups, schedules] = await Promise.all([
        config.archive?.kind === 'plugin'
            ? (0,recovery_window/* readObjectStore */.Np)(deps.http, namespace, config.archive.objectStore, name)
            : undefined,
        (0,cnpg_backups/* listBackups */.Cw)(deps.http, namespace),
        listSchedules(deps.http, namespace, name, deps.now()),
    ]);
    const existing = backups.find((b) => b.metadata.name === inputs.backupName);
    if (existing)
        (0,cnpg_backups/* checkOwnBackup */.Fl)(existing, name);
    if (!(0,health/* isHealthy */.Wr)(cluster))
        cluster = await waitUntilHealthy(deps, cluster);
    const primary = (0,clusters/* primaryOf */.O)(cluster).primary ?? '';
    const where = config.archive ? archiveContext(cluster, config, store, primary) : undefined;
    const window = config.archive ? (0,recovery_window/* windowOf */.Ou)(config.archive, cluster, store) : undefined;
    const ours = backups.filter((b) => b.spec?.cluster?.name === name);
    const previous = newest((0,cnpg_backups/* newestCompleted */.c$)(ours), window);
    const condition = (0,archiving/* archivingCondition */.z8)(cluster.status);
    const archiver = inputs.verifyWal && where ? await (0,archiving/* readArchiver */.b9)(deps, where) : undefined;
    report(deps.logger, { where, condition, archiver, window, previous, schedules });
    return {
        cluster,
        config,
        primary,
        schedules,
        backups: ours,
        ...defined({ where, store, existing, previous, condition, archiver, window }),
    };
}
function defined(o) {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
function checkArchiving(config, inputs) {
    if (!inputs.verifyWal)
        return;
    if (config.walArchivingDisabled)
        throw new errors/* ConfigurationError */.j1(`Cluster ${inputs.clusterName} has WAL archiving turned off (annotation cnpg.io/skipWalArchiving: enabled), so no backup can be restored to a point in time; remove the annotation, or set verify-wal: false to back up without the check`);
    if (!config.archive)
        throw new errors/* ConfigurationError */.j1(`input 'verify-wal': Cluster ${inputs.clusterName} archives WAL nowhere (no Barman Cloud plugin, no spec.backup.barmanObjectStore): there is nothing to verify; configure a WAL archive (pgha deploy with backup-destination), or set verify-wal: false (example: verify-wal: false)`);
}
async function waitUntilHealthy(deps, cluster) {
    const s = cluster.status;
    deps.logger.info(`Cluster ${cluster.metadata.name} is not healthy yet (phase '${(0,log_safety/* oneLine */.T)(s?.phase ?? 'none')}'${s?.phaseReason ? `: ${(0,log_safety/* oneLine */.T)(s.phaseReason)}` : ''}, ${s?.readyInstances ?? 0} ready); waiting until it is, within the timeout`);
    return (0,wait/* waitHealthy */.h)(deps.http, {
        namespace: cluster.metadata.namespace ?? '',
        name: cluster.metadata.name,
        deadline: deps.deadline,
        logger: deps.logger,
        now: deps.now,
    });
}
function archiveContext(cluster, config, store, primary) {
    const archive = config.archive;
    if (!archive)
        return undefined;
    const plugin = archive.kind === 'plugin';
    return {
        namespace: cluster.metadata.namespace ?? '',
        cluster: cluster.metadata.name,
        primary,
        serviceAccount: cluster.spec?.serviceAccountName ?? cluster.metadata.name,
        archive,
        location: (0,archiving_report/* walLocation */.ct)((0,recovery_window/* destinationOf */.My)(archive, store), archive.serverName),
        credentials: (0,archiving_report/* describeCredentials */.Mo)(plugin ? store?.spec?.configuration : cluster.spec?.backup?.barmanObjectStore),
        container: plugin ? 'plugin-barman-cloud' : 'postgres',
    };
}
/** The newer of the newest completed Backup and the recovery window's last successful backup. */
function newest(fromBackups, window) {
    const last = window?.lastSuccessfulBackup;
    if (!last)
        return fromBackups;
    if (fromBackups && Date.parse(fromBackups.completedAt) >= Date.parse(last))
        return fromBackups;
    return { name: `(last successful backup in the ${window.source})`, completedAt: last };
}
function report(logger, k) {
    if (k.where)
        logger.info(`WAL archive: ${k.where.location} (credentials: ${k.where.credentials})`);
    logger.info(k.condition
        ? `ContinuousArchiving: ${(0,log_safety/* oneLine */.T)(k.condition.status)}${k.condition.message ? ` (${(0,log_safety/* oneLine */.T)(k.condition.message)})` : ''}`
        : 'ContinuousArchiving: not reported yet (it is set at the first archive attempt)');
    if (k.archiver && k.where)
        logger.info((0,archiving_report/* describeArchiver */.wL)(k.where.primary, k.archiver));
    if (k.window)
        logger.info(`Recovery window (${k.window.source}): from ${k.window.firstRecoverabilityPoint ?? 'none yet'}; last successful backup ${k.window.lastSuccessfulBackup ?? 'none'}`);
    logger.info(k.previous
        ? `Newest completed backup: ${k.previous.name} at ${k.previous.completedAt}`
        : 'No completed backup yet');
    for (const s of k.schedules)
        logger.info(`ScheduledBackup ${s.name}: '${(0,log_safety/* oneLine */.T)(s.schedule)}'${s.suspended ? ', suspended' : ''}, last ${s.lastScheduleTime ?? 'never'}, next ${s.nextRun ?? s.problem ?? '-'}`);
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

/***/ 53633:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ readCluster),
/* harmony export */   O: () => (/* binding */ primaryOf)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _kube_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(23646);
/* harmony import */ var _kube_resources_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(26804);
// Reading a CNPG Cluster by name. A missing one is the user's mistake (a wrong cluster-name or
// namespace), so the error says which namespaces do have a Cluster of that name.



async function readCluster(http, namespace, name) {
    const path = `${(0,_kube_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .collectionPath */ .yb)(_kube_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .CNPG_CLUSTER */ .wn.apiVersion, _kube_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .CNPG_CLUSTER */ .wn.kind, namespace)}/${name}`;
    const { status, body } = await http.json({
        method: 'GET',
        path,
        allowNotFound: true,
        context: `reading Cluster ${name} in namespace ${namespace}`,
    });
    if (status !== 404 && body)
        return body;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`input 'cluster-name': there is no CNPG Cluster ${name} in namespace ${namespace}; ${await elsewhere(http, name)} (example: cluster-name: pg-orders with namespace: cnpg-database)`);
}
/** Where else a Cluster of that name lives, as far as the identity may list. */
async function elsewhere(http, name) {
    try {
        const { body } = await http.json({
            method: 'GET',
            path: (0,_kube_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .collectionPath */ .yb)(_kube_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .CNPG_CLUSTER */ .wn.apiVersion, _kube_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .CNPG_CLUSTER */ .wn.kind),
            query: { fieldSelector: `metadata.name=${name}` },
            context: `looking for Clusters named ${name} in every namespace`,
        });
        const namespaces = body.items
            .map((c) => c.metadata.namespace ?? '')
            .filter(Boolean)
            .sort();
        return namespaces.length > 0
            ? `a Cluster of that name exists in namespace ${namespaces.join(', ')}: set input 'namespace'`
            : 'no namespace has a Cluster of that name';
    }
    catch (error) {
        if (error instanceof _kube_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KubeApiError */ .W3 && error.status === 403)
            return 'the identity may not list Clusters in other namespaces to look for it';
        throw error;
    }
}
/**
 * The pod that is primary as the Cluster reports it (status.currentPrimary, written by the
 * instance that promoted), and whether a failover or switchover is under way (targetPrimary
 * differs, or is `pending`).
 */
function primaryOf(cluster) {
    const s = cluster.status;
    const switching = s?.targetPrimary !== undefined && s.targetPrimary !== s.currentPrimary;
    return { ...(s?.currentPrimary ? { primary: s.currentPrimary } : {}), switching };
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

/***/ 33259:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I9: () => (/* binding */ freshness),
/* harmony export */   IW: () => (/* binding */ checkFreshness),
/* harmony export */   KW: () => (/* binding */ age)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _log_safety_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8224);
// max-backup-age: the newest completed backup before this run must be younger, otherwise a
// schedule has silently stopped (suspended, failing, or an operator that is down). The
// failure lists the ScheduledBackups with their last and next runs.


function freshness(previous, maxMs, now) {
    const maxSeconds = maxMs / 1000;
    if (!previous)
        return { maxSeconds, fresh: false };
    const ageSeconds = Math.max(0, (now - Date.parse(previous.completedAt)) / 1000);
    return { maxSeconds, previous, ageSeconds, fresh: ageSeconds <= maxSeconds };
}
function age(seconds) {
    if (seconds < 120)
        return `${Math.round(seconds)} s`;
    if (seconds < 7200)
        return `${Math.round(seconds / 60)} min`;
    if (seconds < 172_800)
        return `${(seconds / 3600).toFixed(1)} h`;
    return `${(seconds / 86_400).toFixed(1)} days`;
}
function scheduleLine(s) {
    const state = s.suspended
        ? 'suspended'
        : s.problem
            ? `unreadable (${(0,_log_safety_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .T)(s.problem)})`
            : `next run ${s.nextRun ?? '-'}${s.overdue ? ' (overdue: the operator has not started it)' : ''}`;
    return `  ScheduledBackup ${s.name}: '${(0,_log_safety_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .T)(s.schedule)}', last scheduled ${s.lastScheduleTime ?? 'never'}, ${state}`;
}
/** Throws when the newest completed backup before this run is older than max-backup-age. */
function checkFreshness(f, cluster, schedules) {
    if (f.fresh)
        return;
    const what = f.previous && f.ageSeconds !== undefined
        ? `the newest completed backup of Cluster ${cluster} before this run, ${f.previous.name}, completed ${age(f.ageSeconds)} ago (${f.previous.completedAt}), more than max-backup-age (${age(f.maxSeconds)})`
        : `Cluster ${cluster} had no completed backup before this run (max-backup-age ${age(f.maxSeconds)})`;
    const lines = schedules.length > 0
        ? ['ScheduledBackups of the cluster:', ...schedules.map(scheduleLine)]
        : [
            'The cluster has no ScheduledBackup: backups run only when a step like this one takes them.',
        ];
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DiagnosedError */ .xB(`${what}: has a schedule stopped?`, lines.join('\n'));
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


/***/ }),

/***/ 48728:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   YE: () => (/* binding */ execInPod),
/* harmony export */   cI: () => (/* binding */ ExecError)
/* harmony export */ });
/* unused harmony export exitCodeOf */
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
// Running a command in a pod's container through pods/exec (client-node's Exec, over
// WebSocket), as `kubectl exec` does: stdout, stderr and the exit status, bounded in time.

class ExecError extends Error {
    name = 'ExecError';
}
function collector() {
    const chunks = [];
    const stream = new node_stream__WEBPACK_IMPORTED_MODULE_0__.Writable({
        write(chunk, _enc, done) {
            chunks.push(chunk);
            done();
        },
    });
    return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}
/** The exit code in a metav1.Status of the exec error channel (reason NonZeroExitCode). */
function exitCodeOf(status) {
    if (status.status === 'Success')
        return 0;
    const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
    return cause?.message === undefined ? undefined : Number(cause.message);
}
async function execInPod(kc, target, command, timeoutMs) {
    const { Exec } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(329)]).then(__webpack_require__.bind(__webpack_require__, 53329));
    const out = collector();
    const err = collector();
    const where = `${target.namespace}/${target.pod} (container ${target.container})`;
    return new Promise((resolve, reject) => {
        let socket;
        const timer = setTimeout(() => {
            socket?.close();
            reject(new ExecError(`exec in ${where} did not finish within ${Math.round(timeoutMs / 1000)} s`));
        }, timeoutMs);
        let finished = false;
        const done = (status) => {
            if (finished)
                return;
            finished = true;
            clearTimeout(timer);
            const exitCode = exitCodeOf(status);
            resolve({
                stdout: out.text(),
                stderr: err.text(),
                exitCode,
                ...(status.status === 'Success' ? {} : { message: status.message ?? status.reason ?? '' }),
            });
        };
        new Exec(kc)
            .exec(target.namespace, target.pod, target.container, [...command], out.stream, err.stream, null, false, done)
            .then((ws) => {
            socket = ws;
            // A connection that ends with no status on the error channel: report what came.
            ws.on('close', () => {
                setTimeout(() => {
                    done({
                        status: 'Failure',
                        message: 'the exec connection closed without an exit status',
                    });
                }, 100);
            });
        })
            .catch((error) => {
            clearTimeout(timer);
            reject(new ExecError(`exec in ${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
        });
    });
}


/***/ }),

/***/ 10343:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hu: () => (/* binding */ psqlInPod)
/* harmony export */ });
/* unused harmony exports POSTGRES_CONTAINER, PsqlError, psqlArgs */
/* harmony import */ var _kube_exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48728);

const POSTGRES_CONTAINER = 'postgres';
class PsqlError extends Error {
    name = 'PsqlError';
    result;
    constructor(message, result) {
        super(message);
        this.result = result;
    }
}
/** The psql arguments: no psqlrc, unaligned tuples only, quiet, stop at the first error. */
function psqlArgs(sql, database) {
    return [
        'psql',
        '-U',
        'postgres',
        '-X',
        '-A',
        '-t',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-d',
        database,
        '-c',
        sql,
    ];
}
/** Runs one SQL text; returns the output lines (one per row, columns joined by '|'). */
async function psqlInPod(kc, where, sql, options = {}) {
    const result = await (0,_kube_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .execInPod */ .YE)(kc, { ...where, container: POSTGRES_CONTAINER }, psqlArgs(sql, options.database ?? 'postgres'), options.timeoutMs ?? 60_000);
    if (result.exitCode !== 0) {
        const why = result.stderr.trim() || result.message || `exit status ${String(result.exitCode)}`;
        throw new PsqlError(`psql in ${where.namespace}/${where.pod} failed: ${why}`, result);
    }
    return result.stdout.split('\n').filter((line) => line !== '');
}


/***/ }),

/***/ 99878:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ superuserSql)
/* harmony export */ });
/* harmony import */ var _kube_exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48728);
/* harmony import */ var _log_safety_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8224);
/* harmony import */ var _psql_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(10343);



const ATTEMPTS = 4;
const MAX_EXEC_MS = 30_000;
function transient(error) {
    if (!(error instanceof _kube_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .ExecError */ .cI))
        return false;
    return /\b(429|50[02-4])\b|ECONNRESET|ECONNREFUSED|ETIMEDOUT|socket hang up|closed without/.test(error.message);
}
function forbidden(error) {
    return error instanceof _kube_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .ExecError */ .cI && /\b403\b/.test(error.message);
}
async function superuserSql(t, sql) {
    for (let attempt = 1;; attempt++) {
        const left = t.deadline - t.now();
        try {
            return await (0,_psql_js__WEBPACK_IMPORTED_MODULE_2__/* .psqlInPod */ .hu)(t.kc, t, sql, {
                timeoutMs: Math.max(1000, Math.min(t.maxExecMs ?? MAX_EXEC_MS, left)),
                ...(t.database ? { database: t.database } : {}),
            });
        }
        catch (error) {
            if (forbidden(error))
                throw new _kube_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .ExecError */ .cI(`exec into ${t.namespace}/${t.pod} is forbidden: the identity needs create on pods/exec in namespace ${t.namespace} (Kubernetes' edit role grants it), or set verify-wal: false (${(0,_log_safety_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .T)(error.message)})`, { cause: error });
            const delay = 500 * 2 ** (attempt - 1);
            if (!transient(error) || attempt >= ATTEMPTS || t.now() + delay >= t.deadline)
                throw error;
            t.onRetry?.(`${error.message}; retrying in ${(delay / 1000).toFixed(1)} s`);
            await new Promise((r) => setTimeout(r, delay));
        }
    }
}


/***/ })

};
