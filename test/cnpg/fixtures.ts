// DeployInputs built the way the reader builds them, from raw input values.
import { readDeployInputs } from '../../src/inputs/read-deploy.ts';
import type { DeployInputs } from '../../src/inputs/types.ts';

export const CLIENT_ID = '6b8d3a4e-1f2c-4e5d-9a7b-0c1d2e3f4a5b';

export const GUIDE: Record<string, string> = {
  'cluster-name': 'pg-primary',
  instances: '3',
  'storage-size': '64Gi',
  cpu: '2',
  memory: '8Gi',
  'node-memory': '16Gi',
  'node-selector': 'workload=postgres',
  'workload-identity-client-id': CLIENT_ID,
  'dns-label': 'pg-primary-demo',
  'backup-destination': 'https://pgbackups.blob.core.windows.net/backups',
  'backup-retention': '7d',
};

export function deployInputs(values: Record<string, string> = {}): DeployInputs {
  const all = { ...GUIDE, ...values };
  return readDeployInputs((name) => all[name] ?? '');
}
