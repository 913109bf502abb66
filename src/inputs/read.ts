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
import { SHARED_INPUTS, type InputSpec } from './spec.ts';
import type { SharedInputs } from './types.ts';

export type GetInput = (name: string) => string;

/** Reads raw values (action.yml default when empty) and collects problems by input name. */
export class InputReader {
  readonly problems: InputProblem[] = [];
  readonly #get: GetInput;
  readonly #specs: Readonly<Record<string, InputSpec>>;

  constructor(get: GetInput, specs: Readonly<Record<string, InputSpec>>) {
    this.#get = get;
    this.#specs = specs;
  }

  raw(name: string): string {
    const value = this.#get(name).trim();
    return value === '' ? (this.#specs[name]?.default ?? '') : value;
  }

  /** Parses a set input; returns undefined when it is empty or bad (bad ones are recorded). */
  optional<T>(name: string, parse: (raw: string) => T): T | undefined {
    const raw = this.raw(name);
    return raw === '' ? undefined : this.attempt(name, () => parse(raw));
  }

  required<T>(name: string, parse: (raw: string) => T, example: string): T | undefined {
    if (this.raw(name) === '') this.problem(name, 'is required', example);
    return this.optional(name, parse);
  }

  attempt<T>(name: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      this.problem(name, e.message, e.example);
      return undefined;
    }
  }

  problem(input: string, problem: string, example: string): void {
    this.problems.push({ input, problem, example });
  }

  /** Throws every recorded problem at once, else returns the value deep-frozen. */
  finish<T>(value: T): T {
    if (this.problems.length > 0) throw new InputError(this.problems);
    return deepFreeze(value);
  }
}

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

export function readShared(r: InputReader): Partial<SharedInputs> {
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
  const admin = r.optional('aks-admin', boolean) ?? false;
  return {
    kubeconfig,
    context: r.optional('context', (v) => singleLine(v, 'aks-pg')),
    azure:
      clientId && tenantId && subscriptionId ? { clientId, tenantId, subscriptionId } : undefined,
    aks: resourceGroup && aksCluster ? { resourceGroup, cluster: aksCluster, admin } : undefined,
    authorityHost:
      r.optional('azure-authority-host', (v) =>
        httpsOrigin(v, 'https://login.microsoftonline.us'),
      ) ?? 'https://login.microsoftonline.com',
    armEndpoint:
      r.optional('arm-endpoint', (v) => httpsOrigin(v, 'https://management.usgovcloudapi.net')) ??
      'https://management.azure.com',
    writeKubeconfig: r.optional('write-kubeconfig', boolean) ?? false,
    namespace: r.required('namespace', namespaceName, 'cnpg-database'),
    clusterName: r.required('cluster-name', clusterName, 'pg-orders'),
    timeoutMs: r.required('timeout', (v) => duration(v, '15m', MAX_TIMEOUT_MS), '15m'),
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

function checkAzureCombination(r: InputReader, a: AzureRaw): void {
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
  const r = new InputReader(get, SHARED_INPUTS);
  return r.finish(readShared(r) as SharedInputs);
}
