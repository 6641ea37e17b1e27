// Loads the page's XLSX writer (dist/xlsx/lvyue_xlsx.js and its wasm, built by
// scripts/post-build.d/20-xlsx.sh) on the first XLSX export, and writes a workbook with it.
// Shipped as a file (a wasm-bindgen snippet imported by the app's JS): no eval, so it runs under
// a Content-Security-Policy of `script-src 'self'`.
//
// Hook: if `globalThis.__lvyueXlsx` is set (to the initialised module, or a promise of it, with
// `write_xlsx(modelJson) -> Uint8Array`), it is used and nothing is fetched: the one-file build
// sets it. From file:// without the hook the module cannot be fetched: an `XlsxLoadError` says so.

let loading = null;

class XlsxLoadError extends Error {
  constructor(message) {
    super(message);
    this.name = 'XlsxLoadError';
  }
}

async function load() {
  const hook = globalThis.__lvyueXlsx;
  if (hook) return hook;
  if (location.protocol === 'file:') throw new XlsxLoadError('the XLSX module cannot be fetched from file://');
  if (!loading) {
    loading = (async () => {
      const m = await import(new URL('xlsx/lvyue_xlsx.js', document.baseURI).href);
      await m.default();
      return m;
    })();
    // A failed load may be retried on the next click.
    loading.catch(() => { loading = null; });
  }
  try {
    return await loading;
  } catch (e) {
    throw new XlsxLoadError(String((e && e.message) || e));
  }
}

/** The workbook model (lvyue-workbook/1 JSON) as XLSX bytes (a Uint8Array). */
export async function writeXlsx(modelJson) {
  const m = await load();
  return m.write_xlsx(modelJson);
}
