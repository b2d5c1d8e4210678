// Loads Decap CMS's own modules (decap-cms-core 3.16.3, pinned in
// package.json) in Node, for the tests of the web editor's configuration
// and of the files it writes (tests/test_cms_config.py, test_cms_roundtrip.py).
// decap_resolve.mjs resolves their imports as Decap's bundler does.
import { register } from 'node:module';

register('./decap_resolve.mjs', import.meta.url);

// Modules on the way to the ones used here touch browser globals when they
// are loaded (an asset proxy is made, a saved sort order read); these are
// the ones they touch.
globalThis.window ??= globalThis;
globalThis.navigator ??= { platform: 'Linux', userAgent: 'node' }; // Node 20 has none
const stored = new Map();
globalThis.localStorage ??= {
  getItem: (key) => stored.get(key) ?? null,
  setItem: (key, value) => stored.set(key, String(value)),
  removeItem: (key) => stored.delete(key),
};

const CORE = 'decap-cms-core/dist/esm';

// The widgets decap-cms-app registers (its extensions.js), each with its own
// configuration schema; a widget without a schema.js has none.
export const WIDGETS = [
  'string', 'number', 'text', 'image', 'file', 'select', 'markdown', 'richtext', 'list',
  'object', 'relation', 'boolean', 'map', 'datetime', 'code', 'colorstring', 'uuid',
];

// The git hosts the CMS setting may name (plugins/eduweb/site_settings.py).
export const BACKENDS = ['github', 'gitlab', 'gitea'];

async function quietly(load) {
  // localforage says on loading that Node has no browser storage.
  const { error, warn } = console;
  console.error = console.warn = () => {};
  try {
    return await load();
  } finally {
    Object.assign(console, { error, warn });
  }
}

/** Decap's config loading (actions/config.js) with its widgets registered. */
export async function loadConfigModules() {
  return quietly(async () => {
    // The reducers first, as the app's store loads them: they and the config
    // actions import each other, and the other order reads one too early.
    await import(`${CORE}/reducers/index.js`);
    const registry = await import(`${CORE}/lib/registry.js`);
    for (const name of WIDGETS) {
      let schema = {};
      try {
        schema = (await import(`decap-cms-widget-${name}/dist/esm/schema.js`)).default;
      } catch (error) {
        if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
      }
      registry.registerWidget(name, () => null, null, schema);
    }
    for (const name of BACKENDS) {
      const backend = await import(`decap-cms-backend-${name}/dist/esm/implementation.js`);
      registry.registerBackend(name, backend.default);
    }
    const { validateConfig } = await import(`${CORE}/constants/configSchema.js`);
    const config = await import(`${CORE}/actions/config.js`);
    return { ...config, validateConfig, getWidget: registry.getWidget };
  });
}

/** Decap's file formats: front matter (Markdown) and YAML. */
export async function loadFormats() {
  return quietly(async () => {
    await import(`${CORE}/reducers/index.js`);
    const { frontmatterYAML } = await import(`${CORE}/formats/frontmatter.js`);
    const yamlFormatter = (await import(`${CORE}/formats/yaml.js`)).default;
    const { createEmptyDraftData } = await import(`${CORE}/actions/entries.js`);
    const { fromJS } = await import('immutable');
    // A new entry's data before the writer types anything, as the editor
    // makes it from the collection's fields (their `default:` values).
    const newEntry = (fields) => {
      const data = createEmptyDraftData(fromJS(fields));
      return JSON.parse(JSON.stringify(data)); // Immutable lists to plain ones
    };
    // A new entry's path below its collection's folder (its `path`, or `slug`).
    const { slugFormatter } = await import(`${CORE}/lib/formatters.js`);
    const newPath = (collection, data, slugConfig) =>
      slugFormatter(fromJS(collection), fromJS(data), slugConfig);
    return { frontmatter: frontmatterYAML(), yaml: yamlFormatter, newEntry, newPath };
  });
}

/** The rich-text editor's view of a Markdown body (decap-cms-widget-markdown's
 * serializers): Markdown to the editor's document and back. */
export async function loadMarkdown() {
  return quietly(async () => {
    await import(`${CORE}/reducers/index.js`);
    return import('decap-cms-widget-markdown/dist/esm/serializers/index.js');
  });
}

/** A function (field config, value as read from a file) -> the HTML of the
 * widget's form control, as the editor renders it (React on the server). */
export async function loadWidgetControl(widget) {
  return quietly(async () => {
    await import(`${CORE}/reducers/index.js`);
    const control = (await import(`decap-cms-widget-${widget}/dist/esm/index.js`)).default
      .controlComponent;
    const React = (await import('react')).default;
    const { renderToString } = await import('react-dom/server');
    const { fromJS } = await import('immutable');
    const none = () => null;
    return (field, value) => {
      const props = {
        field: fromJS(field),
        value: fromJS(value), // the editor holds entry data as Immutable
        forID: field.name,
        classNameWrapper: '',
        t: (key) => key,
        entry: fromJS({}),
        metadata: fromJS({}),
        mediaPaths: fromJS({}),
        fieldsErrors: fromJS({}),
        parentIds: [],
        editorControl: none,
        resolveWidget: () => ({}),
        ...Object.fromEntries(
          [
            'onChange', 'onChangeObject', 'onValidate', 'onValidateObject', 'getAsset',
            'onOpenMediaLibrary', 'onRemoveInsertedMedia', 'setActiveStyle',
            'setInactiveStyle', 'clearFieldErrors', 'controlRef',
          ].map((name) => [name, none]),
        ),
      };
      const { error } = console;
      console.error = () => {}; // React's warnings about props the test leaves out
      try {
        return renderToString(React.createElement(control, props));
      } finally {
        console.error = error;
      }
    };
  });
}
