// A minimal `psql` for `kubectl exec POD -c postgres -- psql ...` on a machine without the
// PostgreSQL client: the flags kubectl cnpg psql and scripts use (-X -A -t -q -c SQL -d DB
// -U USER -h HOST -p PORT -v NAME=VALUE, a positional dbname), PG* variables, SQL from -c
// (repeatable) or standard input, unaligned or aligned output with values in PostgreSQL's text
// form, and psql's exit codes: the last -c decides 0 or 1, ON_ERROR_STOP stops at the first
// error (1 for -c, 3 for a script on standard input), 2 when the connection fails.
// Run as a program: node psql-standin.ts [flags].
import pg from 'pg';

interface Options {
  commands: string[];
  database?: string;
  user?: string;
  host?: string;
  port?: string;
  tuplesOnly: boolean;
  unaligned: boolean;
  quiet: boolean;
  vars: Map<string, string>;
}

const WITH_VALUE = new Set(['-c', '-d', '-U', '-h', '-p', '-v', '-f']);

export function parsePsqlArgs(argv: string[]): Options {
  const o: Options = {
    commands: [],
    tuplesOnly: false,
    unaligned: false,
    quiet: false,
    vars: new Map(),
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i] ?? '';
    let value: string | undefined;
    const long = /^--(\w[\w-]*)=(.*)$/.exec(arg);
    if (long?.[1]) [arg, value] = [longToShort(long[1]), long[2]];
    else if (/^-[cdUhpvf]./.test(arg)) [arg, value] = [arg.slice(0, 2), arg.slice(2)];
    else if (arg.startsWith('--')) arg = longToShort(arg.slice(2));
    if (WITH_VALUE.has(arg) && value === undefined) value = argv[++i] ?? '';
    applyFlag(o, arg, value, positional);
  }
  o.database ??= positional[0];
  o.user ??= positional[1];
  return o;
}

function longToShort(name: string): string {
  const map: Record<string, string> = {
    command: '-c',
    dbname: '-d',
    username: '-U',
    host: '-h',
    port: '-p',
    set: '-v',
    variable: '-v',
    'no-psqlrc': '-X',
    'no-align': '-A',
    'tuples-only': '-t',
    quiet: '-q',
    file: '-f',
  };
  return map[name] ?? `--${name}`;
}

function applyFlag(
  o: Options,
  flag: string,
  value: string | undefined,
  positional: string[],
): void {
  const v = value ?? '';
  if (flag === '-c') o.commands.push(v);
  else if (flag === '-d') o.database = v;
  else if (flag === '-U') o.user = v;
  else if (flag === '-h') o.host = v;
  else if (flag === '-p') o.port = v;
  else if (flag === '-v') o.vars.set(v.split('=')[0] ?? '', v.split('=').slice(1).join('='));
  else if (flag === '-t') o.tuplesOnly = true;
  else if (flag === '-A') o.unaligned = true;
  else if (flag === '-q') o.quiet = true;
  else if (flag === '-f')
    throw new Error(
      'the sandbox psql stand-in does not read -f files; pipe the file to standard input',
    );
  else if (flag === '-X' || flag === '-w') return;
  else if (flag.startsWith('-') && flag.length > 1)
    throw new Error(`the sandbox psql stand-in does not support ${flag}`);
  else positional.push(flag);
}

/** int2, int4, int8, oid, float4, float8, money, numeric: right-aligned as psql does. */
const NUMERIC = new Set([20, 21, 23, 26, 700, 701, 790, 1700]);
const TEXT = { getTypeParser: () => (value: string) => value };

function render(o: Options, r: pg.QueryResult): string {
  const names = r.fields.map((f) => f.name);
  const rows = (r.rows as (string | null)[][]).map((row) => row.map((v) => v ?? ''));
  const footer = o.tuplesOnly ? [] : [`(${rows.length} row${rows.length === 1 ? '' : 's'})`];
  if (o.unaligned) {
    const head = o.tuplesOnly ? [] : [names.join('|')];
    return [...head, ...rows.map((row) => row.join('|')), ...footer].join('\n') + '\n';
  }
  const widths = names.map((n, i) =>
    Math.max(n.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const right = r.fields.map((f) => NUMERIC.has(f.dataTypeID));
  const center = (n: string, w: number) => n.padStart(Math.floor((w + n.length) / 2)).padEnd(w);
  const row = (cells: string[]) =>
    cells
      .map((c, i) => ` ${right[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)} `)
      .join('|')
      .trimEnd();
  const head = o.tuplesOnly
    ? []
    : [
        names.map((n, i) => ` ${center(n, widths[i] ?? 0)} `).join('|'),
        widths.map((w) => '-'.repeat(w + 2)).join('+'),
      ];
  return [...head, ...rows.map(row), ...(o.tuplesOnly ? [] : [...footer, ''])].join('\n') + '\n';
}

function tag(r: pg.QueryResult): string {
  if (r.command === 'INSERT') return `INSERT 0 ${r.rowCount ?? 0}`;
  if (['UPDATE', 'DELETE', 'SELECT', 'MERGE', 'COPY', 'FETCH', 'MOVE'].includes(r.command))
    return `${r.command} ${r.rowCount ?? 0}`;
  return r.command;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function psql(argv: string[]): Promise<number> {
  const o = parsePsqlArgs(argv);
  const user = o.user ?? process.env.PGUSER ?? 'postgres';
  const client = new pg.Client({
    host: o.host ?? process.env.PGHOST ?? '/var/run/postgresql',
    port: Number(o.port ?? process.env.PGPORT ?? 5432),
    user,
    database: o.database ?? process.env.PGDATABASE ?? user,
    rowMode: 'array',
  } as pg.ClientConfig);
  try {
    await client.connect();
  } catch (e) {
    process.stderr.write(`psql: error: ${(e as Error).message}\n`);
    return 2;
  }
  const stopOnError = ['1', 'on', 'true'].includes(
    (o.vars.get('ON_ERROR_STOP') ?? '').toLowerCase(),
  );
  const script = o.commands.length === 0;
  const sources = script ? [await readStdin()] : o.commands;
  let status = 0;
  try {
    for (const sql of sources) {
      try {
        const result = (await client.query({ text: sql, rowMode: 'array', types: TEXT })) as
          pg.QueryResult | pg.QueryResult[];
        for (const r of Array.isArray(result) ? result : [result]) {
          if (r.fields.length > 0) process.stdout.write(render(o, r));
          else if (!o.quiet) process.stdout.write(`${tag(r)}\n`);
        }
        status = 0;
      } catch (e) {
        process.stderr.write(`ERROR:  ${(e as Error).message}\n`);
        if (stopOnError) return script ? 3 : 1;
        status = script ? 0 : 1;
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  return status;
}

if (import.meta.main) {
  psql(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`psql: error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
