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
    # ------------------------------------- the body's text (body_checks.py)
    "body.h1": Message(
        sv="{heading} blir en andra huvudrubrik: sidans titel (title:) är redan huvudrubriken "
        "(skriv ## {text} för en underrubrik)",
        en="{heading} makes a second main heading: the title (title:) is the page's main "
        "heading already (write ## {text} for a subheading)",
    ),
    "body.h1_underline": Message(
        sv="raden med === gör {heading} till en andra huvudrubrik: sidans titel är redan "
        "huvudrubriken (ta bort ===-raden och skriv ## före rubriken)",
        en="the line of === makes {heading} a second main heading: the title is the page's "
        "main heading already (remove the === line and write ## before the heading)",
    ),
    "body.box_not_indented": Message(
        sv="rutan {title} blir tom: texten i rutan ska skrivas på raderna under, med indrag "
        "med fyra mellanslag först på varje rad",
        en="the box {title} comes out empty: its text goes on the lines below, each "
        "indented with four spaces",
    ),
    "body.inline_script": Message(
        sv="<script> i texten stoppas av webbplatsens säkerhetsregler och körs inte i någon "
        "webbläsare (en film bäddas in som README visar; be annars en utvecklare om hjälp)",
        en="<script> in the text is blocked by the site's security rules in every browser "
        "(embed a video as the README shows; otherwise ask a developer)",
    ),
    "body.inline_style": Message(
        sv="<style> i texten stoppas av webbplatsens säkerhetsregler och gäller inte i någon "
        "webbläsare (ta bort det; utseendet sätts i webbplatsens stilmall, som en utvecklare "
        "kan ändra)",
        en="<style> in the text is blocked by the site's security rules in every browser "
        "(remove it; the look is set in the site's style sheet, which a developer can change)",
    ),
    "body.style_attribute": Message(
        sv="style= i texten stoppas av webbplatsens säkerhetsregler och gäller inte i någon "
        "webbläsare (ta bort det; utseendet sätts i webbplatsens stilmall, som en utvecklare "
        "kan ändra)",
        en="style= in the text is blocked by the site's security rules in every browser "
        "(remove it; the look is set in the site's style sheet, which a developer can change)",
    ),
    "body.event_handler": Message(
        sv="{attribute}= är ett skript, som webbplatsens säkerhetsregler stoppar i alla "
        "webbläsare (ta bort det; be en utvecklare om hjälp med det som ska hända)",
        en="{attribute}= is a script, which the site's security rules block in every browser "
        "(remove it; ask a developer for what should happen)",
    ),
    "body.javascript_link": Message(
        sv="en javascript:-länk är ett skript, som webbplatsens säkerhetsregler stoppar i alla "
        "webbläsare (länka till en adress, t.ex. /kontakt/ eller https://…)",
        en="a javascript: link is a script, which the site's security rules block in every "
        "browser (link to an address, e.g. /kontakt/ or https://…)",
    ),
    "body.picture_missing": Message(
        sv="bilden {path} finns inte (lägg bilden i content/images/ och skriv "
        "images/namn.jpg{hint})",
        en="the picture {path} does not exist (put it in content/images/ and write "
        "images/name.jpg{hint})",
    ),
    "body.picture_outside": Message(
        sv="bilden {path} ligger inte i content/images/ (lägg bilden där och skriv "
        "images/namn.jpg, räknat från mappen content/)",
        en="the picture {path} is not in content/images/ (put it there and write "
        "images/name.jpg, counted from the folder content/)",
    ),
    "body.file_missing": Message(
        sv="filen {path} finns inte (lägg filen i content/images/ eller rätta namnet{hint})",
        en="the file {path} does not exist (put it in content/images/ or correct the name{hint})",
    ),
    "body.page_missing": Message(
        sv="länken {path} går till en sida som inte finns på webbplatsen (skriv sidans adress "
        "från roten, t.ex. /utbildningar/namn/ eller /nyheter/2024/namn/{hint})",
        en="the link {path} goes to a page the site does not have (write the page's address "
        "from the root, e.g. /utbildningar/name/ or /nyheter/2024/name/{hint})",
    ),
    "body.page_unpublished": Message(
        sv="länken {url} går till {file}, som inte publiceras (den har status: draft eller ett "
        "datum längre fram; publicera den först eller ta bort länken)",
        en="the link {url} goes to {file}, which is not published (it has status: draft or a "
        "later date; publish it first or remove the link)",
    ),
    "body.anchor_missing": Message(
        sv="länken {url} pekar på #{anchor}, som inte finns på {page} ({hint})",
        en="the link {url} points to #{anchor}, which {page} does not have ({hint})",
    ),
    "body.anchor_hint": Message(
        sv="en rubrik får sitt #-namn av texten: ## Så ansöker du blir #sa-ansoker-du",
        en="a heading's # name comes from its text: ## Så ansöker du becomes #sa-ansoker-du",
    ),
    "body.anchor_close": Message(sv="menade du {value}?", en="did you mean {value}?"),
    "body.this_page": Message(sv="den här sidan", en="this page"),
    "body.that_page": Message(sv="sidan {path}", en="the page {path}"),
    "body.did_you_mean": Message(sv="; menade du {value}?", en="; did you mean {value}?"),
    # ------------------------------------ external links (links.py, nightly)
    "links.field": Message(sv="länk", en="link"),
    "links.status": Message(
        sv="{url} svarar {status} ({reason})",
        en="{url} answers {status} ({reason})",
    ),
    "links.moved": Message(
        sv="{url} har flyttat till {location} (byt till den nya adressen)",
        en="{url} has moved to {location} (change the link to the new address)",
    ),
    "links.timeout": Message(
        sv="{url} svarar inte inom {seconds} sekunder (kontrollera adressen i en webbläsare)",
        en="{url} does not answer within {seconds} seconds (try the address in a browser)",
    ),
    "links.unreachable": Message(
        sv="{url} går inte att nå ({reason}; kontrollera adressen i en webbläsare)",
        en="{url} cannot be reached ({reason}; try the address in a browser)",
    ),
    "links.too_many_redirects": Message(
        sv="skickas vidare för många gånger",
        en="redirected too many times",
    ),
    "links.summary": Message(
        sv="{total} externa länkar kontrollerade; {attention} behöver ses över",
        en="{total} external links checked; {attention} need attention",
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
