export const id = 642;
export const ids = [642];
export const modules = {

/***/ 3642:
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
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/azure/arm-errors.ts
// ARM error responses ({ "error": { "code", "message", "details" } }) as errors that carry
// the operation ("getting AKS cluster aks-pg in rg-pg: ResourceNotFound: ...") and, for the
// mistakes a user fixes in Azure or in the inputs, what to do, as a ConfigurationError.

/** An ARM request that failed for a reason that is not the user's to fix (or not known to be). */
class ArmError extends Error {
    name = 'ArmError';
    status;
    code;
    constructor(message, status, code) {
        super(message);
        this.status = status;
        this.code = code;
    }
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
        return new errors/* ConfigurationError */.j1(`${text}. ${hint}`);
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/azure/login-errors.ts
var login_errors = __webpack_require__(8348);
;// CONCATENATED MODULE: ./src/azure/arm-http.ts
// One ARM request over fetch: bearer token from the login, bounded retries with jitter on
// throttling (429), server errors and transient conflicts, honouring Retry-After. Bodies are
// never logged: credential responses carry kubeconfigs.




function armHttp(options) {
    const settings = {
        fetch: options.fetch ?? globalThis.fetch,
        sleep: options.sleep ?? ((ms) => (0,promises_.setTimeout)(ms)),
        random: options.random ?? Math.random,
        maxAttempts: options.maxAttempts ?? 5,
        maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    };
    return async (call) => {
        for (let attempt = 1;; attempt++) {
            const outcome = await once(options, settings.fetch, call);
            if ('result' in outcome)
                return outcome.result;
            const wait = retryDelay(outcome, attempt, settings);
            if (wait === undefined) {
                if (attempt > 1)
                    outcome.error.message += ` (gave up after ${attempt} attempts)`;
                throw outcome.error;
            }
            options.logger.debug(`${call.context}: ${outcome.reason}; retrying in ${Math.round(wait)} ms`);
            await settings.sleep(wait);
        }
    };
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
    const { code } = parseArmError(response.status, body);
    return {
        error: armError(call.context, response.status, body, response.headers.get('x-ms-request-id') ?? undefined),
        retryable: isRetryable(response.status, code),
        reason: `HTTP ${response.status} ${code}`,
        retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
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

// EXTERNAL MODULE: ./src/azure/federated-credential.ts
var federated_credential = __webpack_require__(8517);
// EXTERNAL MODULE: ./src/azure/token-cache.ts
var token_cache = __webpack_require__(5441);
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
    const loopback = url !== undefined && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) {
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
        throw new ArmError(`${context}: the response has no id`, 200, 'InvalidResponse');
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
        throw new ArmError(`${context}: the response holds no kubeconfig`, 200, 'InvalidResponse');
    }
    return Buffer.from(value, 'base64').toString('utf8');
}



/***/ }),

/***/ 5441:
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


/***/ })

};
