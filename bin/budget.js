#!/usr/bin/env node
'use strict';
/**
 * `npx budget …` (package.json "bin"): runs the built CLI, dist/apps/cli/main.js (`npx nest build cli`), when it is
 * newer than every source it is built from; otherwise the TypeScript sources through ts-node (installed by `npm ci`),
 * so a fresh clone needs no build step.
 */
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const built = join(root, 'dist/apps/cli/main.js');
const SOURCES = ['apps/cli/src', 'libs/domain/src'].map((dir) => join(root, dir));

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function builtIsFresh() {
  if (!existsSync(built)) return false;
  if (!SOURCES.every((dir) => existsSync(dir))) return true; // an installed package: only the build is there
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.every((dir) => newestSource(dir) <= builtAt);
}

if (process.env.BUDGET_CLI_FROM_SOURCE !== '1' && builtIsFresh()) {
  require(built);
} else {
  let tsNode;
  let tsconfigPaths;
  try {
    tsNode = require('ts-node');
    tsconfigPaths = require('tsconfig-paths');
  } catch {
    process.stderr.write('错误：找不到已构建的命令行（dist/apps/cli/main.js），也没有 ts-node：请先运行 npx nest build cli\n');
    process.exit(2);
  }
  const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
  tsNode.register({ project: join(root, 'tsconfig.json'), transpileOnly: true, compilerOptions: { module: 'commonjs', sourceMap: false } });
  tsconfigPaths.register({ baseUrl: root, paths: tsconfig.compilerOptions.paths });
  require(join(root, 'apps/cli/src/main.ts'));
}
