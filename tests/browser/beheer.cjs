#!/usr/bin/env node
'use strict';
// Drive /beheer/ (Decap CMS with loket's local backend) in Debian's headless Chromium the way an
// editor would: log in, create a service through the form, save, then change one field of an
// existing service and save. Runs axe-core on each screen, records requests to other hosts
// (blocked), and optionally saves screenshots for the README.
//
// Input (stdin, JSON): {"base": "http://127.0.0.1:PORT/beheer/", "tags": [...],
//   "create": {"naam", "samenvatting", "doelgroep", "thema", "online", "url", "datum",
//              "kosten": {"omschrijving", "bedrag"}},
//   "edit": {"id", "naam", "samenvatting"}, "screenshots": "/dir (optional)"}
// Output (stdout, JSON): {"pages": [{name, url, violations, externalRequests, failedLocalRequests, pageErrors,
//   error}], "created": "<slug from the address bar>"}
const fs = require('fs');
const os = require('os');
const path = require('path');
const lib = require('./lib.cjs');

async function axeRun(page, tags) {
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async (values) => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 10).map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 300),
        summary: (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300) })),
    }));
  }, tags);
}

// react-select (selects and relations): type to filter, pick the first matching option.
async function choose(page, label, text) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(text);
  await page.locator('[class*="-option"]', { hasText: text }).first().click();
}

async function publish(page) {
  await page.getByRole('button', { name: 'Publiceer' }).click();
  await page.getByText('Publiceer nu', { exact: true }).click();
  // The header says so once the backend has written the file.
  await page.getByText('Wijzigingen opgeslagen', { exact: true }).waitFor({ timeout: 60000 });
}

async function main() {
  const input = lib.readStdinJson();
  const browser = await lib.launch();
  const report = { pages: [] };
  let current = null;
  const page = await browser.context.newPage();
  const watcher = lib.watch(page);
  const shots = input.screenshots;
  async function check(name, screenshot) {
    current = { name, url: page.url() };
    try {
      current.violations = input.tags ? await axeRun(page, input.tags) : [];
      if (shots && screenshot) await page.screenshot({ path: path.join(shots, screenshot), fullPage: false });
    } catch (e) {
      current.error = String(e.message || e).split('\n')[0];
    }
    Object.assign(current, watcher.take(), { externalRequests: browser.takeExternal() });
    report.pages.push(current);
    watcher.reset();
  }
  try {
    // Decap is a 5 MB bundle: on a busy CI machine its first load can take a while.
    page.setDefaultTimeout(60000);
    await page.goto(input.base, { waitUntil: 'load', timeout: 180000 });
    await page.waitForSelector('button', { state: 'visible', timeout: 120000 });
    await check('inloggen');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('link', { name: /Diensten/ }).first().waitFor({ timeout: 60000 });
    await page.getByText(input.edit.naam).first().waitFor({ timeout: 60000 });
    await check('diensten', 'beheer-diensten.png');

    const c = input.create;
    await page.goto(`${input.base}#/collections/diensten/new`);
    const naam = page.getByLabel('Naam (verplicht)', { exact: true });
    await naam.waitFor({ timeout: 60000 });
    await naam.fill(c.naam);
    await page.getByLabel('Samenvatting (verplicht)', { exact: true }).fill(c.samenvatting);
    await choose(page, 'Doelgroep (verplicht)', c.doelgroep);
    await choose(page, "Thema's (verplicht)", c.thema);
    await choose(page, 'Online (verplicht)', c.online);
    if (c.url) await page.getByLabel('Adres van het online formulier (optioneel)', { exact: true }).fill(c.url);
    await page.getByRole('button', { name: 'Voeg kosten toe' }).click();
    await page.getByLabel('Omschrijving (verplicht)', { exact: true }).fill(c.kosten.omschrijving);
    await page.getByLabel('Bedrag (verplicht)', { exact: true }).fill(String(c.kosten.bedrag));
    await page.getByLabel('Gecontroleerd op (verplicht)', { exact: true }).fill(c.datum);
    await page.getByLabel('Naam (verplicht)', { exact: true }).scrollIntoViewIfNeeded();
    await check('nieuwe dienst', 'beheer-nieuwe-dienst.png');
    await publish(page);
    await page.waitForURL(/#\/collections\/diensten\/entries\//, { timeout: 60000 });
    report.created = decodeURIComponent(page.url().split('/entries/')[1] || '');
    await check('nieuwe dienst opgeslagen');

    // Through the list, as an editor would (a new address alone does not leave the open form).
    await page.getByRole('link', { name: /Terug naar/ }).first().click();
    await page.getByRole('link', { name: input.edit.naam }).first().click();
    await page.waitForURL(new RegExp(`/entries/${input.edit.id}$`), { timeout: 60000 });
    const samenvatting = page.getByLabel('Samenvatting (verplicht)', { exact: true });
    await samenvatting.waitFor({ timeout: 60000 });
    await page.waitForFunction(() => {
      const field = [...document.querySelectorAll('textarea')].find((t) => t.value.length > 0);
      return Boolean(field);
    }, null, { timeout: 60000 });
    await samenvatting.fill(input.edit.samenvatting);
    await check('dienst wijzigen', 'beheer-dienst-wijzigen.png');
    await publish(page);
    await check('dienst gewijzigd');
  } catch (e) {
    const error = String(e.message || e).split('\n')[0];
    report.pages.push({ name: 'stap mislukt', url: page.url(), error, ...watcher.take(), externalRequests: browser.takeExternal() });
    await page.screenshot({ path: path.join(os.tmpdir(), 'beheer-fout.png') }).catch(() => {});
    report.failureScreenshot = path.join(os.tmpdir(), 'beheer-fout.png');
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report));
  process.exit(report.pages.some((p) => p.error) ? 2 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
