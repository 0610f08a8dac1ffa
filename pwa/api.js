// Tifa's JavaScript API (docs/api.md): import { load } from './api.js'; const tifa = await load();
// pwa/postbuild.mjs writes it into the site with this build's file names. Loading it does
// not mount the app. What is mined (formulations, reuse) is a file of its own, fetched in
// the background: await tifa.discoveries before formulations() and reuse().
import init, * as wasm from './__TIFA_GLUE__';

let ready, mined;

// How a wrong argument is named in an error.
const describe = (v) =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'an array'
      : typeof v === 'string'
        ? JSON.stringify(v)
        : typeof v === 'number' || typeof v === 'boolean' || v === undefined
          ? String(v)
          : typeof v === 'object'
            ? 'an object'
            : `a ${typeof v}`;

/** `value`, when it is a string; else a TypeError naming the function and the argument. */
function text(value, call, name, example) {
  if (typeof value !== 'string') {
    throw new TypeError(`${call}: ${name} must be a string such as ${example}, not ${describe(value)}`);
  }
  return value;
}

// The discoveries file beside the module, attached once; a failure is tried again by the
// next await of tifa.discoveries.
function discoveries() {
  mined ??= (async () => {
    const file = wasm.discoveriesFile();
    let response;
    try {
      response = await fetch(new URL(`./${file}`, import.meta.url));
    } catch (e) {
      throw new Error(`${file} could not be fetched: ${e.message}`);
    }
    if (!response.ok) throw new Error(`${file} could not be fetched: the server answered ${response.status} ${response.statusText}`);
    wasm.attachDiscoveries(new Uint8Array(await response.arrayBuffer()));
  })().catch((e) => {
    mined = undefined;
    throw e;
  });
  return mined;
}

// A site built in the sharded packing names its corpus manifest here (empty when the
// corpus is in the Wasm): the API answers over the whole corpus, so load() fetches it all.
const MANIFEST = '__TIFA_MANIFEST__';

export function load() {
  ready ??= init({ module_or_path: new URL('./__TIFA_WASM__', import.meta.url) })
    .then(() => (MANIFEST ? wasm.loadCorpus(new URL('./', import.meta.url).href, MANIFEST) : undefined))
    .then(() => {
      discoveries().catch(() => {});
      return Object.freeze({
        version: () => wasm.version(),
        search: (query = '') => wasm.search(text(query, 'search(query)', 'query', "'?q=rights'")),
        statement: (id) => wasm.statement(text(id, 'statement(id)', 'id', "'2020-06-24-zhao-lijian-hrc'")),
        track: (query) => wasm.track(text(query, 'track(query)', 'query', `'?f="shared future"'`)),
        keywords: (target, reference, options = {}) => {
          const call = 'keywords(target, reference, options)';
          if (options === null || typeof options !== 'object' || Array.isArray(options)) {
            throw new TypeError(`${call}: options must be an object such as { stems: true, min: 3 }, not ${describe(options)}`);
          }
          const { stems = false, min = 5, negative = false, order = 'g2', bonferroni = true } = options;
          if (!Number.isInteger(min) || min < 0 || min > 1e9) {
            throw new TypeError(`${call}: options.min must be a whole number such as 5, not ${describe(min)}`);
          }
          if (order !== 'g2' && order !== 'logratio') {
            throw new TypeError(`${call}: options.order must be 'g2' or 'logratio', not ${describe(order)}`);
          }
          return wasm.keywords(
            text(target, call, 'target', "'?speaker=zhao-lijian'"),
            reference === undefined || reference === null ? undefined : text(reference, call, 'reference', "'?from=2010'"),
            !!stems,
            min,
            !!negative,
            order === 'logratio',
            !!bonferroni,
          );
        },
        collocates: (query, options = {}) => {
          const call = 'collocates(query, options)';
          if (options === null || typeof options !== 'object' || Array.isArray(options)) {
            throw new TypeError(`${call}: options must be an object such as { left: 3, right: 3 }, not ${describe(options)}`);
          }
          const { left = 5, right = 5, min = 3, order = 'logdice', stems = false } = options;
          for (const [name, value] of [['left', left], ['right', right]]) {
            if (!Number.isInteger(value) || value < 0 || value > 10) {
              throw new TypeError(`${call}: options.${name} must be a whole number from 0 to 10, not ${describe(value)}`);
            }
          }
          if (!Number.isInteger(min) || min < 0 || min > 1e9) {
            throw new TypeError(`${call}: options.min must be a whole number such as 3, not ${describe(min)}`);
          }
          if (!['together', 'mi', 'mi3', 't', 'll', 'logdice'].includes(order)) {
            throw new TypeError(`${call}: options.order must be one of together, mi, mi3, t, ll, logdice, not ${describe(order)}`);
          }
          return wasm.collocates(text(query, call, 'query', "'?q=sovereignty&to=1989'"), left, right, min, order, !!stems);
        },
        clusters: (query = '', options = {}) => {
          const call = 'clusters(query, options)';
          if (options === null || typeof options !== 'object' || Array.isArray(options)) {
            throw new TypeError(`${call}: options must be an object such as { n: 3 }, not ${describe(options)}`);
          }
          const { n = 3, min = 2, order = 'freq' } = options;
          if (!Number.isInteger(n) || n < 2 || n > 8) {
            throw new TypeError(`${call}: options.n must be a whole number from 2 to 8, not ${describe(n)}`);
          }
          if (!Number.isInteger(min) || min < 1 || min > 1e9) {
            throw new TypeError(`${call}: options.min must be a whole number such as 2, not ${describe(min)}`);
          }
          if (!['freq', 'range', 'dp', 'dp-desc'].includes(order)) {
            throw new TypeError(`${call}: options.order must be one of freq, range, dp, dp-desc, not ${describe(order)}`);
          }
          return wasm.clusters(text(query, call, 'query', "'?from=2013'"), n, min, order);
        },
        dispersion: (query) => wasm.dispersion(text(query, 'dispersion(query)', 'query', "'?q=sovereignty'")),
        formulations: (query = '') =>
          wasm.formulations(text(query, 'formulations(query)', 'query', "'?sort=first'")),
        reuse: (id, kind) =>
          wasm.reuse(
            text(id, 'reuse(id, kind)', 'id', "'2020-06-24-zhao-lijian-hrc'"),
            kind === undefined ? undefined : text(kind, 'reuse(id, kind)', 'kind', "'all'"),
          ),
        get discoveries() {
          return discoveries();
        },
      });
    })
    // A failed load is tried again by the next call.
    .catch((e) => {
      ready = undefined;
      throw e;
    });
  return ready;
}
