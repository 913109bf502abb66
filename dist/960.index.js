export const id = 960;
export const ids = [960];
export const modules = {

/***/ 34960:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  failoverDrill: () => (/* binding */ failoverDrill)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/kube/port-forward.ts
var port_forward = __webpack_require__(58318);
// EXTERNAL MODULE: ./src/postgres/session.ts
var session = __webpack_require__(92515);
;// CONCATENATED MODULE: ./src/postgres/drill-load.ts


const WRITE_TIMEOUT_MS = 10_000;
const APPLICATION_NAME = 'pgha-failover-drill';
/** What an error of one INSERT says about whether it committed. */
function classifyWriteError(error) {
    const e = error;
    const message = typeof e.message === 'string' ? e.message : '';
    if (/not queryable/.test(message))
        return 'before-send';
    if (typeof e.severity !== 'string' || typeof e.code !== 'string')
        return 'in-doubt';
    if (e.severity === 'FATAL' || e.severity === 'PANIC')
        return 'in-doubt';
    // Connection exceptions and operator intervention (admin shutdown, crash) end the session.
    if (e.code.startsWith('08') || e.code.startsWith('57P'))
        return 'in-doubt';
    return 'rejected';
}
/** No acknowledgement the caller waited for came in time. */
class AckTimeout extends Error {
    name = 'AckTimeout';
}
class WriteTimeout extends Error {
    name = 'WriteTimeout';
}
function within(promise, ms) {
    promise.catch(() => undefined);
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => {
            reject(new WriteTimeout(`no answer within ${ms} ms`));
        }, ms);
    });
    return Promise.race([promise, timeout]).finally(() => {
        clearTimeout(timer);
    });
}
class DrillLoad {
    #o;
    #acks = [];
    #inDoubt = [];
    #rejected = [];
    #ports = [];
    #listeners = new Set();
    #started;
    #failedBeforeSending = 0;
    #connections = 0;
    #nextId = 1;
    #running = true;
    #loops = [];
    constructor(o) {
        this.#o = o;
        this.#started = o.now();
    }
    static async start(o) {
        const load = new DrillLoad(o);
        const resolve = () => {
            const pod = o.pod();
            return pod ? Promise.resolve(pod) : Promise.reject(new Error('no primary to write to'));
        };
        for (let w = 0; w < o.writers; w++)
            load.#ports.push(await (0,port_forward/* forwardPort */.x)(o.kc, { namespace: o.namespace, pod: resolve, port: 5432 }));
        load.#loops = load.#ports.map((port, w) => load.#writer(port, w + 1));
        return load;
    }
    get acknowledged() {
        return this.#acks.length;
    }
    /** Resolves with the first acknowledgement the probe accepts (earlier ones included). */
    untilAck(probe, deadline, what) {
        return new Promise((resolve, reject) => {
            let seen = 0;
            const finish = (settle) => {
                clearTimeout(timer);
                this.#listeners.delete(check);
                settle();
            };
            const check = () => {
                for (; seen < this.#acks.length; seen++) {
                    const ack = this.#acks[seen];
                    if (ack && probe(ack)) {
                        finish(() => {
                            resolve(ack);
                        });
                        return;
                    }
                }
                if (!this.#running)
                    finish(() => {
                        reject(new Error(`the load stopped before ${what}`));
                    });
            };
            const timer = setTimeout(() => {
                finish(() => {
                    reject(new AckTimeout(`timed out waiting for ${what}`));
                });
            }, Math.max(0, deadline - this.#o.now()));
            this.#listeners.add(check);
            check();
        });
    }
    /** Stops writing; writes still unanswered after graceMs end in doubt. */
    async stop(graceMs = 3000) {
        this.#running = false;
        const all = Promise.all(this.#loops);
        const timer = setTimeout(() => {
            for (const port of this.#ports)
                void port.close();
        }, graceMs);
        await all;
        clearTimeout(timer);
        await Promise.all(this.#ports.map((p) => p.close()));
        this.#notify();
        return {
            started: this.#started,
            stopped: this.#o.now(),
            acks: this.#acks,
            inDoubt: this.#inDoubt,
            rejected: this.#rejected,
            failedBeforeSending: this.#failedBeforeSending,
            connections: this.#connections,
        };
    }
    async #writer(port, writer) {
        let session;
        while (this.#running) {
            session ??= await this.#connect(port);
            if (!session) {
                this.#failedBeforeSending++;
                await this.#backoff(true);
                continue;
            }
            if (!(await this.#write(session, writer))) {
                void session.client.end().catch(() => undefined);
                session = undefined;
                await this.#backoff();
            }
        }
        if (session)
            await session.client.end().catch(() => undefined);
    }
    async #connect(port) {
        if (!this.#o.pod())
            return undefined;
        const holder = {};
        try {
            const client = await (0,session/* openSession */.f)(port, this.#o.credentials, {
                connectTimeoutMs: 2000,
                applicationName: APPLICATION_NAME,
                onError: () => {
                    if (holder.session)
                        holder.session.broken = true;
                },
            });
            client.on('end', () => {
                if (holder.session)
                    holder.session.broken = true;
            });
            this.#connections++;
            holder.session = { client, pod: port.connections.at(-1)?.pod ?? '', broken: false };
            return holder.session;
        }
        catch {
            return undefined;
        }
    }
    /** One write; false when the session is done for. */
    async #write(s, writer) {
        if (s.broken) {
            this.#failedBeforeSending++;
            return false;
        }
        const id = this.#nextId++;
        try {
            const sql = `INSERT INTO ${this.#o.table} (id, writer) VALUES ($1, $2) RETURNING tl`;
            const res = await within(s.client.query(sql, [id, writer]), WRITE_TIMEOUT_MS);
            this.#acks.push({ id, at: this.#o.now(), pod: s.pod, timeline: res.rows[0]?.tl ?? '' });
            this.#notify();
            return true;
        }
        catch (error) {
            const outcome = classifyWriteError(error);
            const failed = { id, at: this.#o.now(), pod: s.pod, error: String(error) };
            if (outcome === 'before-send')
                this.#failedBeforeSending++;
            else if (outcome === 'rejected')
                this.#rejected.push(failed);
            else
                this.#inDoubt.push(failed);
            return false;
        }
    }
    /** 50-100 ms; with wake, less when the primary changes meanwhile. */
    #backoff(wake = false) {
        const ms = 50 + Math.floor((this.#o.random ?? Math.random)() * 50);
        let timer;
        const slept = new Promise((r) => {
            timer = setTimeout(r, ms);
        });
        const changed = wake && this.#o.changed ? this.#o.changed() : undefined;
        if (!changed)
            return slept;
        return Promise.race([slept, changed]).finally(() => {
            clearTimeout(timer);
        });
    }
    #notify() {
        for (const listener of [...this.#listeners])
            listener();
    }
}

// EXTERNAL MODULE: ./src/postgres/psql.ts
var psql = __webpack_require__(10343);
;// CONCATENATED MODULE: ./src/postgres/drill-table.ts



/** `pgha_drill_<UTC YYYYMMDDHHMMSS>_<4 hex>`: unique, sortable, a plain identifier. */
function drillTableName(now, random = Math.random) {
    const stamp = new Date(now).toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const suffix = Math.floor(random() * 0x10000)
        .toString(16)
        .padStart(4, '0');
    return `pgha_drill_${stamp}_${suffix}`;
}
function qualified(t) {
    return `"${t.schema}"."${t.name}"`;
}
function createTableSql(t) {
    return `CREATE TABLE ${qualified(t)} (
  id bigint PRIMARY KEY,
  writer integer NOT NULL,
  tl text NOT NULL DEFAULT substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8),
  at timestamptz NOT NULL DEFAULT clock_timestamp()
)`;
}
/** Runs fn in a session as the application user on one pod, through a port-forward. */
async function withSession(kc, where, credentials, fn) {
    const port = await (0,port_forward/* forwardPort */.x)(kc, { ...where, port: 5432 });
    try {
        const client = await (0,session/* openSession */.f)(port, credentials, { applicationName: 'pgha-failover-drill' });
        try {
            return await fn(client);
        }
        finally {
            await client.end().catch(() => undefined);
        }
    }
    finally {
        await port.close();
    }
}
async function createDrillTable(client, t, note) {
    await client.query(createTableSql(t));
    await client.query(`COMMENT ON TABLE ${qualified(t)} IS ${literal(note)}`);
}
function literal(text) {
    return `'${text.replaceAll("'", "''")}'`;
}
async function readBack(client, t) {
    const ids = await client.query(`SELECT id FROM ${qualified(t)}`);
    const tl = await client.query(`SELECT tl, count(*) AS n, min(at) AS first, max(at) AS last FROM ${qualified(t)} GROUP BY tl ORDER BY tl`);
    return {
        ids: new Set(ids.rows.map((r) => Number(r.id))),
        byTimeline: tl.rows.map((r) => ({
            timeline: r.tl,
            rows: Number(r.n),
            first: r.first.getTime(),
            last: r.last.getTime(),
        })),
    };
}
/** DROP TABLE IF EXISTS as postgres inside the primary's pod. */
async function dropDrillTable(kc, where, t) {
    await (0,psql/* psqlInPod */.hu)(kc, where, `DROP TABLE IF EXISTS ${qualified(t)}`, { database: where.database });
}

// EXTERNAL MODULE: ./src/cnpg/app-credentials.ts
var app_credentials = __webpack_require__(68148);
// EXTERNAL MODULE: ./src/cnpg/diagnostics.ts
var cnpg_diagnostics = __webpack_require__(98200);
// EXTERNAL MODULE: ./src/kube/errors.ts
var kube_errors = __webpack_require__(23646);
// EXTERNAL MODULE: ./src/kube/resources.ts
var resources = __webpack_require__(26804);
// EXTERNAL MODULE: ./src/cnpg/clusters.ts
var clusters = __webpack_require__(53633);
;// CONCATENATED MODULE: ./src/cnpg/switchover.ts
// A switchover as `kubectl cnpg promote CLUSTER INSTANCE` makes it (internal/cmd/plugin/
// promote/promote.go): nothing to do when the instance is already the target primary; the Pod
// must exist; then a JSON merge patch of the Cluster's status subresource, with the
// resourceVersion read just before (optimistic lock, retried on conflict), that sets
// targetPrimary, targetPrimaryTimestamp (RFC3339Micro), phase `Switchover in progress`,
// phaseReason `Switching over to <pod>` and the Ready condition derived from that phase
// (pkg/resources/status/patch.go, transactions.go). The operator and the instance managers
// do the rest: the old primary shuts down, the target promotes.




const SWITCHOVER_PHASE = 'Switchover in progress';
/** metav1 RFC3339Micro of an instant, in UTC. */
function rfc3339Micro(ms) {
    return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
/** meta.SetStatusCondition of Ready=False/ClusterIsNotReady, as SetClusterReadyCondition. */
function notReadyConditions(conditions, now) {
    const list = [...(conditions ?? [])];
    const at = list.findIndex((c) => c.type === 'Ready');
    const old = at >= 0 ? list[at] : undefined;
    const next = {
        type: 'Ready',
        status: 'False',
        reason: 'ClusterIsNotReady',
        message: 'Cluster Is Not Ready',
        lastTransitionTime: old?.status === 'False' && old.lastTransitionTime
            ? old.lastTransitionTime
            : new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    if (at >= 0)
        list[at] = next;
    else
        list.push(next);
    return list;
}
function promotePatch(cluster, target, now) {
    return {
        metadata: { resourceVersion: cluster.metadata.resourceVersion },
        status: {
            targetPrimary: target,
            targetPrimaryTimestamp: rfc3339Micro(now),
            phase: SWITCHOVER_PHASE,
            phaseReason: `Switching over to ${target}`,
            conditions: notReadyConditions(cluster.status?.conditions, now),
        },
    };
}
async function podExists(http, namespace, pod) {
    const { status } = await http.json({
        method: 'GET',
        path: `/api/v1/namespaces/${namespace}/pods/${pod}`,
        allowNotFound: true,
        context: `reading pod ${pod}`,
    });
    return status !== 404;
}
async function promote(http, where, target, now) {
    const { namespace, cluster: name } = where;
    const path = `${(0,resources/* collectionPath */.yb)(resources/* CNPG_CLUSTER */.wn.apiVersion, resources/* CNPG_CLUSTER */.wn.kind, namespace)}/${name}/status`;
    for (let attempt = 1;; attempt++) {
        const cluster = await (0,clusters/* readCluster */.D)(http, namespace, name);
        if (cluster.status?.targetPrimary === target)
            return { outcome: 'already-target', at: now() };
        if (!(await podExists(http, namespace, target)))
            throw new errors/* ConfigurationError */.j1(`input 'target': there is no pod ${target} in namespace ${namespace} to promote (example: target: ${name}-2)`);
        const at = now();
        try {
            await http.json({
                method: 'PATCH',
                path,
                body: promotePatch(cluster, target, at),
                contentType: 'application/merge-patch+json',
                context: `promoting ${target} in Cluster ${name}`,
            });
            return { outcome: 'promoted', at };
        }
        catch (error) {
            if (!(error instanceof kube_errors/* KubeApiError */.W3 && error.status === 409) || attempt >= 5)
                throw error;
        }
    }
}

;// CONCATENATED MODULE: ./src/cnpg/drill-fault.ts

function deleteOptions(grace, uid) {
    return {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        ...(grace === 'default' ? {} : { gracePeriodSeconds: grace }),
        ...(uid ? { preconditions: { uid } } : {}),
    };
}
async function deletePod(http, pod, grace, now) {
    const at = now();
    await http.json({
        method: 'DELETE',
        path: `/api/v1/namespaces/${pod.namespace}/pods/${pod.name}`,
        body: deleteOptions(grace, pod.uid),
        context: `deleting the primary's pod ${pod.name}`,
    });
    const how = grace === 'default' ? "the pod's own grace period" : `grace period ${grace} s`;
    return { at, answeredAt: now(), description: `deleted pod ${pod.name} (${how})` };
}
async function switchOver(http, where, target, now) {
    const promoted = await promote(http, where, target, now);
    if (promoted.outcome === 'already-target')
        throw new Error(`${target} is already the target primary of Cluster ${where.cluster}`);
    return {
        at: promoted.at,
        answeredAt: now(),
        description: `promoted ${target} (as kubectl cnpg promote)`,
    };
}

// EXTERNAL MODULE: ./src/cnpg/health.ts
var health = __webpack_require__(2852);
// EXTERNAL MODULE: ./src/kube/watch.ts
var watch = __webpack_require__(87002);
;// CONCATENATED MODULE: ./src/cnpg/primary-tracker.ts


function rwPodsOf(endpoints) {
    const names = (endpoints?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.targetRef?.name ?? ''));
    return names.filter(Boolean).sort();
}
class TrackerTimeout extends Error {
    name = 'TrackerTimeout';
    view;
    constructor(what, view) {
        super(`timed out waiting for ${what}`);
        this.view = view;
    }
}
const STOPPED = new Error('the primary tracker was stopped');
class PrimaryTracker {
    #cluster;
    #rwPods = [];
    #excluded = new Set();
    #listeners = new Set();
    #stop = new AbortController();
    #failure;
    /** One promise for every waiter of the next change. */
    #next;
    #seen = { cluster: false, endpoints: false };
    #now;
    constructor(now) {
        this.#now = now;
    }
    /** Starts both watches; resolves once each has delivered the current state. */
    static async start(http, o) {
        const t = new PrimaryTracker(o.now);
        const follow = (collection, name, apply) => {
            (0,watch/* waitFor */.fm)(http, { collection, name, what: name }, {
                deadline: o.deadline,
                now: o.now,
                signal: t.#stop.signal,
                check: (obj) => {
                    apply(obj);
                    t.#changed();
                    return undefined;
                },
            }).catch((error) => {
                if (t.#stop.signal.aborted)
                    return;
                t.#failure = error instanceof Error ? error : new Error(String(error));
                t.#changed();
            });
        };
        const clusters = (0,resources/* collectionPath */.yb)(resources/* CNPG_CLUSTER */.wn.apiVersion, resources/* CNPG_CLUSTER */.wn.kind, o.namespace);
        follow(clusters, o.cluster, (obj) => {
            t.#cluster = obj;
            t.#seen.cluster = true;
        });
        follow(`/api/v1/namespaces/${o.namespace}/endpoints`, `${o.cluster}-rw`, (obj) => {
            t.#rwPods = rwPodsOf(obj);
            t.#seen.endpoints = true;
        });
        try {
            await t.until('the Cluster and its -rw Endpoints', o.deadline, () => t.#seen.cluster && t.#seen.endpoints ? true : undefined);
        }
        catch (error) {
            t.stop();
            throw error;
        }
        return t;
    }
    get view() {
        return { cluster: this.#cluster, rwPods: this.#rwPods };
    }
    /** Never write to this pod again (the drill deleted it). */
    exclude(pod) {
        this.#excluded.add(pod);
    }
    /** The pod to open a new connection to, or undefined while there is none. */
    writablePod() {
        const primary = this.#cluster?.status?.currentPrimary;
        if (!primary || this.#excluded.has(primary) || !this.#rwPods.includes(primary))
            return undefined;
        return primary;
    }
    /** Resolves with the first value the probe returns, checked now and on every change. */
    until(what, deadline, probe) {
        return new Promise((resolve, reject) => {
            const finish = (settle) => {
                clearTimeout(timer);
                this.#listeners.delete(check);
                settle();
            };
            const check = () => {
                const failure = this.#failure ?? (this.#stop.signal.aborted ? STOPPED : undefined);
                if (failure) {
                    finish(() => {
                        reject(failure);
                    });
                    return;
                }
                const value = probe(this.view);
                if (value !== undefined)
                    finish(() => {
                        resolve(value);
                    });
            };
            const timer = setTimeout(() => {
                finish(() => {
                    reject(new TrackerTimeout(what, this.view));
                });
            }, Math.max(0, deadline - this.#now()));
            this.#listeners.add(check);
            check();
        });
    }
    /** Resolves at the next change of the Cluster or of the -rw Endpoints (or at stop). */
    nextChange() {
        if (this.#stop.signal.aborted)
            return Promise.resolve();
        this.#next ??= new Promise((resolve) => {
            const once = () => {
                this.#listeners.delete(once);
                this.#next = undefined;
                resolve();
            };
            this.#listeners.add(once);
        });
        return this.#next;
    }
    /** Ends both watches; pending waits reject. */
    stop() {
        this.#stop.abort(STOPPED);
        this.#changed();
    }
    #changed() {
        for (const listener of [...this.#listeners])
            listener();
    }
}

;// CONCATENATED MODULE: ./src/cnpg/drill.ts








function sleep(ms, signal) {
    return new Promise((resolve, reject) => {
        const stop = () => {
            clearTimeout(timer);
            reject(signal.reason);
        };
        const timer = setTimeout(() => {
            signal.removeEventListener('abort', stop);
            resolve();
        }, ms);
        signal.addEventListener('abort', stop, { once: true });
    });
}
class Drill {
    t = {};
    table;
    #d;
    #pre;
    #login;
    #tracker;
    #load;
    #events;
    constructor(deps, pre) {
        this.#d = deps;
        this.#pre = pre;
        this.table = { schema: 'public', name: drillTableName(deps.now()) };
    }
    get database() {
        return this.#login?.database ?? '';
    }
    get inputs() {
        return this.#d.inputs;
    }
    get deadline() {
        return this.#d.deadline;
    }
    /** keep-table: the table stays, and the post step leaves it alone. */
    keep() {
        this.#d.saveDrillState(this.state(true));
    }
    state(done) {
        const { namespace, clusterName: cluster, keepTable } = this.#d.inputs;
        const { schema, name: table } = this.table;
        return { namespace, cluster, database: this.database, schema, table, keepTable, done };
    }
    /** The application login, the drill table (state saved first), the primary tracker. */
    async prepare() {
        const { http, kc, inputs } = this.#d;
        this.#login = await (0,app_credentials/* appLogin */.PF)(http, inputs.namespace, this.#pre.cluster, this.#d.setSecret);
        this.#d.saveDrillState(this.state(false));
        const where = { namespace: inputs.namespace, pod: this.#pre.primary };
        const note = `pgha failover-drill of Cluster ${inputs.clusterName}: safe to drop`;
        await withSession(kc, where, this.#login, (c) => createDrillTable(c, this.table, note));
        this.#d.logger.info(`Created ${qualified(this.table)} in database ${this.database} as ${this.#login.user}`);
        this.#tracker = await PrimaryTracker.start(http, {
            namespace: inputs.namespace,
            cluster: inputs.clusterName,
            deadline: this.#d.deadline,
            now: this.#d.now,
        });
    }
    /** Starts the writers and lets them write for warm-up; at least one write must succeed. */
    async warmUp() {
        const tracker = this.#need(this.#tracker);
        const { kc, inputs, now } = this.#d;
        this.t.loadStart = now();
        this.#load = await DrillLoad.start({
            kc,
            namespace: inputs.namespace,
            credentials: this.#need(this.#login),
            table: qualified(this.table),
            writers: inputs.writers,
            pod: () => tracker.writablePod(),
            changed: () => tracker.nextChange(),
            now,
        });
        await this.#load.untilAck(() => true, Math.min(this.#d.deadline, now() + 30_000), 'a first acknowledged write');
        await sleep(inputs.warmUpMs, this.#d.signal);
        this.#d.logger.info(`${this.#load.acknowledged} writes acknowledged during the warm-up`);
    }
    /** The fault, stamped; from here on, the instants that measure it are watched for. */
    async fault() {
        const { http, inputs, now } = this.#d;
        const tracker = this.#need(this.#tracker);
        const load = this.#need(this.#load);
        const old = this.#pre.primary;
        const { primaryUid: uid } = this.#pre;
        if (inputs.mode === 'kill')
            tracker.exclude(old);
        const where = { namespace: inputs.namespace, cluster: inputs.clusterName };
        const pod = { namespace: inputs.namespace, name: old, ...(uid ? { uid } : {}) };
        const result = inputs.mode === 'kill'
            ? await deletePod(http, pod, inputs.gracePeriod, now)
            : await switchOver(http, where, this.#need(this.#pre.target), now);
        this.t.fault = result.at;
        this.t.faultAnswered = result.answeredAt;
        const deadline = this.#d.deadline;
        const moved = (v) => {
            const p = v.cluster?.status?.currentPrimary;
            return v.cluster && p && p !== old ? { at: now(), cluster: v.cluster } : undefined;
        };
        const newPrimary = tracker.until('a new primary', deadline, moved);
        const healthy = tracker.until('the Cluster to be healthy', deadline, (v) => (0,health/* isHealthy */.Wr)(v.cluster) ? moved(v) : undefined);
        const firstWrite = newPrimary.then((seen) => {
            const pod = seen.cluster.status?.currentPrimary;
            return load.untilAck((a) => a.pod === pod && a.at >= result.at, deadline, `a write on ${pod ?? '?'}`);
        });
        for (const p of [newPrimary, healthy, firstWrite])
            p.catch(() => undefined);
        this.#events = { newPrimary, healthy, firstWrite };
        this.#d.logger.info(`Fault: ${result.description}`);
        return result;
    }
    async newPrimary() {
        const seen = await this.#diagnosed(this.#need(this.#events).newPrimary);
        this.t.newPrimary = seen.at;
        return seen;
    }
    async firstWrite() {
        const ack = await this.#diagnosed(this.#need(this.#events).firstWrite);
        this.t.firstWrite = ack.at;
        return ack;
    }
    async healthy() {
        const seen = await this.#diagnosed(this.#need(this.#events).healthy);
        this.t.healthy = seen.at;
        return seen;
    }
    /** Writes on for observe, then stops the writers. */
    async observe() {
        await sleep(this.#d.inputs.observeMs, this.#d.signal);
        const record = await this.#need(this.#load).stop();
        this.t.loadEnd = record.stopped;
        return record;
    }
    /** Every row, read from the current primary. */
    async readBack() {
        const pod = this.currentPrimary();
        const where = { namespace: this.#d.inputs.namespace, pod };
        return withSession(this.#d.kc, where, this.#need(this.#login), (c) => readBack(c, this.table));
    }
    async dropTable() {
        const { kc, inputs } = this.#d;
        const where = {
            namespace: inputs.namespace,
            pod: this.currentPrimary(),
            database: this.database,
        };
        await dropDrillTable(kc, where, this.table);
        this.#d.saveDrillState(this.state(true));
    }
    currentPrimary() {
        return this.#tracker?.view.cluster?.status?.currentPrimary ?? this.#pre.primary;
    }
    get tracker() {
        return this.#need(this.#tracker);
    }
    /** Stops whatever still runs (writers, watches), so that the process can end. */
    async close() {
        await this.#load?.stop(0).catch(() => undefined);
        this.#tracker?.stop();
    }
    async #diagnosed(p) {
        try {
            return await p;
        }
        catch (error) {
            if (!(error instanceof TrackerTimeout || error instanceof AckTimeout))
                throw error;
            const { http, inputs } = this.#d;
            const last = error instanceof TrackerTimeout ? error.view.cluster : this.#tracker?.view.cluster;
            const diagnostics = await (0,cnpg_diagnostics/* gatherDiagnostics */.C)(http, inputs.namespace, inputs.clusterName, last);
            throw new errors/* DiagnosedError */.xB(`${error.message} (input 'timeout')`, diagnostics, { cause: error });
        }
    }
    #need(value) {
        if (value === undefined)
            throw new Error('drill phases ran out of order');
        return value;
    }
}

;// CONCATENATED MODULE: ./src/cnpg/durability.ts
// What a failover's result depends on, read from the Cluster: the replication mode (async, or
// synchronous with method/number/dataDurability and failoverQuorum, facts §7) and the primary
// Lease settings (spec.primaryLease, CNPG 1.30: after an abrupt loss a standby promotes only
// once the lease has run out), with the live Lease object when the identity may read it.

const QUORUM_ANNOTATION = 'alpha.cnpg.io/failoverQuorum';
/** Go's strconv.ParseBool, which CNPG applies to the legacy annotation. */
function parseBool(text) {
    if (text === undefined)
        return undefined;
    if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text))
        return true;
    if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text))
        return false;
    return undefined;
}
function durabilityOf(cluster) {
    const sync = cluster.spec?.postgresql?.synchronous;
    if (sync) {
        // The deprecated annotation, when it parses, overrides the spec (cluster_defaults.go).
        const annotated = parseBool(cluster.metadata.annotations?.[QUORUM_ANNOTATION]);
        return {
            mode: 'sync',
            method: sync.method ?? 'any',
            number: sync.number ?? 1,
            dataDurability: sync.dataDurability ?? 'required',
            failoverQuorum: annotated ?? sync.failoverQuorum ?? false,
        };
    }
    const max = cluster.spec?.maxSyncReplicas ?? 0;
    if (max > 0) {
        const min = cluster.spec?.minSyncReplicas ?? 0;
        return {
            mode: 'sync',
            method: 'any',
            failoverQuorum: false,
            legacy: { minSyncReplicas: min, maxSyncReplicas: max },
        };
    }
    return { mode: 'async', failoverQuorum: false };
}
/** One line for the output and the summary, e.g. `sync any 1 required, failoverQuorum`. */
function durabilityText(d) {
    if (d.mode === 'async')
        return 'async';
    if (d.legacy)
        return `sync (legacy minSyncReplicas ${d.legacy.minSyncReplicas}, maxSyncReplicas ${d.legacy.maxSyncReplicas})`;
    const quorum = d.failoverQuorum ? ', failoverQuorum' : '';
    return `sync ${d.method ?? 'any'} ${d.number ?? 1} ${d.dataDurability ?? 'required'}${quorum}`;
}
/** spec.primaryLease with CNPG's defaults (15 / 10 / 2 / 1 s). */
function leaseSettingsOf(cluster) {
    const l = cluster.spec?.primaryLease ?? {};
    return {
        leaseDurationSeconds: l.leaseDurationSeconds ?? 15,
        renewDeadlineSeconds: l.renewDeadlineSeconds ?? 10,
        retryPeriodSeconds: l.retryPeriodSeconds ?? 2,
        releasedLeaseDurationSeconds: l.releasedLeaseDurationSeconds ?? 1,
    };
}
/** The holder of the primary Lease `<cluster>`; undefined when it is absent or not readable. */
async function leaseHolder(http, namespace, cluster) {
    try {
        const { status, body } = await http.json({
            method: 'GET',
            path: `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases/${cluster}`,
            allowNotFound: true,
            context: `reading the primary Lease ${cluster}`,
        });
        return status === 404 ? undefined : body?.spec?.holderIdentity;
    }
    catch (error) {
        if (error instanceof kube_errors/* KubeApiError */.W3 && error.status === 403)
            return undefined;
        throw error;
    }
}

// EXTERNAL MODULE: ./src/log-safety.ts
var log_safety = __webpack_require__(8224);
;// CONCATENATED MODULE: ./src/postgres/replication.ts

const SQL = `SELECT 'standby', application_name, state, sync_state,
       coalesce(flush_lsn::text, ''), coalesce(replay_lsn::text, '')
  FROM pg_stat_replication
UNION ALL
SELECT 'names', '', '', '', '', current_setting('synchronous_standby_names')`;
/** Parses psql's unaligned rows of SQL above. */
function parseReplication(lines) {
    const standbys = [];
    let standbyNames = '';
    for (const line of lines) {
        const [kind = '', name = '', state = '', syncState = '', flush = '', ...rest] = line.split('|');
        if (kind === 'names') {
            standbyNames = rest.join('|');
            continue;
        }
        const replay = rest[0] ?? '';
        standbys.push({
            name,
            state,
            syncState,
            ...(flush ? { flushLsn: flush } : {}),
            ...(replay ? { replayLsn: replay } : {}),
        });
    }
    standbys.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    return { standbys, standbyNames };
}
async function readReplication(kc, where) {
    return parseReplication(await (0,psql/* psqlInPod */.hu)(kc, where, SQL, { timeoutMs: 30_000 }));
}
/** An LSN such as 0/3000060 as a number that orders correctly. */
function lsnValue(lsn) {
    const m = /^([0-9A-Fa-f]+)\/([0-9A-Fa-f]+)$/.exec(lsn ?? '');
    if (!m?.[1] || !m[2])
        return -1n;
    return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}
/**
 * Streaming standbys, most advanced first: received (flushed) LSN, then replayed LSN, then
 * name (byte order), the order CNPG ranks failover candidates in (pkg/postgres/status.go
 * PostgresqlStatusList.Less).
 */
function mostAdvanced(standbys) {
    const cmp = (a, b) => (a === b ? 0 : a > b ? -1 : 1);
    return standbys
        .filter((s) => s.state === 'streaming')
        .sort((a, b) => cmp(lsnValue(a.flushLsn), lsnValue(b.flushLsn)) ||
        cmp(lsnValue(a.replayLsn), lsnValue(b.replayLsn)) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// EXTERNAL MODULE: ./src/cnpg/instances.ts
var instances = __webpack_require__(27240);
;// CONCATENATED MODULE: ./src/cnpg/drill-preflight.ts







class DrillRefused extends errors/* ConfigurationError */.j1 {
    reasons;
    constructor(cluster, reasons) {
        super(`Refusing the failover drill on Cluster ${cluster}; nothing was written:\n${reasons.map((r) => `  - ${r}`).join('\n')}`);
        this.reasons = reasons;
    }
}
const SWITCHING = ['Switchover in progress', 'Failing over'];
function stateReasons(c) {
    const s = c.status;
    const reasons = [];
    if (c.metadata.annotations?.['cnpg.io/reconciliationLoop'] === 'disabled')
        reasons.push('reconciliation is paused (annotation cnpg.io/reconciliationLoop: disabled), so CNPG would not fail over');
    const wanted = c.spec?.instances ?? 0;
    if (wanted < 2)
        reasons.push(`it has ${wanted} instance${wanted === 1 ? '' : 's'}: a failover needs a standby`);
    if ((0,clusters/* primaryOf */.O)(c).switching || SWITCHING.includes(s?.phase ?? ''))
        reasons.push(`a switchover or failover is in progress (currentPrimary ${s?.currentPrimary ?? 'none'}, targetPrimary ${s?.targetPrimary ?? 'none'})`);
    else if (!(0,health/* isHealthy */.Wr)(c))
        reasons.push(`it is not healthy: phase '${(0,log_safety/* oneLine */.T)(s?.phase ?? 'none')}'${s?.phaseReason ? ` (${(0,log_safety/* oneLine */.T)(s.phaseReason)})` : ''}, ${s?.readyInstances ?? 0} of ${wanted} instances ready`);
    return reasons;
}
/** Why the drill must not run; empty when it may. Pure. */
function preflightReasons(p) {
    const reasons = stateReasons(p.cluster);
    const primary = p.cluster.status?.currentPrimary;
    if (!primary || !p.replication)
        return reasons;
    const streaming = new Map(p.replication.standbys.map((s) => [s.name, s.state]));
    for (const pod of p.pods) {
        const name = pod.metadata.name;
        if (name === primary)
            continue;
        const state = streaming.get(name);
        if (state !== 'streaming')
            reasons.push(`standby ${name} is not streaming from ${primary} (${state ? `state ${state}` : 'not connected'})`);
    }
    if (p.mode === 'switchover' && p.target !== undefined) {
        if (p.target === primary)
            reasons.push(`the switchover target ${p.target} is the primary already`);
        else if (!p.pods.some((x) => x.metadata.name === p.target))
            reasons.push(`the switchover target ${p.target} is not an instance of the Cluster`);
    }
    if (p.mode === 'switchover' && mostAdvanced(p.replication.standbys).length === 0)
        reasons.push('no standby streams, so none can be promoted');
    return reasons;
}
async function preflight(http, kc, o, found) {
    const cluster = await (0,clusters/* readCluster */.D)(http, o.namespace, o.clusterName);
    const pods = await (0,instances/* listInstancePods */.iF)(http, o.namespace, o.clusterName);
    const primary = cluster.status?.currentPrimary ?? '';
    const primaryPod = pods.find((p) => p.metadata.name === primary);
    const replication = primaryPod && !primaryPod.metadata.deletionTimestamp
        ? await readReplication(kc, { namespace: o.namespace, pod: primary })
        : undefined;
    const holder = await leaseHolder(http, o.namespace, o.clusterName);
    const settings = {
        durability: {
            ...durabilityOf(cluster),
            ...(replication ? { standbyNames: replication.standbyNames } : {}),
        },
        lease: { ...leaseSettingsOf(cluster), ...(holder ? { holder } : {}) },
    };
    found(settings);
    const reasons = preflightReasons({
        cluster,
        pods,
        mode: o.mode,
        ...(replication ? { replication } : {}),
        ...(o.target ? { target: o.target } : {}),
    });
    if (!replication && reasons.length === 0)
        reasons.push(`the primary ${primary || '(none)'} has no running pod to read replication from`);
    if (reasons.length > 0 || !replication)
        throw new DrillRefused(o.clusterName, reasons);
    const target = o.mode === 'switchover' ? (o.target ?? mostAdvanced(replication.standbys)[0]?.name) : undefined;
    const spec = primaryPod?.spec;
    return {
        cluster,
        primary,
        ...(primaryPod?.metadata.uid ? { primaryUid: primaryPod.metadata.uid } : {}),
        ...(cluster.status?.timelineID === undefined ? {} : { timeline: cluster.status.timelineID }),
        instances: pods.map((p) => p.metadata.name),
        replication,
        ...settings,
        ...(target ? { target } : {}),
        ...(spec?.terminationGracePeriodSeconds === undefined
            ? {}
            : { podGraceSeconds: spec.terminationGracePeriodSeconds }),
    };
}

// EXTERNAL MODULE: ./src/inputs/parse.ts
var parse = __webpack_require__(13718);
// EXTERNAL MODULE: ./src/inputs/read.ts
var read = __webpack_require__(44245);
// EXTERNAL MODULE: ./src/inputs/spec.ts
var spec = __webpack_require__(27026);
;// CONCATENATED MODULE: ./src/inputs/read-failover-drill.ts
// failover-drill's inputs, read and cross-checked into one frozen FailoverDrillInputs.



const DRILL_MODES = ['kill', 'switchover'];
const MAX_WRITERS = 32;
function gracePeriod(raw) {
    if (raw === '0')
        return 0;
    if (raw === '1')
        return 1;
    if (raw === 'default')
        return 'default';
    throw new parse/* ParseError */.mB(`'${(0,parse/* singleLine */.pF)(raw, '1')}' is not one of 1, 0, default`, '1');
}
function maxLostWrites(raw) {
    if (raw === 'any')
        return 'any';
    if (!/^\d+$/.test(raw))
        throw new parse/* ParseError */.mB(`'${(0,parse/* singleLine */.pF)(raw, '0')}' is not a whole number or any`, '0');
    return (0,parse/* integer */.nd)(raw, 0, Number.MAX_SAFE_INTEGER, '0');
}
/** A pod name, or a number n for <cluster>-n as `kubectl cnpg promote` takes it. */
function switchoverTarget(raw, cluster) {
    const example = cluster ? `${cluster}-2` : 'pg-orders-2';
    if (/^\d+$/.test(raw))
        return `${cluster ?? '<cluster-name>'}-${raw}`;
    return (0,parse/* objectName */.Hd)(raw, example);
}
function localPath(raw) {
    return (0,parse/* singleLine */.pF)(raw, '${{ runner.temp }}/drill.json');
}
function readFailoverDrillInputs(get) {
    const r = (0,read/* inputReader */.cN)(get, spec/* ACTIONS */.kl['failover-drill'].inputs);
    const shared = (0,read/* readShared */.qA)(r);
    const mode = r.value('mode', (v) => (0,parse/* oneOf */.yL)(v, DRILL_MODES));
    const target = r.optional('target', (v) => switchoverTarget(v, shared.clusterName));
    if (target !== undefined && mode === 'kill')
        r.problem('target', 'applies to mode: switchover only', 'mode: switchover with target: pg-orders-2');
    const maxDowntimeMs = r.optional('max-downtime', (v) => (0,parse/* duration */.p0)(v, '30s', 3_600_000));
    const reportPath = r.optional('report-path', localPath);
    return r.finish({
        ...shared,
        mode,
        gracePeriod: r.value('grace-period', gracePeriod),
        ...(target === undefined ? {} : { target }),
        writers: r.value('writers', (v) => (0,parse/* integer */.nd)(v, 1, MAX_WRITERS, '4')),
        warmUpMs: r.value('warm-up', (v) => (0,parse/* duration */.p0)(v, '5s', 600_000)),
        observeMs: r.value('observe', (v) => (0,parse/* duration */.p0)(v, '10s', 3_600_000)),
        ...(maxDowntimeMs === undefined ? {} : { maxDowntimeMs }),
        maxLostWrites: r.value('max-lost-writes', maxLostWrites),
        switchBack: r.value('switch-back', parse/* boolean */.zM),
        keepTable: r.value('keep-table', parse/* boolean */.zM),
        ...(reportPath === undefined ? {} : { reportPath }),
    });
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/report/drill-report.ts
// The drill's JSON evidence (input report-path): the settings, the durability mode and Lease
// settings the result depends on, an ISO 8601 instant for every phase, the counts, and the ids
// of every acknowledged, lost and in-doubt write, so that anyone can check the numbers
// against the table (column id holds the written ids) or the cluster's own records.



const iso = (ms) => (ms === undefined ? null : new Date(ms).toISOString());
const secs = (ms) => (ms === undefined ? null : Math.round(ms) / 1000);
function reportPath(inputs, runnerTemp) {
    return (inputs.reportPath ??
        (0,external_node_path_.join)(runnerTemp ?? '/tmp', `pgha-failover-drill-${inputs.namespace}-${inputs.clusterName}.json`));
}
function timestamps(t) {
    return {
        load_start: iso(t.loadStart),
        fault: iso(t.fault),
        fault_answered: iso(t.faultAnswered),
        new_primary: iso(t.newPrimary),
        first_write: iso(t.firstWrite),
        healthy: iso(t.healthy),
        load_end: iso(t.loadEnd),
        switch_back_start: iso(t.switchBackStart),
        switch_back_end: iso(t.switchBackEnd),
    };
}
function settings(f) {
    const i = f.inputs;
    if (!i)
        return {};
    return {
        mode: i.mode,
        grace_period: i.mode === 'kill' ? i.gracePeriod : null,
        pod_grace_seconds: f.podGraceSeconds ?? null,
        target: f.target ?? null,
        writers: i.writers,
        warm_up_seconds: i.warmUpMs / 1000,
        observe_seconds: i.observeMs / 1000,
        max_downtime_seconds: i.maxDowntimeMs === undefined ? null : i.maxDowntimeMs / 1000,
        max_lost_writes: i.maxLostWrites,
        switch_back: i.switchBack,
        keep_table: i.keepTable,
        timeout_seconds: i.timeoutMs / 1000,
    };
}
function durability(f) {
    const d = f.durability;
    if (!d)
        return null;
    return {
        text: durabilityText(d),
        mode: d.mode,
        method: d.method ?? null,
        number: d.number ?? null,
        data_durability: d.dataDurability ?? null,
        failover_quorum: d.failoverQuorum,
        legacy: d.legacy ?? null,
        synchronous_standby_names: d.standbyNames ?? null,
    };
}
function drillReport(f, outcome, phases = []) {
    const r = f.results;
    const l = f.lease;
    return {
        pgha: 'failover-drill',
        version: 1,
        cluster: f.inputs?.clusterName ?? null,
        namespace: f.inputs?.namespace ?? null,
        outcome,
        settings: settings(f),
        durability: durability(f),
        lease: l
            ? {
                lease_duration_seconds: l.leaseDurationSeconds,
                renew_deadline_seconds: l.renewDeadlineSeconds,
                retry_period_seconds: l.retryPeriodSeconds,
                released_lease_duration_seconds: l.releasedLeaseDurationSeconds,
                holder_before: l.holder ?? null,
            }
            : null,
        fault: f.fault ?? null,
        primaries: {
            old: f.oldPrimary ?? null,
            old_timeline: f.oldTimeline ?? null,
            new: f.newPrimary ?? null,
            timeline: f.timeline ?? null,
            promoted_at_cluster_clock: f.promotedAt ?? null,
            switched_back_to: f.switchedBackTo ?? null,
        },
        timestamps: timestamps(f.timestamps ?? {}),
        seconds: {
            downtime: secs(r?.downtimeMs),
            failover: secs(r?.failoverMs),
            healthy: secs(r?.healthyMs),
            longest_gap: secs(r?.longestGapMs),
        },
        writes_per_second: r ? Math.round(r.writesPerSecond * 10) / 10 : null,
        counts: r
            ? {
                acknowledged: r.counts.acknowledged,
                lost: r.counts.lost,
                in_doubt: r.counts.inDoubt,
                in_doubt_committed: r.counts.inDoubtCommitted,
                rejected: r.counts.rejected,
                failed_before_sending: r.counts.failedBeforeSending,
                unexpected: r.counts.unexpected,
            }
            : null,
        acknowledged_ids: r?.acknowledgedIds ?? [],
        lost_ids: r?.lostIds ?? [],
        in_doubt_ids: r?.inDoubtIds ?? [],
        in_doubt_committed_ids: r?.inDoubtCommittedIds ?? [],
        unexpected_ids: r?.unexpectedIds ?? [],
        rows_by_timeline: (f.byTimeline ?? []).map((t) => ({
            timeline: t.timeline,
            rows: t.rows,
            first: iso(t.first),
            last: iso(t.last),
        })),
        table: f.table
            ? { ...f.table, id_column: 'id', qualified: `${f.table.schema}.${f.table.name}` }
            : null,
        verdict: f.verdict ?? null,
        phases: phases.map((p) => ({ title: p.title, seconds: p.ms / 1000, outcome: p.outcome })),
    };
}
/** Indented JSON with arrays of numbers (the ids) on one line each. */
function reportText(report) {
    const text = JSON.stringify(report, null, 2);
    return `${text.replace(/\[\s+(-?\d+(?:,\s+-?\d+)*)\s+\]/g, (_, ids) => `[${ids.replace(/\s+/g, '')}]`)}\n`;
}
async function writeDrillReport(path, report) {
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
    await (0,promises_.writeFile)(path, reportText(report), { mode: 0o644 });
}

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
// EXTERNAL MODULE: ./src/report/step-summary.ts
var step_summary = __webpack_require__(49211);
;// CONCATENATED MODULE: ./src/report/drill-summary.ts



const sec = (ms) => (ms === undefined ? 'not reached' : (0,markdown/* formatSeconds */.Xo)(ms));
/** A gantt of the drill on the runner's clock (dateFormat x: ms since the epoch). */
function drillGantt(f) {
    const t = f.timestamps ?? {};
    if (t.fault === undefined)
        return '';
    const lines = [
        'gantt',
        `  title Failover drill of ${(0,markdown/* mermaidText */.Hg)(f.inputs?.clusterName ?? '')}`,
        '  dateFormat x',
        '  axisFormat %H:%M:%S',
        '  section Writers',
    ];
    if (t.loadStart !== undefined)
        lines.push(`  write load :active, load, ${t.loadStart}, ${t.loadEnd ?? t.healthy ?? t.fault}`);
    lines.push('  section Cluster', `  fault :milestone, fault, ${t.fault}, ${t.fault}`);
    if (t.newPrimary !== undefined)
        lines.push(`  no primary :crit, np, ${t.fault}, ${t.newPrimary}`);
    if (t.firstWrite !== undefined)
        lines.push(`  first write on the new primary :milestone, fw, ${t.firstWrite}, ${t.firstWrite}`);
    if (t.healthy !== undefined)
        lines.push(`  until healthy :h, ${t.fault}, ${t.healthy}`);
    if (t.switchBackStart !== undefined && t.switchBackEnd !== undefined)
        lines.push(`  switch back :sb, ${t.switchBackStart}, ${t.switchBackEnd}`);
    return ['```mermaid', ...lines, '```', ''].join('\n');
}
function verdictLine(f) {
    const v = f.verdict;
    if (!v)
        return '';
    const head = v.passed ? '✅ **Passed**' : '❌ **Failed**';
    return `${head}: ${v.checks.map((c) => (0,markdown/* escapeHtml */.ZD)(c.text)).join('; ')}\n`;
}
function writesRows(r) {
    const c = r.counts;
    return [
        ['acknowledged writes', `${c.acknowledged} (${r.writesPerSecond.toFixed(0)}/s)`],
        ['lost acknowledged writes', c.lost],
        ['in doubt (committed)', `${c.inDoubt} (${c.inDoubtCommitted})`],
        ['rejected by the server', c.rejected],
        ['failed before sending (no primary to send to)', c.failedBeforeSending],
        ...(c.unexpected > 0 ? [['rejected yet present', c.unexpected]] : []),
    ];
}
function resultsTable(f) {
    const r = f.results;
    const rows = [
        ['fault', f.fault ?? ''],
        [
            'primary',
            `${f.oldPrimary ?? '?'} → ${f.newPrimary ?? '?'} (timeline ${f.oldTimeline ?? '?'} → ${f.timeline ?? '?'})`,
        ],
    ];
    if (r) {
        rows.push(['downtime: fault → first acknowledged write on the new primary', sec(r.downtimeMs)], ['failover: fault → new currentPrimary', sec(r.failoverMs)], ['fault → Cluster healthy', sec(r.healthyMs)], ['longest gap between acknowledged writes', (0,markdown/* formatSeconds */.Xo)(r.longestGapMs)], ...writesRows(r));
    }
    if (f.durability)
        rows.push(['durability', durabilityText(f.durability)]);
    if (f.lease)
        rows.push([
            'primary lease',
            `${f.lease.leaseDurationSeconds} s (renew deadline ${f.lease.renewDeadlineSeconds} s, retry ${f.lease.retryPeriodSeconds} s)`,
        ]);
    const t = f.timestamps;
    if (f.switchedBackTo && t?.switchBackStart !== undefined && t.switchBackEnd !== undefined)
        rows.push([
            'switched back to',
            `${f.switchedBackTo} in ${(0,markdown/* formatSeconds */.Xo)(t.switchBackEnd - t.switchBackStart)}`,
        ]);
    if (f.table)
        rows.push([
            'drill table',
            { raw: `${(0,markdown/* code */.aY)(`${f.table.schema}.${f.table.name}`)} ${f.table.state}` },
        ]);
    if (f.reportPath)
        rows.push(['report', { raw: (0,markdown/* code */.aY)(f.reportPath) }]);
    return (0,markdown/* table */.tp)(['measure', 'value'], rows);
}
const HOW = 'Measured by the writers on the runner, through the Kubernetes API server (pods/portforward), ' +
    'not by a client inside the cluster: the downtime includes detection, the primary lease, the ' +
    "promotion, the `-rw` endpoints' update, and a new port-forward and login (writers retry every 50-100 ms).\n";
function drillSummary(result) {
    const f = result.facts;
    const name = (0,markdown/* escapeHtml */.ZD)(f.inputs?.clusterName ?? '');
    if (f.refused && f.refused.length > 0)
        return refusedSummary(result);
    const failure = result.failure;
    const state = failure
        ? failure.cancelled
            ? 'was cancelled'
            : 'failed'
        : f.verdict?.passed === false
            ? 'failed its thresholds'
            : 'passed';
    return [
        `## pgha failover-drill: ${name} ${state}\n`,
        verdictLine(f),
        ...(failure ? [(0,step_summary/* failureSection */.m)(failure)] : []),
        resultsTable(f),
        drillGantt(f),
        HOW,
        '### Phases\n',
        (0,step_summary/* phasesTable */.l)(result.phases),
    ].join('\n');
}
function refusedSummary(result) {
    const f = result.facts;
    const rows = [];
    if (f.durability)
        rows.push(['durability', durabilityText(f.durability)]);
    if (f.lease)
        rows.push(['primary lease', `${f.lease.leaseDurationSeconds} s`]);
    return [
        `## pgha failover-drill: ${(0,markdown/* escapeHtml */.ZD)(f.inputs?.clusterName ?? '')} refused\n`,
        'Nothing was written. The drill needs a healthy Cluster with a streaming standby and no switchover under way:\n',
        ...(f.refused ?? []).map((r) => `- ${(0,markdown/* escapeHtml */.ZD)(r)}`),
        '',
        ...(rows.length > 0 ? [(0,markdown/* table */.tp)(['setting', 'value'], rows)] : []),
        '### Phases\n',
        (0,step_summary/* phasesTable */.l)(result.phases),
    ].join('\n');
}

// EXTERNAL MODULE: ./src/actions/action.ts + 1 modules
var action = __webpack_require__(63312);
// EXTERNAL MODULE: ./src/actions/connect.ts + 3 modules
var connect = __webpack_require__(27932);
// EXTERNAL MODULE: ./src/cnpg/wait.ts
var wait = __webpack_require__(89867);
;// CONCATENATED MODULE: ./src/actions/failover-drill-post.ts
// The post step of failover-drill (post-if: always()). When main died mid-drill (a failure or
// a cancellation) it restores service: it waits until the Cluster is healthy again and drops
// the drill table main created. It connects again from the inputs (no credential is kept in
// the state), undoes only what main recorded, and warns instead of failing.






const DRILL_STATE = 'pgha-drill';
function drillState(ctx) {
    const text = ctx.getState(DRILL_STATE);
    return text === '' ? undefined : JSON.parse(text);
}
async function drillPost(ctx, main) {
    const state = drillState(ctx);
    if (!state) {
        ctx.logger.info(`failover-drill (main started ${main.started}) created no drill table: nothing to put back`);
        return;
    }
    const table = { schema: state.schema, name: state.table };
    if (state.done) {
        const what = state.keepTable ? 'kept, as keep-table asked' : 'dropped by main';
        ctx.logger.info(`The drill table ${qualified(table)} was ${what}: nothing to put back`);
        return;
    }
    const inputs = (0,read/* readSharedInputs */.lS)(ctx.getInput);
    const conn = await (0,connect/* connect */.N)(inputs, ctx);
    const { namespace, cluster: name } = state;
    ctx.logger.info(`Main stopped mid-drill: waiting until Cluster ${name} is healthy again`);
    try {
        const deadline = ctx.now() + inputs.timeoutMs;
        const healthy = await (0,wait/* waitHealthy */.h)(conn.http, {
            namespace,
            name,
            deadline,
            logger: ctx.logger,
            now: ctx.now,
        });
        ctx.logger.info(`Cluster ${name} is healthy; primary ${(0,log_safety/* oneLine */.T)(healthy.status?.currentPrimary ?? '?')}`);
    }
    catch (error) {
        ctx.logger.warning(`Cluster ${name} did not become healthy: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (state.keepTable) {
        ctx.logger.info(`keep-table: the drill table ${qualified(table)} stays`);
        return;
    }
    const primary = (await (0,clusters/* readCluster */.D)(conn.http, namespace, name)).status?.currentPrimary ?? '';
    await dropDrillTable(conn.config.kc, { namespace, pod: primary, database: state.database }, table);
    ctx.logger.info(`Dropped the drill table ${qualified(table)} on ${(0,log_safety/* oneLine */.T)(primary)}`);
}

;// CONCATENATED MODULE: ./src/cnpg/drill-switch-back.ts







/** Waits until `standby` streams from `primary` (pg_stat_replication on the primary). */
async function untilStreaming(d, primary, standby) {
    for (;;) {
        const { standbys } = await readReplication(d.kc, { namespace: d.namespace, pod: primary });
        const state = standbys.find((s) => s.name === standby)?.state;
        if (state === 'streaming')
            return;
        if (d.now() >= d.deadline)
            throw new Error(`${standby} did not stream from ${primary} in time (input 'timeout')`);
        await d.pause(1000);
    }
}
/** Switches over to original; the instants it started and ended. */
async function switchBack(d, original) {
    const current = d.tracker.view.cluster?.status?.currentPrimary ?? '';
    await untilStreaming(d, current, original);
    const promoted = await promote(d.http, { namespace: d.namespace, cluster: d.cluster }, original, d.now);
    d.logger.info(`Switching over from ${(0,log_safety/* oneLine */.T)(current)} back to ${original}`);
    try {
        const end = await d.tracker.until(`${original} to be the primary of a healthy Cluster`, d.deadline, (v) => (0,health/* isHealthy */.Wr)(v.cluster) && v.cluster?.status?.currentPrimary === original
            ? d.now()
            : undefined);
        return { start: promoted.at, end };
    }
    catch (error) {
        if (!(error instanceof TrackerTimeout))
            throw error;
        const diagnostics = await (0,cnpg_diagnostics/* gatherDiagnostics */.C)(d.http, d.namespace, d.cluster, error.view.cluster);
        throw new errors/* DiagnosedError */.xB(`${error.message} (input 'timeout')`, diagnostics, { cause: error });
    }
}

;// CONCATENATED MODULE: ./src/report/drill-results.ts
/** The longest time without an acknowledgement, all writers together. */
function longestGap(times) {
    const sorted = [...times].sort((a, b) => a - b);
    let gap = 0;
    for (let i = 1; i < sorted.length; i++)
        gap = Math.max(gap, (sorted[i] ?? 0) - (sorted[i - 1] ?? 0));
    return gap;
}
function since(t, at) {
    return t.fault === undefined || at === undefined ? undefined : at - t.fault;
}
function drillResults(record, present, t) {
    const acked = record.acks.map((a) => a.id);
    const lostIds = acked.filter((id) => !present.has(id));
    const inDoubtIds = record.inDoubt.map((w) => w.id);
    const inDoubtCommittedIds = inDoubtIds.filter((id) => present.has(id));
    const unexpectedIds = record.rejected.map((w) => w.id).filter((id) => present.has(id));
    const seconds = Math.max(0.001, (record.stopped - record.started) / 1000);
    const downtimeMs = since(t, t.firstWrite);
    const failoverMs = since(t, t.newPrimary);
    const healthyMs = since(t, t.healthy);
    return {
        counts: {
            acknowledged: acked.length,
            lost: lostIds.length,
            inDoubt: inDoubtIds.length,
            inDoubtCommitted: inDoubtCommittedIds.length,
            rejected: record.rejected.length,
            failedBeforeSending: record.failedBeforeSending,
            unexpected: unexpectedIds.length,
        },
        acknowledgedIds: acked,
        lostIds,
        inDoubtIds,
        inDoubtCommittedIds,
        unexpectedIds,
        ...(downtimeMs === undefined ? {} : { downtimeMs }),
        ...(failoverMs === undefined ? {} : { failoverMs }),
        ...(healthyMs === undefined ? {} : { healthyMs }),
        longestGapMs: longestGap(record.acks.map((a) => a.at)),
        writesPerSecond: acked.length / seconds,
    };
}
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
function verdict(r, th) {
    const checks = [];
    if (th.maxDowntimeMs !== undefined) {
        const d = r.downtimeMs;
        const ok = d !== undefined && d <= th.maxDowntimeMs;
        const what = d === undefined ? 'no write on the new primary' : `downtime ${s(d)}`;
        checks.push({
            ok,
            text: `${what}, ${ok ? 'within' : 'above'} max-downtime ${s(th.maxDowntimeMs)}`,
        });
    }
    const lost = r.counts.lost;
    if (th.maxLostWrites === 'any')
        checks.push({ ok: true, text: `${lost} lost writes (max-lost-writes: any, reported only)` });
    else {
        const ok = lost <= th.maxLostWrites;
        checks.push({
            ok,
            text: `${lost} lost writes, ${ok ? 'within' : 'above'} max-lost-writes ${th.maxLostWrites}`,
        });
    }
    return { passed: checks.every((c) => c.ok), checks };
}

;// CONCATENATED MODULE: ./src/actions/failover-drill-phases.ts






const failover_drill_phases_secs = (ms) => (ms / 1000).toFixed(2);
/** A drill that ran but missed a threshold: reported in full, then the step fails. */
class DrillThresholdError extends Error {
    name = 'DrillThresholdError';
}
async function measure(drill, pre, ctx, step) {
    const fault = drill.t.fault ?? ctx.now();
    const np = await step.phase('Wait for a new primary', () => drill.newPrimary());
    const newPrimary = np.cluster.status?.currentPrimary ?? '';
    const promotedAt = np.cluster.status
        ?.currentPrimaryTimestamp;
    step.record({ newPrimary, ...(promotedAt ? { promotedAt } : {}) });
    step.output('new-primary', newPrimary);
    step.output('failover-seconds', failover_drill_phases_secs(np.at - fault));
    ctx.logger.info(`New primary ${(0,log_safety/* oneLine */.T)(newPrimary)} ${(0,markdown/* formatSeconds */.Xo)(np.at - fault)} after the fault (was ${(0,log_safety/* oneLine */.T)(pre.primary)})`);
    const fw = await step.phase(`Wait for the first write on ${newPrimary}`, () => drill.firstWrite());
    step.output('downtime-seconds', failover_drill_phases_secs(fw.at - fault));
    ctx.logger.info(`First acknowledged write on ${(0,log_safety/* oneLine */.T)(newPrimary)} ${(0,markdown/* formatSeconds */.Xo)(fw.at - fault)} after the fault`);
    const healthy = await step.phase('Wait for the Cluster to be healthy', () => drill.healthy());
    step.output('healthy-seconds', failover_drill_phases_secs(healthy.at - fault));
    const timeline = healthy.cluster.status?.timelineID ?? (parseInt(fw.timeline, 16) || 0);
    step.record({ timeline });
    step.output('timeline', timeline);
    const record = await step.phase(`Observe for ${(0,markdown/* formatSeconds */.Xo)(drill.inputs.observeMs)}`, () => drill.observe());
    const back = await step.phase(`Read back every row from ${drill.currentPrimary()}`, () => drill.readBack());
    const results = drillResults(record, back.ids, drill.t);
    const { maxDowntimeMs, maxLostWrites } = step.facts.inputs ?? { maxLostWrites: 0 };
    step.record({
        results,
        byTimeline: back.byTimeline,
        timestamps: { ...drill.t },
        verdict: verdict(results, {
            ...(maxDowntimeMs === undefined ? {} : { maxDowntimeMs }),
            maxLostWrites,
        }),
    });
    step.output('acknowledged-writes', results.counts.acknowledged);
    step.output('lost-writes', results.counts.lost);
    step.output('in-doubt-writes', results.counts.inDoubt);
    const c = results.counts;
    ctx.logger.info(`${c.acknowledged} writes acknowledged (${results.writesPerSecond.toFixed(0)}/s), ${c.lost} of them lost; ${c.inDoubt} in doubt (${c.inDoubtCommitted} committed); longest gap ${(0,markdown/* formatSeconds */.Xo)(results.longestGapMs)}`);
}
async function putBack(drill, conn, pre, ctx, step) {
    const inputs = drill.inputs;
    if (inputs.switchBack && drill.currentPrimary() !== pre.primary) {
        const deps = {
            http: conn.http,
            kc: conn.config.kc,
            namespace: inputs.namespace,
            cluster: inputs.clusterName,
            tracker: drill.tracker,
            deadline: drill.deadline,
            now: ctx.now,
            logger: ctx.logger,
            pause: (ms) => sleep(ms, ctx.signal),
        };
        const back = await step.phase(`Switch back to ${pre.primary}`, () => switchBack(deps, pre.primary));
        drill.t.switchBackStart = back.start;
        drill.t.switchBackEnd = back.end;
        step.record({ switchedBackTo: pre.primary, timestamps: { ...drill.t } });
    }
    const table = { ...drill.table, database: drill.database };
    if (inputs.keepTable) {
        drill.keep();
        step.record({ table: { ...table, state: 'kept' } });
        step.output('drill-table', `${table.schema}.${table.name}`);
        return;
    }
    await step.phase('Drop the drill table', () => drill.dropTable());
    step.record({ table: { ...table, state: 'dropped' } });
}
/** Writes the JSON evidence; an incomplete drill's report is best effort. */
async function writeReport(path, step, ctx, outcome) {
    const f = step.facts;
    if (outcome === 'incomplete' && f.timestamps === undefined && f.results === undefined)
        return;
    try {
        const passed = f.verdict?.passed ?? false;
        const phases = step.snapshot();
        await writeDrillReport(path, drillReport(f, outcome ?? (passed ? 'passed' : 'failed'), phases));
        step.output('report', path);
        ctx.logger.info(`Wrote the drill report to ${path}`);
    }
    catch (error) {
        if (outcome !== 'incomplete')
            throw error;
        ctx.logger.warning(`Could not write the drill report: ${error instanceof Error ? error.message : String(error)}`);
    }
}
function enforceThresholds(step) {
    const v = step.facts.verdict;
    if (!v || v.passed)
        return;
    const failed = v.checks.filter((c) => !c.ok).map((c) => c.text);
    throw new DrillThresholdError(`the drill missed its thresholds: ${failed.join('; ')}`);
}

;// CONCATENATED MODULE: ./src/actions/failover-drill.ts
// failover-drill: after a safety preflight, write numbered rows through port-forwards to the
// primary, kill it (or switch over), measure how long clients could not write and which
// acknowledged writes were lost, put things back, and report; thresholds fail the step after
// the report is written. The post step restores service if main died mid-drill.










const failoverDrill = (0,action/* defineAction */.Q)({
    command: 'failover-drill',
    summary: drillSummary,
    async run(ctx, step) {
        const inputs = readFailoverDrillInputs(ctx.getInput);
        const path = reportPath(inputs, ctx.env.RUNNER_TEMP);
        step.record({ inputs, reportPath: path });
        const deadline = ctx.now() + inputs.timeoutMs;
        const conn = await step.phase('Connect', () => (0,connect/* connectCluster */.b)(inputs, ctx, step));
        const pre = await step.phase('Preflight', () => checkCluster(conn, inputs, step));
        const drill = newDrill(conn, inputs, pre, ctx, deadline);
        try {
            await step.phase('Create the drill table', () => drill.prepare());
            await step.phase(`Warm up: ${inputs.writers} writers`, () => drill.warmUp());
            const fault = await step.phase(faultTitle(inputs, pre), () => drill.fault());
            step.record({ fault: fault.description, timestamps: { ...drill.t } });
            await measure(drill, pre, ctx, step);
            await putBack(drill, conn, pre, ctx, step);
        }
        catch (error) {
            await drill.close();
            step.record({ timestamps: { ...drill.t } });
            await writeReport(path, step, ctx, 'incomplete');
            throw error;
        }
        await drill.close();
        await step.phase('Report', () => writeReport(path, step, ctx));
        enforceThresholds(step);
    },
    post: drillPost,
});
async function checkCluster(conn, inputs, step) {
    const pre = await preflight(conn.http, conn.config.kc, inputs, (found) => {
        step.record(found);
        step.output('durability', durabilityText(found.durability));
    }).catch((error) => {
        if (error instanceof DrillRefused)
            step.record({ refused: error.reasons });
        throw error;
    });
    step.record({
        oldPrimary: pre.primary,
        oldTimeline: pre.timeline ?? 0,
        ...(pre.target ? { target: pre.target } : {}),
        ...(pre.podGraceSeconds === undefined ? {} : { podGraceSeconds: pre.podGraceSeconds }),
    });
    step.output('old-primary', pre.primary);
    return pre;
}
function newDrill(conn, inputs, pre, ctx, deadline) {
    return new Drill({
        http: conn.http,
        kc: conn.config.kc,
        inputs,
        logger: ctx.logger,
        now: ctx.now,
        signal: ctx.signal,
        setSecret: ctx.setSecret,
        saveDrillState: (state) => {
            ctx.saveState(DRILL_STATE, JSON.stringify(state));
        },
        deadline,
    }, pre);
}
function faultTitle(inputs, pre) {
    if (inputs.mode === 'switchover')
        return `Fault: switch over from ${pre.primary} to ${pre.target ?? '?'}`;
    const grace = inputs.gracePeriod === 'default'
        ? `the pod's ${pre.podGraceSeconds ?? '?'} s`
        : `${inputs.gracePeriod} s`;
    return `Fault: delete the primary's pod ${pre.primary} (grace ${grace})`;
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
