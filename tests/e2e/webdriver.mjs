// A minimal W3C WebDriver client over fetch, for browsers that playwright-core cannot drive
// (Debian's Firefox ESR through geckodriver). No dependency: Node's fetch and child_process.
//
//   const driver = await startDriver('geckodriver');        // spawns it on a free port
//   const s = await Session.create(driver.url, capabilities);
//   await s.navigate(url); const el = await s.find('#id'); await s.click(el); …
//   await s.delete(); await driver.stop();

import { spawn } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

async function freePort() {
  const srv = net.createServer();
  await new Promise((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address();
  await new Promise((ok) => srv.close(ok));
  return port;
}

/** Spawns a WebDriver server (geckodriver, chromedriver) on a free port and waits for it. */
export async function startDriver(binary, args = []) {
  const port = await freePort();
  const child = spawn(binary, [`--port=${port}`, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((ok) => child.once('exit', (code) => ok(code)));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    try {
      const r = await fetch(`${url}/status`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (child.exitCode !== null) throw new Error(`${binary} exited (${child.exitCode}):\n${log}`);
    if (Date.now() - started > 20000) { child.kill(); throw new Error(`${binary} never answered:\n${log}`); }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  return {
    url,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}

export class WebDriverError extends Error {
  constructor(method, path, status, value) {
    super(`WebDriver ${method} ${path} → ${status}: ${value?.error ?? ''} ${value?.message ?? JSON.stringify(value)}`);
    this.code = value?.error;
  }
}

async function call(base, method, path, body) {
  const r = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch { json = { value: { error: 'not json', message: text } }; }
  if (!r.ok) throw new WebDriverError(method, path, r.status, json.value);
  return json.value;
}

/** One browser session. Elements are the spec's references ({ [ELEMENT]: id }). */
export class Session {
  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }

  static async create(driverUrl, alwaysMatch) {
    const v = await call(driverUrl, 'POST', '/session', { capabilities: { alwaysMatch, firstMatch: [{}] } });
    return new Session(driverUrl, v.sessionId, v.capabilities);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  navigate(url) { return this.cmd('POST', '/url', { url }); }
  refresh() { return this.cmd('POST', '/refresh', {}); }
  url() { return this.cmd('GET', '/url'); }
  setTimeouts(t) { return this.cmd('POST', '/timeouts', t); }
  setWindowRect(rect) { return this.cmd('POST', '/window/rect', rect); }

  /** The first element matching a CSS selector (throws "no such element"). */
  async find(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return v[ELEMENT];
  }
  async findAll(css) {
    const v = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT]);
  }
  click(el) { return this.cmd('POST', `/element/${el}/click`, {}); }
  clear(el) { return this.cmd('POST', `/element/${el}/clear`, {}); }
  sendKeys(el, text) { return this.cmd('POST', `/element/${el}/value`, { text }); }
  /** Types `text` as key presses (the Actions API): what a person's keyboard sends. Unlike
   * sendKeys, which geckodriver turns into setting the whole value of a date input at once. */
  keys(text) {
    const actions = [...text].flatMap((c) => [{ type: 'keyDown', value: c }, { type: 'keyUp', value: c }]);
    return this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }
  /** Focuses an element (its first part, for a date input). */
  focus(el) { return this.execute('arguments[0].focus();', Session.ref(el)); }
  text(el) { return this.cmd('GET', `/element/${el}/text`); }
  property(el, name) { return this.cmd('GET', `/element/${el}/property/${name}`); }

  /** Runs `script` (a function body; `arguments` holds `args`) and returns its value. */
  execute(script, ...args) { return this.cmd('POST', '/execute/sync', { script, args }); }
  /** Runs `script` whose last argument is a callback to call with the result. */
  executeAsync(script, ...args) { return this.cmd('POST', '/execute/async', { script, args }); }
  /** An element reference to pass as an argument of execute. */
  static ref(el) { return { [ELEMENT]: el }; }

  async screenshot(file) {
    const png = await this.cmd('GET', '/screenshot');
    fs.writeFileSync(file, Buffer.from(png, 'base64'));
  }

  delete() { return call(this.base, 'DELETE', `/session/${this.id}`); }

  /** Polls `fn` (async, returning a truthy value when done) until it succeeds or times out. */
  async waitFor(fn, what, timeout = 10000) {
    const started = Date.now();
    let last;
    for (;;) {
      try {
        const v = await fn();
        if (v) return v;
      } catch (e) { last = e; }
      if (Date.now() - started > timeout) {
        throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
      }
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }

  /** Waits until the text of `css` contains `needle`; returns the text. */
  waitForText(css, needle, timeout = 10000) {
    return this.waitFor(async () => {
      const t = await this.execute('return document.querySelector(arguments[0])?.textContent ?? null;', css);
      return t !== null && t.includes(needle) ? t : null;
    }, `${css} to contain "${needle}"`, timeout);
  }
}
