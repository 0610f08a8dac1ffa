// Splits a release build's Wasm in two (called by pwa/postbuild.mjs; docs/performance.md,
// "Size"): the primary, what the page runs to start and answer, and the rest, fetched once
// the first result is drawn. Trunk cannot split a module (its issue #1022), so:
//
// The page starts with the primary on the library's first page; on any other address it
// fetches both side by side (pwa/split-loader.js says why).
//
// 1. crates/tifa-split makes an instrumented copy of the built Wasm: every function reports
//    its number when it first runs.
// 2. That copy is served from a scratch copy of the site on 127.0.0.1 and driven in Chromium
//    through what a visitor does first, with an empty discoveries file (reading what is
//    mined is background work): a document and one of its statements (whose passages give
//    three words to search for); the library, a search typed there, its first results, back
//    to the documents and into one; a search from its address; the library on two screens. The functions that ran are the
//    profile. (It follows the app's own classes: a missing one stops the build, and
//    tests/e2e/split.test.mjs walks the same way.) What no profile walks through whole (the
//    stemmer, folding, the readers' layout) is kept by name (KEEP below).
// 3. crates/tifa-split keeps those in the primary and moves the others to the rest; each
//    moved function leaves a stub that loads the rest if need be (pwa/split-loader.js), so a
//    profile that missed something costs time, never a failure. Both are optimised again.
// 4. The files: tifa-<hash>_bg.wasm (primary), tifa-<hash>.js (the glue, which now imports
//    the loader), tifa-<hash>_split.js (the loader), tifa-<hash>_rest.wasm (the rest); the
//    boot script and index.html name them.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sha = (alg, data) => createHash(alg).update(data).digest();
/** The boot script's content-hashed name, as pwa/postbuild.mjs first writes it. */
export const bootName = (code) => `boot-${sha('sha256', code).toString('hex').slice(0, 16)}.js`;
/** A file's integrity attribute value (SHA-384, as Trunk writes them). */
export const integrity = (text) => `sha384-${sha('sha384', text).toString('base64')}`;
// The features the built Wasm uses, as Trunk's wasm-opt is told in index.html.
const FEATURES = [
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-reference-types',
  '--enable-multivalue',
];

// What stays in the primary whatever the profile says: the code of the library, search and
// the readers whose path depends on the words and statements it is given (the stemmer's
// rules, folding, the index's cursors, facets and filters, the readers' layout), which no
// profile walks through whole. Parts of function names (`tifa-split names` lists them).
const KEEP = [
  'rust_stemmers',
  // Small generic machinery used everywhere, in more shapes than a profile meets.
  'alloc::raw_vec',
  'alloc::vec::',
  'tachys::renderer::dom',
  'wasm_bindgen::',
  'fmt::Write>::',
  'core::unicode',
  'core::str::',
  'alloc::str',
  'tifa_core::search::',
  'tifa_core::paging',
  'tifa_core::url_state',
  'tifa_core::model',
  'tifa_core::lookup',
  'tifa_core::layout',
  'tifa_view::search_page',
  'tifa_view::reader',
  'tifa_view::resolve',
  'tifa_view::shell',
  'tifa::app',
  'tifa::corpus',
  'tifa::hooks::',
  ...['search_view', 'search_box', 'statement_reader', 'document_reader', 'document_list', 'site_header']
    .concat(['notices', 'pager', 'provenance', 'source_text', 'app_link', 'in_parts', 'live', 'fatal'])
    .map((c) => `tifa::components::${c}`),
];

function tool(...args) {
  return execFileSync('cargo', ['run', '--locked', '--quiet', '-p', 'tifa-split', '--', ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

// The one place each glue edit is made: it must match exactly once, or the build stops.
function replaceOnce(text, pattern, replacement, what, fail) {
  const count = text.split(pattern).length - 1;
  if (count !== 1) fail(`${what}: expected one "${pattern}", found ${count}`);
  return text.replace(pattern, replacement);
}

async function profile(site, functions, fail) {
  const modules = join(root, 'tests', 'node_modules', 'playwright-core', 'index.mjs');
  let chromium;
  try {
    ({ chromium } = await import(pathToFileURL(modules).href));
  } catch {
    fail('the split needs playwright-core in tests/node_modules (bash .ci/bootstrap installs it)');
  }
  const { startServer } = await import(pathToFileURL(join(root, 'tests', 'support', 'static-server.mjs')).href);
  const server = await startServer({ dir: site, port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const ran = new Uint8Array(functions);
  const html = readFileSync(join(site, 'index.html'), 'utf8');
  const doc = html.match(/href="?\?doc=([^"&>\s]+)/)?.[1];
  if (!doc) fail('the first paint links no document to profile the reader with');
  const problems = [];
  // Each path in a fresh page; `act` does what a visitor does there.
  const visit = async (address, act = async () => {}, options = {}) => {
    const context = await browser.newContext({ serviceWorkers: 'block', ...options });
    context.setDefaultTimeout(20_000);
    // An empty discoveries file: the app fetches and reads it as it will, then refuses it
    // before any mining code runs (that is background work, for the rest).
    await context.route('**/discoveries-*.bin', (route) => route.fulfill({ status: 200, body: '' }));
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${address}: ${e.message}`));
    // The split build's loader offers the rest to the app (pwa/split-loader.js); here all
    // the code is in one module, but the app must take the same path as it will there.
    await page.addInitScript((n) => {
      globalThis.__tifaRan = new Uint8Array(n);
      globalThis.__tifaRest = () => Promise.resolve();
    }, functions);
    await page.goto(server.url + address);
    try {
      // Started, and past the point where the discoveries are asked for (refused here).
      await page.waitForFunction(() => !document.querySelector('.prerendered') && document.documentElement.dataset.discoveries);
      await act(page);
    } catch (e) {
      const what = e.message.split('\n').filter((l) => l.trim() && !/Call log/.test(l)).slice(0, 2).join('; ');
      fail(`the profile's walk of "${address}" failed: ${what.replace(/\x1b\[[0-9;]*m/g, '')}`);
    }
    const marks = await page.evaluate(() => Array.from(globalThis.__tifaRan));
    marks.forEach((m, i) => {
      if (m) ran[i] = 1;
    });
    await context.close();
  };
  try {
    let words;
    let statement;
    // A document first, for a statement to open; the statement's passages, the words the
    // index holds, give the three most frequent of six letters or more to search for.
    await visit(`?doc=${doc}`, async (page) => {
      await page.locator('main a[href*="s="]').first().waitFor();
      statement = await page.evaluate(() => new URL(document.querySelector('main a[href*="s="]').href).searchParams.get('s'));
    });
    if (!statement) fail(`the document ${doc} lists no statement to profile with`);
    await visit(`?s=${encodeURIComponent(statement)}`, async (page) => {
      await page.locator('.passage').first().waitFor();
      words = await page.evaluate(() => {
        const counts = new Map();
        for (const p of document.querySelectorAll('.passage')) {
          for (const w of p.textContent.toLowerCase().split(/[^\p{L}]+/u)) {
            if (w.length >= 6) counts.set(w, (counts.get(w) ?? 0) + 1);
          }
        }
        return [...counts]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3)
          .map(([w]) => w);
      });
    });
    if (!words.length) fail(`the statement ${statement} has no word to search for`);
    console.error(`postbuild: profiling with the statement ${statement} and the words ${words.join(', ')}`);
    // The library, then within the app, as a visitor goes: a search typed in the header,
    // its first results one after another, back to the documents and into the first; for three
    // words, whose results differ in number and shape.
    const found = [];
    for (const word of words) await visit('', async (page) => {
      await page.locator('#q').fill(word);
      // A word of the reader's own labels may find nothing: then only the search is walked.
      const result = page.locator('.result .statement-link').first();
      if (await result.waitFor({ timeout: 10_000 }).then(() => true, () => false)) {
        found.push(word);
        await result.click();
        await page.locator('.passage').first().waitFor();
        // Statements differ in what the reader shows (suggestions, notes, removals): a few.
        const next = page.locator('.result-steps a', { hasText: 'Next' });
        for (let step = 2; step <= 5 && (await next.count()); step++) {
          await next.first().click();
          await page.waitForFunction((n) => document.querySelector('.result-steps')?.textContent.includes(`Result ${n} of`), step);
          await page.locator('.passage').first().waitFor();
        }
      }
      await page.locator('.site-nav a', { hasText: 'Documents' }).click();
      await page.locator('.doc-item a').first().click();
      await page.waitForFunction(() => new URLSearchParams(location.search).has('doc'));
      await page.locator('main h1').first().waitFor();
    });
    if (!found.length) fail(`none of ${words.join(', ')} finds a statement to profile the reader with`);
    await visit(`?q=${encodeURIComponent(found[0])}`, async (page) => {
      await page.locator('.result').first().waitFor();
    });
    // The library on a phone's screen, and on a wide one.
    await visit('', undefined, { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
    await visit('', undefined, { viewport: { width: 1350, height: 940 } });
  } finally {
    await browser.close();
    server.close();
  }
  if (problems.length) fail(`the profiled pages failed:\n${problems.join('\n')}`);
  return ran;
}

/**
 * Splits the build in `dir` (a Trunk staging directory whose loader is already a boot-….js
 * file). Returns the new names, or nothing if the build is already split.
 */
export async function split(dir, fail) {
  const files = readdirSync(dir);
  if (files.some((f) => f.endsWith('_rest.wasm'))) return null;
  const wasm = files.find((f) => /^tifa-[0-9a-f]+_bg\.wasm$/.test(f));
  const glue = files.find((f) => /^tifa-[0-9a-f]+\.js$/.test(f));
  const boot = files.find((f) => /^boot-[0-9a-f]+\.js$/.test(f));
  if (!wasm || !glue || !boot) fail('the split needs tifa-<hash>_bg.wasm, tifa-<hash>.js and boot-<hash>.js');
  const scratch = mkdtempSync(join(tmpdir(), 'tifa-split-'));
  try {
    const built = join(dir, wasm);
    const instrumented = join(scratch, 'instrumented.wasm');
    const functions = Number(tool('instrument', built, instrumented));

    // The scratch site: the instrumented Wasm, a glue that gives it the profile's import,
    // no integrity attributes (the glue changed).
    const site = join(scratch, 'site');
    cpSync(dir, site, { recursive: true });
    cpSync(instrumented, join(site, wasm));
    const glueText = readFileSync(join(dir, glue), 'utf8');
    const imports = '"./tifa_bg.js": import0,';
    writeFileSync(
      join(site, glue),
      replaceOnce(glueText, imports, `${imports} __tifa_profile: { mark: (i) => { globalThis.__tifaRan[i] = 1; } },`, glue, fail),
    );
    const page = join(site, 'index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace(/ integrity=("[^"]*"|[^ >]*)/g, ''));
    const ran = await profile(site, functions, fail);
    writeFileSync(join(scratch, 'profile'), ran);
    // Kept for a look afterwards: what was split, and by which profile.
    const kept = join(root, 'target', 'split');
    mkdirSync(kept, { recursive: true });
    cpSync(built, join(kept, 'built.wasm'));
    cpSync(join(scratch, 'profile'), join(kept, 'profile'));

    const primary = join(scratch, 'primary.wasm');
    const rest = join(scratch, 'rest.wasm');
    const report = tool('split', built, join(scratch, 'profile'), primary, rest, ...KEEP);
    for (const f of [primary, rest]) {
      execFileSync('wasm-opt', [...FEATURES, '-Oz', f, '-o', f], { stdio: 'inherit' });
    }

    const primaryBytes = readFileSync(primary);
    const restBytes = readFileSync(rest);
    const hash = createHash('sha256').update(primaryBytes).update(restBytes).update(glueText).digest('hex').slice(0, 16);
    const names = {
      wasm: `tifa-${hash}_bg.wasm`,
      glue: `tifa-${hash}.js`,
      loader: `tifa-${hash}_split.js`,
      rest: `tifa-${hash}_rest.wasm`,
    };
    const template = readFileSync(join(root, 'pwa', 'split-loader.js'), 'utf8');
    const loader = template.replace("'./__TIFA_GLUE__'", `'./${names.glue}'`).replace("'__TIFA_REST__'", `'${names.rest}'`);
    if (loader.includes('__TIFA_')) fail('pwa/split-loader.js placeholders not replaced');
    // Its comments stay in pwa/: the page loads it before it answers.
    const loaderCode = loader
      .split('\n')
      .filter((line) => !/^\s*\/\//.test(line))
      .join('\n');
    let newGlue = replaceOnce(glueText, imports, `${imports}\n        __tifa_split: { load: __tifa_split_load },`, glue, fail);
    newGlue = `import { load as __tifa_split_load } from './${names.loader}';\n${newGlue}`;

    let bootText = readFileSync(join(dir, boot), 'utf8');
    bootText = replaceOnce(bootText, `'./${glue}'`, `'./${names.glue}';\nimport { early, rest } from './${names.loader}'`, boot, fail);
    bootText = replaceOnce(
      bootText,
      `module_or_path: './${wasm}' });`,
      `module_or_path: early('./${names.wasm}') });\nrest().catch(() => {});`,
      boot,
      fail,
    );
    const newBoot = bootName(bootText);

    for (const f of [wasm, glue, boot]) unlinkSync(join(dir, f));
    writeFileSync(join(dir, names.wasm), primaryBytes);
    writeFileSync(join(dir, names.rest), restBytes);
    writeFileSync(join(dir, names.loader), loaderCode);
    writeFileSync(join(dir, names.glue), newGlue);
    writeFileSync(join(dir, newBoot), bootText);

    // index.html: the boot script and the glue's preload, with their new integrity.
    const indexPath = join(dir, 'index.html');
    let html = readFileSync(indexPath, 'utf8');
    const tag = (name) => new RegExp(`<(script|link)\\b[^>]*\\./${name.replace(/[.]/g, '\\.')}[^>]*>`, 'g');
    const retag = (old, name, text) => {
      const found = html.match(tag(old)) ?? [];
      if (found.length !== 1) fail(`index.html: expected one tag naming ${old}, found ${found.length}`);
      const updated = found[0]
        .replace(`./${old}`, `./${name}`)
        .replace(/ integrity=("[^"]*"|[^ >]*)/, ` integrity=${integrity(text)}`);
      html = html.replace(found[0], updated);
    };
    retag(boot, newBoot, bootText);
    retag(glue, names.glue, newGlue);
    writeFileSync(indexPath, html);
    const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
    console.error(
      `postbuild: split ${wasm} (${functions} functions): ${report}; ` +
        `${names.wasm} ${gz(primaryBytes)} B gzip, ${names.rest} ${gz(restBytes)} B gzip`,
    );
    return names;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
