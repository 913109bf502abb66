// ConfigurationError marks a user mistake: the runner prints its message and no stack.
// Anything else that escapes an action is a bug and is reported with its stack in debug.

/** One problem with one input: which input, what is wrong, and a value that would work. */
export interface InputProblem {
  readonly input: string;
  readonly problem: string;
  readonly example: string;
}

/** A cloud service's answer that failed: the HTTP status and the service's error code. */
export class ServiceError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(message: string, status: number, code: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

export function formatProblem(p: InputProblem): string {
  return `input '${p.input}': ${p.problem} (example: ${p.example})`;
}

/** Every bad input at once, so that the user fixes them in one go. */
export class InputError extends ConfigurationError {
  readonly problems: readonly InputProblem[];
  constructor(problems: readonly InputProblem[]) {
    const lines = problems.map((p) => `  - ${formatProblem(p)}`);
    const count = problems.length === 1 ? '1 input is' : `${problems.length} inputs are`;
    super(`${count} not valid:\n${lines.join('\n')}`);
    this.problems = problems;
  }
}

/**
 * A failure with what was gathered about it (pod states, conditions, events): the message is
 * one line for the log and the annotation, the diagnostics go to the log and the summary.
 */
export class DiagnosedError extends Error {
  override readonly name = 'DiagnosedError';
  readonly diagnostics: string;
  constructor(message: string, diagnostics: string, options?: ErrorOptions) {
    super(message, options);
    this.diagnostics = diagnostics;
  }
}
