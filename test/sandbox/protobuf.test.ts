// application/vnd.kubernetes.protobuf in the sandbox's API server: the codec on its own
// (bytes kubectl 1.32 sent, round trips of the kinds kubectl writes, unknown fields refused),
// Accept negotiation as the API server does it, and the server taking and answering protobuf.
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Faults } from '../../sandbox/faults.ts';
import { loadCrds } from '../../sandbox/kube/crd-schema.ts';
import { acceptable } from '../../sandbox/kube/negotiate.ts';
import { PROTOBUF, decodeProtobuf, encodeProtobuf } from '../../sandbox/kube/protobuf/codec.ts';
import { messageType } from '../../sandbox/kube/protobuf/schema.ts';
import { startApiServer, type ApiServer } from '../../sandbox/kube/server.ts';
import { MemoryStore } from '../../sandbox/kube/store.ts';
import { rawRequest } from './api-raw.ts';

// The body of `kubectl create namespace x` (kubectl 1.32.4, captured with -v=8).
const KUBECTL_NAMESPACE_X =
  '6b3873000a0f0a02763112094e616d6573706163651219' +
  '0a110a0178120' +
  '01a0022002a003200380042001200' +
  '1a020a001a002200';

const OBJECTS: Record<string, unknown>[] = [
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', namespace: 'n', labels: { a: 'b' } },
    type: 'Opaque',
    data: { password: Buffer.from('s3cret').toString('base64') },
    immutable: false,
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', namespace: 'n', annotations: { 'x/y': '' } },
    data: { 'a.conf': 'k=v\n', empty: '' },
  },
  {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'sa', namespace: 'n' },
    imagePullSecrets: [{ name: 'pull' }],
    automountServiceAccountToken: false,
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'svc', namespace: 'n' },
    spec: {
      ports: [{ name: 'pg', port: 5432, targetPort: 'postgresql', protocol: 'TCP' }],
      selector: { 'cnpg.io/cluster': 'pg' },
      type: 'ClusterIP',
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'p',
      namespace: 'n',
      creationTimestamp: '2026-01-02T03:04:05Z',
      ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'o', uid: 'u', controller: true }],
    },
    spec: {
      containers: [
        {
          name: 'c',
          image: 'busybox',
          command: ['sh', '-c', ''],
          env: [
            { name: 'A', value: 'B' },
            { name: 'S', valueFrom: { secretKeyRef: { name: 's', key: 'password' } } },
          ],
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: { limits: { cpu: '500m', memory: '1Gi' } },
          readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
        },
      ],
      volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'p' } }],
      terminationGracePeriodSeconds: 0,
    },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' }, spec: { finalizers: ['k'] } },
  {
    apiVersion: 'v1',
    kind: 'DeleteOptions',
    gracePeriodSeconds: 0,
    propagationPolicy: 'Foreground',
  },
  {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'pg', namespace: 'n' },
    spec: {
      holderIdentity: 'pg-1',
      leaseDurationSeconds: 15,
      renewTime: '2026-01-02T03:04:05.123456Z',
    },
  },
];

describe('the codec', () => {
  test('decodes what kubectl 1.32 sends for `kubectl create namespace x`', () => {
    expect(decodeProtobuf(Buffer.from(KUBECTL_NAMESPACE_X, 'hex'))).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'x' },
      spec: {},
      status: {},
    });
  });

  test.each(OBJECTS.map((o) => [o.kind, o]))('%s survives encode and decode', (_kind, obj) => {
    const bytes = encodeProtobuf(obj);
    expect(bytes?.subarray(0, 4)).toEqual(Buffer.from('k8s\0', 'latin1'));
    expect(decodeProtobuf(bytes ?? Buffer.alloc(0))).toEqual(obj);
  });

  test('refuses a field the sandbox does not know instead of dropping it', () => {
    const secret = encodeProtobuf(OBJECTS[0] ?? {}) ?? Buffer.alloc(0);
    const unknown = messageType('Unknown');
    const envelope = unknown.decode(secret.subarray(4)) as unknown as { raw: Uint8Array };
    const extra = protobuf.Writer.create()
      .uint32((99 << 3) | 0)
      .uint32(1)
      .finish();
    envelope.raw = Buffer.concat([envelope.raw, extra]);
    const body = Buffer.concat([secret.subarray(0, 4), unknown.encode(envelope).finish()]);
    expect(() => decodeProtobuf(body)).toThrow(/field\(s\) Secret#99 .* application\/json/);
  });

  test('answers undefined (so JSON is sent) for what it cannot encode', () => {
    expect(encodeProtobuf({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } })).toBe(
      undefined,
    );
    expect(encodeProtobuf({ ...OBJECTS[4], spec: { hostPID: true, notAField: 1 } })).toBe(
      undefined,
    );
    expect(encodeProtobuf({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster' })).toBe(
      undefined,
    );
  });
});

describe('Accept negotiation', () => {
  const all = ['application/json', 'application/yaml', PROTOBUF] as const;
  test.each([
    [undefined, ['application/json']],
    ['', ['application/json']],
    [`${PROTOBUF}, application/json`, [PROTOBUF, 'application/json']],
    [`application/json;q=0.5, ${PROTOBUF};q=0.9`, [PROTOBUF, 'application/json']],
    [
      'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
      ['application/json'],
    ],
    ['*/*', [...all]],
    ['application/*;q=0.1, application/yaml', ['application/yaml', 'application/json', PROTOBUF]],
    ['text/html', []],
    [`${PROTOBUF};q=0`, []],
  ])('Accept %j -> %j', (header, expected) => {
    expect(acceptable(header, all)).toEqual(expected);
  });
});

describe('the API server', () => {
  let api: ApiServer;
  const store = new MemoryStore();
  beforeAll(async () => {
    api = await startApiServer({ store, faults: new Faults(), crds: loadCrds() });
  });
  afterAll(async () => {
    await api.close();
  });
  const secretBody = (name: string) =>
    encodeProtobuf({ ...OBJECTS[0], metadata: { name } }) ?? Buffer.alloc(0);

  test('creates from a protobuf body and answers protobuf when asked first', async () => {
    const res = await rawRequest(api, 'POST', '/api/v1/namespaces/default/secrets', {
      body: secretBody('pb'),
      contentType: PROTOBUF,
      accept: `${PROTOBUF}, application/json`,
    });
    expect(res.code).toBe(201);
    expect(res.headers['content-type']).toBe(PROTOBUF);
    const created = decodeProtobuf(res.body);
    expect(created).toMatchObject({
      kind: 'Secret',
      metadata: { name: 'pb', namespace: 'default' },
    });
    expect(created.data).toEqual({ password: Buffer.from('s3cret').toString('base64') });
  });

  test('answers JSON, YAML or 406 as the Accept header says', async () => {
    const path = '/api/v1/namespaces/default/secrets/pb';
    const json = await rawRequest(api, 'GET', path, {
      accept: `${PROTOBUF};q=0.1, application/json`,
    });
    expect(json.headers['content-type']).toBe('application/json');
    expect(json.json().type).toBe('Opaque');
    const yaml = await rawRequest(api, 'GET', path, { accept: 'application/yaml' });
    expect(yaml.text).toContain('kind: Secret');
    const none = await rawRequest(api, 'GET', path, { accept: 'text/html' });
    expect(none.code).toBe(406);
    const node = await rawRequest(api, 'GET', '/api/v1/nodes', {
      accept: `${PROTOBUF}, application/json`,
    });
    expect(node.headers['content-type']).toBe('application/json');
    const missing = await rawRequest(api, 'GET', '/api/v1/namespaces/default/secrets/nope', {
      accept: PROTOBUF,
    });
    expect(missing.code).toBe(404);
    expect(decodeProtobuf(missing.body)).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      code: 404,
    });
  });

  test('takes protobuf DeleteOptions', async () => {
    const options = encodeProtobuf({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      gracePeriodSeconds: 0,
    });
    const res = await rawRequest(api, 'DELETE', '/api/v1/namespaces/default/secrets/pb', {
      body: options ?? Buffer.alloc(0),
      contentType: PROTOBUF,
    });
    expect(res.code).toBe(200);
    expect((await rawRequest(api, 'GET', '/api/v1/namespaces/default/secrets/pb')).code).toBe(404);
  });

  test('refuses protobuf for custom resources with 415', async () => {
    const res = await rawRequest(
      api,
      'POST',
      '/apis/postgresql.cnpg.io/v1/namespaces/default/clusters',
      {
        body: secretBody('x'),
        contentType: PROTOBUF,
      },
    );
    expect(res.code).toBe(415);
  });
});
