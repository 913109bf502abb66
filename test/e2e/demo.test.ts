// `npm run demo` is how a newcomer sees the pipeline run: it must keep working end to end.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { NODE24, ROOT } from '../../sandbox/runner.ts';

// The whole pipeline in one test: a sandbox, three deploys, a backup, a restore and a drill
// take a minute or more on a loaded 2-core machine. --quick gives the Cluster two instances
// and a 3 s primary lease, and the drill a short warm-up and observation (the demo's defaults
// are three instances and CNPG's).
test(
  'npm run demo deploys with an OIDC login, re-runs unchanged, dry-runs a change, backs up, verifies a restore, drills a failover, tears down',
  { timeout: 240_000 },
  async () => {
    const { code, out } = await new Promise<{ code: number; out: string }>((resolve, reject) => {
      const child = spawn(NODE24, [join(ROOT, 'scripts', 'demo.ts'), '--quick'], { cwd: ROOT });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('error', reject);
      child.on('close', (c) => {
        resolve({ code: c ?? -1, out });
      });
    });
    expect(code, out).toBe(0);
    expect(out).toMatch(/✓ \[1\] deploy: OIDC login.*: succeeded/);
    expect(out).toMatch(/Cluster pg-demo is healthy: primary pg-demo-1, 2 instances/);
    expect(out).toMatch(/\[2\][\s\S]*Cluster pg-demo: unchanged/);
    expect(out).toMatch(/Cluster pg-demo: would change \(spec\.instances\)/);
    // Backups to Azurite: WAL archiving proven on the primary, then a completed Backup.
    expect(out).toMatch(/✓ \[4\] backup: .*: succeeded/);
    expect(out).toMatch(/Switched WAL on pg-demo-1: segment [0-9A-F]{24}/);
    expect(out).toMatch(/outputs: .*phase=completed/);
    // The backup restored into a throwaway Cluster with the marker proof, then deleted.
    expect(out).toMatch(/✓ \[5\] restore-verify: .*: succeeded/);
    expect(out).toMatch(
      /passed: marker B \(written [^)]*, after the target\) not restored: absent/,
    );
    expect(out).toMatch(
      /Federated credential \S+ of \S+ for system:serviceaccount:cnpg-database:pg-demo-verify-1: created/,
    );
    expect(out).toMatch(/outputs: .*recovery-cluster=pg-demo-verify-1 .*checks-failed=0/);
    expect(out).toContain('Cluster pg-demo-verify-1 is gone, with its pods and PVCs');
    expect(out).toMatch(/Federated credential \S+ of \S+: deleted/);
    // The drill with the 3 s primary lease of --quick: the kill waits out the lease.
    expect(out).toMatch(/✓ \[\d+\] failover-drill: .*: succeeded/);
    const downtime = Number(/downtime-seconds=([\d.]+)/.exec(out)?.[1]);
    expect(downtime).toBeGreaterThanOrEqual(3);
    expect(downtime).toBeLessThan(12);
    expect(out).toMatch(/lost-writes=0 /);
    // Teardown with delete-backups: everything deploy made, the data in Azurite, the credential.
    expect(out).toMatch(/✓ \[7\] teardown: .*: succeeded/);
    expect(out).toMatch(/Cluster\/pg-demo: deleted in [\d.]+ s \(with [^)]*pvc\/pg-demo-1/);
    expect(out).toMatch(/Namespace\/cnpg-database: deleted/);
    expect(Number(/deleted-backup-files=(\d+)/.exec(out)?.[1])).toBeGreaterThan(0);
    expect(out).toMatch(/Federated credential pgha-cnpg-database_pg-demo of \S+: deleted/);
    // The final table of figures, and the time of the whole demo.
    expect(out).toMatch(/failover-drill: writes failing \(s\)\s+[\d.]+/);
    expect(out).toMatch(/The whole demo took [\d.]+ s/);
    // The runner's log view hides mask commands.
    expect(out).not.toContain('::add-mask::');
    expect(out).not.toMatch(/✗/);
  },
);
