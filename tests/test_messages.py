# ruff: noqa: E501  (the table holds whole lines, as the writer sees them)
"""Every message a writer or site owner can trigger, in Swedish (issue 9,
point 2): THE table of messages. Each row is a message key, what triggers
it (a small content file, a setting, or a call for what only the machine
can cause) and the whole Swedish line. Every key of the catalogue must
have a row; a new message gets its row here.

Run in-process (scan(), the settings check), with the language Swedish.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import test_body_checks
import test_brand
import test_cms_config
import test_cms_local
import test_content_cache
import test_deploy
import test_github_report
import test_links
import test_pictures
import test_preview
import test_redirects
import test_scaffold
import test_search
import test_statements
from conftest import ENGLISH, PNG, ROOT, SAMPLE_EPOCH, Site
from eduweb import messages, staging
from eduweb.build import validate
from eduweb.content_index import scan
from eduweb.deploy import Change
from eduweb.errors import ContentError, ContentValidationError
from eduweb.messages import CATALOGUE
from eduweb.settings_files import SettingsSource, settings_file_errors
from eduweb.site_settings import check_site_settings
from pelican.settings import get_settings_from_file

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NEWS = "news/2024/x.md"
NOW = dt.datetime.fromtimestamp(SAMPLE_EPOCH, dt.UTC)  # 2026-11-23 12:00 UTC


# ------------------------------------------------------------- triggers
@dataclass(frozen=True)
class Content:
    """Content files (path below content/ -> text), checked with scan()."""

    files: dict

    def lines(self, tmp: Path) -> list[str]:
        root = tmp / "content"
        for folder in ("news", "programmes", "contacts", "pages", "images"):
            (root / folder).mkdir(parents=True, exist_ok=True)
        for rel, text in self.files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            elif text is FIFO:
                os.mkfifo(path)
            elif text is LINK:
                path.symlink_to("/etc/hostname")
            else:
                path.write_text(text, encoding="utf-8")
        settings = {
            "PATH": str(root),
            "_eduweb_tz": STOCKHOLM,
            "STATIC_PATHS": ["images"],
            "_EDUWEB_NOW": NOW,
        }
        return [str(error) for error in scan(settings).errors]


FIFO, LINK = object(), object()


def news(fields: str = "", body: str = "Text.\n", title: str = "title: Nyhet\n") -> Content:
    """content/news/2024/x.md with a title and date, then `fields`."""
    return Content({NEWS: f"---\n{title}date: 2024-06-03\n{fields}---\n{body}"})


def raw(path: str, text, **more) -> Content:
    return Content({path: text, **more})


PROGRAMME = "---\ntitle: Chefsprogrammet\nsummary: Ett program.\n"


def programme(fields: str) -> Content:
    return Content({"programmes/p.md": PROGRAMME + fields + "---\nText.\n"})


def rounds(fields: str) -> Content:
    """One round, Våren, with `fields` indented below it."""
    return programme("rounds:\n  - name: Våren\n" + fields)


IMAGE = {"images/bild.png": PNG}


@dataclass(frozen=True)
class Setting:
    """Lines appended to the project's pelicanconf.py; `{n}` in the expected
    line is the line of the first of them."""

    text: str

    def lines(self, tmp: Path) -> tuple[list[str], int]:
        path = tmp / "pelicanconf.py"
        before = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
        path.write_text(before + "\n" + self.text + "\n", encoding="utf-8")
        first = before.count("\n") + 2
        cwd = os.getcwd()
        os.chdir(tmp)
        sys.path.insert(0, str(tmp))
        sys.modules.pop("pelicanconf", None)
        try:
            errors = settings_file_errors("pelicanconf.py")
            if not errors:
                settings = get_settings_from_file("pelicanconf.py")
                messages.set_language("sv")
                errors = check_site_settings(settings, SettingsSource("pelicanconf.py"))[2]
        finally:
            os.chdir(cwd)
            sys.path.remove(str(tmp))
            sys.modules.pop("pelicanconf", None)
        return [str(error) for error in errors], first


@dataclass(frozen=True)
class Call:
    """What only the machine can cause (a full disk, a lock): the line or
    text a call gives."""

    fn: Callable[[Path], str]


class FakePelican:
    def __init__(self, output: str):
        self.output_path = output
        self.settings = {}


def refusal(output: str) -> Callable[[Path], str]:
    def run(tmp: Path) -> str:
        try:
            staging._target(FakePelican(output))
        except ContentValidationError as error:
            return str(error.errors[0])
        return "no problem"

    return run


def output_file(tmp: Path) -> str:
    (tmp / "site").write_text("x")
    return refusal(str(tmp / "site"))(tmp).replace(str(tmp), "<tmp>")


def locked(tmp: Path) -> str:
    final = str(tmp / "output")
    with open(staging._sibling(final, "lock"), "w") as other:
        fcntl.flock(other, fcntl.LOCK_EX)
        try:
            staging._lock(final, final)
        except ContentValidationError as error:
            return str(error.errors[0]).replace(str(tmp), "<tmp>")
    return "no problem"


def write_failure(code: int) -> Callable[[Path], str]:
    def run(tmp: Path) -> str:
        pelican = FakePelican(str(tmp / "output"))
        error = staging.write_failure(pelican, OSError(code, os.strerror(code)))
        return str(error.errors[0]).replace(str(tmp), "<tmp>")

    return run


def epoch(value: str) -> Callable[[Path], str]:
    def run(tmp: Path) -> str:
        os.environ["SOURCE_DATE_EPOCH"] = value
        try:
            settings = {"PATH": str(tmp), "_eduweb_tz": STOCKHOLM}
            validate(settings)
        except ContentValidationError as error:
            return str(error.errors[0])
        finally:
            os.environ.pop("SOURCE_DATE_EPOCH")
        return "no problem"

    return run


def summary(count: int, files: int) -> Callable[[Path], str]:
    def run(tmp: Path) -> str:
        errors = [ContentError(f"content/{i % files}.md", i, "title", "x") for i in range(count)]
        return str(ContentValidationError(errors))

    return run


def text(key: str, **values) -> Callable[[Path], str]:
    """For what a test cannot cause safely (a disk that cannot be written,
    a folder that cannot be renamed): the text as the code fills it in."""
    return lambda tmp: messages.text(key, **values)


# ------------------------------------------------------------- the table
P = "content/news/2024/x.md"
R = "content/programmes/p.md"
# (key, trigger, the Swedish line). Settings lines are in pelicanconf.py,
# where {n} is the line of the first line the row appends.
ROWS: list[tuple[str, object, str]] = [
    # summary and check
    (
        "summary.problems",
        Call(summary(3, 2)),
        "3 problem i 2 filer; inget byggdes och den publicerade webbplatsen är orörd",
    ),
    (
        "summary.problem_count",
        Call(summary(3, 2)),
        "3 problem i 2 filer; inget byggdes och den publicerade webbplatsen är orörd",
    ),
    (
        "summary.file_count",
        Call(summary(3, 2)),
        "3 problem i 2 filer; inget byggdes och den publicerade webbplatsen är orörd",
    ),
    (
        "summary.one_problem",
        Call(summary(1, 1)),
        "1 problem i 1 fil; inget byggdes och den publicerade webbplatsen är orörd",
    ),
    (
        "summary.one_file",
        Call(summary(1, 1)),
        "1 problem i 1 fil; inget byggdes och den publicerade webbplatsen är orörd",
    ),
    (
        "check.no_problems",
        Call(text("check.no_problems", count=12)),
        "12 filer kontrollerade, inga problem",
    ),
    ("check.one_file", Call(text("check.one_file")), "1 fil kontrollerad, inga problem"),
    # What a deploy or the preview says; tests/test_deploy.py and
    # tests/test_preview.py show each with a real server.
    (
        "deploy.kind.new",
        Call(lambda _tmp: str(Change("om/index.html", "new"))),
        "ny: om/index.html",
    ),
    (
        "deploy.kind.changed",
        Call(lambda _tmp: str(Change("index.html", "changed"))),
        "ändrad: index.html",
    ),
    (
        "deploy.kind.deleted",
        Call(lambda _tmp: str(Change("gammal/index.html", "deleted"))),
        "tas bort: gammal/index.html",
    ),
    (
        "deploy.rsync_failed",
        Call(
            text("deploy.rsync_failed", target="webb@server:/var/www", detail="Connection refused")
        ),
        "det gick inte att publicera till webb@server:/var/www: Connection refused (webbplatsen på servern är oförändrad om inget hann skickas; kontrollera adress, port, nyckel och DEPLOY_SSH_KNOWN_HOSTS)",
    ),
    (
        "deploy.s3_failed",
        Call(text("deploy.s3_failed", bucket="webbplats", detail="NoSuchBucket")),
        "det gick inte att publicera till lagringsbehållaren webbplats: NoSuchBucket (kontrollera DEPLOY_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID och AWS_SECRET_ACCESS_KEY)",
    ),
    (
        "preview.port_busy",
        Call(text("preview.port_busy")),
        "porten används redan av ett annat program (avsluta det, eller välj en annan port med --port, t.ex. --port 8001)",
    ),
    # where
    (
        "where.front_matter",
        raw(NEWS, "---\n- title\n---\n"),
        "content/news/2024/x.md:2: fälten överst: här ska det stå fält som namn: värde, ett på varje rad (t.ex. title: Rubrik)",
    ),
    (
        "where.file",
        raw("news/2024/x.txt", "Text"),
        "content/news/2024/x.txt:1: filen: bara Markdown-filer som slutar på .md hör hemma i content/news/",
    ),
    (
        "where.body",
        news(body="![](images/bild.png)\n"),
        "content/news/2024/x.md:5: texten: bilden 'images/bild.png' saknar alternativtext (beskriv den mellan hakparenteserna: ![Vad bilden visar](images/bild.png))",
    ),
    (
        "where.environment",
        Call(epoch("igår")),
        "(miljövariabel):0: SOURCE_DATE_EPOCH: SOURCE_DATE_EPOCH='igår' är inget antal sekunder sedan 1970 (t.ex. SOURCE_DATE_EPOCH=$(date +%s))",
    ),
    # frontmatter
    (
        "file.no_front_matter",
        raw(NEWS, "title: Nyhet\n\nText.\n"),
        "content/news/2024/x.md:1: fälten överst: filen börjar inte med fälten (skriv --- på första raden, sedan fälten, t.ex. title: …, sedan en rad --- och sist texten)",
    ),
    (
        "file.no_closing_fence",
        raw(NEWS, "---\ntitle: Nyhet\ndate: 2024-06-03\n\nText.\n"),
        "content/news/2024/x.md:4: fälten överst: fälten överst i filen slutar aldrig med en rad --- (skriv en rad --- efter det sista fältet, före texten)",
    ),
    (
        "file.second_document",
        raw("contacts/anna.yml", "name: Anna\n---\nrole: Chef\n"),
        "content/contacts/anna.yml:2: filen: här står en rad --- mitt bland fälten (en rad --- får bara stå före det första fältet och efter det sista; ta bort den)",
    ),
    (
        "file.not_fields",
        raw(NEWS, "---\n- title\n---\n"),
        "content/news/2024/x.md:2: fälten överst: här ska det stå fält som namn: värde, ett på varje rad (t.ex. title: Rubrik)",
    ),
    (
        "file.alias",
        news("summary: &a Text\nauthor: *a\n"),
        "content/news/2024/x.md:5: author: *a upprepar ett värde som märkts med &a, och det går inte här (skriv ut hela värdet)",
    ),
    (
        "file.too_deep",
        news("extra: " + "[" * 25 + "]" * 25 + "\n"),
        "content/news/2024/x.md:4: extra: är indraget i mer än 20 nivåer (webbplatsens fält har högst 5 nivåer; kontrollera indraget och hakparenteserna)",
    ),
    (
        "file.bad_field_name",
        news("[a]: b\n"),
        "content/news/2024/x.md:4: fälten överst: ett fältnamn ska vara vanlig text följd av ett kolon (t.ex. title:)",
    ),
    (
        "file.field_twice",
        news("summary: A\nsummary: B\n"),
        "content/news/2024/x.md:5: summary: står två gånger (behåll en av raderna)",
    ),
    (
        "file.control_character",
        news("summary: A\x0bB\n"),
        "content/news/2024/x.md:4: summary: innehåller det osynliga tecknet U+000B (VERTICAL TAB) i kolumn 11 (radera det och skriv om texten runt det; sådana tecken följer med text som klistrats in från Word eller en PDF)",
    ),
    (
        "file.at_column",
        news("summary: A\x0bB\n"),
        "content/news/2024/x.md:4: summary: innehåller det osynliga tecknet U+000B (VERTICAL TAB) i kolumn 11 (radera det och skriv om texten runt det; sådana tecken följer med text som klistrats in från Word eller en PDF)",
    ),
    (
        "yaml.tab",
        news("tags:\n\t- Ledarskap\n"),
        "content/news/2024/x.md:5: fälten överst: raden är indragen med tabb (dra in med mellanslag i stället)",
    ),
    (
        "yaml.colon_in_value",
        news(title="title: Nu: nästa steg\n"),
        "content/news/2024/x.md:2: title: värdet innehåller ': ' och måste då stå inom citattecken (skriv t.ex. title: \"Nu: nästa steg\")",
    ),
    (
        "yaml.indented_too_far",
        news("summary: Text\n  author: Anna\n"),
        "content/news/2024/x.md:5: author: raden är indragen mer än fältet ovanför (skriv fältet längst till vänster, eller dra in det lika mycket som de andra fälten i samma grupp)",
    ),
    (
        "yaml.no_colon",
        news("summary: Text\nAnna Svensson\nauthor: Anna\n"),
        "content/news/2024/x.md:5: fälten överst: raden saknar kolon (skriv varje fält som namn: värde, t.ex. title: Rubrik; en text som fortsätter på nästa rad dras in med mellanslag)",
    ),
    (
        "yaml.list_item",
        news("summary: Text\n- Ledarskap\n"),
        "content/news/2024/x.md:5: fälten överst: listpunkten står fel (en lista skrivs under sitt fält, t.ex. tags: och under det raderna '  - Ledarskap', alla indragna lika mycket)",
    ),
    (
        "yaml.text_after_quote",
        news(title='title: "Nu" och sedan\n'),
        "content/news/2024/x.md:2: title: det står text efter det avslutande citattecknet (sätt citattecken runt hela värdet, eller ta bort dem)",
    ),
    (
        "yaml.unclosed_quote",
        news(title='title: "Nu och sedan\n'),
        "content/news/2024/x.md:2: title: citattecknet som börjar på den här raden avslutas aldrig (avsluta värdet med samma citattecken, på samma rad)",
    ),
    (
        "yaml.unclosed_bracket",
        news("tags: [Ledarskap, Chefer\nsummary: Text\n"),
        "content/news/2024/x.md:4: tags: hakparentesen [ som börjar på den här raden stängs aldrig (avsluta med ] på samma rad, eller sätt värdet inom citattecken)",
    ),
    (
        "yaml.square_bracket",
        news("tags: [Ledarskap, Chefer\nsummary: Text\n"),
        "content/news/2024/x.md:4: tags: hakparentesen [ som börjar på den här raden stängs aldrig (avsluta med ] på samma rad, eller sätt värdet inom citattecken)",
    ),
    (
        "yaml.curly_bracket",
        news("extra: {a: b\nsummary: Text\n"),
        "content/news/2024/x.md:4: extra: klammerparentesen { som börjar på den här raden stängs aldrig (avsluta med } på samma rad, eller sätt värdet inom citattecken)",
    ),
    (
        "yaml.bad_start",
        news("summary: @anna\n"),
        'content/news/2024/x.md:4: summary: ett värde kan inte börja med @ (sätt värdet inom citattecken, t.ex. title: "@…")',
    ),
    (
        "yaml.other",
        news("summary: |x\n  Text\n"),
        "content/news/2024/x.md:4: summary: fälten går inte att läsa här (kontrollera indraget, och sätt värden som innehåller ': ' eller börjar med [ { * & ! % @ # | > ' \" inom citattecken)",
    ),
    ("yaml.hint_tab", Call(text("yaml.hint_tab")), "dra in med mellanslag"),
    ("yaml.hint_colon", Call(text("yaml.hint_colon")), "sätt värdet inom citattecken"),
    ("yaml.hint_no_colon", Call(text("yaml.hint_no_colon")), "skriv namn: värde"),
    ("yaml.hint_other", Call(text("yaml.hint_other")), "kontrollera indraget"),
    # model: values
    (
        "value.list",
        news("author: [Anna, Bo]\n"),
        "content/news/2024/x.md:4: author: här ska det stå text, men det står en lista (skriv author: och texten på samma rad)",
    ),
    (
        "value.group",
        news("author:\n  namn: Anna\n"),
        "content/news/2024/x.md:4: author: här ska det stå text, men det står en grupp indragna fält (skriv author: och texten på samma rad)",
    ),
    (
        "value.space",
        rounds("    registration_url: https://www.example.se/an mälan\n"),
        "content/programmes/p.md:6: rounds[0].registration_url: 'https://www.example.se/an mälan' innehåller ett mellanslag, som en webbadress inte kan ha (kopiera adressen från webbläsarens adressfält, t.ex. https://www.example.se/anmalan)",
    ),
    (
        "value.character",
        rounds('    registration_url: "https://www.example.se/\\u200banmalan"\n'),
        "content/programmes/p.md:6: rounds[0].registration_url: 'https://www.example.se/\\u200banmalan' innehåller tecknet U+200B (ZERO WIDTH SPACE), som en webbadress inte kan ha (kopiera adressen från webbläsarens adressfält, t.ex. https://www.example.se/anmalan)",
    ),
    (
        "example.date",
        raw(NEWS, "---\ntitle: Nyhet\n---\nText.\n"),
        "content/news/2024/x.md:1: date: fältet saknas (lägg till en rad date: ÅÅÅÅ-MM-DD)",
    ),
    (
        "field.not_text",
        news("author: [Anna, Bo]\n"),
        "content/news/2024/x.md:4: author: här ska det stå text, men det står en lista (skriv author: och texten på samma rad)",
    ),
    (
        "field.required_empty",
        news(title="title:\n"),
        "content/news/2024/x.md:2: title: är tomt men måste fyllas i (skriv title: …)",
    ),
    (
        "field.not_list",
        news("tags:\n  namn: Ledarskap\n"),
        "content/news/2024/x.md:4: tags: här ska det stå en lista, men det står en grupp indragna fält (skriv tags: [första, andra] eller en rad '- …' för varje sak)",
    ),
    (
        "field.not_a_date_value",
        news("modified: [2024]\n"),
        "content/news/2024/x.md:4: modified: här ska det stå ett datum, men det står en lista (skriv ÅÅÅÅ-MM-DD, t.ex. 2024-06-03)",
    ),
    (
        "field.not_a_time_value",
        rounds("    sessions:\n      - date: 2024-04-03\n        start_time: [13]\n"),
        "content/programmes/p.md:8: rounds[0].sessions[0].start_time: här ska det stå en tid, men det står en lista (skriv TT:MM, t.ex. 13:00)",
    ),
    (
        "field.choice",
        news("status: klar\n"),
        "content/news/2024/x.md:4: status: 'klar' går inte att använda här (skriv published eller draft, eller på svenska publicerad eller utkast)",
    ),
    (
        "field.choice_guess",
        news("status: publish\n"),
        "content/news/2024/x.md:4: status: 'publish' går inte att använda här (menade du published? skriv published eller draft, eller på svenska publicerad eller utkast)",
    ),
    (
        "choices.publish_status",
        news("status: klar\n"),
        "content/news/2024/x.md:4: status: 'klar' går inte att använda här (skriv published eller draft, eller på svenska publicerad eller utkast)",
    ),
    (
        "choices.round_status",
        rounds("    start: 2024-04-03\n    status: stängd\n"),
        "content/programmes/p.md:7: rounds[0].status: 'stängd' går inte att använda här (skriv open, few-places, full eller cancelled, eller på svenska öppen, få platser, fullbokad eller inställd)",
    ),
    (
        "field.percent",
        rounds("    start: 2024-04-03\n    booked_percent: 150\n"),
        "content/programmes/p.md:7: rounds[0].booked_percent: '150' är inte ett heltal från 0 till 100 (skriv t.ex. booked_percent: 50)",
    ),
    (
        "field.url_character",
        rounds("    registration_url: https://www.example.se/an mälan\n"),
        "content/programmes/p.md:6: rounds[0].registration_url: 'https://www.example.se/an mälan' innehåller ett mellanslag, som en webbadress inte kan ha (kopiera adressen från webbläsarens adressfält, t.ex. https://www.example.se/anmalan)",
    ),
    (
        "field.not_url",
        rounds("    registration_url: www.example.se\n"),
        "content/programmes/p.md:6: rounds[0].registration_url: 'www.example.se' är ingen webbadress (skriv hela adressen, t.ex. https://www.example.se/anmalan)",
    ),
    (
        "field.tag_without_letters",
        news("tags: ['!!']\n"),
        "content/news/2024/x.md:4: tags[0]: '!!' har inga bokstäver eller siffror, så ämnessidan skulle inte få någon adress (skriv ett ord, t.ex. Digitalisering)",
    ),
    (
        "field.tag_too_long",
        news("tags: [" + "a" * 101 + "]\n"),
        "content/news/2024/x.md:4: tags[0]: är för långt för en adress (101 tecken; ett ämnesord får ha högst 100)",
    ),
    (
        "field.email",
        raw("contacts/anna.yml", "name: Anna\nemail: anna.example.se\n"),
        "content/contacts/anna.yml:2: email: 'anna.example.se' är ingen e-postadress (skriv t.ex. namn@example.se)",
    ),
    (
        "field.slug_characters",
        news("slug: Min Sida\n"),
        "content/news/2024/x.md:4: slug: 'Min Sida' går inte att använda i sidans adress (skriv små bokstäver a-z, siffror 0-9 och enstaka bindestreck, t.ex. ny-omgang-hosten-2025)",
    ),
    (
        "field.slug_too_long",
        news("slug: " + "a" * 101 + "\n"),
        "content/news/2024/x.md:4: slug: är 101 tecken långt; sidans adress får ha högst 100 tecken (korta den)",
    ),
    (
        "image.outside_content",
        news("image: ../bild.png\nimage_alt: En bild\n"),
        "content/news/2024/x.md:4: image: '../bild.png' ligger utanför mappen content/ (skriv en sökväg som images/bild.jpg)",
    ),
    (
        "image.not_a_picture",
        news("image: images/bild.pdf\nimage_alt: En bild\n"),
        "content/news/2024/x.md:4: image: 'images/bild.pdf' är ingen bild (använd en fil som slutar på .jpg, .png, .webp, .gif, .avif eller .svg)",
    ),
    (
        "image.missing",
        news("image: images/finns-inte.png\nimage_alt: En bild\n"),
        "content/news/2024/x.md:4: image: 'images/finns-inte.png' finns inte (sökvägen räknas från mappen content/, t.ex. images/bild.jpg; kontrollera stavningen och filens ändelse)",
    ),
    (
        "image.not_published",
        Content(
            {
                NEWS: "---\ntitle: Nyhet\ndate: 2024-06-03\nimage: pages/bild.png\nimage_alt: En bild\n---\nText.\n",
                "pages/bild.png": b"x",
            }
        ),
        "content/news/2024/x.md:4: image: 'pages/bild.png' ligger inte i en mapp som publiceras (content/images/); flytta bilden dit",
    ),
    (
        "phone.empty",
        raw("contacts/anna.yml", "name: Anna\nphone:\n  -\n"),
        "content/contacts/anna.yml:3: phone[0]: är tomt (skriv numret efter strecket, eller ta bort raden)",
    ),
    (
        "phone.not_text",
        raw("contacts/anna.yml", "name: Anna\nphone:\n  a: b\n"),
        "content/contacts/anna.yml:2: phone: här ska det stå ett telefonnummer, men det står en grupp indragna fält (skriv phone: 08-709 59 81, eller en lista: [08-709 59 81, 070-527 59 81])",
    ),
    (
        "field.extra_not_fields",
        news("extra: Text\n"),
        "content/news/2024/x.md:4: extra: här ska det stå indragna rader namn: värde, men det står 'Text' (skriv extra: på en egen rad och fälten indragna under)",
    ),
    (
        "field.missing",
        raw(NEWS, "---\ntitle: Nyhet\n---\nText.\n"),
        "content/news/2024/x.md:1: date: fältet saknas (lägg till en rad date: ÅÅÅÅ-MM-DD)",
    ),
    (
        "field.unknown",
        news("titel: Nyhet\n"),
        "content/news/2024/x.md:4: titel: okänt fält (menade du title? fälten här är title, date, modified, summary, tags, author, owner, image, image_alt, image_caption, contacts, programmes, status, slug, aliases, extra; egna värden skrivs under extra:)",
    ),
    (
        "field.unknown_no_extra",
        rounds("    plats: Stockholm\n"),
        "content/programmes/p.md:6: rounds[0].plats: okänt fält (fälten här är name, start, end, sessions, booked_percent, status, registration_deadline, registration_url)",
    ),
    (
        "field.did_you_mean",
        news("titel: Nyhet\n"),
        "content/news/2024/x.md:4: titel: okänt fält (menade du title? fälten här är title, date, modified, summary, tags, author, owner, image, image_alt, image_caption, contacts, programmes, status, slug, aliases, extra; egna värden skrivs under extra:)",
    ),
    (
        "field.not_fields",
        programme("rounds:\n  - Våren\n"),
        "content/programmes/p.md:5: rounds[0]: här ska det stå fält som namn: värde, men det står 'Våren' (skriv varje post som '- name: …' med de andra fälten indragna under)",
    ),
    (
        "field.other",
        Call(text("field.other", problem="Input should be a valid string")),
        "värdet går inte att använda här (se docs/content-model.md för hur fältet skrivs)",
    ),
    # model: rules
    (
        "rule.image_alt_required",
        Content(
            {
                NEWS: "---\ntitle: Nyhet\ndate: 2024-06-03\nimage: images/bild.png\n---\nText.\n",
                **IMAGE,
            }
        ),
        "content/news/2024/x.md:1: image_alt: behövs när det finns en bild (beskriv vad bilden visar, för den som inte kan se den)",
    ),
    (
        "rule.modified_before_date",
        news("modified: 2024-06-01\n"),
        "content/news/2024/x.md:4: modified: är före date (modified får inte vara före date)",
    ),
    (
        "rule.end_time_without_start",
        rounds("    sessions:\n      - date: 2024-04-03\n        end_time: '15:00'\n"),
        "content/programmes/p.md:8: rounds[0].sessions[0].end_time: står utan start_time (lägg till start_time: TT:MM, eller ta bort end_time om tillfället pågår hela dagen)",
    ),
    (
        "rule.end_time_not_after_start",
        rounds(
            "    sessions:\n      - date: 2024-04-03\n        start_time: '15:00'\n        end_time: '13:00'\n"
        ),
        "content/programmes/p.md:9: rounds[0].sessions[0].end_time: 13:00 är inte efter start_time 15:00",
    ),
    (
        "rule.start_required",
        rounds(""),
        "content/programmes/p.md:5: rounds[0].start: behövs när omgången inte har några tillfällen (skriv start: ÅÅÅÅ-MM-DD, eller lista tillfällena under sessions:)",
    ),
    (
        "rule.end_before_start",
        rounds("    start: 2024-04-03\n    end: 2024-04-01\n"),
        "content/programmes/p.md:7: rounds[0].end: 2024-04-01 är före starten 2024-04-03",
    ),
    (
        "rule.session_before_start",
        rounds("    start: 2024-04-03\n    sessions:\n      - date: 2024-04-01\n"),
        "content/programmes/p.md:8: rounds[0].sessions[0].date: 2024-04-01 är före omgångens start 2024-04-03",
    ),
    (
        "rule.session_after_end",
        rounds(
            "    start: 2024-04-01\n    end: 2024-04-02\n    sessions:\n      - date: 2024-04-05\n"
        ),
        "content/programmes/p.md:9: rounds[0].sessions[0].date: 2024-04-05 är efter omgångens slut 2024-04-02",
    ),
    (
        "rule.booked_but_cancelled",
        rounds("    start: 2024-04-03\n    status: inställd\n    booked_percent: 50\n"),
        "content/programmes/p.md:8: rounds[0].booked_percent: 50 är angivet för en inställd omgång, som inte tar emot bokningar (ta bort booked_percent, eller ändra status)",
    ),
    (
        "rule.full_below_100",
        rounds("    start: 2024-04-03\n    status: fullbokad\n    booked_percent: 50\n"),
        "content/programmes/p.md:8: rounds[0].booked_percent: 50 är under 100 men status är fullbokad (skriv booked_percent: 100, eller status: få platser)",
    ),
    (
        "rule.100_but_bookable",
        rounds("    start: 2024-04-03\n    status: öppen\n    booked_percent: 100\n"),
        "content/programmes/p.md:8: rounds[0].booked_percent: 100 betyder att omgången är fullbokad, men status är open (skriv status: fullbokad, eller ett lägre booked_percent)",
    ),
    # dates
    (
        "date.not_a_date",
        rounds("    start: 2024-13-03\n"),
        "content/programmes/p.md:6: rounds[0].start: datumet '2024-13-03' finns inte (skriv ÅÅÅÅ-MM-DD, t.ex. 2024-06-03)",
    ),
    (
        "date.year_out_of_range",
        rounds("    start: 1024-06-03\n"),
        "content/programmes/p.md:6: rounds[0].start: '1024-06-03' ligger utanför åren 1900–2199 som webbplatsen hanterar (kontrollera året)",
    ),
    (
        "date.not_a_time",
        rounds("    sessions:\n      - date: 2024-04-03\n        start_time: 25:00\n"),
        "content/programmes/p.md:8: rounds[0].sessions[0].start_time: '25:00' är ingen tid (skriv TT:MM, t.ex. 13:00)",
    ),
    (
        "date.not_a_date_or_time",
        news("modified: igår\n"),
        "content/news/2024/x.md:4: modified: 'igår' är inget datum (skriv ÅÅÅÅ-MM-DD, eller ÅÅÅÅ-MM-DD TT:MM med en tid, t.ex. 2024-06-03 09:30)",
    ),
    (
        "date.not_a_time_of_day",
        news("modified: 2024-06-03 25:00\n"),
        "content/news/2024/x.md:4: modified: '2024-06-03 25:00' har ingen riktig tid (skriv ÅÅÅÅ-MM-DD TT:MM, t.ex. 2024-06-03 09:30)",
    ),
    (
        "date.bad_offset",
        news("modified: 2024-06-03 10:00+15:00\n"),
        "content/news/2024/x.md:4: modified: '2024-06-03 10:00+15:00' har en tidszon som inte finns (skriv t.ex. +01:00, eller utelämna den för svensk tid)",
    ),
    (
        "date.epoch_not_a_number",
        Call(epoch("igår")),
        "(miljövariabel):0: SOURCE_DATE_EPOCH: SOURCE_DATE_EPOCH='igår' är inget antal sekunder sedan 1970 (t.ex. SOURCE_DATE_EPOCH=$(date +%s))",
    ),
    (
        "date.epoch_too_late",
        Call(epoch("99999999999")),
        "(miljövariabel):0: SOURCE_DATE_EPOCH: SOURCE_DATE_EPOCH='99999999999' ligger efter 2199 (webbplatsen hanterar åren fram till 2199; t.ex. SOURCE_DATE_EPOCH=$(date +%s))",
    ),
    # local times
    (
        "time.skipped",
        rounds("    sessions:\n      - date: 2024-03-31\n        start_time: '02:30'\n"),
        "content/programmes/p.md:8: rounds[0].sessions[0].start_time: 02:30 den 2024-03-31 finns inte i Europe/Stockholm (klockan ställs fram från 02:00 till 03:00); skriv en tid före 02:00 eller från 03:00, t.ex. 03:30",
    ),
    (
        "time.repeated",
        rounds("    sessions:\n      - date: 2024-10-27\n        start_time: '02:30'\n"),
        "content/programmes/p.md:8: rounds[0].sessions[0].start_time: 02:30 den 2024-10-27 inträffar två gånger i Europe/Stockholm (klockan ställs tillbaka från 03:00 till 02:00); skriv en tid före 02:00 eller från 03:00",
    ),
    # phones
    (
        "phone.how_to_write",
        raw("contacts/anna.yml", "name: Anna\nphone: hej\n"),
        "content/contacts/anna.yml:2: phone: 'hej' är inget giltigt telefonnummer (skriv det som det slås i Sverige, t.ex. 08-709 59 81 eller 070-527 59 81, eller med landsnummer, t.ex. +47 22 12 34 56)",
    ),
    (
        "phone.invalid",
        raw("contacts/anna.yml", "name: Anna\nphone: hej\n"),
        "content/contacts/anna.yml:2: phone: 'hej' är inget giltigt telefonnummer (skriv det som det slås i Sverige, t.ex. 08-709 59 81 eller 070-527 59 81, eller med landsnummer, t.ex. +47 22 12 34 56)",
    ),
    (
        "phone.bad_country_code",
        raw("contacts/anna.yml", "name: Anna\nphone: +999 123 456\n"),
        "content/contacts/anna.yml:2: phone: '+999 123 456' är inget giltigt telefonnummer (landsnumret +999 finns inte; skriv det som det slås i Sverige, t.ex. 08-709 59 81 eller 070-527 59 81, eller med landsnummer, t.ex. +47 22 12 34 56)",
    ),
    (
        "phone.no_such_swedish_number",
        raw("contacts/anna.yml", "name: Anna\nphone: 0376-12 34 56\n"),
        "content/contacts/anna.yml:2: phone: '0376-12 34 56' är inget giltigt telefonnummer (det finns inget sådant svenskt nummer: kontrollera riktnumret och antalet siffror)",
    ),
    (
        "phone.no_such_number",
        raw("contacts/anna.yml", "name: Anna\nphone: +47 02 12 34 56\n"),
        "content/contacts/anna.yml:2: phone: '+47 02 12 34 56' är inget giltigt telefonnummer (det finns inget sådant nummer med landsnumret +47: kontrollera siffrorna)",
    ),
    # content_index: files
    (
        "file.not_utf8",
        raw(NEWS, b"---\ntitle: Caf\xe9\n---\n"),
        "content/news/2024/x.md:1: filen: är inte sparad som UTF-8 (spara filen med teckenkodningen UTF-8)",
    ),
    (
        "file.too_large",
        raw(NEWS, "x" * 1_000_001),
        "content/news/2024/x.md:1: filen: är större än 1 MB, gränsen för en innehållsfil (bilder och dokument hör hemma i content/images/)",
    ),
    (
        "file.unreadable",
        Call(text("file.unreadable", reason="Permission denied")),
        "går inte att läsa (Permission denied; kontrollera filens behörigheter)",
    ),
    (
        "folder.unreadable",
        Call(text("folder.unreadable", reason="Permission denied")),
        "går inte att läsa (Permission denied; kontrollera behörigheterna)",
    ),
    (
        "entry.unreadable",
        Call(text("entry.unreadable", reason="Permission denied")),
        "går inte att läsa (Permission denied)",
    ),
    (
        "file.static_unreadable",
        Call(text("file.static_unreadable")),
        "går inte att läsa (kontrollera filens behörigheter)",
    ),
    (
        "file.not_ordinary",
        raw("news/2024/ror.md", FIFO),
        "content/news/2024/ror.md:1: filen: är ingen vanlig fil (ta bort den)",
    ),
    (
        "file.symlink",
        raw("news/2024/l.md", LINK),
        "content/news/2024/l.md:1: filen: är en symbolisk länk till /etc/hostname; länkar följs inte och publiceras inte (lägg själva filen här)",
    ),
    (
        "file.symlink_target",
        raw("news/2024/l.md", LINK),
        "content/news/2024/l.md:1: filen: är en symbolisk länk till /etc/hostname; länkar följs inte och publiceras inte (lägg själva filen här)",
    ),
    (
        "file.markdown_in_static",
        raw("images/x.md", "Text"),
        "content/images/x.md:1: filen: Markdown-filer publiceras inte härifrån (nyheter hör hemma i content/news/, sidor i content/pages/)",
    ),
    (
        "file.contact_yaml_extension",
        raw("contacts/anna.yaml", "name: Anna\n"),
        "content/contacts/anna.yaml:1: filen: kontaktfiler slutar på .yml (byt namn på filen så att den slutar på .yml)",
    ),
    (
        "file.contact_wrong_type",
        raw("contacts/anna.txt", "name: Anna\n"),
        "content/contacts/anna.txt:1: filen: bara kontaktfiler som slutar på .yml hör hemma i content/contacts/",
    ),
    (
        "file.picture_in_content_folder",
        raw("news/bild.png", b"x"),
        "content/news/bild.png:1: filen: bilder hör hemma i content/images/, inte i content/news/ (flytta filen)",
    ),
    (
        "file.wrong_type",
        raw("news/2024/x.txt", "Text"),
        "content/news/2024/x.txt:1: filen: bara Markdown-filer som slutar på .md hör hemma i content/news/",
    ),
    (
        "file.contact_id_too_long",
        raw("contacts/" + "a" * 101 + ".yml", "name: Anna\n"),
        "content/contacts/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.yml:1: filen: filnamnet är 101 tecken långt; en kontakts filnamn får ha högst 100 (byt namn på filen)",
    ),
    (
        "file.contact_id_characters",
        raw("contacts/Anna Svensson.yml", "name: Anna\n"),
        "content/contacts/Anna Svensson.yml:1: filen: filnamnet 'Anna Svensson' används för att hänvisa till kontakten och får bara ha små bokstäver a-z, siffror 0-9 och bindestreck (byt namn på filen till anna-svensson.yml)",
    ),
    (
        "address.file_name_gives_none",
        raw("news/2024/!!.md", "---\ntitle: Nyhet\ndate: 2024-06-03\n---\n"),
        "content/news/2024/!!.md:1: slug: filnamnet '!!' ger ingen adress (lägg till en rad slug: ett-namn, som blir sidans adress)",
    ),
    (
        "address.file_name_too_long",
        raw("pages/" + "a" * 101 + ".md", "---\ntitle: Sida\n---\n"),
        "content/pages/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.md:1: slug: filnamnet ger en adress på 101 tecken; gränsen är 100 (lägg till en kortare adress med slug: eller byt namn på filen)",
    ),
    (
        "address.reserved",
        raw("pages/nyheter.md", "---\ntitle: Sida\n---\n"),
        "content/pages/nyheter.md:1: slug: /nyheter/ är en adress som webbplatsen själv använder (ge sidan en annan adress med slug:)",
    ),
    (
        "address.taken",
        Content(
            {
                "pages/om.md": "---\ntitle: Om\n---\n",
                "pages/om-oss.md": "---\ntitle: Om oss\nslug: om\n---\n",
            }
        ),
        "content/pages/om-oss.md:3: slug: /om/ är redan adressen till content/pages/om.md (ge en av dem en annan adress med slug:)",
    ),
    # references
    (
        "reference.draft",
        Content(
            {
                NEWS: "---\ntitle: Nyhet\ndate: 2024-06-03\nprogrammes: [p]\n---\n",
                "programmes/p.md": PROGRAMME + "status: utkast\n---\n",
            }
        ),
        "content/news/2024/x.md:4: programmes[0]: 'p' är ett utkast (content/programmes/p.md har status: draft; publicera den eller ta bort den ur listan)",
    ),
    (
        "reference.unknown",
        news("contacts: [anna]\n"),
        "content/news/2024/x.md:4: contacts[0]: 'anna' finns inte (det finns ingen fil content/contacts/anna.yml; det finns inga än)",
    ),
    (
        "reference.contact_file",
        news("contacts: [anna]\n"),
        "content/news/2024/x.md:4: contacts[0]: 'anna' finns inte (det finns ingen fil content/contacts/anna.yml; det finns inga än)",
    ),
    (
        "reference.programme",
        news("programmes: [ledarskap]\n"),
        "content/news/2024/x.md:4: programmes[0]: 'ledarskap' finns inte (det finns ingen utbildning med slug: ledarskap; det finns inga än)",
    ),
    (
        "reference.did_you_mean",
        Content(
            {
                NEWS: "---\ntitle: Nyhet\ndate: 2024-06-03\ncontacts: [ana-svensson]\n---\n",
                "contacts/anna-svensson.yml": "name: Anna\n",
            }
        ),
        "content/news/2024/x.md:4: contacts[0]: 'ana-svensson' finns inte (det finns ingen fil content/contacts/ana-svensson.yml; menade du anna-svensson?)",
    ),
    (
        "reference.known",
        Content(
            {
                NEWS: "---\ntitle: Nyhet\ndate: 2024-06-03\ncontacts: [bo]\n---\n",
                "contacts/anna-svensson.yml": "name: Anna\n",
            }
        ),
        "content/news/2024/x.md:4: contacts[0]: 'bo' finns inte (det finns ingen fil content/contacts/bo.yml; de som finns: anna-svensson)",
    ),
    (
        "reference.none_yet",
        news("contacts: [anna]\n"),
        "content/news/2024/x.md:4: contacts[0]: 'anna' finns inte (det finns ingen fil content/contacts/anna.yml; det finns inga än)",
    ),
    # tags
    (
        "tag.same_address_in_file",
        news("tags: [C++, C]\n"),
        "content/news/2024/x.md:4: tags[1]: 'C' och 'C++' (rad 4) får samma adress /nyheter/amne/c/ (behåll ett av dem)",
    ),
    (
        "tag.same_address",
        Content(
            {
                NEWS: "---\ntitle: Nyhet\ndate: 2024-06-03\ntags: [Ö]\n---\n",
                "news/2024/y.md": "---\ntitle: Nyhet\ndate: 2024-06-03\ntags: [o]\n---\n",
            }
        ),
        "content/news/2024/y.md:4: tags[0]: 'o' får samma adress /nyheter/amne/o/ som 'Ö' i content/news/2024/x.md:4 (skriv ämnesordet likadant i båda filerna, eller välj namn som skiljer sig i bokstäver eller siffror)",
    ),
    # body
    (
        "body.image_without_alt",
        Content(
            {NEWS: "---\ntitle: Nyhet\ndate: 2024-06-03\n---\n![](images/bild.png)\n", **IMAGE}
        ),
        "content/news/2024/x.md:5: texten: bilden 'images/bild.png' saknar alternativtext (beskriv den mellan hakparenteserna: ![Vad bilden visar](images/bild.png))",
    ),
    (
        "body.img_without_alt",
        news(body='<img src="/images/bild.png">\n'),
        'content/news/2024/x.md:5: texten: en <img> saknar alternativtext (lägg till alt="vad bilden visar")',
    ),
    (
        "body.link",
        news(body="[Om]({filename}finns-inte.md)\n"),
        "content/news/2024/x.md:5: texten: länken {filename}finns-inte.md pekar på en fil som inte finns (sökvägen räknas från den här filen, eller från content/ om den börjar med /)",
    ),
    (
        "link.outside_content",
        news(body="[Om]({filename}../../../x.md)\n"),
        "content/news/2024/x.md:5: texten: länken {filename}../../../x.md pekar utanför content/ (länka bara till filer i content/; sökvägen räknas från den här filen, eller från content/ om den börjar med /)",
    ),
    (
        "link.missing",
        news(body="[Om]({filename}finns-inte.md)\n"),
        "content/news/2024/x.md:5: texten: länken {filename}finns-inte.md pekar på en fil som inte finns (sökvägen räknas från den här filen, eller från content/ om den börjar med /)",
    ),
    (
        "link.hidden",
        Content(
            {
                NEWS: "---\ntitle: Nyhet\ndate: 2024-06-03\n---\n[x]({static}/images/.dold.png)\n",
                "images/.dold.png": b"x",
            }
        ),
        "content/news/2024/x.md:5: texten: länken {static}/images/.dold.png pekar på en dold fil, som inte publiceras (byt namn på den utan punkten först)",
    ),
    (
        "link.static_not_page",
        Content(
            {
                NEWS: "---\ntitle: Nyhet\ndate: 2024-06-03\n---\n[x]({filename}/images/bild.png)\n",
                **IMAGE,
            }
        ),
        "content/news/2024/x.md:5: texten: länken {filename}/images/bild.png pekar på en fil som inte är en sida (skriv {static}/images/bild.png i stället)",
    ),
    (
        "link.not_a_page",
        Content(
            {
                NEWS: "---\ntitle: Nyhet\ndate: 2024-06-03\n---\n[x]({filename}/programmes/p.md)\n",
                "programmes/p.md": PROGRAMME + "---\n",
            }
        ),
        "content/news/2024/x.md:5: texten: länken {filename}/programmes/p.md pekar på en fil som inte publiceras som sida (länka till en nyhet eller en sida i content/news/ eller content/pages/)",
    ),
    (
        "link.to_draft",
        Content(
            {
                "pages/om.md": "---\ntitle: Om\n---\nLäs [nyheten]({filename}/news/2024/x.md).\n",
                NEWS: "---\ntitle: Nyhet\ndate: 2024-06-03\nstatus: utkast\n---\nText.\n",
            }
        ),
        "content/pages/om.md:4: texten: länken '{filename}/news/2024/x.md' pekar på ett utkast (content/news/2024/x.md har status: draft), som inte publiceras (publicera det eller ta bort länken)",
    ),
    (
        "link.to_scheduled",
        Content(
            {
                "pages/om.md": "---\ntitle: Om\n---\nLäs [nyheten]({filename}/news/2026/x.md).\n",
                "news/2026/x.md": "---\ntitle: Nyhet\ndate: 2026-12-01 09:00\n---\nText.\n",
            }
        ),
        "content/pages/om.md:4: texten: länken '{filename}/news/2026/x.md' pekar på en schemalagd nyhet, som publiceras först 2026-12-01 (länka till den när den har publicerats)",
    ),
    (
        "link.not_published",
        Content(
            {
                NEWS: "---\ntitle: Nyhet\ndate: 2024-06-03\n---\n[x]({static}/programmes/p.md)\n",
                "programmes/p.md": PROGRAMME + "---\n",
            }
        ),
        "content/news/2024/x.md:5: texten: länken {static}/programmes/p.md pekar på en fil som inte publiceras ({static} länkar till filer i content/images/)",
    ),
    # settings
    (
        "where.settings",
        Call(
            lambda tmp: str(settings_file_errors(str(tmp / "saknas.py"))[0]).replace(
                str(tmp), "<tmp>"
            )
        ),
        "<tmp>/saknas.py:0: inställningar: inställningsfilen saknas",
    ),
    (
        "setting.file_missing",
        Call(
            lambda tmp: str(settings_file_errors(str(tmp / "saknas.py"))[0]).replace(
                str(tmp), "<tmp>"
            )
        ),
        "<tmp>/saknas.py:0: inställningar: inställningsfilen saknas",
    ),
    (
        "where.syntax_error",
        Setting("MENU = ["),
        "pelicanconf.py:{n}: fel i filen: '[' was never closed",
    ),
    (
        "setting.missing_public_url",
        Setting("del PUBLIC_URL"),
        "pelicanconf.py:1: PUBLIC_URL: saknas: skriv webbplatsens publika adress, t.ex. PUBLIC_URL = 'https://www.example.se'",
    ),
    (
        "setting.missing_timezone",
        Setting("del TIMEZONE"),
        "pelicanconf.py:1: TIMEZONE: saknas: skriv TIMEZONE = 'Europe/Stockholm'",
    ),
    ("setting.required", Call(text("setting.required")), "måste anges"),
    (
        "setting.public_url",
        Setting("PUBLIC_URL = 'https://www.example.se/'"),
        "pelicanconf.py:{n}: PUBLIC_URL: 'https://www.example.se/' ska vara webbplatsens publika adress utan sökväg och utan snedstreck sist, t.ex. https://www.example.se",
    ),
    (
        "setting.site_url",
        Setting("SITEURL = 'https://www.example.se'"),
        "pelicanconf.py:{n}: SITEURL: lämna den tom; länkarna börjar med / och PUBLIC_URL används där en fullständig adress behövs",
    ),
    (
        "setting.timezone",
        Setting("TIMEZONE = 'Europe/Stokholm'"),
        "pelicanconf.py:{n}: TIMEZONE: 'Europe/Stokholm' är ingen tidszon (menade du 'Europe/Stockholm'?)",
    ),
    (
        "setting.timezone_guess",
        Setting("TIMEZONE = 'Europe/Stokholm'"),
        "pelicanconf.py:{n}: TIMEZONE: 'Europe/Stokholm' är ingen tidszon (menade du 'Europe/Stockholm'?)",
    ),
    (
        "setting.timezone_example",
        Setting("TIMEZONE = 'Mars/Olympus'"),
        "pelicanconf.py:{n}: TIMEZONE: 'Mars/Olympus' är ingen tidszon (t.ex. 'Europe/Stockholm')",
    ),
    (
        "setting.count",
        Setting("NEWS_PER_PAGE = 0"),
        "pelicanconf.py:{n}: NEWS_PER_PAGE: 0 är inte ett heltal på minst 1 (skriv t.ex. 10)",
    ),
    (
        "setting.optional_text",
        Setting("SITE_DESCRIPTION = 5"),
        "pelicanconf.py:{n}: SITE_DESCRIPTION: skriv det som text, eller utelämna det",
    ),
    (
        "setting.language",
        Setting("DEFAULT_LANG = 'svenska'"),
        "pelicanconf.py:{n}: DEFAULT_LANG: 'svenska' är ingen språkkod (skriv 'sv')",
    ),
    (
        "setting.messages_language",
        Setting("MESSAGES_LANGUAGE = 'de'"),
        "pelicanconf.py:{n}: MESSAGES_LANGUAGE: 'de' går inte att använda (skriv 'sv' för svenska eller 'en' för engelska)",
    ),
    (
        "setting.link_pair",
        Setting("MENU = ['Nyheter']"),
        "pelicanconf.py:{n}: MENU[0]: här ska det stå ett par av en text och en adress, t.ex. ('Nyheter', 'nyheter/')",
    ),
    (
        "setting.link_label",
        Setting("MENU = [(1, 'nyheter/')]"),
        "pelicanconf.py:{n}: MENU[0]: texten 1 ska vara text, t.ex. ('Nyheter', 'nyheter/')",
    ),
    (
        "setting.link_address",
        Setting("MENU = [('Nyheter', '/nyheter/')]"),
        "pelicanconf.py:{n}: MENU[0]: '/nyheter/' är ingen adress inom webbplatsen; skriv den utan / först, t.ex. ('Nyheter', 'nyheter/')",
    ),
    (
        "setting.folder_name",
        Setting("STATIC_PATHS = ['../bilder']"),
        "pelicanconf.py:{n}: STATIC_PATHS[0]: '../bilder' är inget mappnamn (skriv t.ex. 'images')",
    ),
    (
        "setting.sitename",
        Setting("SITENAME = ''"),
        "pelicanconf.py:{n}: SITENAME: skriv webbplatsens namn, t.ex. SITENAME = 'Digitalt ledarskap'",
    ),
    (
        "setting.links_list",
        Setting("MENU = 'nyheter/'"),
        "pelicanconf.py:{n}: MENU: här ska det stå en lista, t.ex. [('Nyheter', 'nyheter/')]",
    ),
    (
        "setting.folders_list",
        Setting("STATIC_PATHS = 'images'"),
        "pelicanconf.py:{n}: STATIC_PATHS: här ska det stå en lista med mappar, t.ex. ['images']",
    ),
    (
        "setting.names_list",
        Setting("OUTPUT_RETENTION = '.git'"),
        "pelicanconf.py:{n}: OUTPUT_RETENTION: här ska det stå en lista med namn, t.ex. ['.git']",
    ),
    (
        "setting.unknown",
        Setting("HOME_NEWS_COUNTS = 2"),
        "pelicanconf.py:{n}: HOME_NEWS_COUNTS: okänd inställning (menade du HOME_NEWS_COUNT?)",
    ),
    (
        "setting.unknown_key",
        Setting("MATOMO = {'url': 'https://statistik.example.se/', 'site_id': 1, 'sitid': 2}"),
        "pelicanconf.py:{n}: MATOMO.sitid: okänd nyckel (menade du 'site_id'?)",
    ),
    (
        "setting.key_guess",
        Setting("MATOMO = {'url': 'https://statistik.example.se/', 'site_id': 1, 'sitid': 2}"),
        "pelicanconf.py:{n}: MATOMO.sitid: okänd nyckel (menade du 'site_id'?)",
    ),
    (
        "setting.from_environment",
        Call(text("setting.from_environment", name="PUBLIC_URL")),
        " (från miljövariabeln PUBLIC_URL)",
    ),
    (
        "setting.other",
        Call(text("setting.other", problem="Input should be a valid dictionary")),
        "värdet går inte att använda här (se README.md)",
    ),
    # consent
    (
        "consent.write_text",
        Setting(
            "CONSENT = {'categories': {'ovrigt': {'label': 'Övrigt', 'description': 'Annat.', 'cookies': [{'name': 'x', 'purpose': '', 'lifetime': '1 dag', 'provider': 'Vi'}]}}}"
        ),
        "pelicanconf.py:{n}: CONSENT.categories.ovrigt.cookies[0].purpose: måste anges: skriv det som text",
    ),
    (
        "consent.label_required",
        Setting("CONSENT = {'categories': {'ovrigt': {'label': '', 'description': 'Annat.'}}}"),
        "pelicanconf.py:{n}: CONSENT.categories.ovrigt.label: måste anges: kategorins namn, t.ex. 'Statistik'",
    ),
    (
        "consent.description_required",
        Setting("CONSENT = {'categories': {'ovrigt': {'label': 'Övrigt', 'description': ''}}}"),
        "pelicanconf.py:{n}: CONSENT.categories.ovrigt.description: måste anges: vad kakorna används till, i en mening",
    ),
    (
        "consent.url_required",
        Setting("MATOMO = {'site_id': 1}"),
        "pelicanconf.py:{n}: MATOMO.url: måste anges: Matomo-serverns https-adress, t.ex. 'https://statistik.example.se/'",
    ),
    (
        "consent.site_id_required",
        Setting("MATOMO = {'url': 'https://statistik.example.se/'}"),
        "pelicanconf.py:{n}: MATOMO.site_id: måste anges: webbplatsens nummer i Matomo, t.ex. 1",
    ),
    (
        "consent.cookie_name",
        Setting(
            "CONSENT = {'categories': {'ovrigt': {'label': 'Övrigt', 'description': 'Annat.', 'cookies': [{'name': 'a b', 'purpose': 'x', 'lifetime': '1 dag', 'provider': 'Vi'}]}}}"
        ),
        "pelicanconf.py:{n}: CONSENT.categories.ovrigt.cookies[0].name: 'a b' är inget kaknamn; använd namnet som kakan sätts med, med * för valfria tecken (t.ex. '_pk_id.*')",
    ),
    (
        "consent.boolean",
        Setting(
            "CONSENT = {'categories': {'ovrigt': {'label': 'Övrigt', 'description': 'Annat.', 'cookies': [{'name': 'x', 'purpose': 'x', 'lifetime': '1 dag', 'provider': 'Vi', 'third_party': 'ja'}]}}}"
        ),
        "pelicanconf.py:{n}: CONSENT.categories.ovrigt.cookies[0].third_party: skriv True (ja) eller False (nej)",
    ),
    (
        "consent.origin",
        Setting(
            "CONSENT = {'categories': {'ovrigt': {'label': 'Övrigt', 'description': 'Annat.', 'frame_src': ['http://www.youtube.com']}}}"
        ),
        "pelicanconf.py:{n}: CONSENT.categories.ovrigt.frame_src[0]: 'http://www.youtube.com' är ingen https-adress till en server: bara https:// och servernamnet, utan sökväg, mellanslag, citattecken, ; eller * (skriv t.ex. 'https://www.youtube-nocookie.com')",
    ),
    (
        "consent.category_key",
        Setting(
            "CONSENT = {'categories': {'Övrigt': {'label': 'Övrigt', 'description': 'Annat.'}}}"
        ),
        "pelicanconf.py:{n}: CONSENT.categories.Övrigt: 'Övrigt' går inte att använda som kategorinamn; använd a-z, 0-9 och bindestreck, t.ex. 'statistik'",
    ),
    (
        "consent.categories",
        Setting("CONSENT = {'categories': ['statistik']}"),
        "pelicanconf.py:{n}: CONSENT.categories: här ska det stå kategorierna inom { }, namn: inställningar",
    ),
    (
        "consent.language",
        Setting("CONSENT = {'language': 'de'}"),
        "pelicanconf.py:{n}: CONSENT.language: 'de' går inte att använda (skriv 'sv' eller 'en')",
    ),
    (
        "consent.policy_version",
        Setting("CONSENT = {'policy_version': ''}"),
        "pelicanconf.py:{n}: CONSENT.policy_version: skriv en version, t.ex. '2026-11-01'; ändra den varje gång kakorna ändras",
    ),
    (
        "consent.consent_cookie_name",
        Setting("CONSENT = {'cookie_name': 'mitt samtycke'}"),
        "pelicanconf.py:{n}: CONSENT.cookie_name: 'mitt samtycke' är inget kaknamn (a-z, 0-9, _ -)",
    ),
    (
        "consent.texts",
        Setting("CONSENT = {'texts': ['a']}"),
        "pelicanconf.py:{n}: CONSENT.texts: här ska det stå texterna som ska bytas ut, inom { }",
    ),
    (
        "consent.matomo_url",
        Setting("MATOMO = {'url': 'http://statistik.example.se/', 'site_id': 1}"),
        "pelicanconf.py:{n}: MATOMO.url: 'http://statistik.example.se/' är inte Matomo-serverns https-adress (skriv t.ex. 'https://statistik.example.se/', utan mellanslag, citattecken, ? eller #)",
    ),
    (
        "consent.site_id",
        Setting("MATOMO = {'url': 'https://statistik.example.se/', 'site_id': 'ett'}"),
        "pelicanconf.py:{n}: MATOMO.site_id: 'ett' är inget webbplatsnummer (skriv numret, t.ex. 1)",
    ),
    (
        "consent.cookie_shape",
        Setting(
            "CONSENT = {'categories': {'ovrigt': {'label': 'Övrigt', 'description': 'Annat.', 'cookies': ['x']}}}"
        ),
        "pelicanconf.py:{n}: CONSENT.categories.ovrigt.cookies[0]: här ska det stå en kaka inom { } med name, purpose, lifetime och provider",
    ),
    (
        "consent.cookies_list",
        Setting(
            "CONSENT = {'categories': {'ovrigt': {'label': 'Övrigt', 'description': 'Annat.', 'cookies': 'x'}}}"
        ),
        "pelicanconf.py:{n}: CONSENT.categories.ovrigt.cookies: här ska det stå en lista med kakor ([] för inga)",
    ),
    (
        "consent.origins_list",
        Setting(
            "CONSENT = {'categories': {'ovrigt': {'label': 'Övrigt', 'description': 'Annat.', 'frame_src': 'https://www.youtube.com'}}}"
        ),
        "pelicanconf.py:{n}: CONSENT.categories.ovrigt.frame_src: här ska det stå en lista med https-adresser",
    ),
    (
        "consent.category_shape",
        Setting("CONSENT = {'categories': {'ovrigt': 'Övrigt'}}"),
        "pelicanconf.py:{n}: CONSENT.categories.ovrigt: här ska det stå en kategori inom { } med label, description och cookies (None tar bara bort en av de inbyggda kategorierna: nodvandiga, statistik, externt-innehall)",
    ),
    (
        "consent.text_value",
        Setting("CONSENT = {'texts': {'accept': ''}}"),
        "pelicanconf.py:{n}: CONSENT.texts.accept: skriv texten, eller utelämna nyckeln",
    ),
    (
        "consent.matomo_shape",
        Setting("MATOMO = 'https://statistik.example.se/'"),
        "pelicanconf.py:{n}: MATOMO: här ska det stå {'url': 'https://statistik.example.se/', 'site_id': 1}",
    ),
    (
        "consent.shape",
        Setting("CONSENT = ['statistik']"),
        "pelicanconf.py:{n}: CONSENT: här ska det stå inställningar inom { } (se 'Cookies and consent' i README.md)",
    ),
    (
        "consent.unknown_text",
        Setting("CONSENT = {'texts': {'acept': 'Ja'}}"),
        "pelicanconf.py:{n}: CONSENT.texts.acept: okänd text (menade du 'accept'?)",
    ),
    (
        "consent.required_category",
        Setting("CONSENT = {'categories': {'nodvandiga': None}}"),
        "pelicanconf.py:{n}: CONSENT.categories.nodvandiga: kategorin 'nodvandiga' (nödvändiga kakor, alltid på) kan inte tas bort",
    ),
    (
        "consent.required_frames",
        Setting(
            "CONSENT = {'categories': {'nodvandiga': {'frame_src': ['https://www.youtube.com']}}}"
        ),
        "pelicanconf.py:{n}: CONSENT.categories.nodvandiga.frame_src: externt innehåll kräver samtycke; lägg det i en valfri kategori",
    ),
    (
        "consent.list_consent_cookie",
        Setting("CONSENT = {'categories': {'nodvandiga': {'cookies': []}}}"),
        "pelicanconf.py:{n}: CONSENT.categories.nodvandiga.cookies: måste ta upp samtyckeskakan 'samtycke' själv (kaksidan visar alla kakor webbplatsen sätter)",
    ),
    (
        "consent.matches_consent_cookie",
        Setting(
            "CONSENT = {'categories': {'ovrigt': {'label': 'Övrigt', 'description': 'Annat.', 'cookies': [{'name': 'samt*', 'purpose': 'x', 'lifetime': '1 dag', 'provider': 'Vi'}]}}}"
        ),
        "pelicanconf.py:{n}: CONSENT.categories.ovrigt.cookies[0].name: 'samt*' matchar samtyckeskakan 'samtycke', som då skulle tas bort med den här kategorin",
    ),
    (
        "consent.matomo_needs_category",
        Setting("CONSENT = {'categories': {'statistik': None}}"),
        "pelicanconf.py:99: MATOMO: behöver den valfria samtyckeskategorin 'statistik' i CONSENT['categories']; statistik får bara samlas in efter samtycke",
    ),
    (
        "consent.matomo_cookies",
        Setting("CONSENT = {'categories': {'statistik': {'cookies': []}}}"),
        "pelicanconf.py:{n}: CONSENT.categories.statistik.cookies: Matomo sätter _pk_id.* och _pk_ses.*; lista dem så att kaksidan visar dem och de tas bort när samtycket dras tillbaka",
    ),
    (
        "consent.and",
        Setting("CONSENT = {'categories': {'statistik': {'cookies': []}}}"),
        "pelicanconf.py:{n}: CONSENT.categories.statistik.cookies: Matomo sätter _pk_id.* och _pk_ses.*; lista dem så att kaksidan visar dem och de tas bort när samtycket dras tillbaka",
    ),
    # staging
    (
        "where.output",
        Call(output_file),
        "<tmp>/site:0: mappen för webbplatsen: är en fil, inte en mapp (ange en mapp för webbplatsen, t.ex. output)",
    ),
    (
        "output.is_a_file",
        Call(output_file),
        "<tmp>/site:0: mappen för webbplatsen: är en fil, inte en mapp (ange en mapp för webbplatsen, t.ex. output)",
    ),
    (
        "output.project_folder",
        Call(refusal(os.getcwd())),
        ".:0: mappen för webbplatsen: är eller innehåller projektmappen, där webbplatsens källfiler finns, och ett bygge ersätter hela mappen (ange en egen mapp, t.ex. output)",
    ),
    (
        "output.contains_sources",
        Call(refusal(os.getcwd())),
        ".:0: mappen för webbplatsen: är eller innehåller projektmappen, där webbplatsens källfiler finns, och ett bygge ersätter hela mappen (ange en egen mapp, t.ex. output)",
    ),
    (
        "output.inside_sources",
        Call(refusal(str(ROOT / "plugins" / "site"))),
        "plugins/site:0: mappen för webbplatsen: ligger i plugins, där webbplatsens källfiler finns (ange en mapp utanför den, t.ex. output)",
    ),
    (
        "output.mount_point",
        Call(refusal("/proc")),
        "/proc:0: mappen för webbplatsen: är en monteringspunkt, som inte kan ersättas i ett steg (bygg till en mapp i den, t.ex. /proc/site, och publicera den mappen)",
    ),
    (
        "output.locked",
        Call(locked),
        "<tmp>/output:0: mappen för webbplatsen: ett annat bygge skriver till den här mappen just nu (vänta tills det är klart och bygg sedan igen)",
    ),
    (
        "output.cannot_prepare",
        Call(text("output.cannot_prepare", reason="Permission denied")),
        "bygget kan inte förberedas bredvid den: Permission denied (gör mappen som den ligger i skrivbar)",
    ),
    (
        "output.cannot_stage",
        Call(text("output.cannot_stage", reason="Permission denied")),
        "det går inte att skapa en arbetsmapp bredvid den: Permission denied (gör mappen som den ligger i skrivbar)",
    ),
    (
        "output.disk_full",
        Call(write_failure(errno.ENOSPC)),
        "<tmp>/output:0: mappen för webbplatsen: den nya webbplatsen kunde inte skrivas: No space left on device (frigör utrymme på disken och bygg sedan igen; den publicerade webbplatsen är oförändrad)",
    ),
    (
        "output.write_other",
        Call(write_failure(errno.EIO)),
        "<tmp>/output:0: mappen för webbplatsen: den nya webbplatsen kunde inte skrivas: Input/output error (kontrollera disken och mappens behörigheter och bygg sedan igen)",
    ),
    (
        "output.write_failed",
        Call(write_failure(errno.ENOSPC)),
        "<tmp>/output:0: mappen för webbplatsen: den nya webbplatsen kunde inte skrivas: No space left on device (frigör utrymme på disken och bygg sedan igen; den publicerade webbplatsen är oförändrad)",
    ),
    (
        "output.mounted_replace",
        Call(text("output.mounted_replace")),
        "bygg till en mapp i den och publicera den mappen",
    ),
    (
        "output.make_writable",
        Call(text("output.make_writable")),
        "gör den och mappen den ligger i skrivbara och bygg sedan igen",
    ),
    (
        "output.cannot_replace",
        Call(text("output.cannot_replace", reason="Device or resource busy", todo="…")),
        "kan inte ersättas: Device or resource busy (…)",
    ),
]

# Words a writer should never have to know. "slug" only as the field
# written in a file (slug:), which the message then explains.
JARGON = re.compile(
    r"front matter|yaml|pars|\bslug\b(?!:)|\bdict|\bNone\b|\bTrue\b|\bFalse\b", re.I
)
# The same word in both languages.
SAME_WORDS = {"summary.one_problem"}
# Settings that are Python: there True, False and None are what one writes.
PYTHON_VALUES = {
    "consent.boolean",
    "consent.category_shape",
    "deploy.setting.target",
    "cms.shape",
    "cms.gitea_no_workflow",
}


def lines_of(trigger, tmp: Path) -> list[str]:
    messages.set_language("sv")
    if isinstance(trigger, Content):
        return trigger.lines(tmp)
    if isinstance(trigger, Setting):
        found, first = trigger.lines(tmp)
        return [line.replace(f":{first}:", ":{n}:") for line in found]
    return [trigger.fn(tmp)]


@pytest.mark.parametrize(("key", "trigger", "expected"), ROWS, ids=[row[0] for row in ROWS])
def test_each_message_in_swedish(key, trigger, expected, tmp_path):
    found = lines_of(trigger, tmp_path)
    assert expected in found
    # The row shows the key's own text: its Swedish, filled in, is in the line.
    assert shows(key, expected), key


def shows(key: str, line: str) -> bool:
    """True when `line` holds every fixed part of the Swedish text of `key`."""
    template = CATALOGUE[key].sv.replace("{{", "\0").replace("}}", "\1")
    fixed = [part.replace("\0", "{").replace("\1", "}") for part in re.split(r"{[^}]*}", template)]
    return all(part in line for part in fixed if part.strip())


# The table has one part per area: the rows above, and those kept beside the
# tests of the features whose messages they are (each run there, in Swedish,
# the same way: key, trigger, expected Swedish line).
PARTS = {
    "test_messages": ROWS,
    "test_body_checks": test_body_checks.MESSAGE_CASES,
    "test_brand": test_brand.MESSAGE_CASES,
    "test_cms_config": test_cms_config.MESSAGE_CASES,
    "test_links": test_links.MESSAGE_CASES,
    "test_scaffold": test_scaffold.MESSAGE_CASES,
    "test_preview": test_preview.MESSAGE_CASES,
    "test_deploy": test_deploy.MESSAGE_CASES,
    "test_redirects": test_redirects.MESSAGE_CASES,
    "test_github_report": test_github_report.MESSAGE_CASES,
    "test_pictures": test_pictures.MESSAGE_CASES,
    "test_statements": test_statements.MESSAGE_CASES,
    "test_cms_local": test_cms_local.MESSAGE_CASES,
    "test_search": test_search.MESSAGE_CASES,
    "test_content_cache": test_content_cache.MESSAGE_CASES,
}


def test_every_message_has_a_row():
    keys = [row[0] for part in PARTS.values() for row in part]
    assert sorted(set(CATALOGUE) - set(keys)) == []
    assert sorted(set(keys) - set(CATALOGUE)) == [], "a row for a key that does not exist"
    assert len({row[0] for row in ROWS}) == len(ROWS), "one row per key"


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_swedish_is_its_own_text_in_plain_words(key):
    message = CATALOGUE[key]
    if key not in SAME_WORDS:
        assert message.sv != message.en, key
    if key not in PYTHON_VALUES:
        assert not JARGON.search(message.sv), (key, message.sv)


def test_english_for_developers(tmp_path):
    trigger = news("modified: igår\n")
    messages.set_language("en")
    (line,) = trigger.lines(tmp_path)
    assert line == (
        "content/news/2024/x.md:4: modified: 'igår' is not a date (write YYYY-MM-DD, "
        "or YYYY-MM-DD HH:MM with a time)"
    )


# ------------------------------------------------------------- status in Swedish
@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("utkast", "draft"),
        ("Utkast", "draft"),
        ("publicerad", "published"),
        ("draft", "draft"),
    ],
)
def test_publish_status_may_be_written_in_swedish(written, status, tmp_path):
    messages.set_language("sv")
    root = tmp_path / "content"
    (root / "news/2024").mkdir(parents=True)
    (root / NEWS).write_text(
        f"---\ntitle: Nyhet\ndate: 2024-06-03\nstatus: {written}\n---\nText.\n", encoding="utf-8"
    )
    index = scan({"PATH": str(root), "_eduweb_tz": STOCKHOLM, "STATIC_PATHS": ["images"]})
    assert index.errors == []
    (doc,) = index.documents.values()
    assert doc.meta.status == status
    assert doc.is_draft == (status == "draft")


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("öppen", "open"),
        ("få platser", "few-places"),
        ("Få Platser", "few-places"),
        ("fa platser", "few-places"),
        ("fullbokad", "full"),
        ("FULLBOKAD", "full"),
        ("inställd", "cancelled"),
        ("installd", "cancelled"),
        ("few-places", "few-places"),
    ],
)
def test_round_status_may_be_written_in_swedish(written, status, tmp_path):
    messages.set_language("sv")
    root = tmp_path / "content"
    (root / "programmes").mkdir(parents=True)
    (root / "programmes/p.md").write_text(
        PROGRAMME + f"rounds:\n  - name: Våren\n    start: 2024-04-03\n    status: {written}\n"
        "---\nText.\n",
        encoding="utf-8",
    )
    index = scan({"PATH": str(root), "_eduweb_tz": STOCKHOLM, "STATIC_PATHS": ["images"]})
    assert index.errors == []
    (doc,) = index.documents.values()
    assert doc.meta.rounds[0].status == status


def test_a_near_miss_is_suggested_as_spelt(tmp_path):
    messages.set_language("sv")
    (line,) = rounds("    start: 2024-04-03\n    status: fullbokat\n").lines(tmp_path)
    assert "(menade du fullbokad? skriv " in line
    (line,) = rounds("    start: 2024-04-03\n    status: få plats\n").lines(tmp_path / "b")
    assert "(menade du få platser? skriv " in line


def test_links_between_unpublished_articles_are_not_reported(tmp_path):
    """A draft or a scheduled article may link to one; so may a page to an
    article that is published by now."""
    found = Content(
        {
            "news/2026/a.md": "---\ntitle: A\ndate: 2026-12-01\n---\n[B]({filename}b.md)\n",
            "news/2026/b.md": "---\ntitle: B\ndate: 2026-12-02\nstatus: draft\n---\nText.\n",
            "news/2026/c.md": "---\ntitle: C\ndate: 2026-11-01\n---\n[B]({filename}b.md)\n",
            "pages/om.md": "---\ntitle: Om\n---\n[C]({filename}/news/2026/c.md)\n",
        }
    ).lines(tmp_path)
    assert [line.split(":")[0] for line in found] == ["content/news/2026/c.md"]


# ------------------------------------------------------------- the language setting
def test_a_settings_file_that_does_not_run_is_reported_in_its_language(
    tmp_path, monkeypatch, capsys
):
    from eduweb import check

    monkeypatch.chdir(tmp_path)
    (tmp_path / "pelicanconf.py").write_text(
        'MESSAGES_LANGUAGE = "sv"\nMENU = [\n', encoding="utf-8"
    )
    assert check.main(["pelicanconf.py"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "pelicanconf.py:2: fel i filen: '[' was never closed",
        "1 problem i 1 fil; inget byggdes och den publicerade webbplatsen är orörd",
    ]


def test_a_build_reports_in_swedish_by_default(site: Site):
    """The test sites choose English (conftest); a site that says nothing
    about MESSAGES_LANGUAGE gets Swedish, summary line included."""
    path = site.root / "pelicanconf.py"
    path.write_text(path.read_text(encoding="utf-8").replace(ENGLISH, ""), encoding="utf-8")
    site.write(NEWS, "---\ntitle: Nyhet\ndate: 2024-13-03\n---\nText.\n")
    site.write("news/2024/y.md", "---\ntitle: Nyhet\ndate: 2024-06-03\nstatus: klar\n---\n")
    site.write("news/2024/z.md", "---\ntitle: Nyhet\ndate: 2024-06-03\ntittle: Ny\n---\n")
    result = site.build(at=SAMPLE_EPOCH)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.error_lines[0] == (
        f"{P}:3: date: datumet '2024-13-03' finns inte (skriv ÅÅÅÅ-MM-DD, t.ex. 2024-06-03)"
    )
    assert result.stderr.splitlines()[-1] == (
        "3 problem i 3 filer; inget byggdes och den publicerade webbplatsen är orörd"
    )
    assert not site.output.exists()


# ------------------------------------------------------------- YAML mistakes
# Each with the line the writer must change, which for an unclosed quote or
# bracket and a line without a colon is not the line PyYAML stops at.
@pytest.mark.parametrize(
    ("fields", "line", "key"),
    [
        ("title: Nyhet\ntags:\n\t- Ledarskap\n", 3, "yaml.tab"),
        ("title: Nu: nästa steg\n", 1, "yaml.colon_in_value"),
        ("title: Nyhet\n  summary: Text\n", 2, "yaml.indented_too_far"),
        ("title: Nyhet\ntags:\n  - a\n - b\nsummary: Text\n", 4, "yaml.list_item"),
        ("title: Nyhet\nsummary: Text\n- Ledarskap\n", 3, "yaml.list_item"),
        ("title: Nyhet\nAnna Svensson\nsummary: Text\n", 2, "yaml.no_colon"),
        ('title: "Nyhet\nsummary: Text\nauthor: Anna\n', 1, "yaml.unclosed_quote"),
        ("title: 'Nyhet\nsummary: Text\n", 1, "yaml.unclosed_quote"),
        ('title: "Nu" och sedan\n', 1, "yaml.text_after_quote"),
        ("title: Nyhet\ntags: [a, b\nsummary: Text\n", 2, "yaml.unclosed_bracket"),
        ("title: Nyhet\nextra: {a: b\nsummary: Text\n", 2, "yaml.unclosed_bracket"),
        ("title: Nyhet\nsummary: @anna\n", 2, "yaml.bad_start"),
    ],
)
def test_a_yaml_mistake_is_reported_on_the_line_to_change(fields, line, key):
    from eduweb.frontmatter import FrontMatterError, load_yaml

    messages.set_language("sv")
    with pytest.raises(FrontMatterError) as raised:
        load_yaml(fields, 1, "front matter")
    assert raised.value.line == line
    assert shows(key, raised.value.message)
