// Keystroke-to-paint in the built app, in headless Chromium: for every key typed into
// the search box, the time from the keydown to the first frame painted after it, with
// that frame showing the results of the text typed so far. Also the timeline: opening
// it, and one keyboard step of its date-range handle.
//
//   node bench/keystroke.mjs DIST [LABEL]     (bash .ci/bench-ui builds DIST at 25,000)
//
// A keystroke is timed from a capturing keydown listener; "painted" is a setTimeout
// queued from the next requestAnimationFrame callback, which runs after that frame is
// produced. Keys are typed 60 ms apart (a fast typist), so each key gets its own frame
// unless the work of the previous one is still running, which then counts against it.
// Prints figures; asserts nothing about time (these machines are noisy).
import { launch } from '../e2e/support.mjs';
import { startServer } from '../support/static-server.mjs';

const [dist, label = dist] = process.argv.slice(2);
if (!dist) {
  console.error('usage: node bench/keystroke.mjs DIST [LABEL]');
  process.exit(2);
}
const QUERIES = [
  'human rights',
  '"shared future"',
  'cooperation -covid',
  'multilateral*',
  'development',
  'sovereignty and territorial integrity',
  'win-win cooperation',
  'interference internal affairs',
];
const ROUNDS = 3;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (x) => x.toFixed(1);

const site = await startServer({ dir: dist, port: 0 });
const browser = await launch();
const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1200, height: 900 } });
const page = await context.newPage();
await page.addInitScript(() => {
  window.__keys = [];
  addEventListener(
    'keydown',
    (ev) => {
      if (ev.target?.id !== 'q' || ev.key.length > 1 && ev.key !== 'Backspace') return;
      const t0 = performance.now();
      requestAnimationFrame(() =>
        setTimeout(() => {
          const input = document.getElementById('q');
          // The frame shows this text's results when the page title names it.
          const shown = input && document.title.includes(input.value);
          window.__keys.push({ ms: performance.now() - t0, shown, text: input?.value });
        }),
      );
    },
    true,
  );
});
await page.goto(`${site.url}?view=search`);
await page.locator('.result').first().waitFor();
const statements = await page.evaluate(() => document.documentElement.dataset.statements);

const all = [];
for (let r = 0; r < ROUNDS; r++) {
  for (const q of QUERIES) {
    await page.fill('#q', '');
    await page.locator('#q').focus();
    await page.evaluate(() => (window.__keys = []));
    await page.keyboard.type(q, { delay: 60 });
    await page.waitForTimeout(200);
    const keys = await page.evaluate(() => window.__keys);
    if (r > 0) all.push(...keys); // the first round warms up the engine and V8
  }
}
const ms = all.map((k) => k.ms);
const stale = all.filter((k) => !k.shown).length;

// Timeline: open it from search (a click on the nav), then move the brush one step.
const timeline = [];
const step = [];
for (let r = 0; r < 5; r++) {
  await page.goto(`${site.url}?view=search`);
  await page.locator('.result').first().waitFor();
  const t = await page.evaluate(
    () =>
      new Promise((done) => {
        const t0 = performance.now();
        document.querySelector('.site-nav a[href*="timeline"]').click();
        const wait = () =>
          document.querySelector('.timeline-svg .mark')
            ? requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0)))
            : requestAnimationFrame(wait);
        wait();
      }),
  );
  timeline.push(t);
  await page.locator('#brush-start').focus();
  const s = await page.evaluate(
    () =>
      new Promise((done) => {
        const h = document.getElementById('brush-start');
        const before = h.getAttribute('x');
        const t0 = performance.now();
        h.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
        requestAnimationFrame(() =>
          setTimeout(() => done({ ms: performance.now() - t0, moved: h.getAttribute('x') !== before })),
        );
      }),
  );
  step.push(s.ms);
  if (!s.moved) throw new Error('the brush handle did not move');
}
const marks = await page.locator('.timeline-svg .mark').count();

console.log(`\nkeystroke-to-paint, ${label} (${statements} statements; ${ms.length} keystrokes after a warm-up round)`);
console.log('| measure | p50 | p95 | p99 | max |');
console.log('|---|---:|---:|---:|---:|');
console.log(`| search: keystroke to painted results (ms) | ${fmt(pct(ms, 50))} | ${fmt(pct(ms, 95))} | ${fmt(pct(ms, 99))} | ${fmt(Math.max(...ms))} |`);
console.log(`| timeline: open from search (ms, 5 runs) | ${fmt(pct(timeline, 50))} | ${fmt(pct(timeline, 95))} | — | ${fmt(Math.max(...timeline))} |`);
console.log(`| timeline: one brush key step (ms, 5 runs) | ${fmt(pct(step, 50))} | ${fmt(pct(step, 95))} | — | ${fmt(Math.max(...step))} |`);
console.log(`frames that did not yet show the typed text's results: ${stale} of ${ms.length}`);
console.log(`timeline marks drawn at this size: ${marks}`);
console.log(`one frame at 60 Hz: 16.7 ms; keystrokes within it: ${ms.filter((x) => x <= 16.7).length} of ${ms.length}`);
await browser.close();
await site.close();
