// The incremental re-check (lsp/workspace-diagnostics.ts) in process: after every edit of a random
// sequence, what it has published for each file must equal a full check of the whole workspace.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { Engine } from '../../server/src/engine';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { WorkspaceDiagnostics } from '../../server/src/lsp/workspace-diagnostics';
import { schemas } from '../support/engine';
import { documents, listOf, service as serviceOf, statefulSet as statefulSetOf, storageClass } from '../support/manifests';

const service = (name: string, selector: string, headless = true): string =>
  serviceOf({ name, clusterIP: headless ? 'None' : undefined, selector: { app: selector }, ports: [{ port: 80, targetPort: 'web' }] });

const statefulSet = (name: string, serviceName: string, label: string, port = 'web', storageClass = 'fast'): string => statefulSetOf({
  name, serviceName, labels: { app: label },
  containers: [{ name: 'app', image: 'nginx', ports: [{ name: port, containerPort: 80 }] }],
  claimTemplates: [{ name: 'data', storageClassName: storageClass }],
});

/** A tiny deterministic generator (no flaky tests). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function comparable(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${d.message} ${JSON.stringify(d.relatedInformation ?? [])}`).sort();
}

/** The incremental re-check of `engine`, publishing into `published`, its files all open or all closed; it fails on any log. */
function incremental(engine: Engine, published: Map<string, Diagnostic[]>, { open }: { open: boolean }): WorkspaceDiagnostics {
  return new WorkspaceDiagnostics({
    engine: () => engine,
    isOpen: () => open,
    toDiagnostic: (current, finding) => toDiagnostic(current, finding),
    publish: (uri, list) => published.set(uri, list),
    log: (message) => { throw new Error(message); },
  });
}

describe('incremental workspace diagnostics', () => {
  it('publishes, after every edit, what a full check of the workspace finds', () => {
    const engine = new Engine(schemas());
    const published = new Map<string, Diagnostic[]>();
    const diagnostics = incremental(engine, published, { open: true });
    const next = random(7);
    const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
    const names = ['web', 'db', 'cache'];
    const labels = ['web', 'db', 'other'];
    const files = ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml', 'e.yaml'];
    const generate = (): string => {
      const parts: string[] = [];
      for (let i = 1 + Math.floor(next() * 2); i > 0; i--) {
        const kind = next();
        if (kind < 0.45) parts.push(service(pick(names), pick(labels), next() < 0.8));
        else if (kind < 0.85) parts.push(statefulSet(pick(['s1', 's2', 's3']), pick(names), pick(labels), pick(['web', 'http']), pick(['fast', 'slow'])));
        else parts.push(storageClass({ name: pick(['fast', 'slow']) }));
      }
      // Sometimes the objects are the items of a `kind: List`, which kubectl applies one by one.
      if (next() < 0.2) return listOf(...parts);
      return documents(...parts);
    };
    for (const uri of files) engine.setFile(uri, generate());
    diagnostics.markReady();
    let version = 1;
    for (let step = 0; step < 150; step++) {
      const uri = pick(files);
      if (next() < 0.15 && engine.getFile(uri)) engine.deleteFile(uri);
      else engine.setFile(uri, generate(), version++);
      diagnostics.update([uri]);
      const full = engine.check();
      for (const file of files) {
        const expected = (full.get(file) ?? []).map((finding) => toDiagnostic(engine, finding));
        assert.deepEqual(comparable(published.get(file) ?? []), comparable(expected), `step ${step}: ${file} after editing ${uri}`);
      }
    }
  });

  it('publishes what a full check finds for closed files too, whose trees it drops once checked', async () => {
    const engine = new Engine(schemas());
    const reference = new Engine(schemas());
    const published = new Map<string, Diagnostic[]>();
    const diagnostics = incremental(engine, published, { open: false });
    const trees = diagnostics.trees(engine);
    const settled = async (): Promise<void> => {
      do await new Promise((resolve) => setImmediate(resolve)); while (diagnostics.busy);
      await new Promise((resolve) => setImmediate(resolve));
    };
    const next = random(11);
    const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
    const files = ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml'];
    const generate = (): string => {
      const parts: string[] = [];
      for (let i = 1 + Math.floor(next() * 3); i > 0; i--) {
        const kind = next();
        if (kind < 0.4) parts.push(service(pick(['web', 'db']), pick(['web', 'db', 'other']), next() < 0.6));
        else if (kind < 0.85) parts.push(statefulSet(pick(['s1', 's2']), pick(['web', 'db', 'cache']), pick(['web', 'db']), pick(['web', 'http']), pick(['fast', 'slow'])));
        else parts.push(storageClass({ name: pick(['fast', 'slow']) }));
      }
      return documents(...parts);
    };
    // As the language server does with the files it reads from disk: document rules at once, then no trees.
    const write = (uri: string, text: string): void => {
      engine.setFile(uri, text);
      diagnostics.closedFileRead(uri);
      assert.equal(trees.isReleased(uri), true);
      reference.setFile(uri, text);
    };
    for (const uri of files) write(uri, generate());
    diagnostics.markReady();
    for (let step = 0; step < 60; step++) {
      const uri = pick(files);
      if (next() < 0.15 && engine.getFile(uri)) {
        engine.deleteFile(uri);
        reference.deleteFile(uri);
      } else {
        write(uri, generate());
      }
      diagnostics.update([uri]);
      await settled();
      const full = reference.check();
      for (const file of files) {
        const expected = (full.get(file) ?? []).map((finding) => toDiagnostic(reference, finding));
        assert.deepEqual(comparable(published.get(file) ?? []), comparable(expected), `step ${step}: ${file} after editing ${uri}`);
        if (engine.getFile(file)) assert.equal(trees.isReleased(file), true, `step ${step}: ${file} keeps no trees`);
      }
    }
    assert.ok(trees.stats.reparsed > 0);
  });
});
