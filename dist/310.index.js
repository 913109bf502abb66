export const id = 310;
export const ids = [310];
export const modules = {

/***/ 4310:
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
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
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
var login_errors = __webpack_require__(8348);
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
    const { ClientAssertionCredential } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(491)]).then(__webpack_require__.bind(__webpack_require__, 1491));
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
