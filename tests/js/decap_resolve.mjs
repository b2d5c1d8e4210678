import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// A module resolve hook for running Decap CMS's own ES modules in Node, as
// its bundler would: a bare import of a decap-cms-* package goes to the ES
// module build named by the package's "module" field (dist/esm/index.js), not
// to its browser bundle; an import without an extension ('./yaml',
// 'lodash/get') is retried as '<path>.js', then '<path>/index.js'.
const DECAP_PACKAGE = /^decap-cms-[a-z-]+$/;

// Browser-only modules, replaced by what works in Node.
const REPLACED = {
  'decap-cms-core/dist/esm/routing/history.js': new URL('./decap_memory_history.mjs', import.meta.url)
    .href,
};

export async function resolve(specifier, context, nextResolve) {
  const resolved = await resolveAsBundler(specifier, context, nextResolve);
  const replaced = Object.entries(REPLACED).find(([tail]) => resolved.url.endsWith(`/${tail}`));
  return replaced ? { url: replaced[1], shortCircuit: true } : resolved;
}

async function resolveAsBundler(specifier, context, nextResolve) {
  if (DECAP_PACKAGE.test(specifier)) {
    return nextResolve(`${specifier}/dist/esm/index.js`, context);
  }
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' && error?.code !== 'ERR_UNSUPPORTED_DIR_IMPORT') {
      throw error;
    }
    for (const suffix of ['.js', '/index.js']) {
      try {
        return await nextResolve(specifier + suffix, context);
      } catch {
        // the next form, or the original error
      }
    }
    throw error;
  }
}

// CommonJS packages (lodash/fp, immutable's helpers, …) are imported by name
// ('import { map } from "lodash/fp"'), which a bundler allows and Node only
// when it can see the names in the source. Each CommonJS module imported
// from an ES module is given as an ES module that exports every key of its
// module.exports.
const require = createRequire(import.meta.url);

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (result.format !== 'commonjs' || !url.startsWith('file:')) {
    return result;
  }
  const path = fileURLToPath(url);
  let names;
  try {
    const exported = require(path);
    names = exported && typeof exported === 'object' || typeof exported === 'function'
      ? Object.keys(exported).filter((name) => name !== 'default' && name !== '__esModule')
      : [];
  } catch {
    return result;
  }
  const lines = [
    `import { createRequire } from 'node:module';`,
    `const m = createRequire(${JSON.stringify(url)})(${JSON.stringify(path)});`,
    // Babel's interop, as the bundler applies it: a transpiled ES module's
    // default export is its exports.default.
    `export default m && m.__esModule ? m.default : m;`,
    ...names.map((name, i) => `const e${i} = m[${JSON.stringify(name)}]; export { e${i} as ${JSON.stringify(name)} };`),
  ];
  return { format: 'module', source: lines.join('\n'), shortCircuit: true };
}
