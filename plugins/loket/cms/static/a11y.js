// Accessible names and states Decap CMS 3 leaves out (found by axe-core in tests/test_beheer.py):
// the drag handles and the fold/remove buttons of list items and the Markdown box have no name. Applied to every
// part of the page Decap renders, as it renders it.
const NAMES = [
  ['[aria-roledescription="sortable"]:not([aria-label])', () => 'Slepen om de volgorde te wijzigen'],
  ['[class*="TopBarButton"]:not([aria-label])', (el) => (el.parentElement && el === el.parentElement.querySelector('[class*="TopBarButton"]')
    ? 'In- of uitklappen' : 'Verwijderen')],
  // The Markdown editor is a contenteditable box, not tied to the field's <label>.
  ['[role="textbox"][contenteditable]:not([aria-label])', (el) => fieldLabel(el)],
];

function fieldLabel(el) {
  for (let node = el.parentElement; node; node = node.parentElement) {
    const label = node.querySelector('label');
    if (label) return label.textContent.trim();
  }
  return 'Tekst';
}

function repair(root) {
  for (const [selector, name] of NAMES) {
    for (const el of root.querySelectorAll(selector)) {
      // Buttons with visible text are named already; a text box's content is not its name.
      if (el.getAttribute('role') === 'textbox' || !el.textContent.trim()) el.setAttribute('aria-label', name(el));
    }
  }
}

export function watchAccessibility(doc = document) {
  repair(doc);
  new MutationObserver(() => repair(doc)).observe(doc.body, { childList: true, subtree: true });
}
