// End-to-end: the statistics views (issue 25) as a reader uses them — keywords of a
// speaker against the rest, each row opening its lines in the target and in the
// reference; collocates beside another part, a row opening the lines where the pair
// occurs; clusters and their lines; dispersion's strip and barcodes; a reference pasted
// as a link; the CSV of every row; hostile parts in the URL. The numbers behind each
// row are read from its data- attributes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browserAndSites, openPage } from './support.mjs';

let browser, site;
browserAndSites((b, s) => {
  [browser, site] = [b, s];
});

const params = (page) => Object.fromEntries(new URL(page.url()).searchParams);

/** The occurrences the concordance shown says it has. */
async function kwicTotal(page) {
  await page.locator('.kwic-view .result-count, .result-count').first().waitFor();
  const text = await page.locator('.result-count').first().textContent();
  const m = text.match(/^(\d+) occurrences?/);
  if (m) return Number(m[1]);
  assert.match(text, /^No occurrence/);
  return 0;
}

test('keywords: the header leads there with the filters; each row opens its lines in the target and in the reference', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${site.url}?q=rights&speaker=zhao-lijian`);
  await page.locator('.result').first().waitFor();
  await page.locator('.site-nav a', { hasText: 'Statistics' }).click();
  await page.locator('.stats-view h1').waitFor();
  assert.deepEqual(params(page), { view: 'keywords', q: 'rights', speaker: 'zhao-lijian' });
  // Every word, and at least once: rows to check.
  await page.locator('.stats-controls a', { hasText: 'every word' }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('sig') === 'all');
  await page.locator('.stats-controls a', { hasText: /^1×$/ }).click();
  await page.locator('tr[data-word]').first().waitFor();
  const rows = await page.locator('tr[data-word]').evaluateAll((trs) =>
    trs.slice(0, 3).map((tr) => ({
      word: tr.dataset.word,
      g2: Number(tr.dataset.g2),
      lr: Number(tr.dataset.logRatio),
      target: Number(tr.querySelector('td').textContent.replace(/\D/g, '')),
      reference: Number(tr.querySelectorAll('td')[2].textContent.replace(/\D/g, '')),
    })),
  );
  assert.ok(rows.length === 3 && rows.every((r) => r.g2 >= 0 && Number.isFinite(r.lr)), JSON.stringify(rows));
  assert.ok(rows[0].g2 >= rows[1].g2 && rows[1].g2 >= rows[2].g2, 'strongest first');
  const here = page.url();
  for (const r of rows) {
    await page.goto(here);
    await page.locator(`tr[data-word="${r.word}"] a`, { hasText: 'in the target' }).click();
    await page.locator('.kwic-table, .empty, .result-count').first().waitFor();
    assert.equal(params(page).view, 'kwic');
    assert.equal(await kwicTotal(page), r.target, `${r.word} in the target`);
    await page.goBack();
    await page.locator(`tr[data-word="${r.word}"] a`, { hasText: 'in the reference' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.has('without'));
    assert.equal(await kwicTotal(page), r.reference, `${r.word} in the reference`);
  }
  // The other direction, by Log Ratio.
  await page.goto(here);
  await page.locator('.stats-controls a', { hasText: 'used less' }).click();
  await page.locator('.stats-controls a', { hasText: 'Log Ratio' }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('by') === 'lr');
  await page.locator('tr[data-word]').first().waitFor();
  const lrs = await page.locator('tr[data-word]').evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.logRatio)));
  assert.ok(lrs.every((x) => x < 0), 'negative keywords');
  assert.ok(lrs.every((x, i) => i === 0 || Math.abs(lrs[i - 1]) >= Math.abs(x)), 'by Log Ratio');
  assert.deepEqual(problems, []);
  await context.close();
});

test('keywords against a pasted link; a link that is not one says so', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(`${site.url}?view=keywords&from=2021&sig=all&min=2`);
  await page.locator('tr[data-word]').first().waitFor();
  await page.locator('#reference-link').fill('nothing useful');
  await page.locator('.reference-form button').click();
  await page.locator('#reference-error', { hasText: 'Paste the link of a view' }).waitFor();
  await page.locator('#reference-link').fill(`${site.url}?to=2020-12&speaker=zhao-lijian&v=abc`);
  await page.locator('.reference-form button').click();
  await page.waitForFunction(() => new URL(location.href).searchParams.has('ref'));
  assert.equal(params(page).ref, 'speaker=zhao-lijian&to=2020-12');
  await page.locator('.result-count', { hasText: 'Reference: Speaker: Zhao Lijian; Dates: until' }).waitFor();
  // Swap them: the reference becomes the target.
  await page.locator('.stats-controls a', { hasText: 'swap target and reference' }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('speaker') === 'zhao-lijian');
  assert.equal(params(page).ref, 'from=2021');
  assert.deepEqual(problems, []);
  await context.close();
});

test('collocates beside the rest of the corpus; a row opens the lines where the pair occurs', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${site.url}?view=collocates&q=rights&speaker=zhao-lijian,li-xiaomei&min=2&fmin=2`);
  await page.locator('tr[data-word]').first().waitFor();
  await page.locator('.stats-controls a', { hasText: 'the rest of the corpus' }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('ref') === 'rest');
  await page.locator('.stats-tables.side-by-side .stats-table').nth(1).waitFor();
  assert.equal(await page.locator('.stats-table').count(), 2);
  const tops = await page.locator('.stats-table').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
  assert.ok(Math.abs(tops[0] - tops[1]) < 2, `side by side: ${tops}`);
  const first = page.locator('.stats-table').first().locator('tr[data-word]').first();
  const [word, freq, mi, logdice] = await first.evaluate((tr) => [tr.dataset.word, Number(tr.dataset.freq), Number(tr.dataset.mi), Number(tr.dataset.logdice)]);
  assert.ok(freq >= 2 && Number.isFinite(mi) && logdice <= 14.5, `${word} ${freq} ${mi} ${logdice}`);
  await first.locator('a').click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('view') === 'kwic');
  assert.equal(params(page).near, word);
  const lines = await kwicTotal(page);
  assert.ok(lines >= 1 && lines <= freq, `${lines} lines for ${freq} co-occurrences`);
  // The collocate is marked in each line.
  assert.equal(await page.locator('.kwic-table tbody tr').count(), lines);
  assert.equal(await page.locator('.kwic-table tbody tr .kwic-key1').count(), lines);
  assert.deepEqual(problems, []);
  await context.close();
});

test('clusters: n words, each opening its lines; the CSV holds every row with its source', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(`${site.url}?view=clusters&n=3`);
  await page.locator('tr[data-ngram]').first().waitFor();
  const [ngram, freq, dp] = await page.locator('tr[data-ngram]').first().evaluate((tr) => [tr.dataset.ngram, Number(tr.dataset.freq), tr.dataset.dp]);
  assert.equal(ngram.split(' ').length, 3);
  assert.ok(freq >= 2 && Number(dp) >= 0 && Number(dp) <= 1, `${ngram} ${freq} ${dp}`);
  const total = await page.locator('tr[data-ngram]').count();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /^Download all \d+ rows as CSV$/ }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'tifa-clusters.csv');
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(csv[0], 'cluster,words,frequency,statements,speakers,years,dp_over_years,lines_link,kinds_counted,corpus_version,view_link');
  assert.ok(csv.length - 1 >= total, `${csv.length - 1} rows in the file, ${total} on the page`);
  assert.ok(csv[1].startsWith(`${ngram},3,${freq},`), csv[1]);
  assert.ok(csv[1].endsWith(`${site.url}?view=clusters`), csv[1]);
  await page.locator(`tr[data-ngram="${ngram}"] a`).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('view') === 'kwic');
  assert.equal(params(page).q, `"${ngram}"`);
  assert.equal(await kwicTotal(page), freq);
  // Four words, by DP.
  await page.goto(`${site.url}?view=clusters&n=3`);
  await page.locator('.stats-controls a', { hasText: /^4$/ }).click();
  await page.locator('.stats-controls a', { hasText: 'DP, evenly spread first' }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('by') === 'dp');
  assert.equal(params(page).n, '4');
  const dps = await page.locator('tr[data-ngram]').evaluateAll((trs) => trs.map((tr) => tr.dataset.dp).filter((d) => d !== '').map(Number));
  assert.ok(dps.length > 0 && dps.every((d, i) => i === 0 || dps[i - 1] <= d), 'most evenly spread first');
  assert.deepEqual(problems, []);
  await context.close();
});

test('dispersion: a strip on the date axis and a barcode per statement, counting what the concordance counts', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(`${site.url}?view=dispersion&q=rights`);
  await page.locator('tr[data-hits]').first().waitFor();
  const hits = await page.locator('tr[data-hits]').evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.hits)));
  const ticks = await page.locator('tr[data-hits] .barcode .tick').count();
  const sum = hits.reduce((a, b) => a + b, 0);
  assert.equal(ticks, sum);
  assert.match(await page.locator('.date-strip figcaption').textContent(), new RegExp(`^${sum} dated occurrences between \\d{4} and \\d{4}`));
  assert.ok((await page.locator('.strip-mark').count()) >= 1);
  // The marks sit where the CSP allows styles to be set: through the CSSOM.
  const left = await page.locator('.strip-mark').first().evaluate((e) => e.style.left);
  assert.match(left, /%$/);
  await page.goto(`${site.url}?view=kwic&q=rights`);
  assert.equal(await kwicTotal(page), sum);
  assert.deepEqual(problems, []);
  await context.close();
});

test('hostile parts and settings in a statistics link: named, and the page still works', async () => {
  const { page, context, problems } = await openPage(browser);
  const hostile = encodeURIComponent('<img src=x onerror=alert(1)>&ref=x&from=nope');
  await page.goto(`${site.url}?view=keywords&speaker=zhao-lijian&ref=${hostile}&win=99&n=1`);
  await page.locator('.stats-view h1').waitFor();
  const notices = await page.locator('.url-notices, .notices').first().textContent();
  assert.match(notices, /in “ref”/);
  assert.match(notices, /“win”/);
  assert.equal(await page.locator('img').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
