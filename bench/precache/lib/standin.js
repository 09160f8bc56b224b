'use strict';
// The RAPI stand-in in a child process of its own, so serving ~200 MB of answers over TLS does
// not share an event loop with the worker being measured. It runs test/support's stand-in and
// generator as they are, transpiled in memory (test/ is not part of the build): the answers
// are byte for byte what the collection tests see, and the fixtures resolve from test/support.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../../..');

function registerTypeScript() {
  const ts = require(path.join(ROOT, 'node_modules/typescript'));
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  require.extensions['.ts'] = (module, filename) => {
    const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { fileName: filename, compilerOptions });
    module._compile(out.outputText, filename);
  };
}

/** Child side: start, generate, report `{ url, caCert, clusters }` to the parent, serve until killed. */
async function serve({ clusters, instancesPerCluster }) {
  registerTypeScript();
  const { RapiStandin } = require(path.join(ROOT, 'test/support/rapi-standin.ts'));
  const { serveGeneratedClusters } = require(path.join(ROOT, 'test/support/rapi-generator.ts'));
  const standin = await RapiStandin.start();
  const started = performance.now();
  const served = serveGeneratedClusters(standin, { clusters, instancesPerCluster });
  process.send({
    url: standin.url,
    caCert: standin.certificates.main.caCert,
    clusters: served,
    generateMs: Math.round(performance.now() - started),
    rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
  });
  process.on('disconnect', () => standin.close().finally(() => process.exit(0)));
}

/** Parent side: forks this file and resolves with what the child reported. */
function startStandin(opts) {
  const { fork } = require('node:child_process');
  const child = fork(__filename, ['--serve', JSON.stringify(opts)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (info) => resolve({ ...info, child, stop: () => stopChild(child) }));
    child.once('exit', (code) => reject(new Error(`RAPI stand-in exited with ${code} before it was ready`)));
  });
}

function stopChild(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => (clearTimeout(timer), resolve()));
    child.disconnect();
  });
}

if (require.main === module && process.argv[2] === '--serve') {
  serve(JSON.parse(process.argv[3])).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

module.exports = { startStandin };
