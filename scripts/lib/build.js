'use strict';
// Install and build only when needed, so a second `npm start` is quick.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

/** Newest mtime of a file or of anything (files and directories) under a directory. */
function newestMtime(target, skip = new Set(['node_modules', 'dist', '.git'])) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  let newest = stat.mtimeMs;
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(target)) {
      if (skip.has(entry)) continue;
      newest = Math.max(newest, newestMtime(path.join(target, entry), skip));
    }
  }
  return newest;
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Runs npm with the same npm that started us when there is one (npm sets npm_execpath). */
function npmCommand(args) {
  const execPath = process.env.npm_execpath;
  return execPath && /\.c?js$/.test(execPath)
    ? [process.execPath, [execPath, ...args]]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', args];
}

function npm(root, args) {
  const [cmd, cmdArgs] = npmCommand(args);
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) throw result.error;
  return result.status === 0;
}

/** npm ci when node_modules is missing or older than package-lock.json. Returns why, or null. */
function dependenciesStale(root) {
  const lock = path.join(root, 'package-lock.json');
  const modules = path.join(root, 'node_modules');
  if (!fs.existsSync(modules)) return 'node_modules is missing';
  // npm rewrites node_modules/.package-lock.json on every install: the install's timestamp.
  const installed = mtime(path.join(modules, '.package-lock.json')) || mtime(modules);
  if (mtime(lock) > installed) return 'package-lock.json changed since the last install';
  return null;
}

/** npm ci: exactly the locked versions; a lock out of step with package.json is an error to fix. */
function installDependencies(root) {
  return npm(root, ['ci', '--no-audit', '--no-fund']);
}

const BUILD_INPUTS = ['apps', 'libs', 'migrations', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const ENTRY_POINTS = ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js'];
// Written only after a successful build: tsc emits even when it reports errors, so the
// age of dist/ alone would let a failed build pass for a good one.
const STAMP = 'dist/.quickstart-build';

function buildStale(root) {
  const missing = ENTRY_POINTS.find((p) => !fs.existsSync(path.join(root, p)));
  if (missing) return `${missing} is missing`;
  const stamp = mtime(path.join(root, STAMP));
  if (!stamp) return 'no successful build recorded';
  const newest = Math.max(...BUILD_INPUTS.map((p) => newestMtime(path.join(root, p))));
  if (newest > stamp) return 'sources changed since the last build';
  return null;
}

function runBuild(root) {
  fs.rmSync(path.join(root, STAMP), { force: true });
  const started = Date.now();
  if (!npm(root, ['run', 'build'])) return null;
  const missing = ENTRY_POINTS.find((p) => !fs.existsSync(path.join(root, p)));
  if (missing) throw new Error(`npm run build succeeded but ${missing} was not produced`);
  // Dated to when the build began, so an edit made while it ran still counts as newer.
  const stamp = path.join(root, STAMP);
  fs.writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
  fs.utimesSync(stamp, new Date(started), new Date(started));
  return Date.now() - started;
}

module.exports = { dependenciesStale, installDependencies, buildStale, runBuild, npm, ENTRY_POINTS };
