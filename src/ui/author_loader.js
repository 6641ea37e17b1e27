// Loads the page's authoring module (dist/author/lvyue_author.js and its wasm, built by
// scripts/post-build.d/30-author.sh) on first use: the document reader, the drafter and the
// authoring view, and the workbook reader of the incident import (record tab). Shipped as a
// file (a wasm-bindgen snippet imported by the app's JS): no eval, so it runs under a
// Content-Security-Policy of `script-src 'self'`.
//
// Hook: if `globalThis.__lvyueAuthor` is set (to the initialised module, or a promise of it,
// with `read_document`, `read_sheet`, `draft` and `mount`), it is used and nothing is fetched: the one-file
// build sets it. From file:// without the hook the module cannot be fetched: an
// `AuthorLoadError` says so.

let loading = null;

class AuthorLoadError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AuthorLoadError';
  }
}

async function load() {
  const hook = globalThis.__lvyueAuthor;
  if (hook) return hook;
  if (location.protocol === 'file:') throw new AuthorLoadError('the authoring module cannot be fetched from file://');
  if (!loading) {
    loading = (async () => {
      const m = await import(new URL('author/lvyue_author.js', document.baseURI).href);
      await m.default();
      return m;
    })();
    // A failed load may be retried on the next try.
    loading.catch(() => { loading = null; });
  }
  try {
    return await loading;
  } catch (e) {
    throw new AuthorLoadError(String((e && e.message) || e));
  }
}

/** A document's bytes (Uint8Array) and name → its text; rejects with the reader's error as a
 *  JSON string `{"code","zh","en"}`, or with an `AuthorLoadError`. */
export async function readDocument(bytes, name) {
  const m = await load();
  return m.read_document(bytes, name);
}

/** A workbook's bytes (Uint8Array) and a sheet number (from 0) → the sheet as JSON
 *  (`{"sheets","sheet","rows","notes"}`); rejects with the reader's error as a JSON string
 *  `{"code","zh","en"}`, or with an `AuthorLoadError`. */
export async function readSheet(bytes, index) {
  const m = await load();
  return m.read_sheet(bytes, index);
}

/** A text → its draft (lvyue-draft/1 JSON). */
export async function draftText(text) {
  const m = await load();
  return m.draft(text);
}

/** Mounts the authoring view in `host`; `onDone(contractJson | null)` when it closes. */
export async function mountAuthor(host, inputJson, onDone) {
  const m = await load();
  m.mount(host, inputJson, onDone);
}
