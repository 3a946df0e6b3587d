// Fuzzing: real manifests (this project's fixtures and examples, and ../shared/corpus/real when it is
// there, read at run time) mutated line by line and byte by byte, fed to the engine, the CLI and the
// language server. Nothing may throw, every request must be answered, every range must lie inside its
// document, no rule may fail, and an incremental re-parse must give exactly what a full parse gives.
//
// Bounded by default (a fixed seed, a few thousand cases). `npm run fuzz -- --minutes N` runs the
// same checks with random seeds for N minutes (FUZZ_MINUTES, FUZZ_SEED). A failing input is written
// to a temporary file whose path is in the failure message.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, ErrorCodes, ResponseError, type Diagnostic } from 'vscode-languageserver-protocol';
import { Engine, type Finding } from '../../server/src/engine';
import { schemas } from '../support/engine';
import { LspClient } from '../support/lsp-client';
import { corpusDir, examplesDir, fixturesDir, repoRoot } from '../support/repo';

const minutes = Number(process.env.FUZZ_MINUTES ?? 0);
const baseSeed = Number(process.env.FUZZ_SEED ?? 20261125);
/** Cases, or (in a long run) a share of the minutes. */
const budget = (cases: number, share: number): { cases: number; until: number } =>
  minutes > 0 ? { cases: Number.POSITIVE_INFINITY, until: Date.now() + minutes * 60000 * share } : { cases, until: Number.POSITIVE_INFINITY };

/** mulberry32: small, fast, reproducible. */
class Random {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<T>(list: readonly T[]): T { return list[this.int(list.length)]; }
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

const seeds: string[] = [...yamlFiles(fixturesDir), ...yamlFiles(examplesDir), ...yamlFiles(corpusDir)].map((path) => readFileSync(path, 'utf8'));

const tokens = ['---\n', '\n---\n', '...\n', '- ', ': ', ':', '"', "'", '{', '}', '[', ']', ',', '#', '&a ', '*a', '<<: *a\n', '!!str ', '|\n', '>-\n',
  '\t', '\r\n', '\r', '\ufeff', '\u0000', '\u00e9', '\ud83d\ude00', '\ud800', '{{ .Values.x }}', '%YAML 1.2\n', 'null', '~', '0x1F', '1e3', '-1', '"80"',
  'apiVersion: v1\n', 'kind: StatefulSet\n', 'spec:\n  replicas: 3\n', '  selector:\n    matchLabels:\n      app: x\n', 'metadata:\n  name: web\n'];

type Mutation = (text: string, random: Random) => string;

const lines = (text: string): string[] => text.split('\n');
const mutations: Mutation[] = [
  (text, r) => { const l = lines(text); l.splice(r.int(l.length), 1); return l.join('\n'); },
  (text, r) => { const l = lines(text); const i = r.int(l.length); l.splice(i, 0, l[r.int(l.length)]); return l.join('\n'); },
  (text, r) => { const l = lines(text); const i = r.int(l.length); const j = r.int(l.length); [l[i], l[j]] = [l[j], l[i]]; return l.join('\n'); },
  (text, r) => { const l = lines(text); const i = r.int(l.length); l[i] = r.next() < 0.5 ? ' '.repeat(1 + r.int(4)) + l[i] : l[i].replace(/^ {1,4}/, ''); return l.join('\n'); },
  (text, r) => { const l = lines(text); const i = r.int(l.length); l[i] = l[i].replace(/^( *)/, (m) => m.slice(0, r.int(m.length + 1)) + '\t'); return l.join('\n'); },
  (text, r) => { const at = r.int(text.length + 1); return text.slice(0, at) + String.fromCharCode(...Array.from({ length: 1 + r.int(6) }, () => r.int(0x3000))) + text.slice(at); },
  (text, r) => text.slice(0, r.int(text.length + 1)),
  (text, r) => { const at = r.int(text.length + 1); return text.slice(0, at) + r.pick(tokens) + text.slice(at + r.int(3)); },
  (text, r) => { const depth = 1 + r.int(r.next() < 0.1 ? 400 : 30); const l = lines(text); const i = r.int(l.length); l[i] = l[i].replace(/: (.*)$/, (_m, v: string) => `: ${'['.repeat(depth)}${v}${']'.repeat(depth)}`); return l.join('\n'); },
  (text, r) => { const l = lines(text); const i = r.int(l.length); const nested = Array.from({ length: 1 + r.int(40) }, (_, k) => `${' '.repeat(2 * k)}k${k}:`).join('\n'); l.splice(i, 0, nested); return l.join('\n'); },
  (text, r) => `${text}\n---\n${r.pick(seeds)}`,
  (text) => text.replace(/\n/g, '\r\n'),
];

function mutate(text: string, random: Random, rounds = 1 + random.int(3)): string {
  let result = text;
  for (let round = 0; round < rounds; round++) result = random.pick(mutations)(result, random);
  return result;
}

/** True when the server sent this error (not the client library failing to send or dropping the request). */
function answeredWithError(error: unknown): boolean {
  return error instanceof ResponseError && error.code !== ErrorCodes.MessageWriteError && error.code !== ErrorCodes.PendingResponseRejected
    && error.code !== ErrorCodes.ConnectionInactive;
}

const failureDir = join(tmpdir(), 'statefulset-fuzz-failures');
function keep(name: string, text: string): string {
  mkdirSync(failureDir, { recursive: true });
  const path = join(failureDir, `${name}-${process.pid}-${Date.now()}.yaml`);
  writeFileSync(path, text);
  return path;
}

function assertInside(findings: Finding[], texts: (uri: string) => string | undefined, context: () => string): void {
  const check = (uri: string, start: number, end: number, what: string): void => {
    const text = texts(uri);
    if (text === undefined) return;
    if (!(start >= 0 && start <= end && end <= text.length)) assert.fail(`${what} [${start}, ${end}) outside 0..${text.length} (${context()})`);
  };
  for (const finding of findings) {
    check(finding.uri, finding.start, finding.end, finding.ruleId);
    for (const related of finding.related ?? []) check(related.uri, related.start, related.end, `${finding.ruleId} related`);
    for (const fix of finding.fixes ?? []) for (const edit of fix.edits) check(edit.uri, edit.start, edit.end, `${finding.ruleId} fix "${fix.title}"`);
  }
}

/** What must not differ between an incrementally and a fully parsed file. */
function snapshot(engine: Engine, uri: string): string {
  const file = engine.getFile(uri)!;
  const findings = engine.check([uri]).get(uri) ?? [];
  return JSON.stringify({
    documents: file.documents.map((d) => [d.index, d.span, d.value, d.valueError, d.syntax]),
    lineStarts: file.lineStarts, skipped: file.skipped, template: file.template,
    findings: findings.map((f) => [f.ruleId, f.start, f.end, f.severity, f.message, f.related, f.fixes]),
  });
}

describe('fuzz', () => {
  const ruleErrors = new Map<string, string>();
  const onRuleError = (ruleId: string, uri: string, error: unknown): void => {
    if (!ruleErrors.has(ruleId)) ruleErrors.set(ruleId, `${String(error)} (input kept at ${uri})`);
  };

  it('engine: no exception, every range inside its document, hover/completion/symbols answer', () => {
    const random = new Random(baseSeed);
    const { cases, until } = budget(2500, 0.4);
    for (let index = 0; index < cases && Date.now() < until; index++) {
      const text = mutate(random.pick(seeds), random);
      const uri = `file:///fuzz/engine-${index}.yaml`;
      const engine = new Engine(schemas(), undefined, { onRuleError: (id, _uri, error) => onRuleError(id, keep('rule', text), error) });
      const context = (): string => `seed ${baseSeed}, case ${index}, input ${keep('engine', text)}`;
      try {
        engine.setFile(uri, text, 1);
        const findings = engine.check([uri]).get(uri) ?? [];
        assertInside(findings, (u) => (u === uri ? text : undefined), context);
        for (let probe = 0; probe < 3; probe++) {
          const offset = random.int(text.length + 1);
          const hover = engine.hover(uri, offset);
          if (hover && !(hover.span.start >= 0 && hover.span.end <= text.length)) assert.fail(`hover span (${context()})`);
          for (const item of engine.complete(uri, offset)) {
            if (!(item.span.start >= 0 && item.span.end <= text.length)) assert.fail(`completion span (${context()})`);
          }
        }
        for (const symbol of engine.symbols(uri)) if (symbol.span.end > text.length) assert.fail(`symbol span (${context()})`);
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        assert.fail(`${String(error instanceof Error ? error.stack : error)} (${context()})`);
      }
    }
  });

  it('engine: re-parsing only the edited documents gives exactly what a full parse gives', () => {
    const random = new Random(baseSeed + 1);
    const { cases, until } = budget(200, 0.2);
    for (let index = 0; index < cases && Date.now() < until; index++) {
      const parts = Array.from({ length: 3 + random.int(8) }, () => random.pick(seeds).replace(/^---\n/, ''));
      let text = parts.join(random.next() < 0.8 ? '---\n' : '\n---\n');
      const uri = 'file:///fuzz/incremental.yaml';
      const incremental = new Engine(schemas());
      incremental.setFile(uri, text, 1);
      incremental.check([uri]);
      for (let step = 0; step < 6; step++) {
        const at = random.int(text.length + 1);
        const removed = random.next() < 0.3 ? random.int(8) : 0;
        const inserted = random.next() < 0.7 ? random.pick([...tokens, 'x', '3', ' ', '\n']) : '';
        const previous = text;
        text = text.slice(0, at) + inserted + text.slice(at + removed);
        incremental.setFile(uri, text, step + 2);
        const full = new Engine(schemas());
        full.setFile(uri, text, step + 2);
        if (snapshot(incremental, uri) !== snapshot(full, uri)) {
          assert.fail(`incremental and full parse differ after an edit at ${at} (-${removed} +${JSON.stringify(inserted)}); before: ${keep('before', previous)}, after: ${keep('after', text)}`);
        }
      }
    }
  });

  it('CLI: exits 0 or 1 with parseable JSON and SARIF on mutated files', () => {
    const random = new Random(baseSeed + 2);
    const { cases, until } = budget(3, 0.1);
    for (let run = 0; run < cases && Date.now() < until; run++) {
      const dir = mkdtempSync(join(tmpdir(), 'sts-fuzz-cli-'));
      const texts = new Map<string, string>();
      for (let file = 0; file < 40; file++) {
        const text = mutate(random.pick(seeds), random);
        texts.set(`f${file}.yaml`, text);
        writeFileSync(join(dir, `f${file}.yaml`), text);
      }
      for (const format of ['json', 'sarif']) {
        const result = spawnSync(process.execPath, [join(repoRoot, 'bin', 'statefulset-lint.js'), '--format', format, '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
        assert.ok(result.status === 0 || result.status === 1, `exit ${result.status} in ${dir}: ${result.stderr}`);
        assert.doesNotMatch(result.stderr, /internal error|TypeError|RangeError/, dir);
        const output: unknown = JSON.parse(result.stdout);
        if (format === 'json') {
          for (const finding of output as { file: string; line: number; endLine: number }[]) {
            const count = texts.get(finding.file)!.split(/\r\n|\r|\n/).length;
            assert.ok(finding.line >= 1 && finding.endLine <= count, `${finding.file}:${finding.line}-${finding.endLine} of ${count} lines in ${dir}`);
          }
        }
      }
    }
  });

  describe('language server', () => {
    let client: LspClient;
    before(async () => { client = await LspClient.start(); });
    after(async () => { await client.stop(); });

    const answered = async <T>(what: string, request: Promise<T>): Promise<T> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<T>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer to ${what} within 20 s\n${client.stderr.join('')}`)), 20000);
      });
      try {
        return await Promise.race([request, timeout]);
      } finally {
        clearTimeout(timer);
      }
    };

    /** The text's lines as LSP counts them: \r\n, \n and a lone \r end a line. */
    const lspLines = (text: string): string[] => text.split(/\r\n|\r|\n/);

    /** The first position of a diagnostic outside the text, if any. */
    function outside(diagnostics: Diagnostic[], text: string): string | undefined {
      const textLines = lspLines(text);
      for (const d of diagnostics) {
        for (const { line, character } of [d.range.start, d.range.end]) {
          if (line < 0 || line >= textLines.length || character < 0 || character > textLines[line].length) return `${d.code} at ${line}:${character}`;
        }
      }
      return undefined;
    }

    it('answers every request and publishes ranges inside the document while documents are edited', async () => {
      const random = new Random(baseSeed + 3);
      const { cases, until } = budget(40, 0.3);
      for (let index = 0; index < cases && Date.now() < until; index++) {
        const uri = `file:///fuzz/lsp-${index}.yaml`;
        let text = mutate(random.pick(seeds), random);
        const opened = client.waitForDiagnostics(uri, () => true, 20000);
        await client.open(uri, text);
        const wrong = outside(await opened, text);
        if (wrong) assert.fail(`diagnostic ${wrong} outside the opened document ${keep('lsp-open', text)}`);
        for (let version = 2; version < 10; version++) {
          const textLines = lspLines(text);
          const line = random.int(textLines.length);
          const character = random.int(textLines[line].length + 1);
          const inserted = random.pick([...tokens, 'x', '\n']);
          const position = { line, character };
          await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version }, contentChanges: [{ range: { start: position, end: position }, text: inserted }],
          });
          const breaks = [...text.matchAll(/\r\n|\r|\n/g)];
          const offset = (line === 0 ? 0 : breaks[line - 1].index! + breaks[line - 1][0].length) + character;
          text = text.slice(0, offset) + inserted + text.slice(offset);
          const probe = { line: random.int(line + 1), character: random.int(20) };
          await answered('hover', client.hover(uri, probe));
          await answered('completion', client.completion(uri, probe));
          await answered('documentSymbol', client.symbols(uri));
          const diagnostics = client.diagnostics.get(uri) ?? [];
          await answered('codeAction', client.codeActions(uri, diagnostics.slice(0, 3)));
        }
        // The last diagnostics published are those of the last version once the server is idle
        // (an unchanged list is not published again): wait for them to fit the final text.
        let wrongAfterEdits: string | undefined = 'not checked';
        for (let waited = 0; waited < 10000 && wrongAfterEdits; waited += 100) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          wrongAfterEdits = outside(client.diagnostics.get(uri) ?? [], text);
        }
        if (wrongAfterEdits) assert.fail(`diagnostic ${wrongAfterEdits} outside the edited document ${keep('lsp-edited', text)}`);
        await client.close(uri);
      }
      assert.ok(Array.isArray(await answered('final documentSymbol', client.symbols('file:///fuzz/none.yaml'))));
    });
  });

  describe('language server protocol', () => {
    const answered = <T>(client: LspClient, what: string, request: Promise<T>): Promise<T> => Promise.race([request,
      new Promise<T>((_resolve, reject) => setTimeout(() => reject(new Error(`no answer to ${what} within 20 s\n${client.stderr.join('')}`)), 20000).unref())]);

    /** A random JSON value: what a broken or hostile client may send as settings. */
    const junk = (random: Random, depth = 0): unknown => {
      const choice = random.int(depth > 2 ? 6 : 9);
      switch (choice) {
        case 0: return null;
        case 1: return random.int(1e9) * (random.next() < 0.5 ? -1 : 1) / (random.int(4) + 1);
        case 2: return random.pick(['', 'default', '1.30', 'x'.repeat(300), '\u0000', '**/{a', '[z-a]', 'Ní', '-1']);
        case 3: return random.next() < 0.5;
        case 4: return [];
        case 5: return undefined;
        case 6: return Array.from({ length: random.int(4) }, () => junk(random, depth + 1));
        default: {
          const keys = ['kubernetesVersion', 'defaultNamespace', 'clusterDomain', 'knownStorageClasses', 'rules', 'maxFileSize', 'codeLens', 'statefulset', 'files.exclude', '__proto__', 'x'];
          return Object.fromEntries(Array.from({ length: random.int(5) }, () => [random.pick(keys), junk(random, depth + 1)]));
        }
      }
    };

    it('survives malformed settings (pushed and pulled) and cancellations, and still answers', async () => {
      const random = new Random(baseSeed + 7);
      const { cases, until } = budget(30, 0.1);
      let pulled: unknown = {};
      const client = await LspClient.start({ configuration: () => pulled });
      try {
        const uri = 'file:///fuzz/settings.yaml';
        await client.open(uri, random.pick(seeds));
        for (let index = 0; index < cases && Date.now() < until; index++) {
          pulled = junk(random);
          await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: junk(random) });
          // A burst of requests, some cancelled at once, some after a while.
          const sources = Array.from({ length: 5 }, () => new CancellationTokenSource());
          const replies = sources.map((source, i) => client.connection.sendRequest('textDocument/hover',
            { textDocument: { uri }, position: { line: i, character: random.int(10) } }, source.token).then(() => 'ok', (error: { code?: number }) => error?.code ?? 'error'));
          for (const source of sources) if (random.next() < 0.6) source.cancel();
          setTimeout(() => sources.forEach((source) => source.cancel()), random.int(20));
          const answers = await answered(client, 'hover burst', Promise.all(replies));
          for (const answer of answers) assert.ok(answer === 'ok' || answer === -32800, `unexpected answer ${String(answer)}: ${client.stderr.join('')}`);
        }
        assert.ok(Array.isArray(await answered(client, 'documentSymbol after the settings', client.symbols(uri))), client.stderr.join(''));
        assert.equal(client.process.exitCode, null, `the server exited: ${client.stderr.join('')}`);
      } finally {
        await client.stop();
      }
    });

    it('on corrupt frames either goes on answering or ends with a logged reason, never stays deaf', async () => {
      const random = new Random(baseSeed + 11);
      const { cases, until } = budget(12, 0.1);
      const frames = [
        () => 'Content-Type: x\r\n\r\n{}',
        () => `Content-Length: ${random.int(40)}\r\n\r\n${'{'.repeat(random.int(50))}`,
        () => 'Content-Length: -5\r\n\r\n',
        () => 'Content-Length: abc\r\n\r\n{"jsonrpc":"2.0"}',
        () => { const body = JSON.stringify({ jsonrpc: '2.0', id: random.int(1e6), method: random.pick(['textDocument/hover', 'nope', 'shutdown', '$/cancelRequest']), params: junk(random) }); return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`; },
        () => { const body = '{"jsonrpc": "2.0", "method": '; return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`; },
        () => String.fromCharCode(...Array.from({ length: 1 + random.int(60) }, () => random.int(256))),
      ];
      for (let index = 0; index < cases && Date.now() < until; index++) {
        const client = await LspClient.start();
        try {
          const exited = new Promise<'exited'>((resolve) => {
            if (client.process.exitCode !== null) resolve('exited'); else client.process.once('exit', () => resolve('exited'));
          });
          client.process.stdin.write(random.pick(frames)());
          let alive: Promise<'answered' | 'failed'>;
          try {
            // An error response is an answer too (after a fuzzed `shutdown`: "the server is shutting
            // down"); only a request that could not be sent or was dropped by the client has failed.
            alive = client.symbols('file:///fuzz/none.yaml').then(() => 'answered' as const, (error: unknown) => (answeredWithError(error) ? 'answered' as const : 'failed' as const));
          } catch {
            alive = Promise.resolve('failed');
          }
          const deaf = new Promise<'deaf'>((resolve) => setTimeout(() => resolve('deaf'), 10000).unref());
          let outcome = await Promise.race([exited, alive, deaf]);
          // A request that could not be sent: the server is gone (or going); it must have ended.
          if (outcome === 'failed') outcome = await Promise.race([exited, deaf]);
          assert.notEqual(outcome, 'deaf', `neither answered nor exited after a corrupt frame: ${client.stderr.join('')}`);
          if (outcome === 'exited') assert.ok(client.stderr.join('').trim().length > 0, 'the server ended without a logged reason');
        } finally {
          await client.stop().catch(() => undefined);
        }
      }
    });
  });

  it('no rule threw on any input', () => {
    assert.deepEqual([...ruleErrors].map(([id, error]) => `${id}: ${error}`), []);
  });
});
