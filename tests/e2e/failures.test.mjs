// The page survives its own parts: each file the app needs — its code (the Wasm, the
// wasm-bindgen glue, the boot script), its data (the discoveries) and its stylesheet —
// is delayed, then removed, then damaged, in turn. Whatever happens, the main thread is
// never blocked, the header never goes blank, the page says what is missing by name and
// offers to try again, and nothing saves the page itself as a download.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { browserAndSites, DIST } from './support.mjs';

let browser, site;
browserAndSites((b, s) => {
  [browser, site] = [b, s];
});

const named = (pattern) => readdirSync(DIST).find((f) => pattern.test(f));
const FILES = {
  wasm: named(/^tifa-[0-9a-f]+_bg\.wasm$/),
  glue: named(/^tifa-[0-9a-f]+\.js$/),
  boot: named(/^boot-[0-9a-f]+\.js$/),
  discoveries: named(/^discoveries-[0-9a-f]+\.bin$/),
  stylesheet: named(/^main-[0-9a-f]+\.css$/),
};

/**
 * A page where `file` is held back until `release()` (mode 'slow'), answered 404
 * ('missing') or answered with bytes that are not what they should be ('corrupt'), until
 * `restore()`.
 */
async function pageWith(file, mode) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let release;
  const held = new Promise((r) => (release = r));
  let broken = true;
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== '127.0.0.1') return route.abort();
    if (!broken || !url.pathname.endsWith(`/${file}`)) return route.continue();
    if (mode === 'slow') {
      await held;
      return route.continue();
    }
    if (mode === 'missing') return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' });
    return route.fulfill({
      status: 200,
      contentType: file.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream',
      headers: { 'cache-control': 'no-store' },
      body: Buffer.from('<!DOCTYPE html>not this file'),
    });
  });
  return {
    context,
    page,
    errors,
    release: () => release(),
    restore: () => {
      broken = false;
      release();
    },
  };
}

/** How long the main thread takes to answer (ms): a task queued and run. */
const responsive = (page) =>
  page.evaluate(() => new Promise((r) => {
    const t = performance.now();
    setTimeout(() => r(performance.now() - t), 0);
  }));

/** The header is there, with its links, and painted. */
async function headerStands(page) {
  const links = await page.locator('header .site-nav a').count();
  assert.ok(links >= 7, `${links} header links`);
  assert.ok(await page.locator('header').isVisible());
}

for (const part of ['wasm', 'glue', 'boot']) {
  test(`the code (${part}) slow: the first paint stands and answers; then the app takes over`, async () => {
    const { context, page, release } = await pageWith(FILES[part], 'slow');
    // The page's load event waits for its scripts: the test does not.
    await page.goto(`${site.url}?view=track&f=%22shared+future%22`, { waitUntil: 'commit' });
    await page.locator('.prerendered .boot-status').waitFor();
    await headerStands(page);
    assert.ok((await responsive(page)) < 500, 'the main thread answers while the code is on its way');
    assert.match(await page.locator('.prerendered .boot-status').textContent(), /Loading/);
    release();
    await page.locator('.legend-item').first().waitFor();
    await headerStands(page);
    await context.close();
  });

  for (const mode of ['missing', 'corrupt']) {
    if (part !== 'wasm' && mode === 'corrupt') continue;
    test(`the code (${part}) ${mode}: the page names it, keeps its header and links, and tries again`, async () => {
      const { context, page, restore } = await pageWith(FILES[part], mode);
      await page.goto(`${site.url}?view=track&f=%22shared+future%22`);
      const alert = page.locator('.prerendered .boot-status[role=alert]');
      await alert.waitFor();
      const text = await alert.textContent();
      assert.ok(text.includes(FILES[part]), text);
      if (mode === 'missing' && part === 'wasm') assert.match(text, /404/);
      await headerStands(page);
      assert.ok((await responsive(page)) < 500);
      // The written page's links still lead somewhere: the library's list is there.
      await page.goto(site.url);
      await page.locator('.prerendered .doc-item').first().waitFor();
      await page.locator('.prerendered .boot-status[role=alert]').waitFor();
      // Once the file is back, "Try again" starts the app.
      restore();
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.waitForFunction(() => !document.querySelector('.prerendered'));
      await page.locator('.doc-item').first().waitFor();
      await context.close();
    });
  }
}

test('the stylesheet missing: the page says so, and the app still works', async () => {
  const { context, page } = await pageWith(FILES.stylesheet, 'missing');
  await page.goto(`${site.url}?q=rights`);
  await page.waitForFunction(() => !document.querySelector('.prerendered'));
  await page.locator('.result').first().waitFor();
  await headerStands(page);
  await context.close();
});

for (const mode of ['slow', 'missing', 'corrupt']) {
  test(`the discoveries ${mode}: search works, the views say why, "Try again" fetches them, downloads stay CSV`, async () => {
    const { context, page, errors, release, restore } = await pageWith(FILES.discoveries, mode);
    await page.goto(`${site.url}?view=formulations`);
    await page.waitForFunction(() => !document.querySelector('.prerendered'));
    await headerStands(page);
    const status = page.locator('.mined-status');
    await status.waitFor();
    assert.ok((await responsive(page)) < 500);
    if (mode === 'slow') {
      assert.match(await status.textContent(), /loading/);
      release();
    } else {
      await page.locator('.mined-status[role=alert]').waitFor();
      const text = await status.textContent();
      assert.ok(text.includes(FILES.discoveries), text);
      // Search works without them, and its download is a CSV, never the page.
      await page.goto(`${site.url}?q=rights`);
      await page.waitForFunction(() => !document.querySelector('.prerendered'));
      await page.locator('.result').first().waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /^Download all \d+ as CSV$/ }).click(),
      ]);
      const csv = readFileSync(await download.path(), 'utf8');
      assert.ok(csv.startsWith('\ufeffstatement_id,'), csv.slice(0, 80));
      assert.ok(!/<html|<!DOCTYPE/i.test(csv));
      await page.goBack();
      await page.locator('.mined-status[role=alert]').waitFor();
      restore();
      await page.getByRole('button', { name: 'Try again' }).click();
    }
    await page.locator('.formulation').first().waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('no part of the page is fetched synchronously', () => {
  // A synchronous request would freeze the page for a whole download on a slow line.
  for (const f of readdirSync(DIST).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(`${DIST}/${f}`, 'utf8');
    assert.ok(!/\.open\([^)]*,\s*false\s*\)/.test(code), `${f} opens a synchronous request`);
    assert.ok(!/new WebAssembly\.Module\(/.test(code) || f.startsWith('tifa-'), `${f} compiles Wasm on the main thread`);
  }
});
