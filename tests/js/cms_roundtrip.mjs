// node cms_roundtrip.mjs < jobs.json: read and write content files with
// Decap CMS's own file formats (decap-cms-core/dist/esm/formats: front
// matter for Markdown, YAML for contacts), as the editor does when it opens
// a file and saves it (backend.js entryToRaw: toFile with the collection's
// field names as the key order).
// Each job: {"format": "frontmatter" | "yaml", "fields": [names in order],
// "text": a file to open and save}, or {…, "new": the collection's fields
// in config.yml, "data": what the writer filled in} for a new entry: the
// editor's empty entry for those fields, with the writer's values over it.
// A job with "body" instead: that Markdown through the rich-text editor
// (to its document and back, as when the writer edits the body there).
// A job with "path": {"collection": its config, "data": entry data, "slug":
// config.yml's slug settings}: where the editor saves that new entry.
// Prints, per job, {"data": what the editor read or made, "text": what it wrote}.
import { readFileSync } from 'node:fs';
import { loadFormats, loadMarkdown } from './decap_modules.mjs';

const formats = await loadFormats();
const jobs = JSON.parse(readFileSync(0, 'utf8'));
const markdown = jobs.some((job) => job.body !== undefined) ? await loadMarkdown() : null;
const results = jobs.map(({ format, fields, text, data, new: newFields, body, path }) => {
  if (path !== undefined) {
    return { text: formats.newPath(path.collection, path.data, path.slug) };
  }
  if (body !== undefined) {
    return { text: markdown.slateToMarkdown(markdown.markdownToSlate(body, {}), {}) };
  }
  const formatter = formats[format];
  const read =
    text === undefined ? { ...formats.newEntry(newFields), ...data } : formatter.fromFile(text);
  let written = formatter.toFile(read, fields, {});
  if (!written.endsWith('\n')) written += '\n'; // entryToRaw adds the last line break
  return { data: read, text: written };
});
process.stdout.write(JSON.stringify(results));
