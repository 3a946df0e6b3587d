// An object in a removed apiVersion is also checked against its replacement's schema: every problem at
// once, not the unknown field only after the apiVersion is fixed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, check } from '../support/engine';
import { statefulSet } from '../support/manifests';
import { lineColumnOf } from '../support/positions';

const ids = (text: string): string[] => check(text).filter((f) => /^(manifest|schema)\//.test(f.ruleId)).map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId}`);

describe('removed apiVersions checked against their replacement', () => {
  it('reports the unknown field of a storage.k8s.io/v1beta1 StorageClass with the removed version', () => {
    const text = 'apiVersion: storage.k8s.io/v1beta1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: kubernetes.io/gce-pd\nparamters:\n  type: pd-ssd\n';
    const findings = check(text);
    assert.deepEqual(ids(text), ['1:13 error manifest/removed-api', '6:1 error schema/unknown-field']);
    const unknown = findings.find((f) => f.ruleId === 'schema/unknown-field')!;
    assert.match(unknown.message, /Unknown field "paramters" in StorageClass \(paramters\)\. Did you mean "parameters"\? \(Checked against storage\.k8s\.io\/v1, which replaces storage\.k8s\.io\/v1beta1\.\)/);
    const fixed = applyFix(text, unknown);
    assert.match(fixed, /\nparameters:\n/);
  });

  it('leaves the selector apps/v1 requires to manifest/removed-api, and reports the rest', () => {
    const text = statefulSet({ apiVersion: 'apps/v1beta1', replicas: '"3"', selector: null });
    const at = (needle: string): string => {
      const { line, column } = lineColumnOf(text, needle);
      return `${line}:${column}`;
    };
    assert.deepEqual(ids(text), [`${at('apps/v1beta1')} error manifest/removed-api`, `${at('"3"')} error schema/type`]);
    assert.match(check(text).find((f) => f.ruleId === 'manifest/removed-api')!.message, /apps\/v1 also requires spec\.selector/);
  });

  it('does not check kinds whose replacement has another shape', () => {
    const ingress = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: x\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n';
    assert.deepEqual(ids(ingress), ['1:13 error manifest/removed-api']);
  });
});
