// Issue 14: the built-in examples are static files of the site (dist/examples/, written by
// scripts/post-build.d/40-examples.sh), fetched when one is opened (src/ui/example_fetch.rs),
// not text inside the page's wasm. The default page fetches 004's two files and nothing else of
// examples/; the picker fetches another only when it is chosen; a file that cannot be fetched
// is said in the page, in Chinese and in English, and the work stays as it was.
import fs from 'node:fs';
import path from 'node:path';

export default function register(ctx) {
  const { s, expect, openApp, waitForTitle, waitForText, contractOf, EXAMPLE_IDS, dist, shots } = ctx;
  const exampleRequests = (page) => {
    const seen = [];
    page.on('request', (r) => {
      const m = r.url().match(/\/examples\/([^/?#]+)$/);
      if (m) seen.push(m[1]);
    });
    return seen;
  };
  // The aborted fetches of the failure tests are console errors the guard would report.
  const forgetAborted = (problems) => {
    for (let i = problems.length - 1; i >= 0; i--) {
      if (/examples\/|Failed to load resource|ERR_FAILED/.test(problems[i])) problems.splice(i, 1);
    }
  };

  s.test('example files: dist/examples holds the five examples, byte for byte, and the page\'s wasm none of them', async () => {
    const wasm = fs.readdirSync(dist).filter((f) => /^lvyue-web-.*_bg\.wasm$/.test(f));
    expect(wasm.length === 1, `${wasm.length} app wasm files in dist`);
    const bytes = fs.readFileSync(path.join(dist, wasm[0]));
    for (const id of EXAMPLE_IDS) {
      for (const part of ['contract', 'events']) {
        const name = `${id}.${part}.json`;
        const shipped = fs.readFileSync(path.join(dist, 'examples', name));
        const source = fs.readFileSync(path.join(ctx.here, '../../examples', name));
        expect(shipped.equals(source), `dist/examples/${name} differs from examples/${name}`);
        expect(!bytes.includes(source), `the app's wasm carries examples/${name}`);
      }
    }
    // Nor any part of one: a slice from the middle of each contract (its clauses) is not in
    // the module either (a check by content, not by the module's size, which other work moves).
    for (const id of EXAMPLE_IDS) {
      const source = fs.readFileSync(path.join(ctx.here, '../../examples', `${id}.contract.json`));
      const mid = Math.floor(source.length / 2);
      const slice = source.subarray(mid, Math.min(source.length, mid + 256));
      expect(slice.length >= 64 && !bytes.includes(slice), `the app's wasm carries part of examples/${id}.contract.json`);
    }
  });

  s.test('example files: the default page fetches 004\'s two files only; the picker fetches 000 when chosen, once', async ({ page, origin }) => {
    const seen = exampleRequests(page);
    await openApp(page, origin);
    await waitForTitle(page, contractOf('004-liyang-operations').title);
    expect(JSON.stringify(seen.sort()) === JSON.stringify(['004-liyang-operations.contract.json', '004-liyang-operations.events.json']),
      `the default page fetched ${seen.join(', ')}`);
    await page.selectOption('#example-select', '000-cloud-services');
    await waitForTitle(page, contractOf('000-cloud-services').title);
    expect(seen.filter((f) => f.startsWith('000-')).length === 2, `opening 000 fetched ${seen.join(', ')}`);
    // Back to 004 and to 000 again: both are at hand, nothing more is fetched.
    await page.selectOption('#example-select', '004-liyang-operations');
    await waitForTitle(page, contractOf('004-liyang-operations').title);
    await page.selectOption('#example-select', '000-cloud-services');
    await waitForTitle(page, contractOf('000-cloud-services').title);
    expect(seen.length === 4, `reopening fetched again: ${seen.join(', ')}`);
  });

  s.test('example files: an example that cannot be fetched is said in the page (zh) and the open work stays', async ({ page, origin, problems }) => {
    await page.route('**/examples/001-*', (r) => r.abort());
    await openApp(page, origin);
    await waitForTitle(page, contractOf('004-liyang-operations').title);
    await page.selectOption('#example-select', '001-oa-maintenance');
    await waitForText(page, '#load-failure', '无法载入示例合同', 10000);
    const text = await page.textContent('#load-failure');
    expect(text.includes('001 OA 平台维护'), `the failure does not name the example: ${text}`);
    expect(text.includes('examples/001-oa-maintenance.contract.json'), `the failure does not name the file: ${text}`);
    // The work is still 004's, with its figures.
    expect((await page.textContent('#contract-title')).includes(contractOf('004-liyang-operations').title), 'the open work was replaced');
    await page.screenshot({ path: path.join(shots, 'example-fetch-failed-zh.png') });
    forgetAborted(problems);
  });

  s.test('example files: a page whose default example cannot be fetched says so in English, not a blank page', async ({ page, origin, problems }) => {
    await page.route('**/examples/004-*', (r) => r.abort());
    await page.goto(`${origin}/?lang=en`);
    await page.waitForSelector('[data-ready="1"]', { timeout: 15000 });
    await waitForText(page, '#load-failure', 'the example could not be loaded', 10000);
    const text = await page.textContent('#load-failure');
    expect(text.includes('004 Smart-healthcare operations'), `the failure does not name the example: ${text}`);
    await page.screenshot({ path: path.join(shots, 'example-fetch-failed-en.png') });
    // The rest of the page works: another example still opens.
    await page.unroute('**/examples/004-*');
    await page.selectOption('#example-select', '003-insurance-datacentre');
    await waitForTitle(page, contractOf('003-insurance-datacentre').title);
    forgetAborted(problems);
  });
}
