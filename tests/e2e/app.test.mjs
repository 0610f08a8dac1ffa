// End-to-end: what a user does with the built site, in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserAndSites, openPage, axe, DIST, XINHUA, CHEN, ZHAO_HRC, ZHAO_COVID, ZHAO_BORDER, LI, MAO } from './support.mjs';

let browser, site, subpath;
browserAndSites((b, s, sub) => {
  [browser, site, subpath] = [b, s, sub];
}, '/', '/tifa/');

const items = (page) => page.locator('.doc-item');

test('the library lists the five documents with date and outlet', async () => {
  const { page, context, problems, requests } = await openPage(browser);
  await page.goto(site.url);
  await items(page).first().waitFor();
  assert.equal(await items(page).count(), 5);
  const rows = await items(page).evaluateAll((els) =>
    els.map((e) => [e.dataset.documentId, e.querySelector('.doc-meta').textContent]),
  );
  assert.deepEqual(rows, [
    ['2020-zhang-jun-third-committee-general-debate', '2020 (year inferred) · outlet unknown'],
    ['2020-06-24-zhao-lijian-human-rights-cooperation', '24 June 2020 (year inferred) · INP'],
    [XINHUA, '24 March 2021 · Xinhua'],
    ['2021-09-17-scio-human-rights-action-plan-briefing', '17 September 2021 · State Council Information Office (inferred)'],
    ['2024-12-10-mao-ning-human-rights-day', '10 December 2024 · outlet unknown'],
  ]);
  assert.equal(await page.locator('#boot').count(), 0, 'the loading message is gone');
  assert.deepEqual(problems, []);
  assert.ok(requests.every((r) => r.startsWith(site.url)), `requests: ${requests}`);
  await context.close();
});

test('opening a document shows its text and provenance; back returns to the list', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(site.url);
  await page.locator(`[data-document-id="${XINHUA}"] .doc-title a`).click();
  await page.locator('article.reader h1').waitFor();
  assert.equal(new URL(page.url()).search, `?doc=${XINHUA}`);
  assert.equal(
    await page.locator('article.reader h1').textContent(),
    'UN rights body adopts China-sponsored resolution on human rights cooperation',
  );
  assert.equal(await page.title(), 'UN rights body adopts China-sponsored resolution on human rights cooperation — Tifa');
  const text = await page.locator('.raw-text .text').textContent();
  assert.match(text, /Chen Xu, head of the Chinese Mission to the UN in Geneva/);
  assert.equal(
    await page.locator('.checksum').textContent(),
    'ae41624ac1fd9abdf1e1a73759a9d03830b7dd248a33227581f5163e71a20b68',
  );
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus moves to the title');
  await page.goBack();
  await items(page).first().waitFor();
  assert.equal(new URL(page.url()).search, '');
  await page.goForward();
  await page.locator('article.reader h1').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a pasted link opens the reader directly, in a fresh browser context', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(`${site.url}?doc=2020-zhang-jun-third-committee-general-debate`);
  await page.locator('article.reader h1').waitFor();
  assert.equal(
    await page.locator('article.reader h1').textContent(),
    'Nearly 70 countries voice support for China on human rights issues',
  );
  const provenance = await page.locator('.provenance').textContent();
  assert.match(provenance, /2020 \(year inferred\)/);
  assert.match(provenance, /71 years since the founding/);
  assert.match(provenance, /Not stated in the text/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the site works under a sub-path (/tifa/)', async () => {
  const { page, context, problems, requests } = await openPage(browser);
  await page.goto(subpath.url);
  await items(page).first().waitFor();
  assert.equal(await items(page).count(), 5);
  await page.locator(`[data-document-id="${XINHUA}"] .doc-title a`).click();
  await page.locator('article.reader h1').waitFor();
  assert.equal(new URL(page.url()).pathname, '/tifa/');
  await page.locator('.crumbs a').click();
  await items(page).first().waitFor();
  assert.equal(new URL(page.url()).pathname, '/tifa/');
  assert.ok(requests.every((r) => r.startsWith(subpath.url)), `requests: ${requests}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a hostile link is ignored with notices, renders no markup, and still works', async () => {
  const { page, context, problems } = await openPage(browser);
  const evil = encodeURIComponent('<img src=x onerror=window.__pwned=1>');
  await page.goto(`${site.url}?doc=${evil}&${evil}=1&doc=again&%E0%A4%A=zz`);
  await items(page).first().waitFor();
  const notices = await page.locator('.notices li').allTextContents();
  assert.ok(notices.some((n) => n.includes('no document has the id “<img src=x onerror=window.__pwned=1>”')), notices.join('\n'));
  assert.ok(notices.some((n) => n.includes('“doc” appears more than once')), notices.join('\n'));
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await items(page).count(), 5);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the debug panic trigger is compiled out of the release build', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(`${site.url}?debug-panic`);
  await items(page).first().waitFor();
  const notices = await page.locator('.notices li').allTextContents();
  assert.ok(notices.some((n) => n.includes('ignored unknown parameter “debug-panic”')), notices.join('\n'));
  await page.waitForTimeout(200);
  assert.equal(await page.locator('#tifa-panic').count(), 0);
  const wasm = readdirSync(DIST).find((f) => f.endsWith('.wasm'));
  assert.ok(!readFileSync(join(DIST, wasm)).includes('debug-panic: a deliberate panic'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard: Tab reaches the skip link, the search box and a document link; Enter opens it', async () => {
  const { page, context } = await openPage(browser);
  await page.goto(site.url);
  await items(page).first().waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Tab'); // the brand
  for (const view of ['Documents', 'Timeline', 'Search', 'Formulations', 'Track', 'Concordance', 'Statistics', 'Compare']) {
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), view);
  }
  await page.keyboard.press('Tab'); // the search box
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.press('Tab'); // copy link
  await page.keyboard.press('Tab'); // theme
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SELECT');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.closest('.doc-item')?.dataset.documentId);
  assert.equal(focused, '2020-zhang-jun-third-committee-general-debate');
  await page.keyboard.press('Enter');
  await page.locator('article.reader h1').waitFor();
  await context.close();
});


test('a statement opens from the list: passages by kind, provenance, greyed removals, crumbs', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(site.url);
  await page.locator(`[data-statement-id="${MAO}"] a`).click();
  await page.locator('article.statement h1').waitFor();
  assert.equal(new URL(page.url()).search, `?s=${MAO}`);
  assert.equal(
    await page.locator('article.statement h1').textContent(),
    'Mao Ning at the Foreign Ministry regular press conference',
  );
  assert.equal(await page.title(), "Mao Ning: China urges certain countries to stop using human rights to meddle in others' domestic affairs: spokeswoman — Tifa");
  const kinds = await page.locator('.passage').evaluateAll((els) => els.map((e) => e.dataset.kind));
  assert.deepEqual(kinds, ['reported', 'narration', 'reported', 'quote', 'reported', 'quote', 'reported', 'quote']);
  const facts = await page.locator('.facts').textContent();
  assert.match(facts, /10 December 2024 \(day inferred\)/);
  assert.match(facts, /Non-interference in internal affairs/);
  // The removed parts are visible, greyed and labelled, including the appended article.
  const labels = await page.locator('.removed-label').allTextContents();
  assert.ok(labels.includes('Removed: site navigation'), labels.join('\n'));
  assert.ok(labels.some((l) => l.startsWith('Removed: split off an unrelated appended article')));
  assert.equal(await page.locator('.text mark').count(), 8);
  const removedColor = await page.locator('.removed').first().evaluate((e) => getComputedStyle(e).textDecorationLine);
  assert.equal(removedColor, 'line-through');
  await page.locator('.crumbs a').nth(1).click();
  await page.locator(`article.reader[data-document-id="${MAO}"]`).waitFor();
  await page.goBack();
  await page.locator('article.statement h1').waitFor();
  await page.goBack();
  await items(page).first().waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the library lists every statement under its document', async () => {
  const { page, context } = await openPage(browser);
  await page.goto(site.url);
  await items(page).first().waitFor();
  const perDoc = await items(page).evaluateAll((els) =>
    els.map((e) => [e.dataset.documentId, e.querySelectorAll('[data-statement-id]').length]),
  );
  assert.deepEqual(perDoc, [
    ['2020-zhang-jun-third-committee-general-debate', 1],
    ['2020-06-24-zhao-lijian-human-rights-cooperation', 3],
    [XINHUA, 1],
    ['2021-09-17-scio-human-rights-action-plan-briefing', 1],
    [MAO, 1],
  ]);
  await context.close();
});

test('search: typing shows ranked results with marks, facets and a reading of the query; back returns', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(site.url);
  await items(page).first().waitFor();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'q', '/ focuses the search box');
  await page.keyboard.type('"shared future"');
  await page.locator('.result').first().waitFor();
  // The URL is written once typing pauses.
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === '"shared future"');
  assert.equal(await page.locator('.result-count').textContent(), '3 statements match.');
  const ids = await page.locator('.result').evaluateAll((els) => els.map((e) => e.dataset.statementId).sort());
  assert.deepEqual(ids, [
    '2020-06-zhao-lijian-hrc-cooperation-resolution',
    '2021-03-23-chen-xu-hrc-cooperation-resolution',
    '2021-09-14-li-xiaomei-global-human-rights-governance',
  ]);
  const marks = await page.locator('.kwic mark').allTextContents();
  assert.ok(marks.includes('shared') && marks.includes('future'), marks.join(','));
  assert.match(await page.locator('.facets').textContent(), /Zhao Lijian\s*1/);
  // Typing replaced one history entry: back leaves the search, not one letter.
  await page.goBack();
  await items(page).first().waitFor();
  assert.equal(new URL(page.url()).search, '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('search: a malformed query is read sensibly and says how; no result has a helpful state', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(`${site.url}?q=${encodeURIComponent('"megaphone diplomacy foo:bar -')}`);
  await page.locator('.result-count').waitFor();
  const notes = await page.locator('.query-notes li').allTextContents();
  assert.ok(notes.some((n) => n.includes('not closed')), notes.join('\n'));
  await page.goto(`${site.url}?q=zzqx`);
  assert.equal(await page.locator('.result-count').textContent(), 'No statement matches “zzqx”.');
  assert.equal(await page.locator('.empty').count(), 1);
  await page.locator('.search-help summary').click();
  assert.match(await page.locator('.search-help').textContent(), /the exact phrase/);
  // Opening a result keeps the query in the URL, and back returns to the results.
  await page.goto(`${site.url}?q=Galwan`);
  await page.locator('.result a').first().click();
  await page.locator('article.statement h1').waitFor();
  assert.equal(new URL(page.url()).searchParams.get('q'), 'Galwan');
  await page.goBack();
  await page.locator('.result').first().waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no violations on the list, the readers and a notice (${scheme})`, async () => {
    const { page, context } = await openPage(browser, { colorScheme: scheme });
    await page.goto(site.url);
    await items(page).first().waitFor();
    assert.deepEqual(await axe(page), []);
    await page.goto(`${site.url}?doc=${XINHUA}`);
    await page.locator('article.reader h1').waitFor();
    assert.deepEqual(await axe(page), []);
    await page.goto(`${site.url}?s=${MAO}`);
    await page.locator('article.statement h1').waitFor();
    assert.deepEqual(await axe(page), []);
    await page.goto(`${site.url}?q=${encodeURIComponent('human rights -covid')}`);
    await page.locator('.result').first().waitFor();
    await page.locator('.search-help summary').click();
    assert.deepEqual(await axe(page), []);
    await page.goto(`${site.url}?doc=nope&junk=1`);
    await page.locator('.notices').waitFor();
    assert.deepEqual(await axe(page), []);
    await page.goto(`${site.url}?compare=${ZHAO_HRC},${CHEN},${LI}`);
    await page.locator('.compare-col').first().waitFor();
    assert.deepEqual(await axe(page), []);
    await page.goto(`${site.url}?compare=${ZHAO_HRC},${CHEN}&mode=aligned`);
    await page.locator('.aligned-table').first().waitFor();
    assert.deepEqual(await axe(page), []);
    await context.close();
  });
}


test('compare: from a statement to the other statements of its source; phrases, then aligned; back; a pasted link', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(`${site.url}?s=${ZHAO_HRC}`);
  await page.getByRole('link', { name: /other statements of this source/ }).click();
  await page.locator('.compare-col').first().waitFor();
  const ids = await page.locator('.compare-col').evaluateAll((cols) => cols.map((c) => c.dataset.statementId));
  assert.equal(ids[0], ZHAO_HRC);
  assert.deepEqual([...ids].sort(), [ZHAO_HRC, ZHAO_COVID, ZHAO_BORDER].sort());
  assert.equal(await page.locator('.compare-col').count(), 3);
  assert.match(await page.title(), /^Comparing 3 statements/);
  assert.equal(await page.locator('.similarity li').count(), 3);
  assert.match(await page.locator('.similarity .explain').innerText(), /three-word sequences/);

  // Two statements on the HRC resolution, a year apart: shared formulations are marked
  // in both columns with one colour per phrase, and listed in the legend.
  await page.goto(`${site.url}?compare=${ZHAO_HRC},${CHEN}`);
  await page.locator('.compare-col').first().waitFor();
  const legend = await page.locator('.legend li .phrase-text').allInnerTexts();
  assert.ok(legend.length >= 1, 'a shared phrase is listed');
  for (const col of [0, 1]) {
    assert.ok((await page.locator('.compare-col').nth(col).locator('mark.phrase').count()) >= 1, `marks in column ${col + 1}`);
  }
  // The first legend entry's colour marks, in each column, exactly its words.
  const norm = (t) => t.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  for (const col of [0, 1]) {
    const marks = await page.locator('.compare-col').nth(col).locator('mark.phrase-0').allInnerTexts();
    for (const m of marks) assert.equal(norm(m), norm(legend[0]), `column ${col + 1}`);
  }


  // Aligned mode: a table of paired passages with word-level changes.
  await page.getByRole('link', { name: 'Aligned passages, word by word' }).click();
  await page.locator('.aligned-table').waitFor();
  assert.match(page.url(), /mode=aligned/);
  assert.ok((await page.locator('.aligned-table tbody tr').count()) >= 2);
  assert.ok((await page.locator('.aligned-table ins').count()) + (await page.locator('.aligned-table del').count()) >= 1);
  // Back returns to the phrases.
  await page.goBack();
  await page.locator('.legend').waitFor();
  assert.doesNotMatch(page.url(), /mode=aligned/);

  // The link, pasted into a fresh browser context, gives the same view.
  // A long pair's rows come a part a frame: the table is aria-busy until all are drawn.
  const allRows = async (p) => {
    await p.locator('.aligned-table').first().waitFor();
    await p.waitForFunction(() => !document.querySelector('.aligned-table[aria-busy]'));
    return p.locator('.aligned-table tbody tr').allInnerTexts();
  };
  await page.goForward();
  const link = page.url();
  const rows = await allRows(page);
  const other = await openPage(browser);
  await other.page.goto(link);
  assert.deepEqual(await allRows(other.page), rows);
  await other.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('compare: unknown ids are left out with a notice; one left is kept for adding more', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(`${site.url}?compare=${ZHAO_HRC},nope,${CHEN}`);
  await page.locator('.compare-col').first().waitFor();
  assert.equal(await page.locator('.compare-col').count(), 2);
  const notices = await page.locator('.notices li').allTextContents();
  assert.ok(notices.some((n) => n.includes('no statement has the id “nope”; left out of the comparison')), notices.join('\n'));
  await page.goto(`${site.url}?compare=${ZHAO_HRC},nope`);
  await page.locator('.chosen').waitFor();
  assert.equal(await page.locator('.chosen').getAttribute('data-statement-id'), ZHAO_HRC);
  assert.ok((await page.locator('.notices li').allTextContents()).some((n) => n.includes('“nope”')));
  assert.equal(await page.locator('#add-q').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});
