// Runs before the first paint (a small classic script in <head>; the page's CSP allows
// no inline script). Two things the HTML written at build time cannot know:
// 1. the theme chosen on an earlier visit (localStorage 'tifa-theme', as the app's
//    use_theme hook stores it), so the page is not painted in the wrong colours first;
// 2. whether this address shows the library's first page, the view written into the
//    page: any parameter but `v` (the corpus version a link was made on) asks for
//    another view, whose content the app draws (html.other-view hides the list).
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
