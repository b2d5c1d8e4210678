"""Unit tests of the plugin's pure functions: no site is built."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from eduweb.content_index import References
from eduweb.dates import (
    DateError,
    build_now,
    format_date_sv,
    format_time_sv,
    format_weekday_sv,
    parse_date,
    parse_datetime,
    parse_time,
)
from eduweb.errors import ContentError, field_path
from eduweb.frontmatter import FrontMatterError, load_yaml, split_front_matter
from eduweb.markdown_render import first_paragraph_text, make_markdown, render
from eduweb.slugs import is_slug, slugify

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Eskilstuna satsar på chefer", "eskilstuna-satsar-pa-chefer"),
        ("ÅÄÖ åäö", "aao-aao"),
        ("Frédéric & Ann: 125 %!", "frederic-ann-125"),
        ("  --Redan--bindestreck--  ", "redan-bindestreck"),
        ("2024_06_03 Nyhet", "2024-06-03-nyhet"),
        ("Förändringsledning", "forandringsledning"),
    ],
)
def test_slugify_folds_swedish_letters_and_joins_runs(text, slug):
    assert slugify(text) == slug
    assert is_slug(slug)


@pytest.mark.parametrize("text", ["Stor bokstav", "a--b", "-a", "å", ""])
def test_is_slug_refuses_what_is_not_a_clean_slug(text):
    assert not is_slug(text)


def test_parse_date_accepts_calendar_dates():
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    "raw", ["2024-13-03", "2024-02-30", "2023-02-29", "3 juni 2024", "2024-6-3"]
)
def test_parse_date_refuses_impossible_or_misspelt_dates(raw):
    with pytest.raises(DateError) as err:
        parse_date(raw)
    assert str(err.value) == f"{raw!r} is not a date (write YYYY-MM-DD)"


def test_parse_datetime_is_local_time_unless_an_offset_is_given():
    assert parse_datetime("2024-06-03", STOCKHOLM) == dt.datetime(2024, 6, 3, tzinfo=STOCKHOLM)
    local = parse_datetime("2024-03-27 09:00", STOCKHOLM)
    assert local.utcoffset() == dt.timedelta(hours=1)
    summer = parse_datetime("2024-04-03 13:00", STOCKHOLM)
    assert summer.astimezone(dt.UTC).hour == 11
    fixed = parse_datetime("2024-06-03 09:30:15+05:30", STOCKHOLM)
    assert fixed.utcoffset() == dt.timedelta(hours=5, minutes=30)
    assert fixed.second == 15
    assert parse_datetime("2024-06-03T08:00Z", STOCKHOLM).utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize("raw", ["2024-06-03 25:00", "2024-06-03 9", "igår"])
def test_parse_datetime_refuses_bad_times(raw):
    with pytest.raises(DateError):
        parse_datetime(raw, STOCKHOLM)


def test_parse_time():
    assert parse_time("13:00") == dt.time(13, 0)
    assert parse_time("9:05") == dt.time(9, 5)
    with pytest.raises(DateError, match=r"'25:00' is not a time \(write HH:MM"):
        parse_time("25:00")


def test_build_now_reads_source_date_epoch():
    assert build_now({"SOURCE_DATE_EPOCH": "0"}) == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    now = build_now({})
    assert abs(now - dt.datetime.now(dt.UTC)) < dt.timedelta(seconds=5)
    with pytest.raises(DateError, match="SOURCE_DATE_EPOCH='soon' is not a number"):
        build_now({"SOURCE_DATE_EPOCH": "soon"})


def test_swedish_date_formats():
    day = dt.date(2024, 6, 3)
    assert format_date_sv(day) == "3 juni 2024"
    assert format_weekday_sv(day) == "måndag"
    assert format_time_sv(dt.time(9, 5)) == "09.05"


def test_split_front_matter_gives_body_and_its_first_line():
    split = split_front_matter("---\ntitle: A\n---\n\nBody\n")
    assert split.yaml_text == "title: A"
    assert split.yaml_first_line == 2
    assert split.body == "\nBody\n"
    assert split.body_first_line == 4


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("title: A\n", 1, "the file does not start with front matter"),
        # The closing --- is missing where the fields end: before the empty
        # line, or before the text, not on line 1.
        ("---\ntitle: A\n", 3, "the front matter has no closing --- line"),
        ("---\ntitle: A\ndate: 2024-06-03\n\nText.\n", 4, "has no closing --- line"),
        ("---\ntitle: A\ntags:\n  - a\nDet var en gång.\n", 5, "has no closing --- line"),
    ],
)
def test_split_front_matter_errors(text, line, message):
    with pytest.raises(FrontMatterError) as err:
        split_front_matter(text)
    assert err.value.line == line
    assert message in err.value.message


def test_yaml_is_loaded_as_written_with_line_numbers():
    loaded = load_yaml(
        "title: no\nstart_time: 13:00\nend: 08:30\ndate: 2024-02-30\n"
        "rounds:\n  - name: Våren\n    sessions:\n      - date: 2024-03-01\nempty:\n",
        first_line=2,
        where="front matter",
    )
    assert loaded.data == {
        "title": "no",
        "start_time": "13:00",
        "end": "08:30",
        "date": "2024-02-30",
        "rounds": [{"name": "Våren", "sessions": [{"date": "2024-03-01"}]}],
        "empty": None,
    }
    assert loaded.lines[("start_time",)] == 3
    assert loaded.lines[("rounds", 0, "sessions", 0, "date")] == 9
    assert loaded.line_of(("rounds", 0, "sessions", 0, "date", "missing")) == 9
    assert loaded.line_of(("nowhere",)) == 1


def test_yaml_duplicate_keys_are_reported_on_their_line():
    loaded = load_yaml("title: A\ntitle: B\n", first_line=2, where="front matter")
    assert loaded.errors == [
        ContentError("", 3, "title", "written twice (keep one of the two lines)")
    ]


def test_yaml_syntax_errors_carry_the_file_line():
    with pytest.raises(FrontMatterError) as err:
        load_yaml("title: A\nsummary: Nu: igen\n", first_line=2, where="front matter")
    assert err.value.line == 3
    assert "mapping values are not allowed here" in err.value.message
    assert "in double quotes" in err.value.message


def test_references_line_lookup_falls_back_to_enclosing_field():
    refs = References("content/x.md", {("contacts",): 4, ("contacts", 1): 6}, [], [], False)
    assert refs.line_of(("contacts", 1)) == 6
    assert refs.line_of(("contacts", 0)) == 4
    assert refs.line_of(("title",)) == 1


def test_field_path_and_error_line_format():
    assert field_path(("rounds", 1, "sessions", 0, "date")) == "rounds[1].sessions[0].date"
    error = ContentError("content/news/a.md", 4, "date", "bad")
    assert str(error) == "content/news/a.md:4: date: bad"


def test_markdown_fact_box_is_a_labelled_aside_and_instance_is_reset():
    md = make_markdown()
    html = render(
        md, '!!! facts "Fakta om projekten"\n    Text i **rutan**.\n\nEfter[^1].\n\n[^1]: Not.'
    )
    assert '<aside aria-labelledby="fakta-1" class="facts">' in html
    assert '<h2 class="facts__title" id="fakta-1">Fakta om projekten</h2>' in html
    again = render(md, "Bara text.[^1]\n\n[^1]: Not.")
    assert "fakta" not in again
    assert again.count('class="footnote"') == 1


def test_first_paragraph_text_strips_markup():
    assert (
        first_paragraph_text("<h2>R</h2><p>Hej <b>du</b> &amp; ni</p><p>två</p>") == "Hej du & ni"
    )
    assert first_paragraph_text("<ul><li>x</li></ul>") == ""
