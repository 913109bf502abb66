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

/** The shortest way from `file` back to itself inside its component, for the message. */
function shortestCycle(graph, component, file) {
  const inside = new Set(component);
  const previous = new Map();
  const queue = [...(graph.get(file) ?? [])].filter((d) => inside.has(d));
  for (const d of queue) previous.set(d, file);
  while (queue.length > 0) {
    const v = queue.shift();
    if (v === file) break;
    for (const w of graph.get(v) ?? []) {
      if (!inside.has(w) || previous.has(w)) continue;
      previous.set(w, v);
      queue.push(w);
    }
  }
  const path = [file];
  for (let v = previous.get(file); v !== undefined && v !== file; v = previous.get(v)) path.push(v);
  return [file, ...path.slice(1).reverse(), file];
}

const cache = new Map();

export default {
  meta: {
    type: 'problem',
    docs: { description: 'no import cycle, type-only imports included' },
    schema: [
      { type: 'object', properties: { roots: { type: 'array', items: { type: 'string' } } } },
    ],
    messages: { cycle: 'Import cycle: {{path}} ({{size}} modules tied together)' },
  },
  create(context) {
    const cwd = context.cwd;
    const roots = (context.options[0]?.roots ?? ['src']).map((r) => resolve(cwd, r));
    const key = roots.join('\n');
    if (!cache.has(key)) {
      const graph = graphOf(roots);
      cache.set(key, { graph, components: cycles(graph) });
    }
    const { graph, components } = cache.get(key);
    const file = resolve(context.filename);
    const component = components.get(file);
    return {
      Program(node) {
        if (!component) return;
        const path = shortestCycle(graph, component, file).map((f) => relative(cwd, f));
        const size = component.length;
        const data = { path: path.join(' -> '), size: String(size) };
        context.report({ node, messageId: 'cycle', data });
      },
    };
  },
};
