// Readers: every input read once into one deep-frozen typed object before any network call.
// Every problem is collected and reported at once as an InputError.
import { InputError, type InputProblem } from '../errors.ts';
import {
  ParseError,
  boolean,
  clusterName,
  duration,
  guid,
  httpsOrigin,
  namespaceName,
  singleLine,
} from './parse.ts';
import { SHARED_INPUTS, type InputSpec, type SharedInputName } from './spec.ts';
import type { SharedInputs } from './types.ts';

export type GetInput = (name: string) => string;

type Specs = Readonly<Record<string, InputSpec>>;

/** Names of the inputs whose spec gives a default: they always have a value. */
export type DefaultedName<S extends Specs> = {
  [K in keyof S]: S[K] extends { readonly default: string } ? K : never;
}[keyof S] &
  string;

/**
 * Reads raw values (the spec's default when empty) and collects problems by input name.
 * Names are typed from the spec, so a misspelt input does not compile; defaults come only
 * from the spec.
 */
export class InputReader<N extends string, D extends N = never> {
  readonly problems: InputProblem[] = [];
  readonly #get: GetInput;
  readonly #specs: Specs;

  constructor(get: GetInput, specs: Specs) {
    this.#get = get;
    this.#specs = specs;
  }

  raw(name: N): string {
    const value = this.#get(name).trim();
    return value === '' ? (this.#specs[name]?.default ?? '') : value;
  }

  /** Parses a set input; returns undefined when it is empty or bad (bad ones are recorded). */
  optional<T>(name: N, parse: (raw: string) => T): T | undefined {
    const raw = this.raw(name);
    return raw === '' ? undefined : this.attempt(name, () => parse(raw));
  }

  required<T>(name: N, parse: (raw: string) => T, example: string): T | undefined {
    if (this.raw(name) === '') this.problem(name, 'is required', example);
    return this.optional(name, parse);
  }

  /**
   * An input with a default in the spec: its value; when the value is bad (recorded), the
   * spec default's, so that later checks see a plausible value.
   */
  value<T>(name: D, parse: (raw: string) => T): T {
    const parsed = this.optional(name, parse);
    if (parsed !== undefined) return parsed;
    const fallback = this.#specs[name]?.default;
    if (fallback === undefined) throw new Error(`input ${name} has no default in the spec`);
    return parse(fallback);
  }

  attempt<T>(name: N, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      this.problem(name, e.message, e.example);
      return undefined;
    }
  }

  problem(input: N, problem: string, example: string): void {
    this.problems.push({ input, problem, example });
  }

  /** Throws every recorded problem at once, else returns the value deep-frozen. */
  finish<T>(value: T): T {
    if (this.problems.length > 0) throw new InputError(this.problems);
    return deepFreeze(value);
  }
}

/** A reader for the inputs of one spec: names and defaulted names typed from it. */
export function inputReader<S extends Specs>(
  get: GetInput,
  specs: S,
): InputReader<keyof S & string, DefaultedName<S>> {
  return new InputReader(get, specs);
}

/** The reader the shared inputs are read with; every action's reader is one. */
export type SharedReader = InputReader<SharedInputName, DefaultedName<typeof SHARED_INPUTS>>;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach((v: unknown) => deepFreeze(v));
    Object.freeze(value);
  }
  return value;
}

const AZURE = ['azure-client-id', 'azure-tenant-id', 'azure-subscription-id'] as const;

/** A step that runs longer is stuck; GitHub-hosted jobs stop after 6 h anyway. */
export const MAX_TIMEOUT_MS = 24 * 3_600_000;

export function readShared(r: SharedReader): Partial<SharedInputs> {
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
  const admin = r.value('aks-admin', boolean);
  return {
    kubeconfig,
    context: r.optional('context', (v) => singleLine(v, 'aks-pg')),
    azure:
      clientId && tenantId && subscriptionId ? { clientId, tenantId, subscriptionId } : undefined,
    aks: resourceGroup && aksCluster ? { resourceGroup, cluster: aksCluster, admin } : undefined,
    authorityHost: r.value('azure-authority-host', (v) =>
      httpsOrigin(v, 'https://login.microsoftonline.us'),
    ),
    armEndpoint: r.value('arm-endpoint', (v) =>
      httpsOrigin(v, 'https://management.usgovcloudapi.net'),
    ),
    writeKubeconfig: r.value('write-kubeconfig', boolean),
    namespace: r.value('namespace', namespaceName),
    clusterName: r.required('cluster-name', clusterName, 'pg-orders'),
    timeoutMs: r.value('timeout', (v) => duration(v, '15m', MAX_TIMEOUT_MS)),
  };
}

interface AzureRaw {
  clientId?: string;
  tenantId?: string;
  subscriptionId?: string;
  resourceGroup?: string;
  aksCluster?: string;
  kubeconfig?: string;
}

function checkAzureCombination(r: SharedReader, a: AzureRaw): void {
  const login = [a.clientId, a.tenantId, a.subscriptionId].filter((v) => v !== undefined).length;
  const example = 'all three of azure-client-id, azure-tenant-id and azure-subscription-id';
  if (login > 0 && login < 3 && r.problems.every((p) => !p.input.startsWith('azure-'))) {
    r.problem('azure-client-id', 'the Azure login needs all three Azure IDs or none', example);
  }
  if ((a.resourceGroup === undefined) !== (a.aksCluster === undefined)) {
    r.problem(
      'aks-cluster',
      'resource-group and aks-cluster go together',
      'resource-group: rg-pg with aks-cluster: aks-pg',
    );
  }
  if (a.aksCluster !== undefined && login === 0) {
    r.problem('aks-cluster', 'fetching AKS credentials needs the Azure login inputs', example);
  }
  if (a.kubeconfig !== undefined && a.aksCluster !== undefined) {
    r.problem(
      'kubeconfig',
      'give either kubeconfig or an AKS cluster, not both',
      'only aks-cluster: aks-pg',
    );
  }
}

export function readSharedInputs(get: GetInput): SharedInputs {
  const r = inputReader(get, SHARED_INPUTS);
  return r.finish(readShared(r) as SharedInputs);
}
