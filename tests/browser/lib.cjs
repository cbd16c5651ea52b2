'use strict';
// Shared by the browser checks: launch Debian's headless Chromium through
// playwright-core (no downloaded browser) and watch what pages request.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.LOKET_CHROMIUM || '/usr/bin/chromium';
// --no-sandbox: needed when CI runs as root; acceptable because the browser
// only ever opens our own site on 127.0.0.1.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

function isLocal(url) {
  const u = new URL(url);
  return u.protocol === 'data:' || u.protocol === 'blob:' || u.hostname === '127.0.0.1';
}

// A fresh profile per run (no state between runs). Every request to another
// host is recorded and aborted, so nothing ever leaves the machine.
async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
  } catch (e) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }
  const external = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    external.push(url);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    // URLs of other hosts requested since the last call
    takeExternal: () => external.splice(0, external.length),
    close: async () => {
      try { await context.close(); } finally { fs.rmSync(userDataDir, { recursive: true, force: true }); }
    },
  };
}

// Failed local requests and uncaught errors of one page, collected until reset.
function watch(page) {
  const seen = { failed: [], errors: [] };
  page.on('response', (r) => {
    if (r.status() >= 400 && isLocal(r.url()) && !r.url().endsWith('/404.html')) seen.failed.push(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    const why = r.failure() ? r.failure().errorText : '';
    if (isLocal(r.url()) && !/ERR_ABORTED/.test(why)) seen.failed.push(`${why} ${r.url()}`);
  });
  page.on('pageerror', (e) => seen.errors.push(String(e.message || e).slice(0, 300)));
  return {
    reset: () => { seen.failed = []; seen.errors = []; },
    take: () => ({ failedLocalRequests: [...new Set(seen.failed)], pageErrors: seen.errors.slice() }),
  };
}

// Load a page and let Material's scripts settle (it builds parts of the UI in JS).
async function open(page, url, waitFor) {
  const response = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
  if (waitFor) await page.waitForSelector(waitFor, { state: 'visible', timeout: 60000 });
  return response ? response.status() : null;
}

function readStdinJson() {
  return JSON.parse(fs.readFileSync(0, 'utf8'));
}

module.exports = { launch, watch, open, readStdinJson, CHROMIUM };
