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
    # ------------------------------------------------------------- scaffold
    # New files from `invoke new-article "Titel"` and its siblings (scaffold.py).
    "scaffold.created": Message(
        sv=(
            "Skapade {path}: öppna filen och fyll i fälten "
            "(ovanför varje fält står vad det är till för)"
        ),
        en="Created {path}: open it and fill in the fields (a comment above each says what for)",
    ),
    "scaffold.exists": Message(
        sv=(
            "{path} finns redan och skrevs inte över "
            "(välj en annan titel, eller öppna filen och ändra i den)"
        ),
        en=(
            "{path} already exists and was left as it was "
            "(choose another title, or open the file and edit it)"
        ),
    ),
    "scaffold.cannot_write": Message(
        # The system's reason is in English, so the Swedish text does without it.
        sv="{path} kunde inte skrivas (kontrollera att {folder} är en mapp som du får skriva i)",
        en="{path} could not be written ({reason}; check that {folder} is a writable folder)",
    ),
    "scaffold.taken": Message(
        sv="adressen {address} används redan av {other} (välj en annan titel)",
        en="the address {address} is already taken by {other} (choose another title)",
    ),
    "scaffold.reserved": Message(
        sv=(
            "titeln {title} ger adressen {address}, som webbplatsen redan använder själv "
            "(välj en annan titel)"
        ),
        en=(
            "the title {title} gives the address {address}, which the site uses itself "
            "(choose another title)"
        ),
    ),
    "scaffold.no_slug": Message(
        sv=(
            "titeln {title} har inga bokstäver eller siffror att göra ett filnamn av "
            '(skriv t.ex. "Nytt program")'
        ),
        en=(
            "the title {title} has no letters or digits to make a file name of "
            '(write e.g. "Nytt program")'
        ),
    ),
    "scaffold.no_title": Message(
        sv=(
            "titeln saknas (skriv den inom citattecken, "
            't.ex. invoke new-{command} "Eskilstuna satsar på chefer")'
        ),
        en=(
            "the title is missing (write it in quotes, "
            'e.g. invoke new-{command} "Eskilstuna satsar på chefer")'
        ),
    ),
    "scaffold.usage": Message(
        sv=(
            "skriv: python -m eduweb.scaffold article|programme|contact|page "
            '"Titel" [inställningsfil]'
        ),
        en=(
            "usage: python -m eduweb.scaffold article|programme|contact|page "
            '"Title" [settings file]'
        ),
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
