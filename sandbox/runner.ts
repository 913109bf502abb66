// The sandbox as a GitHub runner: runs a built action exactly as a runner does: `node <main>` on Node 24 with
// INPUT_<NAME> variables (upper-cased, hyphens kept, defaults from action.yml), and reads
// the step's outputs and summary back from the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { load } from 'js-yaml';

export const ROOT = resolve(import.meta.dirname, '..');
export const NODE24 = join(ROOT, 'node_modules', '.bin', 'node');

interface ActionYaml {
  inputs?: Record<string, { default?: string }>;
  runs: { using: string; main: string };
}

export interface StepResult {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  runnerTemp: string;
}

export function readActionYaml(actionDir: string): ActionYaml {
  return load(readFileSync(join(ROOT, actionDir, 'action.yml'), 'utf8')) as ActionYaml;
}

export interface RunOptions {
  /** Receives each log line as a runner's log view shows it: masked values as ***. */
  echo?: (line: string) => void;
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
  const outputFile = join(runnerTemp, 'output');
  const summaryFile = join(runnerTemp, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runnerTemp,
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: runnerTemp,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...inputEnv(action, inputs),
    ...extraEnv,
  };
  const main = join(ROOT, actionDir, action.runs.main);
  const echo = options.echo ? runnerLog(options.echo) : undefined;
  const { code, stdout, stderr } = await spawnNode(main, env, dirname(main), echo);
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    runnerTemp,
  };
}

function inputEnv(action: ActionYaml, inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    if (spec.default !== undefined) env[`INPUT_${name.toUpperCase()}`] = spec.default;
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return env;
}

function spawnNode(
  main: string,
  env: Record<string, string>,
  cwd: string,
  echo?: (chunk: string | null) => void,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(NODE24, [main], { env, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      echo?.(d.toString());
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      echo?.(d.toString());
    });
    child.on('error', reject);
    child.on('close', (code) => {
      echo?.(null);
      resolvePromise({ code: code ?? -1, stdout, stderr });
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
    const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(raw);
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

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks (and `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
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
