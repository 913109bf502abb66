// YAML from inputs (overrides, postgresql-parameters) read defensively: a size limit, no
// anchors or aliases (refused from the parser's events, before anything is expanded, so a
// few hundred bytes cannot grow into gigabytes), one document, and no key that could reach
// an object's prototype. Errors give a line and column, never the text of the input.
import { EVENT_ID, YAMLException, constructFromEvents, parseEvents, type Event } from 'js-yaml';
import { ParseError } from './parse.ts';

export const MAX_YAML_BYTES = 64 * 1024;
const MAX_DEPTH = 32;
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Parses one YAML document of an input, or throws a ParseError that quotes none of it. */
export function loadInputYaml(raw: string, example: string): unknown {
  const bytes = Buffer.byteLength(raw, 'utf8');
  if (bytes > MAX_YAML_BYTES)
    throw new ParseError(`has ${bytes} bytes; at most 64 KiB are accepted`, example);
  const events = parse(raw, example);
  if (events.some(hasAnchorOrAlias)) {
    throw new ParseError(
      'uses YAML anchors or aliases (&name, *name), which pgha refuses so that no input can expand: write each value out',
      example,
    );
  }
  let docs: unknown[];
  try {
    docs = constructFromEvents(events, { source: raw, maxAliases: 0 });
  } catch (error) {
    throw new ParseError(`is not valid YAML: ${describe(error)}`, example);
  }
  if (docs.length !== 1) throw new ParseError('must be one YAML document', example);
  refuseForbiddenKeys(docs[0], '', example);
  return docs[0];
}

function parse(raw: string, example: string): Event[] {
  try {
    return parseEvents(raw, { maxDepth: MAX_DEPTH });
  } catch (error) {
    throw new ParseError(`is not valid YAML: ${describe(error)}`, example);
  }
}

function hasAnchorOrAlias(event: Event): boolean {
  if (event.type === EVENT_ID.ALIAS) return true;
  return 'anchorStart' in event && event.anchorStart >= 0;
}

/** The reason and position of a js-yaml error; its message would quote the offending lines. */
function describe(error: unknown): string {
  if (!(error instanceof YAMLException)) return 'it cannot be parsed';
  const where = error.mark
    ? ` at line ${error.mark.line + 1}, column ${error.mark.column + 1}`
    : '';
  return `${error.reason}${where}`;
}

/** `<<` merge keys are plain keys in the core schema: refuse them as the aliases they need. */
function refuseForbiddenKeys(value: unknown, path: string, example: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      refuseForbiddenKeys(item, `${path}[${i}]`, example);
    });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key))
      throw new ParseError(`key '${at}' is not allowed (it could reach a prototype)`, example);
    if (key === '<<')
      throw new ParseError(`key '${at}': merge keys (<<) are not supported`, example);
    refuseForbiddenKeys((value as Record<string, unknown>)[key], at, example);
  }
}
