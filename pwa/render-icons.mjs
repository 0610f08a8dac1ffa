// Renders the icons drawn in icon.svg and maskable.svg to the PNG sizes the web manifest
// lists, with the system Chromium. The PNGs are committed; run this after editing an SVG:
//   node pwa/render-icons.mjs      (from the repository root, after .ci/bootstrap)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/e2e/support.mjs';

const here = (f) => fileURLToPath(new URL(`icons/${f}`, import.meta.url));
const browser = await launch();
for (const [svg, size, out] of [
  ['icon.svg', 192, 'icon-192.png'],
  ['icon.svg', 512, 'icon-512.png'],
  ['maskable.svg', 512, 'maskable-512.png'],
  ['icon.svg', 180, 'apple-touch-icon.png'],
]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const data = readFileSync(here(svg), 'utf8');
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${data.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  await page.screenshot({ path: here(out), omitBackground: true });
  await page.close();
}
await browser.close();
