// Starts the app (pwa/postbuild.mjs writes it into the site as boot-<hash>.js, in place of
// Trunk's inline loader, with this build's file names). The page already shows its first
// paint, the header and the library written at build time; this fetches the code (never
// blocking the page) and starts the app, which takes over. **If the code cannot come —
// the network, the server's answer, bytes that are not a module — the page says so by
// name (pwa/first-paint.js's `tifaBootFailed`), keeps its first paint and its plain
// links, and offers to try again.**
const glueFile = '__TIFA_GLUE__';
const wasmFile = '__TIFA_WASM__';
const failed = (message) => globalThis.tifaBootFailed?.(message);

// After the first paint (the frame the page is painted in, then a task): the code's
// requests start a frame later, so a simulated slow load never dates the first paint
// after them (Lighthouse counted a request begun before the largest paint as its cause).
// A tab opened in the background paints no frame: then a timer starts them.
const afterFirstPaint = () =>
  new Promise((done) => {
    requestAnimationFrame(() => setTimeout(done, 0));
    setTimeout(done, 100);
  });

async function start() {
  await afterFirstPaint();
  let glue;
  try {
    glue = await import(`./${glueFile}`);
  } catch (e) {
    throw new Error(`Tifa's code (${glueFile}) could not be loaded: ${e.message}`);
  }
  let response;
  try {
    response = await fetch(new URL(`./${wasmFile}`, import.meta.url));
  } catch (e) {
    throw new Error(`Tifa's code (${wasmFile}) could not be fetched: ${e.message}`);
  }
  if (!response.ok) {
    throw new Error(`Tifa's code (${wasmFile}) could not be loaded: the server answered ${response.status} ${response.statusText}`);
  }
  let wasm;
  try {
    wasm = await glue.default({ module_or_path: response });
  } catch (e) {
    throw new Error(`Tifa's code (${wasmFile}) could not be started: ${e.message}`);
  }
  window.wasmBindings = glue;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
}

start().catch((e) => failed(e.message));
