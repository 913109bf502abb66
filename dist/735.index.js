export const id = 735;
export const ids = [735];
export const modules = {

/***/ 50735:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  restoreVerify: () => (/* binding */ restoreVerify)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/kube/resources.ts
var resources = __webpack_require__(26804);
// EXTERNAL MODULE: ./src/log-safety.ts
var log_safety = __webpack_require__(8224);
// EXTERNAL MODULE: ./src/cnpg/app-credentials.ts
var app_credentials = __webpack_require__(68148);
// EXTERNAL MODULE: ./src/cnpg/backup-config.ts
var backup_config = __webpack_require__(15075);
// EXTERNAL MODULE: ./src/cnpg/backup-preflight.ts + 2 modules
var backup_preflight = __webpack_require__(23150);
// EXTERNAL MODULE: ./src/cnpg/backups.ts
var backups = __webpack_require__(24487);
// EXTERNAL MODULE: ./src/cnpg/clusters.ts
var clusters = __webpack_require__(53633);
// EXTERNAL MODULE: ./src/cnpg/freshness.ts
var freshness = __webpack_require__(33259);
// EXTERNAL MODULE: ./src/cnpg/health.ts
var health = __webpack_require__(2852);
// EXTERNAL MODULE: ./src/cnpg/recovery-window.ts
var recovery_window = __webpack_require__(88222);
;// CONCATENATED MODULE: ./src/cnpg/restore-source.ts











async function chooseSource(deps, inputs) {
    const { namespace, clusterName: name } = inputs;
    const cluster = await (0,clusters/* readCluster */.D)(deps.http, namespace, name);
    const config = (0,backup_config/* backupConfig */.$B)(cluster, 'auto');
    const archive = config.archive;
    if (!archive)
        throw new errors/* ConfigurationError */.j1(`Cluster ${name} archives WAL nowhere`);
    const store = archive.kind === 'plugin'
        ? await (0,recovery_window/* readObjectStore */.Np)(deps.http, namespace, archive.objectStore, name)
        : undefined;
    if (archive.kind === 'plugin' && inputs.recoveryNamespace !== namespace)
        await (0,recovery_window/* readObjectStore */.Np)(deps.http, inputs.recoveryNamespace, archive.objectStore, name);
    const primary = (0,clusters/* primaryOf */.O)(cluster).primary ?? '';
    if (!(0,health/* isHealthy */.Wr)(cluster) && inputs.target.kind !== 'time')
        throw new errors/* ConfigurationError */.j1(`Cluster ${name} is not healthy (phase '${(0,log_safety/* oneLine */.T)(cluster.status?.phase ?? 'none')}'): target ${inputs.target.kind} writes markers on its primary; wait until it is healthy, or restore to an explicit time (example: target: 2026-05-01T03:00:00Z)`);
    const chosen = await pickBackup(deps, inputs, archive);
    const where = (0,backup_preflight/* archiveContext */.W)(cluster, config, store, primary);
    if (!where)
        throw new Error('no archive context');
    const backup = describeBackup(chosen, archive, store, deps.now());
    checkAge(backup, inputs);
    checkTargetTime(backup, inputs, deps.now());
    await checkFreeName(deps.http, inputs);
    deps.logger.info(`Backup ${backup.name} (backupID ${backup.backupId}, ${backup.method}) completed ${backup.completedAt}, ${(0,freshness/* age */.KW)(backup.ageSeconds)} ago; at ${backup.location}`);
    return {
        cluster,
        archive,
        where,
        primary,
        database: (0,app_credentials/* appDatabase */.xI)(cluster),
        owner: (0,app_credentials/* appOwner */.Jv)(cluster),
        backup,
        ...(store ? { store } : {}),
    };
}
const methodOf = (b) => b.status?.method ?? b.spec?.method ?? 'barmanObjectStore';
async function pickBackup(deps, inputs, archive) {
    const { namespace, clusterName: name } = inputs;
    const wanted = archive.kind === 'plugin' ? backup_config/* CNPG_METHOD */.Pk.plugin : backup_config/* CNPG_METHOD */.Pk['barman-object-store'];
    if (inputs.backupName) {
        const b = await (0,backups/* getBackup */.lA)(deps.http, namespace, inputs.backupName);
        const problem = !b
            ? `there is no Backup ${inputs.backupName} in namespace ${namespace}`
            : b.spec?.cluster?.name !== name
                ? `Backup ${inputs.backupName} backs up Cluster ${b.spec?.cluster?.name ?? '?'}, not ${name}`
                : b.status?.phase !== 'completed'
                    ? `Backup ${inputs.backupName} is ${b.status?.phase ?? 'new'}, not completed`
                    : methodOf(b) !== wanted
                        ? `Backup ${inputs.backupName} was taken with method ${methodOf(b)}, and Cluster ${name} archives WAL with ${wanted}: only a ${wanted} backup can be restored with that WAL`
                        : undefined;
        if (problem || !b)
            throw new errors/* ConfigurationError */.j1(`input 'backup-name': ${problem ?? ''} (example: leave backup-name empty for the newest completed backup)`);
        return b;
    }
    const all = (await (0,backups/* listBackups */.Cw)(deps.http, namespace)).filter((b) => b.spec?.cluster?.name === name && b.status?.phase === 'completed' && methodOf(b) === wanted);
    const newest = all
        .filter((b) => b.status?.backupId && Number.isFinite(Date.parse(b.status.stoppedAt ?? '')))
        .sort((a, b) => Date.parse(b.status?.stoppedAt ?? '') - Date.parse(a.status?.stoppedAt ?? ''))[0];
    if (!newest)
        throw new errors/* ConfigurationError */.j1(`Cluster ${name} has no completed ${wanted} Backup in namespace ${namespace} to restore: take one first (pgha backup), or name one with backup-name`);
    return newest;
}
function describeBackup(b, archive, store, now) {
    const s = b.status ?? {};
    const backupId = s.backupId ?? '';
    if (backupId === '')
        throw new errors/* ConfigurationError */.j1(`Backup ${b.metadata.name} has no backupId in its status: it cannot be pinned`);
    const completedAt = s.stoppedAt ?? s.reconciliationTerminatedAt ?? '';
    const destination = (0,recovery_window/* destinationOf */.My)(archive, store)
        .replace(/[?#].*$/s, '')
        .replace(/\/+$/, '');
    return {
        name: b.metadata.name,
        backupId,
        method: methodOf(b),
        ...(s.startedAt ? { startedAt: s.startedAt } : {}),
        completedAt,
        ...(s.beginWal ? { beginWal: s.beginWal } : {}),
        ...(s.endWal ? { endWal: s.endWal } : {}),
        ageSeconds: Math.max(0, (now - Date.parse(completedAt)) / 1000),
        location: `${destination}/${archive.serverName}/base/${backupId}/`,
    };
}
function checkAge(b, inputs) {
    const max = inputs.maxBackupAgeMs;
    if (max === undefined || b.ageSeconds * 1000 <= max)
        return;
    throw new errors/* DiagnosedError */.xB(`Backup ${b.name} completed ${(0,freshness/* age */.KW)(b.ageSeconds)} ago (${b.completedAt}), more than max-backup-age (${(0,freshness/* age */.KW)(max / 1000)}): has a schedule stopped?`, `Newest usable backup of Cluster ${inputs.clusterName}: ${b.name} (backupID ${b.backupId}). Nothing was restored.`);
}
function checkTargetTime(b, inputs, now) {
    const t = inputs.target;
    if (t.kind !== 'time')
        return;
    if (Date.parse(t.time) <= Date.parse(b.completedAt))
        throw new errors/* ConfigurationError */.j1(`input 'target': ${t.time} is not after Backup ${b.name} completed (${b.completedAt}); a recovery from it can only reach later times (example: target: ${new Date(Date.parse(b.completedAt) + 60_000).toISOString()}, or a backup-name of an earlier backup)`);
    if (Date.parse(t.time) > now)
        throw new errors/* ConfigurationError */.j1(`input 'target': ${t.time} is in the future; the archive cannot reach it (example: target: latest)`);
}
async function checkFreeName(http, inputs) {
    const { recoveryCluster: name, recoveryNamespace: ns } = inputs;
    const { status } = await http.json({
        method: 'GET',
        path: `${(0,resources/* collectionPath */.yb)(resources/* CNPG_CLUSTER */.wn.apiVersion, resources/* CNPG_CLUSTER */.wn.kind, ns)}/${name}`,
        allowNotFound: true,
        context: `checking that Cluster ${name} does not exist`,
    });
    if (status !== 404)
        throw new errors/* ConfigurationError */.j1(`input 'recovery-cluster': Cluster ${name} already exists in namespace ${ns} (kept by an earlier run?); delete it (kubectl delete cluster -n ${ns} ${name}) or choose another name (example: recovery-cluster: ${inputs.clusterName}-verify-2)`);
}

// EXTERNAL MODULE: ./src/inputs/parse.ts
var parse = __webpack_require__(13718);
// EXTERNAL MODULE: ./src/inputs/yaml.ts
var yaml = __webpack_require__(88950);
;// CONCATENATED MODULE: ./src/inputs/parse-checks.ts
// restore-verify's `checks` input: a YAML list of {name, sql, expect} (the exact text of the
// first column of the first row) or {name, sql, min, max} (a number in a range), read with the
// same defences as every YAML input and validated before anything starts. Every problem names
// the entry by its position.


const CHECKS_EXAMPLE = "[{name: orders, sql: 'select count(*) from orders', min: 1}, {name: schema, sql: 'select max(version) from schema_migrations', expect: '42'}]";
const KEYS = new Set(['name', 'sql', 'expect', 'min', 'max']);
const MAX_CHECKS = 100;
/** A scalar YAML value as PostgreSQL would print it: strings as they are, numbers and booleans in text. */
function scalarText(v, at) {
    if (typeof v === 'string')
        return v;
    if (typeof v === 'number' || typeof v === 'boolean')
        return String(v);
    throw new parse/* ParseError */.mB(`${at}.expect must be a text, a number or a boolean`, CHECKS_EXAMPLE);
}
function bound(v, at) {
    if (v === undefined)
        return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v))
        throw new parse/* ParseError */.mB(`${at} must be a number`, CHECKS_EXAMPLE);
    return v;
}
function parse_checks_text(v, at) {
    if (typeof v !== 'string' || v.trim() === '')
        throw new parse/* ParseError */.mB(`${at} must be a non-empty text`, CHECKS_EXAMPLE);
    return v;
}
function oneCheck(item, i) {
    const at = `checks[${i}]`;
    if (item === null || typeof item !== 'object' || Array.isArray(item))
        throw new parse/* ParseError */.mB(`${at} must be a map with name and sql`, CHECKS_EXAMPLE);
    const m = item;
    const unknown = Object.keys(m).filter((k) => !KEYS.has(k));
    if (unknown.length > 0)
        throw new parse/* ParseError */.mB(`${at} has unknown key ${unknown.map((k) => `'${k}'`).join(', ')} (name, sql, expect, min, max)`, CHECKS_EXAMPLE);
    const name = parse_checks_text(m.name, `${at}.name`);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(name) || name.length > 100)
        throw new parse/* ParseError */.mB(`${at}.name must be one line of at most 100 characters`, CHECKS_EXAMPLE);
    const sql = parse_checks_text(m.sql, `${at}.sql`);
    const hasExpect = 'expect' in m;
    const min = bound(m.min, `${at}.min`);
    const max = bound(m.max, `${at}.max`);
    if (hasExpect && (min !== undefined || max !== undefined))
        throw new parse/* ParseError */.mB(`${at} has expect and min/max: give one or the other`, CHECKS_EXAMPLE);
    if (hasExpect)
        return { name, sql, expect: scalarText(m.expect, at) };
    if (min === undefined && max === undefined)
        throw new parse/* ParseError */.mB(`${at} needs expect, or min and/or max`, CHECKS_EXAMPLE);
    if (min !== undefined && max !== undefined && min > max)
        throw new parse/* ParseError */.mB(`${at}: min ${min} is above max ${max}`, CHECKS_EXAMPLE);
    return {
        name,
        sql,
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
    };
}
function parseChecks(raw) {
    const doc = (0,yaml/* loadInputYaml */._)(raw, CHECKS_EXAMPLE);
    if (!Array.isArray(doc))
        throw new parse/* ParseError */.mB('must be a YAML list of checks', CHECKS_EXAMPLE);
    if (doc.length === 0)
        throw new parse/* ParseError */.mB('is an empty list', CHECKS_EXAMPLE);
    if (doc.length > MAX_CHECKS)
        throw new parse/* ParseError */.mB(`has ${doc.length} checks; at most ${MAX_CHECKS}`, CHECKS_EXAMPLE);
    const checks = doc.map(oneCheck);
    const seen = new Set();
    for (const c of checks) {
        if (seen.has(c.name))
            throw new parse/* ParseError */.mB(`has two checks named '${c.name}'`, CHECKS_EXAMPLE);
        seen.add(c.name);
    }
    return checks;
}

// EXTERNAL MODULE: ./src/inputs/read.ts
var read = __webpack_require__(44245);
// EXTERNAL MODULE: ./src/inputs/read-deploy.ts + 2 modules
var read_deploy = __webpack_require__(36677);
// EXTERNAL MODULE: ./src/inputs/spec.ts
var spec = __webpack_require__(27026);
;// CONCATENATED MODULE: ./src/inputs/read-restore-verify.ts
// restore-verify's inputs, read and cross-checked into one frozen RestoreVerifyInputs before
// any request: the backup, the recovery target, the throwaway Cluster's name and size, the
// checks (YAML, validated here), amcheck, keep, the identity, the limits and the issue.





const AMCHECK_MODES = ['none', 'indexes', 'heapallindexed'];
const KEEP_MODES = ['never', 'on-failure', 'always'];
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
function restoreTarget(raw) {
    if (raw === 'marker' || raw === 'latest')
        return { kind: raw };
    const example = '2026-05-01T03:00:00Z';
    if (!RFC3339.test((0,parse/* singleLine */.pF)(raw, example)) || Number.isNaN(Date.parse(raw)))
        throw new parse/* ParseError */.mB(`'${raw}' is not marker, latest or an RFC 3339 time`, example);
    return { kind: 'time', time: raw };
}
const MAX_NAME = 50;
/**
 * <cluster>-verify-<run id>[-<attempt>], cut to 50 characters by shortening the cluster part
 * (never the run id, which tells runs apart), so pod and service names stay valid.
 */
function recoveryClusterName(cluster, runId, attempt) {
    const suffix = `-verify-${runId}${attempt && attempt !== '1' ? `-${attempt}` : ''}`;
    const room = Math.max(1, MAX_NAME - suffix.length);
    const head = cluster.slice(0, room).replace(/-+$/, '');
    return `${head}${suffix}`.slice(0, MAX_NAME).replace(/-+$/, '');
}
/** The run id, or (outside Actions) the UTC time in seconds, lower-case and DNS-safe. */
function runTag(env, now) {
    const id = env.GITHUB_RUN_ID ?? '';
    if (/^\d+$/.test(id))
        return id;
    return new Date(now).toISOString().replace(/\D/g, '').slice(0, 14);
}
/** The runner passes the default `${{ github.token }}` evaluated; unevaluated, it is no token. */
function githubToken(r, openIssue) {
    const raw = r.raw('github-token');
    const token = raw === '' || raw.startsWith('${{') ? undefined : raw;
    if (openIssue && token === undefined)
        r.problem('github-token', 'open-issue-on-failure needs a token', 'github-token: ${{ github.token }}');
    return token;
}
function readRestoreVerifyInputs(get, env, now) {
    const r = (0,read/* inputReader */.cN)(get, spec/* ACTIONS */.kl['restore-verify'].inputs);
    const shared = (0,read/* readShared */.qA)(r);
    const source = shared.clusterName ?? 'pg';
    const given = r.optional('recovery-cluster', parse/* clusterName */.SL);
    const recoveryCluster = given ?? recoveryClusterName(source, runTag(env, now), env.GITHUB_RUN_ATTEMPT);
    const recoveryNamespace = r.optional('recovery-namespace', parse/* namespaceName */.dz) ?? shared.namespace ?? 'cnpg-database';
    if (recoveryCluster === source && recoveryNamespace === shared.namespace)
        r.problem('recovery-cluster', `is the source cluster itself`, `${source}-verify`);
    const openIssue = r.value('open-issue-on-failure', parse/* boolean */.zM);
    const inputs = {
        ...shared,
        backupName: r.optional('backup-name', (v) => (0,parse/* objectName */.Hd)(v, 'pg-orders-20260501000000')),
        target: r.value('target', restoreTarget),
        recoveryCluster,
        recoveryNamespace,
        instances: r.value('instances', (v) => (0,parse/* integer */.nd)(v, 1, 3, '1')),
        storageSize: r.optional('storage-size', (v) => (0,parse/* quantity */.au)(v, '10Gi', 2 ** 50)),
        storageClass: r.optional('storage-class', (v) => (0,parse/* objectName */.Hd)(v, 'managed-csi-premium')),
        checks: r.optional('checks', parseChecks) ?? [],
        verifyCommand: r.raw('verify-command') || undefined,
        amcheck: r.value('amcheck', (v) => (0,parse/* oneOf */.yL)(v, AMCHECK_MODES)),
        keep: r.value('keep', (v) => (0,parse/* oneOf */.yL)(v, KEEP_MODES)),
        identity: (0,read_deploy/* readIdentity */.xN)(r),
        maxBackupAgeMs: r.optional('max-backup-age', (v) => (0,parse/* duration */.p0)(v, '26h', 366 * read/* MAX_TIMEOUT_MS */.mn)),
        maxRestoreMs: r.optional('max-restore-time', (v) => (0,parse/* duration */.p0)(v, '30m', read/* MAX_TIMEOUT_MS */.mn)),
        reportPath: r.optional('report-path', (v) => (0,parse/* singleLine */.pF)(v, '${{ runner.temp }}/restore.json')),
        openIssue,
        githubToken: githubToken(r, openIssue),
    };
    return r.finish(inputs);
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/report/restore-report.ts
// restore-verify's JSON evidence (input report-path), for audits: what was restored (source,
// store, backup, target), the markers, every check with its observed value, amcheck, the
// timings and instants, and what became of the throwaway Cluster.


const iso = (ms) => (ms === undefined ? null : new Date(ms).toISOString());
const secs = (a, b) => a === undefined || b === undefined ? null : Math.round(b - a) / 1000;
function restoreReportPath(inputs, runnerTemp) {
    return (inputs.reportPath ??
        (0,external_node_path_.join)(runnerTemp ?? '/tmp', `pgha-restore-verify-${inputs.namespace}-${inputs.clusterName}.json`));
}
function restoreReport(f, phases, outcome) {
    const i = f.inputs;
    const t = f.times ?? {};
    const checks = f.checks ?? [];
    return {
        outcome,
        source: i ? { namespace: i.namespace, cluster: i.clusterName, ...f.source } : null,
        backup: f.backup ?? null,
        target: {
            input: i ? (i.target.kind === 'time' ? i.target.time : i.target.kind) : null,
            target_time: f.targetTime ?? null,
            proof: f.proof ?? null,
        },
        markers: f.markers ?? null,
        wal_proof: f.walProof ? { segment: f.walProof.segment, seconds: f.walProof.seconds } : null,
        recovery_cluster: f.recovery
            ? {
                name: f.recovery.name,
                namespace: f.recovery.namespace,
                creation_timestamp: f.recovery.creationTimestamp ?? null,
                primary: f.recovery.primary ?? null,
                timeline: f.recovery.timeline ?? null,
            }
            : null,
        recovered_to: f.recoveredTo ?? null,
        recovery_stop_reason: f.recoveryReason ?? null,
        checks: checks.map((c) => ({ ...c })),
        counts: {
            passed: checks.filter((c) => c.passed).length,
            failed: checks.filter((c) => !c.passed).length,
        },
        amcheck: f.amcheck ?? null,
        verify_command: i?.verifyCommand === undefined ? null : { exit_code: f.verifyExit ?? null },
        seconds: {
            backup_age: f.backup ? Math.round(f.backup.ageSeconds) : null,
            restore: secs(t.created, t.healthy),
            verification: secs(t.checksStart, t.checksEnd),
            cleanup: secs(t.cleanupStart, t.cleanupEnd),
            step: secs(t.start, t.end),
        },
        timestamps: Object.fromEntries(Object.entries(t).map(([k, v]) => [k, iso(v)])),
        cleanup: f.cleanup ?? null,
        identity: f.identity
            ? { name: f.identity.name, identity: f.identity.identity, subject: f.identity.subject }
            : null,
        phases: phases.map((p) => ({ title: p.title, seconds: p.ms / 1000, outcome: p.outcome })),
    };
}
async function writeRestoreReport(path, report) {
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
    await (0,promises_.writeFile)(path, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
}

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
// EXTERNAL MODULE: ./src/report/step-summary.ts
var step_summary = __webpack_require__(49211);
;// CONCATENATED MODULE: ./src/report/restore-summary.ts



function restoreSummary(result) {
    const f = result.facts;
    if (!f.inputs)
        return '';
    const parts = [title(f, result), headline(f)];
    if (result.failure)
        parts.push((0,step_summary/* failureSection */.m)(result.failure));
    if (f.checks && f.checks.length > 0)
        parts.push('### Checks\n', checksTable(f));
    parts.push(timings(f), mermaid(f), cleanup(f), '### Phases\n', (0,step_summary/* phasesTable */.l)(result.phases));
    return parts.filter((p) => p !== '').join('\n');
}
function title(f, r) {
    const cluster = (0,markdown/* escapeHtml */.ZD)(f.inputs?.clusterName ?? '');
    if (r.failure?.cancelled)
        return `## pgha restore-verify: ${cluster} was cancelled\n`;
    if (r.failure)
        return `## pgha restore-verify: ${cluster} failed\n`;
    return `## pgha restore-verify: ${cluster}, the backup restores and the data is right\n`;
}
function headline(f) {
    const bits = [];
    if (f.proof)
        bits.push(`<b>Proof:</b> ${(0,markdown/* escapeHtml */.ZD)(f.proof)}.`);
    if (f.backup)
        bits.push(`Backup ${(0,markdown/* code */.aY)(f.backup.name)} (backupID ${(0,markdown/* code */.aY)(f.backup.backupId)}, ${(0,markdown/* escapeHtml */.ZD)(f.backup.method)}) from ${(0,markdown/* code */.aY)(f.backup.location)}.`);
    if (f.source)
        bits.push(`Source ${(0,markdown/* escapeHtml */.ZD)(f.source.method)} archive ${(0,markdown/* code */.aY)(f.source.store)}, server ${(0,markdown/* code */.aY)(f.source.serverName)}.`);
    if (f.recovery)
        bits.push(`Throwaway Cluster ${(0,markdown/* code */.aY)(f.recovery.name)} in ${(0,markdown/* code */.aY)(f.recovery.namespace)}${f.recovery.timeline ? `, timeline ${f.recovery.timeline}` : ''}.`);
    if (f.recoveredTo)
        bits.push(`Recovered to ${(0,markdown/* code */.aY)(f.recoveredTo)}${f.recoveryReason ? ` (${(0,markdown/* escapeHtml */.ZD)(f.recoveryReason)})` : ''}.`);
    return bits.length > 0 ? `${bits.join(' ')}\n` : '';
}
function checksTable(f) {
    const rows = (f.checks ?? []).map((c) => [
        c.passed ? '✅' : '❌',
        c.name,
        c.kind,
        c.expected,
        c.observed,
        (0,markdown/* formatSeconds */.Xo)(c.ms),
    ]);
    return (0,markdown/* table */.tp)(['', 'check', 'kind', 'expected', 'observed', 'time'], rows);
}
function span(a, b) {
    return a === undefined || b === undefined ? '-' : (0,markdown/* formatSeconds */.Xo)(b - a);
}
function timings(f) {
    const t = f.times ?? {};
    const rows = [
        ['backup age', f.backup ? (0,freshness/* age */.KW)(f.backup.ageSeconds) : '-'],
        ['restore (throwaway Cluster created to healthy)', span(t.created, t.healthy)],
        ['verification (checks)', span(t.checksStart, t.checksEnd)],
        ['cleanup', span(t.cleanupStart, t.cleanupEnd)],
        ['whole step', span(t.start, t.end)],
    ];
    return `### Timings\n\n${(0,markdown/* table */.tp)(['what', 'time'], rows)}`;
}
const label = (s) => s.replace(/[^\w .()/-]/g, ' ');
function mermaid(f) {
    const t = f.times ?? {};
    const bars = [
        ['markers and WAL archived', t.start, t.archived],
        ['restore', t.created, t.healthy],
        ['checks', t.checksStart, t.checksEnd],
        ['cleanup', t.cleanupStart, t.cleanupEnd],
    ];
    const lines = bars
        .filter((b) => b[1] !== undefined && b[2] !== undefined)
        .map(([what, a, b]) => `    ${label(what)} : ${a}, ${Math.max(b, a + 1)}`);
    if (lines.length === 0)
        return '';
    return [
        '### Timeline\n',
        '```mermaid',
        'gantt',
        `    title ${label(`restore-verify ${f.inputs?.clusterName ?? ''}`)}`,
        '    dateFormat x',
        '    axisFormat %H:%M:%S',
        ...lines,
        '```',
        '',
    ].join('\n');
}
function cleanup(f) {
    const c = f.cleanup;
    if (!c)
        return '';
    const what = c.action === 'deleted'
        ? `deleted in ${(0,markdown/* formatSeconds */.Xo)(c.ms ?? 0)} (pods and PVCs gone)`
        : c.action === 'failed'
            ? `could not be deleted: ${(0,markdown/* escapeHtml */.ZD)(c.error ?? '')}`
            : (0,markdown/* escapeHtml */.ZD)(c.action);
    return `### Throwaway Cluster\n\n${(0,markdown/* code */.aY)(f.recovery?.name ?? f.inputs?.recoveryCluster ?? '')}: ${what} (${(0,markdown/* escapeHtml */.ZD)(c.reason)}).\n`;
}

// EXTERNAL MODULE: ./src/actions/action.ts + 1 modules
var action = __webpack_require__(63312);
// EXTERNAL MODULE: ./src/actions/connect.ts + 3 modules
var connect = __webpack_require__(27932);
// EXTERNAL MODULE: ./src/kube/read.ts
var kube_read = __webpack_require__(91437);
// EXTERNAL MODULE: ./src/cnpg/deletion.ts
var deletion = __webpack_require__(60636);
// EXTERNAL MODULE: ./src/cnpg/objects.ts
var objects = __webpack_require__(29616);
;// CONCATENATED MODULE: ./src/cnpg/restore-cleanup.ts
// Deleting restore-verify's throwaway Cluster and waiting until it is really gone, with its
// pods and PVCs (deletion.ts). Only a Cluster that pgha labelled as this source's
// restore-verify Cluster is deleted.





/** Deletes the Cluster (absent is fine) and waits until its pods and PVCs are gone. */
async function deleteRecoveryCluster(d, t) {
    const ref = { ...resources/* CNPG_CLUSTER */.wn, namespace: t.namespace, name: t.name };
    const live = await (0,kube_read/* readObject */.Ag)(d.http, ref);
    const labels = live?.metadata.labels ?? {};
    if (live && (labels[objects/* ROLE_LABEL */.eg] !== 'restore-verify' || labels[objects/* CLUSTER_LABEL */.eq] !== t.source))
        throw new errors/* ConfigurationError */.j1(`Cluster ${t.name} in namespace ${t.namespace} is not labelled as restore-verify's throwaway Cluster of ${t.source}: pgha leaves it alone`);
    if (live)
        d.logger.info(`Deleting Cluster ${t.name} in namespace ${t.namespace}; waiting until its pods and PVCs are gone`);
    const [done] = await (0,deletion/* deleteAll */.V)({ ...d, wait: true }, [ref]);
    return done?.outcome === 'deleted' ? 'deleted' : 'absent';
}

;// CONCATENATED MODULE: ./src/actions/restore-verify-post.ts
// Cleanup of restore-verify's throwaway Cluster, shared by main and the post step (post-if:
// always()). Main saves the state right before it creates the Cluster, and again once it
// deleted or kept it. When main did not get there (a failure, a cancellation, a killed
// process), post connects again from the inputs (no credential is kept in the state),
// deletes the Cluster (unless keep says otherwise), waits until its pods and PVCs are gone,
// and removes the federated credential. Cleanup errors warn.



const RESTORE_STATE = 'pgha-restore';
function saveRestoreState(ctx, state) {
    ctx.saveState(RESTORE_STATE, JSON.stringify(state));
}
function restoreState(ctx) {
    const text = ctx.getState(RESTORE_STATE);
    return text === '' ? undefined : JSON.parse(text);
}
/** Deletes the throwaway Cluster, waits until it is gone, removes the credential. */
async function removeThrowaway(conn, ctx, state, deadline) {
    const outcome = await deleteRecoveryCluster({ http: conn.http, logger: ctx.logger, now: ctx.now, deadline }, { namespace: state.namespace, name: state.name, source: state.source });
    ctx.logger.info(outcome === 'deleted'
        ? `Cluster ${state.name} is gone, with its pods and PVCs`
        : `Cluster ${state.name} did not exist (any more); no pods or PVCs of it are left`);
    const id = state.identity;
    if (!id)
        return undefined;
    if (!conn.azure) {
        ctx.logger.warning(`Federated credential ${id.name} of ${id.identity} stays: no Azure login to remove it`);
        return undefined;
    }
    const removed = await conn.azure.arm.deleteFederatedCredential(id);
    ctx.logger.info(`Federated credential ${id.name} of ${id.identity}: ${removed}`);
    return `${id.name}: ${removed}`;
}
async function restorePost(ctx, main) {
    const state = restoreState(ctx);
    if (!state) {
        ctx.logger.info(`restore-verify (main started ${main.started}) created no Cluster: nothing to clean up`);
        return;
    }
    if (state.done) {
        ctx.logger.info(`Main already deleted or kept Cluster ${state.name}: nothing to clean up`);
        return;
    }
    if (state.keep !== 'never') {
        ctx.logger.info(`keep: ${state.keep}, and main did not finish: Cluster ${state.name} in namespace ${state.namespace} stays for inspection (kubectl delete cluster -n ${state.namespace} ${state.name} when done)`);
        return;
    }
    ctx.logger.info(`Main did not clean up: deleting the throwaway Cluster ${state.name} in namespace ${state.namespace}`);
    const inputs = (0,read/* readSharedInputs */.lS)(ctx.getInput);
    const conn = await (0,connect/* connect */.N)(inputs, ctx);
    await removeThrowaway(conn, ctx, state, ctx.now() + inputs.timeoutMs);
}

// EXTERNAL MODULE: ./src/azure/identity-trust.ts
var identity_trust = __webpack_require__(29390);
// EXTERNAL MODULE: ./src/cnpg/archiving.ts + 1 modules
var archiving = __webpack_require__(32480);
;// CONCATENATED MODULE: ./src/cnpg/recovery-cluster.ts


/** The externalClusters entry the recovery reads from. */
const ORIGIN = 'origin';
function pick(from, keys) {
    const out = {};
    for (const k of keys)
        if (from?.[k] !== undefined)
            out[k] = structuredClone(from[k]);
    return out;
}
/** Where the archive is, read-only: the ObjectStore by name, or the in-core configuration. */
function originEntry(source) {
    const a = source.archive;
    if (a.kind === 'plugin')
        return {
            name: ORIGIN,
            plugin: {
                name: objects/* PLUGIN_NAME */.AF,
                parameters: { barmanObjectName: a.objectStore, serverName: a.serverName },
            },
        };
    const bos = (source.cluster.spec?.backup?.barmanObjectStore ?? {});
    const keep = [
        'destinationPath',
        'endpointURL',
        'endpointCA',
        'azureCredentials',
        's3Credentials',
        'googleCredentials',
        'wal',
        'data',
    ];
    return { name: ORIGIN, barmanObjectStore: { ...pick(bos, keep), serverName: a.serverName } };
}
function recoveryTarget(source, targetTime) {
    return { backupID: source.backup.backupId, ...(targetTime ? { targetTime } : {}) };
}
function storage(inputs, src) {
    const from = (src?.storage ?? {});
    const size = inputs.storageSize?.text ?? (typeof from.size === 'string' ? from.size : '1Gi');
    const cls = inputs.storageClass ?? from.storageClass;
    const wal = src?.walStorage;
    return {
        storage: { size, ...(typeof cls === 'string' ? { storageClass: cls } : {}) },
        ...(wal ? { walStorage: pick(wal, ['size', 'storageClass']) } : {}),
    };
}
function recoveryLabels(r) {
    return (0,objects/* pghaLabels */.uE)(r.inputs.clusterName, 'restore-verify', r.origin);
}
function recoveryClusterManifest(r) {
    const { inputs, source } = r;
    const src = source.cluster.spec;
    const pg = (src?.postgresql ?? {});
    return {
        ...resources/* CNPG_CLUSTER */.wn,
        metadata: (0,objects/* meta */.mI)(inputs.recoveryCluster, inputs.recoveryNamespace, r.origin, {
            labels: recoveryLabels(r),
            annotations: { 'pgha.io/source': `${inputs.namespace}/${inputs.clusterName}` },
        }),
        spec: {
            instances: inputs.instances,
            ...pick(src, [
                'imageName',
                'imageCatalogRef',
                'postgresUID',
                'postgresGID',
                'resources',
                'affinity',
                'inheritedMetadata',
                'serviceAccountTemplate',
            ]),
            postgresql: pick(pg, ['parameters', 'pg_hba', 'pg_ident']),
            ...storage(inputs, src),
            bootstrap: {
                recovery: {
                    source: ORIGIN,
                    database: source.database,
                    owner: source.owner,
                    recoveryTarget: recoveryTarget(source, r.targetTime),
                },
            },
            externalClusters: [originEntry(source)],
        },
    };
}

// EXTERNAL MODULE: ./src/cnpg/cluster-schema.ts
var cluster_schema = __webpack_require__(22972);
// EXTERNAL MODULE: ./src/kube/watch.ts
var watch = __webpack_require__(87002);
// EXTERNAL MODULE: ./src/cnpg/diagnostics.ts
var diagnostics = __webpack_require__(98200);
;// CONCATENATED MODULE: ./src/cnpg/restore-wait.ts
// Waiting for the throwaway Cluster to restore: a watch on the Cluster (a progress line for
// each phase change, ready instance and primary) and, beside it, the recovery Job
// `<cluster>-1-full-recovery` (a line for each new pod and each failed attempt, with the last
// error of its log). A Cluster that CNPG declares unrecoverable, or one not healthy by the
// deadline, fails with the Job's reason, the phase and reason, the Job pod's log tail and the
// events.






const UNRECOVERABLE = 'Cluster is unrecoverable and needs manual intervention';
const JOB_POLL_MS = 1000;
const recoveryJobName = (cluster) => `${cluster}-1-full-recovery`;
/** The reason of a Job pod's JSON log: the last error line's message and error. */
function lastError(log) {
    const lines = log.split('\n').filter((l) => l.trim() !== '');
    for (const line of lines.reverse()) {
        try {
            const e = JSON.parse(line);
            if (e.level === 'error' || e.error)
                return (0,log_safety/* oneLine */.T)(`${e.msg ?? ''}${e.error ? `: ${e.error}` : ''}`);
        }
        catch {
            if (/error|fatal/i.test(line))
                return (0,log_safety/* oneLine */.T)(line);
        }
    }
    return undefined;
}
async function jobPods(http, ns, job) {
    const { body } = await http.json({
        method: 'GET',
        path: `/api/v1/namespaces/${ns}/pods`,
        query: { labelSelector: `job-name=${job}` },
        context: `listing the pods of Job ${job}`,
    });
    return body.items.sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
}
async function podLog(http, ns, pod, tail) {
    return http.text({
        method: 'GET',
        path: `/api/v1/namespaces/${ns}/pods/${pod}/log`,
        query: { tailLines: String(tail) },
        context: `reading the log of pod ${pod}`,
    });
}
/** Follows the recovery Job until stopped; logs each new pod and each failed attempt. */
function followJob(w) {
    const job = recoveryJobName(w.name);
    const seen = new Map();
    let reason;
    const state = { stopped: false };
    const tick = async () => {
        const pods = await jobPods(w.http, w.namespace, job);
        for (const p of pods) {
            const phase = p.status?.phase ?? 'Pending';
            if (seen.get(p.metadata.name) === phase)
                continue;
            seen.set(p.metadata.name, phase);
            if (phase === 'Failed') {
                reason = lastError(await podLog(w.http, w.namespace, p.metadata.name, 50)) ?? reason;
                w.logger.info(`recovery Job ${job}: pod ${p.metadata.name} failed${reason ? `: ${reason}` : ''}`);
            }
            else
                w.logger.info(`recovery Job ${job}: pod ${p.metadata.name} ${(0,log_safety/* oneLine */.T)(phase)}`);
        }
    };
    void (async () => {
        while (!state.stopped) {
            await tick().catch(() => undefined);
            await new Promise((r) => setTimeout(r, JOB_POLL_MS));
        }
    })();
    return {
        stop: () => {
            state.stopped = true;
        },
        lastReason: () => reason,
    };
}
async function waitRestored(w) {
    const progress = new health/* ProgressTracker */.si();
    const job = followJob(w);
    try {
        const seen = await (0,watch/* waitFor */.fm)(w.http, {
            collection: (0,resources/* collectionPath */.yb)(resources/* CNPG_CLUSTER */.wn.apiVersion, resources/* CNPG_CLUSTER */.wn.kind, w.namespace),
            name: w.name,
            what: `Cluster ${w.name} to restore`,
        }, {
            deadline: w.deadline,
            now: w.now,
            check: (obj) => {
                const view = obj;
                for (const line of progress.update(view))
                    w.logger.info(line);
                // A value ends the watch (a throw would only restart it).
                if (view?.status?.phase === UNRECOVERABLE)
                    return { unrecoverable: view };
                return (0,health/* isHealthy */.Wr)(view) ? { healthy: view } : undefined;
            },
            onReconnect: (reason) => {
                w.logger.info(`Watch interrupted (${reason}); resuming`);
            },
        });
        const seenAt = w.now();
        if (seen.unrecoverable)
            throw new Unrecoverable(seen.unrecoverable);
        if (!seen.healthy)
            throw new Error('the wait ended with no Cluster');
        return { cluster: seen.healthy, seenAt };
    }
    catch (error) {
        if (!(error instanceof Unrecoverable) && !(error instanceof watch/* WatchTimeout */.FR))
            throw error;
        throw await restoreFailure(w, error, job.lastReason());
    }
    finally {
        job.stop();
    }
}
class Unrecoverable extends Error {
    last;
    constructor(last) {
        super(UNRECOVERABLE);
        this.last = last;
    }
}
async function restoreFailure(w, error, reason) {
    const last = error.last;
    const job = recoveryJobName(w.name);
    const lines = [await (0,diagnostics/* gatherDiagnostics */.C)(w.http, w.namespace, w.name, last)];
    let why = reason;
    try {
        const { body } = await w.http.json({
            method: 'GET',
            path: `/apis/batch/v1/namespaces/${w.namespace}/jobs/${job}`,
            allowNotFound: true,
            context: `reading Job ${job}`,
        });
        const s = body?.status;
        lines.push(s
            ? `Job ${job}: active ${s.active ?? 0}, failed ${s.failed ?? 0}, succeeded ${s.succeeded ?? 0}`
            : `Job ${job}: not found`);
        const pod = (await jobPods(w.http, w.namespace, job)).at(-1);
        if (pod) {
            const log = await podLog(w.http, w.namespace, pod.metadata.name, 20);
            why ??= lastError(log);
            lines.push(`Log tail of pod ${pod.metadata.name}:`, ...log
                .split('\n')
                .filter(Boolean)
                .map((l) => `  ${(0,log_safety/* oneLine */.T)(l)}`));
            const events = await (0,diagnostics/* recentEvents */.L)(w.http, w.namespace, [job, pod.metadata.name], 5);
            if (events.length > 0)
                lines.push('Events of the Job:', ...events.map((e) => `  ${e}`));
        }
    }
    catch (e) {
        lines.push(`(could not read the recovery Job: ${(0,log_safety/* oneLine */.T)(e instanceof Error ? e.message : String(e))})`);
    }
    const status = last?.status;
    const phase = status?.phase ?? '(none)';
    const phaseReason = status?.phaseReason;
    const head = error instanceof Unrecoverable
        ? `the restore of Cluster ${w.name} failed: ${phase}`
        : `Cluster ${w.name} did not restore within the limit (${w.limit}); phase '${(0,log_safety/* oneLine */.T)(phase)}'`;
    return new errors/* DiagnosedError */.xB(`${head}${phaseReason ? ` (${(0,log_safety/* oneLine */.T)(phaseReason)})` : ''}${why ? `; recovery Job ${job}: ${why}` : ''}`, lines.join('\n'), { cause: error });
}

// EXTERNAL MODULE: ./src/kube/port-forward.ts
var port_forward = __webpack_require__(58318);
// EXTERNAL MODULE: ./src/postgres/superuser-sql.ts
var superuser_sql = __webpack_require__(99878);
;// CONCATENATED MODULE: ./src/postgres/amcheck.ts

function amcheckSql(mode) {
    const heap = mode === 'heapallindexed' ? 'true' : 'false';
    return [
        'CREATE EXTENSION IF NOT EXISTS amcheck',
        `CREATE FUNCTION pg_temp.pgha_amcheck(idx regclass) RETURNS text LANGUAGE plpgsql AS $f$ BEGIN PERFORM bt_index_check(idx, ${heap}); RETURN 'ok'; EXCEPTION WHEN OTHERS THEN RETURN SQLERRM; END $f$`,
        "SELECT n.nspname || '.' || c.relname || '|' || replace(pg_temp.pgha_amcheck(c.oid::regclass), E'\\n', ' ') FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree' AND c.relpersistence <> 't' AND i.indisvalid AND i.indisready ORDER BY 1",
    ].join('; ');
}
function parseAmcheck(mode, lines) {
    const rows = lines
        .filter((l) => l.includes('|'))
        .map((l) => {
        const at = l.indexOf('|');
        return { index: l.slice(0, at), result: l.slice(at + 1) };
    });
    return {
        mode,
        indexes: rows.length,
        corrupt: rows
            .filter((r) => r.result !== 'ok')
            .map((r) => ({ index: r.index, error: r.result })),
    };
}
async function runAmcheck(t, mode) {
    return parseAmcheck(mode, await (0,superuser_sql/* superuserSql */.d)(t, amcheckSql(mode)));
}

;// CONCATENATED MODULE: ./src/postgres/recovery-point.ts
// Where the restored server's recovery stopped, as PostgreSQL recorded it when it promoted:
// the last line of the new timeline's history file holds the parent timeline, the switch
// point (LSN) and the reason ("before 2026-05-01 03:00:00.123+00", "no recovery target
// specified", ...). Read through psql as postgres (pods/exec): pg_read_file needs it.

const RECOVERY_POINT_SQL = "SELECT timeline_id, pg_read_file('pg_wal/' || lpad(upper(to_hex(timeline_id)), 8, '0') || '.history') FROM pg_control_checkpoint()";
function parseRecoveryPoint(lines) {
    const timeline = Number(lines[0]?.split('|')[0]);
    const entry = lines
        .map((l) => l.replace(/^\d+\|/, ''))
        .filter((l) => l.includes('\t'))
        .at(-1);
    const [, lsn, reason] = entry?.split('\t') ?? [];
    if (!Number.isInteger(timeline) || !lsn)
        return undefined;
    return { timeline, lsn, reason: (reason ?? '').trim() };
}
async function readRecoveryPoint(t) {
    return parseRecoveryPoint(await (0,superuser_sql/* superuserSql */.d)(t, RECOVERY_POINT_SQL));
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/postgres/markers.ts
// The marker proof of restore-verify, on the source's primary through psql as postgres (pods/
// exec) acting as the application owner: marker A (a fresh random token and the server's
// time) in pgha_restore_markers (created if absent), the server's time T, then marker B, each
// in its own transaction, so that A committed before T and B after it. A restore to T must
// hold A and not B; a restore to the end of the archive must hold A.


const MARKER_TABLE = 'public.pgha_restore_markers';
const UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
function quoteIdent(name) {
    return `"${name.replaceAll('"', '""')}"`;
}
const CREATE = `CREATE TABLE IF NOT EXISTS ${MARKER_TABLE} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, marker text NOT NULL, token text NOT NULL UNIQUE, run_id text, written_at timestamptz NOT NULL DEFAULT clock_timestamp())`;
/**
 * CREATE TABLE IF NOT EXISTS is not safe against itself: two runs creating the table at once
 * (two restore-verify jobs on one source) fail one with a duplicate pg_type key. A transaction
 * advisory lock, held until the first COMMIT, makes them take turns.
 */
const LOCK = `SELECT pg_advisory_xact_lock(hashtext('${MARKER_TABLE}'))`;
function insertSql(label, token, runId) {
    if (!/^[0-9a-f]+$/.test(token))
        throw new Error('a marker token is hex');
    const run = runId.replace(/[^\w.-]/g, '');
    return (`INSERT INTO ${MARKER_TABLE} (marker, token, run_id) VALUES ('${label}', '${token}', '${run}') ` +
        `RETURNING to_char(written_at AT TIME ZONE 'UTC', ${UTC})`);
}
/**
 * One psql call as the owner: the table (created once, under a lock), marker A, COMMIT, the server's time T a little later, COMMIT,
 * marker B (committed when the call ends). Explicit COMMITs split a multi-statement query into
 * transactions, so A is committed before T is read and B after. Prints A's time, T, B's time.
 */
function markersSql(owner, tokens, runId) {
    const parts = [`SET ROLE ${quoteIdent(owner)}`, LOCK, CREATE, insertSql('A', tokens.a, runId)];
    if (tokens.b !== undefined)
        parts.push('COMMIT', SERVER_TIME_SQL, 'COMMIT', insertSql('B', tokens.b, runId));
    return parts.join('; ');
}
/** The server's time, a little after the previous transaction ended. */
const SERVER_TIME_SQL = `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', ${UTC}) FROM pg_sleep(0.01)`;
const TIME = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;
const token = () => (0,external_node_crypto_.randomBytes)(12).toString('hex');
/** A, then (with `around`) T and B, in one exec. */
async function writeMarkers(t, owner, runId, around) {
    const tokens = { a: token(), ...(around ? { b: token() } : {}) };
    const lines = await (0,superuser_sql/* superuserSql */.d)(t, markersSql(owner, tokens, runId));
    const times = lines.filter((l) => TIME.test(l));
    const [a = '', time = '', b = ''] = times;
    if (times.length !== (around ? 3 : 1))
        throw new Error(`unexpected psql output for the markers: ${JSON.stringify(lines.slice(-4))}`);
    const markerA = { label: 'A', token: tokens.a, writtenAt: a };
    if (!around || tokens.b === undefined)
        return { a: markerA };
    return { a: markerA, t: time, b: { label: 'B', token: tokens.b, writtenAt: b } };
}

;// CONCATENATED MODULE: ./src/postgres/restore-checks.ts

const asText = { getTypeParser: () => (v) => v };
async function firstValue(client, sql) {
    const res = await client.query({ text: sql, rowMode: 'array', types: asText });
    const v = res.rows[0]?.[0];
    return typeof v === 'string' ? v : v === undefined || v === null ? null : JSON.stringify(v);
}
function judge(check, observed) {
    if ('expect' in check)
        return { passed: observed === check.expect, expected: `= ${check.expect}` };
    const n = observed === null ? NaN : Number(observed);
    const { min, max } = check;
    const expected = min !== undefined && max !== undefined
        ? `${min} .. ${max}`
        : min !== undefined
            ? `>= ${min}`
            : `<= ${String(max)}`;
    const passed = Number.isFinite(n) && (min === undefined || n >= min) && (max === undefined || n <= max);
    return { passed, expected };
}
async function restore_checks_oneCheck(client, check, now) {
    const started = now();
    await client.query('SAVEPOINT pgha_check');
    let observed;
    let error;
    try {
        observed = await firstValue(client, check.sql);
        await client.query('RELEASE SAVEPOINT pgha_check');
    }
    catch (e) {
        observed = null;
        error = e instanceof Error ? e.message : String(e);
        await client.query('ROLLBACK TO SAVEPOINT pgha_check');
    }
    const verdict = judge(check, observed);
    return {
        name: check.name,
        kind: 'sql',
        passed: error === undefined && verdict.passed,
        observed: error !== undefined ? `error: ${error}` : (observed ?? 'NULL (no row or null)'),
        expected: verdict.expected,
        ms: now() - started,
    };
}
async function markerChecks(client, m, now) {
    const started = now();
    const tokens = [m.a.token, ...(m.b ? [m.b.token] : [])];
    let found = [];
    let error;
    await client.query('SAVEPOINT pgha_check');
    try {
        const res = await client.query(`SELECT marker FROM ${MARKER_TABLE} WHERE token = ANY($1::text[])`, [tokens]);
        found = res.rows.map((r) => r.marker);
        await client.query('RELEASE SAVEPOINT pgha_check');
    }
    catch (e) {
        error = e instanceof Error ? e.message : String(e);
        await client.query('ROLLBACK TO SAVEPOINT pgha_check');
    }
    const ms = now() - started;
    const seen = (label) => error ? `error: ${error}` : found.includes(label) ? 'present' : 'absent';
    const out = [
        {
            name: `marker A (written ${m.a.writtenAt}) restored`,
            kind: 'marker',
            passed: !error && found.includes('A'),
            observed: seen('A'),
            expected: 'present',
            ms,
        },
    ];
    if (m.b)
        out.push({
            name: `marker B (written ${m.b.writtenAt}, after the target) not restored`,
            kind: 'marker',
            passed: !error && !found.includes('B'),
            observed: seen('B'),
            expected: 'absent',
            ms,
        });
    return out;
}
async function runSessionChecks(client, markers, checks, now) {
    await client.query('BEGIN READ ONLY');
    try {
        const results = markers ? await markerChecks(client, markers, now) : [];
        for (const c of checks)
            results.push(await restore_checks_oneCheck(client, c, now));
        return { results };
    }
    finally {
        await client.query('ROLLBACK').catch(() => undefined);
    }
}

// EXTERNAL MODULE: ./src/postgres/session.ts
var session = __webpack_require__(92515);
;// CONCATENATED MODULE: ./src/postgres/verify-command.ts
function pgEnv(port, login) {
    return {
        PGHOST: port.host,
        PGPORT: String(port.port),
        PGUSER: login.user,
        PGPASSWORD: login.password,
        PGDATABASE: login.database,
    };
}
async function runVerifyCommand(command, env, now) {
    const { exec } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 12697));
    const started = now();
    const base = Object.fromEntries(Object.entries(process.env).filter((e) => e[1] !== undefined));
    const exitCode = await exec('bash', ['-e', '-o', 'pipefail', '-c', command], {
        env: { ...base, ...env },
        ignoreReturnCode: true,
    });
    return { exitCode, ms: now() - started };
}

// EXTERNAL MODULE: ./src/actions/context.ts + 1 modules
var context = __webpack_require__(87546);
;// CONCATENATED MODULE: ./src/actions/restore-verify-phases.ts


















const http = (r) => r.conn.http;
const kc = (r) => r.conn.config.kc;
function mark(r, times) {
    r.step.record({ times: { ...r.step.facts.times, ...times } });
}
function sqlTarget(r, namespace, pod, database) {
    return {
        kc: kc(r),
        namespace,
        pod,
        ...(database ? { database } : {}),
        deadline: r.deadline,
        now: r.ctx.now,
        onRetry: (m) => {
            r.ctx.logger.info(`exec into ${pod}: ${(0,log_safety/* oneLine */.T)(m)}`);
        },
    };
}
/** marker: A, T, B, then B's segment archived; latest: A archived; a time: nothing. */
async function prepareTarget(r, source) {
    (0,cluster_schema/* warmClusterSchema */.Z)();
    const t = r.inputs.target;
    if (t.kind === 'time') {
        r.step.record({
            targetTime: t.time,
            proof: `restore to the explicit time ${t.time}; no markers`,
        });
        return { time: t.time };
    }
    const around = t.kind === 'marker';
    const title = around ? 'Write markers A and B' : 'Write marker A';
    const { markers, before } = await r.step.phase(title, () => writeAll(r, source, around));
    mark(r, { markersWritten: Date.parse(markers.a.writtenAt) });
    r.step.record({
        markers,
        proof: around
            ? `WAL continuity and point-in-time precision: marker A (written ${markers.a.writtenAt}) must be restored and marker B (written after the target time ${markers.t ?? ''}) must not`
            : `WAL continuity to the end of the archive: marker A (written ${markers.a.writtenAt}) must be restored`,
        ...(markers.t ? { targetTime: markers.t } : {}),
    });
    const archived = archive(r, source, before);
    // A rejection is handled where it is awaited; this only keeps it from being "unhandled".
    archived.catch(() => undefined);
    if (!around) {
        await r.step.phase('Archive the WAL with marker A', () => archived);
        return {};
    }
    return { ...(markers.t ? { time: markers.t } : {}), archived };
}
function archivingDeps(r) {
    return { http: http(r), kc: kc(r), logger: r.ctx.logger, now: r.ctx.now, deadline: r.deadline };
}
async function writeAll(r, source, around) {
    const target = sqlTarget(r, r.inputs.namespace, source.primary, source.database);
    const before = await (0,archiving/* readArchiver */.b9)(archivingDeps(r), source.where);
    const markers = await writeMarkers(target, source.owner, r.ctx.env.GITHUB_RUN_ID ?? '', around);
    r.ctx.logger.info(`Marker A written at ${markers.a.writtenAt}${markers.t ? `; target time ${markers.t}; marker B written at ${markers.b?.writtenAt ?? ''}` : ''} (table pgha_restore_markers in database ${source.database})`);
    return { markers, before };
}
/** Switches WAL and waits until the segment with the markers is archived. */
async function archive(r, source, before) {
    const proof = await (0,archiving/* proveWalArchiving */.oP)(archivingDeps(r), source.where, before);
    mark(r, { archived: r.ctx.now() });
    r.step.record({ walProof: proof });
}
/** Ensures the identity's trust, saves the state for post, then creates the Cluster. */
async function createThrowaway(r, source, targetTime) {
    const { inputs, ctx } = r;
    const manifest = recoveryClusterManifest({
        inputs,
        source,
        origin: (0,context/* runOrigin */.sd)(ctx.env),
        ...(targetTime ? { targetTime } : {}),
    });
    const problems = await (0,cluster_schema/* clusterSpecSchemaProblems */.F)(manifest.spec);
    if (problems.length > 0)
        throw new errors/* ConfigurationError */.j1(`the throwaway Cluster's spec, built from Cluster ${inputs.clusterName}, is not valid: ${problems.join('; ')}`);
    const trust = await trustIdentity(r);
    saveRestoreState(ctx, {
        namespace: inputs.recoveryNamespace,
        name: inputs.recoveryCluster,
        source: inputs.clusterName,
        keep: inputs.keep,
        ...(trust ? { identity: trust } : {}),
        done: false,
    });
    const created = await http(r).json({
        method: 'POST',
        path: (0,resources/* objectPath */.du)(manifest).replace(/\/[^/]+$/, ''),
        query: { fieldManager: 'pgha' },
        body: manifest,
        context: `creating Cluster ${inputs.recoveryCluster}`,
    });
    const at = ctx.now();
    mark(r, { created: at });
    r.step.record({
        recovery: {
            name: inputs.recoveryCluster,
            namespace: inputs.recoveryNamespace,
            createdAt: at,
            ...(created.body.metadata.creationTimestamp
                ? { creationTimestamp: created.body.metadata.creationTimestamp }
                : {}),
        },
    });
    ctx.logger.info(`Created Cluster ${inputs.recoveryCluster} in namespace ${inputs.recoveryNamespace}: recovery of backupID ${source.backup.backupId}${targetTime ? ` to ${targetTime}` : ' to the end of the archive'}, no WAL archiving`);
}
async function trustIdentity(r) {
    const { inputs } = r;
    const azure = r.conn.azure;
    if (!inputs.identity || !azure || !inputs.azure || !inputs.aks)
        return undefined;
    const trust = await (0,identity_trust/* ensureIdentityTrust */.h)(azure.arm, {
        subscriptionId: inputs.azure.subscriptionId,
        aksResourceGroup: inputs.aks.resourceGroup,
        aksCluster: inputs.aks.cluster,
        identity: inputs.identity,
        namespace: inputs.recoveryNamespace,
        serviceAccount: inputs.recoveryCluster,
        dryRun: false,
    }, r.ctx.logger);
    const credential = {
        subscriptionId: inputs.azure.subscriptionId,
        resourceGroup: inputs.identity.resourceGroup,
        identity: inputs.identity.name,
        name: trust.name,
    };
    r.step.record({ identity: trust, credential });
    return credential;
}
async function waitRestore(r) {
    const { inputs, ctx } = r;
    const created = r.step.facts.times?.created ?? ctx.now();
    const limit = inputs.maxRestoreMs === undefined
        ? r.deadline
        : Math.min(r.deadline, created + inputs.maxRestoreMs);
    const restored = await waitRestored({
        http: http(r),
        namespace: inputs.recoveryNamespace,
        name: inputs.recoveryCluster,
        deadline: limit,
        limit: limit < r.deadline ? `input 'max-restore-time'` : `input 'timeout'`,
        logger: ctx.logger,
        now: ctx.now,
    });
    mark(r, { healthy: restored.seenAt });
    const s = restored.cluster.status;
    const recovery = r.step.facts.recovery;
    if (recovery)
        r.step.record({
            recovery: {
                ...recovery,
                healthyAt: restored.seenAt,
                ...(s?.currentPrimary ? { primary: s.currentPrimary } : {}),
                ...(s?.timelineID ? { timeline: s.timelineID } : {}),
            },
        });
    r.step.output('restore-seconds', ((restored.seenAt - created) / 1000).toFixed(2));
    ctx.logger.info(`Cluster ${inputs.recoveryCluster} is healthy ${((restored.seenAt - created) / 1000).toFixed(1)} s after its creation (timeline ${s?.timelineID ?? '?'})`);
    return restored;
}
function addChecks(r, results) {
    r.step.record({ checks: [...(r.step.facts.checks ?? []), ...results] });
    for (const c of results)
        r.ctx.logger.info(`${c.passed ? 'passed' : 'FAILED'}: ${(0,log_safety/* oneLine */.T)(c.name)}: ${(0,log_safety/* oneLine */.T)(c.observed)} (expected ${(0,log_safety/* oneLine */.T)(c.expected)})`);
}
/** Markers and checks over a port-forward as the application user, then verify-command. */
async function verifyData(r, restored) {
    const { inputs, ctx } = r;
    const primary = restored.cluster.status?.currentPrimary ?? `${inputs.recoveryCluster}-1`;
    const login = await (0,app_credentials/* appLogin */.PF)(http(r), inputs.recoveryNamespace, restored.cluster, ctx.setSecret);
    const port = await (0,port_forward/* forwardPort */.x)(kc(r), {
        namespace: inputs.recoveryNamespace,
        pod: primary,
        port: 5432,
    });
    try {
        await r.step.phase('Check the restored data (read only, as the application user)', async () => {
            const client = await (0,session/* openSession */.f)(port, login, { applicationName: 'pgha-restore-verify' });
            try {
                const found = await runSessionChecks(client, r.step.facts.markers, inputs.checks, ctx.now);
                addChecks(r, found.results);
            }
            finally {
                await client.end().catch(() => undefined);
            }
        });
        if (inputs.verifyCommand !== undefined)
            await verifyCommand(r, inputs.verifyCommand, pgEnv(port, login));
    }
    finally {
        await port.close();
    }
    await recoveryPoint(r, primary);
    await amcheck(r, primary);
}
/** The timeline and the point where recovery stopped, from the new timeline's history file. */
async function recoveryPoint(r, primary) {
    const point = await r.step.phase('Read the recovered-to point', () => readRecoveryPoint(sqlTarget(r, r.inputs.recoveryNamespace, primary)));
    if (!point)
        return;
    r.step.record({ recoveredTo: point.lsn, recoveryReason: point.reason });
    r.step.output('recovered-to', point.lsn);
    r.ctx.logger.info(`Recovery stopped at ${point.lsn} (${(0,log_safety/* oneLine */.T)(point.reason)}); timeline ${point.timeline} began there`);
}
async function verifyCommand(r, command, env) {
    const result = await r.step.phase('verify-command', () => runVerifyCommand(command, env, r.ctx.now));
    r.step.record({ verifyExit: result.exitCode });
    addChecks(r, [
        {
            name: 'verify-command',
            kind: 'verify-command',
            passed: result.exitCode === 0,
            observed: `exit status ${result.exitCode}`,
            expected: 'exit status 0',
            ms: result.ms,
        },
    ]);
}
async function amcheck(r, primary) {
    const mode = r.inputs.amcheck;
    if (mode === 'none')
        return;
    const started = r.ctx.now();
    const database = r.step.facts.source?.database ?? 'app';
    const target = {
        ...sqlTarget(r, r.inputs.recoveryNamespace, primary, database),
        maxExecMs: Math.max(1000, r.deadline - started),
    };
    const result = await r.step.phase(`amcheck (${mode})`, () => runAmcheck(target, mode));
    r.step.record({ amcheck: result });
    for (const c of result.corrupt)
        r.ctx.logger.warning(`amcheck: index ${(0,log_safety/* oneLine */.T)(c.index)}: ${(0,log_safety/* oneLine */.T)(c.error)}`);
    addChecks(r, [
        {
            name: `amcheck ${mode}: ${result.indexes} B-tree indexes`,
            kind: 'amcheck',
            passed: result.corrupt.length === 0,
            observed: result.corrupt.length === 0
                ? 'no corruption'
                : `${result.corrupt.length} corrupt: ${result.corrupt.map((c) => c.index).join(', ')}`,
            expected: 'no corruption',
            ms: r.ctx.now() - started,
        },
    ]);
}

;// CONCATENATED MODULE: ./src/report/restore-issue.ts
// open-issue-on-failure: a failing run opens a GitHub issue labelled pgha-restore-verify for
// the source cluster (or comments on the open one), a passing run closes it, through
// @actions/github against GITHUB_API_URL with github-token. Errors warn: the issue is a
// report, it never changes the result.

const ISSUE_LABEL = 'pgha-restore-verify';
const issueTitle = (namespace, cluster) => `pgha restore-verify fails for ${namespace}/${cluster}`;
async function reportIssue(r) {
    const [owner, repo] = r.repository.split('/');
    if (!owner || !repo)
        throw new Error(`GITHUB_REPOSITORY '${r.repository}' is not owner/repo`);
    const { getOctokit } = await __webpack_require__.e(/* import() */ 785).then(__webpack_require__.bind(__webpack_require__, 92785));
    const octokit = getOctokit(r.token, { baseUrl: r.apiUrl.replace(/\/+$/, '') });
    const title = issueTitle(r.namespace, r.cluster);
    const open = await octokit.rest.issues.listForRepo({
        owner,
        repo,
        state: 'open',
        labels: ISSUE_LABEL,
        per_page: 100,
    });
    const existing = open.data.find((i) => i.title === title && !i.pull_request);
    if (r.passed) {
        if (!existing)
            return { action: 'none' };
        await octokit.rest.issues.createComment({
            owner,
            repo,
            issue_number: existing.number,
            body: r.body,
        });
        await octokit.rest.issues.update({
            owner,
            repo,
            issue_number: existing.number,
            state: 'closed',
            state_reason: 'completed',
        });
        return { action: 'closed', url: existing.html_url };
    }
    if (existing) {
        await octokit.rest.issues.createComment({
            owner,
            repo,
            issue_number: existing.number,
            body: r.body,
        });
        return { action: 'commented', url: existing.html_url };
    }
    const created = await octokit.rest.issues.create({
        owner,
        repo,
        title,
        body: r.body,
        labels: [ISSUE_LABEL],
    });
    return { action: 'opened', url: created.data.html_url };
}
function issueBody(o) {
    const run = o.runUrl ? ` ([run](${o.runUrl}))` : '';
    if (o.passed)
        return `pgha restore-verify passes again${run}${o.backup ? `: Backup \`${(0,markdown/* escapeHtml */.ZD)(o.backup)}\` restored and verified` : ''}.`;
    const checks = o.failedChecks.map((c) => `- ${(0,markdown/* escapeHtml */.ZD)(c)}`).join('\n');
    return [
        `pgha restore-verify failed${run}.`,
        '',
        o.message ? `> ${(0,markdown/* escapeHtml */.ZD)(o.message).replaceAll('\n', '\n> ')}` : '',
        o.backup ? `Backup: \`${(0,markdown/* escapeHtml */.ZD)(o.backup)}\`` : '',
        checks ? `\nFailed checks:\n${checks}` : '',
    ]
        .filter((l) => l !== '')
        .join('\n');
}

;// CONCATENATED MODULE: ./src/actions/restore-verify-report.ts
// The end of a restore-verify run: cleanup by `keep` (delete the throwaway Cluster in main,
// or keep it and say so), then the outputs, the JSON evidence and the issue; checks that
// failed fail the step after all that was written.





/** A run whose restore worked but whose checks did not: reported in full, then the step fails. */
class ChecksFailed extends Error {
    name = 'ChecksFailed';
}
function failedChecks(r) {
    return (r.step.facts.checks ?? [])
        .filter((c) => !c.passed)
        .map((c) => `${c.name}: ${c.observed}`);
}
function passed(r, failure) {
    return failure === undefined && failedChecks(r).length === 0;
}
function keepReason(r, ok) {
    const keep = r.inputs.keep;
    if (keep === 'always')
        return 'keep: always';
    if (keep === 'on-failure' && !ok)
        return 'keep: on-failure, and the run failed';
    return undefined;
}
async function cleanUp(r, failure) {
    const created = r.step.facts.times?.created !== undefined;
    if (!created || r.ctx.signal.aborted)
        return;
    const { inputs, ctx } = r;
    const state = {
        namespace: inputs.recoveryNamespace,
        name: inputs.recoveryCluster,
        source: inputs.clusterName,
        keep: inputs.keep,
        done: true,
    };
    const kept = keepReason(r, passed(r, failure));
    if (kept) {
        saveRestoreState(ctx, state);
        record(r, { action: 'kept', reason: kept });
        ctx.logger.info(`${kept}: Cluster ${inputs.recoveryCluster} in namespace ${inputs.recoveryNamespace} stays (kubectl delete cluster -n ${inputs.recoveryNamespace} ${inputs.recoveryCluster} when done)`);
        return;
    }
    const started = ctx.now();
    mark(r, { cleanupStart: started });
    try {
        const credential = r.step.facts.credential;
        const identity = await r.step.phase(`Delete the throwaway Cluster ${inputs.recoveryCluster}`, () => removeThrowaway(r.conn, ctx, { ...state, ...(credential ? { identity: credential } : {}) }, Math.max(r.deadline, started + 60_000)));
        saveRestoreState(ctx, state);
        mark(r, { cleanupEnd: ctx.now() });
        record(r, {
            action: 'deleted',
            reason: `keep: ${inputs.keep}`,
            ms: ctx.now() - started,
            ...(identity ? { identity } : {}),
        });
    }
    catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        ctx.logger.warning(`Could not delete Cluster ${inputs.recoveryCluster}: ${(0,log_safety/* oneLine */.T)(text)}; the post step tries again`);
        record(r, { action: 'failed', reason: 'the post step tries again', error: text });
    }
}
function record(r, c) {
    r.step.record({ cleanup: c });
}
/** Outputs, the JSON evidence and the issue; none of them changes the result. */
async function finish(r, failure) {
    const { ctx, step } = r;
    const ok = passed(r, failure);
    const checks = step.facts.checks ?? [];
    mark(r, { end: ctx.now() });
    step.record({ outcome: ok ? 'passed' : 'failed' });
    step.output('checks-passed', checks.filter((c) => c.passed).length);
    step.output('checks-failed', checks.filter((c) => !c.passed).length);
    const t = step.facts.times ?? {};
    step.output('verify-seconds', (((t.end ?? ctx.now()) - (t.start ?? ctx.now())) / 1000).toFixed(2));
    if (r.inputs.openIssue && !ctx.signal.aborted)
        await issue(r, ok, failure);
    const path = step.facts.reportPath ?? '';
    try {
        await writeRestoreReport(path, restoreReport(step.facts, step.snapshot(), ok ? 'passed' : 'failed'));
        step.output('report', path);
        ctx.logger.info(`Wrote the evidence to ${path}`);
    }
    catch (error) {
        ctx.logger.warning(`Could not write the evidence: ${error instanceof Error ? error.message : String(error)}`);
    }
}
async function issue(r, ok, failure) {
    const { ctx, inputs } = r;
    const env = ctx.env;
    const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined;
    try {
        const found = await reportIssue({
            token: inputs.githubToken ?? '',
            apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
            repository: env.GITHUB_REPOSITORY ?? '',
            namespace: inputs.namespace,
            cluster: inputs.clusterName,
            passed: ok,
            body: issueBody({
                passed: ok,
                ...(runUrl ? { runUrl } : {}),
                ...(failure instanceof Error ? { message: failure.message } : {}),
                failedChecks: failedChecks(r),
                ...(r.step.facts.backup ? { backup: r.step.facts.backup.name } : {}),
            }),
        });
        r.step.record({ issue: found });
        if (found.url)
            r.step.output('issue-url', found.url);
        if (found.action !== 'none')
            ctx.logger.info(`Issue ${found.action}: ${found.url ?? ''}`);
    }
    catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        r.step.record({ issue: { action: 'none', error: text } });
        ctx.logger.warning(`Could not report the result in a GitHub issue: ${(0,log_safety/* oneLine */.T)(text)}`);
    }
}
function enforceChecks(r) {
    const failed = failedChecks(r);
    if (failed.length > 0)
        throw new ChecksFailed(`${failed.length} check${failed.length === 1 ? '' : 's'} failed: ${failed.map(log_safety/* oneLine */.T).join('; ')}`);
}

;// CONCATENATED MODULE: ./src/actions/restore-verify.ts
// restore-verify: choose the backup (nothing is written before), prove a point in the WAL
// with markers on the source, restore into a throwaway Cluster that cannot archive back, wait
// for it with progress, check the restored data (markers, checks, verify-command, amcheck),
// delete it unless keep says otherwise (the post step does when main could not), and report:
// outputs, JSON evidence, summary, and with open-issue-on-failure an issue.









const restoreVerify = (0,action/* defineAction */.Q)({
    command: 'restore-verify',
    summary: restoreSummary,
    async run(ctx, step) {
        const started = ctx.now();
        const inputs = readRestoreVerifyInputs(ctx.getInput, ctx.env, started);
        if (inputs.githubToken)
            ctx.setSecret(inputs.githubToken);
        step.record({
            inputs,
            reportPath: restoreReportPath(inputs, ctx.env.RUNNER_TEMP),
            times: { start: started },
        });
        step.output('recovery-cluster', inputs.recoveryCluster);
        const conn = await step.phase('Connect', () => (0,connect/* connectCluster */.b)(inputs, ctx, step));
        step.record({ server: conn.config.server });
        const run = { ctx, step, inputs, conn, deadline: started + inputs.timeoutMs };
        let failure;
        try {
            const source = await step.phase('Choose the backup', () => chooseSource({ ...conn, kc: conn.config.kc, logger: ctx.logger, now: ctx.now }, inputs));
            recordSource(run, source);
            const target = await prepareTarget(run, source);
            await step.phase(`Create the throwaway Cluster ${inputs.recoveryCluster}`, () => createThrowaway(run, source, target.time));
            const archived = target.archived;
            if (archived)
                await step.phase('Archive the WAL with markers A and B', () => archived);
            const restored = await step.phase(`Restore ${inputs.recoveryCluster}`, () => waitRestore(run));
            mark(run, { checksStart: ctx.now() });
            await verifyData(run, restored);
            mark(run, { checksEnd: ctx.now() });
        }
        catch (error) {
            failure = error instanceof Error ? error : new Error(String(error));
        }
        await cleanUp(run, failure);
        await finish(run, failure);
        if (failure !== undefined)
            throw failure;
        enforceChecks(run);
    },
    post: restorePost,
});
function recordSource(r, s) {
    const a = s.archive;
    r.step.record({
        backup: s.backup,
        source: {
            method: a.kind,
            store: a.kind === 'plugin' ? `ObjectStore ${a.objectStore}` : s.where.location,
            serverName: a.serverName,
            primary: s.primary,
            database: s.database,
        },
    });
    r.step.output('backup-name', s.backup.name);
    r.step.output('backup-id', s.backup.backupId);
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

/***/ 68148:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jv: () => (/* binding */ appOwner),
/* harmony export */   PF: () => (/* binding */ appLogin),
/* harmony export */   xI: () => (/* binding */ appDatabase)
/* harmony export */ });
/* unused harmony export appSecretName */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
// The application user's login, found as CNPG finds it (api/v1/cluster_funcs.go
// GetApplicationSecretName, GetApplicationDatabaseName): the secret named by the bootstrap
// method (recovery, pg_basebackup, then initdb), else `<cluster>-app`; the database of the same
// bootstrap, else `app` (the webhook's default). The password is masked as soon as it is read.

function methods(c) {
    const b = c.spec?.bootstrap;
    return [b?.recovery, b?.pg_basebackup, b?.initdb].filter((m) => m !== undefined);
}
function appSecretName(c) {
    return methods(c).find((m) => m.secret?.name)?.secret?.name ?? `${c.metadata.name}-app`;
}
function appDatabase(c) {
    return methods(c).find((m) => m.database)?.database ?? 'app';
}
function appOwner(c) {
    const m = methods(c).find((x) => x.owner ?? x.database);
    return m?.owner ?? m?.database ?? 'app';
}
async function appLogin(http, namespace, cluster, setSecret) {
    const secret = appSecretName(cluster);
    const { status, body } = await http.json({
        method: 'GET',
        path: `/api/v1/namespaces/${namespace}/secrets/${secret}`,
        allowNotFound: true,
        context: `reading the application secret ${secret}`,
    });
    const data = status === 404 ? undefined : body?.data;
    const decode = (key) => data?.[key] === undefined ? undefined : Buffer.from(data[key], 'base64').toString('utf8');
    const password = decode('password');
    if (password === undefined)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Cluster ${cluster.metadata.name}: its application secret ${secret} in namespace ${namespace} ${data ? 'has no key password' : 'does not exist'}; pgha connects to the database as that user`);
    setSecret(password);
    return {
        secret,
        user: decode('username') ?? appOwner(cluster),
        password,
        database: appDatabase(cluster),
    };
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

/***/ 58318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ forwardPort)
/* harmony export */ });
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
// A local TCP port that tunnels each connection to a pod through pods/portforward (client-node's
// PortForward, one WebSocket per connection), as `kubectl port-forward` does. The pod is
// resolved again for every new connection, so that a client that reconnects after a failover
// reaches the new primary. When the pod's end closes (the pod or its server went away), the
// local connection is closed too, so a client sees its connection end instead of hanging.

async function forwardPort(kc, o) {
    const { PortForward } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(329)]).then(__webpack_require__.bind(__webpack_require__, 53329));
    const forward = new PortForward(kc);
    const resolve = typeof o.pod === 'string' ? () => Promise.resolve(o.pod) : o.pod;
    const sockets = new Set();
    const tunnels = new Set();
    const connections = [];
    const fail = (socket, message) => {
        o.onError?.(message);
        socket.destroy();
    };
    const server = (0,node_net__WEBPACK_IMPORTED_MODULE_0__.createServer)((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
        socket.pause();
        void (async () => {
            let pod = '';
            try {
                pod = await resolve();
                connections.push({ pod });
                const errors = {
                    write: (b) => (b.length > 0 && o.onError?.(b.toString('utf8')), true),
                };
                const ws = (await forward.portForward(o.namespace, pod, [o.port], socket, errors, socket));
                tunnels.add(ws);
                ws.on?.('close', () => {
                    tunnels.delete(ws);
                    socket.end();
                });
                socket.on('close', () => {
                    ws.close();
                });
                socket.resume();
            }
            catch (error) {
                fail(socket, `port-forward to ${pod || 'the pod'}:${o.port}: ${error instanceof Error ? error.message : String(error)}`);
            }
        })();
    });
    await new Promise((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    return {
        host: '127.0.0.1',
        port: typeof address === 'object' && address ? address.port : 0,
        connections,
        close: () => new Promise((done) => {
            for (const t of tunnels)
                t.close();
            for (const s of sockets)
                s.destroy();
            server.close(() => {
                done();
            });
        }),
    };
}


/***/ }),

/***/ 92515:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ openSession)
/* harmony export */ });
async function openSession(port, auth, options = {}) {
    const { default: pg } = await __webpack_require__.e(/* import() */ 849).then(__webpack_require__.bind(__webpack_require__, 83849));
    const client = new pg.Client({
        host: port.host,
        port: port.port,
        user: auth.user,
        password: auth.password,
        database: auth.database,
        connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
        application_name: options.applicationName ?? 'pgha',
    });
    client.on('error', (error) => options.onError?.(error));
    try {
        await client.connect();
    }
    catch (error) {
        await client.end().catch(() => undefined);
        throw error;
    }
    return client;
}


/***/ })

};
