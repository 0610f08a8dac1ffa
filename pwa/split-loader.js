// The rest of Tifa's code: what the page does not run to start and answer (the analysis
// views, the JavaScript API's mined answers, the exports). A release build is split in two
// after Trunk has built it (pwa/split.mjs, crates/tifa-split); this file is a template that
// pwa/split.mjs fills with the two names and writes beside the glue as tifa-<hash>_split.js.
//
// - early(url): the Wasm's URL for the boot script. On any address but the library's first
//   page (pwa/first-paint.js decides), and on any page the service worker controls, a
//   promise of its response instead, which settles once the rest is compiled too: both are
//   fetched side by side, and the view is drawn with all of its code (a search, a
//   statement, an analysis view may run code no profile saw).
// - rest(): fetch, compile and instantiate it. The boot script calls it once the app has
//   started; the app awaits it before reading the discoveries file (src/corpus.rs, through
//   globalThis.__tifaRest), api.js before it attaches them.
// - load(): the import every moved function's stub calls before its first call. If the
//   rest is not there yet, it is fetched on the spot, synchronously: the page waits, but
//   nothing fails. A synchronous request does not pass through the service worker, so
//   offline this works only once the rest is compiled; if it cannot be fetched, the page
//   says so and the call throws.
import { initSync } from './__TIFA_GLUE__';

const file = '__TIFA_REST__';
const url = new URL(`./${file}`, import.meta.url);
let compiled; // a promise of the compiled module, while and once fetched
let module; // the compiled module
let instance;

function compile() {
  compiled ??= fetch(url)
    .then((response) => {
      if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`);
      return response.arrayBuffer();
    })
    .then((bytes) => WebAssembly.compile(bytes))
    .then((m) => (module = m))
    .catch((e) => {
      compiled = undefined;
      throw new Error(`${file} could not be loaded: ${e.message}`);
    });
  return compiled;
}

function instantiate(m) {
  // Its element segment writes the moved functions into the primary's table.
  instance ??= new WebAssembly.Instance(m, { primary: initSync() });
}

export async function rest() {
  if (!instance) instantiate(await compile());
}
globalThis.__tifaRest = rest;

export function early(wasmUrl) {
  // pwa/first-paint.js has decided whether this address is the library's first page. A
  // page the service worker controls has the rest in its cache, a moment away, and may be
  // offline, where load() cannot fetch: there it is always awaited.
  const library = !document.documentElement.classList.contains('other-view');
  if (library && !navigator.serviceWorker?.controller) return wasmUrl;
  const wasm = fetch(wasmUrl);
  return compile().then(
    () => wasm,
    () => wasm,
  );
}

function fetchNow() {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', url, false);
  // Bytes, one per character: a synchronous request cannot ask for an ArrayBuffer.
  xhr.overrideMimeType('text/plain; charset=x-user-defined');
  xhr.send();
  if (xhr.status !== 200) throw new Error(`the server answered ${xhr.status} ${xhr.statusText}`);
  const text = xhr.responseText;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function load() {
  if (instance) return;
  if (module) return instantiate(module);
  try {
    instantiate(new WebAssembly.Module(fetchNow()));
  } catch (e) {
    const message = `Part of Tifa's code (${file}) could not be loaded: ${e.message}. Reload the page to try again.`;
    // Said once, however many calls fail.
    if (document.querySelector('.code-missing')) throw new Error(message);
    const alert = document.createElement('p');
    alert.className = 'notices code-missing';
    alert.setAttribute('role', 'alert');
    alert.textContent = message;
    document.body.prepend(alert);
    throw new Error(message);
  }
}
