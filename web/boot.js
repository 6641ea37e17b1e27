// Before the app runs: index.html shows a loading state (#boot) until the app mounts, and this
// script turns it into a message in both languages when WebAssembly cannot run — a browser
// too old to have it, one where it is switched off (a locked-down policy), or a wasm file that
// fails to load or instantiate — instead of a blank page. Written as ES5 on purpose: it must
// run in the old browsers it speaks to. It is a file of its own (not inline) so that the page's
// Content-Security-Policy needs no exception; the single file inlines it by hash.
(function () {
  var boot = document.getElementById('boot');
  if (!boot) return;
  var started = function () { return !!document.querySelector('[data-ready]'); };
  var fail = function (why) {
    if (started() || boot.getAttribute('data-state') === 'failed') return;
    boot.setAttribute('data-state', 'failed');
    boot.setAttribute('role', 'alert');
    var detail = document.getElementById('boot-detail');
    if (detail && why) detail.textContent = String(why).slice(0, 300);
  };
  var usable = false;
  try {
    // The smallest module there is: its header. Compiling it proves WebAssembly runs here.
    usable = typeof WebAssembly === 'object' && WebAssembly !== null &&
      typeof WebAssembly.instantiate === 'function' &&
      new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])) instanceof WebAssembly.Module;
  } catch (e) {
    usable = false;
  }
  if (!usable) {
    fail('WebAssembly is not available');
    return;
  }
  window.addEventListener('error', function (e) { fail(e && e.message); });
  window.addEventListener('unhandledrejection', function (e) {
    var r = e && e.reason;
    fail(r && r.message ? r.message : r);
  });
  // The app marks its root data-ready when it mounts: the loading state goes.
  if (typeof MutationObserver === 'function') {
    var watch = new MutationObserver(function () {
      if (!started()) return;
      watch.disconnect();
      if (boot.parentNode) boot.parentNode.removeChild(boot);
    });
    watch.observe(document.body, { childList: true });
  }
})();
