// Audits the served release build with Lighthouse driving the system Chromium, and
// prints the four category scores. Run by .ci/lighthouse (not part of the test command:
// it measures, it does not assert).
//   node tests/lighthouse/run.mjs DIST
import { launch as launchChrome } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startServer } from '../support/static-server.mjs';

const dir = process.argv[2] ?? 'dist';
const site = await startServer({ dir, port: 0 });
const chrome = await launchChrome({
  chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const rows = [];
for (const [label, formFactor] of [['mobile', 'mobile'], ['desktop', 'desktop']]) {
  const settings = formFactor === 'desktop'
    ? { formFactor, screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false }, throttling: { rttMs: 40, throughputKbps: 10240, cpuSlowdownMultiplier: 1, requestLatencyMs: 0, downloadThroughputKbps: 0, uploadThroughputKbps: 0 } }
    : { formFactor };
  const result = await lighthouse(site.url, { port: chrome.port, output: 'json', logLevel: 'error' }, { extends: 'lighthouse:default', settings });
  const { categories, audits } = result.lhr;
  const score = (c) => Math.round(categories[c].score * 100);
  rows.push({ label, performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices'), seo: score('seo') });
  // What kept a category below 100.
  for (const [id, cat] of Object.entries(categories)) {
    for (const ref of cat.auditRefs) {
      const a = audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1) {
        console.error(`[${label}] ${id}: ${a.id} (${a.score}) ${a.displayValue ?? ''}`);
        // What it found, where the audit lists it (a deprecation, an error in the console).
        for (const item of a.details?.items ?? []) {
          const said = item.value ?? item.description ?? item.message;
          if (said) console.error(`[${label}]   ${typeof said === 'string' ? said : JSON.stringify(said)} ${item.source?.url ?? item.url ?? ''}`);
        }
      }
    }
  }
  // Which element Lighthouse took for the largest paint (the app replaces the first paint's
  // elements: a replacement painted larger would move it to the app's start).
  const lcp = audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
  if (lcp) console.error(`[${label}] largest contentful paint element: ${lcp.selector} "${(lcp.nodeLabel ?? '').slice(0, 60)}"`);
  for (const m of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']) {
    console.error(`[${label}] ${m}: ${audits[m].displayValue}`);
  }
}
await chrome.kill();
await site.close();
console.log('| run | performance | accessibility | best practices | SEO |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.label} | ${r.performance} | ${r.accessibility} | ${r['best-practices']} | ${r.seo} |`);
