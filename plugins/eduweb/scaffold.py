"""New content files with every field of the contract, ready to fill in:
`python -m eduweb.scaffold article|programme|contact|page "Titel" [settings file]`.

`invoke new-article "Titel"` and its siblings run this. Each file holds every
field of its schema in model.py, with a Swedish comment above it saying what
it is for and how to write it; optional fields are left empty (an empty
value is the same as no value), so the file builds as it is and a writer
sees everything there is to fill in. tests/test_scaffold.py holds the
skeletons to the schemas, so a field added to the contract needs its line
here.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import unicodedata
from dataclasses import dataclass

from . import messages, urls
from .body_checks import address_of
from .build import read_site_settings, report
from .content_index import KIND_FOLDERS, RESERVED_SLUGS, scan
from .dates import DateError, build_now
from .errors import ContentValidationError
from .frontmatter import FrontMatterError, load_yaml
from .settings_files import DEFAULT_SETTINGS_FILE
from .slugs import MAX_SLUG_LENGTH, slugify

# The command's names for the kinds of content (content_index's names).
KINDS = {"article": "news", "programme": "programme", "contact": "contact", "page": "page"}
# How far ahead the programme skeleton's one session lies: far enough to be
# "coming" when the programme is published, near enough to look plausible.
SESSION_AFTER = dt.timedelta(weeks=8)


class ScaffoldError(Exception):
    """A file that cannot be made; the text is the message for the writer."""


@dataclass(frozen=True)
class Skeleton:
    """A new content file: where it goes (relative to content/) and its text."""

    kind: str  # content_index's kind: news, programme, contact, page
    rel_path: str
    slug: str
    year: int
    text: str

    @property
    def address(self) -> str:
        """As content_index._check_site compares them: two files with one
        address cannot both be built."""
        return "/" + urls.content_url(self.kind, self.slug, self.year)


# A field: (name, Swedish comment, value as YAML text, or a list of the
# fields of each item of a list of groups such as rounds).
Field = tuple[str, str, object]


def yaml_value(text: str) -> str:
    """`text` as a YAML value that reads back as exactly `text`: as it is
    when it can be (Eskilstuna satsar på chefer), else in double quotes
    ("Nu: nästa steg"); a JSON string is a valid YAML double-quoted one."""
    try:
        if load_yaml(f"x: {text}", 1, "x").data == {"x": text}:
            return text
    except FrontMatterError:
        pass
    return json.dumps(text, ensure_ascii=False)


def clean_title(title: str) -> str:
    """One line of text: invisible characters out, runs of spaces to one,
    and å/ä/ö as one character each (macOS terminals may pass them split)."""
    title = unicodedata.normalize("NFC", title)
    title = "".join(c for c in title if unicodedata.category(c) not in ("Cc", "Cf") or c.isspace())
    return " ".join(title.split())


def file_slug(title: str) -> str:
    """The file name (without extension) a title gives; cut at a hyphen when
    it would make an address longer than the contract allows (the title in
    the file stays whole)."""
    slug = slugify(title)
    if len(slug) > MAX_SLUG_LENGTH:
        cut = slug[: MAX_SLUG_LENGTH + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else cut[:MAX_SLUG_LENGTH]
    return slug


def render(fields: list[Field], indent: int = 0) -> list[str]:
    """YAML lines: each field preceded by its comment."""
    pad = " " * indent
    lines: list[str] = []
    for name, comment, value in fields:
        lines.append(f"{pad}# {comment}")
        if isinstance(value, list):
            lines.append(f"{pad}{name}:")
            for item in value:
                inner = render(item, indent + 4)
                # The item's first field (and its comment) opens the item: "- name: …".
                inner[0] = f"{pad}  {inner[0].lstrip()}"
                inner[1] = f"{pad}  - {inner[1].lstrip()}"
                lines.extend(inner)
        else:
            lines.append(f"{pad}{name}:{' ' + value if value else ''}")
    return lines


def _common_tail(what: str) -> list[Field]:
    return [
        (
            "status",
            f"Skriv draft för att hålla {what} borta från webbplatsen medan du arbetar; "
            "lämna tomt för att publicera.",
            "",
        ),
        (
            "slug",
            "Sista delen av adressen, om den ska vara en annan än filnamnet (små bokstäver "
            "a–z, siffror och bindestreck). Lämna oftast tomt.",
            "",
        ),
        (
            "aliases",
            "Gamla adresser som ska leda hit, om sidan har bytt adress, t.ex. "
            "[/nyheter/2024/gammal-rubrik/]. Lämna tomt för en ny sida.",
            "[]",
        ),
        ("extra", "Fria uppgifter till webbplatsens mallar, för utvecklare. Lämna tomt.", ""),
    ]


def article_fields(title: str, today: dt.date) -> list[Field]:
    return [
        ("title", "Rubriken (måste finnas).", yaml_value(title)),
        (
            "date",
            "Publiceringsdag, ÅÅÅÅ-MM-DD, gärna med klockslag: 2024-06-03 09:00 (måste "
            "finnas). Med ett datum i framtiden publiceras texten först då.",
            today.isoformat(),
        ),
        (
            "modified",
            "Dag då texten senast ändrades, ÅÅÅÅ-MM-DD (inte före date). Lämna tomt "
            "tills du ändrar en publicerad text.",
            "",
        ),
        (
            "summary",
            "Ingressen: en eller två meningar som visas i listor och för sökmotorer. "
            "Lämnar du tomt används första stycket.",
            "",
        ),
        ("tags", "Ämnesord inom hakparenteser, t.ex. [Digitalisering, Ledarskap].", "[]"),
        ("author", "Vem som skrev texten, t.ex. Emil Hägglund.", ""),
        (
            "owner",
            "Sidansvarig som visas längst ner, t.ex. Utbildningsenheten. Lämna tomt för "
            "webbplatsens standard (CONTENT_OWNER i pelicanconf.py).",
            "",
        ),
        (
            "image",
            "Bild överst: sökvägen från content/, t.ex. images/bild.jpg (lägg bilden i "
            "content/images/).",
            "",
        ),
        (
            "image_alt",
            "Vad bilden visar, för den som inte kan se den (måste finnas när det finns en bild).",
            "",
        ),
        ("image_caption", "Bildtext under bilden.", ""),
        (
            "contacts",
            "Kontaktpersoner: filnamnen i content/contacts/ utan .yml, t.ex. [tommy-eriksson].",
            "[]",
        ),
        (
            "programmes",
            "Utbildningar som texten handlar om: filnamnen i content/programmes/ utan .md, "
            "t.ex. [chefsprogram-for-valfardens-digitalisering].",
            "[]",
        ),
        *_common_tail("texten"),
    ]


def session_fields(day: dt.date) -> list[Field]:
    return [
        ("date", "Dag för träffen, ÅÅÅÅ-MM-DD (måste finnas).", day.isoformat()),
        (
            "start_time",
            "Starttid, TT:MM. Lämna tomt om träffen pågår hela dagen.",
            "09:00",
        ),
        (
            "end_time",
            "Sluttid, TT:MM (efter starttiden). Lämnar du tomt blir träffen en timme lång "
            "i kalendrar.",
            "12:00",
        ),
        ("title", "Träffens namn, t.ex. Träff 1: Digital mognad.", "Träff 1"),
        (
            "location",
            "Plats för just den här träffen, om den är en annan än utbildningens.",
            "",
        ),
    ]


def round_fields(day: dt.date) -> list[Field]:
    season = "Våren" if day.month <= 6 else "Hösten"
    return [
        ("name", "Omgångens namn, t.ex. Våren 2025 (måste finnas).", f"{season} {day.year}"),
        (
            "start",
            "Första dag, ÅÅÅÅ-MM-DD. Lämnar du tomt gäller första träffens dag.",
            "",
        ),
        ("end", "Sista dag, ÅÅÅÅ-MM-DD. Lämnar du tomt gäller sista träffens dag.", ""),
        (
            "sessions",
            "Träffarna: en grupp rader per träff, var och en inledd med ett bindestreck.",
            [session_fields(day)],
        ),
        (
            "booked_percent",
            "Hur full omgången är i procent, 0–100, t.ex. 50. Lämna tomt om det inte ska visas.",
            "",
        ),
        (
            "status",
            "open (öppen för anmälan), few-places (få platser kvar), full (fullbokad) eller "
            "cancelled (inställd). Lämna tomt för öppen för anmälan.",
            "",
        ),
        ("registration_deadline", "Sista anmälningsdag, ÅÅÅÅ-MM-DD.", ""),
        (
            "registration_url",
            "Anmälningssidan för just den här omgången, om den är en annan än utbildningens "
            "(hela adressen, https://…).",
            "",
        ),
    ]


def programme_fields(title: str, today: dt.date) -> list[Field]:
    return [
        ("title", "Utbildningens namn (måste finnas).", yaml_value(title)),
        (
            "summary",
            "En eller två meningar om utbildningen, som visas i listor och för sökmotorer "
            "(måste finnas).",
            "Skriv en eller två meningar om utbildningen här.",
        ),
        ("provider", "Organisationen som håller utbildningen.", ""),
        ("audience", "Vem utbildningen är till för, t.ex. Chefer i kommuner och regioner.", ""),
        ("format", "Hur den går till, t.ex. Fem lärarledda träffar varvade med självstudier.", ""),
        ("location", "Plats för träffarna, t.ex. Digitalt eller Storgatan 1, Umeå.", ""),
        ("price", "Pris, t.ex. 12 000 kr exklusive moms.", ""),
        (
            "owner",
            "Sidansvarig som visas längst ner, t.ex. Utbildningsenheten. Lämna tomt för "
            "webbplatsens standard (CONTENT_OWNER i pelicanconf.py).",
            "",
        ),
        (
            "teachers",
            "Lärare: namn, eller filnamn i content/contacts/ utan .yml, t.ex. [Anna Berg].",
            "[]",
        ),
        (
            "contacts",
            "Kontaktpersoner: filnamnen i content/contacts/ utan .yml, t.ex. [tommy-eriksson].",
            "[]",
        ),
        (
            "registration_url",
            "Anmälningssidan (hela adressen, t.ex. https://www.example.se/anmalan).",
            "",
        ),
        ("tags", "Ämnesord inom hakparenteser, t.ex. [Digitalisering, Ledarskap].", "[]"),
        (
            "rounds",
            "Omgångar: en grupp rader per omgång, var och en inledd med ett bindestreck. "
            "Datumen nedan är exempel; ändra dem.",
            [round_fields(today + SESSION_AFTER)],
        ),
        *_common_tail("utbildningen"),
    ]


def contact_fields(name: str) -> list[Field]:
    return [
        ("name", "För- och efternamn (måste finnas).", yaml_value(name)),
        ("role", "Roll, t.ex. Rådgivare.", ""),
        ("organization", "Organisation, t.ex. Adda Kompetens.", ""),
        (
            "phone",
            "Telefonnummer, skrivet som man slår det i Sverige, t.ex. 08-709 59 81, eller flera: "
            "[08-709 59 81, 070-527 59 81].",
            "",
        ),
        ("email", "E-postadress, t.ex. namn@example.se.", ""),
        (
            "image",
            "Porträtt: sökvägen från content/, t.ex. images/kontakter/namn.jpg.",
            "",
        ),
        (
            "image_alt",
            "Vad bilden visar, för den som inte kan se den (måste finnas när det finns en bild).",
            "",
        ),
    ]


def page_fields(title: str) -> list[Field]:
    return [
        ("title", "Sidans rubrik (måste finnas).", yaml_value(title)),
        (
            "summary",
            "En eller två meningar om sidan, för sökmotorer. Lämna tomt för att använda "
            "första stycket.",
            "",
        ),
        (
            "owner",
            "Sidansvarig som visas längst ner, t.ex. Utbildningsenheten. Lämna tomt för "
            "webbplatsens standard (CONTENT_OWNER i pelicanconf.py).",
            "",
        ),
        *_common_tail("sidan"),
    ]


BODY = {
    "news": (
        "Skriv texten här, i Markdown. Mellanrubriker skrivs med ## (rubriken ovan är "
        "sidans enda #).\n"
    ),
    "programme": "Beskriv utbildningen här, i Markdown. Mellanrubriker skrivs med ##.\n",
    "page": "Skriv sidans text här, i Markdown. Mellanrubriker skrivs med ##.\n",
}


def skeleton(command: str, title: str, today: dt.date) -> Skeleton:
    """The file `invoke new-<command> "title"` makes, or ScaffoldError."""
    kind = KINDS[command]
    title = clean_title(title)
    if not title:
        raise ScaffoldError(messages.text("scaffold.no_title", command=command))
    slug = file_slug(title)
    if not slug:
        raise ScaffoldError(messages.text("scaffold.no_slug", title=messages.quote(title)))
    folder = KIND_FOLDERS[kind]
    if kind == "news":
        rel_path = f"{folder}/{today.year}/{slug}.md"
        fields = article_fields(title, today)
    elif kind == "programme":
        rel_path = f"{folder}/{slug}.md"
        fields = programme_fields(title, today)
    elif kind == "contact":
        rel_path = f"{folder}/{slug}.yml"
        fields = contact_fields(title)
    else:
        rel_path = f"{folder}/{slug}.md"
        fields = page_fields(title)
    lines = render(fields)
    if kind == "contact":
        text = "\n".join(lines) + "\n"
    else:
        text = "\n".join(["---", *lines, "---", "", BODY[kind]])
    result = Skeleton(kind, rel_path, slug, today.year, text)
    if kind == "page" and slug in RESERVED_SLUGS:
        raise ScaffoldError(
            messages.text("scaffold.reserved", title=messages.quote(title), address=result.address)
        )
    return result


def today_in(tz: dt.tzinfo, environ: dict | None = None) -> dt.date:
    """Today in the site's time zone, at the build's moment (SOURCE_DATE_EPOCH)."""
    return build_now(environ).astimezone(tz).date()


def create(command: str, title: str, settings: dict) -> str:
    """Write the new file into the site of `settings` (checked, with the
    contract applied); return its path as writers see it
    (content/news/2026/x.md). ScaffoldError when it cannot be made."""
    content = os.path.abspath(settings["PATH"])
    try:
        today = today_in(settings["_eduweb_tz"])
    except DateError as err:
        raise ScaffoldError(str(err)) from err
    new = skeleton(command, title, today)
    shown = os.path.relpath(os.path.join(content, new.rel_path), os.path.dirname(content))
    shown = shown.replace(os.sep, "/")
    target = os.path.join(content, new.rel_path)
    if os.path.lexists(target):
        raise ScaffoldError(messages.text("scaffold.exists", path=shown))
    index = scan(settings)
    for doc in index.documents.values():
        if "/" + address_of(doc) == new.address:
            raise ScaffoldError(
                messages.text("scaffold.taken", address=new.address, other=doc.rel_path)
            )
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        # "x": never replace a file that appeared since the check above.
        with open(target, "x", encoding="utf-8") as handle:
            handle.write(new.text)
    except FileExistsError as err:
        if os.path.lexists(target):
            raise ScaffoldError(messages.text("scaffold.exists", path=shown)) from err
        raise ScaffoldError(_cannot_write(shown, err)) from err
    except OSError as err:
        raise ScaffoldError(_cannot_write(shown, err)) from err
    return shown


def _cannot_write(shown: str, err: OSError) -> str:
    return messages.text(
        "scaffold.cannot_write",
        path=shown,
        folder=shown.rsplit("/", 1)[0] + "/",
        reason=err.strerror or str(err),
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) not in (2, 3) or argv[0] not in KINDS:
        sys.stderr.write(messages.text("scaffold.usage") + "\n")
        return 2
    command, title = argv[0], argv[1]
    try:
        settings = read_site_settings(argv[2] if len(argv) == 3 else DEFAULT_SETTINGS_FILE)
        path = create(command, title, settings)
    except ContentValidationError as error:
        report(error)
        return 1
    except ScaffoldError as error:
        sys.stderr.write(f"{error}\n")
        return 1
    print(messages.text("scaffold.created", path=path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
