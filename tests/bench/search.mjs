// In-browser search benchmark: Tifa (Wasm) against MiniSearch, FlexSearch and Lunr on
// the same statements and queries, in one headless-Chromium run. Prints a table.
//
//   node tests/bench/search.mjs BENCH_DIR SIZE...
//
// BENCH_DIR/search-dist-N is the app built with the synthetic corpus of N statements
// and `--features bench`; BENCH_DIR/export-N.jsonl is `tifa export` of that corpus.
// .ci/bench-search prepares both. Methodology (docs/performance.md):
// - ready: Tifa: decoding its embedded corpus and building its index after the Wasm
//   starts; JS libraries: JSON.parse of the statements + building their index.
// - latency: one top-20 query with snippets (Tifa: its own KWIC ranges; JS libraries:
//   a window around the first query word), over every query class, 30 times each,
//   after 20 untimed rounds for every engine alike (JIT tier-up: V8 first runs Wasm and
//   JS in baseline compilers; the untimed rounds let both reach optimised code).
// - memory: Tifa: Wasm linear memory (blob, decoded corpus and index, heap); JS
//   libraries: JS heap growth over the data and the index (after gc()).
// - shipped: gzip -9 bytes the browser downloads to be able to search (Tifa: wasm + JS
//   glue, corpus included; JS libraries: the library + the statements JSON). Tifa's
//   discoveries file (formulations, reuse: nothing the peers offer) comes after the
//   first result and is printed apart.
// - time to first result: see timeToFirstResult below.
// Pages run with bypassCSP: the app's strict CSP would refuse the timing script injected here.
import { readFileSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/support.mjs';
import { startServer } from '../support/static-server.mjs';
import { PROFILES, firstResult } from './first-result.mjs';

const [benchDir, ...sizes] = process.argv.slice(2);
const modules = fileURLToPath(new URL('../node_modules/', import.meta.url));
const LIBS = {
  minisearch: join(modules, 'minisearch/dist/umd/index.js'),
  flexsearch: join(modules, 'flexsearch/dist/flexsearch.bundle.min.js'),
  lunr: join(modules, 'lunr/lunr.min.js'),
};
const REPS = 30;
const WARMUP = 20;
// BENCH_LIBS=minisearch,lunr runs only those peers (default: all; empty: Tifa alone).
const PEERS = process.env.BENCH_LIBS === undefined ? Object.keys(LIBS) : process.env.BENCH_LIBS.split(',').filter(Boolean);
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

/** Query classes chosen from the corpus's own document frequencies. */
function chooseQueries(docs) {
  const stop = new Set('that this with which from have been will their there they them than into also were what when where such more most other only very should would could these those about'.split(' '));
  const df = new Map();
  for (const d of docs.slice(0, 3000)) {
    for (const w of new Set(d.text.toLowerCase().match(/[a-z]{4,}/g) ?? [])) {
      if (!stop.has(w)) df.set(w, (df.get(w) ?? 0) + 1);
    }
  }
  const byDf = [...df.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const frequent = byDf[0][0];
  const medium = byDf[Math.floor(byDf.length / 3)][0];
  const medium2 = byDf[Math.floor(byDf.length / 3) + 1][0];
  const rare = byDf.filter(([, n]) => n >= 1).at(-1)[0];
  return {
    frequent,
    medium,
    rare,
    multi: `${medium} ${medium2}`,
    phrase: '"shared future"',
    prefix: 'multilat*',
    nohit: 'zzqxv',
  };
}

/** Runs in the page: times `search(q)` REPS times per query; returns all samples. */
const TIMING = `
  window.__time = (search, queries, reps, warmup) => {
    const cold = [];
    for (let r = 0; r < warmup; r++) for (const q of queries) {
      const t = performance.now(); search(q); cold.push(performance.now() - t);
    }
    const samples = [];
    for (let r = 0; r < reps; r++) for (const q of queries) {
      const t = performance.now(); search(q); samples.push(performance.now() - t);
    }
    return { samples, cold };
  };
  window.__snippet = (text, q) => {
    const w = q.replace(/["*+-]/g, ' ').trim().split(/\\s+/)[0].toLowerCase();
    const i = text.toLowerCase().indexOf(w);
    const s = Math.max(0, i - 90);
    return text.slice(s, i + 180);
  };
  window.__words = (q) => q.replace(/["*]/g, ' ').trim().split(/\\s+/).filter(Boolean);
  window.__phrase = (q) => (q.startsWith('"') ? q.replace(/"/g, '').toLowerCase() : null);
`;

/** In-page setup and search function for each JS library; returns its ready time. */
const SETUP = {
  minisearch: `async () => {
    const t0 = performance.now();
    const docs = JSON.parse(await (await fetch('bench-data.json')).text());
    const ms = new MiniSearch({ fields: ['text', 'speaker', 'title'], idField: 'i',
      searchOptions: { boost: { text: 1, speaker: 0.3, title: 0.3 } } });
    ms.addAll(docs.map((d, i) => ({ ...d, i })));
    const ready = performance.now() - t0;
    window.__search = (q) => {
      const phrase = __phrase(q);
      let hits = ms.search(__words(q).join(' '), { combineWith: 'AND', prefix: q.endsWith('*') });
      if (phrase) hits = hits.filter((h) => docs[h.id].text.toLowerCase().includes(phrase));
      return hits.slice(0, 20).map((h) => [docs[h.id].id, __snippet(docs[h.id].text, q)]);
    };
    return ready;
  }`,
  flexsearch: `async () => {
    const t0 = performance.now();
    const docs = JSON.parse(await (await fetch('bench-data.json')).text());
    const index = new FlexSearch.Index({ tokenize: 'forward' });
    docs.forEach((d, i) => index.add(i, d.text));
    const ready = performance.now() - t0;
    window.__search = (q) => {
      const phrase = __phrase(q);
      let ids = index.search(__words(q).join(' '), { limit: phrase ? 5000 : 20 });
      if (phrase) ids = ids.filter((i) => docs[i].text.toLowerCase().includes(phrase));
      return ids.slice(0, 20).map((i) => [docs[i].id, __snippet(docs[i].text, q)]);
    };
    return ready;
  }`,
  lunr: `async () => {
    const t0 = performance.now();
    const docs = JSON.parse(await (await fetch('bench-data.json')).text());
    const idx = lunr(function () {
      this.ref('i'); this.field('text');
      docs.forEach((d, i) => this.add({ i, text: d.text }));
    });
    const ready = performance.now() - t0;
    window.__search = (q) => {
      const phrase = __phrase(q);
      const terms = __words(q).map((w) => '+' + w.replace(/[^a-z0-9]/gi, '') + (q.endsWith('*') ? '*' : '')).join(' ');
      let hits = idx.search(terms);
      if (phrase) hits = hits.filter((h) => docs[h.ref].text.toLowerCase().includes(phrase));
      return hits.slice(0, 20).map((h) => [docs[h.ref].id, __snippet(docs[h.ref].text, q)]);
    };
    return ready;
  }`,
};

// Time to first result (first-result.mjs: the lines, and how it is timed). Tifa: the app itself
// (its first paint is HTML; results need the Wasm, the corpus decoded and the index
// built). Peers: a page that loads the library and the statements JSON, builds the
// index, searches and draws the top 20 as list items. BENCH_TTFR=0 leaves it out.
const TTFR = process.env.BENCH_TTFR !== '0';
const ttfrRows = [];

async function timeToFirstResult(n, dist, query) {
  for (const lib of PEERS) {
    writeFileSync(
      join(dist, `bench-ttfr-${lib}.js`),
      `${TIMING}
(${SETUP[lib]})().then(() => {
  const q = new URLSearchParams(location.search).get('q');
  const list = document.getElementById('results');
  for (const [id, snippet] of window.__search(q)) {
    const li = document.createElement('li');
    li.className = 'result';
    li.textContent = id + ' — ' + snippet;
    list.append(li);
  }
});
`,
    );
    writeFileSync(
      join(dist, `ttfr-${lib}.html`),
      `<!doctype html><html lang="en"><meta charset="utf-8"><title>${lib}</title><ol id="results"></ol><script src="bench-${lib}.js"></script><script src="bench-ttfr-${lib}.js"></script></html>`,
    );
  }
  const site = await startServer({ dir: dist, port: 0, gzip: true });
  const q = encodeURIComponent(query);
  const pages = [['Tifa (Wasm)', `${site.url}?q=${q}`], ...PEERS.map((lib) => [lib, `${site.url}ttfr-${lib}.html?q=${q}`])];
  for (const profile of PROFILES) {
    for (const [engine, url] of pages) {
      const { ms, bytes } = await firstResult(browser, url, profile);
      ttfrRows.push({ n, profile: profile.name, engine, ms, bytes });
      console.error(`[${n}] ${profile.name}: ${engine} first result at ${(ms / 1000).toFixed(2)} s, ${(bytes / 1024).toFixed(0)} KB on the wire`);
    }
  }
  await site.close();
}

function pct(samples, p) {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

const browser = await launch(['--js-flags=--expose-gc', '--enable-precise-memory-info']);
const rows = [];
for (const n of sizes) {
  const dist = join(benchDir, `search-dist-${n}`);
  const docs = readFileSync(join(benchDir, `export-${n}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const s = JSON.parse(line);
      return { id: s.id, text: s.passages.map((p) => p.text).join('\n\n'), speaker: s.speaker.name, title: s.document.title };
    });
  const data = Buffer.from(JSON.stringify(docs));
  writeFileSync(join(dist, 'bench-data.json'), data);
  for (const [name, file] of Object.entries(LIBS)) copyFileSync(file, join(dist, `bench-${name}.js`));
  writeFileSync(join(dist, 'bench.html'), '<!doctype html><html lang="en"><title>bench</title></html>');
  const queries = chooseQueries(docs);
  const site = await startServer({ dir: dist, port: 0, isolated: true });

  // Tifa
  const appFiles = readdirSync(dist).filter((f) => /^tifa-.*\.(wasm|js)$/.test(f));
  const shippedTifa = appFiles.reduce((sum, f) => sum + gz(readFileSync(join(dist, f))), 0);
  const minedFile = readdirSync(dist).find((f) => /^discoveries-[0-9a-f]+\.bin$/.test(f));
  if (minedFile) {
    const bytes = readFileSync(join(dist, minedFile));
    console.error(`${n} statements: ${minedFile} ${(bytes.length / 1024).toFixed(0)} KB (${(gz(bytes) / 1024).toFixed(0)} KB as gzip -9 serves it), fetched after the first result`);
  }
  let page = await (await browser.newContext({ bypassCSP: true })).newPage();
  await page.goto(site.url);
  await page.waitForSelector('html[data-decode-ms]', { timeout: 300_000 });
  await page.addScriptTag({ content: TIMING });
  if (!(await page.evaluate(() => self.crossOriginIsolated))) console.error('warning: not cross-origin isolated: timer resolution is 100 µs');
  const tifa = await page.evaluate(
    ({ qs, reps, warmup }) => {
      const search = (q) => window.wasmBindings.benchSearch(q);
      const { samples, cold } = window.__time(search, qs, reps, warmup);
      const top = {};
      for (const q of qs) top[q] = window.wasmBindings.benchTopIds(q, 10).split('\n').filter(Boolean);
      const counts = Object.fromEntries(qs.map((q) => [q, window.wasmBindings.benchSearch(q)]));
      return {
        samples,
        cold,
        top,
        counts,
        ready: Number(document.documentElement.dataset.decodeMs),
        memory: window.wasmBindings.benchMemoryBytes(),
      };
    },
    { qs: Object.values(queries), reps: REPS, warmup: WARMUP },
  );
  await page.context().close();
  rows.push({ n, engine: 'Tifa (Wasm)', ready: tifa.ready, samples: tifa.samples, cold: tifa.cold, memory: tifa.memory, shipped: shippedTifa, top: tifa.top, counts: tifa.counts, queries });

  for (const lib of PEERS) {
    page = await (await browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(`${site.url}bench.html`); // same origin, no app running
    await page.addScriptTag({ url: `${site.url}bench-${lib}.js` });
    await page.addScriptTag({ content: TIMING });
    const before = await page.evaluate(() => { window.gc(); return performance.memory.usedJSHeapSize; });
    const ready = await page.evaluate(`(${SETUP[lib]})()`);
    const after = await page.evaluate(() => { window.gc(); return performance.memory.usedJSHeapSize; });
    const result = await page.evaluate(
      ({ qs, reps, warmup }) => {
        const { samples, cold } = window.__time((q) => window.__search(q), qs, reps, warmup);
        const top = {};
        for (const q of qs) top[q] = window.__search(q).slice(0, 10).map(([id]) => id);
        return { samples, cold, top };
      },
      { qs: Object.values(queries), reps: REPS, warmup: WARMUP },
    );
    await page.context().close();
    const shipped = gz(readFileSync(LIBS[lib])) + gz(data);
    rows.push({ n, engine: lib, ready, samples: result.samples, cold: result.cold, memory: after - before, shipped, top: result.top });
  }
  await site.close();
  console.error(`[${n}] queries: ${JSON.stringify(queries)}; Tifa matches: ${JSON.stringify(tifa.counts)}`);
  if (TTFR) await timeToFirstResult(n, dist, queries.medium);
}
await browser.close();

// Top-10 overlap with MiniSearch over the word queries (frequent, medium, rare, multi).
const overlap = (row) => {
  const mini = rows.find((r) => r.n === row.n && r.engine === 'minisearch');
  if (!mini) return NaN;
  const qs = Object.keys(row.top).slice(0, 4);
  const vals = qs
    .filter((q) => mini.top[q].length > 0)
    .map((q) => row.top[q].filter((id) => mini.top[q].includes(id)).length / Math.min(10, mini.top[q].length));
  return vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : NaN;
};

const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
console.log('| statements | engine | ready (ms) | p50 (ms) | p95 (ms) | p99 (ms) | memory (MB) | shipped gzip (KB) | top-10 overlap with MiniSearch |');
console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.n} | ${r.engine} | ${f(r.ready, 1)} | ${f(pct(r.samples, 50), 3)} | ${f(pct(r.samples, 95), 3)} | ${f(pct(r.samples, 99), 3)} | ${f(r.memory / 1e6, 1)} | ${f(r.shipped / 1024, 0)} | ${r.engine === 'minisearch' ? '—' : f(overlap(r) * 100, 0) + ' %'} |`);
}
// Cold: the untimed warm-up rounds, timed all the same (baseline-compiled code).
for (const n of sizes) {
  const cells = rows.filter((r) => r.n === n).map((r) => `${r.engine} ${f(pct(r.cold, 95), 2)}`);
  console.log(`\n${n} statements, p95 (ms) over the ${WARMUP} warm-up rounds (cold JIT): ${cells.join(', ')}`);
}
// Tifa per query class: samples are taken round-robin over the classes.
for (const r of rows.filter((r) => r.engine === 'Tifa (Wasm)')) {
  const classes = Object.entries(r.queries);
  const cells = classes.map(([name], k) => {
    const mine = r.samples.filter((_, i) => i % classes.length === k);
    return `${name} ${f(pct(mine, 50), 2)} / ${f(pct(mine, 95), 2)}`;
  });
  console.log(`\n${r.n} statements, Tifa p50 / p95 (ms) per query class: ${cells.join(', ')}`);
}
if (ttfrRows.length) {
  console.log('\n| statements | line | engine | first result (s) | on the wire (KB) | time ÷ Tifa time (over 1: Tifa first) |');
  console.log('|---:|---|---|---:|---:|---:|');
  for (const r of ttfrRows) {
    const tifa = ttfrRows.find((t) => t.n === r.n && t.profile === r.profile && t.engine === 'Tifa (Wasm)');
    const ahead = r.engine === 'Tifa (Wasm)' ? '—' : `${f(r.ms / tifa.ms, 2)}×`;
    console.log(`| ${r.n} | ${r.profile} | ${r.engine} | ${f(r.ms / 1000, 2)} | ${f(r.bytes / 1024, 0)} | ${ahead} |`);
  }
}
for (const n of sizes) {
  const p95 = (e) => {
    const row = rows.find((r) => r.n === n && r.engine === e);
    return row ? pct(row.samples, 95) : NaN;
  };
  const t = p95('Tifa (Wasm)');
  console.log(`\n${n} statements, p95 ratios: MiniSearch / Tifa = ${f(p95('minisearch') / t, 1)}×, FlexSearch / Tifa = ${f(p95('flexsearch') / t, 1)}×, Lunr / Tifa = ${f(p95('lunr') / t, 1)}×`);
}
