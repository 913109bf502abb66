// The sizing rule across node sizes: the guide's 16 GiB values, scaled for small nodes.
import { expect, test } from 'vitest';
import { computedParameters, size } from '../../src/cnpg/parameters.ts';
import { deployInputs } from './fixtures.ts';

test.each([
  [
    '1Gi',
    '64Gi',
    {
      shared_buffers: '256MB',
      effective_cache_size: '768MB',
      work_mem: '4MB',
      maintenance_work_mem: '64MB',
      max_wal_size: '6GB',
    },
  ],
  [
    '2Gi',
    '5Gi',
    {
      shared_buffers: '512MB',
      effective_cache_size: '1536MB',
      work_mem: '8MB',
      maintenance_work_mem: '128MB',
      max_wal_size: '1280MB',
      min_wal_size: '409MB',
      max_slot_wal_keep_size: '2GB',
    },
  ],
  [
    '16Gi',
    '64Gi',
    {
      shared_buffers: '4GB',
      effective_cache_size: '12GB',
      work_mem: '64MB',
      maintenance_work_mem: '1GB',
      max_wal_size: '6GB',
      min_wal_size: '2GB',
      max_slot_wal_keep_size: '10GB',
    },
  ],
  [
    '64Gi',
    '512Gi',
    {
      shared_buffers: '16GB',
      effective_cache_size: '48GB',
      work_mem: '256MB',
      maintenance_work_mem: '2GB',
    },
  ],
  [
    '256Mi',
    '1Gi',
    {
      shared_buffers: '128MB',
      effective_cache_size: '256MB',
      work_mem: '4MB',
      max_wal_size: '256MB',
      min_wal_size: '81MB',
    },
  ],
])('node-memory %s, storage %s', (node, storage, expected) => {
  expect(
    // memory at most node-memory: the node holds the pod.
    computedParameters(
      deployInputs({ 'node-memory': node, memory: node, 'storage-size': storage }),
    ),
  ).toMatchObject(expected);
});

test('a WAL volume bounds the WAL sizes instead of the data volume', () => {
  const p = computedParameters(deployInputs({ 'storage-size': '1Ti', 'wal-storage-size': '4Gi' }));
  expect(p).toMatchObject({ max_wal_size: '1GB', max_slot_wal_keep_size: '1638MB' });
});

test.each([
  [2 ** 30, '1GB'],
  [1.5 * 2 ** 30, '1536MB'],
  [2 ** 20 + 5, '1MB'],
])('size(%d) = %s', (bytes, text) => {
  expect(size(bytes)).toBe(text);
});
