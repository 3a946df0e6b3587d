// The real server over stdio cannot be killed by one message (issue 19): handlers that throw or reject,
// settings of any shape, hostile files.exclude patterns, the protocol's life cycle, a corrupt frame,
// and cancellation of requests queued behind work.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lsp-client';
import { documents, statefulSet as statefulSetOf } from '../support/manifests';

/** A StatefulSet whose replicas `x` is a schema/type error: a diagnostic to wait for. */
const statefulSet = (name: string): string => statefulSetOf({ name, replicas: 'x' });

/** Whether the server still answers (a request that needs the engine). */
async function answers(client: LspClient): Promise<boolean> {
  const uri = 'file:///alive.yaml';
  await client.open(uri, statefulSet('alive'));
  const symbols = await Promise.race([client.symbols(uri), new Promise<null>((resolve) => setTimeout(() => resolve(null), 10000))]);
  await client.close(uri);
  return Array.isArray(symbols) && symbols.length === 1;
}

async function errorOf(promise: Promise<unknown>): Promise<ResponseError<unknown> | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (error instanceof ResponseError) return error;
    throw error;
  }
}

/** Waits until the server has logged a line that `accept` likes; returns every such line. */
async function logged(client: LspClient, accept: (line: string) => boolean): Promise<string[]> {
  for (let waited = 0; waited < 10000 && !client.logs.some(accept); waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  return client.logs.filter(accept);
}

const hasCode = (code: string) => (diagnostics: Diagnostic[]): boolean => diagnostics.some((d) => d.code === code);

describe('the server survives any one message', () => {
  for (const pull of [true, false]) {
    it(`didChangeConfiguration with null, [], a number or a string (client ${pull ? 'with' : 'without'} workspace/configuration)`, async () => {
      const client = await LspClient.start({ capabilities: pull ? {} : { workspace: { configuration: false } }, configuration: () => null });
      try {
        for (const settings of [null, [], 42, 'x', { statefulset: null }, { statefulset: [] }]) {
          await client.connection.sendNotification('workspace/didChangeConfiguration', { settings });
        }
        await client.connection.sendNotification('workspace/didChangeConfiguration', null);
        assert.ok(await answers(client), `the server stopped answering; stderr: ${client.stderr.join('')}`);
        assert.equal(client.process.exitCode, null);
      } finally {
        await client.stop();
      }
    });
  }

  it('answers a request whose handler throws with an error, and goes on', async () => {
    const client = await LspClient.start();
    try {
      for (const params of [null, {}, { textDocument: null, position: null }, { textDocument: { uri: 5 }, position: { line: -1, character: 'x' } }]) {
        const error = await errorOf(client.connection.sendRequest('textDocument/hover', params));
        // InvalidParams from the protocol library, InternalError from the guard when the handler throws.
        if (error) assert.ok([-32602, -32603].includes(error.code), `${error.code} ${error.message}`);
      }
      await client.connection.sendNotification('textDocument/didOpen', null);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///nothing.yaml', version: 2 }, contentChanges: [{ text: 'x' }] });
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: null });
      assert.ok(await answers(client), `stderr: ${client.stderr.join('')}`);
    } finally {
      await client.stop();
    }
  });

  it('settings of the wrong type keep their defaults, with one logged line naming them; the size limit is clamped', async () => {
    const settings = { maxFileSize: 0.5, defaultNamespace: 'Not_A_Namespace', clusterDomain: '', kubernetesVersion: 7, rules: { 'sts/name-too-long': 'loud' }, knownStorageClasses: 'fast' };
    const client = await LspClient.start({ configuration: (section) => (section === 'statefulset' ? settings : {}) });
    try {
      const lines = await logged(client, (line) => line.startsWith('Settings:'));
      assert.equal(lines.length, 1, client.logs.join('\n'));
      // 0.5 bytes skipped every file; clamped to 1 KiB, this one is checked.
      const uri = await client.open('file:///small.yaml', statefulSet('web'));
      const diagnostics = await client.waitForDiagnostics(uri, (list) => list.length > 0);
      assert.ok(!diagnostics.some((d) => d.code === 'yaml/skipped'), JSON.stringify(diagnostics));
      for (const name of ['maxFileSize', 'defaultNamespace', 'clusterDomain', 'kubernetesVersion', 'knownStorageClasses', 'sts/name-too-long']) assert.match(lines[0], new RegExp(name));
      const identities: { defaultNamespace: string; clusterDomain: string } = await client.connection.sendRequest('statefulset/identities', { textDocument: { uri } });
      assert.equal(identities.defaultNamespace, 'default');
      assert.equal(identities.clusterDomain, 'cluster.local');
    } finally {
      await client.stop();
    }
  });

  it('files.exclude patterns that cannot be compiled are logged once and ignored, at start and on every change', async () => {
    const exclude = { '**/{node_modules,dist': true, '[z-a]': true, [`${'{a,b}'.repeat(12)}`]: true };
    const folder = mkdtempSync(join(tmpdir(), 'sts-guard-'));
    writeFileSync(join(folder, 'a.yaml'), statefulSet('a'));
    const client = await LspClient.start({ workspaceFolders: [folder], configuration: (section) => (section === 'files.exclude' ? exclude : {}) });
    try {
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      assert.ok(await answers(client), `stderr: ${client.stderr.join('')}`);
      await logged(client, (line) => line.startsWith('indexed'));
      const ignored = await logged(client, (line) => line.includes('files.exclude pattern'));
      assert.equal(ignored.length, 1, client.logs.join('\n'));
      assert.match(ignored[0], /expand to more than 256 patterns/);
    } finally {
      await client.stop();
    }
  });
});

describe('the protocol life cycle', () => {
  it('answers requests before initialize with ServerNotInitialized, and after shutdown with InvalidRequest', async () => {
    const client = LspClient.spawn();
    try {
      const early = await errorOf(client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///a.yaml' }, position: { line: 0, character: 0 } }));
      assert.equal(early?.code, -32002);
      await client.initialize();
      assert.ok(await answers(client));
      await client.connection.sendRequest('shutdown');
      const late = await errorOf(client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///a.yaml' } }));
      assert.equal(late?.code, -32600);
      const exited = once(client.process, 'exit');
      await client.connection.sendNotification('exit');
      const [code] = await exited;
      assert.equal(code, 0);
    } finally {
      await client.stop();
    }
  });

  it('ends with a logged reason on a frame without Content-Length, instead of staying deaf', async () => {
    const client = await LspClient.start();
    try {
      assert.ok(await answers(client));
      const exited = once(client.process, 'exit');
      client.process.stdin.write('Content-Type: application/vscode-jsonrpc\r\n\r\n{"jsonrpc":"2.0","id":99,"method":"shutdown"}');
      const timeout = new Promise<'alive'>((resolve) => setTimeout(() => resolve('alive'), 10000));
      const result = await Promise.race([exited, timeout]);
      assert.notEqual(result, 'alive', 'the server neither answered nor exited');
      assert.equal(client.process.exitCode, 1);
      assert.match(client.stderr.join(''), /input stream is corrupt/);
    } finally {
      await client.stop();
    }
  });

  it('skips a message whose body is not JSON, and goes on', async () => {
    const client = await LspClient.start();
    try {
      const body = '{"jsonrpc": "2.0", "method": ';
      client.process.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      assert.ok(await answers(client), `stderr: ${client.stderr.join('')}`);
    } finally {
      await client.stop();
    }
  });

  it('honours $/cancelRequest for requests queued behind work', async () => {
    const client = await LspClient.start();
    try {
      const big = documents(...Array.from({ length: 600 }, (_, i) => statefulSet(`web-${i}`)));
      const uri = 'file:///big.yaml';
      await client.open(uri, big);
      const sources = Array.from({ length: 100 }, () => new CancellationTokenSource());
      const replies = sources.map((source, i) =>
        errorOf(client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: i, character: 4 } }, source.token)));
      for (const source of sources) source.cancel();
      const errors = await Promise.all(replies);
      const cancelled = errors.filter((error) => error?.code === -32800).length;
      assert.ok(cancelled >= 50, `only ${cancelled} of 100 cancelled`);
      await client.waitForDiagnostics(uri, hasCode('schema/type'));
    } finally {
      await client.stop();
    }
  });
});
