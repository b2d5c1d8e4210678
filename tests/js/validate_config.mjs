// node validate_config.mjs config.yml [more.yml …]: check each Decap CMS
// configuration the way Decap does when the editor loads it
// (actions/config.js: parse, validate against its JSON schema with ajv,
// normalise, apply defaults for its backend), and check that every field's
// widget is one Decap has (an unknown name passes the schema but shows an
// "unknown widget" box in the editor).
// Prints {"file": ["problem", …]} as JSON; exits 1 if any file has a problem.
import { readFileSync } from 'node:fs';
import { loadConfigModules } from './decap_modules.mjs';

const decap = await loadConfigModules();

function unknownWidgets(fields, where, problems) {
  for (const [index, field] of (fields ?? []).entries()) {
    const path = `${where}/${index}`;
    const widget = field.widget ?? 'string';
    if (!decap.getWidget(widget)) problems.push(`${path}/widget: no widget named '${widget}'`);
    if (field.field) unknownWidgets([field.field], `${path}/field`, problems);
    unknownWidgets(field.fields, `${path}/fields`, problems);
    unknownWidgets(field.types, `${path}/types`, problems);
  }
}

function check(file) {
  const problems = [];
  const { error } = console;
  console.error = () => {}; // validateConfig logs what it then throws
  try {
    const config = decap.parseConfig(readFileSync(file, 'utf8'));
    try {
      decap.validateConfig(config);
    } catch (invalid) {
      if (!invalid.errors) throw invalid;
      for (const e of invalid.errors) problems.push(`${e.instancePath || '/'}: ${e.message}`);
    }
    if (problems.length === 0) {
      decap.applyDefaults(decap.normalizeConfig(config));
      for (const [index, collection] of (config.collections ?? []).entries()) {
        unknownWidgets(collection.fields, `/collections/${index}/fields`, problems);
      }
    }
  } catch (failure) {
    problems.push(String(failure?.message ?? failure));
  } finally {
    console.error = error;
  }
  return problems;
}

const report = Object.fromEntries(process.argv.slice(2).map((file) => [file, check(file)]));
process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
process.exit(Object.values(report).some((problems) => problems.length) ? 1 : 0);
