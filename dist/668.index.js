export const id = 668;
export const ids = [668];
export const modules = {

/***/ 5668:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  chooseBackupMethod: () => (/* binding */ chooseBackupMethod),
  run: () => (/* binding */ run),
  runOrigin: () => (/* binding */ runOrigin)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
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
/** A Kubernetes resource quantity above zero: 64Gi, 500Mi, 2, 500m, 1.5, 1e3. */
function quantity(raw, example) {
    singleLine(raw, example);
    const m = /^(\d+(?:\.\d+)?|\.\d+)(?:([eE][-+]?\d+)|(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?)$/.exec(raw);
    if (!m?.[1])
        throw new ParseError(`'${raw}' is not a Kubernetes quantity`, example);
    const value = Number(m[1] + (m[2] ?? '')) * (SUFFIX[m[3] ?? ''] ?? 1);
    if (!(value > 0))
        throw new ParseError(`'${raw}' must be above zero`, example);
    return { text: raw, value };
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
/** Durations such as 15m, 90s, 1h30m, 500ms. */
function duration(raw, example = '15m') {
    singleLine(raw, example);
    if (!/^(\d+(ms|s|m|h))+$/.test(raw))
        throw new ParseError(`'${raw}' is not a duration of h, m, s or ms`, example);
    let ms = 0;
    for (const [, n, unit] of raw.matchAll(/(\d+)(ms|s|m|h)/g))
        ms += Number(n) * (UNIT_MS[unit ?? ''] ?? 0);
    if (ms <= 0)
        throw new ParseError(`'${raw}' must be longer than zero`, example);
    return ms;
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
const EXAMPLE = '0 0 0 * * *';
/** Returns the schedule, or undefined for `none`. */
function schedule(raw) {
    singleLine(raw, EXAMPLE);
    if (raw === 'none')
        return undefined;
    if (DESCRIPTORS.test(raw) || /^@every (\d+(ms|s|m|h))+$/.test(raw))
        return raw;
    const fields = raw.split(/\s+/);
    if (fields.length === 5) {
        throw new ParseError(`'${raw}' has five fields, but CNPG reads the first as seconds, so it would run at another time (e.g. '0 0 * * *' runs hourly); write six fields, seconds first: '0 ${raw}'`, EXAMPLE);
    }
    if (fields.length !== 6)
        throw new ParseError(`'${raw}' must have six fields: second minute hour day month weekday`, EXAMPLE);
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
    return new ParseError(`'${text}' is not a valid ${field.name} (${field.min}-${field.max})`, EXAMPLE);
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(3243);
;// CONCATENATED MODULE: ./src/inputs/parse-deploy.ts
// Parsers of deploy's structured inputs: object store destinations, retention, node
// selectors, CIDR lists and YAML maps.



const AZURE_EXAMPLE = 'https://pgbackups.blob.core.windows.net/backups';
const BLOB_HOST = /^([a-z0-9]{3,24})\.blob\.core\.(windows\.net|usgovcloudapi\.net|chinacloudapi\.cn)$/;
const CONTAINER = /^[a-z0-9](-?[a-z0-9]){2,62}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
function destination(raw) {
    singleLine(raw, AZURE_EXAMPLE);
    const text = raw.replace(/\/+$/, '');
    if (text.startsWith('s3://'))
        return s3Destination(text);
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new ParseError(`'${raw}' is not an Azure Blob or s3:// URL`, AZURE_EXAMPLE);
    }
    return azureDestination(url, text);
}
function azureDestination(url, text) {
    const segments = url.pathname.split('/').filter(Boolean);
    const host = BLOB_HOST.exec(url.hostname);
    const emulator = ['127.0.0.1', 'localhost'].includes(url.hostname);
    const [account, container, ...rest] = host?.[1]
        ? [host[1], ...segments]
        : emulator
            ? segments
            : [];
    if (!account || !container || (url.protocol !== 'https:' && !emulator)) {
        throw new ParseError(`'${text}' is not https://<account>.blob.core.windows.net/<container>[/path]`, AZURE_EXAMPLE);
    }
    if (!CONTAINER.test(container))
        throw new ParseError(`container '${container}' is not a valid container name`, AZURE_EXAMPLE);
    const path = rest.length > 0 ? rest.join('/') : undefined;
    return { kind: 'azure', url: text, account, container, ...(path ? { path } : {}) };
}
function s3Destination(text) {
    const [bucket = '', ...rest] = text.slice('s3://'.length).split('/');
    if (!BUCKET.test(bucket) || bucket.includes('..')) {
        throw new ParseError(`'${bucket}' is not a valid S3 bucket name`, 's3://pg-backups/orders');
    }
    const path = rest.filter(Boolean).join('/');
    return { kind: 's3', url: text, bucket, ...(path ? { path } : {}) };
}
function endpointUrl(raw) {
    const example = 'http://minio.minio:9000';
    singleLine(raw, example);
    if (!/^https?:\/\/[^\s/]+(\/.*)?$/.test(raw))
        throw new ParseError(`'${raw}' is not an http(s) URL`, example);
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
function cidrs(raw, allowPublic) {
    const example = '203.0.113.7/32';
    singleLine(raw, example);
    return raw.split(',').map((part) => {
        const cidr = part.trim();
        const [ip = '', bits = '', extra] = cidr.split('/');
        const max = (0,external_node_net_.isIP)(ip) === 4 ? 32 : (0,external_node_net_.isIP)(ip) === 6 ? 128 : 0;
        if (!max || extra !== undefined || !/^\d+$/.test(bits) || Number(bits) > max) {
            throw new ParseError(`'${cidr}' is not an IPv4 or IPv6 CIDR`, example);
        }
        if (Number(bits) === 0 && !allowPublic) {
            throw new ParseError(`'${cidr}' opens the database to the whole internet; set allow-public: true if you mean it`, example);
        }
        return cidr;
    });
}
function yamlMap(raw, example) {
    let doc;
    try {
        doc = (0,js_yaml/* load */.Hh)(raw);
    }
    catch (e) {
        throw new ParseError(`is not valid YAML: ${e.message.split('\n')[0] ?? ''}`, example);
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
        throw new ParseError('is not a YAML map', example);
    return doc;
}
/** A YAML map of scalars; values become the strings PostgreSQL expects (booleans on/off). */
function postgresqlParameters(raw) {
    const example = '"max_connections: 200"';
    const out = {};
    for (const [key, value] of Object.entries(yamlMap(raw, example))) {
        if (!/^[a-z_][a-z0-9_.]*$/.test(key))
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

// EXTERNAL MODULE: ./src/inputs/spec.ts
var spec = __webpack_require__(7026);
;// CONCATENATED MODULE: ./src/inputs/read.ts
// Readers: every input read once into one deep-frozen typed object before any network call.
// Every problem is collected and reported at once as an InputError.



/** Reads raw values (action.yml default when empty) and collects problems by input name. */
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
function deepFreeze(value) {
    if (value && typeof value === 'object') {
        Object.values(value).forEach((v) => deepFreeze(v));
        Object.freeze(value);
    }
    return value;
}
const AZURE = ['azure-client-id', 'azure-tenant-id', 'azure-subscription-id'];
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
    const admin = r.optional('aks-admin', parse_boolean) ?? false;
    return {
        kubeconfig,
        context: r.optional('context', (v) => singleLine(v, 'aks-pg')),
        azure: clientId && tenantId && subscriptionId ? { clientId, tenantId, subscriptionId } : undefined,
        aks: resourceGroup && aksCluster ? { resourceGroup, cluster: aksCluster, admin } : undefined,
        namespace: r.required('namespace', namespaceName, 'cnpg-database'),
        clusterName: r.required('cluster-name', clusterName, 'pg-orders'),
        timeoutMs: r.required('timeout', duration, '15m'),
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
    const r = new InputReader(get, SHARED_INPUTS);
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






function readDeployInputs(get) {
    const r = new InputReader(get, spec/* ACTIONS */.kl.deploy.inputs);
    const instances = r.required('instances', (v) => integer(v, 1, 10, '3'), '3') ?? 1;
    const memory = r.required('memory', (v) => quantity(v, '8Gi'), '8Gi');
    const allowPublic = r.optional('allow-public', parse_boolean) ?? false;
    const expose = r.optional('expose', (v) => oneOf(v, EXPOSE)) ?? 'none';
    const workloadIdentityClientId = r.optional('workload-identity-client-id', guid);
    const inputs = {
        ...readShared(r),
        instances,
        postgresImage: r.optional('postgres-image', parse_image),
        storageClass: r.optional('storage-class', (v) => objectName(v, 'managed-csi-premium')),
        storageSize: r.required('storage-size', (v) => quantity(v, '64Gi'), '64Gi'),
        walStorageSize: r.optional('wal-storage-size', (v) => quantity(v, '16Gi')),
        cpu: r.required('cpu', (v) => quantity(v, '2'), '2'),
        memory,
        nodeMemory: r.optional('node-memory', (v) => quantity(v, '16Gi')) ?? twice(memory),
        postgresqlParameters: r.optional('postgresql-parameters', postgresqlParameters) ?? {},
        database: r.required('database', (v) => sqlIdentifier(v, 'database', 'appdb'), 'appdb'),
        owner: r.required('owner', (v) => sqlIdentifier(v, 'role', 'app'), 'app'),
        appSecret: r.required('app-secret', (v) => objectName(v, 'db-user-pass'), 'db-user-pass'),
        syncReplicas: syncReplicas(r, instances),
        workloadIdentityClientId,
        dnsLabel: r.optional('dns-label', dnsLabel),
        backup: readBackup(r, workloadIdentityClientId),
        backupMethod: r.optional('backup-method', (v) => oneOf(v, BACKUP_METHODS)) ?? 'auto',
        monitoring: r.optional('monitoring', (v) => oneOf(v, MONITORING)) ?? 'podmonitor',
        nodeSelector: r.optional('node-selector', nodeSelector) ?? {},
        pooler: r.optional('pooler', (v) => oneOf(v, POOLER)) ?? 'none',
        poolerMode: r.optional('pooler-mode', (v) => oneOf(v, POOLER_MODES)) ?? 'session',
        expose,
        allowedSourceRanges: readRanges(r, expose, allowPublic),
        overrides: r.optional('overrides', overrides),
        renderOnly: r.optional('render-only', parse_boolean) ?? false,
        manifestsDir: r.optional('manifests-dir', (v) => singleLine(v, '${{ runner.temp }}/manifests')),
    };
    return r.finish(inputs);
}
function twice(memory) {
    const m = /^(\d+)(.*)$/.exec(memory?.text ?? '');
    const value = 2 * (memory?.value ?? 0);
    return m?.[1]
        ? { text: `${2 * Number(m[1])}${m[2] ?? ''}`, value }
        : { text: String(value), value };
}
function syncReplicas(r, instances) {
    const n = r.required('sync-replicas', (v) => integer(v, 0, 9, '1'), '1') ?? 0;
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
    const retentionPolicy = r.required('backup-retention', retention, '7d');
    const cron = r.attempt('backup-schedule', () => schedule(r.raw('backup-schedule') || 'none'));
    const requested = r.optional('backup-credentials', (v) => oneOf(v, ['auto', ...BACKUP_CREDENTIALS]));
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
        retention: retentionPolicy ?? '7d',
        ...(cron ? { schedule: cron } : {}),
    };
}
function resolveCredentials(requested, kind) {
    if (requested === undefined || requested === 'auto')
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

;// CONCATENATED MODULE: ./src/cnpg/overrides.ts
// The `overrides` input: a YAML map deep-merged into the Cluster spec (maps merge, lists and
// scalars replace), checked against the Cluster spec's fields and against pgha's choices.


const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
function deepMerge(base, over) {
    const out = { ...base };
    for (const [key, value] of Object.entries(over)) {
        const current = out[key];
        out[key] = isMap(current) && isMap(value) ? deepMerge(current, value) : clone(value);
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
    return deepMerge(spec, overrides);
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
            selector: { ...instanceSelector(inputs.clusterName), 'cnpg.io/instanceRole': instanceRole },
            loadBalancerSourceRanges: [...inputs.allowedSourceRanges],
        },
    };
}
function exposure(inputs, origin) {
    const roles = inputs.expose === 'both' ? ['rw', 'ro'] : inputs.expose === 'none' ? [] : [inputs.expose];
    return roles.map((role) => loadBalancer(inputs, origin, role));
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
function effectiveParameters(inputs) {
    const managed = Object.keys(inputs.postgresqlParameters).filter((k) => MANAGED_BY_CNPG.has(k));
    if (managed.length > 0) {
        throw new errors/* ConfigurationError */.j1(`input 'postgresql-parameters': ${managed.join(', ')} ${managed.length === 1 ? 'is' : 'are'} managed by CloudNativePG and cannot be set (example: "max_connections: 200")`);
    }
    return { ...computedParameters(inputs), ...inputs.postgresqlParameters };
}

;// CONCATENATED MODULE: ./src/cnpg/render.ts
// deploy's renderer: typed inputs in, objects and one multi-document YAML out. Objects are
// built as data and serialised with js-yaml, so no input can inject YAML. The application
// Secret is never rendered: it is created at apply time, with a random password, when absent.





/** Objects in apply order: the ObjectStore before the Cluster that archives into it. */
function renderDeploy(inputs, options) {
    const { backupMethod: method, origin } = options;
    const parameters = effectiveParameters(inputs);
    const b = inputs.backup;
    const objects = [
        ...(b && method === 'plugin' ? [objectStore(inputs, b, origin)] : []),
        cluster(inputs, method, parameters, origin),
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

;// CONCATENATED MODULE: ./src/report/deploy-summary.ts

function deploySummary(r) {
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

;// CONCATENATED MODULE: ./src/actions/deploy.ts
// deploy: read and validate every input, render the CNPG manifests, write them, report.
// Applying them to a cluster (OIDC login, AKS credentials, server-side apply, wait) is the
// next step of this action; until then deploy needs render-only: true.







async function run(ctx) {
    const inputs = readDeployInputs(ctx.getInput);
    if (!inputs.renderOnly) {
        throw new errors/* ConfigurationError */.j1("input 'render-only': applying to a cluster is not available in this version of pgha yet; set render-only: true to write the manifests (example: render-only: true)");
    }
    const backup = chooseBackupMethod(inputs);
    const rendered = await ctx.logger.group('Render manifests', () => Promise.resolve(renderDeploy(inputs, { backupMethod: backup.method, origin: runOrigin(ctx.env) })));
    const file = await writeManifests(inputs, rendered.yaml, ctx.env);
    ctx.logger.info(`Wrote ${rendered.objects.length} objects to ${file}`);
    ctx.setOutput('manifests', file);
    ctx.setOutput('cluster-name', inputs.clusterName);
    ctx.setOutput('namespace', inputs.namespace);
    ctx.setOutput('backup-method', inputs.backup ? backup.method : 'none');
    await ctx.writeSummary(deploySummary({ inputs, rendered, backup, file }));
}
/** backup-method auto: the plugin when rendering only (no cluster to ask which CRDs it serves). */
function chooseBackupMethod(inputs) {
    if (inputs.backupMethod !== 'auto') {
        return {
            method: inputs.backupMethod,
            reason: `backup-method: ${inputs.backupMethod} was requested`,
        };
    }
    const method = 'plugin';
    return {
        method,
        reason: 'backup-method: auto with render-only: the Barman Cloud plugin, the supported path (the in-core barmanObjectStore is removed in CNPG 1.31)',
    };
}
async function writeManifests(inputs, yaml, env) {
    const dir = inputs.manifestsDir ?? (0,external_node_path_.join)(env.RUNNER_TEMP ?? (0,external_node_os_.tmpdir)(), 'pgha');
    await (0,promises_.mkdir)(dir, { recursive: true });
    const file = (0,external_node_path_.join)(dir, `${inputs.namespace}-${inputs.clusterName}.yaml`);
    await (0,promises_.writeFile)(file, yaml, 'utf8');
    return file;
}
function runOrigin(env) {
    return {
        repository: env.GITHUB_REPOSITORY,
        sha: env.GITHUB_SHA,
        runId: env.GITHUB_RUN_ID,
        runAttempt: env.GITHUB_RUN_ATTEMPT,
        actor: env.GITHUB_ACTOR,
        workflow: env.GITHUB_WORKFLOW,
        serverUrl: env.GITHUB_SERVER_URL,
    };
}


/***/ })

};
