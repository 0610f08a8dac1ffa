// Loads a built dist in headless Chromium several times and prints how long the app
// took to decode its embedded corpus (read from <html data-decode-ms>), with the
// median, min and max, and the time until the page's first statement is in the DOM.
//
//   node tests/bench/decode.mjs DIST [RUNS]
import { launch, openPage } from '../e2e/support.mjs';
import { startServer } from '../support/static-server.mjs';

const dist = process.argv[2];
const runs = Number(process.argv[3] ?? 5);
const site = await startServer({ dir: dist, port: 0 });
const browser = await launch();
const decode = [];
const ready = [];
let statements = 0;
for (let i = 0; i < runs; i++) {
  const { page, context } = await openPage(browser);
  const t0 = Date.now();
  await page.goto(site.url);
  await page.waitForSelector('html[data-decode-ms]', { timeout: 120_000 });
  await page.waitForSelector('[data-statement-id]', { timeout: 300_000 });
  ready.push(Date.now() - t0);
  decode.push(Number(await page.getAttribute('html', 'data-decode-ms')));
  statements = Number(await page.getAttribute('html', 'data-statements'));
  await context.close();
}
await browser.close();
await site.close();
const sorted = (a) => [...a].sort((x, y) => x - y);
const median = (a) => sorted(a)[Math.floor(a.length / 2)];
console.log(
  JSON.stringify({
    statements,
    runs,
    decode_ms_median: median(decode),
    decode_ms_min: sorted(decode)[0],
    decode_ms_max: sorted(decode).at(-1),
    load_to_first_statement_ms_median: median(ready),
  }),
);
