// Start Decap CMS on /beheer/ with loket's file formats (loket-cms.js) and config.yml.
import YAML from './yaml/index.js';
import { registerFormats } from './loket-cms.js';
import { watchAccessibility } from './a11y.js';

const specs = await (await fetch('loket-formats.json', { cache: 'no-cache' })).json();
registerFormats(window.CMS, YAML, specs);
window.CMS.init();
watchAccessibility();
