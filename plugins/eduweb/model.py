"""The content model: one typed schema per kind of content, with messages
that tell a writer what is wrong and how to write it."""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import unquote, urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import messages, pictures
from .dates import DateError, parse_date, parse_datetime, parse_time
from .frontmatter import describe_character
from .messages import text
from .phones import PhoneError, parse_phone
from .programmes import booking_conflict
from .slugs import MAX_SLUG_LENGTH, is_slug, slugify
from .timezones import wall_clock_problem

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"}
EMAIL_RE = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[A-Za-z]{2,}$")


def _fail(message: str) -> PydanticCustomError:
    # The message goes through a template; passing it as context keeps any
    # braces in the writer's text from being read as placeholders.
    return PydanticCustomError("content", "{message}", {"message": message})


def _describe(value: object) -> str:
    if isinstance(value, list):
        return text("value.list")
    if isinstance(value, dict):
        return text("value.group")
    return repr(value)


# ---------------------------------------------------------------- field types
def _blank(value: object) -> bool:
    """An empty value is the same as no value: `summary:` with nothing after
    it, and `summary: ""`, which the web editor writes for a field a writer
    has emptied."""
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object, info: ValidationInfo) -> str | None:
    if _blank(value):
        return None
    if not isinstance(value, str):
        raise _fail(text("field.not_text", found=_describe(value), name=info.field_name or "…"))
    return value.strip()


def _required(check, example):
    """A check that also refuses an empty value (`title:` with nothing after it)."""

    def required(value: object, info: ValidationInfo):
        if _blank(value):
            raise _fail(text("field.required_empty", name=info.field_name, example=example()))
        return check(value, info)

    return required


def _list(value: object, info: ValidationInfo) -> list:
    if _blank(value):
        return []
    if not isinstance(value, list):
        name = info.field_name or "…"
        raise _fail(text("field.not_list", found=_describe(value), name=name))
    return value


def _date(value: object, info: ValidationInfo):
    if _blank(value):
        return None
    if not isinstance(value, str):
        raise _fail(text("field.not_a_date_value", found=_describe(value)))
    try:
        return parse_date(value)
    except DateError as err:
        raise _fail(str(err)) from err


def _datetime(value: object, info: ValidationInfo):
    if _blank(value):
        return None
    if not isinstance(value, str):
        raise _fail(text("field.not_a_date_value", found=_describe(value)))
    try:
        return parse_datetime(value, info.context["tz"])
    except DateError as err:
        raise _fail(str(err)) from err


def _time(value: object, info: ValidationInfo):
    if _blank(value):
        return None
    if not isinstance(value, str):
        raise _fail(text("field.not_a_time_value", found=_describe(value)))
    try:
        return parse_time(value)
    except DateError as err:
        raise _fail(str(err)) from err


def _fold(value: str) -> str:
    """'Fullbokad', 'FULLBOKAD' and 'fullbokad ' are one word; so are
    'inställd' and 'installd', typed without å, ä and ö."""
    folded = unicodedata.normalize("NFKD", value.strip().casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


def _choice(options_key: str, aliases: dict[str, str]):
    """One of the contract's words, or a Swedish alias of one (`aliases`
    maps an alias to the contract's word), in any case, with or without
    å, ä and ö; a near miss gets a "did you mean" with the word as spelt."""
    known = {_fold(word): word for word in aliases.values()} | {
        _fold(alias): word for alias, word in aliases.items()
    }
    spelt = {_fold(word): word for word in [*aliases.values(), *aliases]}

    def check(value: object, info: ValidationInfo) -> str | None:
        if _blank(value):
            return None
        if isinstance(value, str) and _fold(value) in known:
            return known[_fold(value)]
        options = text(options_key)
        close = difflib.get_close_matches(_fold(str(value)), list(known), n=1, cutoff=0.6)
        if close:
            raise _fail(
                text(
                    "field.choice_guess",
                    found=_describe(value),
                    guess=spelt[close[0]],
                    options=options,
                )
            )
        raise _fail(text("field.choice", found=_describe(value), options=options))

    return check


def publish_status(value: object) -> object:
    """`status:` as the contract's word when it is one or a Swedish alias of
    one (Utkast -> draft); anything else as written."""
    if isinstance(value, str):
        return _PUBLISH_STATUSES.get(_fold(value), value)
    return value


# The contract's words (docs/content-model.md) and their Swedish aliases.
PUBLISH_STATUS_ALIASES = {"publicerad": "published", "utkast": "draft"}
ROUND_STATUS_ALIASES = {
    "öppen": "open",
    "få platser": "few-places",
    "fa-platser": "few-places",
    "fullbokad": "full",
    "inställd": "cancelled",
}


def _percent(value: object, info: ValidationInfo) -> int | None:
    if _blank(value):
        return None
    written = value.strip().rstrip("%").strip() if isinstance(value, str) else ""
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
    if not re.fullmatch(r"[0-9]{1,3}", written) or int(written) > 100:
        raise _fail(text("field.percent", found=_describe(value)))
    return int(written)


def _url(value: object, info: ValidationInfo) -> str | None:
    written = _text(value, info)
    if written is None:
        return None
    odd = next((char for char in written if _not_in_url(char)), None)
    if odd is not None:
        what = (
            text("value.space")
            if odd == " "
            else text("value.character", char=describe_character(odd))
        )
        raise _fail(text("field.url_character", value=written, what=what))
    try:
        parts = urlsplit(written)
    except ValueError:  # e.g. an unclosed [ in the host
        parts = urlsplit("")
    if parts.scheme not in ("https", "http") or "." not in parts.netloc:
        raise _fail(text("field.not_url", value=written))
    return written


def _not_in_url(char: str) -> bool:
    """Spaces, quotes, angle brackets and backslashes end or break an address
    in HTML, iCalendar and vCard; control and format characters are invisible."""
    return char.isspace() or char in "\"'<>\\`" or unicodedata.category(char) in ("Cc", "Cf")


def _tag(value: object, info: ValidationInfo) -> str | None:
    """A tag has a page, /nyheter/amne/<slug>/, so it must give an address."""
    written = _required(_text, lambda: "…")(value, info)
    slug = slugify(written)
    if not slug:
        raise _fail(text("field.tag_without_letters", value=written))
    if len(slug) > MAX_SLUG_LENGTH:
        raise _fail(text("field.tag_too_long", length=len(slug), max=MAX_SLUG_LENGTH))
    return written


def _email(value: object, info: ValidationInfo) -> str | None:
    written = _text(value, info)
    if written is not None and not EMAIL_RE.match(written):
        raise _fail(text("field.email", value=written))
    return written


def _slug(value: object, info: ValidationInfo) -> str | None:
    written = _text(value, info)
    if written is not None and not is_slug(written):
        raise _fail(text("field.slug_characters", value=written))
    if written is not None and len(written) > MAX_SLUG_LENGTH:
        raise _fail(text("field.slug_too_long", length=len(written), max=MAX_SLUG_LENGTH))
    return written


def _image(value: object, info: ValidationInfo) -> str | None:
    written = _text(value, info)
    if written is None:
        return None
    content = info.context["content_path"]
    rel = written.lstrip("/")
    full = os.path.normpath(os.path.join(content, rel))
    if not full.startswith(os.path.normpath(content) + os.sep):
        raise _fail(text("image.outside_content", value=written))
    if os.path.splitext(rel)[1].lower() not in IMAGE_EXTENSIONS:
        raise _fail(text("image.not_a_picture", value=written))
    if not os.path.isfile(full):
        raise _fail(text("image.missing", value=written))
    static_dirs = info.context["static_paths"]
    if not any(rel.startswith(d.rstrip("/") + "/") for d in static_dirs):
        folders = ", ".join(f"content/{d}/" for d in static_dirs)
        raise _fail(text("image.not_published", value=written, folders=folders))
    problem = pictures.checked(full, info.context)
    if problem:
        raise _fail(problem)
    return rel


def _alias(value: object, info: ValidationInfo) -> str:
    """An old address of this page, as a path on this site: /a/b/ (a folder
    address always ends in /; /a/b/index.html is /a/b/). Percent escapes are
    decoded, so /%C3%A5r/ and /år/ are one address."""
    if not isinstance(value, str) or not value.strip():
        raise _fail(messages.text("alias.not_text", value=messages.quote(value)))
    text = value.strip()
    shown = messages.quote(text)
    path = unquote(text)
    odd = next((char for char in path if _not_in_url(char)), None)
    if odd is not None:
        if odd == " ":
            what = "ett mellanslag"
        elif odd.isprintable():
            what = f"tecknet {odd}"
        else:
            what = f"det osynliga tecknet U+{ord(odd):04X}"
        raise _fail(messages.text("alias.bad_character", value=shown, what=what))
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or path.startswith("//"):
        raise _fail(messages.text("alias.has_host", value=shown))
    if "?" in path or "#" in path:
        raise _fail(messages.text("alias.query", value=shown))
    segments = path.split("/")
    if segments[0] != "" or "" in segments[1:-1]:
        raise _fail(messages.text("alias.not_path", value=shown))
    if any(segment in (".", "..") for segment in segments):
        raise _fail(messages.text("alias.dot_segment", value=shown))
    if segments[-1] == "index.html":
        segments[-1] = ""
    elif segments[-1] and "." not in segments[-1]:
        segments.append("")  # /gammal is the folder address /gammal/
    return "/".join(segments)


def _phones(value: object, info: ValidationInfo) -> list:
    """`phone:` is one number or a list; list items are checked one by one,
    so a problem is reported as phone[1] on the line of that item."""
    if _blank(value):
        return []
    if isinstance(value, list):
        return value
    return [_phone(value, info)]


def _phone(value: object, info: ValidationInfo) -> str:
    """One number, as written (08-709 59 81); phones.py gives its other forms."""
    if value is None:
        raise _fail(text("phone.empty"))
    if not isinstance(value, str) or not value.strip():
        raise _fail(text("phone.not_text", found=_describe(value)))
    try:
        parse_phone(value)
    except PhoneError as err:
        raise _fail(str(err)) from err
    return value.strip()


def _mapping(value: object, info: ValidationInfo) -> dict:
    if _blank(value):
        return {}
    if not isinstance(value, dict):
        raise _fail(text("field.extra_not_fields", found=_describe(value)))
    return value


@dataclass(frozen=True)
class Kind:
    """What a field holds, in words the web editor's form is made from
    (cms_config.py gives each kind its widget): "text", "date", "time", …"""

    name: str


def _typed(fn, kind: str) -> Any:
    return Annotated[Any, BeforeValidator(fn), Kind(kind)]


Text = _typed(_text, "text")
RequiredText = _typed(_required(_text, lambda: "…"), "text")
Date = _typed(_date, "date")
RequiredDate = _typed(_required(_date, lambda: text("example.date")), "date")
DateTime = _typed(_datetime, "datetime")
RequiredDateTime = _typed(_required(_datetime, lambda: text("example.date")), "datetime")
Time = _typed(_time, "time")
Percent = _typed(_percent, "percent")
Url = _typed(_url, "url")
Email = _typed(_email, "email")
Slug = _typed(_slug, "slug")
Tag = _typed(_tag, "tag")
Image = _typed(_image, "image")
Alias = _typed(_alias, "alias")
Phones = Annotated[list[_typed(_phone, "phone")], BeforeValidator(_phones), Kind("phones")]
Extra = _typed(_mapping, "extra")
# References to other files: a contact's id (its file name) and a programme's slug.
ContactId = _typed(_required(_text, lambda: "…"), "contact")
ProgrammeSlug = _typed(_required(_text, lambda: "…"), "programme")
_PUBLISH_STATUSES = {_fold(w): w for w in ("published", "draft")} | {
    _fold(alias): word for alias, word in PUBLISH_STATUS_ALIASES.items()
}
PublishStatus = _typed(_choice("choices.publish_status", PUBLISH_STATUS_ALIASES), "publish_status")
RoundStatus = _typed(_choice("choices.round_status", ROUND_STATUS_ALIASES), "round_status")


def _list_of(item_type) -> Any:
    return Annotated[list[item_type], BeforeValidator(_list)]


# ---------------------------------------------------------------- schemas
class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    def _rule_problems(self) -> list[tuple[tuple, str]]:
        """Rules that tie several fields together: (field path, message) pairs."""
        return []

    @model_validator(mode="after")
    def _check_rules(self):
        # Runs for every part of a file that is valid on its own, so a
        # session's times are checked even when another round has errors.
        problems = self._rule_problems()
        if problems:
            raise PydanticCustomError(
                "rules", "{count} rule(s) broken", {"count": len(problems), "problems": problems}
            )
        return self


def _image_alt_rule(item) -> list[tuple[tuple, str]]:
    if item.image and not item.image_alt:
        return [(("image_alt",), text("rule.image_alt_required"))]
    return []


class News(_Schema):
    title: RequiredText = Field(title="Rubrik")
    date: RequiredDateTime = Field(
        title="Publiceringsdatum",
        description=(
            "Dagen nyheten publiceras, gärna med klockslag. Ett datum framåt i tiden publiceras "
            "först den dagen."
        ),
    )
    modified: DateTime = Field(
        None,
        title="Ändrad",
        description=(
            "När nyheten senast ändrades på ett sätt som läsaren behöver veta; inte före "
            "publiceringsdatumet."
        ),
    )
    summary: Text = Field(
        None,
        title="Ingress",
        description=(
            "En eller två meningar överst i nyheten. Utan ingress används första stycket i texten."
        ),
    )
    tags: _list_of(Tag) = Field(
        [],
        title="Ämnen",
        description=(
            "Varje ämne får en egen sida med nyheter; skriv ett ämne på samma sätt varje gång, "
            "t.ex. Digitalisering."
        ),
    )
    author: Text = Field(None, title="Skribent")
    owner: Text = Field(
        None,
        title="Sidansvarig",
        description="Vem som ansvarar för innehållet. Utan värde visas webbplatsens sidansvarige.",
    )
    image: Image = Field(
        None,
        title="Bild",
        description="En bild överst i nyheten. Med en bild måste du också fylla i Bildbeskrivning.",
    )
    image_alt: Text = Field(
        None,
        title="Bildbeskrivning",
        description=(
            "Vad bilden visar, för den som inte kan se den. Måste fyllas i när nyheten har en bild."
        ),
    )
    image_caption: Text = Field(
        None, title="Bildtext", description="Text som visas under bilden, t.ex. fotografens namn."
    )
    contacts: _list_of(ContactId) = Field(
        [], title="Kontaktpersoner", description="Visas som kontaktkort under nyheten."
    )
    programmes: _list_of(ProgrammeSlug) = Field(
        [],
        title="Utbildningar",
        description="Utbildningar som nyheten handlar om; visas med nästa omgång under nyheten.",
    )
    status: PublishStatus = Field(
        None,
        title="Status",
        description="Ett utkast visas inte på webbplatsen. Utan värde är nyheten publicerad.",
    )
    slug: Slug = Field(
        None,
        title="Adress",
        description=(
            "Sista delen av nyhetens adress, med a–z, 0–9 och bindestreck. Utan värde görs den av "
            "filnamnet."
        ),
    )
    aliases: _list_of(Alias) = Field(
        [],
        title="Gamla adresser",
        description=(
            "Adresser som nyheten haft tidigare och som ska leda hit, t.ex. /nyheter/2023/gammal-"
            "rubrik/."
        ),
    )
    extra: Extra = Field(
        {},
        title="Extra",
        description=(
            "Fria fält för mallarna; finns inte i redigeraren men behålls när filen sparas."
        ),
    )

    def _rule_problems(self):
        problems = _image_alt_rule(self)
        if self.modified and self.modified < self.date:
            problems.append((("modified",), text("rule.modified_before_date")))
        return problems


class Page(_Schema):
    title: RequiredText = Field(title="Rubrik")
    summary: Text = Field(
        None, title="Ingress", description="Visas under rubriken och i sökmotorernas träfflistor."
    )
    owner: Text = Field(
        None,
        title="Sidansvarig",
        description="Vem som ansvarar för innehållet. Utan värde visas webbplatsens sidansvarige.",
    )
    slug: Slug = Field(
        None,
        title="Adress",
        description=(
            "Sidans adress, med a–z, 0–9 och bindestreck. Utan värde görs den av filnamnet."
        ),
    )
    status: PublishStatus = Field(
        None,
        title="Status",
        description="Ett utkast visas inte på webbplatsen. Utan värde är sidan publicerad.",
    )
    aliases: _list_of(Alias) = Field(
        [],
        title="Gamla adresser",
        description="Adresser som sidan haft tidigare och som ska leda hit, t.ex. /om-oss/.",
    )
    extra: Extra = Field(
        {},
        title="Extra",
        description=(
            "Fria fält för mallarna; finns inte i redigeraren men behålls när filen sparas."
        ),
    )


class Session(_Schema):
    date: RequiredDate = Field(title="Datum")
    start_time: Time = Field(
        None,
        title="Starttid",
        description="Klockslag som TT:MM, t.ex. 09:00. Utan starttid gäller träffen hela dagen.",
    )
    end_time: Time = Field(
        None,
        title="Sluttid",
        description="Klockslag som TT:MM, efter starttiden. Utan sluttid varar träffen en timme.",
    )
    title: Text = Field(None, title="Rubrik", description="T.ex. Träff 1: Digital mognad.")
    location: Text = Field(
        None, title="Plats", description="Om träffen hålls någon annanstans än utbildningens plats."
    )

    def _rule_problems(self):
        if self.end_time and not self.start_time:
            return [(("end_time",), text("rule.end_time_without_start"))]
        if self.end_time and self.end_time <= self.start_time:
            message = text(
                "rule.end_time_not_after_start",
                end=f"{self.end_time:%H:%M}",
                start=f"{self.start_time:%H:%M}",
            )
            return [(("end_time",), message)]
        return []

    @model_validator(mode="after")
    def _check_rules(self, info: ValidationInfo):
        # _Schema's check, plus times the clocks skip or repeat that night,
        # which need the site's time zone: refused, not moved, since the page
        # would show the time as written and a calendar an hour off.
        problems = self._rule_problems()
        tz = (info.context or {}).get("tz")
        told = {where for where, _ in problems}
        for name in ("start_time", "end_time"):
            time = getattr(self, name)
            if tz is None or time is None or (name,) in told:
                continue
            message = wall_clock_problem(self.date, time, tz)
            if message:
                problems.append(((name,), message))
        if problems:
            raise PydanticCustomError(
                "rules", "{count} rule(s) broken", {"count": len(problems), "problems": problems}
            )
        return self


class Round(_Schema):
    name: RequiredText = Field(title="Namn", description="T.ex. Våren 2027.")
    start: Date = Field(
        None,
        title="Startdatum",
        description="Behövs bara om omgången saknar träffar; annars gäller första träffens datum.",
    )
    end: Date = Field(
        None,
        title="Slutdatum",
        description="Utan slutdatum gäller sista träffens datum; inte före startdatumet.",
    )
    sessions: _list_of(Session) = Field(
        [], title="Träffar", description="Varje träff med datum och tider."
    )
    booked_percent: Percent = Field(
        None,
        title="Bokat (procent)",
        description=(
            "Hur stor del av platserna som är bokade, ett heltal 0–100. 100 betyder fullbokad."
        ),
    )
    status: RoundStatus = Field(
        None,
        title="Status",
        description="Utan värde är omgången öppen för anmälan till slutdatumet.",
    )
    registration_deadline: Date = Field(None, title="Sista anmälningsdag")
    registration_url: Url = Field(
        None,
        title="Anmälningslänk",
        description="Adress som börjar med https://; ersätter utbildningens anmälningslänk.",
    )

    def _rule_problems(self):
        problems = []
        conflict = booking_conflict(self.status, self.booked_percent)
        if conflict:
            problems.append((("booked_percent",), conflict))
        if not self.sessions and self.start is None:
            problems.append((("start",), text("rule.start_required")))
        first = self.start or min((s.date for s in self.sessions), default=None)
        if self.end and first and self.end < first:
            message = text(
                "rule.end_before_start", end=self.end.isoformat(), start=first.isoformat()
            )
            problems.append((("end",), message))
        for index, session in enumerate(self.sessions):
            where = ("sessions", index, "date")
            if self.start and session.date < self.start:
                message = text(
                    "rule.session_before_start",
                    date=session.date.isoformat(),
                    start=self.start.isoformat(),
                )
                problems.append((where, message))
            if self.end and session.date > self.end:
                message = text(
                    "rule.session_after_end",
                    date=session.date.isoformat(),
                    end=self.end.isoformat(),
                )
                problems.append((where, message))
        return problems


class Programme(_Schema):
    title: RequiredText = Field(title="Namn")
    summary: RequiredText = Field(
        title="Sammanfattning",
        description="En eller två meningar, visas i listor och i sökmotorernas träfflistor.",
    )
    provider: Text = Field(
        None, title="Anordnare", description="Organisationen som håller utbildningen."
    )
    audience: Text = Field(None, title="Målgrupp", description="Vem utbildningen är till för.")
    format: Text = Field(
        None, title="Upplägg", description="T.ex. Fem lärarledda träffar varvade med självstudier."
    )
    location: Text = Field(
        None, title="Plats", description="Där träffarna hålls om inget annat anges, t.ex. Digitalt."
    )
    price: Text = Field(None, title="Pris")
    owner: Text = Field(
        None,
        title="Sidansvarig",
        description="Vem som ansvarar för innehållet. Utan värde visas webbplatsens sidansvarige.",
    )
    teachers: _list_of(ContactId) = Field(
        [],
        title="Lärare",
        description="Välj bland kontakterna. Namn som skrivits direkt i filen behålls.",
    )
    contacts: _list_of(ContactId) = Field([], title="Kontaktpersoner")
    registration_url: Url = Field(
        None, title="Anmälningslänk", description="Adress som börjar med https://."
    )
    tags: _list_of(Tag) = Field([], title="Ämnen")
    rounds: _list_of(Round) = Field(
        [], title="Omgångar", description="Varje gång utbildningen ges, med sina träffar."
    )
    status: PublishStatus = Field(
        None,
        title="Status",
        description="Ett utkast visas inte på webbplatsen. Utan värde är utbildningen publicerad.",
    )
    slug: Slug = Field(
        None,
        title="Adress",
        description=(
            "Sista delen av adressen, med a–z, 0–9 och bindestreck; det är den som nyheter "
            "använder för att visa utbildningen. Utan värde görs den av filnamnet."
        ),
    )
    aliases: _list_of(Alias) = Field(
        [],
        title="Gamla adresser",
        description="Adresser som utbildningen haft tidigare och som ska leda hit.",
    )
    extra: Extra = Field(
        {},
        title="Extra",
        description=(
            "Fria fält för mallarna; finns inte i redigeraren men behålls när filen sparas."
        ),
    )


class Contact(_Schema):
    name: RequiredText = Field(title="Namn", description="För- och efternamn.")
    role: Text = Field(None, title="Roll", description="T.ex. Rådgivare.")
    organization: Text = Field(None, title="Organisation", description="T.ex. Adda Kompetens.")
    phone: Phones = Field(
        [],
        title="Telefon",
        description=(
            "Som det skrivs i Sverige, t.ex. 08-709 59 81; flera nummer skiljs med kommatecken."
        ),
    )
    email: Email = Field(None, title="E-post")
    image: Image = Field(
        None,
        title="Porträtt",
        description="Med ett porträtt måste du också fylla i Bildbeskrivning.",
    )
    image_alt: Text = Field(
        None,
        title="Bildbeskrivning",
        description=(
            "Vad bilden visar, t.ex. Porträtt av Anna Svensson. Måste fyllas i när kontakten har "
            "ett porträtt."
        ),
    )

    def _rule_problems(self):
        return _image_alt_rule(self)


SCHEMAS: dict[str, type[_Schema]] = {
    "news": News,
    "page": Page,
    "programme": Programme,
    "contact": Contact,
}
NESTED = {Programme: {"rounds": Round}, Round: {"sessions": Session}}
# The example shown when a required field is missing: a date, or text.
DATE_FIELDS = {"date"}


# ---------------------------------------------------------------- validation
Problem = tuple[tuple, str]  # (field path, message)


def validate(kind: str, data: dict, context: dict) -> tuple[_Schema | None, list[Problem]]:
    """Check `data` against the schema of `kind`; return the model or the problems."""
    schema = SCHEMAS[kind]
    try:
        model = schema.model_validate(data, context=context)
    except ValidationError as err:
        problems = []
        for error in err.errors():
            loc = tuple(error["loc"])
            if error["type"] == "rules":
                problems.extend(
                    (loc + field, message) for field, message in error["ctx"]["problems"]
                )
            else:
                problems.append((loc, _message(schema, error)))
        return None, problems
    return model, []


def _schema_at(schema: type[_Schema], loc: tuple) -> type[_Schema]:
    for part in loc:
        if isinstance(part, str):
            schema = NESTED.get(schema, {}).get(part, schema)
    return schema


def _message(schema: type[_Schema], error: dict) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    name = loc[-1] if loc else ""
    if kind == "content":
        return error["msg"]
    if kind == "missing":
        example = text("example.date") if name in DATE_FIELDS else "…"
        return text("field.missing", name=name, example=example)
    if kind == "extra_forbidden":
        known = list(_schema_at(schema, loc[:-1]).model_fields)
        close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        guess = text("field.did_you_mean", name=close[0]) if close else ""
        key = "field.unknown" if "extra" in known else "field.unknown_no_extra"
        return text(key, guess=guess, known=", ".join(known))
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return text("field.not_fields", found=_describe(error["input"]))
    return text("field.other", problem=error["msg"])
