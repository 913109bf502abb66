export const id = 173;
export const ids = [173];
export const modules = {

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

/***/ 16173:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  AKS_API_VERSION: () => (/* binding */ AKS_API_VERSION),
  DEFAULT_ARM_ENDPOINT: () => (/* binding */ DEFAULT_ARM_ENDPOINT),
  FIC_API_VERSION: () => (/* reexport */ federated_credential/* FIC_API_VERSION */.FW),
  armEndpointOf: () => (/* binding */ armEndpointOf),
  armScope: () => (/* binding */ armScope),
  clusterPath: () => (/* binding */ clusterPath),
  createArmClient: () => (/* binding */ createArmClient),
  federatedCredentialName: () => (/* reexport */ federated_credential/* federatedCredentialName */.Tr)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/http/loopback.ts
var loopback = __webpack_require__(80507);
// EXTERNAL MODULE: ./src/azure/arm-errors.ts
var arm_errors = __webpack_require__(22893);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/http/retries.ts
var retries = __webpack_require__(76846);
// EXTERNAL MODULE: ./src/azure/login-errors.ts
var login_errors = __webpack_require__(68348);
;// CONCATENATED MODULE: ./src/azure/arm-http.ts
// One ARM request over fetch: bearer token from the login, bounded retries with jitter on
// throttling (429), server errors and transient conflicts, honouring Retry-After. Bodies are
// never logged: credential responses carry kubeconfigs.




function armHttp(options) {
    const settings = (0,retries/* retryDefaults */.tD)(options);
    return (call) => (0,retries/* withRetries */.LH)(() => once(options, settings.fetch, call), {
        ...settings,
        logger: options.logger,
        context: call.context,
    });
}
async function once(options, doFetch, call) {
    const url = new URL(`${call.path}?api-version=${encodeURIComponent(call.apiVersion)}`, options.endpoint);
    const init = await requestInit(options, call);
    const started = Date.now();
    let response;
    let text;
    try {
        response = await doFetch(url, init);
        text = await response.text();
    }
    catch (error) {
        const reason = `cannot reach ${url.origin}: ${(0,login_errors/* errorText */.kc)(error).split('\n').slice(0, 2).join(': ')}`;
        return {
            error: new Error(`${call.context}: ${reason}. Check arm-endpoint.`, { cause: error }),
            retryable: true,
            reason,
        };
    }
    options.logger.debug(`ARM ${call.method} ${url.pathname} -> ${response.status} (${Date.now() - started} ms)`);
    const body = parseBody(text);
    if (response.ok || (response.status === 404 && call.allowNotFound)) {
        return { result: { status: response.status, body } };
    }
    const { code } = (0,arm_errors/* parseArmError */.El)(response.status, body);
    return {
        error: (0,arm_errors/* armError */.Tr)(call.context, response.status, body, response.headers.get('x-ms-request-id') ?? undefined),
        retryable: (0,arm_errors/* isRetryable */.r3)(response.status, code),
        reason: `HTTP ${response.status} ${code}`,
        retryAfterMs: (0,retries/* retryAfterMs */.Vs)(response.headers.get('retry-after')),
    };
}
async function requestInit(options, call) {
    const headers = {
        authorization: `Bearer ${await options.getToken()}`,
        accept: 'application/json',
        'x-ms-client-request-id': (0,external_node_crypto_.randomUUID)(),
    };
    const signal = AbortSignal.timeout(options.requestTimeoutMs ?? 60_000);
    if (call.body === undefined)
        return { method: call.method, headers, signal };
    headers['content-type'] = 'application/json';
    return { method: call.method, headers, signal, body: JSON.stringify(call.body) };
}
function parseBody(text) {
    if (!text)
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return text;
    }
}

// EXTERNAL MODULE: ./src/azure/federated-credential.ts
var federated_credential = __webpack_require__(58517);
// EXTERNAL MODULE: ./src/azure/token-cache.ts
var token_cache = __webpack_require__(15441);
;// CONCATENATED MODULE: ./src/azure/arm.ts






const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';
/** Microsoft.ContainerService managedClusters. */
const AKS_API_VERSION = '2025-10-01';
function createArmClient(options) {
    const endpoint = armEndpointOf(options.endpoint);
    const getToken = (0,token_cache/* tokenSource */.Z)(options.credential, armScope(endpoint), {
        setSecret: options.setSecret,
    });
    const http = armHttp({ ...options, endpoint, getToken });
    return {
        getManagedCluster: (sub, rg, name) => getManagedCluster(http, sub, rg, name),
        listClusterCredentials: (sub, rg, name, admin) => listClusterCredentials(http, sub, rg, name, admin),
        ensureFederatedCredential: (spec) => (0,federated_credential/* ensureFederatedCredential */.YR)(http, options.logger, spec),
        deleteFederatedCredential: (ref) => (0,federated_credential/* deleteFederatedCredential */.Dq)(http, ref),
    };
}
/** The token scope of an ARM endpoint: https://management.azure.com/.default in the public cloud. */
function armScope(endpoint) {
    return `${new URL(endpoint).origin}/.default`;
}
/** The ARM endpoint as an origin; https, or http on loopback only (the sandbox). */
function armEndpointOf(input) {
    if (!input)
        return DEFAULT_ARM_ENDPOINT;
    let url;
    try {
        url = new URL(input);
    }
    catch {
        url = undefined;
    }
    if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && (0,loopback/* isLoopback */.U)(url)))) {
        throw new errors/* ConfigurationError */.j1(`input 'arm-endpoint': '${input}' is not an https URL (example: https://management.usgovcloudapi.net)`);
    }
    return url.origin;
}
function clusterPath(subscriptionId, resourceGroup, name) {
    return (`/subscriptions/${encodeURIComponent(subscriptionId)}/resourceGroups/${encodeURIComponent(resourceGroup)}` +
        `/providers/Microsoft.ContainerService/managedClusters/${encodeURIComponent(name)}`);
}
async function getManagedCluster(http, sub, rg, name) {
    const context = `getting AKS cluster ${name} in ${rg}`;
    const { body } = await http({
        method: 'GET',
        path: clusterPath(sub, rg, name),
        apiVersion: AKS_API_VERSION,
        context,
    });
    const cluster = body;
    if (typeof cluster.id !== 'string')
        throw new arm_errors/* ArmError */.dW(`${context}: the response has no id`, 200, 'InvalidResponse');
    return {
        id: cluster.id,
        location: cluster.location ?? '',
        oidcIssuerUrl: cluster.properties?.oidcIssuerProfile?.issuerURL ||
            cluster.properties?.oidcIssuerProfile?.issuerUrl ||
            undefined,
        fqdn: cluster.properties?.fqdn ?? cluster.properties?.privateFQDN,
    };
}
async function listClusterCredentials(http, sub, rg, name, admin) {
    const action = admin ? 'listClusterAdminCredential' : 'listClusterUserCredential';
    const context = `fetching ${admin ? 'admin' : 'user'} credentials of AKS cluster ${name} in ${rg} (${action})`;
    const path = `${clusterPath(sub, rg, name)}/${action}`;
    const { body } = await http({ method: 'POST', path, apiVersion: AKS_API_VERSION, context });
    const value = body?.kubeconfigs?.[0]
        ?.value;
    if (typeof value !== 'string' || !value) {
        throw new arm_errors/* ArmError */.dW(`${context}: the response holds no kubeconfig`, 200, 'InvalidResponse');
    }
    return Buffer.from(value, 'base64').toString('utf8');
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
