export const id = 380;
export const ids = [380];
export const modules = {

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


/***/ }),

/***/ 16242:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GV: () => (/* binding */ PARAMETER_NAME),
  Ah: () => (/* reexport */ cidrs),
  j_: () => (/* binding */ destination),
  Pb: () => (/* binding */ endpointUrl),
  UL: () => (/* binding */ nodeSelector),
  mt: () => (/* binding */ overrides),
  Xi: () => (/* binding */ postgresqlParameters),
  XZ: () => (/* binding */ retention)
});

// EXTERNAL MODULE: ./src/inputs/parse.ts
var parse = __webpack_require__(13718);
// EXTERNAL MODULE: ./src/inputs/yaml.ts
var yaml = __webpack_require__(88950);
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
    const doc = (0,yaml/* loadInputYaml */._)(raw, example);
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


/***/ }),

/***/ 36677:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Jj: () => (/* binding */ readDeployInputs),
  xN: () => (/* binding */ readIdentity)
});

// UNUSED EXPORTS: MAX_SIZE_BYTES, armName

// EXTERNAL MODULE: ./src/inputs/parse.ts
var parse = __webpack_require__(13718);
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
    (0,parse/* singleLine */.pF)(raw, EXAMPLE);
    if (raw === 'none')
        return undefined;
    if (DESCRIPTORS.test(raw) || /^@every (\d+(ms|s|m|h))+$/.test(raw))
        return raw;
    const fields = raw.split(/\s+/);
    if (fields.length === 5) {
        throw new parse/* ParseError */.mB(`'${raw}' has five fields, but CNPG reads the first as seconds, so it would run at another time (e.g. '0 0 * * *' runs hourly); write six fields, seconds first: '0 ${raw}'`, EXAMPLE);
    }
    if (fields.length !== 6)
        throw new parse/* ParseError */.mB(`'${raw}' must have six fields: second minute hour day month weekday`, EXAMPLE);
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
    return new parse/* ParseError */.mB(`'${text}' is not a valid ${field.name} (${field.min}-${field.max})`, EXAMPLE);
}

// EXTERNAL MODULE: ./src/inputs/parse-deploy.ts + 1 modules
var parse_deploy = __webpack_require__(16242);
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
const size = (example) => (v) => (0,parse/* quantity */.au)(v, example, MAX_SIZE_BYTES);
function readDeployInputs(get) {
    const r = (0,read/* inputReader */.cN)(get, spec/* ACTIONS */.kl.deploy.inputs);
    const instances = r.value('instances', (v) => (0,parse/* integer */.nd)(v, 1, 10, '3'));
    const memory = r.value('memory', size('8Gi'));
    const allowPublic = r.value('allow-public', parse/* boolean */.zM);
    const expose = r.value('expose', (v) => (0,parse/* oneOf */.yL)(v, EXPOSE));
    const workloadIdentityClientId = r.optional('workload-identity-client-id', parse/* guid */.Os);
    const inputs = {
        ...(0,read/* readShared */.qA)(r),
        instances,
        postgresImage: r.optional('postgres-image', parse/* image */.Sl),
        storageClass: r.optional('storage-class', (v) => (0,parse/* objectName */.Hd)(v, 'managed-csi-premium')),
        storageSize: r.value('storage-size', size('64Gi')),
        walStorageSize: r.optional('wal-storage-size', size('16Gi')),
        cpu: r.value('cpu', (v) => (0,parse/* quantity */.au)(v, '2')),
        memory,
        nodeMemory: readNodeMemory(r, memory),
        postgresqlParameters: r.optional('postgresql-parameters', parse_deploy/* postgresqlParameters */.Xi) ?? {},
        database: r.value('database', (v) => (0,parse/* sqlIdentifier */.I3)(v, 'database', 'appdb')),
        owner: r.value('owner', (v) => (0,parse/* sqlIdentifier */.I3)(v, 'role', 'app')),
        appSecret: r.value('app-secret', (v) => (0,parse/* objectName */.Hd)(v, 'db-user-pass')),
        syncReplicas: syncReplicas(r, instances),
        workloadIdentityClientId,
        dnsLabel: r.optional('dns-label', dnsLabel),
        backup: readBackup(r, workloadIdentityClientId),
        backupMethod: r.value('backup-method', (v) => (0,parse/* oneOf */.yL)(v, BACKUP_METHODS)),
        monitoring: r.value('monitoring', (v) => (0,parse/* oneOf */.yL)(v, MONITORING)),
        nodeSelector: r.optional('node-selector', parse_deploy/* nodeSelector */.UL) ?? {},
        pooler: r.value('pooler', (v) => (0,parse/* oneOf */.yL)(v, POOLER)),
        poolerMode: r.value('pooler-mode', (v) => (0,parse/* oneOf */.yL)(v, POOLER_MODES)),
        expose,
        allowedSourceRanges: readRanges(r, expose, allowPublic),
        overrides: r.optional('overrides', parse_deploy/* overrides */.mt),
        identity: readIdentity(r),
        forceConflicts: r.value('force-conflicts', parse/* boolean */.zM),
        dryRun: readDryRun(r),
        renderOnly: r.value('render-only', parse/* boolean */.zM),
        manifestsDir: r.optional('manifests-dir', (v) => (0,parse/* singleLine */.pF)(v, '${{ runner.temp }}/manifests')),
    };
    return r.finish(inputs);
}
/**
 * identity-name and identity-resource-group (default: resource-group), for deploy and
 * restore-verify: the federated credential needs the Azure login and the AKS OIDC issuer.
 */
function readIdentity(r) {
    const name = r.optional('identity-name', (v) => armName(v, 'id-pg-backup'));
    const group = r.optional('identity-resource-group', (v) => armName(v, 'rg-pg'));
    if (name === undefined) {
        if (group !== undefined)
            r.problem('identity-resource-group', 'is set without identity-name', 'identity-name: id-pg-backup');
        return undefined;
    }
    if (r.raw('aks-cluster') === '' || r.raw('azure-client-id') === '') {
        r.problem('identity-name', 'the federated credential needs the Azure login and aks-cluster (its OIDC issuer)', 'azure-client-id, azure-tenant-id, azure-subscription-id, resource-group and aks-cluster');
        return undefined;
    }
    return { name, resourceGroup: group ?? r.raw('resource-group') };
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
    const node = r.optional('node-memory', size('16Gi'));
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
    const ranges = r.optional('allowed-source-ranges', (v) => (0,parse_deploy/* cidrs */.Ah)(v, allowPublic)) ?? [];
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
    const dest = r.optional('backup-destination', parse_deploy/* destination */.j_);
    const endpoint = r.optional('backup-endpoint-url', parse_deploy/* endpointUrl */.Pb);
    const retentionPolicy = r.value('backup-retention', parse_deploy/* retention */.XZ);
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


/***/ }),

/***/ 88950:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ loadInputYaml)
/* harmony export */ });
/* unused harmony export MAX_YAML_BYTES */
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33243);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(13718);
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
        throw new _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB(`has ${bytes} bytes; at most 64 KiB are accepted`, example);
    const events = parse(raw, example);
    if (events.some(hasAnchorOrAlias)) {
        throw new _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB('uses YAML anchors or aliases (&name, *name), which pgha refuses so that no input can expand: write each value out', example);
    }
    let docs;
    try {
        docs = (0,js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .constructFromEvents */ .fw)(events, { source: raw, maxAliases: 0 });
    }
    catch (error) {
        throw new _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB(`is not valid YAML: ${describe(error)}`, example);
    }
    if (docs.length !== 1)
        throw new _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB('must be one YAML document', example);
    refuseForbiddenKeys(docs[0], '', example);
    return docs[0];
}
function parse(raw, example) {
    try {
        return (0,js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseEvents */ .PH)(raw, { maxDepth: MAX_DEPTH });
    }
    catch (error) {
        throw new _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB(`is not valid YAML: ${describe(error)}`, example);
    }
}
function hasAnchorOrAlias(event) {
    if (event.type === js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .EVENT_ID */ .hy.ALIAS)
        return true;
    return 'anchorStart' in event && event.anchorStart >= 0;
}
/** The reason and position of a js-yaml error; its message would quote the offending lines. */
function describe(error) {
    if (!(error instanceof js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .YAMLException */ .tB))
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
            throw new _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB(`key '${at}' is not allowed (it could reach a prototype)`, example);
        if (key === '<<')
            throw new _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB(`key '${at}': merge keys (<<) are not supported`, example);
        refuseForbiddenKeys(value[key], at, example);
    }
}


/***/ }),

/***/ 91437:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ag: () => (/* binding */ readObject),
/* harmony export */   H8: () => (/* binding */ refOf),
/* harmony export */   L: () => (/* binding */ listObjects),
/* harmony export */   NA: () => (/* binding */ refPath),
/* harmony export */   Ro: () => (/* binding */ describeRef)
/* harmony export */ });
/* harmony import */ var _resources_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(26804);

const describeRef = (r) => `${r.kind}/${r.name}`;
const refOf = (o) => ({
    apiVersion: o.apiVersion,
    kind: o.kind,
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    name: o.metadata.name,
});
function refPath(r) {
    return `${(0,_resources_js__WEBPACK_IMPORTED_MODULE_0__/* .collectionPath */ .yb)(r.apiVersion, r.kind, r.namespace)}/${encodeURIComponent(r.name)}`;
}
/** The object, or undefined when it does not exist. */
async function readObject(http, r) {
    const { status, body } = await http.json({
        method: 'GET',
        path: refPath(r),
        allowNotFound: true,
        context: `reading ${describeRef(r)}${r.namespace ? ` in namespace ${r.namespace}` : ''}`,
    });
    return status === 404 ? undefined : body;
}
/** The objects of a kind in a namespace (every namespace when undefined), by label. */
async function listObjects(http, kind, namespace, labelSelector) {
    const { body } = await http.json({
        method: 'GET',
        path: (0,_resources_js__WEBPACK_IMPORTED_MODULE_0__/* .collectionPath */ .yb)(kind.apiVersion, kind.kind, namespace),
        query: { labelSelector },
        context: `listing ${kind.kind}s${namespace ? ` in namespace ${namespace}` : ''}${labelSelector ? ` labelled ${labelSelector}` : ''}`,
    });
    return body.items.map((o) => ({ ...o, apiVersion: kind.apiVersion, kind: kind.kind }));
}


/***/ })

};
