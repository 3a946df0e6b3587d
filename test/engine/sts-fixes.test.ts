// Quick fixes of the StatefulSet rules, applied to YAML strings: the exact resulting text (style kept).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, check, findingsOf } from '../support/engine';
import { persistentVolumeClaim, statefulSet } from '../support/manifests';

const head = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
`;

/** Applies fix `index` of the first finding of `ruleId` and returns the new text. */
function fixed(ruleId: string, text: string, index = 0): string {
  const [finding] = findingsOf(ruleId, text);
  assert.ok(finding, `no ${ruleId} finding`);
  return applyFix(text, finding, index);
}

function errors(text: string): string[] {
  return check(text).filter((finding) => finding.severity === 'error').map((finding) => finding.ruleId);
}

describe('StatefulSet quick fixes', () => {
  it('adds spec.selector.matchLabels from the template labels, at the indentation of spec', () => {
    const text = statefulSet({ selector: null, labels: { app: 'web', tier: '"1"' } });
    const result = fixed('sts/selector-missing', text);
    assert.equal(result, `${text}  selector:\n    matchLabels:\n      app: web\n      tier: "1"\n`);
    assert.deepEqual(errors(result), []);
  });

  it('adds the missing selector labels to a flow-style template, in flow style', () => {
    const text = `${head}  selector: {matchLabels: {app: web, tier: db}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx}]}
`;
    const result = fixed('sts/selector-mismatch', text);
    assert.match(result, /^ {4}metadata: \{labels: \{app: web, tier: db\}\}$/m);
    assert.deepEqual(errors(result), []);
  });

  it('sets an empty flow selector to the template labels, staying in flow style', () => {
    const text = `${head}  selector: {}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers: [{name: web, image: nginx}]
`;
    const result = fixed('sts/selector-empty', text);
    assert.match(result, /^ {2}selector: \{matchLabels: \{app: web\}\}\n {2}template:/m);
    assert.deepEqual(errors(result), []);
  });

  it('renames an unknown mount to the closest volume, keeping its quotes', () => {
    const text = statefulSet({ containers: [{ mounts: { '"dta"': '/data' } }], claimTemplates: [{ name: 'data' }] });
    const [finding] = findingsOf('sts/volume-mount-unknown', text);
    assert.deepEqual(finding.fixes?.map((fix) => fix.title), ['Change to "data"', 'Add a volume claim template "dta" (ReadWriteOnce, 1Gi)']);
    assert.match(applyFix(text, finding, 0), /- name: "data"\n/);
  });

  it('adds a claim template when there is none, with unindented sequences when the document uses them', () => {
    const text = `${head}  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
`;
    const result = fixed('sts/volume-mount-unknown', text, 0);
    assert.equal(result, `${text}  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
`);
    assert.deepEqual(errors(result), []);
  });

  it('mounts an unmounted claim template in the first container, as a snippet with a mount path placeholder', () => {
    const text = statefulSet({ claimTemplates: [{ name: 'www' }] });
    const [finding] = findingsOf('sts/claim-template-unmounted', text);
    const edit = finding.fixes?.[0].edits[0];
    assert.equal(edit?.snippet, true);
    assert.equal(edit?.newText, '          volumeMounts:\n            - name: www\n              mountPath: ${1:/data/www}\n');
    assert.deepEqual(errors(applyFix(text, finding)), []);
  });

  it('removes a shadowing pod volume with its key when it is the only one', () => {
    const text = statefulSet({
      containers: [{ mounts: { data: '/data' } }],
      podSpec: 'volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data\n',
      claimTemplates: [{ name: 'data' }],
    });
    const result = fixed('sts/volume-shadows-claim-template', text);
    assert.doesNotMatch(result, /volumes:|claimName/);
    assert.deepEqual(errors(result), []);
  });

  it('sets terminationGracePeriodSeconds to 30, or removes it', () => {
    const text = statefulSet({ podSpec: 'terminationGracePeriodSeconds: 0\n' });
    assert.match(fixed('sts/termination-grace-zero', text, 0), /^ {6}terminationGracePeriodSeconds: 30$/m);
    assert.doesNotMatch(fixed('sts/termination-grace-zero', text, 1), /terminationGracePeriodSeconds/);
  });

  it('fixes restartPolicy, activeDeadlineSeconds and rollingUpdate with OnDelete as safe or preferred edits', () => {
    const text = statefulSet({
      podSpec: 'restartPolicy: "Never"\nactiveDeadlineSeconds: 60\n',
      spec: 'updateStrategy:\n  type: OnDelete\n  rollingUpdate:\n    partition: 1\n',
    });
    let result = fixed('sts/restart-policy', text);
    assert.match(result, /restartPolicy: "Always"/);
    result = fixed('sts/active-deadline', result);
    result = fixed('sts/update-strategy-invalid', result);
    assert.match(result, /updateStrategy:\n {4}type: OnDelete\n$/);
    assert.deepEqual(errors(result), []);
  });

  it('adds accessModes in flow style and corrects storage suffixes', () => {
    const text = persistentVolumeClaim({ name: 'data', accessModes: null, storage: '10GB' });
    const [access] = findingsOf('pvc/access-modes-missing', text);
    assert.equal(access.fixes?.[0].safe, true);
    const withModes = applyFix(text, access);
    assert.match(withModes, /^ {2}accessModes: \[ReadWriteOnce\]$/m);
    const [storage] = findingsOf('pvc/storage-request-invalid', withModes);
    assert.deepEqual(storage.fixes?.map((fix) => [fix.title, fix.safe]), [['Change to "10G"', true], ['Change to "10Gi"', false]]);
    assert.deepEqual(errors(applyFix(withModes, storage)), []);
    assert.match(applyFix(text.replace('10GB', '"1gi"'), findingsOf('pvc/storage-request-invalid', text.replace('10GB', '"1gi"'))[0]), /storage: "1Gi"/);
    assert.match(applyFix(text.replace('10GB', '1K'), findingsOf('pvc/storage-request-invalid', text.replace('10GB', '1K'))[0]), /storage: 1k\n/);
  });

  it('renames an invalid StatefulSet name or serviceName only to a valid label', () => {
    const text = statefulSet({ name: 'My_DB', serviceName: 'DB.Headless', labels: { app: 'db' }, containers: [{ name: 'db', image: 'postgres' }] });
    assert.match(fixed('sts/name-invalid', text), /name: my-db\n/);
    assert.match(fixed('sts/service-name-invalid', text), /serviceName: db-headless\n/);
    assert.deepEqual(findingsOf('sts/name-invalid', text.replace('My_DB', '"-_-"'))[0].fixes, []);
  });

  it('fixes a selector operator that differs only in case, as a safe fix', () => {
    const text = statefulSet({ selector: null, spec: 'selector:\n  matchExpressions:\n    - {key: app, operator: notin, values: [db]}\n' });
    const [finding] = findingsOf('labels/invalid', text);
    assert.equal(finding.fixes?.[0].title, 'Change to "NotIn"');
    assert.equal(finding.fixes?.[0].safe, true);
    assert.deepEqual(errors(applyFix(text, finding)), []);
  });

  it('keeps CRLF line endings in inserted lines', () => {
    const text = 'apiVersion: apps/v1\r\nkind: StatefulSet\r\nmetadata:\r\n  name: web\r\nspec:\r\n  serviceName: web\r\n'
      + '  template:\r\n    metadata:\r\n      labels:\r\n        app: web\r\n    spec:\r\n      containers:\r\n        - name: web\r\n          image: nginx\r\n';
    const result = fixed('sts/selector-missing', text);
    assert.ok(result.endsWith('  selector:\r\n    matchLabels:\r\n      app: web\r\n'));
    assert.deepEqual(errors(result), []);
  });
});
