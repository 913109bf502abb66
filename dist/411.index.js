export const id = 411;
export const ids = [411];
export const modules = {

/***/ 64785:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  backup: () => (/* binding */ backup)
});

// EXTERNAL MODULE: ./src/cnpg/archiving.ts + 1 modules
var archiving = __webpack_require__(32480);
// EXTERNAL MODULE: ./src/cnpg/backup-preflight.ts + 2 modules
var backup_preflight = __webpack_require__(23150);
// EXTERNAL MODULE: ./src/log-safety.ts
var log_safety = __webpack_require__(8224);
// EXTERNAL MODULE: ./src/cnpg/archiving-report.ts
var archiving_report = __webpack_require__(21836);
// EXTERNAL MODULE: ./src/cnpg/backup-config.ts
var backup_config = __webpack_require__(15075);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/kube/resources.ts
var resources = __webpack_require__(26804);
// EXTERNAL MODULE: ./src/kube/watch.ts
var watch = __webpack_require__(87002);
// EXTERNAL MODULE: ./src/cnpg/backups.ts
var backups = __webpack_require__(24487);
// EXTERNAL MODULE: ./src/cnpg/diagnostics.ts
var diagnostics = __webpack_require__(98200);
;// CONCATENATED MODULE: ./src/cnpg/backup-wait.ts
// Watching a Backup until it is completed or failed, the only terminal phases (facts §3).
// Every phase change is logged and kept with its time for the timeline; walArchivingFailing
// is a warning as soon as it shows, and a Backup left pending is reported every 30 s (CNPG
// runs one backup per cluster at a time and retries a pending one; a missing or unready
// target pod also leaves it pending). The step's deadline ends the wait, with the Backup's
// phase and error, the Cluster's conditions and the events of both.






const PENDING_REMINDER_MS = 30_000;
/** The Backup failed or did not finish in time; `backup` is how it was last seen. */
class BackupWaitError extends errors/* DiagnosedError */.xB {
    backup;
    constructor(message, diagnostics, backup, options) {
        super(message, diagnostics, options);
        this.backup = backup;
    }
}
const HINTS = {
    pending: 'CNPG runs one backup of a cluster at a time and retries a pending one; a missing or unready target pod also keeps it pending',
    walArchivingFailing: 'CNPG checks that WAL is archived before it backs up and retries for up to 10 minutes; the ContinuousArchiving condition says why it fails',
    'invalid backup definition': 'the Backup spec was refused by the operator; fix it and use another backup-name',
};
class PhaseLog {
    #phase;
    #since = 0;
    #timer;
    o;
    constructor(o) {
        this.o = o;
    }
    see(b) {
        const phase = b ? (b.status?.phase ?? 'new') : 'deleted';
        if (phase === this.#phase)
            return;
        const now = this.o.now();
        if (this.#phase === 'pending')
            this.o.logger.info(`Backup ${this.o.name} waited ${((now - this.#since) / 1000).toFixed(1)} s in pending`);
        this.#phase = phase;
        this.#since = now;
        this.o.onPhase?.({ phase, at: now });
        const hint = HINTS[phase];
        const text = `Backup ${this.o.name}: ${(0,log_safety/* oneLine */.T)(phase)}${b?.status?.error ? ` (${(0,log_safety/* oneLine */.T)(b.status.error)})` : ''}${hint ? `: ${hint}` : ''}`;
        if (phase === 'walArchivingFailing' || phase === 'invalid backup definition')
            this.o.logger.warning(text);
        else
            this.o.logger.info(text);
        this.#remind(phase);
    }
    #remind(phase) {
        clearInterval(this.#timer);
        if (phase !== 'pending' && phase !== 'walArchivingFailing')
            return;
        this.#timer = setInterval(() => {
            const s = Math.round((this.o.now() - this.#since) / 1000);
            this.o.logger.warning(`Backup ${this.o.name} is still ${phase} after ${s} s: ${HINTS[phase] ?? ''}`);
        }, PENDING_REMINDER_MS);
    }
    stop() {
        clearInterval(this.#timer);
    }
}
async function waitBackup(http, o) {
    const log = new PhaseLog(o);
    let done;
    try {
        done = await (0,watch/* waitFor */.fm)(http, {
            collection: (0,resources/* collectionPath */.yb)(backups/* BACKUP */.DW.apiVersion, backups/* BACKUP */.DW.kind, o.namespace),
            name: o.name,
            what: `Backup ${o.name} to complete`,
        }, {
            deadline: o.deadline,
            now: o.now,
            check: (obj) => {
                const b = obj;
                log.see(b);
                return (0,backups/* isDone */.$L)(b) ? b : undefined;
            },
            onReconnect: (reason) => {
                o.logger.info(`Watch interrupted (${(0,log_safety/* oneLine */.T)(reason)}); resuming`);
            },
        });
    }
    catch (error) {
        if (!(error instanceof watch/* WatchTimeout */.FR))
            throw error;
        const last = error.last;
        throw new BackupWaitError(`Backup ${o.name} did not complete within the step's timeout (input 'timeout'): it is ${last?.status?.phase ?? 'new'}${last?.status?.error ? `: ${(0,log_safety/* oneLine */.T)(last.status.error)}` : ''}`, await backupDiagnostics(http, o, last), last, { cause: error });
    }
    finally {
        log.stop();
    }
    if (done.status?.phase === 'failed')
        throw new BackupWaitError(`Backup ${o.name} failed: ${(0,log_safety/* oneLine */.T)(done.status.error ?? '(no error recorded)')}`, await backupDiagnostics(http, o, done), done);
    return done;
}
/** The Backup's phase and error, the Cluster's conditions and pods, the events of both. */
async function backupDiagnostics(http, o, b) {
    const s = b?.status;
    const lines = [
        b
            ? `Backup ${o.name}: phase ${(0,log_safety/* oneLine */.T)(s?.phase ?? 'new')}${s?.error ? `, error: ${(0,log_safety/* oneLine */.T)(s.error)}` : ''}${s?.instanceID?.podName ? `, on ${s.instanceID.podName}` : ''}`
            : `Backup ${o.name}: not found`,
    ];
    let cluster;
    try {
        const { body } = await http.json({
            method: 'GET',
            path: `${(0,resources/* collectionPath */.yb)(resources/* CNPG_CLUSTER */.wn.apiVersion, resources/* CNPG_CLUSTER */.wn.kind, o.namespace)}/${o.cluster}`,
            context: `reading Cluster ${o.cluster}`,
        });
        cluster = body;
    }
    catch {
        cluster = undefined;
    }
    lines.push(await (0,diagnostics/* gatherDiagnostics */.C)(http, o.namespace, o.cluster, cluster));
    try {
        const events = await (0,diagnostics/* recentEvents */.L)(http, o.namespace, [o.name]);
        if (events.length > 0)
            lines.push(`Events of Backup ${o.name}:`, ...events.map((e) => `  ${e}`));
    }
    catch {
        // best effort: the cluster's events are above
    }
    return lines.join('\n');
}

// EXTERNAL MODULE: ./src/cnpg/recovery-window.ts
var recovery_window = __webpack_require__(88222);
;// CONCATENATED MODULE: ./src/cnpg/backup-take.ts






/** Creates (or finds) the Backup and waits for it; `record` gets its facts, on failure too. */
async function takeBackup(deps, c, record) {
    const { namespace, clusterName: cluster, backupName: name } = c.inputs;
    const phases = [];
    const { backup, created } = c.existing
        ? { backup: c.existing, created: false }
        : await create(deps, c);
    record(report(backup, created, phases, c));
    if (!created)
        reportExisting(deps.logger, backup);
    if (!c.inputs.wait) {
        deps.logger.info(`Not waiting for Backup ${name} (wait: false)`);
        return report(backup, created, phases, c);
    }
    const onPhase = (p) => phases.push(p);
    const o = {
        namespace,
        name,
        cluster,
        deadline: deps.deadline,
        logger: deps.logger,
        now: deps.now,
        onPhase,
    };
    try {
        const done = report(await waitBackup(deps.http, o), created, phases, c);
        record(done);
        return done;
    }
    catch (error) {
        if (error instanceof BackupWaitError && error.backup)
            record(report(error.backup, created, phases, c));
        throw error;
    }
}
function reportExisting(logger, b) {
    const phase = b.status?.phase ?? 'new';
    logger.info(`Backup ${b.metadata.name} already exists (created ${b.metadata.creationTimestamp ?? '?'}, phase ${(0,log_safety/* oneLine */.T)(phase)}): reporting it instead of taking another`);
    if (phase === 'failed')
        logger.warning(`Backup ${b.metadata.name} failed in an earlier run, and a Backup is never retried (its spec is immutable): give another backup-name, or none, to take a new one`);
}
async function create(deps, c) {
    const { namespace, clusterName: cluster, backupName: name, target } = c.inputs;
    const others = (0,backups/* unfinished */.M1)(c.backups, name);
    const manifest = (0,backups/* backupManifest */.i5)({
        name,
        namespace,
        cluster,
        method: c.config.method,
        ...(target ? { target } : {}),
        origin: deps.origin,
    });
    const result = await (0,backups/* createBackup */.dB)(deps.http, manifest, cluster);
    if (result.created)
        deps.logger.info(`Created Backup ${name} (method ${c.config.method}, target ${target ?? "the Cluster's spec.backup.target"})${others.length > 0 ? `; not finished yet, CNPG runs them first: ${others.join(', ')}` : ''}`);
    return result;
}
function seconds(from, to) {
    const a = Date.parse(from ?? '');
    const b = Date.parse(to ?? '');
    return Number.isFinite(a) && Number.isFinite(b) ? Math.max(0, (b - a) / 1000) : undefined;
}
/** The Backup's facts; undefined fields are left out. */
function report(b, created, phases, c) {
    const s = b.status ?? {};
    const archive = c.config.archive;
    const destination = s.destinationPath ?? (archive ? (0,recovery_window/* destinationOf */.My)(archive, c.store) : undefined);
    const server = s.serverName ?? archive?.serverName;
    const location = s.backupId && destination && server
        ? (0,backup_config/* backupLocation */.Ko)((0,archiving_report/* safeLocation */.p9)(destination), server, s.backupId)
        : undefined;
    const fields = {
        phase: s.phase,
        error: s.error,
        target: b.spec?.target,
        pod: s.instanceID?.podName,
        backupId: s.backupId,
        beginWal: s.beginWal,
        endWal: s.endWal,
        beginLsn: s.beginLSN,
        endLsn: s.endLSN,
        startedAt: s.startedAt,
        stoppedAt: s.stoppedAt,
        seconds: seconds(s.startedAt, s.stoppedAt),
        location,
        createdAt: b.metadata.creationTimestamp,
    };
    const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== ''));
    return { name: b.metadata.name, created, method: c.config.method, phases, ...set };
}

// EXTERNAL MODULE: ./src/cnpg/freshness.ts
var freshness = __webpack_require__(33259);
// EXTERNAL MODULE: ./src/inputs/parse.ts
var parse = __webpack_require__(13718);
// EXTERNAL MODULE: ./src/inputs/read.ts
var read = __webpack_require__(44245);
// EXTERNAL MODULE: ./src/inputs/spec.ts
var spec = __webpack_require__(27026);
;// CONCATENATED MODULE: ./src/inputs/read-backup.ts
// backup's inputs, read and cross-checked into one frozen BackupInputs before any request.



const BACKUP_METHOD_INPUTS = [
    'auto',
    'plugin',
    'barman-object-store',
    'volume-snapshot',
];
const BACKUP_TARGETS = ['prefer-standby', 'primary'];
/** `kubectl cnpg backup`'s default name, in UTC: <cluster>-<YYYYMMDDHHMMSS>. */
function defaultBackupName(cluster, now) {
    const stamp = new Date(now).toISOString().replace(/\D/g, '').slice(0, 14);
    return `${cluster}-${stamp}`;
}
function readBackupInputs(get, now) {
    const r = (0,read/* inputReader */.cN)(get, spec/* ACTIONS */.kl.backup.inputs);
    const shared = (0,read/* readShared */.qA)(r);
    const given = r.optional('backup-name', (v) => (0,parse/* objectName */.Hd)(v, 'pg-orders-before-upgrade'));
    const inputs = {
        ...shared,
        backupName: given ?? defaultBackupName(shared.clusterName ?? '', now),
        backupNameGiven: given !== undefined,
        method: r.value('method', (v) => (0,parse/* oneOf */.yL)(v, BACKUP_METHOD_INPUTS)),
        target: r.optional('target', (v) => (0,parse/* oneOf */.yL)(v, BACKUP_TARGETS)),
        verifyWal: r.value('verify-wal', parse/* boolean */.zM),
        wait: r.value('wait', parse/* boolean */.zM),
        maxBackupAgeMs: r.optional('max-backup-age', (v) => (0,parse/* duration */.p0)(v, '26h', 366 * read/* MAX_TIMEOUT_MS */.mn)),
    };
    return r.finish(inputs);
}

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
;// CONCATENATED MODULE: ./src/report/backup-archiving-summary.ts


function archivingSection(f) {
    if (!f.inputs || (!f.where && !f.condition))
        return '';
    const parts = ['### WAL archiving\n', verdict(f)];
    const rows = [];
    if (f.proof) {
        rows.push([
            'segment switched',
            `${f.proof.segment} at ${f.proof.switchedAt} (LSN ${f.proof.lsn})`,
        ]);
        rows.push([
            'archived',
            `${f.proof.archivedAt} (pg_stat_archiver last archived: ${f.proof.lastArchivedWal ?? '-'})`,
        ]);
        rows.push(['switch to archived', `${f.proof.seconds.toFixed(2)} s`]);
    }
    if (f.archiver)
        rows.push(['pg_stat_archiver before', archiverText(f.archiver)]);
    if (f.where) {
        rows.push(['archive', f.where.location]);
        rows.push(['credentials', f.where.credentials]);
    }
    if (rows.length > 0)
        parts.push((0,markdown/* table */.tp)(['', ''], rows));
    return parts.join('\n');
}
function verdict(f) {
    const c = f.proof?.condition ?? f.condition;
    const condition = c
        ? `ContinuousArchiving ${(0,markdown/* code */.aY)(c.status)}${c.message ? ` (${(0,markdown/* escapeHtml */.ZD)(c.message)})` : ''}`
        : 'no ContinuousArchiving condition yet';
    if (f.proof)
        return `✅ WAL archiving works: segment ${(0,markdown/* code */.aY)(f.proof.segment)} reached the archive ${f.proof.seconds.toFixed(2)} s after the switch; ${condition}.\n`;
    if (f.inputs?.verifyWal === false)
        return `Not proven (verify-wal: false); ${condition}. The condition alone does not show that WAL reaches the object store.\n`;
    return `Not proven. Before the check: ${condition}.\n`;
}
function archiverText(s) {
    const at = (ms) => (ms === undefined ? '' : ` at ${new Date(ms).toISOString()}`);
    return `last archived ${s.lastArchivedWal ?? 'none'}${at(s.lastArchivedAt)}; last failed ${s.lastFailedWal ?? 'none'}${at(s.lastFailedAt)}; ${s.archivedCount} archived, ${s.failedCount} failed`;
}
function windowSection(w, backup, now = Date.now()) {
    const first = w.firstRecoverabilityPoint;
    const span = first ? (0,freshness/* age */.KW)(Math.max(0, (now - Date.parse(first)) / 1000)) : undefined;
    const head = first
        ? `Recoverable from ${(0,markdown/* code */.aY)(first)} to now (${(0,markdown/* escapeHtml */.ZD)(span ?? '')} of history).`
        : 'No first point of recoverability reported yet.';
    const stale = backup?.phase === 'completed' &&
        backup.stoppedAt &&
        w.lastSuccessfulBackup &&
        Date.parse(w.lastSuccessfulBackup) < Date.parse(backup.stoppedAt) - 1000
        ? ' The operator had not yet recorded this backup in it.'
        : '';
    const rows = [
        ['last successful backup', w.lastSuccessfulBackup ?? 'none'],
        ['last failed backup', w.lastFailedBackup ?? 'none'],
        ['read from', w.source],
    ];
    return `### Recovery window\n\n${head}${stale}\n\n${(0,markdown/* table */.tp)(['', ''], rows)}`;
}

// EXTERNAL MODULE: ./src/report/step-summary.ts
var step_summary = __webpack_require__(49211);
;// CONCATENATED MODULE: ./src/report/backup-timeline.ts

function entry(at, what) {
    const ms = typeof at === 'number' ? at : Date.parse(at ?? '');
    return Number.isFinite(ms) ? [{ at: ms, what }] : [];
}
function timeline(f) {
    const p = f.proof;
    const b = f.backup;
    const entries = [
        ...entry(p?.switchedAt, `WAL switched on ${f.primary ?? 'the primary'}: segment ${p?.segment ?? ''} closed`),
        ...entry(p?.archivedAt, `segment ${p?.segment ?? ''} archived`),
        ...(b?.created ? entry(b.createdAt, `Backup ${b.name} created`) : []),
        ...(b?.phases ?? []).map((s) => ({ at: s.at, what: `Backup ${b?.name ?? ''}: ${s.phase}` })),
        ...entry(b?.startedAt, `backup started${b?.pod ? ` on ${b.pod}` : ''} (Backup status)`),
        ...entry(b?.stoppedAt, 'backup stopped (Backup status)'),
    ];
    return entries.sort((x, y) => x.at - y.at);
}
function timelineSection(f) {
    const entries = timeline(f);
    if (entries.length === 0)
        return '';
    const rows = entries.map((e) => [
        new Date(e.at).toISOString().replace('T', ' ').replace('Z', ''),
        e.what,
    ]);
    return `### Timeline (UTC)\n\n${(0,markdown/* table */.tp)(['time', 'event'], rows)}`;
}

;// CONCATENATED MODULE: ./src/report/backup-summary.ts




function backupSummary(result) {
    const f = result.facts;
    if (!f.inputs)
        return '';
    const parts = [title(f, result), headline(f)];
    if (result.failure)
        parts.push((0,step_summary/* failureSection */.m)(result.failure));
    parts.push(archivingSection(f));
    if (f.backup)
        parts.push('### Backup\n', backupTable(f.backup));
    if (f.window)
        parts.push(windowSection(f.window, f.backup));
    if (f.freshness)
        parts.push(freshnessSection(f.freshness));
    if (f.schedules)
        parts.push('### Schedules\n', schedulesTable(f.schedules));
    parts.push(timelineSection(f), '### Phases\n', (0,step_summary/* phasesTable */.l)(result.phases));
    return parts.filter((p) => p !== '').join('\n');
}
function title(f, r) {
    const cluster = (0,markdown/* escapeHtml */.ZD)(f.inputs?.clusterName ?? '');
    const name = (0,markdown/* escapeHtml */.ZD)(f.backup?.name ?? f.inputs?.backupName ?? '');
    if (r.failure?.cancelled)
        return `## pgha backup: ${cluster} was cancelled\n`;
    if (r.failure)
        return `## pgha backup: ${cluster} failed\n`;
    const phase = f.backup?.phase ?? 'created';
    return `## pgha backup: ${cluster}, Backup ${name} ${(0,markdown/* escapeHtml */.ZD)(phase)}\n`;
}
function headline(f) {
    const bits = [];
    if (f.server)
        bits.push(`API server ${(0,markdown/* code */.aY)(f.server)}, namespace ${(0,markdown/* code */.aY)(f.inputs?.namespace ?? '')}.`);
    if (f.config)
        bits.push(`Method ${(0,markdown/* code */.aY)(f.config.method)} (${(0,markdown/* escapeHtml */.ZD)(f.config.reason)}).`);
    if (f.primary)
        bits.push(`Primary ${(0,markdown/* code */.aY)(f.primary)}.`);
    if (f.requests !== undefined)
        bits.push(`${f.requests} API requests.`);
    return bits.length > 0 ? `${bits.join(' ')}\n` : '';
}
function backupTable(b) {
    const rows = [
        ['Backup', `${b.name} (${b.created ? 'created by this run' : 'existing, reported'})`],
        ['phase', b.phase ?? 'new'],
        ['error', b.error],
        ['method', b.method],
        ['target', b.target ?? "the Cluster's spec.backup.target"],
        ['taken on', b.pod],
        ['backup ID', b.backupId],
        ['begin WAL / LSN', pair(b.beginWal, b.beginLsn)],
        ['end WAL / LSN', pair(b.endWal, b.endLsn)],
        ['started / stopped', pair(b.startedAt, b.stoppedAt)],
        [
            'duration',
            b.seconds === undefined ? undefined : `${b.seconds.toFixed(0)} s (startedAt to stoppedAt)`,
        ],
        ['in the object store', b.location],
    ];
    return (0,markdown/* table */.tp)(['', ''], rows.filter((r) => r[1] !== undefined));
}
function pair(a, b) {
    return a || b ? `${a ?? '-'} / ${b ?? '-'}` : undefined;
}
function freshnessSection(f) {
    const verdict = f.fresh ? '✅ fresh' : '❌ too old';
    const newest = f.previous
        ? `${(0,markdown/* code */.aY)(f.previous.name)} at ${(0,markdown/* escapeHtml */.ZD)(f.previous.completedAt)}${f.ageSeconds === undefined ? '' : `, ${Math.round(f.ageSeconds)} s old`}`
        : 'none';
    return `### Freshness\n\n${verdict}: newest completed backup before this run: ${newest}; max-backup-age ${Math.round(f.maxSeconds)} s.\n`;
}
function schedulesTable(schedules) {
    if (schedules.length === 0)
        return 'No ScheduledBackup for this cluster: backups run only when a step like this takes them.\n';
    const rows = schedules.map((s) => [
        s.name,
        {
            raw: `${(0,markdown/* code */.aY)(s.schedule)}${s.fiveFields ? ' ⚠️ five fields: CNPG reads the first as seconds' : ''}`,
        },
        s.method,
        s.suspended ? 'yes' : 'no',
        s.lastScheduleTime ?? 'never',
        s.suspended ? '-' : (s.nextRun ?? s.problem ?? '-') + (s.overdue ? ' (overdue)' : ''),
    ]);
    return (0,markdown/* table */.tp)(['ScheduledBackup', 'schedule', 'method', 'suspended', 'last scheduled', 'next run (UTC)'], rows);
}

// EXTERNAL MODULE: ./src/actions/action.ts + 1 modules
var action = __webpack_require__(63312);
// EXTERNAL MODULE: ./src/actions/connect.ts + 3 modules
var connect = __webpack_require__(27932);
// EXTERNAL MODULE: ./src/actions/context.ts + 1 modules
var context = __webpack_require__(87546);
;// CONCATENATED MODULE: ./src/actions/backup.ts
// backup: read the inputs, connect, check the Cluster and find its backup method (nothing is
// written before), prove WAL archiving through psql on the primary, take the Backup (or
// report the existing one of that name) and wait for it, read the recovery window, and check
// that the newest backup before this run was fresh enough.










const backup = (0,action/* defineAction */.Q)({
    command: 'backup',
    summary: backupSummary,
    async run(ctx, step) {
        const started = ctx.now();
        const inputs = readBackupInputs(ctx.getInput, started);
        step.record({ inputs });
        const conn = await step.phase('Connect', () => (0,connect/* connectCluster */.b)(inputs, ctx, step));
        step.record({ server: conn.config.server });
        const { http, config } = conn;
        const deps = {
            http,
            kc: config.kc,
            logger: ctx.logger,
            now: ctx.now,
            deadline: started + inputs.timeoutMs,
        };
        const pre = await step.phase('Preflight', () => (0,backup_preflight/* preflight */.M)(deps, inputs));
        recordPreflight(step, pre, inputs, ctx.now());
        if (inputs.verifyWal)
            await proveArchiving(step, deps, pre);
        const taken = await step.phase('Backup', () => takeBackup({ ...deps, origin: (0,context/* runOrigin */.sd)(ctx.env) }, { inputs, ...pre }, (r) => {
            recordBackup(step, r);
        }));
        if (taken.created && taken.phase === 'completed')
            await readWindow(step, deps, inputs, pre);
        step.record({ requests: http.requests });
        await checkFresh(step, inputs, pre);
    },
});
async function proveArchiving(step, deps, pre) {
    const { where, archiver } = pre;
    if (!where || !archiver)
        return;
    const proof = await step.phase('Prove WAL archiving', () => (0,archiving/* proveWalArchiving */.oP)(deps, where, archiver));
    step.record({ proof });
    step.output('archived-wal', proof.segment);
    step.output('wal-archive-seconds', proof.seconds.toFixed(2));
}
/** The recovery window once CNPG has recorded the new backup in it. */
async function readWindow(step, deps, inputs, pre) {
    const archive = pre.config.archive;
    if (!archive)
        return;
    const { namespace, clusterName: cluster } = inputs;
    const wait = { namespace, cluster, archive, before: pre.window, ...deps };
    recordWindow(step, await step.phase('Recovery window', () => (0,recovery_window/* windowAfterBackup */.dH)(deps.http, wait)));
}
async function checkFresh(step, inputs, pre) {
    const fresh = step.facts.freshness;
    if (!fresh)
        return;
    await step.phase('Check backup freshness', () => {
        (0,freshness/* checkFreshness */.IW)(fresh, inputs.clusterName, pre.schedules);
        return Promise.resolve();
    });
}
function recordPreflight(step, pre, inputs, now) {
    step.record({ config: pre.config, primary: pre.primary, schedules: pre.schedules });
    if (pre.where)
        step.record({ where: pre.where });
    if (pre.condition)
        step.record({ condition: pre.condition });
    if (pre.archiver)
        step.record({ archiver: pre.archiver });
    if (pre.window)
        recordWindow(step, pre.window);
    if (inputs.maxBackupAgeMs !== undefined)
        step.record({ freshness: (0,freshness/* freshness */.I9)(pre.previous, inputs.maxBackupAgeMs, now) });
    step.output('backup-name', inputs.backupName);
    step.output('method', pre.config.method);
}
function recordBackup(step, b) {
    step.record({ backup: b });
    step.output('backup-name', b.name);
    step.output('phase', b.phase);
    step.output('backup-id', b.backupId);
    step.output('begin-wal', b.beginWal);
    step.output('end-wal', b.endWal);
    step.output('begin-lsn', b.beginLsn);
    step.output('end-lsn', b.endLsn);
    step.output('started-at', b.startedAt);
    step.output('stopped-at', b.stoppedAt);
    step.output('backup-seconds', b.seconds?.toFixed(0));
}
function recordWindow(step, w) {
    step.record({ window: w });
    step.output('recovery-window-start', w.firstRecoverabilityPoint);
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
            'Install it first, e.g. kubectl apply --server-side -f https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/release-1.30/releases/cnpg-1.30.1.yaml, or with its Helm chart.');
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
/* harmony export */   Kf: () => (/* binding */ MANAGED_BY),
/* harmony export */   _n: () => (/* binding */ WORKLOAD_IDENTITY_LABEL),
/* harmony export */   eg: () => (/* binding */ ROLE_LABEL),
/* harmony export */   eq: () => (/* binding */ CLUSTER_LABEL),
/* harmony export */   iC: () => (/* binding */ objectStoreName),
/* harmony export */   kd: () => (/* binding */ traceAnnotations),
/* harmony export */   mI: () => (/* binding */ meta),
/* harmony export */   uE: () => (/* binding */ pghaLabels)
/* harmony export */ });
/* unused harmony export RUN_ID_LABEL */
const PLUGIN_NAME = 'barman-cloud.cloudnative-pg.io';
const WORKLOAD_IDENTITY_LABEL = 'azure.workload.identity/use';
/** pgha's labels, by which teardown finds what an action created for a cluster. */
const MANAGED_BY = 'app.kubernetes.io/managed-by';
const CLUSTER_LABEL = 'pgha.io/cluster';
const ROLE_LABEL = 'pgha.io/role';
const RUN_ID_LABEL = 'pgha.io/run-id';
/** The labels pgha puts on what it creates for `cluster` in role `role`. */
function pghaLabels(cluster, role, origin) {
    return {
        [MANAGED_BY]: 'pgha',
        [CLUSTER_LABEL]: cluster,
        [ROLE_LABEL]: role,
        ...(origin.runId ? { [RUN_ID_LABEL]: origin.runId } : {}),
    };
}
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
        labels: { [MANAGED_BY]: 'pgha', ...extra.labels },
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    };
}


/***/ })

};
