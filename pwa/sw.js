// Tifa's service worker: the whole app, precached, so it works offline (reload included).
//
// This file is a template: pwa/postbuild.mjs (a Trunk post-build hook) replaces the two
// placeholders with the build's version (a hash of every precached file) and the list
// of every file in the built dist, then writes it as dist/sw.js.
//
// - install: precache every file of this version into the cache `tifa-<version>`,
//   bypassing the HTTP cache so that one version never mixes with another.
// - activate: delete every other `tifa-` cache, then take control of open pages.
// - fetch: same-origin GETs inside the scope are answered from this version's cache;
//   a navigation (any URL of the app, whatever its query) gets the cached index.html.
// - An update never replaces the running version on its own: a new worker waits until
//   the page asks it to take over (the "reload to update" prompt in pwa/register.js posts
//   {type: 'SKIP_WAITING'}), or until every tab of the old version is closed.
const VERSION = '__TIFA_VERSION__';
const PRECACHE = __TIFA_PRECACHE__;
const CACHE = `tifa-${VERSION}`;
const scoped = (path) => new URL(path, self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(PRECACHE.map((path) => new Request(scoped(path), { cache: 'reload' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('tifa-') && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
  if (event.data && event.data.type === 'VERSION') event.source?.postMessage({ type: 'VERSION', version: VERSION });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const key = request.mode === 'navigate' ? scoped('index.html') : request;
      const hit = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
      return hit ?? fetch(request);
    })(),
  );
});
