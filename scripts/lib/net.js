'use strict';
// Small network probes built on node:net and node:http only (they run before npm ci).
const net = require('node:net');
const http = require('node:http');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when something accepts a TCP connection on host:port within timeoutMs. */
function canConnect(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when we could listen on host:port right now (so a child we start can, too). */
function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the OS considers free on host. */
function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** GET url; resolves { status, body } or rejects on a network error or timeout. */
function httpGet(url, timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/**
 * Polls check() until it returns a truthy value. Gives up after timeoutMs, or as soon as
 * stop() returns a reason (a child died, we are shutting down): both throw with that reason.
 */
async function waitFor(what, check, { timeoutMs = 60000, intervalMs = 250, stop = () => undefined } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    const reason = stop();
    if (reason) throw new Error(`${what}: ${reason}`);
    try {
      const result = await check();
      if (result) return result;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const detail = lastError ? ` (last error: ${lastError.message})` : '';
      throw new Error(`${what}: not ready after ${Math.round(timeoutMs / 1000)}s${detail}`);
    }
    await sleep(intervalMs);
  }
}

module.exports = { sleep, canConnect, isPortFree, freePort, httpGet, waitFor };
