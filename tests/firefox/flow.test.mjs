// End-to-end in Firefox: the built site driven through WebDriver (geckodriver and
// Debian's firefox-esr; Playwright's own Firefox cannot be downloaded here). One flow a
// user takes — the list, a search typed in the box, a result opened and back, the
// formulations, the tracker — and the JavaScript API answering as the page does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { startServer } from '../support/static-server.mjs';
import { DIST } from '../e2e/support.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const GECKODRIVER = process.env.GECKODRIVER ?? 'geckodriver';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

let site, driver, base, session;

const freePort = () =>
  new Promise((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });

/// One WebDriver command; an error names what the driver said.
async function wd(method, path, body) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await r.json();
  if (!r.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
  return json.value;
}
const cmd = (method, path, body) => wd(method, `/session/${session}${path}`, body);

/// The elements matching `css` once there is at least one (polling the page, as a
/// user waits for it to appear; fails after 20 s).
async function find(css) {
  const until = Date.now() + 20000;
  for (;;) {
    const found = await cmd('POST', '/elements', { using: 'css selector', value: css });
    if (found.length) return found.map((e) => e[ELEMENT]);
    if (Date.now() > until) throw new Error(`nothing matches ${css} at ${await cmd('GET', '/url')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const text = async (id) => cmd('GET', `/element/${id}/text`);
const attr = async (id, name) => cmd('GET', `/element/${id}/attribute/${name}`);
const url = async () => new URL(await cmd('GET', '/url'));
async function waitFor(what, check) {
  const until = Date.now() + 20000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`waited in vain for ${what} at ${await cmd('GET', '/url')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

before(async () => {
  site = await startServer({ dir: DIST, port: 0 });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  driver = spawn(GECKODRIVER, ['--port', String(port)], { stdio: 'ignore' });
  await waitFor('geckodriver', async () => {
    try {
      return (await fetch(`${base}/status`)).ok;
    } catch {
      return false;
    }
  });
  const created = await wd('POST', '/session', {
    capabilities: {
      alwaysMatch: {
        browserName: 'firefox',
        'moz:firefoxOptions': { binary: FIREFOX, args: ['-headless'] },
      },
    },
  });
  session = created.sessionId;
});

after(async () => {
  if (session) await wd('DELETE', `/session/${session}`).catch(() => {});
  driver?.kill();
  await site?.close();
});

test('Firefox: list → typed search → a result and back → formulations → tracker; the API agrees', async () => {
  await cmd('POST', '/url', { url: site.url });
  // The page paints its document list from HTML first; the app then replaces it.
  await waitFor('the app to replace the first paint', async () =>
    (await cmd('POST', '/elements', { using: 'css selector', value: '.prerendered' })).length === 0,
  );
  assert.equal((await find('.doc-item')).length, 5);
  // A search typed in the box shows results when typing pauses, and lands in the URL.
  const [box] = await find('#q');
  await cmd('POST', `/element/${box}/value`, { text: 'rights' });
  await find('.result');
  await waitFor('the query in the URL', async () => (await url()).searchParams.get('q') === 'rights');
  const status = await text((await find('.result-count'))[0]);
  assert.match(status, /^\d+ statements match/);
  // The first result opens in the reader; back returns to the results.
  const [first] = await find('.result .statement-link');
  const id = await attr((await find('.result'))[0], 'data-statement-id');
  await cmd('POST', `/element/${first}/click`, {});
  await find('article.statement h1');
  assert.equal((await url()).searchParams.get('s'), id);
  await cmd('POST', '/back', {});
  await waitFor('the results again', async () => !(await url()).searchParams.has('s'));
  await find('.result');
  // The formulations, then the tracker for the first one, with the same count.
  await cmd('POST', '/url', { url: `${site.url}?view=formulations` });
  const [item] = await find('.formulation');
  const phrase = await attr(item, 'data-formulation');
  const n = await attr(item, 'data-statements');
  const [link] = await cmd('POST', `/element/${item}/elements`, { using: 'css selector', value: '.formulation-phrase a' }).then((l) => l.map((e) => e[ELEMENT]));
  await cmd('POST', `/element/${link}/click`, {});
  const [legend] = await find('.legend-item');
  assert.equal(await attr(legend, 'data-formulation'), `"${phrase}"`);
  assert.equal(await attr(legend, 'data-statements'), n);
  // The JavaScript API in Firefox answers as the page does.
  const total = await cmd('POST', '/execute/async', {
    script: 'const done = arguments[arguments.length - 1]; import("/api.js").then((m) => m.load()).then((t) => done(t.search("?q=rights").status), (e) => done(String(e)));',
    args: [],
  });
  assert.equal(total, status);
  // Nothing broke: no panic screen.
  assert.equal((await cmd('POST', '/elements', { using: 'css selector', value: '.panic-screen' })).length, 0);
});
