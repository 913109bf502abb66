// ESLint rule: no import cycle among the TypeScript modules of the given roots, counting every
// kind of import (static, type-only, re-export, dynamic import()). import-x/no-cycle skips
// type-only imports; a type cycle still ties two modules together, so this rule counts it.
// The module graph is read once per lint run with TypeScript's own import scanner.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

function graphOf(roots) {
  const files = new Set(roots.flatMap(tsFiles));
  const graph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const deps = importedFiles
      .map((i) => i.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(dirname(file), name))
      .filter((path) => files.has(path));
    graph.set(file, deps);
  }
  return graph;
}

/** Tarjan's strongly connected components: every component of two or more is a cycle. */
function cycles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = new Map();
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    const self = (graph.get(v) ?? []).includes(v);
    if (component.length > 1 || self) for (const m of component) found.set(m, component);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const cache = new Map();

export default {
  meta: {
    type: 'problem',
    docs: { description: 'no import cycle, type-only imports included' },
    schema: [
      { type: 'object', properties: { roots: { type: 'array', items: { type: 'string' } } } },
    ],
    messages: { cycle: 'Import cycle: this module is part of a cycle with {{others}}' },
  },
  create(context) {
    const cwd = context.cwd;
    const roots = (context.options[0]?.roots ?? ['src']).map((r) => resolve(cwd, r));
    const key = roots.join('\n');
    if (!cache.has(key)) cache.set(key, cycles(graphOf(roots)));
    const component = cache.get(key).get(resolve(context.filename));
    return {
      Program(node) {
        if (!component) return;
        const others = component
          .filter((f) => f !== resolve(context.filename))
          .map((f) => relative(cwd, f))
          .sort()
          .join(', ');
        context.report({ node, messageId: 'cycle', data: { others: others || 'itself' } });
      },
    };
  },
};
