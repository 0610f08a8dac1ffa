// Runs before the first paint (a small classic script in <head>; the page's CSP allows
// no inline script). Three things the HTML written at build time cannot know:
// 1. the theme chosen on an earlier visit (localStorage 'tifa-theme', as the app's
//    use_theme hook stores it), so the page is not painted in the wrong colours first;
// 2. whether this address shows the library's first page, the view written into the
//    page: any parameter but `v` (the corpus version a link was made on) asks for
//    another view, whose content the app draws (html.other-view hides the list);
// 3. a part of the page that could not be loaded (a script, the stylesheet, the code the
//    boot script fetches): `tifaBootFailed(message)` says so by name in the first paint's
//    status line, with a button to try again; the first paint and its links stay. Text
//    only: no HTML is ever built from strings here.
try {
  const theme = localStorage.getItem('tifa-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // Storage switched off: the system's theme.
}
if ([...new URLSearchParams(location.search).keys()].some((k) => k !== 'v')) {
  document.documentElement.classList.add('other-view');
  // The written header names the library as the current view: not so here (the style
  // hides the mark at once; this tells screen readers too, once the page is parsed).
  document.addEventListener('DOMContentLoaded', () => {
    for (const el of document.querySelectorAll('.prerendered .site-nav [aria-current]')) el.removeAttribute('aria-current');
  });
}
globalThis.tifaBootFailed = (message) => {
  const show = () => {
    // Once the app has taken over, its own views say what they miss.
    const status = document.querySelector('.prerendered .boot-status');
    if (!status) return;
    document.documentElement.classList.add('boot-failed');
    status.setAttribute('role', 'alert');
    const text = document.createElement('span');
    text.textContent = `${message}. The page shows the copy written when the site was built; its links still work. `;
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'retry';
    retry.textContent = 'Try again';
    retry.addEventListener('click', () => location.reload());
    status.replaceChildren(text, retry);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
};
// A script or stylesheet of the page that fails to load (an error event does not bubble:
// caught on its way down).
addEventListener(
  'error',
  (e) => {
    const el = e.target;
    const src = el instanceof HTMLScriptElement ? el.src : el instanceof HTMLLinkElement ? el.href : '';
    if (!src) return;
    const name = src.slice(src.lastIndexOf('/') + 1);
    globalThis.tifaBootFailed(`Part of Tifa (${name}) could not be loaded`);
  },
  true,
);
