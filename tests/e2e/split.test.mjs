// End-to-end: the release build's Wasm split in two (pwa/split.mjs): the primary answers the
// library, a search and the readers; the rest comes after, or at once on other addresses;
// when it cannot come, the page says so by name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve, openPage } from './support.mjs';

let browser, site;
before(async () => {
  browser = await launch();
  site = await serve('/');
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const REST = /_rest\.wasm$/;

test('the library, a search typed there and the readers answer before the rest of the code has come', async () => {
  // No service worker: its precache would fetch the rest out of the route's reach.
  const { page, context, problems, requests } = await openPage(browser, { serviceWorkers: 'block' });
  // The rest is held back; a second request for it (a function the primary lacks, loaded on
  // the spot) gets a 404, which the page would report.
  let release;
  const held = new Promise((ok) => (release = ok));
  let asked = 0;
  let primaryFirst = false;
  await page.route(REST, async (route) => {
    asked += 1;
    if (asked > 1) return route.fulfill({ status: 404, body: 'not twice' });
    primaryFirst = requests.some((r) => /_bg\.wasm$/.test(r));
    await held;
    return route.continue();
  });
  await page.goto(site.url);
  await page.locator('.doc-item').first().waitFor();
  await page.locator('#q').fill('cooperation');
  await page.locator('.result').first().waitFor();
  await page.locator('.result .statement-link').first().click();
  await page.locator('.passage').first().waitFor();
  await page.locator('.result-steps a', { hasText: 'Next' }).click();
  await page.waitForFunction(() => /Result 2 of/.test(document.querySelector('.result-steps')?.textContent));
  await page.locator('.site-nav a', { hasText: 'Documents' }).click();
  await page.locator('.doc-item a').first().click();
  await page.waitForFunction(() => new URL(location.href).searchParams.has('doc'));
  await page.locator('h1').first().waitFor();
  assert.equal(asked, 1, 'the rest was asked for once');
  assert.ok(primaryFirst, 'after the primary');
  assert.equal(await page.locator('.code-missing').count(), 0);
  // It comes: the discoveries are read with it, and an analysis view is drawn.
  release();
  await page.waitForFunction(() => document.documentElement.dataset.discoveries === 'ready');
  await page.locator('.site-nav a', { hasText: 'Formulations' }).click();
  await page.locator('.formulation').first().waitFor();
  assert.equal(asked, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("another view's address fetches the rest beside the primary and draws with it", async () => {
  const { page, context, problems } = await openPage(browser, { serviceWorkers: 'block' });
  let asked = 0;
  let beforeTheApp = false;
  await page.route(REST, async (route) => {
    asked += 1;
    beforeTheApp = await page.evaluate(() => document.querySelector('.prerendered') !== null);
    await route.continue();
  });
  await page.goto(`${site.url}?view=timeline`);
  await page.locator('.timeline-table, .timeline svg').first().waitFor();
  assert.equal(asked, 1);
  assert.ok(beforeTheApp, 'asked for while the first paint was still up');
  assert.deepEqual(problems, []);
  await context.close();
});

test('when the rest cannot come, the page says so by name; the library and search still work', async () => {
  const { page, context, problems } = await openPage(browser, { serviceWorkers: 'block' });
  await page.route(REST, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(site.url);
  await page.locator('.doc-item').first().waitFor();
  await page.locator('#q').fill('cooperation');
  await page.locator('.result').first().waitFor();
  // A view that needs it, opened from its address.
  await page.goto(`${site.url}?view=formulations`);
  const alert = page.locator('[role=alert].code-missing');
  await alert.waitFor();
  assert.match(
    await alert.textContent(),
    /^Part of Tifa's code \(tifa-[0-9a-f]+_rest\.wasm\) could not be loaded: the server answered 404 Not Found\. Reload the page to try again\.$/,
  );
  assert.ok(
    problems.length > 0 && problems.every((p) => /404/.test(p)),
    problems.join('\n'),
  );
  await context.close();
});
