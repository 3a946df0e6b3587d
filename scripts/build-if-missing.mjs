#!/usr/bin/env node
// package.json's "dependencies" lifecycle script: npm runs it in a checkout after `npm install` or
// `npm ci` changed node_modules (never for an installed package, never during `npm pack`). It builds
// dist/ when it is missing, so that a checkout installed by pre-commit (`language: node`: npm install,
// npm pack, npm install -g of the tarball) packs the bundles. A lifecycle script of `npm pack` itself
// (prepack, prepare) would print npm's banner into pack's output, which pre-commit reads as the
// tarball's name.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = ['dist/cli.js', 'dist/server.js', 'dist/schemas/kubernetes.json'].every((file) => existsSync(join(root, file)));
if (!built) {
  console.error('statefulset-tools: dist/ is missing, building it (npm run build)');
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] })
    : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
  process.exit(result.status ?? 1);
}
