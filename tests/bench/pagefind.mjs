// Pagefind beside Tifa on the same statements (issue 29's reference for an index fetched
// in chunks from static files): each statement of a `tifa export` JSON Lines file becomes
// one HTML page, Pagefind 1.6.0 indexes them, and a search page shows the first ten
// results as Pagefind's own UI does (the index chunks the query needs, then each shown
// result's fragment). Then, in headless Chromium on an emulated line with an empty cache,
// both sites open a search link: time to the first result painted and bytes off the
// wire (bench/first-result.mjs measures both the same way). Prints figures; asserts none.
// Tifa is measured twice: its corpus in the Wasm, and in the sharded packing (the
// manifest and the pieces a search reads; the corpus's bytes are counted apart).
//   node bench/pagefind.mjs EXPORT.jsonl TIFA_DIST TIFA_SHARDS_DIST PAGEFIND_BIN WORK_DIR [QUERY...]
import { mkdirSync, rmSync, writeFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { launch } from '../e2e/support.mjs';
import { startServer } from '../support/static-server.mjs';
import { firstResult, PROFILES } from './first-result.mjs';

const [exportFile, tifaDist, shardsDist, pagefindBin, work, ...asked] = process.argv.slice(2);
const queries = asked.length ? asked : ['human', 'sovereignty', '"shared future"'];
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// One page per statement: its speaker, date and passages, as a reader would see them.
const site = join(work, 'site');
rmSync(site, { recursive: true, force: true });
mkdirSync(join(site, 's'), { recursive: true });
let n = 0;
for (const line of readFileSync(exportFile, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const s = JSON.parse(line);
  const passages = s.passages.map((p) => `<p>${esc(p.text)}</p>`).join('\n');
  writeFileSync(
    join(site, 's', `${s.id}.html`),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(s.speaker.name)}, ${esc(s.date?.date ?? '')}</title></head>` +
      `<body><main data-pagefind-body><h1>${esc(s.speaker.name)}</h1><p data-pagefind-meta="date">${esc(s.date?.date ?? '')}</p>${passages}</main></body></html>`,
  );
  n++;
}
// The search page: the query from the link, the first ten results with their excerpts.
writeFileSync(
  join(site, 'index.html'),
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Search</title></head><body><ol id="results"></ol>
<script type="module">
const q = new URLSearchParams(location.search).get('q') ?? '';
const pagefind = await import('/pagefind/pagefind.js');
const search = await pagefind.search(q);
const shown = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
const list = document.getElementById('results');
for (const d of shown) {
  const li = document.createElement('li');
  li.className = 'result';
  const a = document.createElement('a');
  a.href = d.url;
  a.textContent = d.meta.title;
  const p = document.createElement('p');
  p.innerHTML = d.excerpt;
  li.append(a, p);
  list.append(li);
}
document.title = search.results.length + ' results';
</script></body></html>`,
);
const started = Date.now();
execFileSync(pagefindBin, ['--site', site, '--silent'], { stdio: 'inherit' });
const seconds = (Date.now() - started) / 1000;
const size = (dir) =>
  readdirSync(dir).reduce((sum, f) => {
    const p = join(dir, f);
    const st = statSync(p);
    return sum + (st.isDirectory() ? size(p) : st.size);
  }, 0);
const files = (dir) => readdirSync(dir).reduce((c, f) => c + (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : 1), 0);
console.log(
  `Pagefind 1.6.0: ${n} statement pages indexed in ${seconds.toFixed(1)} s; its index ${files(join(site, 'pagefind'))} files, ${(size(join(site, 'pagefind')) / 1e6).toFixed(1)} MB on disk`,
);

const browser = await launch();
// Every file gzip-compressed to a browser that accepts it, as static hosts do.
const tifa = await startServer({ dir: tifaDist, port: 0, gzip: true });
const shards = await startServer({ dir: shardsDist, port: 0, gzip: true });
const pf = await startServer({ dir: site, port: 0, gzip: true });
const profile = PROFILES[0];
console.log(`first result of a search link, ${profile.name}, cache empty (median of 3):`);
const median = (xs) => xs.sort((a, b) => a - b)[1];
for (const q of queries) {
  const link = `?q=${encodeURIComponent(q)}`;
  const runs = { tifa: [], shards: [], pagefind: [] };
  for (let i = 0; i < 3; i++) {
    runs.tifa.push(await firstResult(browser, `${tifa.url}${link}`, profile));
    runs.shards.push(await firstResult(browser, `${shards.url}${link}`, profile));
    runs.pagefind.push(await firstResult(browser, `${pf.url}${link}`, profile));
  }
  const [t, s, p] = [runs.tifa, runs.shards, runs.pagefind].map((r) => ({
    ms: median(r.map((x) => x.ms)),
    kb: median(r.map((x) => x.bytes)) / 1024,
    corpus: median(r.map((x) => x.corpusBytes)) / 1024,
  }));
  const f = (x) => `${x.ms.toFixed(0).padStart(6)} ms ${x.kb.toFixed(0).padStart(6)} KB`;
  console.log(
    `  ${q.padEnd(18)} Tifa in the Wasm ${f(t)} | Tifa sharded ${f(s)} (corpus ${s.corpus.toFixed(0)} KB) | Pagefind ${f(p)} | sharded/Pagefind: time ${(s.ms / p.ms).toFixed(2)}x, bytes ${(s.kb / p.kb).toFixed(2)}x`,
  );
}
// The sharded site's reader, cold: a statement opened by its link, as a reader of a
// paper would open it (the library is the first paint's, drawn from the HTML).
const firstId = readFileSync(exportFile, 'utf8').split('\n', 1)[0];
const someId = JSON.parse(firstId).id;
console.log(`the sharded site's reader, cold (median of 3):`);
for (const [what, link, selector] of [['a statement by link', `?s=${encodeURIComponent(someId)}`, 'article.reader']]) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await firstResult(browser, `${shards.url}${link}`, profile, selector));
  const ms = median(runs.map((x) => x.ms));
  const kb = median(runs.map((x) => x.bytes)) / 1024;
  const corpus = median(runs.map((x) => x.corpusBytes)) / 1024;
  console.log(`  ${what.padEnd(22)} ${ms.toFixed(0).padStart(6)} ms ${kb.toFixed(0).padStart(6)} KB (corpus ${corpus.toFixed(0)} KB)`);
}
await browser.close();
await tifa.close();
await shards.close();
await pf.close();
