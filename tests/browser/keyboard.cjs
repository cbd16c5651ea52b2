#!/usr/bin/env node
'use strict';
// Keyboard walk: press Tab through a page in Debian's headless Chromium and
// record where focus goes, so the test can check the skip link comes first,
// every focused element shows a visible focus indicator, and focus gets past
// every control and back to the document (no keyboard trap).
//
// Input (stdin, JSON): {"pages": [{"name", "url", "waitFor"?}], "maxTabs": 400}
// Output (stdout, JSON): {"pages": [{name, url, steps: [{key, tag, id, classes, text, href,
//   visibleFocus, inViewport}], returned: true when focus left the last control
//   for the browser or came round to the first one, error}]}
const lib = require('./lib.cjs');

// Describe document.activeElement, and whether it shows a focus indicator:
// an outline or a box-shadow (Material and loket.css use both).
function describeFocus() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { tag: 'body' };
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const box = el.getBoundingClientRect();
  // A stable identity per element: class names change on focus (Material adds one).
  if (!el.dataset.loketFocus) el.dataset.loketFocus = String(document.querySelectorAll('[data-loket-focus]').length + 1);
  return {
    key: el.dataset.loketFocus,
    tag: el.tagName.toLowerCase(),
    id: el.id || '',
    classes: el.className && typeof el.className === 'string' ? el.className : '',
    text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 60),
    href: el.getAttribute('href') || '',
    visibleFocus: Boolean(outline || shadow),
    inViewport: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 &&
      box.top < window.innerHeight && box.left < window.innerWidth,
  };
}

async function walk(page, spec, maxTabs) {
  await lib.open(page, spec.url, spec.waitFor);
  const steps = [];
  let returned = false;
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(describeFocus);
    if (where.tag === 'body') {
      // Focus left the page's last control for the browser itself: no trap.
      returned = steps.length > 0;
      break;
    }
    if (steps.some((s) => s.key === where.key)) {
      // Focus came round to a control it already visited without passing the
      // browser: fine if that is the first one (a full cycle), a trap otherwise.
      returned = where.key === steps[0].key;
      if (!returned) steps.push(where);
      break;
    }
    steps.push(where);
  }
  return { steps, returned };
}

async function main() {
  const input = lib.readStdinJson();
  const browser = await lib.launch();
  const results = [];
  try {
    const page = await browser.context.newPage();
    for (const spec of input.pages) {
      const entry = { name: spec.name, url: spec.url };
      try {
        Object.assign(entry, await walk(page, spec, input.maxTabs || 400));
      } catch (e) {
        entry.error = String(e.message || e).split('\n')[0];
      }
      results.push(entry);
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({ pages: results }, null, 1) + '\n');
  process.exitCode = results.some((r) => r.error) ? 2 : 0;
}

main().catch((e) => { console.error(`keyboard.cjs: ${e.stack || e}`); process.exit(2); });
