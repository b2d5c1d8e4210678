// The site's own additions to Decap CMS (/admin/), loaded right after
// decap-cms.js and before Decap starts (it starts when the page has loaded).
// No inline script: the page's Content-Security-Policy forbids it, so what
// the page must tell this file comes in data- attributes of its <script>.
(function () {
  "use strict";
  var script = document.currentScript;
  var CMS = window.CMS;

  // The preview pane shows an entry with the site's own stylesheet (its
  // hashed address, plugins/eduweb/assets.py).
  var style = script && script.getAttribute("data-preview-style");
  if (style) {
    CMS.registerPreviewStyle(style);
  }

  // Fact boxes (docs/content-model.md, plugins/eduweb/markdown_render.py):
  //
  //     !!! facts "Rubrik"
  //         Text of the box, each line indented with four spaces.
  //
  // The rich-text editor keeps a box it recognises as a block, and writes it
  // back exactly as it was: the body is edited as plain text (a nested
  // Markdown editor would rewrite its formatting), blank lines inside the
  // body stay blank and every other line gets its four spaces back.
  var INDENT = "    ";
  CMS.registerEditorComponent({
    id: "facts",
    label: "Faktaruta",
    fields: [
      {
        name: "title",
        label: "Rubrik",
        widget: "string",
        required: false,
        hint: "Rubriken på faktarutan. Utan rubrik blir den ”Fakta”.",
      },
      {
        name: "body",
        label: "Text",
        widget: "text",
        hint: "Texten i rutan, i Markdown (t.ex. - för punktlistor).",
      },
    ],
    // No ^ and no m flag: Decap anchors the pattern at the block's start.
    pattern: /^!!! facts(?: "([^"\n]*)")?[ \t]*\n( {4}[^\n]*(?:\n(?:[ \t]*\n)* {4}[^\n]*)*)/,
    fromBlock: function (match) {
      var lines = match[2].split("\n").map(function (line) {
        return line.slice(0, INDENT.length) === INDENT ? line.slice(INDENT.length) : "";
      });
      return { title: match[1] === undefined ? "" : match[1], body: lines.join("\n") };
    },
    toBlock: function (data) {
      // A " would end the title early: the typographic ” reads the same.
      var title = String(data.title || "").replace(/"/g, "”").replace(/\n/g, " ");
      var body = String(data.body || "")
        .replace(/\r\n?/g, "\n")
        .replace(/\s+$/, "")
        .split("\n")
        .map(function (line) {
          return line.trim() === "" ? "" : INDENT + line;
        })
        .join("\n");
      return "!!! facts" + (title ? ' "' + title + '"' : "") + "\n" + (body || INDENT);
    },
    toPreview: function (data) {
      var title = String(data.title || "") || "Fakta";
      return (
        '<aside class="facts"><p class="facts__title">' +
        escapeHtml(title) +
        "</p><p>" +
        escapeHtml(String(data.body || "")) +
        "</p></aside>"
      );
    },
  });

  function escapeHtml(text) {
    return text
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }
})();
