// node render_widget.mjs < jobs.json: render a Decap CMS widget's form
// control (React, on the server) for a field of config.yml and a value as
// read from a file, to see whether the editor can open that value.
// Each job: {"field": the field's config, "value": the value}.
// Prints, per job, {"ok": true, "html": …} or {"ok": false, "error": …}.
import { readFileSync } from 'node:fs';
import { loadWidgetControl } from './decap_modules.mjs';

const jobs = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const { field, value } of jobs) {
  const render = await loadWidgetControl(field.widget ?? 'string');
  try {
    results.push({ ok: true, html: render(field, value) });
  } catch (error) {
    results.push({ ok: false, error: String(error?.message ?? error) });
  }
}
process.stdout.write(JSON.stringify(results));
