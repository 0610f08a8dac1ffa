// The tracker, the concordance and the CSV downloads in the built app, in headless
// Chromium: from a click on an in-app link (or a download link) to the frame that shows
// the result, with the app already loaded (as a user moves between views).
//
//   node bench/formulations.mjs DIST [LABEL]     (bash .ci/bench-formulations builds DIST)
//
// Figures printed (ms, over RUNS runs each, the first of each kind not counted):
// - computed: the numbers alone, as each view computes them (the Wasm entry points of
//   `--features bench`, src/bench.rs), without drawing;
// - tracker: one frequent phrase, and three formulations at once; click to the legend
//   painted with its counts (the numbers are computed inside that time);
// - concordance: the first page of a query with about 10,000 lines, click to painted;
// - CSV: all results of a search of about 10,000 statements, and all lines of that
//   concordance: click to the file's blob made (the browser then saves it).
// Prints figures; asserts nothing about time (these machines are noisy). It does check
// that each view showed what was asked (so a broken build cannot look fast).
import { launch } from '../e2e/support.mjs';
import { startServer } from '../support/static-server.mjs';
import { pct, fmt } from './stats.mjs';

const [dist, label = dist] = process.argv.slice(2);
if (!dist) {
  console.error('usage: node bench/formulations.mjs DIST [LABEL]');
  process.exit(2);
}
const RUNS = 12;


// In the page: run `f` once the next frame's main-thread work is done; note when a
// blob URL is made (the CSV download link makes one per click).
const helpers = () => {
  window.__afterPaint = (f) =>
    requestAnimationFrame(() => (window.scheduler?.postTask ? scheduler.postTask(f, { priority: 'user-blocking' }) : setTimeout(f)));
  const make = URL.createObjectURL;
  URL.createObjectURL = (blob) => {
    window.__blob = { at: performance.now(), size: blob.size };
    return make(blob);
  };
};

const site = await startServer({ dir: dist, port: 0 });
const browser = await launch();
const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.addInitScript(helpers);
await page.goto(`${site.url}?view=search`);
await page.locator('.result').first().waitFor();
// The discoveries (formulations, reuse) come in their own file after the app starts.
await page.waitForSelector('html[data-discoveries="ready"]', { timeout: 300_000 });
const statements = await page.evaluate(() => document.documentElement.dataset.statements);
const discoveriesMs = await page.evaluate(() => document.documentElement.dataset.discoveriesMs);
console.log(`discoveries fetched, unpacked and decoded ${discoveriesMs} ms after the app asked for them (local server)`);

// The computations alone, in the page's own Wasm.
const computed = await page.evaluate((RUNS) => {
  const b = window.wasmBindings;
  if (!b?.benchTrack) throw new Error('build the app with --features bench');
  const time = (f) => {
    const times = [];
    let out;
    for (let r = 0; r < RUNS + 1; r++) {
      const t0 = performance.now();
      out = f();
      if (r > 0) times.push(performance.now() - t0);
    }
    return { times, out };
  };
  return {
    one: time(() => b.benchTrack('?f=%22shared+future%22')),
    three: time(() => b.benchTrack('?f=%22shared+future%22&f=human+OR+humanity&f=%22for+*+of%22')),
    kwic: time(() => b.benchConcordance('?view=kwic&q=%22shared+future%22')),
    csv: time(() => b.benchCsv('search', '?q=shared')),
    csvKwic: time(() => b.benchCsv('concordance', '?view=kwic&q=%22shared+future%22')),
    formulations: time(() => b.benchFormulations('?view=formulations')),
    formulationsFiltered: time(() => b.benchFormulations('?view=formulations&from=2010&to=2015&sort=first')),
    reuse: time(() => b.benchReuse(12345)),
  };
}, RUNS);

// Clicks an in-app link to `query` (the app follows it in place) and times it to the
// first painted frame where `ready()` holds; returns [ms, what ready() returned].
async function visit(query, ready) {
  return page.evaluate(
    ({ query, ready }) =>
      new Promise((done, fail) => {
        const test = new Function(`return (${ready})()`);
        const a = document.createElement('a');
        a.setAttribute("href", location.pathname + query);
        document.querySelector('main').append(a);
        const t0 = performance.now();
        a.click();
        a.remove();
        const wait = () => {
          const got = test();
          if (got) window.__afterPaint(() => done([performance.now() - t0, got]));
          else if (performance.now() - t0 > 20000) fail(new Error(`${query} never showed`));
          else requestAnimationFrame(wait);
        };
        wait();
      }),
    { query, ready },
  );
}

// Times `RUNS` visits of `query`, each from the search view (so each recomputes); the
// first is a warm-up. Returns the times and what the view showed.
async function timed(query, ready) {
  const times = [];
  let shown;
  for (let r = 0; r < RUNS + 1; r++) {
    await visit('?view=search', "() => document.querySelector('.search .result') && 'results'");
    const [ms, got] = await visit(query, ready);
    if (r > 0) times.push(ms);
    shown = got;
  }
  return { times, shown };
}

// The tracker, done when its legend shows the counts of every formulation asked for.
const tracked = (n) =>
  `() => { const items = document.querySelectorAll('.legend-item[data-statements]'); return items.length === ${n} && [...items].map(i => i.dataset.statements).join(' / '); }`;
const one = '?f=%22shared+future%22';
const three = '?f=%22shared+future%22&f=human+OR+humanity&f=%22for+*+of%22';
const t1 = await timed(one, tracked(1));
const t3 = await timed(three, tracked(3));

// The concordance's first page: done when its lines are drawn.
const kwicReady =
  "() => document.querySelectorAll('.kwic-table tbody tr').length > 0 && document.querySelector('.kwic-view .result-count').textContent";
const kwic = '?view=kwic&q=%22shared+future%22';
const kc = await timed(kwic, kwicReady);

// A CSV: click the download link; done when its blob is made.
async function download(query, selector) {
  const times = [];
  let size = 0;
  let text = '';
  await visit(query, `() => document.querySelector(${JSON.stringify(selector)}) && true`);
  text = await page.locator(selector).textContent();
  for (let r = 0; r < RUNS + 1; r++) {
    const ms = await page.evaluate(
      (selector) =>
        new Promise((done) => {
          window.__blob = null;
          const link = document.querySelector(selector);
          // Keep the browser from saving the file: only the making is timed.
          link.addEventListener('click', (e) => e.preventDefault(), { once: true });
          const t0 = performance.now();
          link.click();
          done(window.__blob ? [window.__blob.at - t0, window.__blob.size] : [NaN, 0]);
        }),
      selector,
    );
    if (r > 0) times.push(ms[0]);
    size = ms[1];
  }
  return { times, size, text };
}
const fl = await timed('?view=formulations', "() => document.querySelectorAll('.formulation').length > 0 && document.querySelector('.formulations-view .result-count').textContent");
const csvSearch = await download('?q=shared', '.result-tools a.download');
const csvKwic = await download(kwic, '.kwic-view a.download');

console.log(`\ntracker, concordance and CSV, ${label} (${statements} statements; ${RUNS} clicks each after one warm-up)`);
console.log('| measure (ms) | shown | n | p50 | p95 | max |');
console.log('|---|---|---:|---:|---:|---:|');
const row = (name, shown, xs) =>
  console.log(`| ${name} | ${shown} | ${xs.length} | ${fmt(pct(xs, 50))} | ${fmt(pct(xs, 95))} | ${fmt(Math.max(...xs))} |`);
row('computed: tracker, "shared future"', `${computed.one.out} statements`, computed.one.times);
row('computed: tracker, three formulations', `${computed.three.out} statements`, computed.three.times);
row('computed: concordance, first page', `${computed.kwic.out} lines`, computed.kwic.times);
row('computed: CSV of a search', `${(computed.csv.out / 1e6).toFixed(2)} MB`, computed.csv.times);
row('computed: CSV of a concordance', `${(computed.csvKwic.out / 1e6).toFixed(2)} MB`, computed.csvKwic.times);
row('computed: formulations list', `${computed.formulations.out} formulations`, computed.formulations.times);
row('computed: formulations list, 2010–2015, by first use', `${computed.formulationsFiltered.out} formulations`, computed.formulationsFiltered.times);
row('computed: a statement\'s reused passages', `${computed.reuse.out} passages`, computed.reuse.times);
row('tracker: "shared future", click to painted', `${t1.shown} statements`, t1.times);
row('tracker: three formulations, click to painted', `${t3.shown} statements`, t3.times);
row('concordance: first page, click to painted', kc.shown.replace(/;.*/, ''), kc.times);
row('formulations list: click to painted', fl.shown.replace(/;.*/, ''), fl.times);
row(`CSV: ${csvSearch.text.trim()} (search "shared")`, `${(csvSearch.size / 1e6).toFixed(2)} MB`, csvSearch.times);
row(`CSV: ${csvKwic.text.trim()} (concordance)`, `${(csvKwic.size / 1e6).toFixed(2)} MB`, csvKwic.times);
await browser.close();
await site.close();
