// Trunk post-build hook (Trunk.toml [[hooks]]): makes the built site strict-CSP-clean and
// offline-capable. Runs on Trunk's staging directory ($TRUNK_STAGING_DIR), or on the
// directory given as the first argument (the update test uses that to make a "v2").
//
// 1. Trunk writes its Wasm loader as an inline <script type="module">. A strict
//    Content-Security-Policy (no 'unsafe-inline') would block it, and it says nothing when
//    the Wasm cannot come: it is replaced by pwa/boot.js, with this build's file names, as
//    a content-hashed file, boot-<hash>.js, loaded with an integrity attribute.
// 1b. The first paint written into index.html and the discoveries file beside the Wasm,
//     both made by `tifa site-files` from the corpus the Wasm names (see below); and no
//     preload of the Wasm.
//     With TIFA_PACKING=shards (as build.rs read it), the corpus is not in the Wasm:
//     `tifa site-files --shards` also writes its manifest and content-hashed pieces
//     (at most TIFA_PIECE_BYTES each when set), and index.html names the manifest
//     (<meta name="tifa-manifest">, read by the app) and preloads it.
// 2. The Content-Security-Policy meta tag must be present, and no inline script or
//    inline event handler may remain: the build fails otherwise.
// 3. api.js, the JavaScript API's stable entry (docs/api.md): it loads the site's
//    content-hashed Wasm module without mounting the app.
// 4. sw.js is written from pwa/sw.js with the precache list (every file of the site but
//    sw.js itself, nothing skipped for size, each with its SHA-256, which the worker
//    checks before it keeps a file) and a version that is the SHA-256 of those files'
//    names and bytes, so any change to any file makes a new version.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync, unlinkSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const sha = (algorithm, text) => createHash(algorithm).update(text).digest();
/** The boot script's name: its content's hash. */
const bootName = (code) => `boot-${sha('sha256', code).toString('hex').slice(0, 16)}.js`;
/** A file's integrity attribute value (SHA-384, as Trunk writes them). */
const integrity = (text) => `sha384-${sha('sha384', text).toString('base64')}`;

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('postbuild: no directory (run as a Trunk hook, or pass one)');
  process.exit(2);
}
const fail = (msg) => {
  console.error(`postbuild: ${msg}`);
  process.exit(1);
};

// 1. The inline loader, replaced by pwa/boot.js in a file.
const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');
const inline = /<script type=["']?module["']?>([\s\S]*?)<\/script>/;
const found = html.match(inline);
if (found) {
  const named = (pattern) => found[1].match(pattern)?.[1];
  const glueName = named(/from\s+['"]\.?\/?(tifa-[0-9a-f]+\.js)['"]/);
  const wasmName = named(/['"]\.?\/?(tifa-[0-9a-f]+_bg\.wasm)['"]/);
  if (!glueName || !wasmName) fail(`Trunk's loader names no tifa-<hash>.js and tifa-<hash>_bg.wasm:\n${found[1]}`);
  const code = readFileSync(fileURLToPath(new URL('boot.js', import.meta.url)), 'utf8')
    .replaceAll('__TIFA_GLUE__', glueName)
    .replaceAll('__TIFA_WASM__', wasmName);
  if (code.includes('__TIFA_')) fail('pwa/boot.js placeholders not replaced');
  const name = bootName(code);
  writeFileSync(join(dir, name), code);
  html = html.replace(inline, `<script type=module src=./${name} integrity=${integrity(code)}></script>`);
}

// 1b. The files made from the corpus beside the Wasm, by an explicit command with named
//     inputs: `tifa site-files CORPUS --out DIR` (the corpus folder the Wasm was built
//     from: TIFA_CORPUS, else corpus/) writes discoveries-<version>.bin (fetched by the
//     app once it has started) and first-paint-<version>.html (the shell and the
//     library's first page, rendered natively by tifa_view::prerender) and prints the
//     version. It must be the version the built Wasm names (src/corpus.rs marks it), so
//     a site never gets another corpus's files; the build fails otherwise. The tool is
//     TIFA_CLI when set (a built `tifa`), else `cargo run --release -p tifa-cli`.
const root = fileURLToPath(new URL('..', import.meta.url));
const wasmFile = readdirSync(dir).find((f) => /^tifa-[0-9a-f]+_bg\.wasm$/.test(f));
if (!wasmFile) fail('no tifa-<hash>_bg.wasm to read the corpus version from');
const named = readFileSync(join(dir, wasmFile)).toString('latin1').match(/tifa-corpus-version:([0-9a-f]{12})/);
if (!named) fail(`${wasmFile} names no corpus version`);
const corpusVersion = named[1];
const minedName = `discoveries-${corpusVersion}.bin`;
for (const f of readdirSync(dir)) {
  if (/^discoveries-[0-9a-f]+\.bin$/.test(f) && f !== minedName) unlinkSync(join(dir, f));
}
const firstPaint = join(dir, `first-paint-${corpusVersion}.html`);
const prerendered = html.includes('class="prerendered"');
const sharded = process.env.TIFA_PACKING === 'shards';
if (!['shards', 'bundle', undefined].includes(process.env.TIFA_PACKING)) {
  fail(`TIFA_PACKING is ${JSON.stringify(process.env.TIFA_PACKING)}; it is bundle or shards`);
}
const manifestMeta = /<meta name=["']?tifa-manifest["']? content=["']?(manifest-[0-9a-f]{16}\.bin)["']?>/;
let manifestName = html.match(manifestMeta)?.[1];
if (!prerendered || !existsSync(join(dir, minedName)) || (sharded && !manifestName)) {
  const corpus = resolve(root, process.env.TIFA_CORPUS ?? 'corpus');
  const [tool, ...pre] = process.env.TIFA_CLI
    ? [process.env.TIFA_CLI]
    : ['cargo', 'run', '--locked', '--quiet', '--release', '-p', 'tifa-cli', '--'];
  const shardArgs = sharded
    ? ['--shards', ...(process.env.TIFA_PIECE_BYTES ? ['--piece-bytes', process.env.TIFA_PIECE_BYTES] : [])]
    : [];
  const made = spawnSync(tool, [...pre, 'site-files', corpus, '--out', dir, ...shardArgs], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (made.status !== 0) fail(`${tool} site-files ${corpus} failed (${made.error ?? `status ${made.status}`})`);
  const [wrote, manifest] = made.stdout.trim().split('\n');
  if (sharded) {
    if (!/^manifest-[0-9a-f]{16}\.bin$/.test(manifest ?? '')) fail(`${tool} site-files --shards named no manifest`);
    manifestName = manifest;
    html = html.replace(
      '</head>',
      `<meta name="tifa-manifest" content="${manifest}"><link rel="preload" href="./${manifest}" as="fetch" crossorigin></head>`,
    );
  }
  if (wrote !== corpusVersion) {
    fail(`the corpus in ${corpus} is version ${wrote}, but ${wasmFile} was built from version ${corpusVersion}: build with the same TIFA_CORPUS`);
  }
}
if (!prerendered) {
  const placeholder = /<div[^>]*\bid=["']?boot["']?[^>]*>[^<]*<\/div>/;
  if (!placeholder.test(html)) fail('index.html has no <div id="boot"> for the first paint');
  html = html.replace(placeholder, () => readFileSync(firstPaint, 'utf8'));
}
if (existsSync(firstPaint)) unlinkSync(firstPaint);

// 1c. No preload of the Wasm: the first paint is the HTML's, and a Wasm download started
//     before it competes with the stylesheet on a slow line; Lighthouse's simulated load
//     also counted the preload against the largest paint (mobile performance 76 with it,
//     99 without; docs/performance.md). The loader fetches the Wasm as soon as it runs.
html = html.replace(/<link\b[^>]*\brel=["']?preload["']?[^>]*_bg\.wasm[^>]*>|<link\b[^>]*_bg\.wasm[^>]*\brel=["']?preload["']?[^>]*>/g, '');

// 2. Checks.
if (!/http-equiv=["']?Content-Security-Policy/i.test(html)) fail('index.html has no Content-Security-Policy meta tag');
for (const m of html.matchAll(/<script\b([^>]*)>/g)) {
  if (!/\bsrc=/.test(m[1])) fail(`index.html still has an inline script: <script${m[1]}>`);
}
if (/\son[a-z]+=/i.test(html)) fail('index.html has an inline event handler attribute');
writeFileSync(indexPath, html);

// 3. The JavaScript API's entry (pwa/api.js), naming this build's hashed files.
const glue = readdirSync(dir).find((f) => /^tifa-[0-9a-f]+\.js$/.test(f));
const wasm = readdirSync(dir).find((f) => /^tifa-[0-9a-f]+_bg\.wasm$/.test(f));
if (!glue || !wasm) fail('no tifa-<hash>.js and tifa-<hash>_bg.wasm to point api.js at');
const api = readFileSync(fileURLToPath(new URL('api.js', import.meta.url)), 'utf8')
  .replaceAll('__TIFA_GLUE__', glue)
  .replaceAll('__TIFA_WASM__', wasm)
  .replaceAll('__TIFA_MANIFEST__', sharded ? manifestName : '');
if (api.includes('__TIFA_')) fail('pwa/api.js placeholders not replaced');
writeFileSync(join(dir, 'api.js'), api);

// 4. The service worker.
const swPath = join(dir, 'sw.js');
if (existsSync(swPath)) unlinkSync(swPath);
// The pieces of a sharded corpus are not precached: a view fetches those it reads, and
// the worker keeps each as it comes (pwa/sw.js). The manifest is precached.
const isPiece = (f) => /^(stems|words|places|records|documents|tokens|ids)-[0-9a-f]{16}\.bin$/.test(f);
const files = [];
const walk = (d) => {
  for (const entry of readdirSync(d).sort()) {
    const path = join(d, entry);
    if (statSync(path).isDirectory()) walk(path);
    else if (!(d === dir && isPiece(entry))) files.push(relative(dir, path).split(sep).join('/'));
  }
};
walk(dir);
const version = createHash('sha256');
const sums = {};
for (const f of files) {
  const bytes = readFileSync(join(dir, f));
  version.update(f).update('\0').update(bytes).update('\0');
  sums[f] = sha('sha256', bytes).toString('hex');
}
const template = readFileSync(fileURLToPath(new URL('sw.js', import.meta.url)), 'utf8');
const sw = template
  .replace("'__TIFA_VERSION__'", JSON.stringify(version.digest('hex').slice(0, 16)))
  .replace('__TIFA_PRECACHE__', JSON.stringify(sums, null, 2));
if (sw.includes('__TIFA_')) fail('pwa/sw.js placeholders not replaced');
writeFileSync(swPath, sw);
console.error(`postbuild: ${files.length} files precached in sw.js; loader moved out of index.html`);
