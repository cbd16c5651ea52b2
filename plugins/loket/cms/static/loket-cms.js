// loket's file formats for Decap CMS: files are saved the way `loket new` writes them, and an
// edit changes only the lines of the fields the editor touched.
//
// Decap would re-serialise the whole file from the form data, dropping comments (such as the
// `# yaml-language-server: $schema=…` first line) and restyling every value. Instead, each format
// keeps the file's text with the entry (under RAW, a key no form field shows) and, on save,
// splices new text into it only where a value changed; values that did not change keep their
// bytes, comments included. New files get the schema comment and the schema's key order.
//
// The key order and list style per collection come from loket-formats.json, which loket
// generates from the JSON Schemas together with config.yml (plugins/loket/cms/config.py).
// An ES module with no dependencies of its own: the caller passes the `yaml` library in, so the
// same code runs in the browser (/beheer/) and in Node (tests).

export const RAW = '__loket_brontekst';
const LINE_WIDTH = 92;
const FOLD_OVER = 80; // one-line strings longer than this are written as a folded block (>-)
// Plain words YAML 1.1 (PyYAML, which loket reads with) takes for booleans or null: always quoted.
const YAML11_SPECIAL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

export function isEmpty(value) {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.values(value).every(isEmpty);
  return false;
}

// The value as loket writes it: empty fields left out, keys in the schema's order (unknown keys after).
export function clean(value, order) {
  if (Array.isArray(value)) {
    const items = value.map((item) => clean(item, order && order.items)).filter((item) => !isEmpty(item));
    return items;
  }
  if (!isObject(value)) return typeof value === 'string' ? value.replace(/\r\n/g, '\n') : value;
  const keys = (order && order.keys) || {};
  const names = [...Object.keys(keys).filter((k) => k in value), ...Object.keys(value).filter((k) => !(k in keys))];
  const out = {};
  for (const name of names) {
    if (name === RAW) continue;
    const item = clean(value[name], keys[name]);
    if (!isEmpty(item)) out[name] = item;
  }
  return out;
}

function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (isObject(value)) {
    const out = {};
    for (const k of Object.keys(value).sort()) out[k] = canonical(value[k]);
    return out;
  }
  return value;
}
const same = (a, b) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

// Give a freshly created node loket's style: short lists on one line, long text as a block.
function style(YAML, node, order) {
  if (YAML.isScalar(node)) {
    // Amounts as in loket's files: 125.50, not 125.5 (whole numbers such as budgets stay whole).
    if (typeof node.value === 'number' && !Number.isInteger(node.value)) node.minFractionDigits = 2;
    if (typeof node.value !== 'string') return;
    if (node.value.includes('\n')) node.type = 'BLOCK_LITERAL';
    else if (node.value.length > FOLD_OVER) node.type = 'BLOCK_FOLDED';
    else if (YAML11_SPECIAL.test(node.value)) node.type = 'QUOTE_DOUBLE';
    return;
  }
  if (YAML.isSeq(node)) {
    if (order && order.flow) node.flow = true;
    for (const item of node.items) style(YAML, item, order && order.items);
    return;
  }
  if (YAML.isMap(node)) {
    const keys = (order && order.keys) || {};
    for (const pair of node.items) style(YAML, pair.value, keys[pair.key.value !== undefined ? pair.key.value : pair.key]);
  }
}

function toText(YAML, value, order) {
  const doc = new YAML.Document(value);
  style(YAML, doc.contents, order);
  return doc.toString({ lineWidth: LINE_WIDTH, minContentWidth: 30, indentSeq: true, flowCollectionPadding: false });
}

function indentLines(text, indent) {
  const pad = ' '.repeat(indent);
  return text.split('\n').map((line, i) => (i === 0 || line === '' ? line : pad + line)).join('\n');
}

const lineStart = (raw, pos) => raw.lastIndexOf('\n', pos - 1) + 1;
function lineEnd(raw, pos) {
  if (pos > 0 && raw[pos - 1] === '\n') return pos;
  const nl = raw.indexOf('\n', pos);
  return nl === -1 ? raw.length : nl + 1;
}
function pairEnd(raw, pair) {
  const node = pair.value && pair.value.range ? pair.value : pair.key;
  return lineEnd(raw, node.range[1]);
}

function pairText(YAML, key, value, order, indent) {
  let text = toText(YAML, { [key]: value }, { keys: { [key]: order } });
  if (!text.endsWith('\n')) text += '\n';
  return indentLines(text, indent);
}

// Splice changes into a block mapping; `edits` collects {start, end, text}.
function mergeMap(YAML, raw, map, value, order, edits) {
  const keys = (order && order.keys) || {};
  const present = new Map(map.items.map((pair) => [String(pair.key.value), pair]));
  const indent = map.items.length ? map.items[0].key.range[0] - lineStart(raw, map.items[0].key.range[0]) : 0;
  for (const [key, pair] of present) {
    const old = clean(pair.value && YAML.isNode(pair.value) ? pair.value.toJSON() : pair.value, keys[key]);
    const wanted = value[key];
    if (isEmpty(wanted)) {
      // Left empty in the form: removed, unless it was empty in the file too (e.g. `kosten: []`).
      if (!isEmpty(old)) edits.push({ start: lineStart(raw, pair.key.range[0]), end: pairEnd(raw, pair), text: '' });
      continue;
    }
    if (same(old, wanted)) continue;
    if (YAML.isMap(pair.value) && !pair.value.flow && pair.value.items.length && isObject(wanted)) {
      mergeMap(YAML, raw, pair.value, wanted, keys[key], edits);
      continue;
    }
    const start = pair.key.range[0];
    edits.push({ start, end: pairEnd(raw, pair), text: pairText(YAML, key, wanted, keys[key], start - lineStart(raw, start)) });
  }
  // New keys go after the nearest key before them in the schema's order.
  const order_ = [...Object.keys(keys), ...Object.keys(value).filter((k) => !(k in keys))];
  for (const key of Object.keys(value)) {
    if (present.has(key) || isEmpty(value[key])) continue;
    let at = null;
    for (const before of order_.slice(0, order_.indexOf(key)).reverse()) {
      if (present.has(before)) { at = pairEnd(raw, present.get(before)); break; }
    }
    if (at === null) at = map.items.length ? lineStart(raw, map.items[0].key.range[0]) : raw.length;
    edits.push({ start: at, end: at, text: ' '.repeat(indent) + pairText(YAML, key, value[key], keys[key], indent) });
  }
}

// The file's new text: the old text with only the changed fields rewritten.
export function mergeYaml(YAML, raw, value, order) {
  const doc = YAML.parseDocument(raw);
  if (doc.errors.length || !YAML.isMap(doc.contents) || doc.contents.flow) return null;
  const edits = [];
  mergeMap(YAML, raw, doc.contents, value, order, edits);
  // Insertions at the same place keep their schema order: apply from the end, stable per position.
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  const byPlace = [];
  for (const edit of edits) {
    const last = byPlace[byPlace.length - 1];
    if (last && last.start === edit.start && last.end === edit.end && edit.start === edit.end) last.text = last.text + edit.text;
    else byPlace.push({ ...edit });
  }
  let text = raw;
  for (const edit of byPlace.sort((a, b) => b.start - a.start)) {
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  }
  return text;
}

export function newYaml(YAML, value, order, header) {
  const body = isEmpty(value) ? '' : toText(YAML, value, order);
  return (header ? header + '\n' : '') + body;
}

function yamlText(YAML, raw, value, spec) {
  const merged = raw ? mergeYaml(YAML, raw, value, spec.order) : null;
  return merged !== null ? merged : newYaml(YAML, value, spec.order, spec.header);
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)^---[ \t]*(\r?\n|$)/m;

function splitFrontMatter(text) {
  const match = text.match(FRONT_MATTER);
  if (!match || match.index !== 0) return { fm: '', body: text };
  return { fm: match[1], body: text.slice(match[0].length) };
}

// One Decap format per collection kind.
export function makeFormat(YAML, spec) {
  if (spec.kind === 'map') {
    // A map of id → entry (themas.yml, doelen.yml), shown in the form as a list with an id field.
    return {
      fromFile(text) {
        const data = YAML.parse(text) || {};
        const items = Object.entries(isObject(data) ? data : {}).map(([id, entry]) => ({ id, ...(isObject(entry) ? entry : {}) }));
        return { [spec.list]: items, [RAW]: text };
      },
      toFile(data) {
        const map = {};
        for (const item of data[spec.list] || []) {
          if (!item || isEmpty(item.id)) continue;
          const { id, ...entry } = item;
          map[id] = clean(entry, spec.order && { keys: spec.order });
        }
        const order = { keys: Object.fromEntries(Object.keys(map).map((id) => [id, { keys: spec.order }])) };
        const raw = data[RAW];
        const merged = raw ? mergeYaml(YAML, raw, map, order) : null;
        return merged !== null ? merged : newYaml(YAML, map, order, spec.header);
      },
    };
  }
  if (spec.kind === 'frontmatter') {
    return {
      fromFile(text) {
        const { fm, body } = splitFrontMatter(text);
        const data = (fm && YAML.parse(fm)) || {};
        return { ...(isObject(data) ? data : {}), body: body.replace(/^\n/, ''), [RAW]: text };
      },
      toFile(data) {
        const { body = '', [RAW]: raw, ...fields } = data;
        const value = clean(fields, { keys: spec.order });
        const old = raw ? splitFrontMatter(raw) : { fm: '', body: '' };
        const fm = yamlText(YAML, old.fm || null, value, { order: { keys: spec.order } });
        const newBody = old.body.trim() === String(body).trim() ? old.body : '\n' + String(body).trim() + '\n';
        return `---\n${fm}${fm.endsWith('\n') ? '' : '\n'}---\n${newBody}`;
      },
    };
  }
  return {
    fromFile(text) {
      const data = YAML.parse(text) || {};
      return { ...(isObject(data) ? data : {}), [RAW]: text };
    },
    toFile(data) {
      return yamlText(YAML, data[RAW], clean(data, { keys: spec.order }), { ...spec, order: { keys: spec.order } });
    },
  };
}

// Register every loket format with Decap (window.CMS) before CMS.init().
export function registerFormats(CMS, YAML, specs) {
  for (const [name, spec] of Object.entries(specs)) {
    const extension = spec.kind === 'frontmatter' ? 'md' : 'yml';
    CMS.registerCustomFormat(name, extension, makeFormat(YAML, spec));
  }
}
