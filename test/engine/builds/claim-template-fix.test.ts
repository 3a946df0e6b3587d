// The quick fix of kustomize/claim-template-patch, applied to the files and built by the real
// `kubectl kustomize`: the claim keeps its accessModes and storageClassName and gets the new size.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { TextEditData } from '../../../server/src/engine';
import { kubectlOf, realKustomize } from '../kustomize/support';
import { buildsWorkspace, diskEngine, findingsOf } from './support';

function apply(text: string, edits: TextEditData[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((result, edit) => result.slice(0, edit.start) + edit.newText + result.slice(edit.end), text);
}

describe('kustomize/claim-template-patch quick fix', () => {
  it('turns the strategic-merge patch into a JSON 6902 patch that the real Kustomize builds with every field of the claim kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sts-claim-fix-'));
    try {
      cpSync(buildsWorkspace, dir, { recursive: true });
      const { engine } = diskEngine(dir);
      const [finding] = findingsOf(engine.check(), 'kustomize/claim-template-patch');
      assert.equal(finding.fixes?.length, 1);
      const [fix] = finding.fixes!;
      assert.equal(fix.title, 'Turn into a JSON 6902 patch');
      const files = new Set(fix.edits.map((edit) => edit.uri));
      for (const uri of files) {
        const path = fileURLToPath(uri);
        writeFileSync(path, apply(readFileSync(path, 'utf8'), fix.edits.filter((edit) => edit.uri === uri)));
      }
      assert.match(readFileSync(join(dir, 'overlays/bigger/kustomization.yaml'), 'utf8'), /patch: \|-\n {6}- op: replace\n {8}path: \/spec\/volumeClaimTemplates\/0\/spec\/resources\/requests\/storage\n {8}value: "50Gi"\n/);
      // No finding left on the fixed overlay.
      assert.deepEqual([...diskEngine(dir).engine.check([...files]).values()].flat().map((found) => found.ruleId), []);
      const { kubectl } = await kubectlOf('v35');
      const built = await realKustomize(kubectl, join(dir, 'overlays/bigger'));
      assert.equal(built.ok, true, built.stderr);
      const statefulSet = built.objects.find((object) => object.kind === 'StatefulSet') as { spec: { volumeClaimTemplates: { spec: Record<string, unknown> }[] } };
      assert.deepEqual(statefulSet.spec.volumeClaimTemplates[0].spec, {
        storageClassName: 'fast', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '50Gi' } },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
