export const id = 310;
export const ids = [310];
export const modules = {

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

/***/ 14310:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DEFAULT_AUTHORITY_HOST: () => (/* binding */ DEFAULT_AUTHORITY_HOST),
  authorityHostOf: () => (/* binding */ authorityHostOf),
  azureCredential: () => (/* binding */ azureCredential),
  isMicrosoftAuthorityHost: () => (/* binding */ isMicrosoftAuthorityHost)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/azure/jwt.ts
// Reads the claims of a federated token (GitHub OIDC or a projected service account token)
// without verifying it: Entra ID verifies it; pgha only shows what it presents, so that a
// subject mismatch can be diagnosed from the log. The token itself is never part of a message.
/** Decodes the payload of a JWT (header.payload.signature); throws without quoting the token. */
function decodeJwtClaims(token) {
    const parts = token.trim().split('.');
    const payload = parts[1];
    if (parts.length !== 3 || !payload) {
        throw new Error(`not a JWT: expected 3 dot-separated parts, found ${parts.length}`);
    }
    let claims;
    try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    }
    catch {
        throw new Error('not a JWT: the payload is not base64url-encoded JSON');
    }
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
        throw new Error('not a JWT: the payload is not a JSON object');
    }
    return pickClaims(claims);
}
function pickClaims(raw) {
    const text = (key) => typeof raw[key] === 'string' ? raw[key] : undefined;
    const seconds = (key) => typeof raw[key] === 'number' ? raw[key] : undefined;
    const aud = raw.aud;
    const audiences = Array.isArray(aud) ? aud.filter((a) => typeof a === 'string') : undefined;
    return {
        iss: text('iss'),
        sub: text('sub'),
        aud: typeof aud === 'string' ? aud : audiences,
        job_workflow_ref: text('job_workflow_ref'),
        exp: seconds('exp'),
        nbf: seconds('nbf'),
    };
}
/** One line: iss, sub, aud, job_workflow_ref as the token carries them (absent ones left out). */
function formatClaims(claims) {
    const aud = Array.isArray(claims.aud) ? claims.aud.join(',') : claims.aud;
    const pairs = [
        ['iss', claims.iss],
        ['sub', claims.sub],
        ['aud', aud],
        ['job_workflow_ref', claims.job_workflow_ref],
    ];
    return pairs
        .filter((pair) => pair[1] !== undefined)
        .map(([key, value]) => `${key}=${value}`)
        .join(' ');
}

// EXTERNAL MODULE: ./src/azure/login-errors.ts
var login_errors = __webpack_require__(68348);
;// CONCATENATED MODULE: ./src/azure/login.ts
// Logs in to Azure with GitHub OIDC federation: Entra ID exchanges a GitHub OIDC token (the
// client assertion) for Azure tokens, so no secret is stored anywhere. @azure/identity is
// imported only here and only when a run logs in, to keep the bundle's cold start small.




const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
/** Authority hosts of Microsoft's clouds, where Entra instance discovery works. */
const MICROSOFT_AUTHORITY_HOSTS = new Set([
    'login.microsoftonline.com',
    'login.windows.net',
    'login.microsoftonline.us',
    'login.chinacloudapi.cn',
    'login.partner.microsoftonline.cn',
]);
/**
 * A credential that exchanges a fresh federated token for every Entra ID token request.
 * Every access token it returns is masked; failures say the likely cause and what to do.
 */
async function azureCredential(options) {
    const authorityHost = authorityHostOf(options.authorityHost);
    requireIds(options);
    const state = {};
    const { ClientAssertionCredential } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(491)]).then(__webpack_require__.bind(__webpack_require__, 91491));
    const inner = new ClientAssertionCredential(options.tenantId, options.clientId, assertionSource(options, state), { authorityHost, disableInstanceDiscovery: !isMicrosoftAuthorityHost(authorityHost) });
    const context = { tenantId: options.tenantId, clientId: options.clientId, authorityHost };
    return {
        async getToken(scopes, tokenOptions) {
            try {
                const token = await inner.getToken(scopes, tokenOptions);
                options.setSecret(token.token);
                logLoggedIn(options, state);
                return token;
            }
            catch (error) {
                const own = state.assertionError;
                state.assertionError = undefined;
                throw own ?? (0,login_errors/* loginError */.Mz)(error, { ...context, presented: state.presented });
            }
        },
    };
}
/**
 * MSAL calls the assertion callback twice per exchange (client configuration, then request):
 * a token fetched this recently is reused, anything older is fetched anew.
 */
const ASSERTION_REUSE_MS = 10_000;
/** The assertion callback: a fresh token per exchange; its claims are logged before the first. */
function assertionSource(options, state) {
    const now = options.now ?? Date.now;
    let recent;
    return async () => {
        if (recent && now() - recent.at < ASSERTION_REUSE_MS)
            return recent.token;
        try {
            const token = await federatedToken(options);
            options.setSecret(token);
            if (!state.presented) {
                state.source = tokenSource(options);
                state.presented = logPresented(token, state.source, options.logger);
            }
            recent = { token, at: now() };
            return token;
        }
        catch (error) {
            // MSAL rewraps callback errors into a generic class; keep ours to rethrow as thrown.
            state.assertionError = error instanceof Error ? error : new Error(String(error));
            throw error;
        }
    };
}
async function federatedToken(options) {
    if (options.federatedTokenFile)
        return readTokenFile(options.federatedTokenFile);
    try {
        return await options.getIdToken(login_errors/* TOKEN_EXCHANGE_AUDIENCE */.RK);
    }
    catch (error) {
        throw (0,login_errors/* idTokenError */.PN)(error);
    }
}
async function readTokenFile(file) {
    let token;
    try {
        token = (await (0,promises_.readFile)(file, 'utf8')).trim();
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1(`AZURE_FEDERATED_TOKEN_FILE is ${file}, which cannot be read: ${(0,login_errors/* errorText */.kc)(error).split('\n')[0] ?? ''}. ` +
            'Point it at the projected service account token, or unset it to use the GitHub OIDC token.');
    }
    if (!token)
        throw new errors/* ConfigurationError */.j1(`AZURE_FEDERATED_TOKEN_FILE is ${file}, which is empty.`);
    return token;
}
function tokenSource(options) {
    return options.federatedTokenFile
        ? `federated token from AZURE_FEDERATED_TOKEN_FILE (${options.federatedTokenFile})`
        : 'GitHub OIDC token';
}
/**
 * Reads who the token says the workflow is (never the token) for the success line and for the
 * error of a refused exchange, which explains federated subjects; here only a debug line.
 */
function logPresented(token, source, logger) {
    let claims;
    try {
        claims = decodeJwtClaims(token);
    }
    catch (error) {
        logger.warning(`Cannot show the claims of the ${source}: ${(0,login_errors/* errorText */.kc)(error)}`);
        return {};
    }
    logger.debug(`Presenting the ${source} to Entra ID: ${formatClaims(claims)}`);
    return claims;
}
/** One line after the first exchange Entra ID accepted: who logged in, with which subject. */
function logLoggedIn(options, state) {
    if (state.loggedIn)
        return;
    state.loggedIn = true;
    const claims = state.presented ? formatClaims(state.presented) : '';
    options.logger.info(`Logged in to Azure as client ${options.clientId} with the ${state.source ?? 'federated token'}` +
        (claims ? `: ${claims}` : ''));
}
/** The authority host as an https origin; a user mistake when it is not one. */
function authorityHostOf(input) {
    if (!input)
        return DEFAULT_AUTHORITY_HOST;
    let url;
    try {
        url = new URL(input);
    }
    catch {
        url = undefined;
    }
    if (url?.protocol !== 'https:' || (url.pathname !== '/' && url.pathname !== '')) {
        throw new errors/* ConfigurationError */.j1(`input 'azure-authority-host': '${input}' is not an https origin (example: https://login.microsoftonline.us)`);
    }
    return url.origin;
}
/** Microsoft's clouds support instance discovery; other hosts (the sandbox, ADFS) do not. */
function isMicrosoftAuthorityHost(authorityHost) {
    return MICROSOFT_AUTHORITY_HOSTS.has(new URL(authorityHost).hostname.toLowerCase());
}
function requireIds(options) {
    const missing = [
        ['azure-tenant-id', options.tenantId],
        ['azure-client-id', options.clientId],
    ].filter(([, value]) => !value);
    if (missing.length > 0) {
        const names = missing.map(([name]) => `'${name ?? ''}'`).join(' and ');
        throw new errors/* ConfigurationError */.j1(`input ${names}: required to log in to Azure with OIDC (example: 00000000-0000-0000-0000-000000000000)`);
    }
}


/***/ })

};
