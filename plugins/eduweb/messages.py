"""Every text the build shows a writer, in Swedish and in English.

Writers read Swedish; developers may set `MESSAGES_LANGUAGE = "en"` in the
settings to get the English texts. A message is looked up by key and filled
in with named values:

    text("date.not_a_date", value="2024-13-03")
    -> "'2024-13-03' är inget datum (skriv ÅÅÅÅ-MM-DD, t.ex. 2024-06-03)"

The key names the rule, so a test can hold every key to a row in the
table of messages (tests/test_messages.py): a message that no test shows
in Swedish is a defect. Values are inserted with str.format on the
template only, so braces in a writer's text are never read as placeholders.
Write a value that quotes what the writer wrote with `quote()`, so every
message shows it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"


@dataclass(frozen=True)
class Message:
    sv: str
    en: str


# Grouped by where the rule lives; add a key to the group of its module.
CATALOGUE: dict[str, Message] = {
    # ------------------------------------------------------------- summary
    "summary.problems": Message(
        sv="{problems} i {files}; inget byggdes och den publicerade webbplatsen är orörd",
        en="{problems} in {files}; nothing was built and the previous output was left as it was",
    ),
    # ------------------------------------------- preview (eduweb/preview.py)
    "preview.serving": Message(
        sv="Webbplatsen visas på {url} (avsluta med Ctrl+C)",
        en="The site is served at {url} (stop with Ctrl+C)",
    ),
    "preview.rebuilt": Message(
        sv="{time} Webbplatsen byggdes om; öppna sidor laddas om av sig själva",
        en="{time} The site was rebuilt; open pages reload by themselves",
    ),
    "preview.failed": Message(
        sv="Sidan kunde inte byggas om: rätta raderna ovan och spara igen. "
        "Webbläsaren visar felen ovanpå den senaste versionen som gick att bygga.",
        en="The site could not be rebuilt: fix the lines above and save again. "
        "The browser shows them over the last version that built.",
    ),
    "preview.overlay_heading": Message(
        sv="Sidan kunde inte byggas om",
        en="The site could not be rebuilt",
    ),
    "preview.overlay_note": Message(
        sv="Du ser den senaste versionen som gick att bygga. Rätta det som står nedan och "
        "spara, så laddas sidan om av sig själv.",
        en="You are looking at the last version that built. Fix what is listed below and "
        "save; the page then reloads by itself.",
    ),
    "preview.overlay_hide": Message(sv="Dölj", en="Hide"),
    "preview.not_found": Message(sv="Sidan finns inte", en="Page not found"),
    "preview.cannot_listen": Message(
        sv="webbplatsen kan inte visas på {host}:{port}: {reason}",
        en="cannot serve the site at {host}:{port}: {reason}",
    ),
    "preview.port_busy": Message(
        sv="porten används redan av ett annat program (avsluta det, eller välj en annan "
        "port med --port, t.ex. --port 8001)",
        en="another program already uses the port (stop it, or choose another port "
        "with --port, e.g. --port 8001)",
    ),
}

_language = DEFAULT_LANGUAGE


def set_language(language: str | None) -> None:
    """Choose the language of every message from now on (None: Swedish)."""
    global _language
    _language = language if language in LANGUAGES else DEFAULT_LANGUAGE


def language() -> str:
    return _language


def text(key: str, **values: object) -> str:
    """The message `key` in the chosen language, with `values` filled in."""
    message = CATALOGUE[key]
    template = message.en if _language == "en" else message.sv
    return template.format(**values) if values else template


def quote(value: object) -> str:
    """What the writer wrote, as a message shows it: 'text' in single quotes,
    with control characters made visible (\\x0b)."""
    return repr(value)
