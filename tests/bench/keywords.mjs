// The statistics in the browser (docs/statistics.md), through the JavaScript API on a
// built site: keywords of the statements from 2020 on against the rest of the corpus, by
// word form and by stem; the collocates of frequent words; clusters of a view; a word's
// dispersion; the first call (cold) and medians of more (warm); then each statistics
// view opened by a link clicked in the page, to the frame that shows its rows. Prints
// figures; asserts none.
//   node bench/keywords.mjs DIST LABEL
import { launch } from '../e2e/support.mjs';
import { startServer } from '../support/static-server.mjs';

const [dist, label = ''] = process.argv.slice(2);
const browser = await launch();
const site = await startServer({ dir: dist, port: 0 });
const page = await (await browser.newContext()).newPage();
await page.goto(`${site.url}api/`);
const runs = await page.evaluate(async () => {
  const { load } = await import('/api.js');
  const tifa = await load();
  // The corpus decoded and indexed first (its first use does it), so that "cold" is the
  // keywords' own first run.
  tifa.search('?q=development');
  const out = [];
  for (const stems of [false, true]) {
    const times = [];
    let k;
    for (let i = 0; i < 6; i++) {
      const t = performance.now();
      k = tifa.keywords('?from=2020', null, { stems });
      times.push(performance.now() - t);
    }
    const warm = times.slice(1).sort((a, b) => a - b)[2];
    out.push({ stems, cold: times[0], warm, target: k.target, reference: k.reference, compared: k.compared, listed: k.rows.length, first: k.rows.slice(0, 5).map((r) => r.term) });
  }
  // Collocates of frequent words (window 5 + 5), cold then the median of five more.
  const colloc = [];
  for (const word of ['development', 'international', 'countries', 'the']) {
    const times = [];
    let c;
    for (let i = 0; i < 6; i++) {
      const t = performance.now();
      c = tifa.collocates(`?q=${word}`);
      times.push(performance.now() - t);
    }
    colloc.push({ word, occurrences: c.node_frequency, rows: c.rows.length, cold: times[0], warm: times.slice(1).sort((a, b) => a - b)[2] });
  }
  // Clusters (n-grams) of a view: every statement, the statements from 2020 on, and
  // those holding a word; and where a frequent word occurs (dispersion).
  const clusters = [];
  for (const [query, n] of [['', 3], ['?from=2020', 3], ['?from=2020', 5], ['?q=development', 4]]) {
    const times = [];
    let c;
    for (let i = 0; i < 4; i++) {
      const t = performance.now();
      c = tifa.clusters(query, { n });
      times.push(performance.now() - t);
    }
    clusters.push({ query, n, statements: c.statements, words: c.words, rows: c.rows.length, top: c.rows[0]?.ngram, cold: times[0], warm: times.slice(1).sort((a, b) => a - b)[1] });
  }
  const t = performance.now();
  const d = tifa.dispersion('?q=development');
  const dispersion = { total: d.total, statements: d.statements.length, ms: performance.now() - t };
  return { out, colloc, clusters, dispersion };
});
// What a reader feels: a link clicked in the page, to the frame that shows the rows.
const views = [];
await page.goto(`${site.url}?view=search`);
await page.locator('.result').first().waitFor({ timeout: 120000 });
for (const [name, query, rows] of [
  ['keywords, 2020 on against the rest (every word)', '?view=keywords&from=2020&sig=all', 'tr[data-word]'],
  ['collocates of “development”', '?view=collocates&q=development', 'tr[data-word]'],
  ['clusters of 3 words, every statement', '?view=clusters&n=3', 'tr[data-ngram]'],
  ['dispersion of “development”', '?view=dispersion&q=development', 'tr[data-hits]'],
]) {
  const ms = await page.evaluate(
    async ([query, rows]) => {
      const a = document.createElement('a');
      a.setAttribute('href', location.pathname + query);
      document.querySelector('main').append(a);
      const t = performance.now();
      a.click();
      while (!document.querySelector(rows)) await new Promise((r) => requestAnimationFrame(r));
      await new Promise((r) => requestAnimationFrame(r));
      a.remove();
      return performance.now() - t;
    },
    [query, rows],
  );
  views.push({ name, ms });
}
runs.views = views;
console.log(`keywords, ${label}, in headless Chromium through the JavaScript API:`);
for (const r of runs.out) {
  console.log(
    `  ${r.stems ? 'stems     ' : 'word forms'}: cold ${r.cold.toFixed(1)} ms, warm ${r.warm.toFixed(1)} ms (median of 5); target ${r.target.statements} statements / ${r.target.words} words, reference ${r.reference.statements} / ${r.reference.words}; ${r.compared} compared, ${r.listed} listed; first: ${r.first.join(', ')}`,
  );
}
await browser.close();
await site.close();
console.log(`collocates, ${label}, window 5 + 5:`);
for (const c of runs.colloc) {
  console.log(`  “${c.word}”: ${c.occurrences} occurrences, ${c.rows} collocates; cold ${c.cold.toFixed(1)} ms, warm ${c.warm.toFixed(1)} ms (median of 5)`);
}
console.log(`clusters, ${label}:`);
for (const c of runs.clusters) {
  console.log(`  ${c.n} words, “${c.query || 'every statement'}”: ${c.statements} statements, ${c.words} words, ${c.rows} clusters seen twice or more (first: ${c.top}); cold ${c.cold.toFixed(1)} ms, warm ${c.warm.toFixed(1)} ms (median of 3)`);
}
console.log(`dispersion of “development”: ${runs.dispersion.total} occurrences in ${runs.dispersion.statements} statements, ${runs.dispersion.ms.toFixed(1)} ms`);
console.log(`a link clicked in the page to the frame showing its rows, ${label}:`);
for (const v of runs.views) console.log(`  ${v.name}: ${v.ms.toFixed(0)} ms`);
