// The layout stays the architecture (docs/architecture.md): no import cycle, the adapters reach the
// engine only through engine/index.ts, the client only the protocol, every rule where its id says.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/engine';
import { repoRoot } from '../support/repo';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const files = [...sources(join(repoRoot, 'server', 'src')), ...sources(join(repoRoot, 'client', 'src'))];
const rel = (path: string): string => relative(repoRoot, path);

/** The relative imports of a file (`import`, `import type`, `export ... from`), resolved to files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom '(\.[^']*)';/gms)) {
    const base = resolve(dirname(file), match[1]);
    const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
    if (target) found.push(target);
  }
  return found;
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** Strongly connected components with more than one file (or a file importing itself): the cycles. */
function cycles(): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(rel(member));
      } while (member !== file);
      if (component.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(component.sort());
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return found;
}

describe('architecture', () => {
  it('has no import cycle, type imports included', () => {
    assert.deepEqual(cycles(), []);
  });

  it('lets the adapters (lsp, cli, config, tools, server.ts) reach the engine only through engine/index.ts', () => {
    const engineIndex = join(repoRoot, 'server', 'src', 'engine', 'index.ts');
    const engineDir = join(repoRoot, 'server', 'src', 'engine') + '/';
    const offending = files.filter((file) => !file.startsWith(engineDir) && file.includes('/server/src/'))
      .flatMap((file) => (graph.get(file) ?? []).filter((target) => target.startsWith(engineDir) && target !== engineIndex)
        .map((target) => `${rel(file)} → ${rel(target)}`));
    assert.deepEqual(offending, []);
  });

  it('lets the client import only the protocol of the server', () => {
    const protocol = join(repoRoot, 'server', 'src', 'protocol') + '/';
    const offending = files.filter((file) => file.includes('/client/src/'))
      .flatMap((file) => (graph.get(file) ?? []).filter((target) => target.includes('/server/src/') && !target.startsWith(protocol))
        .map((target) => `${rel(file)} → ${rel(target)}`));
    assert.deepEqual(offending, []);
  });

  it('keeps the protocol free of imports: it declares the wire format', () => {
    const protocol = files.filter((file) => file.includes('/server/src/protocol/'));
    assert.ok(protocol.length > 0);
    assert.deepEqual(protocol.flatMap((file) => (graph.get(file) ?? []).filter((target) => !target.includes('/server/src/protocol/')).map(rel)), []);
  });

  it('puts rule <prefix>/<name> in engine/rules/<prefix>/<name>.ts, and nothing else under rules/', () => {
    const rulesDir = join(repoRoot, 'server', 'src', 'engine', 'rules');
    const expected = new Set([...allRules.map((rule) => `${rule.id}.ts`), 'index.ts']);
    const present = sources(rulesDir).map((file) => relative(rulesDir, file));
    assert.deepEqual(present.filter((file) => !expected.has(file)), [], 'files under rules/ that are no rule');
    assert.deepEqual([...expected].filter((file) => !present.includes(file)), [], 'rules without their file');
  });

  it('keeps source files under about 400 lines', () => {
    const long = files.map((file) => [rel(file), readFileSync(file, 'utf8').split('\n').length] as const).filter(([, lines]) => lines > 420);
    assert.deepEqual(long, []);
  });
});
