// deploy's inputs for the smallest Cluster a test needs: one instance, no synchronous
// standby, small sizes (the AKS guide's production sizes would ask this machine for 6 cores).
export const ONE_SMALL_INSTANCE: Readonly<Record<string, string>> = Object.freeze({
  instances: '1',
  'sync-replicas': '0',
  'storage-size': '1Gi',
  cpu: '500m',
  memory: '512Mi',
  timeout: '90s',
});
