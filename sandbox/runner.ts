// The sandbox as a GitHub runner: runs a built action exactly as a runner does: `node <main>`
// on Node 24 with INPUT_<NAME> variables (upper-cased, hyphens kept, defaults from
// action.yml), reads the step's outputs, summary and saved state back from GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY and GITHUB_STATE, and runs `runs.post` afterwards when `post-if`
// allows it, with the state as STATE_<name>: also after a failed or cancelled main. A
// cancellation is what the runner does: SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after that.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { load } from 'js-yaml';

export const ROOT = resolve(import.meta.dirname, '..');
export const NODE24 = join(ROOT, 'node_modules', '.bin', 'node');

interface ActionYaml {
  inputs?: Record<string, { default?: string }>;
  runs: { using: string; main: string; post?: string; 'post-if'?: string };
}

export interface ProcessResult {
  code: number;
  /** The signal that ended the process, if one did. */
  signal?: NodeJS.Signals;
  stdout: string;
  stderr: string;
  summary: string;
}

export interface StepResult extends ProcessResult {
  outputs: Record<string, string>;
  /** What main saved with core.saveState. */
  state: Record<string, string>;
  runnerTemp: string;
  cancelled: boolean;
  /** The post step's run, when the action has one and post-if allowed it. */
  post?: ProcessResult;
}

/** RUNNER_TEMP directories of the steps run so far (a runner removes them after the job). */
const stepDirs = new Set<string>();

/** Removes the RUNNER_TEMP of every step run so far, as a runner does after the job. */
export function removeStepDirs(): void {
  for (const dir of stepDirs) rmSync(dir, { recursive: true, force: true });
  stepDirs.clear();
}

export function readActionYaml(actionDir: string): ActionYaml {
  return load(readFileSync(join(ROOT, actionDir, 'action.yml'), 'utf8')) as ActionYaml;
}

export interface RunOptions {
  /** Receives each log line as a runner's log view shows it: masked values as ***. */
  echo?: (line: string) => void;
  /** Cancel main (the runner's SIGINT, SIGTERM, SIGKILL) this long after it started... */
  cancelAfterMs?: number;
  /** ...or as soon as its output matches. */
  cancelOn?: RegExp;
  /** Leave the post step out (a test that runs post itself, or a job with later steps). */
  skipPost?: boolean;
}

/** actionDir: '.' for the umbrella action, 'actions/deploy' for a sub-action. */
export async function runStep(
  actionDir: string,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
  options: RunOptions = {},
): Promise<StepResult> {
  const action = readActionYaml(actionDir);
  const runnerTemp = mkdtempSync(join(tmpdir(), 'pgha-step-'));
  stepDirs.add(runnerTemp);
  const files = { output: join(runnerTemp, 'output'), state: join(runnerTemp, 'state') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runnerTemp,
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: runnerTemp,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    ...inputEnv(action, inputs),
    ...extraEnv,
  };
  const echo = options.echo ? runnerLog(options.echo) : undefined;
  const main = await runProcess(actionDir, action.runs.main, env, 'main', echo, options);
  const state = parseCommandFile(readFileSync(files.state, 'utf8'));
  const { cancelled } = main;
  const result: StepResult = {
    ...main,
    outputs: parseCommandFile(readFileSync(files.output, 'utf8')),
    state,
    runnerTemp,
    cancelled,
  };
  const post = action.runs.post;
  if (post && !options.skipPost && postAllowed(action.runs['post-if'], main.code, cancelled)) {
    const postEnv = { ...env, ...stateEnv(state), GITHUB_OUTPUT: join(runnerTemp, 'post-output') };
    writeFileSync(postEnv.GITHUB_OUTPUT, '');
    const postEcho = options.echo ? runnerLog(options.echo) : undefined;
    result.post = await runProcess(actionDir, post, postEnv, 'post', postEcho);
  }
  return result;
}

/** `post-if` as the runner evaluates the status functions (default always()). */
export function postAllowed(
  condition: string | undefined,
  code: number,
  cancelled: boolean,
): boolean {
  const expr = (condition ?? 'always()').trim().replace(/^\$\{\{\s*(.*?)\s*\}\}$/, '$1');
  if (expr === 'always()') return true;
  if (expr === 'success()') return code === 0 && !cancelled;
  if (expr === 'failure()') return code !== 0 && !cancelled;
  if (expr === 'cancelled()') return cancelled;
  throw new Error(`the runner emulation does not evaluate post-if: ${expr}`);
}

function inputEnv(action: ActionYaml, inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    if (spec.default !== undefined) env[`INPUT_${name.toUpperCase()}`] = spec.default;
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return env;
}

function stateEnv(state: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]));
}

async function runProcess(
  actionDir: string,
  entry: string,
  baseEnv: Record<string, string>,
  which: 'main' | 'post',
  echo?: (chunk: string | null) => void,
  cancel: Pick<RunOptions, 'cancelAfterMs' | 'cancelOn'> = {},
): Promise<ProcessResult & { cancelled: boolean }> {
  const file = join(ROOT, actionDir, entry);
  const summaryFile = join(baseEnv.RUNNER_TEMP ?? tmpdir(), `${which}-summary`);
  writeFileSync(summaryFile, '');
  const env = { ...baseEnv, GITHUB_STEP_SUMMARY: summaryFile };
  const run = await spawnNode(file, env, dirname(file), echo, cancel);
  return { ...run, summary: readFileSync(summaryFile, 'utf8') };
}

function spawnNode(
  main: string,
  env: Record<string, string>,
  cwd: string,
  echo?: (chunk: string | null) => void,
  cancel: Pick<RunOptions, 'cancelAfterMs' | 'cancelOn'> = {},
) {
  return new Promise<{
    code: number;
    signal?: NodeJS.Signals;
    stdout: string;
    stderr: string;
    cancelled: boolean;
  }>((resolvePromise, reject) => {
    // Node's compile cache (as for Azurite): the bundles parse in less CPU once compiled, and
    // tests run a hundred steps. It changes nothing the action sees.
    const cache = { NODE_COMPILE_CACHE: join(ROOT, 'node_modules', '.cache', 'pgha-node-compile') };
    const child = spawn(NODE24, [main], { env: { ...cache, ...env }, cwd });
    let stdout = '';
    let stderr = '';
    const timers: NodeJS.Timeout[] = [];
    let cancelled = false;
    const cancelNow = () => {
      if (cancelled) return;
      cancelled = true;
      child.kill('SIGINT');
      timers.push(setTimeout(() => child.kill('SIGTERM'), 7500));
      timers.push(setTimeout(() => child.kill('SIGKILL'), 10_000));
    };
    if (cancel.cancelAfterMs !== undefined)
      timers.push(setTimeout(cancelNow, cancel.cancelAfterMs));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      echo?.(d.toString());
      if (cancel.cancelOn?.test(stdout)) cancelNow();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      echo?.(d.toString());
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const t of timers) clearTimeout(t);
      echo?.(null);
      resolvePromise({
        code: code ?? -1,
        ...(signal ? { signal } : {}),
        stdout,
        stderr,
        cancelled,
      });
    });
  });
}

/**
 * What a runner's log view shows of workflow commands: add-mask values become ***, groups
 * become headings, annotations a prefixed message. Takes output chunks (null at the end), emits whole lines.
 */
function runnerLog(emit: (line: string) => void): (chunk: string | null) => void {
  const masks: string[] = [];
  let pending = '';
  const show = (raw: string) => {
    const command = /^\s*::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(raw);
    if (command?.[1] === 'add-mask') {
      if (command[2]) masks.push(command[2]);
      return;
    }
    if (command?.[1] === 'endgroup' || command?.[1] === 'debug') return;
    let line = raw;
    if (command?.[1] === 'group') line = `▸ ${command[2] ?? ''}`;
    else if (command && ['error', 'warning', 'notice'].includes(command[1] ?? ''))
      line = `${command[1] === 'error' ? 'Error' : command[1] === 'warning' ? 'Warning' : 'Notice'}: ${(command[2] ?? '').replaceAll('%0A', '\n').replaceAll('%0D', '').replaceAll('%25', '%')}`;
    for (const mask of masks) line = line.replaceAll(mask, '***');
    emit(line);
  };
  return (chunk) => {
    if (chunk === null) {
      if (pending) show(pending);
      pending = '';
      return;
    }
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      show(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
    }
  };
}

/**
 * GITHUB_OUTPUT and GITHUB_STATE hold `name<<DELIMITER\nvalue\nDELIMITER` blocks (and
 * `name=value` lines).
 */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc?.[1] && heredoc[2]) {
      const end = lines.indexOf(heredoc[2], i + 1);
      out[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      out[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return out;
}
