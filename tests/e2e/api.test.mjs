// End-to-end: the JavaScript API (docs/api.md) on the built site — the example page
// that uses it, and its answers checked against what the app's views show for the same
// links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAndSites, openPage, CHEN, ZHAO_HRC } from './support.mjs';

let browser, site;
browserAndSites((b, s) => {
  [browser, site] = [b, s];
});


// Calls the API's `name(...args)` in the page, the API loaded from the site.
const ask = (page, name, ...args) =>
  page.evaluate(
    async ([name, args]) => {
      const { load } = await import('/api.js');
      const tifa = await load();
      if (name === 'formulations' || name === 'reuse') await tifa.discoveries;
      return tifa[name](...args);
    },
    [name, args],
  );

test('the example page uses the API: a search and the first formulations', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(`${site.url}api/`);
  await page.locator('#results li').first().waitFor();
  assert.match(await page.locator('#status').textContent(), /^\d+ statements match.* \(corpus version [0-9a-f]{12}\)$/);
  // The formulations come when the discoveries do, after the search.
  await page.locator('#formulations li').nth(2).waitFor();
  assert.equal(await page.locator('#formulations li').count(), 3);
  // The app is not mounted on a page that only uses the API.
  assert.equal(await page.locator('.site-header').count(), 0);
  const before = await page.locator('#status').textContent();
  await page.locator('#q').fill('"shared future"');
  await page.locator('#ask button').click();
  await page.waitForFunction((b) => document.getElementById('status').textContent !== b, before);
  assert.match(await page.locator('#status').textContent(), /^\d+ statements? match/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the API searches without waiting for the discoveries; without them, formulations say why, and a later await tries again', async () => {
  const { page, context } = await openPage(browser, { serviceWorkers: 'block' });
  // A page of the site that loads nothing of its own.
  await page.route(`${site.url}blank.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  await page.goto(`${site.url}blank.html`);
  let refuse = true;
  await page.route(/\/discoveries-[0-9a-f]+\.bin$/, (route) => (refuse ? route.fulfill({ status: 404, body: 'gone' }) : route.continue()));
  const said = await page.evaluate(async () => {
    const { load } = await import('/api.js');
    const tifa = await load();
    const out = { total: tifa.search('?q=cooperation').total };
    try {
      tifa.formulations('');
      out.formulations = 'answered';
    } catch (e) {
      out.formulations = e.message;
    }
    out.discoveries = await tifa.discoveries.then(() => 'loaded', (e) => e.message);
    return out;
  });
  assert.ok(said.total > 0, JSON.stringify(said));
  assert.match(said.formulations, /not loaded yet: await tifa\.discoveries first/);
  assert.match(said.discoveries, /^discoveries-[0-9a-f]{12}\.bin could not be fetched: the server answered 404/);
  refuse = false;
  const again = await page.evaluate(async () => {
    const { load } = await import('/api.js');
    const tifa = await load();
    await tifa.discoveries;
    return tifa.formulations('').total;
  });
  assert.ok(again > 0, `${again}`);
  await context.close();
});

test('the API answers what the app shows for the same links', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1100, height: 900 } });
  // Search: the count, the order of the results, the facets.
  await page.goto(`${site.url}?q=rights&sort=date`);
  await page.locator('.result').first().waitFor();
  const appIds = await page.locator('.result').evaluateAll((els) => els.map((e) => e.dataset.statementId));
  const appStatus = await page.locator('.result-count').textContent();
  const found = await ask(page, 'search', '?q=rights&sort=date');
  assert.equal(found.status, appStatus);
  assert.deepEqual(found.hits.map((h) => h.statement.id), appIds);
  const marked = found.hits.flatMap((h) => h.marks.map(([a, b]) => h.snippet.slice(a, b)));
  assert.ok(marked.length > 0 && marked.every((m) => /^rights?$/i.test(m)), marked.join('|'));
  assert.ok(found.speakers.length > 0 && found.years.length > 0);
  // A statement: its headline, passages and citation as the reader shows them.
  await page.goto(`${site.url}?s=${CHEN}`);
  await page.locator('.passage').first().waitFor();
  const s = await ask(page, 'statement', CHEN);
  assert.equal(s.id, CHEN);
  assert.equal(s.passages.length, await page.locator('.passage').count());
  assert.equal(s.passages[0].text, (await page.locator('.passage p').first().textContent()));
  assert.equal(s.document.id, '2021-03-24-xinhua-unhrc-adopts-cooperation-resolution');
  assert.match(s.citation, /^Chen Xu.*Tifa statement 2021-03-23-chen-xu-hrc-cooperation-resolution\.$/);
  assert.equal(await ask(page, 'statement', 'nobody'), null);
  // Reuse: the same other statements as the reader lists, with their shared words.
  const appOthers = await page.locator('.reuse-item').evaluateAll((els) => els.map((e) => e.dataset.reuseOf));
  const reused = await ask(page, 'reuse', CHEN);
  assert.deepEqual(reused.map((r) => r.other.id), appOthers);
  // The 2021 report repeats the 2020 wording in narration: shown when narration counts.
  assert.ok(!reused.some((r) => r.other.id === ZHAO_HRC));
  await page.goto(`${site.url}?s=${CHEN}&kind=all`);
  await page.locator('.reuse-item').first().waitFor();
  const allOthers = await page.locator('.reuse-item').evaluateAll((els) => els.map((e) => e.dataset.reuseOf));
  const all = await ask(page, 'reuse', CHEN, 'all');
  assert.deepEqual(all.map((r) => r.other.id), allOthers);
  const fromZhao = all.filter((r) => r.other.id === ZHAO_HRC);
  assert.ok(fromZhao.length >= 1 && fromZhao.every((r) => r.words >= 8 && r.here.length === r.there.length));
  assert.match(fromZhao.map((r) => r.compare).join(' '), /compare=.*mode=aligned/);
  // The tracker: each series' statements and first use, as the legend says.
  const link = `?f=${encodeURIComponent('"shared future"')}&f=cooperation`;
  await page.goto(`${site.url}${link}`);
  await page.locator('.legend-item').first().waitFor();
  const legend = await page.locator('.legend-item').evaluateAll((els) =>
    els.map((e) => [e.dataset.formulation, Number(e.dataset.statements), e.querySelector('[data-first-statement-id]')?.dataset.firstStatementId]),
  );
  const tracked = await ask(page, 'track', link);
  assert.deepEqual(tracked.series.map((x) => [x.formulation, x.statements, x.first?.id]), legend);
  assert.equal(tracked.periods.length, tracked.series[0].counts.length);
  // The formulations list, in the same order with the same counts.
  await page.goto(`${site.url}?view=formulations&sort=count`);
  await page.locator('.formulation').first().waitFor();
  const rows = await page.locator('.formulation').evaluateAll((els) => els.map((e) => [e.dataset.formulation, Number(e.dataset.statements)]));
  const list = await ask(page, 'formulations', '?sort=count');
  assert.equal(list.total, rows.length);
  assert.deepEqual(list.rows.map((r) => [r.formulation, r.statements]), rows);
  // Bad input never throws: an empty or hostile query is read as the app reads it.
  for (const q of ['?q=%E0%A4&page=-1&sort=<script>', '', '?f=', '&&&']) {
    assert.ok(Number.isInteger((await ask(page, 'search', q)).total), q);
    assert.ok(Array.isArray((await ask(page, 'track', q)).series), q);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the API checks its arguments and says what the app says of a link', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(site.url);
  const said = await page.evaluate(async () => {
    const { load } = await import('/api.js');
    const tifa = await load();
    const error = (f) => {
      try {
        f();
        return 'no error';
      } catch (e) {
        return `${e.name}: ${e.message}`;
      }
    };
    return {
      statement: error(() => tifa.statement(42)),
      searchObject: error(() => tifa.search({})),
      searchNull: error(() => tifa.search(null)),
      track: error(() => tifa.track()),
      reuse: error(() => tifa.reuse('x', 7)),
      long: tifa.search(`?q=${'a'.repeat(201)}`).notices,
      nobody: tifa.search('?q=rights&speaker=nobody').notices,
      date: tifa.search('?q=rights&from=2021-02-30').notices,
      bare: tifa.search('rights').notices,
      track_notices: tifa.track('?f=x&unit=week').notices,
    };
  });
  assert.equal(said.statement, "TypeError: statement(id): id must be a string such as '2020-06-24-zhao-lijian-hrc', not 42");
  assert.match(said.searchObject, /^TypeError: search\(query\): query must be a string .*, not an object$/);
  assert.match(said.searchNull, /^TypeError: search\(query\): query must be a string .*, not null$/);
  assert.match(said.track, /^TypeError: track\(query\): query must be a string/);
  assert.match(said.reuse, /^TypeError: reuse\(id, kind\): kind must be a string/);
  assert.deepEqual(said.long, ['ignored “q”: longer than 200 characters']);
  assert.deepEqual(said.nobody, ['no speaker has the id “nobody”; ignored it']);
  assert.equal(said.date.length, 1);
  assert.match(said.date[0], /^ignored “from”: day 30 does not exist in February 2021/);
  assert.deepEqual(said.bare, ['ignored unknown parameter “rights”']);
  assert.deepEqual(said.track_notices, ['ignored “unit”: use “year” or “month”']);
  // The app shows the same notices for the same link.
  await page.goto(`${site.url}?q=rights&speaker=nobody`);
  await page.locator('.notices li').first().waitFor();
  assert.deepEqual(await page.locator('.notices li').allTextContents(), said.nobody);
  assert.deepEqual(problems, []);
  await context.close();
});

test('keywords: a speaker against the rest and against another link, counted as search counts; bad options are named', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(site.url);
  const k = await ask(page, 'keywords', '?speaker=zhao-lijian');
  const searched = await ask(page, 'search', '?speaker=zhao-lijian');
  // The target is the statements the search view lists for the same link; the reference
  // every other statement.
  assert.equal(k.target.statements, searched.total);
  assert.equal(k.target.statements + k.reference.statements, 7);
  assert.equal(k.reference_query, null);
  assert.ok(k.rows.length > 0 && k.rows.every((r) => r.p < k.level && r.log_ratio > 0));
  assert.ok(k.rows.every((r, i) => i === 0 || k.rows[i - 1].g2 >= r.g2));
  // Per million words, from the counts.
  const top = k.rows[0];
  assert.ok(Math.abs(top.target_per_million - (top.target * 1e6) / k.target.words) < 1e-6);
  // Against another link; and the negative list, ordered by Log Ratio.
  const other = await ask(page, 'keywords', '?speaker=zhao-lijian', '?speaker=chen-xu', { negative: true, order: 'logratio', min: 1, bonferroni: false });
  assert.equal(other.reference_query, '?speaker=chen-xu');
  assert.ok(other.rows.every((r) => r.log_ratio < 0));
  // Nothing to compare: a note, no rows, no NaN.
  const none = await ask(page, 'keywords', '?q=zzqxv');
  assert.deepEqual([none.rows.length, none.target.words], [0, 0]);
  assert.match(none.notes[0], /^The target holds no words/);
  const bad = await page.evaluate(async () => {
    const { load } = await import('/api.js');
    const tifa = await load();
    const message = (f) => {
      try {
        f();
        return 'answered';
      } catch (e) {
        return `${e.name}: ${e.message}`;
      }
    };
    return [message(() => tifa.keywords(7)), message(() => tifa.keywords('?q=a', null, { min: -1 })), message(() => tifa.keywords('?q=a', null, { order: 'chi' }))];
  });
  assert.match(bad[0], /^TypeError: keywords\(target, reference, options\): target must be a string/);
  assert.match(bad[1], /options\.min must be a whole number/);
  assert.match(bad[2], /options\.order must be 'g2' or 'logratio'/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('collocates: a word in the statements a link filters, its occurrences those of the concordance; bad options are named', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(site.url);
  const c = await ask(page, 'collocates', '?q=%22rights%22&speaker=zhao-lijian', { min: 1 });
  assert.deepEqual(c.node, ['rights']);
  assert.equal(c.query, '?q=%22rights%22&speaker=zhao-lijian');
  assert.equal(c.statements, 3);
  assert.ok(c.rows.length > 0 && c.rows.every((r) => r.together === r.left + r.right && Number.isFinite(r.log_dice)));
  assert.ok(c.rows.every((r, i) => i === 0 || c.rows[i - 1].log_dice >= r.log_dice));
  const bad = await page.evaluate(async () => {
    const { load } = await import('/api.js');
    const tifa = await load();
    try {
      tifa.collocates('?q=a', { left: 11 });
      return 'answered';
    } catch (e) {
      return `${e.name}: ${e.message}`;
    }
  });
  assert.match(bad, /^TypeError: collocates\(query, options\): options\.left must be a whole number from 0 to 10/);
  // The node's occurrences are the concordance's lines for the same link.
  await page.goto(`${site.url}?view=kwic&q=%22rights%22&speaker=zhao-lijian`);
  await page.locator('.kwic-table tbody tr').first().waitFor();
  assert.equal(await page.locator('.kwic-table tbody tr').count(), c.node_frequency);
  assert.deepEqual(problems, []);
  await context.close();
});

test('clusters and dispersion: the rows the views show for the same links; bad options are named', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(`${site.url}?view=clusters&n=3`);
  await page.locator('tr[data-ngram]').first().waitFor();
  const shown = await page.locator('tr[data-ngram]').evaluateAll((trs) => trs.map((tr) => [tr.dataset.ngram, Number(tr.dataset.freq)]));
  const c = await ask(page, 'clusters', '', { n: 3 });
  assert.equal(c.query, '');
  const later = await ask(page, 'clusters', '?from=2021', { n: 3, min: 1 });
  assert.ok(later.statements < c.statements && later.rows.length > 0);
  assert.deepEqual(c.rows.slice(0, shown.length).map((r) => [r.ngram, r.frequency]), shown);
  assert.ok(c.rows.every((r) => r.dp === null || (r.dp >= 0 && r.dp <= 1)));
  const d = await ask(page, 'dispersion', '?q=rights');
  assert.equal(d.ids.length, d.statements.length);
  assert.equal(d.statements.reduce((a, s) => a + s.places.length, 0), d.total);
  await page.goto(`${site.url}?view=dispersion&q=rights`);
  await page.locator('tr[data-hits]').first().waitFor();
  assert.deepEqual(await page.locator('tr[data-statement]').evaluateAll((trs) => trs.map((tr) => tr.dataset.statement)), d.ids);
  const bad = await page.evaluate(async () => {
    const { load } = await import('/api.js');
    const tifa = await load();
    const said = [];
    for (const f of [() => tifa.clusters('', { n: 9 }), () => tifa.clusters('', { order: 'x' }), () => tifa.dispersion(3)]) {
      try {
        f();
        said.push('answered');
      } catch (e) {
        said.push(`${e.name}: ${e.message}`);
      }
    }
    return said;
  });
  assert.match(bad[0], /^TypeError: clusters\(query, options\): options\.n must be a whole number from 2 to 8, not 9/);
  assert.match(bad[1], /options\.order must be one of freq, range, dp, dp-desc/);
  assert.match(bad[2], /^TypeError: dispersion\(query\): query must be a string/);
  assert.deepEqual(problems, []);
  await context.close();
});
