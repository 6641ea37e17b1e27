// Registers lvyue's service worker (./sw.js, relative: the site works under any sub-path) and
// tells the user when a new release has taken over: "new version loaded, reload to use it".
// Nothing happens on file:// (the single file) or where service workers are unavailable.
(() => {
  if (location.protocol === 'file:' || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  const sw = navigator.serviceWorker;
  // A page that was already controlled and sees the controller change is running the old
  // release while the new one is active: it says so, quietly. A first visit says nothing.
  const hadController = !!sw.controller;
  sw.addEventListener('controllerchange', () => {
    if (!hadController || document.getElementById('update-notice')) return;
    const en = (document.documentElement.lang || '').startsWith('en');
    const notice = document.createElement('aside');
    notice.id = 'update-notice';
    notice.className = 'update-notice';
    notice.setAttribute('role', 'status');
    const text = document.createElement('span');
    text.textContent = en ? 'A new version of lvyue is loaded; reload to use it.'
      : '履约 lvyue 新版本已载入，刷新页面即可使用。';
    const reload = document.createElement('button');
    reload.type = 'button';
    reload.textContent = en ? 'Reload' : '刷新';
    reload.addEventListener('click', () => location.reload());
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', en ? 'Close' : '关闭');
    close.addEventListener('click', () => notice.remove());
    notice.append(text, reload, close);
    document.body.append(notice);
  });
  sw.register('./sw.js', { updateViaCache: 'none' }).catch((err) => {
    // Not fatal: the app works without it, only not offline.
    console.warn('lvyue: no offline copy (service worker not registered):', err);
  });
})();
