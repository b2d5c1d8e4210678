"""A seeded generator of a realistic corpus for the build-speed benchmark.

`generate(root, articles=N, seed=S)` writes two sites below `root`:

- `root/ours/content/`: our content format (docs/content-model.md): N news
  articles of 500–800 words in `news/<year>/`, N/10 programmes with 1–3
  rounds of 3–6 sessions, N/50 contacts, a few pages and two pictures;
- `root/plain/content/`: the same N articles (same paths, same bodies) with
  Pelican's own metadata (`Title:`, `Date:`, `Tags:` …) and none of our
  fields, for plain Pelican with its default theme.

Everything comes from one `random.Random(seed)` and is written in a fixed
order, so the same seed gives byte-identical files. The texts are Swedish-
looking sentences made from a word list; the structure is what writers use:
`##` headings, lists, a `{filename}` link to another article, now and then a
fact box and a footnote. Every date lies before BUILD_EPOCH, the moment the
benchmark builds at, except some programme sessions (coming rounds).

Run it alone with `python -m benchmarks.generate DIR --articles N`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import struct
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path

# The build's "now" (SOURCE_DATE_EPOCH): 23 November 2026, 12:00 UTC, as in the tests.
BUILD_EPOCH = int(dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC).timestamp())
FIRST_YEAR, LAST_DAY = 2014, dt.date(2026, 11, 1)

WORDS = """
och att det som en på är av för med till den har de inte om ett men vi så
kan man när också eller efter hur alla mer nu andra dem under mycket genom
utbildning kommun kommuner region regioner chef chefer ledare ledarskap
digital digitala digitalisering förändring förändringar verksamhet
verksamheten verksamheter medarbetare invånare välfärd välfärden omställning
kompetens kompetensen arbete arbetet arbetar samarbete samverkan projekt
projektet förvaltning förvaltningen ledningsgrupp ledningsgruppen deltagare
deltagarna träff träffar workshop workshoppar lärande erfarenhet
erfarenheter metod metoder modell stöd tjänst tjänster service behov
möjligheter utveckling utveckla utvecklar viktigt viktiga stor stora nya ny
gemensam gemensamma tillsammans framåt första andra tredje nästa hösten
våren året åren tidigare senare snabbt långsiktigt tydligt enkelt öppen
öppna data information informationssäkerhet säkerhet system systemet
teknik tekniken verktyg verktygen processer styrning mål målen resultat
effekter uppföljning analys strategi strategin plan planen beslut
politiker förtroendevalda nämnd nämnden skola skolan vård omsorg äldreomsorg
socialtjänst bibliotek kultur fritid miljö bygglov e-tjänster automatisering
innovation innovationer kvalitet trygghet tillgänglighet klarspråk
ansvar uppdrag roll roller fråga frågor svar samtal dialog reflektion
övningar uppgift uppgifter material underlag rapport rapporten
undersökning enkät behöver vill ska kommer får gör ger tar ser visar
handlar bygger börjar fortsätter säger menar berättar tror vet hoppas
lyfter stärker skapar leder samlar delar lär sig hela varje flera många
några olika egen egna svenska offentliga sektor sektorn länet landet
""".split()  # noqa: SIM905 (a word list reads better as text)

FIRST_NAMES = """Anna Maria Karin Sara Lena Emma Kerstin Ingrid Elin Johanna Malin
Sofia Linnea Helena Eva Åsa Lars Anders Johan Erik Per Karl Mikael Jonas
Fredrik Magnus Henrik Mattias Björn Göran Oskar Emil Andreas Tommy Jörgen""".split()  # noqa: SIM905 (a word list reads better as text)
LAST_NAMES = """Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson
Persson Svensson Gustafsson Pettersson Jonsson Jansson Hansson Bengtsson
Jönsson Lindberg Jakobsson Magnusson Lindström Olofsson Lindqvist Lindgren
Axelsson Berg Bergström Lundberg Lind Lundgren Lundqvist Mattsson Berglund
Fredriksson Sandberg Henriksson Forsberg Sjöberg Wallin Engström Åberg Öberg
Hägglund Skog Fahlgren Nyström Holm Ekström Sundberg""".split()  # noqa: SIM905 (a word list reads better as text)

# Distinct slugs (no two give the same tag address).
TAGS = [
    "Digitalisering", "Ledarskap", "Förändringsledning", "Kompetensutveckling",
    "Informationssäkerhet", "AI", "Innovation", "Välfärd", "Skola", "Äldreomsorg",
    "Upphandling", "Öppna data", "E-tjänster", "Automatisering", "Styrning",
    "Samverkan", "Tillgänglighet", "Klarspråk", "Arkitektur", "Dataskydd",
    "Hållbarhet", "Kultur", "Bibliotek", "Socialtjänst", "Bygglov",
    "Medarbetarskap", "Verksamhetsutveckling", "Strategi", "Uppföljning", "Kvalitet",
]  # fmt: skip

ORGANISATIONS = [
    "Region Västerbotten",
    "Skellefteå kommun",
    "Umeå kommun",
    "Adda Kompetens",
    "Sveriges Kommuner och Regioner",
    "Region Jämtland Härjedalen",
    "Eskilstuna kommun",
    "Digitalt ledarskap",
]
AUDIENCES = ["kommuner", "regioner", "offentlig sektor"]
ROLES = ["Rådgivare", "Projektledare", "Utbildningsansvarig", "Digitaliseringsstrateg", "Chef"]
LOCATIONS = ["Digitalt", "Umeå", "Storgatan 1, Skellefteå", "Stockholm", "Teams"]
PROGRAMME_FORMS = [
    "Att leda {x}",
    "{X} i praktiken",
    "Chefsprogram för {x}",
    "Grundkurs i {x}",
    "Nätverk för {x}",
]
SUBJECTS = [
    "digital förändring",
    "digital omställning",
    "informationssäkerhet",
    "välfärdens digitalisering",
    "öppna data",
    "automatisering",
    "tjänstedesign",
    "verksamhetsutveckling",
    "AI i offentlig sektor",
    "digital mognad",
    "e-tjänster",
    "förändringsledning",
]
PAGES = {
    "om-webbplatsen": "Om webbplatsen",
    "kurskatalog": "Kurskatalog",
    "press": "Press",
    "vanliga-fragor": "Vanliga frågor",
}
IMAGES = ("images/bild-ledare.svg", "images/bild-mote.png")


def slug(text: str) -> str:
    """Our slug rule (plugins/eduweb/slugs.py): fold to ASCII, lower-case,
    every other run of characters one hyphen."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out, hyphen = [], False
    for char in ascii_text.lower():
        if char.isascii() and char.isalnum():
            out.append(char)
            hyphen = False
        elif not hyphen:
            out.append("-")
            hyphen = True
    return "".join(out).strip("-")


@dataclass
class Article:
    path: str  # relative to content/, e.g. news/2024/x.md
    title: str
    date: dt.datetime
    draft: bool
    tags: list[str] = field(default_factory=list)
    author: str = ""
    summary: str = ""


class Writer:
    """Swedish-looking text from the word list, all from one seeded generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def words(self, low: int, high: int) -> list[str]:
        return [self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high))]

    def sentence(self, low: int = 6, high: int = 16) -> str:
        words = self.words(low, high)
        if self.rng.random() < 0.15:
            words.insert(self.rng.randrange(1, len(words)), self.rng.choice(LAST_NAMES))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def title(self) -> str:
        text = " ".join(self.words(4, 8))
        return text[0].upper() + text[1:]

    def paragraph(self, sentences: tuple[int, int] = (3, 6)) -> list[str]:
        return [self.sentence() for _ in range(self.rng.randint(*sentences))]


def wrap(sentences: list[str], width: int = 76, indent: str = "") -> str:
    """Lines of at most `width` characters, as writers' editors leave them."""
    lines, line = [], ""
    for word in " ".join(sentences).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(indent + line)
    return "\n".join(lines)


def body(writer: Writer, link: Article | None, fact_box: bool, footnote: bool) -> str:
    """500–800 words: a lead, 2–4 sections under `##`, a list, a link."""
    rng = writer.rng
    target = rng.randint(500, 800)
    blocks: list[str] = []
    count = 0

    def add(text: str) -> None:
        nonlocal count
        blocks.append(text)
        count += len(text.split())

    add(wrap(writer.paragraph()))
    sections = rng.randint(2, 4)
    list_section = rng.randrange(sections) if rng.random() < 0.6 else -1
    for index in range(sections):
        add("## " + writer.title())
        add(wrap(writer.paragraph()))
        if index == list_section:
            numbered = rng.random() < 0.4
            items = [f"{n + 1}. " if numbered else "- " for n in range(rng.randint(3, 5))]
            add("\n".join(prefix + " ".join(writer.words(3, 8)) for prefix in items))
        if index == 0 and link is not None:
            add(
                wrap(
                    [
                        writer.sentence(),
                        f"Läs också [{link.title}]({{filename}}/{link.path}).",
                    ]
                )
            )
        if index == 0 and footnote:
            add(wrap([writer.sentence()[:-1] + "[^1]."]))
        if index == sections - 1 and fact_box:
            add(
                f'!!! facts "Fakta om {rng.choice(SUBJECTS)}"\n'
                + wrap(writer.paragraph((2, 4)), indent="    ")
            )
    while count < target:
        add(wrap(writer.paragraph()))
    if footnote:
        add("[^1]: " + writer.sentence())
    return "\n\n".join(blocks) + "\n"


def yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain-colour PNG, written by hand so the bytes never depend on Pillow."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height, 9))
        + chunk(b"IEND", b"")
    )


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450" viewBox="0 0 800 450">'
    '<rect width="800" height="450" fill="#1d4e89"/>'
    '<circle cx="400" cy="225" r="120" fill="#f2c14e"/></svg>\n'
)


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}-{n}", n + 1
    taken.add(candidate)
    return candidate


def counts(articles: int) -> tuple[int, int]:
    """Programmes and contacts for N articles: N/10 and N/50, at least a few."""
    return max(2, articles // 10), max(3, articles // 50)


def generate(root: Path, articles: int, seed: int = 1) -> dict[str, int]:
    """Write root/ours/content and root/plain/content (replacing them); return counts."""
    rng = random.Random(seed)
    writer = Writer(rng)
    ours, plain = root / "ours" / "content", root / "plain" / "content"
    for folder in (ours, plain):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    n_programmes, n_contacts = counts(articles)

    # Pictures: an SVG and a small PNG (the build makes resized copies of it).
    write(ours, IMAGES[0], SVG)
    (ours / IMAGES[1]).write_bytes(png(96, 64, (29, 78, 137)))

    # Contacts
    contact_ids: list[str] = []
    taken: set[str] = set()
    for index in range(n_contacts):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        cid = unique(slug(name), taken)
        contact_ids.append(cid)
        lines = [
            f"name: {name}",
            f"role: {rng.choice(ROLES)}",
            f"organization: {rng.choice(ORGANISATIONS)}",
            f"email: {cid}@example.se",
            # Swedish mobile numbers: 07[0236]-xxx xx xx is always valid.
            f"phone: 07{rng.choice('0236')}-{rng.randint(100, 999)} "
            f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
        ]
        if index == 0:
            lines += [f"image: {IMAGES[1]}", f"image_alt: Porträtt av {name}"]
        write(ours, f"contacts/{cid}.yml", "\n".join(lines) + "\n")

    # Programmes
    programme_slugs: list[str] = []
    taken = set()
    for _ in range(n_programmes):
        subject = rng.choice(SUBJECTS)
        form = rng.choice(PROGRAMME_FORMS)
        title = form.format(x=subject, X=subject[0].upper() + subject[1:])
        pslug = unique(slug(title), taken)
        programme_slugs.append(pslug)
        people = rng.sample(contact_ids, min(len(contact_ids), rng.randint(1, 2)))
        lines = [
            "---",
            f"title: {title}",
            f"summary: {writer.sentence()} {writer.sentence()}",
            f"provider: {rng.choice(ORGANISATIONS)}",
            f"audience: Chefer och ledare i {rng.choice(AUDIENCES)}",
            f"format: {writer.sentence(4, 9)}",
            f"location: {rng.choice(LOCATIONS)}",
            f"price: {rng.choice([0, 4500, 9800, 12500])} kr",
            f"teachers: {yaml_list(people)}",
            f"contacts: {yaml_list(people[:1])}",
            f"registration_url: https://anmalan.example.se/{pslug}",
            f"tags: {yaml_list(rng.sample(TAGS, rng.randint(1, 3)))}",
            "rounds:",
        ]
        year = rng.randint(2022, 2027)
        spring = rng.random() < 0.5
        for _ in range(rng.randint(1, 3)):
            lines += programme_round(rng, year, spring)
            year, spring = (year, False) if spring else (year + 1, True)
        lines += ["---", ""]
        text = "\n".join(lines) + "\n" + body(writer, None, rng.random() < 0.3, False)
        write(ours, f"programmes/{pslug}.md", text)

    # Articles: dates first, so a link can name any published article.
    items: list[Article] = []
    taken = set()
    span = (dt.datetime.combine(LAST_DAY, dt.time()) - dt.datetime(FIRST_YEAR, 1, 1)).days
    for _ in range(articles):
        day = dt.datetime(FIRST_YEAR, 1, 1) + dt.timedelta(days=rng.randrange(span))
        if rng.random() < 0.5:
            day = day.replace(hour=rng.randint(7, 17), minute=rng.choice([0, 15, 30, 45]))
        title = writer.title()
        name = unique(slug(title)[:80].strip("-"), taken)
        items.append(
            Article(
                path=f"news/{day.year}/{name}.md",
                title=title,
                date=day,
                draft=rng.random() < 0.01,
                tags=rng.sample(TAGS, rng.randint(1, 4)),
                author=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                summary=writer.sentence() if rng.random() < 0.7 else "",
            )
        )
    published = [a for a in items if not a.draft]
    for index, item in enumerate(items):
        link = rng.choice(published) if rng.random() < 0.7 else None
        link = None if link is item else link
        text = body(writer, link, rng.random() < 0.15, rng.random() < 0.2)
        date = item.date.strftime("%Y-%m-%d %H:%M" if item.date.hour else "%Y-%m-%d")
        meta = [f"title: {item.title}", f"date: {date}"]
        if item.summary:
            meta.append(f"summary: {item.summary}")
        meta += [f"tags: {yaml_list(item.tags)}", f"author: {item.author}"]
        if rng.random() < 0.3:
            meta.append(f"contacts: {yaml_list(rng.sample(contact_ids, 1))}")
        if rng.random() < 0.4:
            meta.append(f"programmes: {yaml_list(rng.sample(programme_slugs, 1))}")
        if index % 20 == 0:
            meta += [f"image: {IMAGES[index % 2]}", "image_alt: En bild till nyheten"]
        if item.draft:
            meta.append("status: draft")
        write(ours, item.path, "---\n" + "\n".join(meta) + "\n---\n\n" + text)
        plain_meta = [
            f"Title: {item.title}",
            f"Date: {date}",
            "Category: Nyheter",
            f"Tags: {', '.join(item.tags)}",
            f"Author: {item.author}",
            f"Slug: {Path(item.path).stem}",
        ]
        if item.summary:
            plain_meta.append(f"Summary: {item.summary}")
        if item.draft:
            plain_meta.append("Status: draft")
        write(plain, item.path, "\n".join(plain_meta) + "\n\n" + text)

    for name, title in PAGES.items():
        page = f"---\ntitle: {title}\nsummary: {writer.sentence()}\n---\n\n"
        write(ours, f"pages/{name}.md", page + body(writer, None, False, False))
    return {
        "articles": articles,
        "programmes": n_programmes,
        "contacts": n_contacts,
        "pages": len(PAGES),
    }


def programme_round(rng: random.Random, year: int, spring: bool) -> list[str]:
    """A round of 3–6 sessions, with a status and booking that agree."""
    name = f"{'Våren' if spring else 'Hösten'} {year}"
    day = dt.date(year, 2 if spring else 9, 1) + dt.timedelta(days=rng.randint(0, 30))
    lines = [f"  - name: {name}"]
    status, booked = rng.choice(
        [
            (None, None),
            (None, rng.randint(0, 95)),
            ("open", rng.randint(0, 60)),
            ("few-places", rng.randint(70, 95)),
            ("full", 100),
            ("full", None),
            ("cancelled", None),
            ("öppen", None),
        ]
    )
    if status:
        lines.append(f"    status: {status}")
    if booked is not None:
        lines.append(f"    booked_percent: {booked}")
    if rng.random() < 0.4:
        lines.append(f"    registration_deadline: {day - dt.timedelta(days=14)}")
    lines.append("    sessions:")
    for number in range(1, rng.randint(3, 6) + 1):
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        lines.append(f"      - date: {day}")
        if rng.random() < 0.7:  # else all-day
            start = rng.randint(8, 13)
            lines.append(f"        start_time: {start:02d}:{rng.choice(['00', '30'])}")
            if rng.random() < 0.8:
                lines.append(f"        end_time: {start + rng.randint(2, 4):02d}:00")
        lines.append(f'        title: "Träff {number}: {rng.choice(SUBJECTS)}"')
        if rng.random() < 0.2:
            lines.append(f"        location: {rng.choice(LOCATIONS)}")
        day += dt.timedelta(days=rng.randint(7, 21))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(generate(args.root, args.articles, args.seed))


if __name__ == "__main__":
    main()
