"""An empty value is the same as no value (docs/content-model.md): the web
editor writes `""` for a field a writer has emptied, so `""` must mean "not
set" for every optional field, and "missing" for a required one."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from eduweb import model

CONTEXT = {
    "tz": ZoneInfo("Europe/Stockholm"),
    "content_path": "/nonexistent",
    "static_paths": ["images"],
}
ROUND = {"name": "Våren 2027", "start": "2027-03-02"}
SESSION = {"date": "2027-03-02"}


@pytest.mark.parametrize("blank", ["", " ", None])
@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        ("news", {"title": "T", "date": "2024-06-03"}, "summary"),
        ("news", {"title": "T", "date": "2024-06-03"}, "modified"),
        ("news", {"title": "T", "date": "2024-06-03"}, "image"),
        ("news", {"title": "T", "date": "2024-06-03"}, "status"),
        ("news", {"title": "T", "date": "2024-06-03"}, "slug"),
        ("programme", {"title": "T", "summary": "S"}, "registration_url"),
        ("contact", {"name": "N"}, "email"),
        ("contact", {"name": "N"}, "phone"),
    ],
)
def test_an_emptied_optional_field_is_not_set(kind, data, field, blank):
    found, problems = model.validate(kind, {**data, field: blank}, CONTEXT)
    assert problems == []
    assert getattr(found, field) in (None, [], {})


@pytest.mark.parametrize("blank", ["", "  "])
@pytest.mark.parametrize(
    ("round_fields", "session_fields"),
    [
        ({"booked_percent": None}, {}),
        ({"status": None}, {}),
        ({"registration_deadline": None, "end": None}, {}),
        ({}, {"start_time": None, "end_time": None}),
        ({}, {"title": None, "location": None}),
    ],
)
def test_emptied_fields_of_rounds_and_sessions_are_not_set(round_fields, session_fields, blank):
    round_ = {**ROUND, **dict.fromkeys(round_fields, blank)}
    round_["sessions"] = [{**SESSION, **dict.fromkeys(session_fields, blank)}]
    found, problems = model.validate(
        "programme", {"title": "T", "summary": "S", "rounds": [round_]}, CONTEXT
    )
    assert problems == []
    (session,) = found.rounds[0].sessions
    assert all(getattr(found.rounds[0], name) is None for name in round_fields)
    assert all(getattr(session, name) is None for name in session_fields)


@pytest.mark.parametrize("blank", ["", " ", None])
def test_an_emptied_required_field_is_missing(blank):
    _, problems = model.validate("news", {"title": blank, "date": "2024-06-03"}, CONTEXT)
    assert problems == [(("title",), model.text("field.required_empty", name="title", example="…"))]
