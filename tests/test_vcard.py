"""The vCard 3.0 writer, read back with vobject (an independent parser)."""

from __future__ import annotations

import dataclasses
import random
import unicodedata
from urllib.parse import unquote

import pytest
import vobject
from eduweb.contacts import ContactCard, contact_vcard
from eduweb.phones import parse_phone
from eduweb.vcard import VCardData, escape_text, fold, split_name, uri_value, vcard

FULL = VCardData(
    name="Tommy Eriksson",
    organization="Adda Kompetens",
    title="Rådgivare",
    phones=(parse_phone("08-709 59 81"), parse_phone("070-527 59 81")),
    email="tommy.eriksson@example.se",
    photo_url="https://digitaltledarskap.example.se/images/kontakter/tommy-eriksson.png",
    url="https://www.example.se/kontakt/#tommy-eriksson",
)


def test_vcard_parses_in_vobject_with_every_field():
    card = vobject.readOne(vcard(FULL))
    assert card.version.value == "3.0"
    assert card.fn.value == "Tommy Eriksson"
    assert (card.n.value.family, card.n.value.given) == ("Eriksson", "Tommy")
    assert card.org.value == ["Adda Kompetens"]
    assert card.title.value == "Rådgivare"
    phones = {tel.value: tel.params["TYPE"] for tel in card.tel_list}
    assert phones == {"+46 8 709 59 81": ["WORK", "VOICE"], "+46 70 527 59 81": ["CELL"]}
    assert card.email.value == "tommy.eriksson@example.se"
    assert card.email.params["TYPE"] == ["INTERNET"]
    assert card.photo.value == FULL.photo_url
    assert card.photo.params["VALUE"] == ["URI"]
    assert card.url.value == FULL.url


def test_vcard_lines_end_in_crlf_and_are_at_most_75_octets():
    text = vcard(FULL)
    assert text.endswith("END:VCARD\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines), "the photo URL should have been folded"


def test_optional_fields_are_left_out():
    text = vcard(VCardData(name="Julia Larsson"))
    assert (
        text
        == "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Larsson;Julia;;;\r\nFN:Julia Larsson\r\nEND:VCARD\r\n"
    )


def test_text_with_commas_semicolons_backslashes_and_newlines_survives_a_round_trip():
    title = "Chef för kvalitet, förnyelse; och C:\\data\nrad två"
    organization = "Digitala Västerbotten, Region Västerbotten"
    card = vobject.readOne(
        vcard(VCardData(name="Marie Larsson", title=title, organization=organization))
    )
    assert card.title.value == title
    assert card.org.value == [organization]


def test_long_swedish_text_folds_without_splitting_a_character_and_reads_back():
    title = "Övergripande ansvarig för förändringsledning, digitalisering och ärendehantering " * 2
    text = vcard(VCardData(name="Åsa Öberg", title=title.strip()))
    raw = text.encode("utf-8")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # a line that splits a character would not decode
    assert vobject.readOne(text).title.value == title.strip()


def test_escape_text():
    assert escape_text("a\\b,c;d\ne") == "a\\\\b\\,c\\;d\\ne"


@pytest.mark.parametrize("line", ["x" * 200, "å" * 100, "TITLE:" + "aåä€𝄞" * 30])
def test_fold_keeps_characters_whole_and_unfolds_to_the_original(line):
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == line


def test_fold_leaves_a_short_line_alone():
    assert fold("FN:Tommy Eriksson") == "FN:Tommy Eriksson"


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Tommy Eriksson", ("Eriksson", "Tommy")),
        ("Charlotta Fahlgren Lidman", ("Lidman", "Charlotta Fahlgren")),
        ("Anna af Sillén", ("af Sillén", "Anna")),
        ("Karl von der Lippe", ("von der Lippe", "Karl")),
        ("Madonna", ("Madonna", "")),
    ],
)
def test_split_name(name, parts):
    assert split_name(name) == parts


# ---------------------------------------------------------------- injection
FULL_PROPERTIES = {"version", "n", "fn", "org", "title", "tel", "email", "photo", "url"}
# Each tries to end the value and start a property (or a second card) of its own.
INJECTIONS = [
    "x\r\nEMAIL:evil@example.com",
    "x\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Evil",
    "x\rTEL:+4611",
    "x\x0bTEL:+4611",
    "x\x0cTEL:+4611",
    "x\x1cTEL:+4611",
    "x\x85TEL:+4611",
    "x\u2028TEL:+4611",
    "x\u2029TEL:+4611",
    "x\x00\x1b[31m\x7fTEL:+4611",
    "x\tTEL:+4611",
    "a;b,c\\d:e\\nf\\",
    "x\r\n TEL:+4611",  # a folded continuation after the break
]
TEXT_FIELDS = ["name", "organization", "title", "email"]
URI_FIELDS = ["photo_url", "url"]


def _expected_text(value: str) -> str:
    """What a reader shows for a text value: each line boundary (as
    str.splitlines knows them) a newline, a tab a space, no other controls."""
    shown = []
    for char in value.replace("\r\n", "\n"):
        if len(f"a{char}b".splitlines()) == 2:
            shown.append("\n")
        elif char == "\t":
            shown.append(" ")
        elif unicodedata.category(char) != "Cc":
            shown.append(char)
    return "".join(shown)


def _read_one_card(text: str):
    """The only card in `text`; exactly the properties FULL has, each once
    (phones twice), and no line of the raw text that is not a property."""
    cards = list(vobject.readComponents(text))
    assert len(cards) == 1, text
    card = cards[0]
    assert set(card.contents) == FULL_PROPERTIES, text
    assert {name: len(props) for name, props in card.contents.items()} == {
        **dict.fromkeys(FULL_PROPERTIES, 1),
        "tel": 2,
    }, text
    assert [t.value for t in card.tel_list] == ["+46 8 709 59 81", "+46 70 527 59 81"]
    # Lines are split on CRLF only; any other boundary inside a line would
    # let a laxer reader start a property there.
    for line in text.split("\r\n")[:-1]:
        assert line.splitlines() == [line], repr(line)
    return card


@pytest.mark.parametrize("field_name", TEXT_FIELDS + URI_FIELDS)
@pytest.mark.parametrize("hostile", INJECTIONS)
def test_no_field_can_add_a_property_or_a_card(field_name, hostile):
    value = getattr(FULL, field_name) + hostile
    card = _read_one_card(vcard(dataclasses.replace(FULL, **{field_name: value})))
    if field_name in URI_FIELDS:
        read = (card.photo if field_name == "photo_url" else card.url).value
        assert read == uri_value(value)
        assert unquote(read) == value  # percent-encoding loses nothing
        assert all(0x20 < ord(c) < 0x7F for c in read) and not set(read) & set(",;\\"), read
        return
    read = {
        "name": card.fn.value,
        "organization": card.org.value[0] if card.org else None,
        "title": card.title.value,
        "email": card.email.value,
    }[field_name]
    assert read == _expected_text(value)


def test_fuzzed_values_in_every_field_keep_the_card_whole():
    rng = random.Random(8)
    alphabet = 'ab Åö;,:\\"=\r\n\t\x00\x0b\x0c\x1b\x7f\x85\u2028\u2029%#'
    for _ in range(300):
        values = {
            name: "x" + "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 20)))
            for name in TEXT_FIELDS + URI_FIELDS
        }
        data = dataclasses.replace(FULL, **values)
        card = _read_one_card(vcard(data))
        assert card.fn.value == _expected_text(values["name"])
        assert card.org.value == [_expected_text(values["organization"])]
        assert card.title.value == _expected_text(values["title"])
        assert card.email.value == _expected_text(values["email"])
        assert unquote(card.photo.value) == values["photo_url"]
        assert unquote(card.url.value) == values["url"]


@pytest.mark.parametrize(
    "file_name",
    ["images/Anna Berg (2).jpg", "images/a;b,c.png", "images/100%#1.jpg", "images/å\nTEL:1.jpg"],
)
def test_portrait_file_names_with_odd_characters(file_name):
    card_data = ContactCard(
        id="anna-berg",
        name="Anna Berg",
        organization="Adda",
        role="Chef",
        phones=FULL.phones,
        email="anna@example.se",
        image=file_name,
    )
    card = _read_one_card(contact_vcard(card_data, "https://www.example.se"))
    assert unquote(card.photo.value) == f"https://www.example.se/{file_name}"
    assert " " not in card.photo.value and "#" not in card.photo.value
