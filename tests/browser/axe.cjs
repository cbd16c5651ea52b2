#!/usr/bin/env node
'use strict';
// Visit pages in Debian's headless Chromium and report, per page, the axe-core
// violations for the given WCAG tags, every request to another host (blocked),
// the cookies set, failed local requests and uncaught script errors.
//
// Input (stdin, JSON): {"tags": ["wcag2a", ...], "axe": true,
//                       "pages": [{"name": "home", "url": "http://127.0.0.1:PORT/",
//                                  "waitFor": "CSS selector (optional)"}]}
// Output (stdout, JSON): {"axeVersion": "...", "pages": [{name, url, status,
//   violations: [{id, impact, help, nodes: [{target, html, summary}]}],
//   externalRequests, cookies, documentCookie, localStorageKeys,
//   failedLocalRequests, pageErrors, error}]}
// Exit 0 when every page could be checked (findings are in the JSON), 2 otherwise.
const fs = require('fs');
const lib = require('./lib.cjs');

async function axeRun(page, axeSource, tags) {
  await page.evaluate(axeSource);
  return page.evaluate(async (values) => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 10).map((n) => ({
        target: n.target.join(' '),
        html: n.html.slice(0, 300),
        summary: (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300),
      })),
    }));
  }, tags);
}

async function main() {
  const input = lib.readStdinJson();
  const axePath = require.resolve('axe-core/axe.min.js');
  const axeSource = fs.readFileSync(axePath, 'utf8');
  const axeVersion = require('axe-core/package.json').version;
  const browser = await lib.launch();
  const results = [];
  let broken = 0;
  try {
    const page = await browser.context.newPage();
    const watcher = lib.watch(page);
    for (const spec of input.pages) {
      const entry = { name: spec.name, url: spec.url, violations: [] };
      watcher.reset();
      browser.takeExternal();
      try {
        entry.status = await lib.open(page, spec.url, spec.waitFor);
        if (input.axe !== false) entry.violations = await axeRun(page, axeSource, input.tags);
        entry.documentCookie = await page.evaluate(() => document.cookie);
        entry.localStorageKeys = await page.evaluate(() => Object.keys(window.localStorage).sort());
      } catch (e) {
        entry.error = String(e.message || e).split('\n')[0];
        broken++;
      }
      entry.cookies = (await browser.context.cookies()).map((c) => `${c.domain} ${c.name}`);
      entry.externalRequests = [...new Set(browser.takeExternal())];
      Object.assign(entry, watcher.take());
      results.push(entry);
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({ axeVersion, chromium: lib.CHROMIUM, pages: results }, null, 1) + '\n');
  process.exitCode = broken ? 2 : 0;
}

main().catch((e) => { console.error(`axe.cjs: ${e.stack || e}`); process.exit(2); });
