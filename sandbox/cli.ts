// `npm run sandbox -- up --dir DIR [--verbose] [--s3-bucket NAME]... [--s3-region R] [--no-s3]`: runs the sandbox in
// the foreground until SIGINT or SIGTERM or until its parent process dies, then stops it
// cleanly.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { watchParent } from './parent-watch.ts';

const USAGE = `Usage: npm run sandbox -- up --dir DIR [options]

Runs a local Kubernetes API server with a CloudNativePG emulation whose instances are real
PostgreSQL 18 servers, until SIGINT or SIGTERM, or until the process that started it exits
(e.g. a script kills npm). Writes DIR/kubeconfig, then DIR/ready.
Around it, stand-ins for GitHub's OIDC token service, Entra ID and Azure Resource Manager
with an AKS cluster: DIR/cloud.json lists the inputs and environment for an OIDC login.
Azurite serves https://sandbox.blob.core.windows.net/backups for backups; DIR/objectstore.json
has its URL and each account's name, key and connection string. An S3-compatible store
(s3rver behind a SigV4-checking front) serves s3://backups at an endpoint URL on 127.0.0.1;
its endpoint, region, generated keys and a Secret manifest (s3-keys) are under "s3" in
DIR/objectstore.json.

Options:
  --dir DIR               sandbox directory (created if missing)
  --s3-bucket NAME        an S3 bucket to create (repeatable; default: backups)
  --s3-region REGION      the S3 store's region (default: us-east-1)
  --no-s3                 no S3 store
  --verbose               print the operator's log and every API request to stderr
  -h, --help              show this help`;

function fail(message: string): never {
  process.stderr.write(`sandbox: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

type S3Choice = { buckets?: readonly string[]; region?: string } | false;

async function up(dir: string, verbose: boolean, s3: S3Choice): Promise<void> {
  // After the parent died, the pipes to it may be gone: a failed write must not crash the stop.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  const { startSandbox } = await import('./index.ts');
  const sandbox = await startSandbox({
    dir: resolve(dir),
    s3,
    ...(verbose ? verboseSinks() : {}),
  });
  process.stdout.write(
    `sandbox ready at ${sandbox.url}\nkubeconfig: ${sandbox.kubeconfigPath}\n` +
      `  export KUBECONFIG=${sandbox.kubeconfigPath}\n`,
  );
  if (sandbox.cloud && sandbox.cloudCaPath) {
    const s = sandbox.cloud.settings;
    process.stdout.write(
      `cloud: Entra ID ${s.authorityHost} (tenant ${s.tenantId}), ARM ${s.armEndpoint}, ` +
        `AKS cluster ${s.aksCluster} in ${s.resourceGroup}\n` +
        (s.blobEndpoint
          ? `  Blob service for Entra ID tokens: ${s.blobEndpoint}/<account>\n`
          : '') +
        `  settings and OIDC environment: ${resolve(dir, 'cloud.json')}\n` +
        `  export NODE_EXTRA_CA_CERTS=${sandbox.cloudCaPath}\n`,
    );
  }
  if (sandbox.objectStore) {
    const names = [...sandbox.objectStore.accounts.keys()];
    process.stdout.write(
      `object store: Azurite ${sandbox.objectStore.url} for https://{${names.join(',')}}.blob.core.windows.net/<container>\n`,
    );
  }
  if (sandbox.s3) {
    const s = sandbox.s3;
    process.stdout.write(
      `S3: ${s.url} (region ${s.region}) for ${s.buckets.map((b) => `s3://${b}`).join(', ')}; ` +
        `keys and Secret manifest under "s3" in ${resolve(dir, 'objectstore.json')}\n`,
    );
  }
  process.stdout.write('Press Ctrl-C to stop.\n');
  const why = await new Promise<string>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    watchParent(() => {
      done('the parent process exited');
    });
  });
  process.stdout.write(`${why}: stopping the sandbox...\n`);
  await sandbox.stop();
  process.stdout.write('stopped\n');
}

function verboseSinks(): {
  onLog: (line: string) => void;
  onRequest: (line: string) => void;
} {
  const err = (line: string) => process.stderr.write(`${line}\n`);
  return {
    onLog: err,
    onRequest: (line) => {
      err(`${new Date().toISOString()} api: ${line}`);
    },
  };
}

export async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        dir: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        's3-bucket': { type: 'string', multiple: true },
        's3-region': { type: 'string' },
        'no-s3': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals[0] !== 'up' || positionals.length !== 1) fail('the only command is "up"');
  if (!values.dir) fail('--dir is required, e.g. --dir .sandbox');
  const buckets = values['s3-bucket'];
  const region = values['s3-region'];
  if (values['no-s3'] && (buckets || region))
    fail('--no-s3 goes with neither --s3-bucket nor --s3-region');
  const s3: S3Choice = values['no-s3']
    ? false
    : { ...(buckets ? { buckets } : {}), ...(region ? { region } : {}) };
  await up(values.dir, values.verbose, s3);
}

if (import.meta.main) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
