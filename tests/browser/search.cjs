#!/usr/bin/env node
'use strict';
// Run search queries on the results page in Debian's headless Chromium, as a resident would:
// open <base>zoeken/?q=…, wait until the status line reports a count, read the result links.
//
// Input (stdin, JSON): {"base": "http://127.0.0.1:PORT/", "queries": ["paspoort", ...],
//   "path": the results page (default "zoeken/"; English: "en/search/")}
// Output (stdout, JSON): {"pages": [{name: query, url, status: the announced count, urls: [path, ...],
//   suggestions: [...], requests: [[url, bytes], ...] (what the visit transferred, cache off),
//   externalRequests, failedLocalRequests, pageErrors, error}]}
const lib = require('./lib.cjs');

async function main() {
  const input = lib.readStdinJson();
  const browser = await lib.launch();
  const results = [];
  try {
    const page = await browser.context.newPage();
    const watcher = lib.watch(page);
    // Bytes per request as the network layer counts them (headers and body, as sent).
    const client = await page.context().newCDPSession(page);
    await client.send('Network.enable');
    await client.send('Network.setCacheDisabled', { cacheDisabled: true });
    const urls = new Map();
    let requests = [];
    client.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    client.on('Network.loadingFinished', (e) => requests.push([urls.get(e.requestId), e.encodedDataLength]));
    for (const query of input.queries) {
      watcher.reset();
      browser.takeExternal();
      requests = [];
      const url = `${input.base}${input.path || 'zoeken/'}?q=${encodeURIComponent(query)}`;
      const entry = { name: query, url };
      try {
        await page.goto(url, { waitUntil: 'load', timeout: 30000 });
        // zoeken.js marks the page when the results (or its error message) are shown
        await page.waitForSelector('#loket-zoeken[data-klaar]', { state: 'attached', timeout: 60000 });
        const outcome = await page.getAttribute('#loket-zoeken', 'data-klaar');
        if (outcome !== 'ja') throw new Error(`the results page reported an error (${outcome})`);
        await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
        Object.assign(entry, await page.evaluate(() => ({
          status: document.getElementById('zoekstatus').textContent,
          urls: [...document.querySelectorAll('#zoekresultaten a')].map((a) => new URL(a.href).pathname),
          suggestions: [...document.querySelectorAll('#zoeksuggesties .loket-zoeksuggestie a')].map((a) => a.textContent),
          links: [...document.querySelectorAll('#zoeksuggesties a')].map((a) => new URL(a.href).pathname),
        })));
      } catch (e) {
        entry.error = String(e.message || e).split('\n')[0];
      }
      entry.requests = requests.slice();
      entry.externalRequests = browser.takeExternal();
      Object.assign(entry, watcher.take());
      results.push(entry);
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({ pages: results }, null, 1) + '\n');
}

main().catch((e) => { console.error(`search.cjs: ${e.stack || e}`); process.exit(2); });
