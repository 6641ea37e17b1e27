// The example host (docs/embedding.md). ?app=URL points the frame at lvyue elsewhere (default:
// this site, ../); ?lang= and ?readonly= are passed on to the frame.
import init, { evaluate } from '../api/lvyue.js';

const PROTOCOL = 'lvyue-embed/1';
const params = new URLSearchParams(location.search);
const app = new URL(params.get('app') ?? '../', location.href);
const src = new URL('index.html', app);
src.searchParams.set('origins', location.origin);
src.searchParams.set('compact', '1');
for (const k of ['lang', 'readonly']) if (params.has(k)) src.searchParams.set(k, params.get(k));
const frame = document.querySelector('#app');
const received = [];

/** A decimal string with thousands separators, without going through floating point. */
export function money(s) {
  if (typeof s !== 'string') return String(s);
  const [int, frac = ''] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped}.${(frac + '00').slice(0, 2)}`;
}
const clause = (report, id) => report.penalties.find((p) => p.clause === id)?.total;

function send(msg) {
  frame.contentWindow.postMessage({ protocol: PROTOCOL, ...msg }, app.origin);
}

const pair = Promise.all(['contract', 'events'].map((k) =>
  fetch(`./examples/004-liyang-operations.${k}.json`).then((r) => r.text())));

window.addEventListener('message', (e) => {
  // Only the frame's own messages, in the protocol.
  if (e.origin !== app.origin || e.source !== frame.contentWindow) return;
  const m = e.data;
  if (!m || m.protocol !== PROTOCOL) return;
  received.push(m);
  document.querySelector('#count').textContent = String(received.length);
  document.querySelector('#last-type').textContent = m.type;
  document.querySelector('#log').textContent =
    `${m.type}${m.problems?.length ? `: ${m.problems.map((p) => p.en).join('; ')}` : ''}\n`
    + document.querySelector('#log').textContent;
  if (m.type === 'ready') {
    pair.then(([contract, events]) => send({ type: 'load', contract, events }));
  }
  if ((m.type === 'report' || m.type === 'changed') && m.report) {
    document.querySelector('#embed-total').textContent = money(m.report.totals.seller_pays);
    document.querySelector('#embed-clause').textContent = money(clause(m.report, '附件2-5.3'));
  }
});
frame.src = src.href;
// For tests and the console: what arrived, and a way to talk to the frame.
window.lvyueHost = { received, send, frame, appOrigin: app.origin };

// The same pair, evaluated by the JavaScript module with no UI.
await init();
const [contract, events] = await pair;
const report = JSON.parse(evaluate(contract, events, '{"lang":"en"}'));
document.querySelector('#api-total').textContent = money(report.totals.seller_pays);
document.querySelector('#api-clause').textContent = money(clause(report, '附件2-5.3'));
