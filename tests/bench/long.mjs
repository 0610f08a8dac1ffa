// Long statements in the built app, in headless Chromium: two 8,000-word addresses
// compared (shared phrases, then aligned passages with word diffs), a 100 KB statement
// opened in the reader, and the timeline opened at 25,000 statements — each from a click
// on an in-app link to the frame painted, with the main thread's longest task.
//
// With PAIR="id,id,passages" instead, only the comparison of those two statements of a
// real corpus (bash .ci/bench-long's BENCH_LONG_REAL), until all their passages are drawn.
//
//   node bench/long.mjs DIST      (bash .ci/bench-long builds DIST from `tifa synth --long 5`)
//
// Prints figures; asserts nothing about time. It checks each view showed what was asked.
import { launch } from '../e2e/support.mjs';
import { startServer } from '../support/static-server.mjs';
import { pct, fmt } from './stats.mjs';

const [dist] = process.argv.slice(2);
if (!dist) {
  console.error('usage: node bench/long.mjs DIST');
  process.exit(2);
}
const RUNS = 8;

const site = await startServer({ dir: dist, port: 0 });
const browser = await launch();
const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.addInitScript(() => {
  window.__long = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: 'longtask', buffered: true });
  window.__afterPaint = (f) =>
    requestAnimationFrame(() => (window.scheduler?.postTask ? scheduler.postTask(f, { priority: 'user-blocking' }) : setTimeout(f)));
});
await page.goto(`${site.url}?view=search`);
await page.locator('.result').first().waitFor();
// The discoveries (formulations, reuse) arrive in the background: timed runs start after.
await page.waitForSelector('html[data-discoveries="ready"]', { timeout: 300_000 });
// The long statements are the synthetic corpus's first five (`--long 5`): two pairs and
// one of ~100 KB; their ids come from the script that built the corpus.
async function visit(query, ready) {
  return page.evaluate(
    ({ query, ready }) =>
      new Promise((done, fail) => {
        const test = new Function(`return (${ready})()`);
        window.__long.length = 0;
        const a = document.createElement('a');
        a.setAttribute('href', location.pathname + query);
        document.querySelector('main').append(a);
        const t0 = performance.now();
        a.click();
        a.remove();
        const wait = () => {
          const got = test();
          if (got) window.__afterPaint(() => done([performance.now() - t0, Math.max(0, ...window.__long), got]));
          else if (performance.now() - t0 > 30000) fail(new Error(`${query} never showed`));
          else requestAnimationFrame(wait);
        };
        wait();
      }),
    { query, ready },
  );
}

async function timed(name, query, ready) {
  const times = [];
  const longest = [];
  let shown;
  for (let r = 0; r < RUNS + 1; r++) {
    await visit('?view=search', "() => document.querySelector('.search .result') && 'results'");
    const [ms, lt, got] = await visit(query, ready);
    if (r > 0) {
      times.push(ms);
      longest.push(lt);
    }
    shown = got;
  }
  console.log(`| ${name} | ${shown} | ${fmt(pct(times, 50))} | ${fmt(pct(times, 95))} | ${fmt(pct(longest, 95))} |`);
}

console.log(`\nlong statements, ${await page.evaluate(() => document.documentElement.dataset.statements)} statements (${RUNS} clicks each after one warm-up)`);
console.log('| measure (ms) | shown | click to painted p50 | p95 | longest task p95 |');
console.log('|---|---|---:|---:|---:|');
const columns = (n) => `document.querySelectorAll('.compare-col').length === 2 && document.querySelectorAll('.compare-col .passage').length >= ${n}`;
const aligned = "() => document.querySelector('.aligned-table tbody tr') && document.querySelectorAll('.aligned-table tbody tr').length + ' rows'";
if (process.env.PAIR) {
  // A corpus's own long statements (PAIR = "id,id,passages in both"): the comparison only.
  const [x, y, passages] = process.env.PAIR.split(',');
  await timed(`compare ${x} and ${y}: shared phrases, first paint`, `?compare=${x},${y}`, "() => document.querySelectorAll('.compare-col').length === 2 && document.querySelectorAll('mark.phrase').length + ' marks'");
  await timed('the same: shared phrases, all drawn', `?compare=${x},${y}`, `() => ${columns(passages)} && document.querySelectorAll('mark.phrase').length + ' marks'`);
  await timed('the same: aligned passages, word diffs', `?compare=${x},${y}&mode=aligned`, aligned);
} else {
  const [a, b, c, , huge] = process.env.LONG_IDS.split(',');
  // Long statements are drawn in parts, a frame apart: "first paint" is the frame that
  // shows the view's first part; the other rows wait for everything.
  await timed('compare, shared phrases: first paint', `?compare=${a},${b}`, "() => document.querySelectorAll('.compare-col').length === 2 && document.querySelectorAll('mark.phrase').length + ' marks'");
  await timed('reader, 100 KB statement: first paint', `?s=${huge}`, "() => document.querySelector('article.statement .passage') && document.querySelectorAll('article.statement .passage').length + ' passages'");
  await timed('compare two 8,000-word statements: shared phrases, all drawn', `?compare=${a},${b}`, `() => ${columns(120)} && document.querySelectorAll('mark.phrase').length + ' marks'`);
  await timed('compare them: aligned passages, word diffs', `?compare=${a},${b}&mode=aligned`, aligned);
  // Two unrelated addresses (the first of each pair): nothing pairs at once.
  await timed('compare two unrelated 8,000-word statements: aligned', `?compare=${a},${c}&mode=aligned`, aligned);
  await timed('reader: a 100 KB statement, all drawn', `?s=${huge}`, "() => document.querySelectorAll('article.statement .passage').length > 100 && document.querySelector('.raw-text .line') && document.querySelectorAll('article.statement .passage').length + ' passages'");
  await timed('timeline: open at this size', '?view=timeline', "() => document.querySelector('.timeline-svg .mark') && document.querySelectorAll('.timeline-svg .mark').length + ' marks'");
}
await browser.close();
await site.close();
