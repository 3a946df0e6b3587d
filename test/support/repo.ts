// Paths of the repository, from the compiled test files in out/test/support/.
import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..', '..');
export const fixturesDir = join(repoRoot, 'test', 'fixtures');
export const examplesDir = join(repoRoot, 'examples');
export const distDir = join(repoRoot, 'dist');
export const corpusDir = join(repoRoot, '..', 'shared', 'corpus', 'real');
