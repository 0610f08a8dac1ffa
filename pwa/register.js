// Registers the service worker (pwa/sw.js) and announces updates: when a new version has
// been downloaded while this page runs an older one, a "reload to update" prompt appears.
// Nothing is replaced until the user accepts; then the new worker takes over and the page
// reloads once into the new version. Text only: no HTML is ever built from strings here.
const sw = navigator.serviceWorker;
let accepted = false;

function prompt(worker) {
  if (document.getElementById('update-prompt')) return;
  const box = document.createElement('div');
  box.id = 'update-prompt';
  box.className = 'update-prompt';
  box.setAttribute('role', 'status');
  const text = document.createElement('span');
  text.textContent = 'A new version of Tifa is ready.';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Reload to update';
  button.addEventListener('click', () => {
    accepted = true;
    button.disabled = true;
    button.textContent = 'Updating…';
    worker.postMessage({ type: 'SKIP_WAITING' });
  });
  const later = document.createElement('button');
  later.type = 'button';
  later.className = 'secondary';
  later.textContent = 'Not now';
  later.addEventListener('click', () => box.remove());
  box.append(text, button, later);
  document.body.append(box);
}

async function register() {
  const registration = await sw.register('./sw.js', { scope: './' });
  // A version downloaded earlier that still waits for this page.
  if (registration.waiting && sw.controller) prompt(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      // With no controller this is the first install, not an update.
      if (worker.state === 'installed' && sw.controller) prompt(worker);
    });
  });
  sw.addEventListener('controllerchange', () => {
    if (accepted) location.reload();
  });
  // Look for a new version when the tab comes back to the foreground.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') registration.update().catch(() => {});
  });
  document.documentElement.dataset.sw = 'registered';
}

if (sw && window.isSecureContext) {
  // After the app has started: registering must never delay the first paint.
  if (document.readyState === 'complete') register().catch((e) => console.warn('tifa: offline mode unavailable:', e));
  else addEventListener('load', () => register().catch((e) => console.warn('tifa: offline mode unavailable:', e)));
}
