export const id = 945;
export const ids = [945];
export const modules = {

/***/ 16945:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  aksKubeconfig: () => (/* binding */ aksKubeconfig)
});

// UNUSED EXPORTS: AKS_SERVER_APP_ID, AKS_SERVER_SCOPE

// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(33243);
;// CONCATENATED MODULE: ./src/azure/kubeconfig.ts
// The kubeconfig that AKS returns, made usable without az or kubelogin: user credentials of
// Entra ID clusters name kubelogin in an exec block (or the retired azure auth-provider); pgha
// removes it and supplies the token itself. Admin credentials hold static secrets to mask.

/** AKS's Entra ID server application, the audience of tokens for the API server. */
const kubeconfig_AKS_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';
function parseKubeconfig(yaml) {
    const parsed = (0,js_yaml/* load */.Hh)(yaml);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error('the kubeconfig from AKS is not a YAML mapping');
    }
    return parsed;
}
/** Removes every user's exec and auth-provider block, keeping clusters, contexts and the rest. */
function stripExecAuth(yaml) {
    const config = parseKubeconfig(yaml);
    const strippedUsers = [];
    let serverAppId;
    for (const entry of config.users ?? []) {
        const user = entry.user;
        if (!user || (user.exec === undefined && user['auth-provider'] === undefined))
            continue;
        serverAppId ??= serverIdOf(user);
        delete user.exec;
        delete user['auth-provider'];
        strippedUsers.push(typeof entry.name === 'string' ? entry.name : '');
    }
    return { yaml: (0,js_yaml/* dump */.Bh)(config), strippedUsers, serverAppId };
}
/** --server-id of a kubelogin exec block, or apiserver-id of the azure auth-provider. */
function serverIdOf(user) {
    const exec = user.exec;
    const args = Array.isArray(exec?.args) ? exec.args.map(String) : [];
    const index = args.indexOf('--server-id');
    if (index >= 0 && args[index + 1])
        return args[index + 1];
    const provider = user['auth-provider'];
    const apiserverId = provider?.config?.['apiserver-id'];
    return typeof apiserverId === 'string' && apiserverId ? apiserverId : undefined;
}
const SECRET_FIELDS = ['token', 'client-key-data', 'client-certificate-data', 'password'];
/**
 * The static credentials in a kubeconfig (tokens, keys, certificates, passwords), to mask; for
 * the private key also the lines of its decoded PEM form, which a client may print.
 */
function kubeconfigSecrets(yaml) {
    const secrets = [];
    for (const entry of parseKubeconfig(yaml).users ?? []) {
        for (const field of SECRET_FIELDS) {
            const value = entry.user?.[field];
            if (typeof value !== 'string' || !value)
                continue;
            secrets.push(value);
            if (field === 'client-key-data')
                secrets.push(...pemBodyLines(value));
        }
    }
    return secrets;
}
function pemBodyLines(base64) {
    const pem = Buffer.from(base64, 'base64').toString('utf8');
    return pem.split(/\r?\n/).filter((line) => line.length >= 16 && !line.startsWith('-----'));
}

// EXTERNAL MODULE: ./src/azure/token-cache.ts
var token_cache = __webpack_require__(15441);
;// CONCATENATED MODULE: ./src/azure/aks.ts



/** Scope of tokens for the API server of an AKS cluster with Entra ID integration. */
const AKS_SERVER_SCOPE = (/* unused pure expression or super */ null && (`${AKS_SERVER_APP_ID}/.default`));
async function aksKubeconfig(options) {
    const { arm, subscriptionId, resourceGroup, cluster, admin, logger } = options;
    const yaml = await arm.listClusterCredentials(subscriptionId, resourceGroup, cluster, admin);
    if (admin) {
        maskStatic(yaml, options.setSecret);
        logger.info(`Using admin credentials of AKS cluster ${cluster} (local accounts)`);
        return { kubeconfig: yaml, user: 'admin' };
    }
    const stripped = stripExecAuth(yaml);
    if (stripped.strippedUsers.length === 0) {
        maskStatic(yaml, options.setSecret);
        logger.info(`AKS cluster ${cluster} has no Entra ID integration: using its static user credentials`);
        return { kubeconfig: yaml, user: 'static' };
    }
    const scope = `${stripped.serverAppId ?? kubeconfig_AKS_SERVER_APP_ID}/.default`;
    logger.info(`Using Entra ID user credentials of AKS cluster ${cluster}: tokens for ${scope} come from the OIDC login (no kubelogin)`);
    return {
        kubeconfig: stripped.yaml,
        user: 'token-provider',
        tokenProvider: (0,token_cache/* tokenSource */.Z)(options.credential, scope, { setSecret: options.setSecret }),
    };
}
function maskStatic(yaml, setSecret) {
    for (const secret of kubeconfigSecrets(yaml))
        setSecret(secret);
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


/***/ })

};
