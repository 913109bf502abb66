// deploy's reader: the guide's values give the expected typed inputs; bad inputs are all
// reported at once, by name; no single-line input lets a newline through.
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { readDeployInputs } from '../../src/inputs/read-deploy.ts';
import { readSharedInputs } from '../../src/inputs/read.ts';
import { DEPLOY_INPUTS, SHARED_INPUTS } from '../../src/inputs/spec.ts';

const GUIDE: Record<string, string> = {
  'cluster-name': 'pg-primary',
  'node-memory': '16Gi',
  'node-selector': 'workload=postgres',
  'workload-identity-client-id': '6b8d3a4e-1f2c-4e5d-9a7b-0c1d2e3f4a5b',
  'dns-label': 'pg-primary-demo',
  'backup-destination': 'https://pgbackups.blob.core.windows.net/backups',
};

const getter = (values: Record<string, string>) => (name: string) => values[name] ?? '';

function problemsOf(values: Record<string, string>): string[] {
  try {
    readDeployInputs(getter(values));
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => p.input);
    throw e;
  }
  return [];
}

test('the guide values with every other input at its default', () => {
  const inputs = readDeployInputs(getter(GUIDE));
  expect(inputs).toMatchObject({
    clusterName: 'pg-primary',
    namespace: 'cnpg-database',
    timeoutMs: 900_000,
    instances: 3,
    storageSize: { text: '64Gi' },
    cpu: { text: '2', value: 2 },
    memory: { text: '8Gi' },
    nodeMemory: { text: '16Gi', value: 16 * 2 ** 30 },
    database: 'appdb',
    owner: 'app',
    appSecret: 'db-user-pass',
    syncReplicas: 1,
    nodeSelector: { workload: 'postgres' },
    backupMethod: 'auto',
    monitoring: 'podmonitor',
    renderOnly: false,
    backup: {
      credentials: 'workload-identity',
      retention: '7d',
      schedule: '0 0 0 * * *',
      destination: { kind: 'azure', account: 'pgbackups' },
    },
  });
  expect(Object.isFrozen(inputs)).toBe(true);
  expect(Object.isFrozen(inputs.backup?.destination)).toBe(true);
});

test('node-memory defaults to twice memory', () => {
  expect(readDeployInputs(getter({ 'cluster-name': 'pg', memory: '4Gi' })).nodeMemory).toEqual({
    text: '8Gi',
    value: 8 * 2 ** 30,
  });
});

test('several bad inputs give one error that lists all of them', () => {
  const err = (() => {
    try {
      readDeployInputs(
        getter({
          'cluster-name': 'Bad_Name',
          instances: '2',
          'sync-replicas': '2',
          cpu: '0',
          'backup-schedule': '0 0 * * *',
          monitoring: 'grafana',
        }),
      );
    } catch (e) {
      return e as InputError;
    }
  })();
  expect(err).toBeInstanceOf(InputError);
  expect(err?.problems.map((p) => p.input)).toEqual([
    'cluster-name',
    'cpu',
    'sync-replicas',
    'backup-schedule',
    'monitoring',
  ]);
  expect(err?.message).toMatch(
    /^5 inputs are not valid:\n {2}- input 'cluster-name': .*\(example: pg-orders\)/,
  );
});

describe('cross-field rules', () => {
  test.each([
    [{ 'sync-replicas': '3' }, ['sync-replicas']],
    [{ instances: '1', 'sync-replicas': '0' }, []],
    [{ expose: 'rw' }, ['allowed-source-ranges']],
    [{ expose: 'both', 'allowed-source-ranges': '0.0.0.0/0' }, ['allowed-source-ranges']],
    [{ expose: 'both', 'allowed-source-ranges': '0.0.0.0/0', 'allow-public': 'true' }, []],
    [
      { 'backup-destination': 'https://a12.blob.core.windows.net/backups' },
      ['workload-identity-client-id'],
    ],
    [
      {
        'backup-destination': 'https://a12.blob.core.windows.net/backups',
        'backup-credentials': 'storage-key',
      },
      ['backup-credentials-secret'],
    ],
    [
      {
        'backup-destination': 's3://pg-backups',
        'backup-credentials': 'sas-token',
        'backup-credentials-secret': 's',
      },
      ['backup-credentials'],
    ],
    [
      {
        'backup-destination': 's3://pg-backups',
        'backup-credentials-secret': 's',
        'backup-endpoint-url': 'http://minio:9000',
      },
      [],
    ],
    [
      {
        'backup-endpoint-url': 'http://minio:9000',
        'backup-destination': 'https://a12.blob.core.windows.net/b12',
        'workload-identity-client-id': GUIDE['workload-identity-client-id'] ?? '',
      },
      ['backup-endpoint-url'],
    ],
    [{ 'azure-client-id': GUIDE['workload-identity-client-id'] ?? '' }, ['azure-client-id']],
    [{ 'aks-cluster': 'aks-pg' }, ['aks-cluster', 'aks-cluster']],
    // The node cannot be smaller than the pod; sizes above 64Ti are typos, not plans.
    [{ memory: '8Gi', 'node-memory': '4Gi' }, ['node-memory']],
    [{ memory: '8Gi', 'node-memory': '8Gi' }, []],
    [{ memory: '65Ti' }, ['memory']],
    [{ memory: '1e400' }, ['memory']],
    [{ 'node-memory': '1Pi' }, ['node-memory']],
    [{ 'storage-size': '65Ti' }, ['storage-size']],
    [{ 'wal-storage-size': '99999999Ti' }, ['wal-storage-size']],
    [{ 'storage-size': '64Ti', 'wal-storage-size': '64Ti', memory: '32Ti' }, []],
    // timeout: at most 24h.
    [{ timeout: '24h' }, []],
    [{ timeout: '25h' }, ['timeout']],
    [{ timeout: '99999999999999999999999h' }, ['timeout']],
    // The public-access guard looks at the union of the ranges.
    [
      { expose: 'rw', 'allowed-source-ranges': '0.0.0.0/1, 128.0.0.0/1' },
      ['allowed-source-ranges'],
    ],
    [{ expose: 'rw', 'allowed-source-ranges': '0.0.0.0/1' }, ['allowed-source-ranges']],
    [{ expose: 'rw', 'allowed-source-ranges': '0.0.0.0/1', 'allow-public': 'true' }, []],
    [{ overrides: 'a: &x 1\nb: *x' }, ['overrides']],
    [{ 'postgresql-parameters': '__proto__: {x: "1"}' }, ['postgresql-parameters']],
  ])('%j -> problems with %j', (values, inputs) => {
    expect(problemsOf({ 'cluster-name': 'pg', ...values })).toEqual(inputs);
  });
});

const singleLineInputs = Object.keys({ ...SHARED_INPUTS, ...DEPLOY_INPUTS }).filter(
  (n) => !['kubeconfig', 'postgresql-parameters', 'overrides'].includes(n),
);

test.each(singleLineInputs)('%s refuses a smuggled newline', (name) => {
  const values = { 'cluster-name': 'pg', [name]: 'pg\n- evil: true' };
  expect(problemsOf(values)).toContain(name);
});

test('shared inputs alone, as the other actions read them', () => {
  expect(readSharedInputs(getter({ 'cluster-name': 'pg', timeout: '90s' }))).toMatchObject({
    clusterName: 'pg',
    timeoutMs: 90_000,
  });
  expect(() => readSharedInputs(getter({}))).toThrow(/input 'cluster-name': is required/);
});

test('a credential in backup-destination is named by input and never echoed', () => {
  const secret = 'sig=c2VjcmV0c2VjcmV0';
  const values = {
    'cluster-name': 'pg',
    'backup-destination': `https://pgbackups.blob.core.windows.net/backups?sv=2022&${secret}`,
  };
  expect(problemsOf(values)).toEqual(['backup-destination']);
  const message = (() => {
    try {
      readDeployInputs(getter(values));
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  })();
  expect(message).toMatch(/input 'backup-destination': has a query string/);
  expect(message).toContain('backup-credentials: sas-token');
  expect(message).not.toContain(secret);
  expect(message).not.toContain('c2VjcmV0c2VjcmV0');
});
