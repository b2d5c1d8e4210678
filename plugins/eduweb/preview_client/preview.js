// Preview only (`invoke livereload`): the preview server adds this script to
// every page it serves; the built site never contains it. It is a same-origin
// file and talks to the same origin, so the site's Content-Security-Policy
// allows it as it is.
//
// The server sends its state on /__preview__/events after every build:
// {generation, files, problems, heading, note, hide}. A new generation means
// a good build: reload, unless it is the build right after this page's and
// `files` (the files it changed, or null for any) leaves this page out (the
// preview shows an edited article's page first, and the rest of its build
// then changes other pages). Problem lines mean the last build failed: show
// them over the page, which is the last good build.

const BOX_ID = "eduweb-preview-problems";
let shownGeneration = Number(new URL(import.meta.url).searchParams.get("g"));

// The file this page was served from, as the build names it (null for an
// address that does not decode: such a page always reloads).
function ownFile() {
  let path;
  try {
    path = decodeURIComponent(window.location.pathname).slice(1);
  } catch {
    return null;
  }
  return path === "" || path.endsWith("/") ? `${path}index.html` : path;
}

function unchangedBy(state) {
  return (
    state.generation === shownGeneration + 1 &&
    Array.isArray(state.files) &&
    ownFile() !== null &&
    !state.files.includes(ownFile())
  );
}

const style = document.createElement("link");
style.rel = "stylesheet";
style.href = "/__preview__/preview.css";
document.head.append(style);

function element(name, text) {
  const node = document.createElement(name);
  if (text !== undefined) node.textContent = text;
  return node;
}

function showProblems(state) {
  document.getElementById(BOX_ID)?.remove();
  if (state.problems.length === 0) return;
  const box = element("section");
  box.id = BOX_ID;
  box.className = "eduweb-preview";
  box.setAttribute("role", "alert");
  box.setAttribute("aria-labelledby", `${BOX_ID}-heading`);
  const heading = element("h2", state.heading);
  heading.id = `${BOX_ID}-heading`;
  const list = element("ul");
  for (const line of state.problems) list.append(element("li", line));
  const hide = element("button", state.hide);
  hide.type = "button";
  hide.addEventListener("click", () => box.remove());
  box.append(heading, element("p", state.note), list, hide);
  document.body.prepend(box);
}

const events = new EventSource("/__preview__/events");
events.addEventListener("message", (event) => {
  const state = JSON.parse(event.data);
  if (unchangedBy(state)) shownGeneration = state.generation;
  if (state.generation !== shownGeneration) {
    events.close();
    window.location.reload();
    return;
  }
  showProblems(state);
});
