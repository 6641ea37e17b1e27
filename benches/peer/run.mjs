// Peer benchmark: lvyue against Accord Project's Cicero on the late-delivery-and-penalty clause,
// in one Node process, on the same requests (see README.md). Run through run.sh, which installs
// Cicero into ./node_modules and builds dist/api/ when they are missing.
//
//   node benches/peer/run.mjs [--requests N] [--rounds R] [--json FILE]
//
// a. Cicero's shipped engine: the template loaded once, the clause parsed once, then
//    `engine.trigger(clause, request, state, now)` per request (a vm2 VM per call).
// b. a compiled-once harness: the template's compiled Ergo logic (its ScriptManager's
//    JavaScript) turned into a function once, then per request Cicero's own request validation,
//    the dispatch and Cicero's response validation (b), or the dispatch alone (b-bare).
// c. lvyue: `load(contract)` once, then `Contract.evaluate(events)` per request, full report and
//    compact; and the one-shot `evaluate(contract, events)` for reference.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const require = createRequire(path.join(here, 'package.json'));

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const N = Number(opt('--requests', 200));
const ROUNDS = Number(opt('--rounds', 7));
const jsonOut = opt('--json', null);

// ---------------------------------------------------------------- Cicero
// The template (late-delivery-and-penalty/, see PROVENANCE.md) declares `"cicero": "^0.23.0"`;
// Cicero 0.23.0 no longer installs on npm (its concerto-util needs an undeclared mkdirp), 0.24.0
// does and runs it unchanged. The stored template is kept as published, so the version check
// alone is relaxed here, in this process.
const Metadata = require('@accordproject/cicero-core/lib/metadata.js');
Metadata.prototype.satisfiesCiceroVersion = () => true;
const { Template, Clause } = require('@accordproject/cicero-core');
const { Engine } = require('@accordproject/cicero-engine');
const ergoRequire = createRequire(require.resolve('@accordproject/ergo-engine'));
const validate = ergoRequire('./lib/validateES6.js');
const ergoLogger = require('@accordproject/ergo-compiler').Logger;
const dayjs = ergoRequire('dayjs');
for (const p of ['utc', 'quarterOfYear', 'minMax', 'duration']) dayjs.extend(ergoRequire(`dayjs/plugin/${p}`));
const ciceroVersion = require('@accordproject/cicero-core/package.json').version;

const templateDir = path.join(here, 'late-delivery-and-penalty');
// offline: the external models the template imports (models.accordproject.org) are in its
// model/ folder as @models.accordproject.org.*.cto; nothing is fetched.
const template = await Template.fromDirectory(templateDir, { offline: true });
const clause = new Clause(template);
clause.parse(fs.readFileSync(path.join(templateDir, 'text/sample.md'), 'utf8'));
const clauseData = clause.getData();
const engine = new Engine();
const NS = 'org.accordproject.latedeliveryandpenalty';
const STATE = { $class: 'org.accordproject.runtime.State' };

// b: the compiled logic as a function, once.
const logicManager = template.getLogicManager();
const modelManager = logicManager.getModelManager();
const compiledJs = template.getScriptManager().getCompiledJavaScript();
const UTC_OFFSET = 0;
const makeLogic = new Function('dayjs', 'logger', 'utcOffset',
  `${compiledJs}\n;return { dispatch: __dispatch, unwrapError: unwrapError };`);
const logic = makeLogic(dayjs, ergoLogger, UTC_OFFSET);
const contractErgo = validate.validateContract(modelManager, clauseData, UTC_OFFSET).serialized;
const ergoOptions = validate.validateInput(modelManager,
  { $class: 'org.accordproject.ergo.options.Options', wrapVariables: false, template: false }, UTC_OFFSET);

function compiledTrigger(request, nowIso) {
  const now = dayjs.utc(nowIso).utcOffset(UTC_OFFSET);
  const req = validate.validateInput(modelManager, request, UTC_OFFSET);
  const state = validate.validateInput(modelManager, STATE, UTC_OFFSET);
  const result = logic.unwrapError(logic.dispatch({
    __now: now, __options: ergoOptions, __contract: contractErgo, __state: state,
    __emit: { $coll: [], $length: 0 }, request: req,
  }));
  return validate.validateOutput(modelManager, result.__response, UTC_OFFSET);
}

// b-bare: the dispatch alone, the request put in the compiled logic's own form by hand.
function bareTrigger(request, nowIso) {
  const req = {
    $class: { $coll: [request.$class], $length: 1 },
    $data: {
      forceMajeure: request.forceMajeure,
      agreedDelivery: dayjs.utc(request.agreedDelivery).utcOffset(UTC_OFFSET),
      deliveredAt: { $right: null },
      goodsValue: request.goodsValue,
    },
  };
  const result = logic.unwrapError(logic.dispatch({
    __now: dayjs.utc(nowIso).utcOffset(UTC_OFFSET), __options: ergoOptions, __contract: contractErgo,
    __state: { $class: { $coll: [STATE.$class], $length: 1 }, $data: {} },
    __emit: { $coll: [], $length: 0 }, request: req,
  }));
  return result.__response.$data;
}

// ---------------------------------------------------------------- lvyue
const apiDir = path.join(root, 'dist/api');
const lvyue = await import(pathToFileURL(path.join(apiDir, 'lvyue.js')).href);
await lvyue.default({ module_or_path: fs.readFileSync(path.join(apiDir, 'lvyue_bg.wasm')) });
const contractJson = fs.readFileSync(path.join(here, 'late-delivery.contract.json'), 'utf8');
const CONTRACT_ID = JSON.parse(contractJson).id;
const CLAUSE = 'late-delivery';
const prepared = lvyue.load(contractJson);

// ---------------------------------------------------------------- the requests
// Deterministic: agreed delivery dates over 2024–2025 at noon UTC, 1 to 40 days late (the cap
// binds from day 11, the right to terminate from day 16), goods values with cents from 100.00 to
// 1,000,000.00, force majeure in about one request in seven.
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const rand = rng(20240601);
const day = (d) => d.toISOString().slice(0, 10);
const requests = [];
for (let i = 0; i < N; i++) {
  const agreed = new Date(Date.UTC(2024, 0, 1 + Math.floor(rand() * 700), 12));
  const delay = 1 + Math.floor(rand() * 40);
  const delivered = new Date(agreed.getTime() + delay * 86400e3);
  const cents = 10000 + Math.floor(rand() * 99990001);
  const value = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  const forceMajeure = rand() < 1 / 7;
  requests.push({
    delay, value, forceMajeure,
    now: delivered.toISOString(),
    // Cicero's request (the template's LateDeliveryAndPenaltyRequest), "now" = the delivery
    cicero: {
      $class: `${NS}.LateDeliveryAndPenaltyRequest`,
      forceMajeure,
      agreedDelivery: agreed.toISOString(),
      deliveredAt: delivered.toISOString(),
      goodsValue: Number(value),
    },
    // the same request as lvyue's record (lvyue-events/2), built per request from the same parameters
    events: () => ({
      format: 'lvyue-events/2',
      contract: CONTRACT_ID,
      as_of: day(delivered),
      dates: { agreed_delivery: day(agreed), delivered: day(delivered) },
      facts: { amounts: { goods_value: value } },
      ...(forceMajeure ? { excuses: [{ clause: CLAUSE, excuse: 'force_majeure' }] } : {}),
    }),
  });
}

const fromReport = (text) => {
  const r = JSON.parse(text);
  const p = r.penalties.find((x) => x.clause === CLAUSE);
  return { penalty: p.total, terminate: p.rights.some((x) => x.right === 'terminate' && x.arises) };
};

// ---------------------------------------------------------------- the variants
const variants = {
  'a. Cicero engine.trigger': async (q) => {
    const r = await engine.trigger(clause, q.cicero, STATE, q.now, UTC_OFFSET);
    return { penalty: r.response.penalty, terminate: r.response.buyerMayTerminate };
  },
  'b. compiled once (+ Cicero validation)': (q) => {
    const r = compiledTrigger(q.cicero, q.now);
    return { penalty: r.penalty, terminate: r.buyerMayTerminate };
  },
  'b-bare. compiled once, logic alone': (q) => {
    const r = bareTrigger(q.cicero, q.now);
    return { penalty: r.penalty, terminate: r.buyerMayTerminate };
  },
  'c. lvyue Contract.evaluate (full)': (q) => fromReport(prepared.evaluate(JSON.stringify(q.events()))),
  'c. lvyue Contract.evaluate (compact)': (q) =>
    fromReport(prepared.evaluate(JSON.stringify(q.events()), '{"result":"compact"}')),
  'c. lvyue evaluate (one-shot)': (q) => fromReport(lvyue.evaluate(contractJson, JSON.stringify(q.events()), '')),
};

// ---------------------------------------------------------------- agreement
const toCents = (x) => Math.round(Number(x) * 100);
const results = {};
for (const [name, f] of Object.entries(variants)) {
  results[name] = [];
  for (const q of requests) results[name].push(await f(q));
}
const A = results['a. Cicero engine.trigger'];
const L = results['c. lvyue Contract.evaluate (full)'];
let disagreements = 0;
let terminateDiffers = 0;
let ciceroInexact = 0;
for (let i = 0; i < N; i++) {
  const q = requests[i];
  for (const name of Object.keys(variants)) {
    const base = name.startsWith('c.') ? L[i] : A[i];
    if (results[name][i].penalty !== base.penalty && toCents(results[name][i].penalty) !== toCents(base.penalty)) {
      console.log(`variant ${name} differs from its family at request ${i}`);
    }
  }
  const c = A[i].penalty;
  if (Math.abs(c * 100 - Math.round(c * 100)) > 1e-6) ciceroInexact++;
  if (toCents(c) !== toCents(L[i].penalty)) {
    disagreements++;
    console.log(`DISAGREE #${i}: ${q.delay} days late, value ${q.value}, FM ${q.forceMajeure}: ` +
      `Cicero ${c} (to the cent ${(toCents(c) / 100).toFixed(2)}), lvyue ${L[i].penalty}`);
  }
  if (A[i].terminate !== L[i].terminate) terminateDiffers++;
}
const fmCount = requests.filter((q) => q.forceMajeure).length;
const fmTerminate = requests.filter((q, i) => q.forceMajeure && A[i].terminate !== L[i].terminate).length;
console.log(`${N} requests (${fmCount} under force majeure); Cicero ${ciceroVersion}, lvyue ${lvyue.version()}`);
console.log(`penalty: ${N - disagreements}/${N} agree to the cent` +
  ` (Cicero's double rounded half-up to the cent; ${ciceroInexact} of its figures carry more than two decimals)`);
console.log(`buyer may terminate: ${N - terminateDiffers}/${N} agree` +
  (terminateDiffers ? `; ${fmTerminate} of the ${terminateDiffers} differences are force-majeure requests ` +
    '(the template answers buyerMayTerminate: true whenever force majeure excuses the delay; lvyue\'s excused delay gives no right)' : ''));

// ---------------------------------------------------------------- timing
async function round(f) {
  const t0 = process.hrtime.bigint();
  for (const q of requests) await f(q);
  return Number(process.hrtime.bigint() - t0) / 1e6 / N; // ms a request
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const timings = {};
for (const [name, f] of Object.entries(variants)) {
  for (let w = 0; w < 2; w++) await round(f); // warm-up
  const rs = [];
  for (let r = 0; r < ROUNDS; r++) rs.push(await round(f));
  timings[name] = { median: median(rs), min: Math.min(...rs), max: Math.max(...rs) };
}
const fmt = (ms) => (ms >= 0.1 ? ms.toFixed(3) : ms.toFixed(4));
console.log(`\nms a request, median of ${ROUNDS} rounds of ${N} requests (after 2 warm-up rounds):`);
for (const [name, t] of Object.entries(timings)) {
  console.log(`  ${name.padEnd(42)} ${fmt(t.median).padStart(8)}  (min ${fmt(t.min)}, max ${fmt(t.max)})`);
}
const ta = timings['a. Cicero engine.trigger'].median;
const tb = timings['b. compiled once (+ Cicero validation)'].median;
const tbb = timings['b-bare. compiled once, logic alone'].median;
const ratios = {};
console.log('\nratios (Cicero ÷ lvyue; > 1: lvyue faster):');
for (const name of ['c. lvyue Contract.evaluate (full)', 'c. lvyue Contract.evaluate (compact)', 'c. lvyue evaluate (one-shot)']) {
  const t = timings[name].median;
  ratios[name] = { vsEngine: ta / t, vsCompiled: tb / t, vsBare: tbb / t };
  console.log(`  ${name.padEnd(42)} vs a ${(ta / t).toFixed(2)}×, vs b ${(tb / t).toFixed(2)}×, vs b-bare ${(tbb / t).toFixed(3)}×`);
}
prepared.free();

if (jsonOut) {
  fs.writeFileSync(jsonOut, JSON.stringify({
    date: new Date().toISOString(), node: process.version, cicero: ciceroVersion, lvyue: lvyue.version(),
    requests: N, rounds: ROUNDS, agree: N - disagreements, terminateAgree: N - terminateDiffers, timings, ratios,
  }, null, 2));
}
