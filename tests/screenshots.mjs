// The README's and docs' screenshots, made from the built dist (`bash .ci/screenshots`,
// which builds the product corpus first): each view opened from its link, as a reader of
// the docs would open it, in headless Chromium. A script, not a test: it asserts nothing.
//
//   node tests/screenshots.mjs [dist] [name…]     (names: only those shots)
import { fileURLToPath } from 'node:url';
import { launch, openPage } from './e2e/support.mjs';
import { startServer } from './support/static-server.mjs';

const dist = process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url));
const only = process.argv.slice(3);
const out = (name) => fileURLToPath(new URL(`./e2e/screenshots/${name}.png`, import.meta.url));

const XINHUA = '2021-03-24-xinhua-unhrc-adopts-cooperation-resolution';
const MAO = '2024-12-10-mao-ning-human-rights-day';
const ZHAO_HRC = '2020-06-zhao-lijian-hrc-cooperation-resolution';
const CHEN = '2021-03-23-chen-xu-hrc-cooperation-resolution';

// name, link, element to wait for, viewport [width, height], and optionally the theme
// and a step to take before the picture.
const SHOTS = [
  ['library', '', '.doc-item', [1000, 760]],
  ['reader', `?doc=${XINHUA}`, 'article.reader h1', [1000, 900]],
  ['statement', `?s=${MAO}`, 'article.statement h1', [1000, 1000]],
  ['search', '?q=%22shared+future%22', '.result', [1000, 800]],
  ['compare', `?compare=${ZHAO_HRC},${CHEN}`, '.compare-col', [1280, 900]],
  ['compare-aligned', `?compare=${ZHAO_HRC},${CHEN}&mode=aligned`, '.aligned-table', [1280, 900]],
  ['compare-dark', `?compare=${ZHAO_HRC},${CHEN}`, '.compare-col', [1280, 720], 'dark'],
  ['timeline', '?view=timeline', '.timeline-svg .mark', [1280, 900], null,
    (page) => page.locator(`.timeline-svg .mark[data-statement-id="${MAO}"]`).hover()],
  ['timeline-brushed', '?view=timeline&lanes=venue&from=2021&to=2021', '.timeline-svg .mark', [1100, 850]],
  ['search-filtered', '?q=rights&speaker=zhao-lijian', '.chip', [1100, 850]],
  ['reader-steps', `?q=rights&s=${CHEN}#p2`, '.result-steps', [1100, 850]],
  ['compare-builder', `?view=compare&compare=${MAO}`, '.chosen', [1100, 850], null,
    async (page) => {
      await page.locator('#add-q').fill('shared future');
      await page.locator('.pick-list li').first().waitFor();
    }],
  ['tracker', `?f=${encodeURIComponent('"human rights"')}&f=cooperation&f=${encodeURIComponent('"shared future"')}`, '.legend-item', [1280, 1000], null,
    (page) => page.locator('a.point').last().hover()],
  ['concordance', '?view=kwic&q=cooperation&sort=1R', '.kwic-table tbody tr', [1280, 900]],
  ['formulations', '?view=formulations', '.formulation', [1280, 1000]],
  ['compare-four', `?compare=${ZHAO_HRC},${CHEN},${MAO},2021-09-14-li-xiaomei-global-human-rights-governance`, '.compare-col', [1440, 900], null,
    (page) => page.locator('.compare-columns').evaluate((e) => e.scrollIntoView())],
  ['reuse', `?s=${CHEN}`, '.reuse-item', [1100, 900], null,
    (page) => page.locator('.reuse').first().evaluate((e) => e.parentElement.scrollIntoView())],
  ['mobile-timeline', '?view=timeline', '.timeline-svg .mark', [360, 740]],
  ['mobile-search', `?q=${encodeURIComponent('human rights')}&speaker=zhao-lijian,chen-xu&from=2020`, '.chip', [360, 740]],
  ['keywords', '?view=keywords&speaker=zhao-lijian&sig=all&min=2', 'tr[data-word]', [1280, 1000]],
  ['collocates', '?view=collocates&q=rights&ref=from%3D2021&min=2&fmin=2', 'tr[data-word]', [1440, 1000]],
  ['clusters', '?view=clusters&n=3', 'tr[data-ngram]', [1100, 1000]],
  ['dispersion', '?view=dispersion&q=rights', '.strip-mark', [1100, 760]],
];

const site = await startServer({ dir: dist, port: 0 });
const browser = await launch();
try {
  for (const [name, query, ready, [width, height], theme, before] of SHOTS) {
    if (only.length && !only.includes(name)) continue;
    const { page, context } = await openPage(browser, { viewport: { width, height } });
    if (theme) {
      await page.goto(site.url);
      await page.locator('.theme select').selectOption(theme);
    }
    await page.goto(`${site.url}${query}`);
    await page.locator(ready).first().waitFor();
    if (before) await before(page);
    await page.screenshot({ path: out(name) });
    await context.close();
    console.log(`screenshot: ${name}`);
  }
} finally {
  await browser.close();
  await site.close();
}
