// The npm package as a user gets it: `npm pack`, then `npm install -g --prefix DIR` of the tarball in an
// empty folder, offline (the package has no dependency to download), and the installed commands run
// from there, with no access to this checkout: the CLI on the examples and on standard input, the
// configuration file, npx, the language server over stdio, and the GitHub Action's script.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { examplesDir, repoRoot } from '../support/repo';
import { expectations } from '../support/fixtures';
import { LspClient } from '../support/lsp-client';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const root = mkdtempSync(join(tmpdir(), 'sts-package-'));
const prefix = join(root, 'prefix');
const work = join(root, 'work');
let tarball = '';
let packedFiles: string[] = [];
after(() => rmSync(root, { recursive: true, force: true }));

function run(file: string, args: string[], options: SpawnSyncOptions = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(file, args, { cwd: work, encoding: 'utf8', timeout: 120_000, ...options });
  assert.equal(result.error, undefined, `${file} ${args.join(' ')}: ${result.error}`);
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

const lint = (args: string[], options: SpawnSyncOptions = {}): ReturnType<typeof run> => run(join(prefix, 'bin', 'statefulset-lint'), args, options);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(entry) ? [path] : [];
  });
}

describe('the npm package statefulset-tools', () => {
  before(() => {
    // The test runs after `npm run build`: pack what is built (prepack would build it again).
    const pack = spawnSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', root], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = info.filename;
    packedFiles = info.files.map((file) => file.path).sort();
    mkdirSync(work);
    cpSync(join(root, tarball), join(work, tarball));
    const install = spawnSync(npm, ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', `./${tarball}`], { cwd: work, encoding: 'utf8' });
    assert.equal(install.status, 0, `npm install -g of the tarball failed (offline: it must need nothing from the registry):\n${install.stderr}`);
  });

  it('holds only the bundles, their schemas, the bins and the docs: no sources, tests, source maps or build files', () => {
    const rules = packedFiles.filter((file) => file.startsWith('docs/rules/'));
    assert.ok(rules.length > 40 && rules.every((file) => file.endsWith('.md')), 'the rule pages (SARIF help, diagnostic links)');
    assert.deepEqual(packedFiles.filter((file) => !file.startsWith('docs/rules/')), [
      'CHANGELOG.md', 'LICENSE', 'README.md',
      'bin/statefulset-language-server.js', 'bin/statefulset-lint.js',
      'dist/cli.js', 'dist/client.js',
      'dist/schemas/kubernetes.json', 'dist/schemas/statefulset-lint.schema.json', 'dist/schemas/validators-2.js', 'dist/schemas/validators.js',
      'dist/server.js', 'package.json',
    ]);
    const installed = join(prefix, 'lib', 'node_modules', 'statefulset-tools');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies?: object };
    assert.equal(manifest.dependencies, undefined, 'no runtime dependency: the bundles carry them');
    assert.ok(!existsSync(join(installed, 'node_modules')));
  });

  it('prints its version and the Kubernetes release of its schemas', () => {
    const result = lint(['--version']);
    assert.equal(result.status, 0, result.stderr);
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    assert.match(result.stdout, new RegExp(`^statefulset-lint ${version.replace(/\./g, '\\.')}\\nKubernetes schemas 1\\.\\d+: .*OpenAPI release-1\\.\\d+`));
  });

  it('checks the examples: nothing in the tutorial, exactly the marked mistakes in examples/broken', () => {
    cpSync(examplesDir, join(work, 'examples'), { recursive: true });
    const result = lint(['--format', 'json', 'examples']);
    assert.equal(result.status, 1, result.stderr);
    const files = Object.fromEntries(yamlFiles(join(work, 'examples')).map((path) => [relative(work, path), readFileSync(path, 'utf8')]));
    const wanted = expectations({ ruleId: '', name: '', files, settings: {} }).map((e) => `${e.file}:${e.line} ${e.ruleId}`).sort();
    const actual = (JSON.parse(result.stdout) as { file: string; line: number; ruleId: string }[]).map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort();
    assert.ok(wanted.length >= 5 && wanted.every((line) => line.startsWith('examples/broken/')));
    assert.deepEqual(actual, wanted);
  });

  it('reads a stream on standard input', () => {
    const result = lint(['-'], { input: '---\n# Source: app/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  nmae: x\n' });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^<stdin>:7:3: error Unknown field "nmae".* \(from app\/templates\/cm\.yaml\) \[schema\/unknown-field\]$/m);
  });

  it('follows a .statefulset-lint.yaml in the repository', () => {
    const repo = join(work, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    cpSync(join(examplesDir, 'broken'), join(repo, 'k8s'), { recursive: true });
    const before = lint(['--format', 'json', 'k8s'], { cwd: repo });
    const ids = (stdout: string): string[] => [...new Set((JSON.parse(stdout) as { ruleId: string }[]).map((f) => f.ruleId))];
    assert.ok(ids(before.stdout).includes('schema/unknown-field'));
    writeFileSync(join(repo, '.statefulset-lint.yaml'), 'rules:\n  schema/unknown-field: "off"\n');
    const after = lint(['--format', 'json', 'k8s'], { cwd: repo });
    assert.deepEqual(ids(after.stdout), ids(before.stdout).filter((id) => id !== 'schema/unknown-field'));
    writeFileSync(join(repo, '.statefulset-lint.yaml'), 'rules:\n  schema/unknown-feld: "off"\n');
    const wrong = lint(['k8s'], { cwd: repo });
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /^\.statefulset-lint\.yaml:2:3: error rules: unknown rule id "schema\/unknown-feld": did you mean "schema\/unknown-field"\? \[config\/invalid\]$/m);
  });

  it('runs with npx from the tarball (the bin named like the package is the CLI)', () => {
    const cache = join(root, 'npx-cache');
    // The npm cache is seeded from the tarball, so that npx needs no registry at all.
    const result = run(npm, ['exec', '--yes', '--offline', '--cache', cache, `--package=./${tarball}`, '--', 'statefulset-tools', '--version']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^statefulset-lint \d+\.\d+\.\d+/);
  });

  it('starts the language server, which answers initialize, publishes diagnostics and follows .statefulset-lint.yaml', async () => {
    const server = { file: join(prefix, 'bin', 'statefulset-language-server'), args: ['--stdio'], cwd: work };
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  nmae: x\n';
    const folder = join(work, 'lsp-workspace');
    mkdirSync(folder);
    for (const withConfig of [false, true]) {
      if (withConfig) writeFileSync(join(folder, '.statefulset-lint.yaml'), 'rules:\n  schema/unknown-field: warning\n');
      const client = await LspClient.start({ command: server, workspaceFolders: [folder] });
      try {
        assert.equal(client.initializeResult?.serverInfo?.name, 'statefulset-language-server');
        const uri = pathToFileURL(join(folder, 'open.yaml')).href;
        await client.open(uri, text);
        const diagnostics = await client.waitForDiagnostics(uri, (list) => list.length > 0);
        // Severity 1 is Error (the rule's default), 2 Warning (the configuration file's).
        assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.severity]), [['schema/unknown-field', 4, withConfig ? 2 : 1]]);
      } finally {
        await client.stop();
      }
    }
  });

  it('runs the GitHub Action\'s script: SARIF written, annotations printed, outputs set', () => {
    const output = join(root, 'github-output');
    writeFileSync(output, '');
    const env = { ...process.env, GITHUB_OUTPUT: output, INPUT_CLI: join(prefix, 'bin', 'statefulset-lint'), INPUT_PATHS: 'examples', INPUT_ARGS: '--kubernetes-version 1.33', INPUT_SARIF_FILE: 'out.sarif' };
    const result = run(process.execPath, [join(repoRoot, 'scripts', 'github-action.mjs')], { env });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^::error file=examples\/broken\/statefulset\.yaml,line=9,/m);
    const outputs = readFileSync(output, 'utf8');
    assert.match(outputs, /^exit-code=1$/m);
    assert.match(outputs, /^sarif-written=true$/m);
    assert.match(outputs, new RegExp(`^sarif-file=${join(work, 'out.sarif').replace(/[.]/g, '\\.')}$`, 'm'));
    const log = JSON.parse(readFileSync(join(work, 'out.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    assert.ok(log.runs[0].results.length >= 5);
    // A check that cannot run: exit 2, nothing to upload.
    writeFileSync(output, '');
    const failed = run(process.execPath, [join(repoRoot, 'scripts', 'github-action.mjs')], { env: { ...env, INPUT_PATHS: 'no/such/folder' } });
    assert.equal(failed.status, 2);
    assert.match(failed.stderr, /cannot read no\/such\/folder: no such file or folder/);
    assert.match(failed.stdout, /^::error title=statefulset-lint::statefulset-lint could not check the files \(exit code 2\)/m);
    assert.match(readFileSync(output, 'utf8'), /^sarif-written=false$/m);
  });
});
