// Time to first result: from navigation start to the first result painted, for a link
// that opens a search (`?q=…`), on an emulated line (Chrome DevTools protocol: latency,
// throughput and CPU), every file served gzip-compressed, cache empty. Used by
// search.mjs for Tifa and its peers; run alone, it measures one built site:
//   node bench/first-result.mjs DIST [QUERY]     (default query: human)
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/support.mjs';
import { startServer } from '../support/static-server.mjs';

export const PROFILES = [
  { name: '10 Mbit/s, 40 ms', latency: 40, download: 10e6 / 8, upload: 10e6 / 8 },
  // Lighthouse's mobile "slow 4G": 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip,
  // the CPU slowed 4 times.
  { name: 'slow 4G, 4x CPU', latency: 150, download: 1.6e6 / 8, upload: 750e3 / 8, cpu: 4 },
  // Chrome DevTools' "Slow 3G" preset: 400 kbit/s each way, 2,000 ms round trip.
  { name: 'slow 3G', latency: 2000, download: 50_000, upload: 50_000 },
];

/** Init script: records when the first element matching `selector` (a search's first
 * `.result` unless told) is painted (after its frame's work). */
const WATCH_FIRST_RESULT = (selector) => {
  const painted = () =>
    requestAnimationFrame(() => {
      const mark = () => (window.__firstResult ??= performance.now());
      if (window.scheduler?.postTask) scheduler.postTask(mark, { priority: 'user-blocking' });
      else setTimeout(mark, 0);
    });
  new MutationObserver((_, observer) => {
    if (document.querySelector(selector)) {
      observer.disconnect();
      painted();
    }
  }).observe(document, { subtree: true, childList: true });
};

/** Opens `url` in a fresh context on `profile`'s line: the first result's time (ms), the
 * bytes taken off the wire, and of those the corpus's (a sharded Tifa site's manifest
 * and pieces; 0 for a site whose corpus is in its code). */
export async function firstResult(browser, url, profile, selector = '.result') {
  // A first visit: no service worker controls the page yet. One registered during the
  // run would fetch outside the emulated line (DevTools throttles the page, not a
  // worker), so none is let in.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript(WATCH_FIRST_RESULT, selector);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.latency,
    downloadThroughput: profile.download,
    uploadThroughput: profile.upload,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu ?? 1 });
  // Bytes as received (compressed) with their headers, of the page's requests and its
  // workers' (a CDP session on the page misses a worker's; Pagefind searches in one), not
  // a service worker's precache (with the cache disabled it would fetch every file again).
  const sizes = [];
  const corpusFile = /\/(manifest|stems|words|places|records|documents|tokens|ids)-[0-9a-f]{16}\.bin$/;
  context.on('requestfinished', (r) => {
    if (r.serviceWorker()) return;
    const corpus = corpusFile.test(new URL(r.url()).pathname);
    sizes.push(r.sizes().then((s) => ({ bytes: s.responseBodySize + s.responseHeadersSize, corpus })));
  });
  await page.goto(url, { waitUntil: 'commit', timeout: 900_000 });
  await page.waitForFunction(() => window.__firstResult !== undefined, null, { timeout: 900_000, polling: 200 });
  const ms = await page.evaluate(() => window.__firstResult);
  const all = await Promise.all(sizes);
  const bytes = all.reduce((a, b) => a + b.bytes, 0);
  const corpusBytes = all.filter((b) => b.corpus).reduce((a, b) => a + b.bytes, 0);
  await context.close();
  return { ms, bytes, corpusBytes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dist, query = 'human'] = process.argv.slice(2);
  if (!dist) {
    console.error('usage: node bench/first-result.mjs DIST [QUERY]');
    process.exit(2);
  }
  const browser = await launch();
  const site = await startServer({ dir: dist, port: 0, gzip: true });
  console.log(`| line | first result (s) | on the wire (KB) |\n|---|---:|---:|`);
  for (const profile of PROFILES) {
    const { ms, bytes } = await firstResult(browser, `${site.url}?q=${encodeURIComponent(query)}`, profile);
    console.log(`| ${profile.name} | ${(ms / 1000).toFixed(2)} | ${(bytes / 1024).toFixed(0)} |`);
  }
  await site.close();
  await browser.close();
}
