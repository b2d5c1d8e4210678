"""The vCard 3.0 writer, read back with vobject (an independent parser)."""

from __future__ import annotations

import pytest
import vobject
from eduweb.phones import parse_phone
from eduweb.vcard import VCardData, escape_text, fold, split_name, vcard

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
