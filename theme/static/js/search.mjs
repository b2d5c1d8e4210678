// The search page /sok/ (templates/search.html, plugins/eduweb/search_index.py).
//
// The form is a plain GET form: the header's field and this page's land on
// /sok/?q=…&typ=…&amne=…. This module fills the form from the address, runs
// Pagefind's JavaScript API over the index the build made and lists the
// results as links. The number of results goes to a status region, which
// screen readers announce. Searching happens on submit and when a filter
// changes, not on every key, so nothing is announced while someone types.
//
// The index comes in shards, each a Pagefind bundle: the first one's
// pagefind.js is loaded and the others are merged into it (mergeIndex), so
// one search ranks and filters the results of all of them.
//
// Pagefind is told not to start its web worker: its WebAssembly then runs
// under this page's policy, the only one with 'wasm-unsafe-eval'.

const PAGE_SIZE = 10;

const form = document.querySelector("[data-search-form]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const more = document.querySelector("[data-search-more]");

let loading = null;
let results = [];
let shown = 0;
let latest = 0;
let query = "";

const OPTIONS = { excerptLength: 30 };

// The index is in shards (search_index.py): the bundle beside pagefind.js
// and the folders its shards.json names, merged into one search. Their list
// is fetched while the module loads.
async function load() {
  const bundle = new URL(form.dataset.bundle, location.href);
  const [module, shards] = await Promise.all([
    import(bundle.href),
    fetch(new URL("shards.json", bundle)).then((response) => {
      if (!response.ok) throw new Error(`shards.json: ${response.status}`);
      return response.json();
    }),
  ]);
  await module.options({ noWorker: true, ...OPTIONS });
  await module.init();
  await Promise.all(
    shards.shards.map((path) => module.mergeIndex(new URL(path, bundle).pathname, OPTIONS)),
  );
  return module;
}

function loadPagefind() {
  loading ??= load().catch((error) => {
    loading = null;
    throw error;
  });
  return loading;
}

function readForm() {
  const data = new FormData(form);
  return {
    q: (data.get("q") || "").trim(),
    kinds: data.getAll("typ"),
    tag: data.get("amne") || "",
  };
}

function fillForm(params) {
  form.elements.q.value = params.get("q") || "";
  const kinds = params.getAll("typ");
  for (const box of form.querySelectorAll('input[name="typ"]')) {
    box.checked = kinds.includes(box.value);
  }
  const tag = form.elements.amne;
  if (tag) {
    const wanted = params.get("amne") || "";
    tag.value = [...tag.options].some((o) => o.value === wanted) ? wanted : "";
  }
}

function toAddress({ q, kinds, tag }) {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  for (const kind of kinds) params.append("typ", kind);
  if (tag) params.set("amne", tag);
  const query = params.toString();
  return location.pathname + (query ? `?${query}` : "");
}

// Pagefind's excerpt is HTML: escaped text with <mark> around the words
// found. Only the text and the marks are taken over, never markup.
function excerptNodes(html) {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  const nodes = [];
  for (const node of doc.body.firstChild.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  return nodes;
}

function resultItem(data, withExcerpt) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  heading.className = "search-result__title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  const facts = document.createElement("p");
  facts.className = "search-result__meta";
  const kind = (data.filters.kind || [])[0];
  if (kind) {
    const label = document.createElement("span");
    label.className = "search-result__kind";
    label.textContent = kind;
    facts.append(label);
  }
  if (data.meta.date) {
    const time = document.createElement("time");
    time.dateTime = data.meta.date;
    time.textContent = data.meta.datum || data.meta.date;
    facts.append(time);
  }
  const text = document.createElement("p");
  text.className = "search-result__excerpt";
  if (withExcerpt && data.excerpt) {
    const nodes = excerptNodes(data.excerpt);
    // An excerpt is a window on the text: show where it is cut. The indexed
    // text starts with the page's heading (and a full stop Pagefind adds),
    // which the result shows above it.
    const plain = nodes.map((node) => node.textContent).join("");
    const content = (data.content || "").trim();
    const heading = (data.meta.title || "").length + 2;
    const at = content.indexOf(plain.slice(0, 20));
    const last = content.lastIndexOf(plain.slice(-20));
    if (at > heading) nodes.unshift(document.createTextNode("… "));
    if (last !== -1 && last + 20 < content.length - 1) nodes.push(document.createTextNode(" …"));
    text.append(...nodes);
  } else {
    text.textContent = data.meta.summary || "";
  }
  item.append(heading, facts, text);
  return item;
}

function countText(count, query) {
  const what = query ? ` på ”${query}”` : "";
  if (count === 0) {
    return `Inga träffar${what}. Pröva ett annat ord, eller färre filter.`;
  }
  return `${count} ${count === 1 ? "träff" : "träffar"}${what}.`;
}

async function showNext(moveFocus) {
  const mine = latest;
  const batch = results.slice(shown, shown + PAGE_SIZE);
  const data = await Promise.all(batch.map((result) => result.data()));
  if (mine !== latest) return;
  const items = data.map((d) => resultItem(d, Boolean(query)));
  list.append(...items);
  shown += batch.length;
  const left = results.length - shown;
  more.hidden = left <= 0;
  more.textContent = `Visa fler träffar (${left} till)`;
  if (moveFocus && items.length) items[0].querySelector("a").focus();
}

async function search(wanted) {
  const mine = ++latest;
  list.replaceChildren();
  more.hidden = true;
  results = [];
  shown = 0;
  if (!wanted.q && !wanted.kinds.length && !wanted.tag) {
    status.textContent = "";
    return;
  }
  const filters = {};
  if (wanted.kinds.length) filters.kind = { any: wanted.kinds };
  if (wanted.tag) filters.tag = wanted.tag;
  let found;
  try {
    const api = await loadPagefind();
    found = await api.search(wanted.q || null, { filters });
  } catch (error) {
    status.textContent = "Sökningen kunde inte laddas. Ladda om sidan och försök igen.";
    throw error;
  }
  if (mine !== latest) return;
  results = found.results;
  query = wanted.q;
  await showNext(false);
  if (mine === latest) status.textContent = countText(results.length, wanted.q);
}

function searchFromForm() {
  const wanted = readForm();
  history.replaceState(null, "", toAddress(wanted));
  return search(wanted);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  searchFromForm();
});
form.addEventListener("change", (event) => {
  if (event.target.name !== "q") searchFromForm();
});
more.addEventListener("click", () => showNext(true));

document.querySelector("[data-search-nojs]").remove();
fillForm(new URLSearchParams(location.search));
search(readForm());
