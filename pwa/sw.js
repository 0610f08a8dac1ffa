// Tifa's service worker: the whole app, precached, so it works offline (reload included).
//
// This file is a template: pwa/postbuild.mjs (a Trunk post-build hook) replaces the two
// placeholders with the build's version (a hash of every precached file) and every file
// in the built dist with its SHA-256, then writes it as dist/sw.js.
//
// - install: precache every file of this version into the cache `tifa-<version>`,
//   bypassing the HTTP cache so that one version never mixes with another. **A file whose
//   bytes are not the build's (damaged or cut on the way, or another version's) is
//   refused by name**, and so is the install: the worker is tried again at the next
//   visit, and nothing damaged is ever kept and served offline.
// - activate: delete every other `tifa-` cache, then take control of open pages.
// - fetch: same-origin GETs inside the scope are answered from this version's cache;
//   a navigation gets its own page when the site has one (`api/` gets api/index.html,
//   `api` is redirected to `api/`), else the app's index.html, whatever its query.
// - The pieces of a sharded corpus (`<kind>-<16 hex>.bin` but the manifest, not
//   precached: a view
//   fetches the ones it reads) are kept as they come, in `tifa-pieces`, once their
//   bytes hash to their name; a piece's name is its content, so the cache is shared by
//   every version and kept across updates, and a view opened once works offline.
// - An update never replaces the running version on its own: a new worker waits until
//   the page asks it to take over (the "reload to update" prompt in pwa/register.js posts
//   {type: 'SKIP_WAITING'}), or until every tab of the old version is closed.
const VERSION = '__TIFA_VERSION__';
// Every file of the build: its path and its SHA-256 (hex).
const FILES = __TIFA_PRECACHE__;
const PRECACHE = Object.keys(FILES);
const CACHE = `tifa-${VERSION}`;
const PIECES = 'tifa-pieces';
const PIECE = /\/(stems|words|places|records|documents|tokens|ids)-([0-9a-f]{16})\.bin$/;
const scoped = (path) => new URL(path, self.registration.scope).href;

const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Fetches one file of the build and keeps it, once its bytes are the build's. */
async function precache(cache, path) {
  const response = await fetch(new Request(scoped(path), { cache: 'reload' }));
  if (!response.ok) throw new Error(`${path}: the server answered ${response.status} ${response.statusText}`);
  const bytes = await response.arrayBuffer();
  const sha = hex(await crypto.subtle.digest('SHA-256', bytes));
  if (sha !== FILES[path]) throw new Error(`${path}: its bytes are not this version's (damaged, cut, or another build's)`);
  await cache.put(scoped(path), new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers }));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        for (const path of PRECACHE) await precache(cache, path);
      } catch (e) {
        await caches.delete(CACHE);
        throw e;
      }
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('tifa-') && key !== CACHE && key !== PIECES) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
  if (event.data && event.data.type === 'VERSION') event.source?.postMessage({ type: 'VERSION', version: VERSION });
});

/** The precached page a navigation to `url` shows: its own, or the app's. */
function page(url) {
  const path = decodeURIComponent(url.pathname.slice(new URL(self.registration.scope).pathname.length));
  if (path === '' || path === 'index.html') return { file: 'index.html' };
  if (path.endsWith('/') && PRECACHE.includes(`${path}index.html`)) return { file: `${path}index.html` };
  if (PRECACHE.includes(`${path}/index.html`)) return { redirect: scoped(`${path}/`) + url.search };
  if (path.endsWith('.html') && PRECACHE.includes(path)) return { file: path };
  return { file: 'index.html' };
}

/** A piece of the sharded corpus: from the cache, else fetched and kept when its bytes
 *  are its name's (a damaged one is passed on, for the page to refuse by name, and not
 *  kept). */
async function piece(event, hash) {
  const request = event.request;
  const cache = await caches.open(PIECES);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (!response.ok) return response;
  const bytes = await response.arrayBuffer();
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  if (hex(await crypto.subtle.digest('SHA-256', bytes)).startsWith(hash)) {
    // Kept behind the answer; a cache that is full keeps nothing, and the page still
    // gets its piece.
    event.waitUntil(cache.put(request, new Response(bytes.slice(0), init)).catch(() => {}));
  }
  return new Response(bytes, init);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  const isPiece = url.pathname.match(PIECE);
  if (isPiece) return event.respondWith(piece(event, isPiece[2]));
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      if (request.mode !== 'navigate') return (await cache.match(request)) ?? fetch(request);
      const to = page(url);
      if (to.redirect) return Response.redirect(to.redirect, 301);
      return (await cache.match(scoped(to.file), { ignoreSearch: true })) ?? fetch(request);
    })(),
  );
});
