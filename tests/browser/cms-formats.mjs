// Run loket-cms.js's file formats in Node, as Decap runs them in the browser: read a file
// (fromFile), change the data as a form would, write it (toFile). For tests/test_cms_formats.py.
// Input (stdin, JSON): {"spec": {...one entry of loket-formats.json...}, "raw": "file text or null",
//   "set": {"dotted.path": value}, "delete": ["dotted.path"], "data": {... instead of raw + set ...}}
// Output (stdout): the file's new text.
import fs from 'node:fs';
import YAML from '../../plugins/loket/cms/vendor/yaml/index.js';
import { makeFormat } from '../../plugins/loket/cms/static/loket-cms.js';

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const format = makeFormat(YAML, input.spec);
const data = input.raw === null ? input.data : format.fromFile(input.raw);
for (const [path, value] of Object.entries(input.set || {})) {
  const keys = path.split('.');
  let target = data;
  for (const key of keys.slice(0, -1)) target = target[key] ??= {};
  target[keys.at(-1)] = value;
}
for (const path of input.delete || []) {
  const keys = path.split('.');
  let target = data;
  for (const key of keys.slice(0, -1)) target = target[key];
  delete target[keys.at(-1)];
}
process.stdout.write(format.toFile(data));
