// End-to-end: the first paint written into index.html at build time (tifa_view::prerender)
// — what a visitor sees and can do before the Wasm has arrived, and how the app takes over.
// The Wasm is held back by the test (its request waits until the test lets it go), so
// "before the app" is a state the test controls, not a race.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAndSites, axe, XINHUA, CHEN } from './support.mjs';

let browser, site;
browserAndSites((b, s) => {
  [browser, site] = [b, s];
});

/** A page whose Wasm download waits until `release()`; records problems and layout shifts. */
async function heldPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  let release;
  const released = new Promise((r) => (release = r));
  await context.route('**/*_bg.wasm', async (route) => {
    await released;
    await route.continue();
  });
  // Every layout shift from the start, as Lighthouse counts them (a test-only observer,
  // injected by the driver; the page's CSP allows no inline script).
  await context.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__shifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  return { context, page, problems, release };
}

const appReady = (page) => page.waitForFunction(() => !document.querySelector('.prerendered'));
const twoFrames = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const words = (text) => text.replace(/\s+/g, ' ').trim();

test('before the Wasm arrives, the page shows the shell and the documents, accessibly', async () => {
  const { page, context, problems, release } = await heldPage();
  await page.goto(site.url, { waitUntil: 'domcontentloaded' });
  const items = page.locator('.prerendered .doc-item');
  await items.first().waitFor();
  assert.equal(await items.count(), 5);
  assert.equal(
    await page.locator(`.prerendered [data-document-id="${XINHUA}"] .doc-meta`).textContent(),
    '24 March 2021 · Xinhua',
  );
  assert.equal(await page.locator('.prerendered .boot-status').isVisible(), false);
  assert.match(await page.locator('.prerendered .corpus-version').textContent(), /^[0-9a-f]{12}$/);
  assert.deepEqual(await axe(page), []);
  // Nothing but the stylesheet and the small first-paint script stands before the paint:
  // the Wasm is not preloaded (it would compete with them on a slow line).
  const html = await (await fetch(site.url)).text();
  assert.doesNotMatch(html, /rel=["']?preload["']?[^>]*_bg\.wasm|_bg\.wasm[^>]*rel=["']?preload/);
  // The app has not run: the list is the HTML's own.
  assert.equal(await page.evaluate(() => document.documentElement.dataset.decodeMs), undefined);
  release();
  await appReady(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a click on a document before the app is ready simply navigates to it', async () => {
  const { page, context, problems, release } = await heldPage();
  await page.goto(site.url, { waitUntil: 'domcontentloaded' });
  await page.locator(`.prerendered [data-document-id="${XINHUA}"] .doc-title a`).click();
  await page.waitForURL((u) => u.search === `?doc=${XINHUA}`);
  // Another view's address: the shell at once, a status line, no stale list or footer.
  await page.locator('.prerendered .boot-status').waitFor();
  assert.equal(await page.locator('.prerendered .library').isVisible(), false);
  assert.equal(await page.locator('.prerendered .site-footer').isVisible(), false);
  assert.equal(await page.locator('.prerendered .site-header').isVisible(), true);
  release();
  await page.locator('article.reader h1').waitFor();
  assert.equal(
    await page.locator('article.reader h1').textContent(),
    'UN rights body adopts China-sponsored resolution on human rights cooperation',
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('the app replaces the first paint with the same words and no layout shift', async () => {
  const { page, context, problems, release } = await heldPage();
  await page.setViewportSize({ width: 412, height: 823 });
  await page.goto(site.url, { waitUntil: 'domcontentloaded' });
  await page.locator('.prerendered .doc-item').first().waitFor();
  await twoFrames(page);
  const before = await page.evaluate(() => ({
    header: document.querySelector('.site-header').innerText,
    main: document.querySelector('main').innerText,
    footer: document.querySelector('.site-footer').innerText,
    top: document.querySelector(`[data-statement-id]`).getBoundingClientRect().top,
  }));
  release();
  await appReady(page);
  await twoFrames(page);
  const afterMount = await page.evaluate(() => ({
    header: document.querySelector('.site-header').innerText,
    main: document.querySelector('main').innerText,
    footer: document.querySelector('.site-footer').innerText,
    top: document.querySelector(`[data-statement-id]`).getBoundingClientRect().top,
  }));
  assert.equal(words(afterMount.main), words(before.main));
  assert.equal(words(afterMount.header), words(before.header));
  assert.equal(words(afterMount.footer), words(before.footer));
  assert.equal(afterMount.top, before.top);
  const shifts = await page.evaluate(() => window.__shifts);
  assert.equal(shifts.reduce((a, b) => a + b, 0), 0, `layout shifts: ${shifts}`);
  assert.deepEqual(problems, []);
  await context.close();
});

/** An element's tree as the list's reader and styles see it: tags, classes, where links
 * lead, ids and labels, and the text (white space collapsed), nothing else. */
const SHAPE = (selector) => {
  const keep = ['class', 'href', 'start', 'aria-label', 'aria-current', 'data-document-id', 'data-statement-id'];
  const shape = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent.replace(/\s+/g, ' ').trim();
      return text ? JSON.stringify(text) : '';
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    const attrs = keep
      .filter((a) => node.hasAttribute(a))
      .map((a) => {
        // Links by where they lead (the app writes the page's path, the HTML `?…`).
        const value = a === 'href' ? node.href : a === 'class' ? node.getAttribute(a).trim().split(/\s+/).sort().join(' ') : node.getAttribute(a);
        return `${a}=${JSON.stringify(value)}`;
      });
    const children = [...node.childNodes].map(shape).filter(Boolean);
    return `<${node.tagName.toLowerCase()}${attrs.length ? ' ' + attrs.join(' ') : ''}>${children.join('')}</>`;
  };
  return shape(document.querySelector(selector));
};

test('the first paint is the library the app draws: the same elements, classes, links and text', async () => {
  // tifa_view::prerender writes the first paint as HTML beside the Leptos DocumentList:
  // this holds the two to one shape, so neither can drift from the other unseen.
  const { page, context, problems, release } = await heldPage();
  await page.goto(site.url, { waitUntil: 'domcontentloaded' });
  await page.locator('.prerendered .doc-item').first().waitFor();
  const before = await page.evaluate(SHAPE, '.library');
  release();
  await appReady(page);
  const afterMount = await page.evaluate(SHAPE, '.library');
  assert.equal(afterMount, before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a search typed before the app is ready is picked up, the box keeping the focus', async () => {
  const { page, context, problems, release } = await heldPage();
  await page.goto(site.url, { waitUntil: 'domcontentloaded' });
  await page.locator('.prerendered #q').click();
  await page.keyboard.type('cooperation resolution');
  // Enter before the app is ready submits nothing (the page's CSP allows no form
  // submission, and a refused one would be reported as a problem): the app runs it.
  await page.keyboard.press('Enter');
  release();
  await appReady(page);
  await page.locator('.result').first().waitFor();
  assert.equal(new URL(page.url()).searchParams.get('q'), 'cooperation resolution');
  const ids = await page.locator('.result').evaluateAll((els) => els.map((e) => e.dataset.statementId));
  assert.ok(ids.includes(CHEN), `results: ${ids}`);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'q');
  assert.equal(await page.locator('#q').inputValue(), 'cooperation resolution');
  // Typing goes on in the app's box, the caret at the end.
  await page.keyboard.type(' xyzzy');
  await page.waitForURL((u) => u.searchParams.get('q') === 'cooperation resolution xyzzy');
  // The search made a history entry of its own: back returns to the library.
  await page.goBack();
  await page.waitForURL((u) => u.search === '');
  await page.locator('main .library').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("another view's address: the app takes over without moving the header", async () => {
  const { page, context, problems, release } = await heldPage();
  await page.setViewportSize({ width: 412, height: 823 });
  await page.goto(`${site.url}?q=cooperation`, { waitUntil: 'domcontentloaded' });
  await page.locator('.prerendered .boot-status').waitFor();
  await twoFrames(page);
  const nav = () =>
    page.locator('.site-nav li').evaluateAll((els) =>
      els.map((li) => {
        const r = li.getBoundingClientRect();
        const a = getComputedStyle(li.querySelector('a'));
        return { box: [r.left, r.top, r.width, r.height], marked: a.borderBottomColor !== 'rgba(0, 0, 0, 0)' && a.borderBottomStyle !== 'none' };
      }),
    );
  const before = await nav();
  assert.equal(before.length, 8);
  // The first paint cannot know the view: no link is marked as the current one, to the
  // eye or to a screen reader.
  assert.deepEqual(before.map((l) => l.marked), before.map(() => false));
  assert.equal(await page.locator('.prerendered .site-nav [aria-current]').count(), 0);
  release();
  await appReady(page);
  await page.locator('.result').first().waitFor();
  await twoFrames(page);
  const afterMount = await nav();
  assert.deepEqual(afterMount.map((l) => l.box), before.map((l) => l.box));
  assert.equal(await page.locator('.site-nav [aria-current="page"]').textContent(), 'Search');
  const shifts = await page.evaluate(() => window.__shifts);
  assert.equal(shifts.reduce((a, b) => a + b, 0), 0, `layout shifts: ${shifts}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a stored dark theme is applied before the first paint', async () => {
  const { page, context, release } = await heldPage();
  await page.goto(site.url, { waitUntil: 'domcontentloaded' });
  await page.evaluate(() => localStorage.setItem('tifa-theme', 'dark'));
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.locator('.prerendered .doc-item').first().waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  release();
  await appReady(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await context.close();
});
