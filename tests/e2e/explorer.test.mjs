// End-to-end: the explorer's flows (issue 5) — search → filter → open → step through
// results → compare → copy link → the same view in a fresh browser; the timeline (marks,
// lanes, zoom, brush by mouse and by keyboard, the table); paragraph anchors; themes;
// narrow screens; axe-core on every view in both themes; print. (Screenshots for the
// README are made by tests/screenshots.mjs, not here.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browserAndSites, openPage, axe, CHEN, ZHAO_HRC, LI, MAO } from './support.mjs';

let browser, site;
browserAndSites((b, s) => {
  [browser, site] = [b, s];
});

const params = (page) => Object.fromEntries(new URL(page.url()).searchParams);
const SHARED = '"shared future"';

test('search → filter → open → next → compare → copy link → the same view in a new browser', async () => {
  const { page, context, problems } = await openPage(browser, {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await page.goto(site.url);
  await page.locator('.doc-item').first().waitFor();
  // Search from the header.
  await page.locator('#q').fill('cooperation');
  await page.locator('.result').first().waitFor();
  const all = await page.locator('.result').count();
  assert.ok(all >= 3, `${all} results`);
  // Filter by a facet: a chip appears, results narrow, the facet keeps its other names.
  await page.locator('.facets a', { hasText: 'Foreign Ministry regular press conference' }).click();
  await page.locator('.chip').waitFor();
  assert.match(await page.locator('.chip').textContent(), /Occasion: Foreign Ministry regular press conference/);
  assert.equal(params(page).venue, 'mfa-press-conference');
  const filtered = await page.locator('.result').count();
  assert.ok(filtered < all && filtered >= 2, `${filtered} of ${all}`);
  // Sort by date.
  await page.locator('.sort a', { hasText: 'newest first' }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'date');
  // Open the first result: the reader says where it is in the results.
  const first = await page.locator('.result').first().getAttribute('data-statement-id');
  await page.locator('.result .statement-link').first().click();
  await page.locator('article.statement h1').waitFor();
  assert.equal(params(page).s, first);
  assert.match(await page.locator('.result-steps').textContent(), new RegExp(`Result 1 of ${filtered} for “cooperation”`));
  // Next, then back to the results by history.
  await page.locator('.result-steps a', { hasText: 'Next →' }).click();
  await page.waitForFunction((id) => new URL(location.href).searchParams.get('s') !== id, first);
  assert.match(await page.locator('.result-steps').textContent(), /Result 2 of/);
  const second = params(page).s;
  await page.goBack();
  await page.waitForFunction((id) => new URL(location.href).searchParams.get('s') === id, first);
  await page.goForward();
  await page.waitForFunction((id) => new URL(location.href).searchParams.get('s') === id, second);
  // Start a comparison with it, and add a statement from a search inside the view.
  await page.locator('a.start-compare').click();
  await page.locator('.chosen').waitFor();
  await page.locator('#add-q').fill('“shared future”');
  await page.locator('.pick-list li').first().waitFor();
  const added = await page.locator('.pick-list li').first().getAttribute('data-statement-id');
  await page.locator('.pick-list .add-link').first().click();
  await page.locator('.compare-col').nth(1).waitFor();
  const cols = await page.locator('.compare-col').evaluateAll((els) => els.map((e) => e.dataset.statementId));
  assert.deepEqual(cols, [second, added]);
  await page.locator('.compare-modes a', { hasText: 'Aligned' }).click();
  await page.locator('.aligned-table').first().waitFor();
  // Copy the link and open it in a fresh context: the same view.
  await page.locator('.header-tools button', { hasText: 'Copy link' }).click();
  await page.locator('.header-tools .copy-status', { hasText: 'Copied.' }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  // The link names the corpus version the page shows (in its footer).
  const version = await page.locator('.corpus-version').textContent();
  assert.match(version, /^[0-9a-f]{12}$/);
  assert.equal(link, `${page.url()}&v=${version}`);
  const fresh = await openPage(browser);
  await fresh.page.goto(link);
  await fresh.page.locator('.aligned-table').first().waitFor();
  // Same version: no notice.
  assert.equal(await fresh.page.locator('.notices').count(), 0);
  assert.equal(await fresh.page.locator('h1').textContent(), 'Comparing 2 statements');
  assert.equal(await fresh.page.locator('.aligned').getAttribute('data-statement-id'), added);
  assert.deepEqual(fresh.problems, []);
  // A link made on another version of the corpus opens with a notice saying so.
  await fresh.page.goto(link.replace(`v=${version}`, 'v=000000000000'));
  await fresh.page.locator('.aligned-table').first().waitFor();
  assert.match(await fresh.page.locator('.notices').textContent(), new RegExp(`made on corpus version 000000000000; this page holds version ${version}`));
  await fresh.context.close();
  // Remove a chip: the filter goes, the search stays.
  await page.goto(`${site.url}?q=cooperation&venue=mfa-press-conference&from=2020&to=2021`);
  await page.locator('.chip').nth(1).waitFor();
  await page.locator('.chip-remove').first().click();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('venue'));
  assert.deepEqual(params(page), { q: 'cooperation', from: '2020', to: '2021' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('timeline: marks on a time axis, headline on hover, lanes, zoom, the table; a mark opens its statement', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1000, height: 900 } });
  await page.goto(site.url);
  await page.locator('.site-nav a', { hasText: 'Timeline' }).click();
  await page.locator('.timeline-svg .mark').first().waitFor();
  assert.equal(params(page).view, 'timeline');
  // Every statement is on the axis: single marks carry their id; clusters their count.
  const counts = await page.locator('.timeline-svg .mark').evaluateAll((els) =>
    els.map((e) => Number(e.dataset.count)),
  );
  assert.equal(counts.reduce((a, b) => a + b, 0), 7);
  const ids = await page.locator('.timeline-svg .mark[data-statement-id]').evaluateAll((els) =>
    els.map((e) => e.dataset.statementId),
  );
  assert.ok(ids.includes(MAO), ids.join(','));
  // A year-only date is drawn as a dashed span over its year, never as a point.
  assert.equal(await page.locator('.timeline-svg .mark.imprecise').count() >= 1, true);
  // Hover shows the headline.
  const mao = page.locator(`.timeline-svg .mark[data-statement-id="${MAO}"]`);
  await mao.hover();
  await page.locator('.timeline-tip').waitFor();
  assert.match(await page.locator('.timeline-tip').textContent(), /^Mao Ning, 10 December 2024/);
  // Lanes by occasion.
  await page.locator('.lanes-nav a', { hasText: 'occasions' }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('lanes') === 'venue');
  assert.match(await page.locator('.lane-label').first().textContent(), /Foreign Ministry regular press conference \(\d\)/);
  // Zoom into 2020 by days, then out.
  await page.locator('.tick-link', { hasText: '2020' }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('zoom') === '2020');
  assert.match(await page.locator('#timeline-title').textContent(), /Statements in 2020/);
  assert.match(await page.locator('.result-count').textContent(), /in other years/);
  await page.locator('.zoom-nav a', { hasText: 'All years' }).click();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('zoom'));
  // The table holds the same counts, each a link to those statements.
  await page.locator('.timeline-table summary').click();
  const cells = await page.locator('.timeline-table td a').allTextContents();
  assert.equal(cells.reduce((a, b) => a + Number(b), 0), 7);
  // Clicking a single mark opens the reader; back returns to the timeline.
  await page.locator('.timeline-table summary').click(); // closed again
  await page.locator(`.timeline-svg .mark[data-statement-id="${MAO}"]`).click();
  await page.locator('article.statement h1').waitFor();
  assert.equal(params(page).s, MAO);
  await page.goBack();
  await page.locator('.timeline-svg').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('timeline: a brush by mouse and by keyboard sets the dates every view then uses', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1000, height: 900 } });
  await page.goto(`${site.url}?view=timeline`);
  await page.locator('.timeline-svg .mark').first().waitFor();
  // Drag across 2021 on an empty part of the plot.
  const box = await page.locator('.timeline-svg').boundingBox();
  const x2021 = await page.locator('.tick-link', { hasText: '2021' }).boundingBox();
  const x2022 = await page.locator('.tick-link', { hasText: '2022' }).boundingBox();
  const y = box.y + box.height - 12;
  await page.mouse.move(x2021.x - 2, y);
  await page.mouse.down();
  await page.mouse.move(x2022.x - 4, y, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => new URL(location.href).searchParams.has('from'));
  assert.deepEqual([params(page).from, params(page).to], ['2021', '2021']);
  // Marks outside are dimmed, not removed.
  assert.equal(await page.locator(`.timeline-svg .mark.out[data-statement-id="${MAO}"]`).count(), 1);
  // Every other view uses the dates.
  await page.locator('.site-nav a', { hasText: 'Search' }).click();
  await page.locator('.chip').waitFor();
  assert.match(await page.locator('.chip').textContent(), /Dates: 2021/);
  const years = await page.locator('.result .statement-meta').allTextContents();
  assert.ok(years.length >= 1 && years.every((t) => t.includes('2021')), years.join('|'));
  await page.goBack();
  await page.locator('#brush-start').waitFor();
  // Keyboard: the start handle moves by steps; a pause (or Enter) applies; focus stays.
  await page.locator('#brush-start').focus();
  const before = params(page).from;
  await page.keyboard.press('PageDown'); // a year back: January 2020
  await page.keyboard.press('ArrowRight'); // a month on
  // One bin on: a month or more, by the width the plot has.
  const moved = await page.locator('#brush-start').getAttribute('aria-valuetext');
  assert.match(moved, /^from (February|March) 2020$/);
  await page.keyboard.press('Enter');
  await page.waitForFunction((f) => new URL(location.href).searchParams.get('from') !== f, before);
  assert.deepEqual([params(page).from, params(page).to], [moved.includes('March') ? '2020-03' : '2020-02', '2021-12']);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'brush-start');
  // Without Enter, a pause applies it; whole years read as years.
  await page.keyboard.press('Home');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('from') === '2020');
  assert.equal(params(page).to, '2021');
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard only: Tab to the timeline link, open it, reach a mark, open it with Enter', async () => {
  const { page, context } = await openPage(browser);
  await page.goto(site.url);
  await page.locator('.doc-item').first().waitFor();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab'); // skip link, brand, Documents, Timeline
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Timeline');
  await page.keyboard.press('Enter');
  await page.locator('.timeline-svg .mark').first().waitFor();
  let guard = 0;
  while (!(await page.evaluate(() => document.activeElement?.matches?.('.timeline-svg .mark')))) {
    await page.keyboard.press('Tab');
    assert.ok(++guard < 60, 'a mark is reachable by Tab');
  }
  await page.locator('.timeline-tip').waitFor(); // focus shows the headline too
  await page.keyboard.press('Enter');
  await page.locator('article.statement h1, .search .result').first().waitFor();
  await context.close();
});

test('reader: a paragraph link scrolls to the passage and marks it; copy citation', async () => {
  const { page, context, problems } = await openPage(browser, {
    permissions: ['clipboard-read', 'clipboard-write'],
    viewport: { width: 1000, height: 500 },
  });
  await page.goto(`${site.url}?s=${LI}#p3`);
  await page.locator('#p3.is-target').waitFor();
  assert.ok(await page.locator('#p3').isVisible());
  const inView = await page.evaluate(() => {
    const r = document.getElementById('p3').getBoundingClientRect();
    return r.top >= 0 && r.top < innerHeight;
  });
  assert.ok(inView, 'passage 3 is scrolled into view');
  // Its anchor is a link to it.
  assert.equal(await page.locator('#p2 a.anchor').getAttribute('href'), '#p2');
  await page.locator('#p2 a.anchor').click();
  await page.locator('#p2.is-target').waitFor();
  assert.equal(await page.locator('#p3.is-target').count(), 0);
  // Cite as text, then as BibTeX: the stable link (?s=&v=), never the address shown.
  const cite = page.getByRole('group', { name: 'Cite this statement as:' });
  await cite.getByRole('button', { name: 'text' }).click();
  await cite.locator('.copy-status', { hasText: 'Copied.' }).waitFor();
  const citation = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(citation, /^Li Xiaomei.*, statement of .*Tifa statement 2021-09-14-li-xiaomei-global-human-rights-governance, corpus version [0-9a-f]{12}: http:\/\/127\.0\.0\.1:\d+\/\?s=2021-09-14-li-xiaomei-global-human-rights-governance&v=[0-9a-f]{12} \(accessed \d{4}-\d{2}-\d{2}\)\.$/);
  await cite.getByRole('button', { name: 'BibTeX' }).click();
  await page.waitForFunction(async () => (await navigator.clipboard.readText()).startsWith('@'));
  const bibtex = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(bibtex, /^@misc\{tifa_2021_09_14_li_xiaomei_global_human_rights_governance,\n  author = \{\{Li Xiaomei\}\},/);
  assert.match(bibtex, /\\url\{http:\/\/127\.0\.0\.1:\d+\/\?s=2021-09-14-li-xiaomei-global-human-rights-governance&v=[0-9a-f]{12}\}/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('reader: the searched words are marked; its speaker, occasion and topics open their statements; results ticked are cited together', async () => {
  const { page, context, problems } = await openPage(browser, {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await page.goto(`${site.url}?q=cooperation`);
  await page.locator('.result').first().waitFor();
  // Tick two results: the citations are theirs, one a line.
  const ids = [];
  for (const n of [0, 1]) {
    const result = page.locator('.result').nth(n);
    ids.push(await result.getAttribute('data-statement-id'));
    await result.locator('input.select-result').check();
  }
  const cite = page.getByRole('group', { name: 'Cite the 2 results ticked as:' });
  await cite.getByRole('button', { name: 'text' }).click();
  await cite.locator('.copy-status', { hasText: 'Copied.' }).waitFor();
  const lines = (await page.evaluate(() => navigator.clipboard.readText())).split('\n');
  assert.equal(lines.length, 2);
  ids.forEach((id, n) => assert.ok(lines[n].includes(`?s=${id}&v=`), lines[n]));
  // Open the first: the word searched is marked in the passages, and only it.
  await page.locator('.result .statement-link').first().click();
  await page.locator('article.statement h1').waitFor();
  // The heading the view focuses draws no focus box (regression: a red box round it).
  const heading = await page.evaluate(() => {
    const h = document.activeElement;
    return { tag: h.tagName, outline: getComputedStyle(h).outlineStyle };
  });
  assert.deepEqual(heading, { tag: 'H1', outline: 'none' });
  const marked = await page.locator('article.statement mark.searched').allTextContents();
  assert.ok(marked.length >= 1, 'the searched word is marked');
  for (const m of marked) assert.match(m, /^cooperation$/i);
  // The speaker is a link to every statement of theirs.
  const speaker = page.locator('.facts dd').first().locator('a').first();
  const name = (await speaker.textContent()).trim();
  await speaker.click();
  await page.locator('.result').first().waitFor();
  assert.ok(params(page).speaker, 'the search is by speaker');
  const speakers = await page.locator('.result .statement-link').allTextContents();
  assert.ok(speakers.length >= 1);
  for (const s of speakers) assert.equal(s.trim(), name);
  assert.deepEqual(problems, []);
  await context.close();
});

test('themes: the toggle overrides the system and is remembered', async () => {
  const { page, context } = await openPage(browser, { colorScheme: 'light' });
  await page.goto(site.url);
  await page.locator('.doc-item').first().waitFor();
  const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  assert.equal(await bg(), 'rgb(253, 252, 249)');
  await page.locator('.theme select').selectOption('dark');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await bg(), 'rgb(22, 21, 20)');
  await page.reload();
  await page.locator('.doc-item').first().waitFor();
  assert.equal(await bg(), 'rgb(22, 21, 20)');
  assert.equal(await page.locator('.theme select').inputValue(), 'dark');
  await page.goto(`${site.url}?compare=${ZHAO_HRC},${CHEN}`);
  await page.locator('.compare-col').first().waitFor();
  await page.locator('.theme select').selectOption('system');
  assert.equal(await bg(), 'rgb(253, 252, 249)');
  await context.close();
});

const VIEWS = [
  ['library', '', '.doc-item'],
  ['timeline', '?view=timeline', '.timeline-svg .mark'],
  ['timeline by days, venues, dates', '?view=timeline&lanes=venue&zoom=2021&from=2021-03', '.timeline-svg .mark'],
  ['search with filters', `?q=${encodeURIComponent('human rights')}&speaker=zhao-lijian,chen-xu&from=2020`, '.chip'],
  ['all statements', '?view=search', '.result'],
  ['no results', '?q=zzzz&topic=covid-19', '.empty'],
  ['reader from a search', `?q=rights&s=${CHEN}#p2`, '.result-steps'],
  ['document', '?doc=2021-03-24-xinhua-unhrc-adopts-cooperation-resolution', 'article.reader h1'],
  ['compare', `?compare=${ZHAO_HRC},${CHEN},${LI}`, '.compare-col'],
  ['compare aligned', `?compare=${ZHAO_HRC},${CHEN}&mode=aligned`, '.aligned-table'],
  ['compare being built', `?view=compare&compare=${MAO}`, '.chosen'],
  ['tracker', `?f=${encodeURIComponent('"shared future"')}&f=cooperation&f=${encodeURIComponent('"human rights *"')}`, '.legend-item'],
  ['tracker by month, counts, quotes', `?f=cooperation&unit=month&measure=count&kind=quote`, '.legend-item'],
  ['tracker, nothing yet', '?view=track', '#track-f'],
  ['concordance', '?view=kwic&q=cooperation&sort=1R', '.kwic-table tbody tr'],
  ['formulations', '?view=formulations', '.formulation'],
  ['formulations by first use, filtered', '?view=formulations&sort=first&q=rights&from=2020', '.formulation'],
  ['reader with reused passages', `?s=${ZHAO_HRC}`, '.reuse-item'],
  ['reader with narration counted', `?s=${CHEN}&kind=all`, '.reuse-item'],
  ['keywords', '?view=keywords&speaker=zhao-lijian&sig=all&min=2', 'tr[data-word]'],
  ['collocates beside another part', '?view=collocates&q=rights&ref=from%3D2021&min=2&fmin=2', 'tr[data-word]'],
  ['clusters', '?view=clusters&n=3', 'tr[data-ngram]'],
  ['dispersion', '?view=dispersion&q=rights', '.strip-mark'],
];

test('tracker: search → track → a point → its statements → read → back', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1100, height: 900 } });
  await page.goto(`${site.url}?q=${encodeURIComponent(SHARED)}`);
  await page.locator('.result').first().waitFor();
  const found = await page.locator('.result').count();
  await page.getByRole('link', { name: 'Track this over time' }).click();
  const entry = page.locator(`.legend-item[data-formulation='${SHARED}']`);
  await entry.waitFor();
  assert.deepEqual(params(page), { f: SHARED });
  assert.equal(await page.title(), `Tracking ${SHARED} — Tifa`);
  // Exact words here: the three statements that say "shared future", as the search found.
  assert.equal(Number(await entry.getAttribute('data-statements')), found);
  assert.equal(await entry.locator('[data-first-statement-id]').getAttribute('data-first-statement-id'), ZHAO_HRC);
  // Hover shows what a point stands for; a click opens its statements as a search.
  const point = page.locator('a.point').first();
  await point.hover();
  await page.locator('.timeline-tip').waitFor();
  assert.match(await page.locator('.timeline-tip').textContent(), /^"shared future", 2020: 1 of \d+ statements/);
  await point.click();
  await page.locator('.result').first().waitFor();
  assert.deepEqual(params(page), { q: SHARED, from: '2020', to: '2020' });
  await page.locator('.result .statement-link').first().click();
  await page.locator('article.statement h1').waitFor();
  assert.equal(params(page).s, ZHAO_HRC);
  await page.goBack();
  await page.locator('.result').first().waitFor();
  await page.goBack();
  await entry.waitFor();
  // A second formulation from the form; removing the first keeps the second.
  await page.locator('#track-f').fill('cooperation');
  await page.locator('.track-form button').click();
  await page.locator(".legend-item[data-formulation='cooperation']").waitFor();
  assert.equal(await page.locator('.legend-item').count(), 2);
  await page.getByRole('link', { name: `Stop tracking ${SHARED}` }).click();
  await page.waitForFunction(() => document.querySelectorAll('.legend-item').length === 1);
  assert.deepEqual(params(page), { f: 'cooperation' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('concordance: every occurrence in context, sorted by a neighbouring word, paged; a line opens its passage', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1100, height: 900 } });
  await page.goto(`${site.url}?q=cooperation`);
  await page.locator('.result').first().waitFor();
  await page.getByRole('link', { name: 'All occurrences in context' }).click();
  await page.locator('.kwic-table tbody tr').first().waitFor();
  assert.deepEqual(params(page), { view: 'kwic', q: 'cooperation' });
  const status = await page.locator('.result-count').textContent();
  const [, total, statements] = status.match(/^(\d+) occurrences of “cooperation” in (\d+) statements/);
  assert.equal(await page.locator('.kwic-table tbody tr').count(), Math.min(Number(total), 50));
  assert.ok(Number(total) > Number(statements), status);
  // Every match is the word, whatever its case; lines carry their statement.
  const hits = await page.locator('.kwic-hit').allTextContents();
  assert.ok(hits.every((h) => h.toLowerCase() === 'cooperation'), hits.join(','));
  assert.ok(await page.locator('.kwic-table tbody tr[data-statement-id]').count() > 0);
  // Sorted by the first word to the right.
  await page.getByRole('link', { name: '1st word right' }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === '1R');
  const right = await page.locator('.kwic-right').allTextContents();
  const first = right.map((t) => (t.trim().toLowerCase().match(/[a-z]+/) ?? [''])[0]);
  assert.deepEqual(first, [...first].sort(), first.join(','));
  // Fewer words of context.
  await page.getByRole('link', { name: '4 words' }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('ctx') === '4');
  const left = await page.locator('.kwic-left').allTextContents();
  assert.ok(left.every((t) => t.trim().split(/\s+/).filter((w) => /[a-z0-9]/i.test(w)).length <= 4), left.join('|'));
  // A line opens its passage in the reader, marked.
  const id = await page.locator('.kwic-table tbody tr').first().getAttribute('data-statement-id');
  await page.locator('.kwic-source a').first().click();
  await page.locator('article.statement h1').waitFor();
  assert.equal(params(page).s, id);
  assert.match(page.url(), /#p\d+$/);
  await page.locator('.passage.is-target').waitFor();
  // Every line downloads, not one page: a CSV with where it came from.
  await page.goto(`${site.url}?view=kwic&q=cooperation`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /^Download all \d+ lines as CSV$/ }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'tifa-concordance-cooperation.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\ufeffstatement_id,speaker,occasion,date,date_as_known,statement_link,passage,kind,said_by,left,match,right,corpus_version,view_link\r\n'), csv.slice(0, 200));
  const rows = csv.trim().split('\r\n').length - 1;
  assert.ok(rows >= Number(total), `${rows} rows for ${total} lines`);
  assert.match(csv, new RegExp(`,[0-9a-f]{12},${site.url.replace(/[.?]/g, '\\$&')}\\?view=kwic&q=cooperation\r\n`));
  // A page past the end shows the last, with a notice.
  await page.goto(`${site.url}?view=kwic&q=cooperation&page=9`);
  await page.locator('.kwic-table tbody tr').first().waitFor();
  assert.match(await page.locator('.notice').textContent(), /^There is no page 9; showing the last page, 1\.$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the discoveries come after the first result; when they cannot come, the views say why and search works', async () => {
  // Asked for once the app is drawn: a search link's results are on screen by then.
  const { page, context, problems } = await openPage(browser);
  let resultsWhenAsked = -1;
  await page.route(/\/discoveries-[0-9a-f]+\.bin$/, async (route) => {
    resultsWhenAsked = await page.evaluate(() => document.querySelectorAll('.result').length);
    await route.continue();
  });
  await page.goto(`${site.url}?q=cooperation`);
  await page.waitForFunction(() => document.documentElement.dataset.discoveries === 'ready');
  assert.ok(resultsWhenAsked >= 3, `${resultsWhenAsked} results on screen when the discoveries were asked for`);
  assert.deepEqual(problems, []);
  await context.close();

  // The file does not come: each view that shows them says so, by name; the rest works.
  // (No service worker: it would precache the real file, out of the route's reach.)
  const broken = await openPage(browser, { serviceWorkers: 'block' });
  await broken.page.route(/\/discoveries-[0-9a-f]+\.bin$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await broken.page.goto(`${site.url}?view=formulations`);
  const alert = broken.page.locator('[role=alert].mined-status');
  await alert.waitFor();
  const said = await alert.textContent();
  assert.match(said, /^The recurring formulations could not be loaded: discoveries-[0-9a-f]+\.bin could not be fetched: the server answered 404/, said);
  assert.equal(await broken.page.locator('.formulation').count(), 0);
  await broken.page.locator('#q').fill('cooperation');
  await broken.page.locator('.site-nav a', { hasText: 'Search' }).click();
  await broken.page.locator('.result').first().waitFor();
  await broken.page.goto(`${site.url}?s=${CHEN}`);
  await broken.page.locator('.passage').first().waitFor();
  await broken.page.locator('[role=alert].mined-status', { hasText: 'Passages shared with other statements could not be loaded' }).waitFor();
  assert.equal(await broken.page.locator('.reuse-item').count(), 0);
  assert.ok(broken.problems.every((p) => p.includes('404')), broken.problems.join('\n'));
  await broken.context.close();

  // A file that is not what the corpus was mined into is refused with the reason.
  const wrong = await openPage(browser, { serviceWorkers: 'block' });
  await wrong.page.route(/\/discoveries-[0-9a-f]+\.bin$/, (route) => route.fulfill({ status: 200, body: 'TIFZ\x10\x00\x00\x00not zstd' }));
  await wrong.page.goto(`${site.url}?view=formulations`);
  await wrong.page.locator('[role=alert].mined-status', { hasText: 'the packed blob has no zstd frame' }).waitFor();
  assert.deepEqual(wrong.problems, []);
  await wrong.context.close();
});

test('formulations: the list → the tracker; the reader shows a passage also in another statement, both ways', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1100, height: 900 } });
  await page.goto(site.url);
  await page.locator('.site-nav a', { hasText: 'Formulations' }).click();
  await page.locator('.formulation').first().waitFor();
  assert.deepEqual(params(page), { view: 'formulations' });
  // Each item names its formulation and its statements; the first use is a statement.
  const items = await page.locator('.formulation').evaluateAll((els) =>
    els.map((e) => ({ f: e.dataset.formulation, n: Number(e.dataset.statements), first: e.querySelector('[data-first-statement-id]')?.dataset.firstStatementId })),
  );
  assert.ok(items.length > 5, JSON.stringify(items));
  assert.ok(items.every((i) => i.f && i.n >= 2 && i.first), JSON.stringify(items));
  const community = items.find((i) => i.f === 'build a community with a shared future for mankind');
  assert.ok(community, JSON.stringify(items.map((i) => i.f)));
  // Ordered by statements; then the tracker for one, which counts the same statements.
  await page.getByRole('link', { name: 'statements', exact: true }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'count');
  const counts = await page.locator('.formulation').evaluateAll((els) => els.map((e) => Number(e.dataset.statements)));
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
  const first = page.locator('.formulation').first();
  const phrase = await first.getAttribute('data-formulation');
  const n = await first.getAttribute('data-statements');
  await first.locator('.formulation-phrase a').click();
  await page.locator('.legend-item').first().waitFor();
  assert.deepEqual(params(page), { f: `"${phrase}"` });
  assert.equal(await page.locator('.legend-item').first().getAttribute('data-statements'), n);
  await page.goBack();
  await page.locator('.formulation').first().waitFor();
  // Typing in the search box keeps the formulations with those words.
  await page.locator('#q').fill('human rights');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'human rights');
  const filtered = await page.locator('.formulation').evaluateAll((els) => els.map((e) => e.dataset.formulation));
  assert.ok(filtered.length > 0 && filtered.every((f) => f.toLowerCase().includes('human rights')), filtered.join(' | '));
  // The list downloads with where it came from.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /^Download all \d+ as CSV$/ }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'tifa-formulations-human-rights.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\ufeffformulation,is_name,glue,score,statements,speakers,documents,years,spread,'), csv.slice(0, 120));
  assert.equal(csv.trim().split('\r\n').length - 1, filtered.length);
  // The 2021 report repeats the 2020 spokesperson's words in its narration: counted with
  // narration, its reader says so, marks them, and the other statement says the same the
  // other way.
  await page.goto(`${site.url}?s=${CHEN}&kind=all`);
  await page.locator('.reuse-item').first().waitFor();
  const related = await page.locator(`.reuse-item[data-reuse-of="${ZHAO_HRC}"]`);
  assert.ok(await related.count() >= 1);
  const marked = (await page.locator('.passage mark.shared').allTextContents()).join(' ');
  assert.match(marked, /Mutually Beneficial Cooperation in the Field of Human Rights/);
  assert.match(await related.first().locator('.reuse-excerpt mark').first().textContent(), /cooperation in the field of human rights/i);
  await related.first().locator('.reuse-compare').click();
  await page.locator('.aligned-table').waitFor();
  assert.deepEqual(params(page), { compare: `${ZHAO_HRC},${CHEN}`, mode: 'aligned' });
  await page.goto(`${site.url}?s=${ZHAO_HRC}&kind=all`);
  await page.locator(`.reuse-item[data-reuse-of="${CHEN}"]`).first().waitFor();
  // Counting the speakers' own words only, the pair is not shown.
  await page.goto(`${site.url}?s=${ZHAO_HRC}`);
  await page.locator('.reuse-item').first().waitFor();
  assert.equal(await page.locator(`.reuse-item[data-reuse-of="${CHEN}"]`).count(), 0);
  // The source document lists the documents it shares passages with.
  await page.goto(`${site.url}?doc=2021-03-24-xinhua-unhrc-adopts-cooperation-resolution&kind=all`);
  await page.locator('.shared-documents li').first().waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

for (const theme of ['light', 'dark']) {
  test(`axe-core: no violations on every view (${theme} theme, set by the toggle)`, async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(site.url);
    await page.locator('.theme select').selectOption(theme);
    for (const [name, query, ready] of VIEWS) {
      await page.goto(`${site.url}${query}`);
      await page.locator(ready).first().waitFor();
      if (name === 'timeline' || name === 'tracker') await page.locator('.timeline-table summary').click();
      if (name === 'compare being built') {
        await page.locator('#add-q').fill('rights');
        await page.locator('.pick-list li').first().waitFor();
      }
      assert.deepEqual(await axe(page), [], `${name} (${theme})`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('wide screens: at 1280 px the comparison puts its columns side by side and the wide views use the width; prose keeps its measure', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${site.url}?compare=${ZHAO_HRC},${CHEN},${LI}`);
  await page.locator('.compare-col').first().waitFor();
  const cols = await page.locator('.compare-col').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
  assert.equal(cols.length, 3);
  assert.ok(cols.every((t) => Math.abs(t - cols[0]) < 2), `columns side by side: ${cols}`);
  for (const [query, ready] of [
    ['?view=kwic&q=cooperation', '.kwic-table'],
    ['?view=timeline', '.timeline-svg'],
    [`?f=${encodeURIComponent('"shared future"')}`, '.track-legend'],
    ['?view=formulations', '.formulation-list'],
  ]) {
    await page.goto(`${site.url}${query}`);
    await page.locator(ready).first().waitFor();
    const main = await page.locator('main').evaluate((e) => e.getBoundingClientRect().width);
    assert.ok(main > 1100, `${query}: main is ${main} px wide`);
  }
  // The formulations sit in two columns; a lede keeps the reading measure.
  const tops = await page.locator('.formulation').evaluateAll((els) => els.slice(0, 2).map((e) => e.getBoundingClientRect().top));
  assert.equal(tops[0], tops[1]);
  assert.ok((await page.locator('.lede').first().evaluate((e) => e.getBoundingClientRect().width)) < 760);
  // Reading views keep the measure.
  await page.goto(`${site.url}?s=${CHEN}`);
  await page.locator('.passage').first().waitFor();
  assert.ok((await page.locator('main').evaluate((e) => e.getBoundingClientRect().width)) < 800);
  assert.deepEqual(problems, []);
  await context.close();
});

test('every view fits a 360 px wide screen (no sideways scrolling)', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 360, height: 740 } });
  for (const [name, query, ready] of VIEWS) {
    await page.goto(`${site.url}${query}`);
    await page.locator(ready).first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${name}: ${width} px wide`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('print: the reader prints without navigation and tools', async () => {
  const { page, context } = await openPage(browser, { viewport: { width: 1100, height: 850 } });
  await page.emulateMedia({ media: 'print' });
  await page.goto(`${site.url}?s=${LI}`);
  await page.locator('article.statement h1').waitFor();
  assert.equal(await page.locator('.site-nav').isVisible(), false, 'print hides navigation');
  assert.equal(await page.locator('.reader-tools').isVisible(), false, 'print hides tools');
  await context.close();
});

test("keywords of a speaker's statements against the rest, opened on the search page, each leading to its lines; accessible in both themes", async () => {
  for (const scheme of ['light', 'dark']) {
    const { page, context, problems } = await openPage(browser, { colorScheme: scheme, viewport: { width: 360, height: 800 } });
    await page.goto(`${site.url}?view=search&speaker=zhao-lijian`);
    await page.locator('.results .result').first().waitFor();
    await page.locator('details.keywords summary').click();
    await page.locator('.keywords-table tbody tr').first().waitFor();
    assert.match(await page.locator('.keywords-status').textContent(), /^3 words these 3 statements use more than the other 4 statements/);
    const first = page.locator('.keywords-table tbody tr').first();
    assert.equal(await first.locator('th').textContent(), 'win');
    const here = Number(await first.locator('td').first().evaluate((td) => td.firstChild.textContent));
    assert.deepEqual(await axe(page), []);
    // The word opens its lines in these statements: as many as it was counted.
    await first.locator('a').click();
    await page.locator('.kwic-table tbody tr').first().waitFor();
    assert.equal(params(page).speaker, 'zhao-lijian');
    assert.equal(params(page).q, '"win"');
    assert.equal(await page.locator('.kwic-table tbody tr').count(), here);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
