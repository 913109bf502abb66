// The verbs of the Kubernetes API on one resource type: get, list, create, update, patch
// (merge, JSON, strategic for built-in kinds, server-side apply), delete, and the status
// subresource. Admission validates CRD objects against their schema (422 naming fields), with
// server-side field validation of unknown fields (field-validation.ts).
import { load } from 'js-yaml';
import {
  fieldsV1,
  jsonPatch,
  mergePatch,
  recordUpdate,
  serverSideApply,
  type Ownership,
} from './apply.ts';
import type { CrdInfo } from './crd-schema.ts';
import { applyDefaults } from './defaults.ts';
import {
  check,
  fieldValidation,
  invalidError,
  prune,
  strictBodyError,
  strictPatchError,
  typedPatchError,
  unknownFieldWarnings,
} from './field-validation.ts';
import type { ResourceType } from './resources.ts';
import type { MemoryStore } from './store.ts';
import { strategicMergePatch } from './strategic.ts';
import { ApiError, type DeleteOptions, type KubeObject } from './types.ts';
import { validatingWebhook } from './webhooks.ts';

export interface Target {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export interface Request {
  method: string;
  query: URLSearchParams;
  contentType: string;
  body: string;
  /** The body already decoded (a protobuf request body). */
  object?: unknown;
}

export interface Reply {
  code: number;
  body: unknown;
  /** Warning headers (unknown fields dropped under fieldValidation=Warn). */
  warnings?: string[];
}

/** How a write reached admission: a whole body (POST, PUT), a patch, or server-side apply. */
type Via = 'body' | 'patch' | 'apply';

export class Handlers {
  readonly #store: MemoryStore;
  readonly #crds: CrdInfo[];
  readonly #owners = new Map<string, Ownership>();

  constructor(store: MemoryStore, crds: CrdInfo[]) {
    this.#store = store;
    this.#crds = crds;
  }

  handle(t: Target, req: Request): Reply {
    if (!t.name) return req.method === 'POST' ? this.#create(t, req) : this.#list(t, req);
    switch (req.method) {
      case 'GET':
        return { code: 200, body: this.#decorate(this.#live(t)) };
      case 'PUT':
        return this.#write(t, req, parseBody(req) as KubeObject, 'body');
      case 'PATCH':
        return this.#patch(t, req);
      case 'DELETE':
        return this.#delete(t, req);
      default:
        throw new ApiError(
          405,
          'MethodNotAllowed',
          `${req.method} is not supported on ${t.type.plural}`,
        );
    }
  }

  #live(t: Target): KubeObject {
    const live = this.#store.get(t.type, t.namespace, t.name ?? '');
    if (!live)
      throw new ApiError(404, 'NotFound', `${t.type.plural} "${t.name ?? ''}" not found`, {
        name: t.name,
        kind: t.type.plural,
      });
    return live;
  }

  #list(t: Target, req: Request): Reply {
    const items = this.#store.list(t.type, t.namespace, {
      labelSelector: req.query.get('labelSelector') ?? undefined,
      fieldSelector: req.query.get('fieldSelector') ?? undefined,
    });
    const apiVersion = t.type.group ? `${t.type.group}/${t.type.version}` : t.type.version;
    return {
      code: 200,
      body: {
        apiVersion,
        kind: `${t.type.kind}List`,
        metadata: { resourceVersion: this.#store.resourceVersion },
        items: items.map((o) => this.#decorate(o)),
      },
    };
  }

  #create(t: Target, req: Request): Reply {
    const obj = parseBody(req) as KubeObject;
    if (t.namespace) obj.metadata.namespace = t.namespace;
    if (t.type.status && t.type.crd) delete obj.status;
    applyDefaults(t.type, obj);
    const warnings = this.#admit(t, obj, req, 'body');
    if (dryRun(req)) return { code: 201, body: obj, warnings };
    const created = this.#store.create(t.type, obj);
    recordUpdate(undefined, created, manager(req, 'Update'), this.#ownership(created));
    return { code: 201, body: this.#decorate(created), warnings };
  }

  #write(t: Target, req: Request, next: KubeObject, via: Via): Reply {
    const live = this.#live(t);
    const merged = this.#scope(t, live, next);
    applyDefaults(t.type, merged);
    const warnings = this.#admit(t, merged, req, via, live);
    if (dryRun(req)) return { code: 200, body: merged, warnings };
    const written = this.#store.replace(t.type, merged);
    recordUpdate(live, written, manager(req, 'Update'), this.#ownership(written));
    return { code: 200, body: this.#decorate(written), warnings };
  }

  /** Status subresource writes change only status; main writes keep the live status. */
  #scope(t: Target, live: KubeObject, next: KubeObject): KubeObject {
    const out = {
      ...next,
      metadata: { ...next.metadata, name: live.metadata.name, namespace: live.metadata.namespace },
    } as KubeObject;
    if (t.subresource === 'status')
      return {
        ...live,
        status: next.status ?? {},
        metadata: {
          ...live.metadata,
          resourceVersion: next.metadata.resourceVersion ?? live.metadata.resourceVersion,
        },
      };
    if (t.type.status) {
      if (live.status === undefined) delete out.status;
      else out.status = live.status;
    }
    return out;
  }

  #patch(t: Target, req: Request): Reply {
    const type = req.contentType.split(';')[0] ?? '';
    if (type === 'application/apply-patch+yaml') return this.#apply(t, req);
    const live = this.#live(t);
    const patch = parseBody(req);
    if (type === 'application/json-patch+json')
      return this.#write(t, req, jsonPatch(live, patch as never) as KubeObject, 'patch');
    const strategic = type === 'application/strategic-merge-patch+json' && !t.type.crd;
    if (type === 'application/merge-patch+json' || strategic) {
      const next = (
        strategic ? strategicMergePatch(live, patch) : mergePatch(live, patch)
      ) as KubeObject;
      next.metadata.resourceVersion =
        (patch as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion ??
        live.metadata.resourceVersion;
      return this.#write(t, req, next, 'patch');
    }
    const accepted = ['application/json-patch+json', 'application/merge-patch+json'];
    if (!t.type.crd) accepted.push('application/strategic-merge-patch+json');
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${[...accepted, 'application/apply-patch+yaml'].join(', ')}`,
    );
  }

  #apply(t: Target, req: Request): Reply {
    const who = req.query.get('fieldManager');
    if (!who)
      throw new ApiError(
        400,
        'BadRequest',
        'PATCH with application/apply-patch+yaml requires a fieldManager',
      );
    const applied = parseBody(req) as KubeObject;
    const live = this.#store.get(t.type, t.namespace, t.name ?? '');
    const owners = live ? this.#ownership(live) : new Map<string, Set<string>>();
    const trial = new Map([...owners].map(([m, s]) => [m, new Set(s)]));
    const next = serverSideApply(live, applied, who, req.query.get('force') === 'true', trial);
    if (t.namespace) next.metadata.namespace = t.namespace;
    if (t.type.status && t.type.crd && live) next.status = live.status;
    if (t.type.status && t.type.crd && !live) delete next.status;
    applyDefaults(t.type, next);
    if (t.type.crd) {
      const unknown = check(this.#crds, applied).unknown;
      if (unknown.length > 0) throw typedPatchError(t.type, applied, unknown);
    }
    this.#admit(t, next, req, 'apply', live);
    if (dryRun(req)) return { code: live ? 200 : 201, body: next };
    const written = live ? this.#store.replace(t.type, next) : this.#store.create(t.type, next);
    this.#owners.set(written.metadata.uid ?? '', trial);
    return { code: live ? 200 : 201, body: this.#decorate(written) };
  }

  #delete(t: Target, req: Request): Reply {
    const live = this.#live(t);
    const opts = (req.object ?? (req.body ? parseBody(req) : {})) as DeleteOptions;
    const grace = req.query.get('gracePeriodSeconds') ?? opts.gracePeriodSeconds;
    const policy = req.query.get('propagationPolicy') ?? opts.propagationPolicy;
    if (dryRun(req)) return { code: 200, body: live };
    this.#store.delete(t.type, t.namespace, t.name ?? '', {
      ...(grace === undefined ? {} : { gracePeriodSeconds: Number(grace) }),
      ...(policy ? { propagationPolicy: policy as DeleteOptions['propagationPolicy'] } : {}),
    });
    const after = this.#store.get(t.type, t.namespace, t.name ?? '');
    return {
      code: 200,
      body: after ?? {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Success',
        details: { name: t.name, kind: t.type.plural, uid: live.metadata.uid },
      },
    };
  }

  /**
   * Schema admission of custom resources, then CNPG's validating webhook on the resource (not
   * its subresources); returns the Warning texts of the write.
   */
  #admit(t: Target, obj: KubeObject, req: Request, via: Via, live?: KubeObject): string[] {
    if (!t.type.crd) return [];
    const options =
      req.method === 'POST' ? 'CreateOptions' : via === 'body' ? 'UpdateOptions' : 'PatchOptions';
    const directive = fieldValidation(req.query, options);
    const { unknown, invalid } = check(this.#crds, obj);
    if (unknown.length > 0 && directive === 'Strict' && via !== 'apply')
      throw via === 'patch' ? strictPatchError(obj, unknown) : strictBodyError(t.type, unknown);
    prune(obj, unknown);
    if (invalid.length > 0) throw invalidError(t.type, obj, invalid);
    const denied = t.subresource ? undefined : validatingWebhook(t.type, obj, live);
    if (denied) throw denied;
    return directive === 'Warn' ? unknownFieldWarnings(unknown) : [];
  }

  #ownership(obj: KubeObject): Ownership {
    const uid = obj.metadata.uid ?? '';
    let owners = this.#owners.get(uid);
    if (!owners) {
      owners = new Map();
      this.#owners.set(uid, owners);
    }
    return owners;
  }

  /** Adds metadata.managedFields (FieldsV1) to what the API answers. */
  #decorate(obj: KubeObject): KubeObject {
    const owners = this.#owners.get(obj.metadata.uid ?? '');
    if (!owners || owners.size === 0) return obj;
    const managedFields = [...owners].map(([m, paths]) => ({
      manager: m,
      operation: 'Apply',
      apiVersion: obj.apiVersion,
      fieldsType: 'FieldsV1',
      fieldsV1: fieldsV1(paths),
    }));
    return { ...obj, metadata: { ...obj.metadata, managedFields } };
  }
}

function manager(req: Request, fallback: string): string {
  return req.query.get('fieldManager') ?? fallback;
}

function dryRun(req: Request): boolean {
  return req.query.get('dryRun') === 'All';
}

function parseBody(req: Request): unknown {
  if (req.object !== undefined) return req.object;
  try {
    return req.contentType.includes('yaml') ? load(req.body) : JSON.parse(req.body);
  } catch (e) {
    throw new ApiError(400, 'BadRequest', `the request body is not valid: ${(e as Error).message}`);
  }
}
