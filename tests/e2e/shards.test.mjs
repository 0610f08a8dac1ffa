// A site built in the sharded packing (TIFA_PACKING=shards: dist-shards/, the test
// corpus cut into pieces of at most 600 bytes by `.ci/test`) against the same corpus in
// the Wasm (dist/): every view a user opens by link or by typing shows the same thing,
// a search fetches a part of the pieces, a piece that cannot come or is damaged is
// named with "Try again", and a view opened once works offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '../support/static-server.mjs';
import { axe, CHEN, DIST, launch, openPage, MAO, XINHUA, ZHAO_BORDER } from './support.mjs';

const SHARDS = fileURLToPath(new URL('../../dist-shards', import.meta.url));
const PIECE = /^(stems|words|places|records|documents|tokens|ids)-[0-9a-f]{16}\.bin$/;
const pieces = readdirSync(SHARDS).filter((f) => PIECE.test(f));

let browser, whole, sharded;
before(async () => {
  browser = await launch();
  whole = await startServer({ dir: DIST, port: 0 });
  sharded = await startServer({ dir: SHARDS, port: 0 });
});
after(async () => {
  await browser?.close();
  await whole?.close();
  await sharded?.close();
});

/** What a user sees of the view at `query`: the main area's text, and the statements listed. */
async function seen(site, query) {
  const opened = await openPage(browser);
  await opened.page.goto(`${site.url}${query}`);
  // The discoveries too (the reader's shared passages): both sites alike.
  await opened.page.waitForFunction(
    () =>
      !document.querySelector('.pieces-loading') &&
      document.documentElement.dataset.pieces !== 'loading' &&
      document.documentElement.dataset.discoveries,
  );
  // What reads the whole corpus from a search page (its CSV of every result, its
  // keywords) is offered on the sharded site, with the size to load first: compared
  // apart (below).
  const main = await opened.page.evaluate(() => {
    for (const el of document.querySelectorAll('main .load-whole, section.search a.download, main details.keywords')) el.remove();
    return document.querySelector('main').innerText;
  });
  const ids = await opened.page
    .locator('main [data-statement-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-statement-id')));
  const results = await opened.page
    .locator('.result')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-statement-id')));
  const fetched = opened.requests.map((r) => new URL(r).pathname.split('/').pop()).filter((f) => PIECE.test(f));
  await opened.context.close();
  return { main, ids, results, fetched, problems: opened.problems };
}

test('the sharded site exists and is not the same build', () => {
  assert.ok(pieces.length > 50, `${pieces.length} pieces`);
  assert.ok(!readdirSync(DIST).some((f) => PIECE.test(f)), 'dist/ embeds its corpus');
});

test('every view by link shows what the whole corpus shows; a search fetches a part of the pieces', async () => {
  const links = [
    '?q=cooperation',
    '?q=%22shared+future%22',
    '?q=rights+NEAR%2F4+development',
    '?q=cooperat',
    '?q=cooperation&speaker=zhao-lijian&sort=date',
    '?q=nothingatall',
    '',
    `?s=${ZHAO_BORDER}`,
    `?s=${XINHUA}`,
    `?s=${CHEN}&q=cooperation`,
    '?doc=2021-03-24-xinhua-unhrc-adopts-cooperation-resolution',
    '?s=no-such-statement',
    '?view=track&f=%22human+rights%22',
    '?view=kwic&q=cooperation',
    '?view=formulations',
  ];
  for (const link of links) {
    const a = await seen(whole, link);
    const b = await seen(sharded, link);
    assert.deepEqual(b.problems, [], link);
    assert.equal(b.main, a.main, link);
    assert.deepEqual(b.ids, a.ids, link);
    assert.equal(a.fetched.length, 0, link);
    if (!link.startsWith('?view=')) {
      assert.ok(b.fetched.length > 0 && b.fetched.length < pieces.length / 2, `${link}: ${b.fetched.length} of ${pieces.length}`);
    }
  }
});

test('a search typed in the page fetches its pieces and shows its results', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(`${sharded.url}`);
  await page.locator('#q').fill('human rights');
  await page.locator('#q').press('Enter');
  await page.locator('.result').first().waitFor();
  const reference = await seen(whole, '?q=human+rights');
  await page.waitForFunction(() => document.documentElement.dataset.pieces === 'idle');
  const all = await page.locator('.result').evaluateAll((els) => els.map((e) => e.getAttribute('data-statement-id')));
  assert.deepEqual(all, reference.results);
  assert.ok(all.length > 2, `${all.length} results`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a search page offers to load the whole corpus for its CSV and keywords, then gives the same CSV', async () => {
  const csvOf = async (page) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^Download all \d+ as CSV$/ }).click(),
    ]);
    // The links name each site's own address.
    return readFileSync(await download.path(), 'utf8').replaceAll(/http:\/\/127\.0\.0\.1:\d+/g, 'SITE');
  };
  const a = await openPage(browser);
  await a.page.goto(`${whole.url}?q=cooperation`);
  const expected = await csvOf(a.page);
  await a.context.close();
  const { context, page, problems } = await openPage(browser);
  await page.goto(`${sharded.url}?q=cooperation`);
  const offer = page.getByRole('button', { name: /^Download all as CSV: load the whole corpus first \(\d+ files, \d+ KB\)$/ });
  assert.ok(await offer.isVisible());
  assert.ok(await page.getByRole('button', { name: /^The keywords of these statements: load the whole corpus first/ }).isVisible());
  assert.deepEqual(await axe(page), []);
  await offer.click();
  assert.equal(await csvOf(page), expected);
  // Loaded once, for both.
  assert.equal(await page.locator('.load-whole').count(), 0);
  assert.equal(await page.locator('details.keywords').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a view asked for while another view\'s pieces are on their way is drawn with its own, and the other\'s failure is not said over it', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(`${sharded.url}`);
  // Every piece of words fails once they are let go: the first search's.
  let release, failed;
  const held = new Promise((r) => (release = r));
  const answered = new Promise((r) => (failed = r));
  await context.route(/\/(words|stems)-[0-9a-f]{16}\.bin$/, async (route) => {
    await held;
    await route.fulfill({ status: 503, body: 'Service Unavailable' });
    failed();
  });
  await page.locator('#q').fill('cooperation');
  await page.locator('#q').press('Enter');
  await page.locator('.pieces-loading').waitFor();
  // The library needs no words: asked for meanwhile, in the page, it is drawn.
  await page.locator('.site-header').getByRole('link', { name: 'Documents' }).click();
  await page.locator('main .doc-item').first().waitFor();
  release();
  // The search's round ends (in failure), and the page stays on the library.
  await answered;
  await page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => setTimeout(r, 0)), 0)));
  assert.equal(await page.locator('.pieces-failed').count(), 0);
  assert.ok(await page.locator('main .doc-item').first().isVisible());
  await context.unrouteAll();
  assert.deepEqual(problems.filter((p) => !p.includes('503')), []);
  await context.close();
});

test('a damaged piece is named with "Try again", and trying again after it is mended draws the view', async () => {
  const { context, page } = await openPage(browser);
  let damaged = true;
  const refused = [];
  await context.route(/\/(words|stems)-[0-9a-f]{16}\.bin$/, (route) => {
    if (!damaged) return route.continue();
    refused.push(new URL(route.request().url()).pathname.split('/').pop());
    return route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.from('not this piece') });
  });
  await page.goto(`${sharded.url}`);
  await page.locator('#q').fill('cooperation');
  await page.locator('#q').press('Enter');
  const alert = page.locator('.pieces-failed[role=alert]');
  await alert.waitFor();
  const said = await alert.innerText();
  assert.ok(refused.some((f) => said.includes(f)), `${said} names one of ${refused}`);
  assert.deepEqual(await axe(page), []);
  damaged = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('.result').first().waitFor();
  assert.equal(await alert.count(), 0);
  await context.close();
});

test('a piece missing when the page starts is named in the view, with "Try again"', async () => {
  const { context, page } = await openPage(browser);
  await context.route(/\/records-[0-9a-f]{16}\.bin$/, (route) => route.fulfill({ status: 404, body: 'Not Found' }));
  await page.goto(`${sharded.url}?s=${MAO}`);
  const alert = page.locator('.pieces-failed[role=alert]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /records-[0-9a-f]{16}\.bin could not be fetched: the server answered 404/);
  await context.unrouteAll();
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.waitForFunction(() => !document.querySelector('.pieces-loading, .pieces-failed'));
  assert.match(await page.locator('main').innerText(), /Mao Ning/);
  await context.close();
});

test('a damaged manifest stops the page with its name, and the page offers to reload', async () => {
  const { context, page } = await openPage(browser);
  await context.route(/\/manifest-[0-9a-f]{16}\.bin$/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.from('TIFZ not this file') }),
  );
  await page.goto(`${sharded.url}?q=cooperation`);
  const fatal = page.locator('.fatal[role=alert]');
  await fatal.waitFor();
  assert.match(await fatal.innerText(), /manifest-[0-9a-f]{16}\.bin/);
  assert.ok(await page.getByRole('link', { name: 'Reload the page' }).isVisible());
  await context.close();
});

test('a view opened once works offline: its pieces were kept by the service worker', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const link = `${sharded.url}?q=cooperation`;
  await page.goto(link);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // Opened again under the worker's control, so the pieces pass through it.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller && !document.querySelector('.prerendered'));
  await page.locator('.result').first().waitFor();
  const online = await page.locator('.result').evaluateAll((els) => els.map((e) => e.getAttribute('data-statement-id')));
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => !document.querySelector('.prerendered'));
  await page.locator('.result').first().waitFor();
  const offline = await page.locator('.result').evaluateAll((els) => els.map((e) => e.getAttribute('data-statement-id')));
  assert.deepEqual(offline, online);
  await context.close();
});

test('the JavaScript API answers over the whole sharded corpus as over the one in the Wasm', async () => {
  const ask = async (site) => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(`${site.url}api/`);
    const answers = await page.evaluate(async () => {
      const { load } = await import('/api.js');
      const tifa = await load();
      return [tifa.search('?q=cooperation'), tifa.track('?f=%22human+rights%22'), tifa.clusters('', { n: 2 })];
    });
    await context.close();
    return { answers, problems };
  };
  const [a, b] = [await ask(whole), await ask(sharded)];
  assert.deepEqual(b.problems, []);
  assert.deepEqual(b.answers, a.answers);
});
