// The README's first command ends here: runs statefulset-lint on examples/ and shows its findings as a
// user sees them. Succeeds when the valid tutorial manifests are clean and every mistake in
// examples/broken is reported (its exit code is then 1, which is what the linter is for).
import { spawnSync } from 'node:child_process';

const lint = (args) => spawnSync(process.execPath, ['bin/statefulset-lint.js', ...args], { encoding: 'utf8' });

console.log('$ statefulset-lint examples');
const all = lint(['examples']);
process.stdout.write(all.stdout);
process.stderr.write(all.stderr);

const valid = lint(['--format', 'json', 'examples/statefulset.yaml', 'examples/service.yaml', 'examples/storageclass.yaml']);
const validFindings = JSON.parse(valid.stdout || '[]');
const brokenFindings = all.stdout.split('\n').filter((line) => line.startsWith('examples/broken/')).length;

if (valid.status !== 0 || validFindings.length > 0) {
  console.error(`\nexamples/: the valid manifests should give no findings, got ${validFindings.length} (exit ${valid.status})`);
  process.exit(1);
}
if (all.status !== 1 || brokenFindings === 0) {
  console.error(`\nexamples/broken: expected findings and exit code 1, got ${brokenFindings} findings and exit ${all.status}`);
  process.exit(1);
}
console.log(`\nexamples/: the tutorial manifests are clean; examples/broken: ${brokenFindings} mistakes found (exit code 1, as intended).`);
