// Keywords and collocates in the browser (docs/statistics.md), through the JavaScript API
// on a built site: a target of the statements from 2020 on against the rest of the corpus,
// by word form and by stem; and the collocates of frequent words; the first call (cold)
// and the median of five more (warm). Prints figures; asserts none.
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
  return { out, colloc };
});
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
