// lvyue's service worker (the body; scripts/post-build.d/80-sw.sh prepends VERSION and FILES).
//
// One cache per release, named after a hash of every file of the release: install precaches all
// of them at once (or fails and leaves the old release in charge), activate deletes the caches
// of older releases of this scope and takes control. Requests are answered from this release's
// cache only, so a page never gets files of two releases: its index.html, JS and wasm come from
// one cache (and their names carry their content hash besides).
/* global VERSION, FILES */
const PREFIX = `lvyue:${self.registration.scope}:`;
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Revalidated, never taken unchecked from the HTTP cache (index.html and sw-register.js
    // keep their names across releases).
    await cache.addAll(FILES.map((f) => new Request(f, { cache: 'no-cache' })));
    // The new release takes over at once; the page says "reload to use it" (sw-register.js).
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || !req.url.startsWith(self.registration.scope)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const url = new URL(req.url);
    url.hash = '';
    url.search = '';
    let hit = await cache.match(url.href);
    if (!hit && url.pathname.endsWith('/')) hit = await cache.match(url.href + 'index.html');
    if (hit) return hit;
    try {
      return await fetch(req);
    } catch (err) {
      // Offline and not a file of this release: a page of the app still opens.
      if (req.mode === 'navigate') {
        const index = await cache.match(new URL('index.html', self.registration.scope).href);
        if (index) return index;
      }
      throw err;
    }
  })());
});
