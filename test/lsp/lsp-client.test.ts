// The test LSP client itself: a server that dies in the middle of a message must not keep the test
// process alive (vscode-jsonrpc's partial-message timer re-arms for ever and survives dispose; a CI run
// once hung after every test had passed).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { LspClient } from '../support/lsp-client';

const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('the test LSP client', () => {
  it('leaves no timer behind when the server ends inside a message', async () => {
    const before = timers();
    // A "server" that writes half a frame, then exits.
    const script = "process.stdout.write('Content-Length: 200\\r\\n\\r\\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"', () => process.exit(0));";
    const client = LspClient.spawn({ command: { file: process.execPath, args: ['-e', script] } });
    await once(client.process, 'exit');
    // Let the reader take the partial data.
    await new Promise((resolve) => setImmediate(resolve));
    await client.stop();
    assert.equal(timers(), before, `timers left: ${process.getActiveResourcesInfo().join(', ')}`);
  });
});
