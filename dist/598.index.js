export const id = 598;
export const ids = [598];
export const modules = {

/***/ 27932:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  N: () => (/* binding */ connect),
  b: () => (/* binding */ connectCluster)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(33243);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/kube/kubeconfig-secrets.ts
/** Names of config keys, env variables and flags whose value is a credential. */
const SECRET_NAME = /token|secret|password|passwd|credential|key/i;
const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const kubeconfig_secrets_text = (v) => (typeof v === 'string' && v !== '' ? [v] : []);
/** The lines of a base64 PEM's body, long enough not to mask ordinary words. */
function pemBodyLines(base64) {
    const pem = Buffer.from(base64, 'base64').toString('utf8');
    return pem.split(/\r?\n/).filter((line) => line.length >= 16 && !line.startsWith('-----'));
}
function providerSecrets(config) {
    if (!isMap(config))
        return [];
    return Object.entries(config)
        .filter(([key]) => SECRET_NAME.test(key))
        .flatMap(([, value]) => kubeconfig_secrets_text(value));
}
/** `--token value`, `--client-secret=value` and env entries named like secrets. */
function execSecrets(exec) {
    if (!isMap(exec))
        return [];
    const out = [];
    const args = Array.isArray(exec.args) ? exec.args : [];
    args.forEach((arg, i) => {
        if (typeof arg !== 'string' || !arg.startsWith('-'))
            return;
        const [flag = '', inline] = arg.split(/=(.*)/s);
        if (!SECRET_NAME.test(flag))
            return;
        out.push(...kubeconfig_secrets_text(inline ?? args[i + 1]));
    });
    const env = Array.isArray(exec.env) ? exec.env : [];
    for (const entry of env.filter(isMap))
        if (typeof entry.name === 'string' && SECRET_NAME.test(entry.name))
            out.push(...kubeconfig_secrets_text(entry.value));
    return out;
}
function keySecrets(keyData, certData) {
    return [...kubeconfig_secrets_text(keyData), ...kubeconfig_secrets_text(keyData).flatMap(pemBodyLines), ...kubeconfig_secrets_text(certData)];
}
function urlPassword(value) {
    if (typeof value !== 'string' || !value.includes('@'))
        return [];
    try {
        return kubeconfig_secrets_text(decodeURIComponent(new URL(value).password));
    }
    catch {
        return [];
    }
}
/** Credentials in a parsed kubeconfig document (its file form). */
function documentSecrets(doc) {
    if (!isMap(doc))
        return [];
    const users = Array.isArray(doc.users) ? doc.users : [];
    const clusters = Array.isArray(doc.clusters) ? doc.clusters : [];
    const fromUsers = users.filter(isMap).flatMap((entry) => {
        const u = isMap(entry.user) ? entry.user : {};
        return [
            ...kubeconfig_secrets_text(u.token),
            ...kubeconfig_secrets_text(u.password),
            ...keySecrets(u['client-key-data'], u['client-certificate-data']),
            ...providerSecrets(isMap(u['auth-provider']) ? u['auth-provider'].config : undefined),
            ...execSecrets(u.exec),
        ];
    });
    const fromClusters = clusters.filter(isMap).flatMap((entry) => {
        const c = isMap(entry.cluster) ? entry.cluster : {};
        return [...urlPassword(c.server), ...urlPassword(c['proxy-url'])];
    });
    return unique([...fromUsers, ...fromClusters]);
}
/** Credentials of client-node's loaded users and clusters (token-file content included). */
function loadedSecrets(kc) {
    const fromUsers = kc.users.flatMap((u) => [
        ...kubeconfig_secrets_text(u.token),
        ...kubeconfig_secrets_text(u.password),
        ...keySecrets(u.keyData, u.certData),
        ...providerSecrets(u.authProvider?.config),
        ...execSecrets(u.exec),
    ]);
    const fromClusters = kc.clusters.flatMap((c) => [
        ...urlPassword(c.server),
        ...urlPassword(c.proxyUrl),
    ]);
    return unique([...fromUsers, ...fromClusters]);
}
function unique(values) {
    return [...new Set(values)];
}

;// CONCATENATED MODULE: ./src/kube/config.ts
// Which cluster pgha talks to, as a client-node KubeConfig: an AKS cluster's credentials
// fetched after the OIDC login (Entra ID tokens supplied by a client-node authenticator, no
// kubelogin), the `kubeconfig` input, or KUBECONFIG / ~/.kube/config. client-node is imported
// only here and only when a run contacts a cluster. A supplied kubeconfig's credentials are
// masked as soon as it is read; one that does not parse is reported without quoting it.







/** KUBECONFIG's files, or ~/.kube/config; an error when none exists. */
function defaultKubeconfigSource(env) {
    const fromEnv = (env.KUBECONFIG ?? '').split(external_node_path_.delimiter).filter(Boolean);
    const paths = fromEnv.length > 0 ? fromEnv : [(0,external_node_path_.join)(env.HOME ?? (0,external_node_os_.homedir)(), '.kube', 'config')];
    const present = paths.filter((p) => (0,external_node_fs_.existsSync)(p));
    if (present.length === 0)
        throw new errors/* ConfigurationError */.j1(`input 'kubeconfig': no cluster to talk to: ${fromEnv.length > 0 ? `KUBECONFIG names ${paths.join(', ')}, which do not exist` : `${paths[0] ?? '~/.kube/config'} does not exist`}. ` +
            'Give the AKS inputs (azure-client-id, azure-tenant-id, azure-subscription-id, resource-group, aks-cluster), the kubeconfig input, or a KUBECONFIG file (example: kubeconfig: ${{ secrets.KUBECONFIG }})');
    return { kind: 'file', paths: present };
}
const EXAMPLE = 'the output of az aks get-credentials --file -';
/** Parses each supplied document and masks its credentials before client-node sees it. */
async function maskSupplied(source, setSecret) {
    if (source.kind === 'aks')
        return; // aks.ts masked the static credentials it fetched
    const documents = source.kind === 'input'
        ? [{ where: 'the kubeconfig input', text: source.yaml }]
        : await Promise.all(source.paths.map(async (p) => ({ where: p, text: await (0,promises_.readFile)(p, 'utf8') })));
    for (const { where, text } of documents) {
        let doc;
        try {
            doc = (0,js_yaml/* load */.Hh)(text);
        }
        catch (error) {
            throw notValid(where, `valid YAML (${yamlProblem(error)})`);
        }
        for (const secret of documentSecrets(doc))
            setSecret(secret);
        if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
            // A lone scalar is most likely a token pasted in place of a kubeconfig.
            if (typeof doc === 'string' && doc.trim())
                setSecret(doc.trim());
            throw notValid(where, 'a YAML mapping with clusters, users and contexts');
        }
    }
}
function notValid(where, what) {
    return new errors/* ConfigurationError */.j1(`input 'kubeconfig': ${where} is not ${what} (example: ${EXAMPLE})`);
}
/** js-yaml's reason and position; its message would quote the offending lines. */
function yamlProblem(error) {
    if (!(error instanceof js_yaml/* YAMLException */.tB))
        return 'it cannot be parsed';
    const at = error.mark ? ` at line ${error.mark.line + 1}, column ${error.mark.column + 1}` : '';
    return `${error.reason}${at}`;
}
/** client-node's own shape errors name a field, never a value; anything else is not repeated. */
function shapeProblem(error) {
    const message = error instanceof Error ? error.message : '';
    return /^(clusters|users|contexts)\[\d+\](\.[\w.]+)? is missing$/.test(message)
        ? message
        : 'it does not have the shape of a kubeconfig';
}
async function loadKubeConfig(source, context, setSecret) {
    await maskSupplied(source, setSecret);
    const { KubeConfig } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(329)]).then(__webpack_require__.bind(__webpack_require__, 53329));
    const kc = new KubeConfig();
    const tokenProvider = source.kind === 'aks' ? source.tokenProvider : undefined;
    if (tokenProvider) {
        kc.addAuthenticator({
            // Built-in authenticators (exec, oidc, ...) are asked first; the stripped AKS user has none.
            isAuthProvider: () => true,
            applyAuthentication: async (_user, opts) => {
                const token = await tokenProvider();
                opts.headers = {
                    ...opts.headers,
                    Authorization: `Bearer ${token}`,
                };
            },
        });
    }
    try {
        if (source.kind === 'file') {
            if (source.paths.length === 1)
                kc.loadFromFile(source.paths[0] ?? '');
            else
                kc.loadFromDefault({}, false);
        }
        else {
            kc.loadFromString(source.yaml);
        }
    }
    catch (error) {
        throw notValid(describeSource(source), `a valid kubeconfig: ${shapeProblem(error)}`);
    }
    // The users as client-node resolved them: token-file contents, every file of KUBECONFIG.
    if (source.kind !== 'aks')
        for (const secret of loadedSecrets(kc))
            setSecret(secret);
    selectContext(kc, context);
    const server = kc.getCurrentCluster()?.server;
    if (!server)
        throw new errors/* ConfigurationError */.j1(`input 'context': context '${kc.getCurrentContext()}' of ${describeSource(source)} names no cluster with a server (example: context: aks-pg)`);
    return {
        kc,
        server,
        context: kc.getCurrentContext(),
        description: describeSource(source),
        ...(tokenProvider ? { tokenProvider } : {}),
    };
}
function selectContext(kc, context) {
    const names = kc.getContexts().map((c) => c.name);
    if (context !== undefined) {
        if (!names.includes(context))
            throw new errors/* ConfigurationError */.j1(`input 'context': '${context}' is not a context of the kubeconfig; it has ${names.join(', ') || 'none'} (example: context: ${names[0] ?? 'aks-pg'})`);
        kc.setCurrentContext(context);
    }
    else if (!kc.getCurrentContext() && names[0]) {
        kc.setCurrentContext(names[0]);
    }
}
function describeSource(source) {
    if (source.kind === 'aks')
        return source.description;
    if (source.kind === 'input')
        return 'the kubeconfig input';
    return source.paths.join(external_node_path_.delimiter);
}
/**
 * Writes the configuration pgha used, mode 600, for later kubectl steps. Users served by the
 * token provider get its current token as a static one (valid until it expires, about 1 h).
 */
async function writeKubeconfigFile(loaded, dir) {
    const config = (0,js_yaml/* load */.Hh)(loaded.kc.exportConfig());
    if (loaded.tokenProvider) {
        const token = await loaded.tokenProvider();
        for (const u of config.users ?? [])
            u.user = { ...u.user, token };
    }
    await (0,promises_.mkdir)(dir, { recursive: true });
    const file = (0,external_node_path_.join)(dir, `kubeconfig-${process.pid}-${Date.now().toString(36)}`);
    await (0,promises_.writeFile)(file, (0,js_yaml/* dump */.Bh)(config), { mode: 0o600 });
    await (0,promises_.chmod)(file, 0o600);
    return file;
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
// EXTERNAL MODULE: ./src/kube/errors.ts
var kube_errors = __webpack_require__(23646);
;// CONCATENATED MODULE: ./src/kube/http.ts
// The Kubernetes REST client pgha uses: JSON requests and watch streams over node:https with
// the TLS and credentials that @kubernetes/client-node's KubeConfig resolves. Transient
// failures (429, 5xx, connection resets) are retried with bounded, jittered backoff; every
// request is counted so that benchmarks and summaries can say what a run cost.



const DEFAULT_RETRY = { maxAttempts: 6, baseDelayMs: 250, maxDelayMs: 8000 };
class KubeHttp {
    server;
    /** Requests sent, retries included (watch connections count once each). */
    requests = 0;
    #kc;
    #retry;
    #options;
    /** The TLS agent of the first request, reused so that connections and sessions are too. */
    #agent;
    constructor(kc, options = {}) {
        this.#kc = kc;
        this.server = kc.getCurrentCluster()?.server ?? '';
        this.#retry = options.retry ?? DEFAULT_RETRY;
        this.#options = options;
    }
    /** One JSON request, retried while the failure is transient. */
    async json(req) {
        for (let attempt = 1;; attempt++) {
            try {
                return await this.#once(req);
            }
            catch (error) {
                const delay = this.retryDelay(error, attempt);
                if (delay === undefined)
                    throw error;
                this.#options.onRetry?.(describeFailure(error), attempt, delay);
                await (this.#options.sleep ?? sleep)(delay);
            }
        }
    }
    /** One request whose answer is plain text (pods/log), retried like json(). */
    async text(req) {
        for (let attempt = 1;; attempt++) {
            try {
                return (await this.#once(req, false)).body;
            }
            catch (error) {
                const delay = this.retryDelay(error, attempt);
                if (delay === undefined)
                    throw error;
                this.#options.onRetry?.(describeFailure(error), attempt, delay);
                await (this.#options.sleep ?? sleep)(delay);
            }
        }
    }
    /** Delay before the next attempt, or undefined when the error is final or attempts are spent. */
    retryDelay(error, attempt) {
        if (attempt >= this.#retry.maxAttempts)
            return undefined;
        if (error instanceof kube_errors/* KubeApiError */.W3) {
            if (!error.transient)
                return undefined;
            if (error.retryAfterSeconds !== undefined)
                return Math.min(error.retryAfterSeconds * 1000, this.#retry.maxDelayMs);
        }
        else if (!isTransportError(error)) {
            return undefined;
        }
        const cap = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1));
        const random = this.#options.random ?? Math.random;
        return Math.round(cap / 2 + (random() * cap) / 2);
    }
    /** Opens a streaming GET (watch); resolves with the response once headers arrive. */
    async stream(path, query, signal) {
        const options = await this.#requestOptions('GET', path, query);
        this.requests++;
        return new Promise((resolve, reject) => {
            const req = this.#send(options, (res) => {
                resolve(res);
            });
            const abort = () => req.destroy(new Error('aborted'));
            signal.addEventListener('abort', abort, { once: true });
            req.on('error', reject);
            req.on('close', () => {
                signal.removeEventListener('abort', abort);
            });
            req.end();
        });
    }
    async #once(req, parse = true) {
        const options = await this.#requestOptions(req.method, req.path, req.query ?? {});
        const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
        if (payload !== undefined) {
            options.headers = {
                ...options.headers,
                'content-type': req.contentType ?? 'application/json',
                'content-length': Buffer.byteLength(payload),
            };
        }
        this.requests++;
        const { status, text, retryAfter } = await new Promise((resolve, reject) => {
            const r = this.#send(options, (res) => {
                const chunks = [];
                res.on('data', (c) => chunks.push(c));
                res.on('error', reject);
                res.on('end', () => {
                    const header = res.headers['retry-after'];
                    resolve({
                        status: res.statusCode ?? 0,
                        text: Buffer.concat(chunks).toString('utf8'),
                        ...(typeof header === 'string' ? { retryAfter: header } : {}),
                    });
                });
            });
            r.setTimeout(30_000, () => r.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
            r.on('error', (e) => {
                reject((0,kube_errors/* transportError */.WQ)(e, req.context, this.server));
            });
            r.end(payload);
        });
        if (status === 404 && req.allowNotFound)
            return { status, body: undefined };
        if (status >= 400)
            throw (0,kube_errors/* kubeApiError */.K5)(status, text, req.context, retryAfter);
        if (!parse)
            return { status, body: text };
        return { status, body: (text ? JSON.parse(text) : undefined) };
    }
    async #requestOptions(method, path, query) {
        const base = new URL(this.server);
        const url = new URL(base.pathname.replace(/\/$/, '') + path, base);
        for (const [k, v] of Object.entries(query))
            if (v !== undefined)
                url.searchParams.set(k, v);
        const options = {
            protocol: url.protocol,
            hostname: url.hostname.replace(/^\[|\]$/g, ''),
            port: url.port,
            path: `${url.pathname}${url.search}`,
            method,
            headers: {
                accept: 'application/json',
                'user-agent': this.#options.userAgent ?? 'pgha',
            },
        };
        await this.#kc.applyToHTTPSOptions(options);
        if (this.#agent)
            options.agent = this.#agent;
        else
            this.#agent = options.agent;
        return options;
    }
    #send(options, onResponse) {
        return options.protocol === 'http:'
            ? (0,external_node_http_.request)(options, onResponse)
            : (0,external_node_https_.request)(options, onResponse);
    }
}
function isTransportError(error) {
    return error instanceof Error && 'transport' in error;
}
function describeFailure(error) {
    return error instanceof Error ? error.message : String(error);
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

;// CONCATENATED MODULE: ./src/actions/connect.ts


/** The connect phase of every action: connect, then write-kubeconfig (output kubeconfig-path). */
async function connectCluster(inputs, ctx, outputs) {
    const conn = await connect(inputs, ctx);
    if (inputs.writeKubeconfig) {
        const path = await writeKubeconfigFile(conn.config, ctx.env.RUNNER_TEMP ?? '/tmp');
        outputs.output('kubeconfig-path', path);
        ctx.logger.info(`Wrote the kubeconfig for later steps to ${path}`);
    }
    return conn;
}
async function connect(inputs, ctx) {
    const azure = inputs.azure ? await loginToAzure(inputs, ctx) : undefined;
    const source = await kubeSource(inputs, ctx, azure);
    const config = await loadKubeConfig(source, inputs.context, ctx.setSecret);
    ctx.logger.info(`Kubernetes API ${config.server} (context ${config.context}, from ${config.description})`);
    const http = new KubeHttp(config.kc, {
        userAgent: `pgha/${ctx.env.GITHUB_ACTION_REF ?? 'dev'}`,
        onRetry: (what, attempt, delay) => {
            ctx.logger.info(`Retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1}) after: ${what}`);
        },
    });
    return { config, http, ...(azure ? { azure } : {}) };
}
async function loginToAzure(inputs, ctx) {
    const login = inputs.azure;
    if (!login)
        throw new Error('loginToAzure without Azure inputs');
    const [{ azureCredential }, { createArmClient }] = await Promise.all([
        __webpack_require__.e(/* import() */ 310).then(__webpack_require__.bind(__webpack_require__, 14310)),
        __webpack_require__.e(/* import() */ 173).then(__webpack_require__.bind(__webpack_require__, 16173)),
    ]);
    const federatedTokenFile = ctx.env.ACTIONS_ID_TOKEN_REQUEST_URL
        ? undefined
        : ctx.env.AZURE_FEDERATED_TOKEN_FILE;
    const credential = await azureCredential({
        tenantId: login.tenantId,
        clientId: login.clientId,
        authorityHost: inputs.authorityHost,
        getIdToken: ctx.getIdToken,
        ...(federatedTokenFile ? { federatedTokenFile } : {}),
        logger: ctx.logger,
        setSecret: ctx.setSecret,
    });
    const arm = createArmClient({
        credential,
        endpoint: inputs.armEndpoint,
        logger: ctx.logger,
        setSecret: ctx.setSecret,
    });
    return { credential, arm };
}
async function kubeSource(inputs, ctx, azure) {
    if (inputs.kubeconfig !== undefined)
        return { kind: 'input', yaml: inputs.kubeconfig };
    if (azure && inputs.azure && inputs.aks) {
        const { aksKubeconfig } = await __webpack_require__.e(/* import() */ 945).then(__webpack_require__.bind(__webpack_require__, 16945));
        const aks = await aksKubeconfig({
            credential: azure.credential,
            arm: azure.arm,
            subscriptionId: inputs.azure.subscriptionId,
            resourceGroup: inputs.aks.resourceGroup,
            cluster: inputs.aks.cluster,
            admin: inputs.aks.admin,
            logger: ctx.logger,
            setSecret: ctx.setSecret,
        });
        return {
            kind: 'aks',
            yaml: aks.kubeconfig,
            ...(aks.tokenProvider ? { tokenProvider: aks.tokenProvider } : {}),
            description: `AKS cluster ${inputs.aks.cluster} (${aks.user === 'token-provider' ? 'Entra ID user credentials' : `${aks.user} credentials`})`,
        };
    }
    return defaultKubeconfigSource(ctx.env);
}


/***/ }),

/***/ 13718:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hd: () => (/* binding */ objectName),
/* harmony export */   I3: () => (/* binding */ sqlIdentifier),
/* harmony export */   N3: () => (/* binding */ httpsUrl),
/* harmony export */   Os: () => (/* binding */ guid),
/* harmony export */   SL: () => (/* binding */ clusterName),
/* harmony export */   Sl: () => (/* binding */ image),
/* harmony export */   _8: () => (/* binding */ httpsOrigin),
/* harmony export */   au: () => (/* binding */ quantity),
/* harmony export */   dz: () => (/* binding */ namespaceName),
/* harmony export */   mB: () => (/* binding */ ParseError),
/* harmony export */   nd: () => (/* binding */ integer),
/* harmony export */   p0: () => (/* binding */ duration),
/* harmony export */   pF: () => (/* binding */ singleLine),
/* harmony export */   yL: () => (/* binding */ oneOf),
/* harmony export */   zM: () => (/* binding */ boolean)
/* harmony export */ });
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
/** A Kubernetes resource quantity above zero (and at most max): 64Gi, 500Mi, 2, 500m, 1e3. */
function quantity(raw, example, max = Number.MAX_SAFE_INTEGER) {
    singleLine(raw, example);
    const m = /^(\d+(?:\.\d+)?|\.\d+)(?:([eE][-+]?\d+)|(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?)$/.exec(raw);
    if (!m?.[1])
        throw new ParseError(`'${raw}' is not a Kubernetes quantity`, example);
    const value = Number(m[1] + (m[2] ?? '')) * (SUFFIX[m[3] ?? ''] ?? 1);
    if (!(value > 0))
        throw new ParseError(`'${raw}' must be above zero`, example);
    if (!(value <= max))
        throw new ParseError(`'${raw}' is above ${binarySize(max)}`, example);
    return { text: raw, value };
}
/** A size in the largest binary unit that divides it: 2^46 -> 64Ti. */
function binarySize(bytes) {
    const units = ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'];
    const unit = units.find((u) => bytes % (SUFFIX[u] ?? 1) === 0);
    return unit ? `${bytes / (SUFFIX[unit] ?? 1)}${unit}` : String(bytes);
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
/** Durations such as 15m, 90s, 1h30m, 500ms; at most maxMs. */
function duration(raw, example = '15m', maxMs = Number.MAX_SAFE_INTEGER) {
    singleLine(raw, example);
    if (!/^(\d+(ms|s|m|h))+$/.test(raw))
        throw new ParseError(`'${raw}' is not a duration of h, m, s or ms`, example);
    let ms = 0;
    for (const [, n, unit] of raw.matchAll(/(\d+)(ms|s|m|h)/g))
        ms += Number(n) * (UNIT_MS[unit ?? ''] ?? 0);
    if (ms <= 0)
        throw new ParseError(`'${raw}' must be longer than zero`, example);
    if (!(ms <= maxMs))
        throw new ParseError(`'${raw}' is longer than ${durationText(maxMs)}`, example);
    return ms;
}
/** 86400000 -> 24h, 90000 -> 90s: the largest unit that divides the duration. */
function durationText(ms) {
    const unit = ['h', 'm', 's'].find((u) => ms % (UNIT_MS[u] ?? 1) === 0) ?? 'ms';
    return `${ms / (UNIT_MS[unit] ?? 1)}${unit}`;
}
/** Exactly what core.getBooleanInput accepts (YAML 1.2 core booleans), nothing else. */
function boolean(raw) {
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
function image(raw) {
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
/** An https origin (no path), e.g. an authority host or ARM endpoint of a sovereign cloud. */
function httpsOrigin(raw, example) {
    const url = httpsUrl(raw, example);
    if (url.pathname !== '/')
        throw new ParseError('must be an origin without a path', example);
    return url.origin;
}
/** An https URL without credentials, query or fragment (a path is allowed). */
function httpsUrl(raw, example) {
    let url;
    try {
        url = new URL(singleLine(raw, example));
    }
    catch (error) {
        if (error instanceof ParseError)
            throw error;
        url = undefined;
    }
    if (url?.protocol !== 'https:')
        throw new ParseError('is not an https URL', example);
    if (url.search || url.hash || url.username || url.password)
        throw new ParseError('must be a URL without query, fragment or credentials', example);
    return url;
}


/***/ }),

/***/ 44245:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cN: () => (/* binding */ inputReader),
/* harmony export */   lS: () => (/* binding */ readSharedInputs),
/* harmony export */   mn: () => (/* binding */ MAX_TIMEOUT_MS),
/* harmony export */   qA: () => (/* binding */ readShared)
/* harmony export */ });
/* unused harmony export InputReader */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(13718);
/* harmony import */ var _spec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(27026);
// Readers: every input read once into one deep-frozen typed object before any network call.
// Every problem is collected and reported at once as an InputError.



/**
 * Reads raw values (the spec's default when empty) and collects problems by input name.
 * Names are typed from the spec, so a misspelt input does not compile; defaults come only
 * from the spec.
 */
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
    /**
     * An input with a default in the spec: its value; when the value is bad (recorded), the
     * spec default's, so that later checks see a plausible value.
     */
    value(name, parse) {
        const parsed = this.optional(name, parse);
        if (parsed !== undefined)
            return parsed;
        const fallback = this.#specs[name]?.default;
        if (fallback === undefined)
            throw new Error(`input ${name} has no default in the spec`);
        return parse(fallback);
    }
    attempt(name, fn) {
        try {
            return fn();
        }
        catch (e) {
            if (!(e instanceof _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .ParseError */ .mB))
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(this.problems);
        return deepFreeze(value);
    }
}
/** A reader for the inputs of one spec: names and defaulted names typed from it. */
function inputReader(get, specs) {
    return new InputReader(get, specs);
}
function deepFreeze(value) {
    if (value && typeof value === 'object') {
        Object.values(value).forEach((v) => deepFreeze(v));
        Object.freeze(value);
    }
    return value;
}
const AZURE = ['azure-client-id', 'azure-tenant-id', 'azure-subscription-id'];
/** A step that runs longer is stuck; GitHub-hosted jobs stop after 6 h anyway. */
const MAX_TIMEOUT_MS = 24 * 3_600_000;
function readShared(r) {
    const [clientId, tenantId, subscriptionId] = AZURE.map((n) => r.optional(n, _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .guid */ .Os));
    const resourceGroup = r.optional('resource-group', (v) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .singleLine */ .pF)(v, 'rg-pg'));
    const aksCluster = r.optional('aks-cluster', (v) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .singleLine */ .pF)(v, 'aks-pg'));
    const kubeconfig = r.raw('kubeconfig') || undefined;
    checkAzureCombination(r, {
        clientId,
        tenantId,
        subscriptionId,
        resourceGroup,
        aksCluster,
        kubeconfig,
    });
    const admin = r.value('aks-admin', _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zM);
    return {
        kubeconfig,
        context: r.optional('context', (v) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .singleLine */ .pF)(v, 'aks-pg')),
        azure: clientId && tenantId && subscriptionId ? { clientId, tenantId, subscriptionId } : undefined,
        aks: resourceGroup && aksCluster ? { resourceGroup, cluster: aksCluster, admin } : undefined,
        authorityHost: r.value('azure-authority-host', (v) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .httpsOrigin */ ._8)(v, 'https://login.microsoftonline.us')),
        armEndpoint: r.value('arm-endpoint', (v) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .httpsOrigin */ ._8)(v, 'https://management.usgovcloudapi.net')),
        writeKubeconfig: r.value('write-kubeconfig', _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zM),
        namespace: r.value('namespace', _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .namespaceName */ .dz),
        clusterName: r.required('cluster-name', _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .clusterName */ .SL, 'pg-orders'),
        timeoutMs: r.value('timeout', (v) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .duration */ .p0)(v, '15m', MAX_TIMEOUT_MS)),
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
    const r = inputReader(get, _spec_js__WEBPACK_IMPORTED_MODULE_2__/* .SHARED_INPUTS */ .or);
    return r.finish(readShared(r));
}


/***/ }),

/***/ 23646:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K5: () => (/* binding */ kubeApiError),
/* harmony export */   W3: () => (/* binding */ KubeApiError),
/* harmony export */   WQ: () => (/* binding */ transportError)
/* harmony export */ });
/* harmony import */ var _log_safety_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8224);
// Errors of the Kubernetes API as pgha reports them: what pgha was doing, the API's status
// and reason, the fields it names, and a hint for the failures users meet most. The API's
// own words are kept on one line: they end up in the log.

const HINTS = {
    401: 'The credentials were refused: check the kubeconfig, or the Azure login and aks-cluster.',
    403: 'The identity lacks RBAC permission: grant it, e.g. the Azure Kubernetes Service RBAC Cluster Admin role on the cluster, or use aks-admin: true where local accounts are enabled.',
};
class KubeApiError extends Error {
    name = 'KubeApiError';
    status;
    reason;
    causes;
    retryAfterSeconds;
    constructor(status, reason, message, causes, retryAfterSeconds) {
        super(message);
        this.status = status;
        this.reason = reason;
        this.causes = causes;
        if (retryAfterSeconds !== undefined)
            this.retryAfterSeconds = retryAfterSeconds;
    }
    /** 429 Too Many Requests and server-side errors pass; the rest is the request's fault. */
    get transient() {
        return this.status === 429 || (this.status >= 500 && this.status !== 501);
    }
}
function kubeApiError(status, text, context, retryAfter) {
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        body = { message: text.slice(0, 300) };
    }
    const reason = (0,_log_safety_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .T)(body.reason ?? `HTTP ${status}`);
    const hint = HINTS[status];
    const message = `${context}: ${status} ${reason}: ${(0,_log_safety_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .T)(body.message ?? '')}${hint ? `. ${hint}` : ''}`;
    const seconds = retryAfter === undefined ? undefined : Number(retryAfter);
    return new KubeApiError(status, reason, message, body.details?.causes ?? [], seconds !== undefined && Number.isFinite(seconds) ? seconds : undefined);
}
/** A connection-level failure (refused, reset, timed out), marked as retryable. */
function transportError(error, context, server) {
    const code = error.code;
    const reason = code ? `${code} (${error.message})` : error.message;
    return Object.assign(new Error(`${context}: cannot reach the API server ${server}: ${reason}`), {
        transport: true,
        cause: error,
    });
}


/***/ }),

/***/ 26804:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   du: () => (/* binding */ objectPath),
/* harmony export */   v8: () => (/* binding */ describeObject),
/* harmony export */   wn: () => (/* binding */ CNPG_CLUSTER),
/* harmony export */   yb: () => (/* binding */ collectionPath)
/* harmony export */ });
/* unused harmony export groupVersionPath */
// REST paths of the kinds pgha writes. A fixed table instead of discovery: pgha knows what it
// renders, and one fewer round trip per kind keeps a deploy within its request budget.
const PLURALS = {
    Namespace: 'namespaces',
    Secret: 'secrets',
    ConfigMap: 'configmaps',
    Service: 'services',
    ServiceAccount: 'serviceaccounts',
    Pod: 'pods',
    Event: 'events',
    PersistentVolumeClaim: 'persistentvolumeclaims',
    Cluster: 'clusters',
    Backup: 'backups',
    ScheduledBackup: 'scheduledbackups',
    Pooler: 'poolers',
    ObjectStore: 'objectstores',
    PodMonitor: 'podmonitors',
};
const CLUSTER_SCOPED = new Set(['Namespace']);
/** /api/v1 or /apis/<group>/<version>. */
function groupVersionPath(apiVersion) {
    return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}
/** Collection path of a kind in a namespace (or cluster-wide for Namespace). */
function collectionPath(apiVersion, kind, namespace) {
    const plural = PLURALS[kind];
    if (!plural)
        throw new Error(`pgha does not know the REST path of kind ${kind}`);
    const scope = CLUSTER_SCOPED.has(kind) || !namespace ? '' : `/namespaces/${namespace}`;
    return `${groupVersionPath(apiVersion)}${scope}/${plural}`;
}
function objectPath(obj) {
    const base = collectionPath(obj.apiVersion, obj.kind, obj.metadata.namespace);
    return `${base}/${encodeURIComponent(obj.metadata.name)}`;
}
function describeObject(obj) {
    return `${obj.kind} ${obj.metadata.name}`;
}
const CNPG_CLUSTER = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster' };


/***/ }),

/***/ 87002:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FR: () => (/* binding */ WatchTimeout),
/* harmony export */   fm: () => (/* binding */ waitFor)
/* harmony export */ });
/* unused harmony export watchBackoff */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(23646);

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 4000;
/** A watch that ends sooner than this without delivering a change ended "at once". */
const SHORT_WATCH_MS = 2000;
/** Delay before the next watch after `attempt` broken ones in a row: [cap/2, cap], cap doubling. */
function watchBackoff(attempt, random = Math.random) {
    const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
    return Math.round(cap / 2 + (random() * cap) / 2);
}
class WatchTimeout extends Error {
    name = 'WatchTimeout';
    last;
    constructor(what, last) {
        super(`timed out waiting for ${what}`);
        this.last = last;
    }
}
async function waitFor(http, target, hooks) {
    const now = hooks.now ?? Date.now;
    const fieldSelector = `metadata.name=${target.name}`;
    let last;
    let resourceVersion;
    let failures = 0;
    let broken = 0;
    for (;;) {
        hooks.signal?.throwIfAborted();
        if (now() >= hooks.deadline)
            throw new WatchTimeout(target.what, last);
        try {
            if (resourceVersion === undefined) {
                const list = await http.json({
                    method: 'GET',
                    path: target.collection,
                    query: { fieldSelector },
                    context: `listing ${target.what}`,
                });
                last = list.body.items[0];
                resourceVersion = list.body.metadata.resourceVersion;
                const done = hooks.check(last);
                if (done !== undefined)
                    return done;
            }
            const opened = now();
            const outcome = await watchOnce(http, target, fieldSelector, resourceVersion, hooks, now);
            failures = 0;
            if (outcome.kind === 'done')
                return outcome.value;
            hooks.signal?.throwIfAborted();
            last = outcome.last ?? last;
            resourceVersion = outcome.resourceVersion;
            if (outcome.reason === 'deadline')
                continue;
            hooks.onReconnect?.(outcome.reason);
            const atOnce = outcome.changes === 0 && now() - opened < SHORT_WATCH_MS;
            broken = outcome.error || atOnce ? broken + 1 : 0;
            if (broken > 0)
                await pause(watchBackoff(broken, hooks.random), hooks, now);
        }
        catch (error) {
            hooks.signal?.throwIfAborted();
            failures++;
            const delay = http.retryDelay(error, failures);
            if (delay === undefined)
                throw error;
            hooks.onReconnect?.(error instanceof Error ? error.message : String(error));
            await pause(delay, hooks, now);
        }
    }
}
/** Waits ms, but not past the deadline nor once the signal aborts. */
function pause(ms, hooks, now) {
    return new Promise((r) => {
        const done = () => {
            clearTimeout(timer);
            hooks.signal?.removeEventListener('abort', done);
            r();
        };
        const timer = setTimeout(done, Math.min(ms, Math.max(0, hooks.deadline - now())));
        hooks.signal?.addEventListener('abort', done, { once: true });
    });
}
/** One watch connection, until the predicate holds, the stream ends, or the deadline. */
async function watchOnce(http, target, fieldSelector, resourceVersion, hooks, now) {
    const controller = new AbortController();
    const remaining = Math.max(1, Math.ceil((hooks.deadline - now()) / 1000));
    const stop = () => {
        controller.abort();
    };
    const timer = setTimeout(stop, hooks.deadline - now());
    hooks.signal?.addEventListener('abort', stop, { once: true });
    try {
        const res = await http.stream(target.collection, {
            watch: 'true',
            fieldSelector,
            resourceVersion,
            allowWatchBookmarks: 'true',
            timeoutSeconds: String(Math.min(remaining, 300)),
        }, controller.signal);
        if ((res.statusCode ?? 0) >= 400)
            throw await statusError(res, target.what);
        return await readEvents(res, resourceVersion, hooks);
    }
    catch (error) {
        if (controller.signal.aborted)
            return { kind: 'ended', reason: 'deadline', resourceVersion, changes: 0, error: false };
        throw error;
    }
    finally {
        clearTimeout(timer);
        hooks.signal?.removeEventListener('abort', stop);
        controller.abort();
    }
}
async function readEvents(res, startVersion, hooks) {
    let version = startVersion;
    let last;
    let changes = 0;
    let buffer = '';
    try {
        for await (const chunk of res) {
            buffer += String(chunk);
            let newline;
            while ((newline = buffer.indexOf('\n')) >= 0) {
                const line = buffer.slice(0, newline).trim();
                buffer = buffer.slice(newline + 1);
                if (!line)
                    continue;
                const event = JSON.parse(line);
                if (event.type === 'ERROR') {
                    // 410 Gone: the version is too old; list again.
                    const gone = event.object.code === 410;
                    return {
                        kind: 'ended',
                        reason: event.object.message ?? 'watch error',
                        resourceVersion: gone ? undefined : version,
                        changes,
                        error: true,
                    };
                }
                version = event.object.metadata.resourceVersion ?? version;
                if (event.type === 'BOOKMARK')
                    continue;
                changes++;
                last = event.type === 'DELETED' ? undefined : event.object;
                const done = hooks.check(last);
                if (done !== undefined)
                    return { kind: 'done', value: done };
            }
        }
    }
    catch (error) {
        return {
            kind: 'ended',
            reason: `watch connection lost (${String(error)})`,
            resourceVersion: version,
            ...(last ? { last } : {}),
            changes,
            error: false,
        };
    }
    return {
        kind: 'ended',
        reason: 'watch connection closed',
        resourceVersion: version,
        ...(last ? { last } : {}),
        changes,
        error: false,
    };
}
async function statusError(res, what) {
    let text = '';
    for await (const chunk of res)
        text += String(chunk);
    const retryAfter = res.headers['retry-after'];
    return (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .kubeApiError */ .K5)(res.statusCode ?? 0, text, `watching ${what}`, typeof retryAfter === 'string' ? retryAfter : undefined);
}


/***/ }),

/***/ 54285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hg: () => (/* binding */ mermaidText),
/* harmony export */   Xo: () => (/* binding */ formatSeconds),
/* harmony export */   ZD: () => (/* binding */ escapeHtml),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   tp: () => (/* binding */ table)
/* harmony export */ });
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
/** Text that Mermaid takes as a label: no quotes, brackets, colons, semicolons or newlines. */
function mermaidText(text) {
    return text.replace(/["<>`:;#\n\r]/g, '_');
}


/***/ }),

/***/ 49211:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ phasesTable),
/* harmony export */   m: () => (/* binding */ failureSection)
/* harmony export */ });
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(54285);

const MARK = { done: '✅', failed: '❌', cancelled: '⏹️' };
function phasesTable(phases, extra = []) {
    return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .table */ .tp)(['phase', 'result', 'time'], [
        ...phases.map((p) => [p.title, `${MARK[p.outcome]} ${p.outcome}`, (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSeconds */ .Xo)(p.ms)]),
        ...extra.map(([what, time]) => [what, '', time]),
    ]);
}
/** The failure, for a person: what failed, where, and what was seen. */
function failureSection(failure) {
    const where = failure.phase ? ` in phase <b>${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeHtml */ .ZD)(failure.phase)}</b>` : '';
    const head = failure.cancelled
        ? `The run was cancelled${where}.`
        : `Failed${where}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeHtml */ .ZD)(failure.message)}`;
    const details = failure.diagnostics
        ? `\n<details open><summary>Diagnostics</summary>\n\n<pre>${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeHtml */ .ZD)(failure.diagnostics)}</pre>\n</details>\n`
        : '';
    return `> [!CAUTION]\n> ${head.replaceAll('\n', '\n> ')}\n${details}`;
}


/***/ })

};
