// Offline use, safe updates and the Content-Security-Policy, against the built dist.
// These pages are opened without request routing: Playwright's routing bypasses service
// workers, and these tests are about the service worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, DIST, CHEN, ZHAO_HRC, MAO } from './support.mjs';
import { startServer } from '../support/static-server.mjs';

const POSTBUILD = fileURLToPath(new URL('../../pwa/postbuild.mjs', import.meta.url));
let browser;
const temps = [];
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** A fresh context and page recording console errors, page errors and CSP violations. */
async function open() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, page, problems };
}

/** Waits until the service worker controls the page and has precached everything. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout: 30_000 });
}

const cspViolations = (page) => page.evaluate(() => window.__csp ?? []);

test('after the first visit the app works with the network off: reload, search, a statement, a comparison', async () => {
  const site = await startServer({ dir: DIST, port: 0 });
  const { context, page, problems } = await open();
  await page.goto(site.url);
  await page.locator('.doc-item').first().waitFor();
  await controlled(page);
  // The network goes away: the server stops and the browser is offline.
  await site.close();
  await context.setOffline(true);
  await page.reload();
  await page.locator('.doc-item').first().waitFor();
  assert.equal(await page.locator('.doc-item').count(), 5);
  // A shared link to a search, then to a statement, opened offline.
  await page.goto(`${site.url}?q=${encodeURIComponent('"shared future"')}`);
  await page.locator('.result').first().waitFor();
  assert.ok((await page.locator('.result').count()) >= 3);
  await page.goto(`${site.url}?s=${MAO}`);
  await page.locator('h1').filter({ hasText: 'Mao Ning' }).waitFor();
  // The discoveries, a file of their own, were precached too.
  await page.goto(`${site.url}?view=formulations`);
  await page.locator('.formulation').first().waitFor();
  // A shared link to a comparison, opened offline.
  await page.goto(`${site.url}?compare=${ZHAO_HRC},${CHEN}&mode=aligned`);
  await page.locator('.aligned-table').waitFor();
  assert.equal(await page.locator('.aligned-table tbody tr').count() > 0, true);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
  await context.close();
});

test('a new version is announced, never forced; accepting gives it, and it works offline', async () => {
  // v1 is the built dist; v2 differs in index.html, and its sw.js is made by the same
  // post-build step as a real build's (so its version and precache list are new).
  const v1 = mkdtempSync(join(tmpdir(), 'tifa-v1-'));
  const v2 = mkdtempSync(join(tmpdir(), 'tifa-v2-'));
  temps.push(v1, v2);
  cpSync(DIST, v1, { recursive: true });
  cpSync(DIST, v2, { recursive: true });
  const index = join(v2, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('<title>', '<meta name=tifa-test-release content=v2><title>'));
  execFileSync('node', [POSTBUILD, v2], { stdio: 'pipe' });
  const swVersion = (dir) => readFileSync(join(dir, 'sw.js'), 'utf8').match(/const VERSION = "([0-9a-f]+)"/)[1];
  assert.notEqual(swVersion(v1), swVersion(v2));

  const site = await startServer({ dir: v1, port: 0 });
  const { context, page, problems } = await open();
  const release = () => page.evaluate(() => document.querySelector('meta[name=tifa-test-release]')?.content ?? 'v1');
  await page.goto(`${site.url}?s=${MAO}`);
  await controlled(page);
  assert.equal(await release(), 'v1');

  // Deploy v2. The open tab keeps running v1 and is told that an update is ready.
  site.setDir(v2);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  const prompt = page.locator('#update-prompt');
  await prompt.waitFor({ timeout: 30_000 });
  assert.match(await prompt.innerText(), /new version/i);
  assert.equal(await release(), 'v1');
  // A reload without accepting still gives v1: nothing was replaced behind the user's back.
  await page.reload();
  await page.locator('h1').filter({ hasText: 'Mao Ning' }).waitFor();
  assert.equal(await release(), 'v1');
  // The waiting version is announced again after the reload; accepting it reloads into v2,
  // on the same view.
  await prompt.waitFor({ timeout: 30_000 });
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'Reload to update' }).click(),
  ]);
  await page.locator('h1').filter({ hasText: 'Mao Ning' }).waitFor();
  assert.equal(await release(), 'v2');
  assert.equal(await page.locator('#update-prompt').count(), 0);
  // Only v2's cache is left, and v2 works offline.
  const caches = await page.evaluate(() => caches.keys());
  assert.deepEqual(caches, [`tifa-${swVersion(v2)}`]);
  await site.close();
  await context.setOffline(true);
  await page.reload();
  await page.locator('h1').filter({ hasText: 'Mao Ning' }).waitFor();
  assert.equal(await release(), 'v2');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
  await context.close();
});

test('the Content-Security-Policy is strict and nothing violates it', async () => {
  const site = await startServer({ dir: DIST, port: 0 });
  const { context, page, problems } = await open();
  await page.goto(`${site.url}?q=human+rights`);
  await page.locator('.result').first().waitFor();
  await page.locator('.result a').first().click();
  await page.locator('.passage').first().waitFor();
  const csp = await page.evaluate(
    () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '',
  );
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
  // No inline script and no inline handler anywhere in the served page.
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
  await site.close();
});

test('the manifest makes the app installable under any path', async () => {
  const site = await startServer({ dir: DIST, port: 0, base: '/tifa/' });
  const { context, page } = await open();
  await page.goto(site.url);
  await controlled(page);
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel=manifest]').href;
    const m = await (await fetch(href)).json();
    const icons = await Promise.all(
      m.icons.map(async (i) => {
        const r = await fetch(new URL(i.src, href));
        return { ...i, ok: r.ok, type: r.headers.get('content-type') };
      }),
    );
    return { ...m, icons, scope: new URL(m.scope, href).href };
  });
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.scope, site.url);
  for (const size of ['192x192', '512x512']) {
    assert.ok(manifest.icons.some((i) => i.sizes === size && i.ok && i.type === 'image/png'), size);
  }
  assert.ok(manifest.icons.some((i) => i.purpose === 'maskable' && i.ok));
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
  assert.equal(scope, site.url);
  await context.close();
  await site.close();
});

test('the JavaScript API page works under the service worker, online and offline', async () => {
  const site = await startServer({ dir: DIST, port: 0 });
  const { context, page, problems } = await open();
  await page.goto(site.url);
  await page.locator('.doc-item').first().waitFor();
  await controlled(page);
  // The footer links to it; the worker answers it with its own page, not the app's.
  await page.getByRole('link', { name: 'the JavaScript API' }).click();
  await page.locator('#results li').first().waitFor();
  assert.equal(new URL(page.url()).pathname, '/api/');
  assert.equal(await page.locator('.site-header').count(), 0);
  // Styled by its own stylesheet.
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.querySelector('main')).maxWidth), 'none');
  // Without the slash it is redirected to it.
  await page.goto(`${site.url}api`);
  await page.locator('#results li').first().waitFor();
  assert.equal(new URL(page.url()).pathname, '/api/');
  // Offline.
  await site.close();
  await context.setOffline(true);
  await page.reload();
  await page.locator('#results li').first().waitFor();
  await page.locator('#formulations li').first().waitFor();
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});
