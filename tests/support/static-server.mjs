// A small static file server for the built site, bound to 127.0.0.1 only.
//
//   node tests/support/static-server.mjs --dir dist [--port 8080] [--base /tifa/]
//
// `--base` serves the site under a sub-path (as on a project page) to prove it works there.
// Also imported by the end-to-end tests: `startServer({ dir, port: 0, base })`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// `isolated` adds COOP/COEP headers: the page becomes cross-origin isolated, which gives
// performance.now() 5 µs resolution instead of 100 µs (used by the benchmarks).
// `gzip` serves every file gzip-compressed (level 9, compressed once and kept) to a
// browser that accepts it, as static hosts do (the time-to-first-result benchmark).
export async function startServer({ dir, port = 0, base = '/', isolated = false, gzip = false }) {
  const compressed = new Map();
  let root = resolve(dir);
  if (!base.startsWith('/')) base = '/' + base;
  if (!base.endsWith('/')) base += '/';
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let path = decodeURIComponent(url.pathname);
    if (path === base.slice(0, -1)) {
      res.writeHead(301, { Location: base + url.search });
      return res.end();
    }
    if (!path.startsWith(base)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end('not found');
    }
    path = path.slice(base.length);
    if (path === '' || path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403);
      return res.end();
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      let body = await readFile(file);
      const encode = gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      if (encode) {
        if (!compressed.has(file)) compressed.set(file, gzipSync(body, { level: 9 }));
        body = compressed.get(file);
      }
      res.writeHead(200, {
        ...(encode ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        ...(isolated
          ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
          : {}),
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  const { port: bound } = server.address();
  return {
    server,
    url: `http://127.0.0.1:${bound}${base}`,
    // Serve another directory from now on (the update test deploys a "v2" this way).
    setDir: (next) => {
      root = resolve(next);
    },
    close: () =>
      new Promise((ok) => {
        server.close(ok);
        server.closeAllConnections();
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const { url } = await startServer({
    dir: arg('--dir', 'dist'),
    port: Number(arg('--port', process.env.TIFA_PORT ?? 8080)),
    base: arg('--base', '/'),
  });
  console.log(`Tifa is served at ${url}  (Ctrl-C stops it)`);
}
