// Shared set-up for the end-to-end tests: the built dist served on 127.0.0.1, and the
// system Chromium driven by playwright-core (never a downloaded browser).
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startServer } from '../support/static-server.mjs';

/** The statements of the test corpus (tests/fixtures/corpus) that the tests name. */
export const XINHUA = '2021-03-24-xinhua-unhrc-adopts-cooperation-resolution';
export const CHEN = '2021-03-23-chen-xu-hrc-cooperation-resolution';
export const ZHAO_HRC = '2020-06-zhao-lijian-hrc-cooperation-resolution';
export const ZHAO_COVID = '2020-06-zhao-lijian-us-house-covid-origins-report';
export const ZHAO_BORDER = '2020-06-zhao-lijian-china-india-border-talks';
export const LI = '2021-09-14-li-xiaomei-global-human-rights-governance';
export const MAO = '2024-12-10-mao-ning-human-rights-day';

export const DIST = fileURLToPath(new URL('../../dist', import.meta.url));

export async function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}

export const serve = (base = '/') => startServer({ dir: DIST, port: 0, base });

/**
 * A page that records console errors, page errors and every request, and fails
 * any request that leaves 127.0.0.1 (the app must never touch the network).
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // A load cancelled because the test navigated on is not a failure.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`requestfailed: ${r.url()}`);
  });
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  // The page paints the document list from HTML before the app is ready (its first
  // paint); a test acts on the app, so `goto` and `reload` also wait for the app to
  // replace that first paint (tests of the first paint itself use their own page).
  for (const name of ['goto', 'reload']) {
    const original = page[name].bind(page);
    page[name] = async (...args) => {
      const response = await original(...args);
      await page.waitForFunction(() => !document.querySelector('.prerendered'));
      return response;
    };
  }
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    requests.push(url.href);
    if (url.hostname !== '127.0.0.1') return route.abort();
    return route.continue();
  });
  return { context, page, problems, requests };
}

let axeSource;
/** Runs axe-core on the page and returns its violations (id: nodes). */
export async function axe(page) {
  axeSource ??= await readFile(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  await page.evaluate(axeSource);
  // Passages out of sight are not rendered (`content-visibility: auto`), and axe cannot
  // judge the colours of what is not rendered: every passage is audited as it will be
  // drawn when scrolled to, then left to the page again.
  const result = await page.evaluate(async () => {
    const skipped = [...document.querySelectorAll('.passage')];
    skipped.forEach((p) => (p.style.contentVisibility = 'visible'));
    try {
      return await window.axe.run(document, { resultTypes: ['violations'] });
    } finally {
      skipped.forEach((p) => (p.style.contentVisibility = ''));
    }
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * One browser and the built site served at each of `bases` ('/' when none), started
 * before a file's tests and closed after them: `ready(browser, ...sites)` receives them.
 */
export function browserAndSites(ready, ...bases) {
  let browser;
  const sites = [];
  before(async () => {
    browser = await launch();
    for (const base of bases.length ? bases : ['/']) sites.push(await serve(base));
    ready(browser, ...sites);
  });
  after(async () => {
    await browser?.close();
    for (const site of sites) await site.close();
  });
}
