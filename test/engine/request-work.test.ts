// Requests work from the document at the cursor (issue 19): completion re-parsed the whole file with
// `yaml` (2 s at 1.9 MB, blocking every other request). The work of one completion, hover and name
// completion is counted (test/support/work-meter.ts) in a file of n and of 4n documents: it must not grow
// with the rest of the file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine } from '../../server/src/engine';
import { completeNames } from '../../server/src/engine/features/navigation';
import { schemas } from '../support/engine';
import { measureWork } from '../support/work-meter';
import { statefulSet } from '../support/manifests';

function requestWork(documents: number): number {
  const parts = Array.from({ length: documents }, (_, i) => statefulSet({ name: `web-${i}`, containers: [{ image: 'nginx' }] }));
  const text = parts.join('---\n');
  const engine = new Engine(schemas());
  engine.setFile('big.yaml', text);
  // As in the editor, the file's diagnostics were computed when it was opened: a request comes after
  // (the first check of a file version scans its text once, for its line ends).
  engine.check(['big.yaml']);
  // The cursor in the middle document, after `serviceName: `, and on the line after `image: nginx`.
  const middle = parts.slice(0, documents >> 1).join('---\n').length + 4;
  const service = text.indexOf('serviceName: ', middle) + 'serviceName: '.length;
  const image = text.indexOf('image: nginx', middle) + 'image: nginx'.length;
  return measureWork(() => {
    completeNames(engine.model, engine.settings, 'big.yaml', service);
    engine.complete('big.yaml', service);
    engine.complete('big.yaml', image);
    engine.hover('big.yaml', service);
  }).work.chars;
}

describe('request work does not grow with the file', () => {
  it('completion, name completion and hover in a file of 50 and of 200 documents', () => {
    const small = requestWork(50);
    const large = requestWork(200);
    assert.ok(large <= small * 1.5, `work grew from ${small} to ${large} characters examined with 4× the documents`);
  });
});
