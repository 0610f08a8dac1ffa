// An example of Tifa's JavaScript API (docs/api.md), served with the site at /api/.
// Everything is written as text (textContent), never as HTML.
import { load } from '../api.js';

const tifa = await load();
const status = document.getElementById('status');
const results = document.getElementById('results');

function item(text, href) {
  const li = document.createElement('li');
  if (href) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    li.append(a);
  } else {
    li.textContent = text;
  }
  return li;
}

function ask(words) {
  const found = tifa.search(`?q=${encodeURIComponent(words)}`);
  status.textContent = `${found.status} (corpus version ${tifa.version()})`;
  results.replaceChildren(
    ...found.hits.map((h) => item(`${h.statement.speaker.name}, ${h.statement.date.label}: “${h.statement.headline}”`, `../${h.statement.link}`)),
  );
}

document.getElementById('ask').addEventListener('submit', (e) => {
  e.preventDefault();
  ask(document.getElementById('q').value);
});
ask(document.getElementById('q').value);

// What is mined (formulations, reuse) comes in a file of its own: wait for it.
await tifa.discoveries;
const top = tifa.formulations('').rows.slice(0, 3);
document.getElementById('formulations').replaceChildren(
  ...top.map((f) => item(`“${f.formulation}”: ${f.statements} statements, ${f.speakers} speakers, first in this corpus: ${f.first_said_by} (${f.first.date.label})`)),
);
