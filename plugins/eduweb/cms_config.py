"""The web editor's configuration (Decap CMS's config.yml), made from the
content schemas in model.py and the CMS setting, never written by hand.

Each field of a schema becomes one form field: its label and hint are the
schema's Swedish title and description, its widget follows from the field's
type (the Kind marker on the types of model.py), and a field the schema does
not require gets `required: false` (Decap requires every field unless told
otherwise). `extra:` has no form; Decap keeps the keys it has no field for
when it saves a file (tests/test_cms_roundtrip.py).

`invoke cms-config` writes the committed copy theme/admin/config.yml;
tests/test_cms_config.py fails when that copy is not what this module makes.
"""

from __future__ import annotations

import os
import sys
import typing
from typing import Annotated, Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import messages, model
from .site_settings import CmsSettings

MEDIA_FOLDER = "content/images"
PUBLIC_FOLDER = "/images"
HEADER = (
    "# The web editor's configuration (Decap CMS), made from the content schemas in\n"
    "# plugins/eduweb/model.py and the CMS setting of pelicanconf.py.\n"
    "# Do not edit: run `invoke cms-config` after changing either.\n"
)

# Dates as the contract writes them. A news date may have a time; a date
# written without one is shown as midnight and kept as written unless the
# writer changes it (Decap's datetime widget only formats on a change).
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD"}
DATE |= {"time_format": False}
WIDGETS: dict[str, dict[str, Any]] = {
    "text": {"widget": "string"},
    "date": DATE,
    "datetime": {
        "widget": "datetime",
        "format": "YYYY-MM-DD HH:mm",
        "date_format": "YYYY-MM-DD",
        "time_format": "HH:mm",
    },
    "time": {"widget": "datetime", "format": "HH:mm", "date_format": False, "time_format": "HH:mm"},
    "percent": {"widget": "number", "value_type": "int", "min": 0, "max": 100, "step": 1},
    "url": {
        "widget": "string",
        "pattern": ["^https?://[^\\s]+\\.[^\\s]+$", "Skriv en adress som börjar med https://"],
    },
    "email": {
        "widget": "string",
        "pattern": [
            "^[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}$",
            "Skriv en e-postadress, t.ex. namn@example.se",
        ],
    },
    "slug": {
        "widget": "string",
        "pattern": [
            "^[a-z0-9]+(-[a-z0-9]+)*$",
            "Bara a–z, 0–9 och enstaka bindestreck, t.ex. var-2027",
        ],
    },
    "tag": {"widget": "string"},
    "image": {"widget": "image", "choose_url": False},
    "alias": {
        "widget": "string",
        "pattern": ["^/", "Skriv adressen som den står efter webbplatsens namn, t.ex. /om-oss/"],
    },
    # One line, the numbers separated by commas: Decap's plain list takes
    # both forms the contract allows (one number, or a list), where a list
    # of text fields fails to open a file with `phone: 08-709 59 81`.
    "phones": {"widget": "list"},
    "publish_status": {
        "widget": "select",
        "options": [
            {"label": "Publicerad", "value": "published"},
            {"label": "Utkast", "value": "draft"},
        ],
    },
    "round_status": {
        "widget": "select",
        "options": [
            {"label": "Öppen för anmälan", "value": "open"},
            {"label": "Få platser kvar", "value": "few-places"},
            {"label": "Fullbokad", "value": "full"},
            {"label": "Inställd", "value": "cancelled"},
        ],
    },
    # A contact's id is its file name; a programme's is its slug, which is
    # its file name unless the file sets `slug:`.
    "contact": {
        "widget": "relation",
        "collection": "contacts",
        "value_field": "{{slug}}",
        "search_fields": ["name"],
        "display_fields": ["name"],
    },
    "programme": {
        "widget": "relation",
        "collection": "programmes",
        "value_field": "{{slug}}",
        "search_fields": ["title"],
        "display_fields": ["title"],
    },
}
# Kinds with no form: free-form data the editor leaves as it is.
NO_FORM = {"extra"}
# What a collapsed list item shows.
SUMMARIES: dict[type[BaseModel], str] = {
    model.Round: "{{fields.name}} ({{fields.start}}–{{fields.end}})",
    model.Session: "{{fields.date}} {{fields.start_time}}–{{fields.end_time}} {{fields.title}}",
}
# The body opens in the Markdown editor, which keeps the text as written.
# Decap's rich-text mode rewrites the whole body through its own document
# model: a fact box's indented list becomes a code block and a footnote
# `[^1]: Not.` a link (tests/test_cms_roundtrip.py); a writer may still
# switch to it.
BODY = {
    "label": "Text",
    "name": "body",
    "widget": "markdown",
    "modes": ["raw", "rich_text"],
    "hint": "Skriven i Markdown: ## för en underrubrik, **fetstil**, - för en punktlista.",
}


class Collection(typing.NamedTuple):
    kind: str  # a key of model.SCHEMAS
    name: str
    label: str
    label_singular: str
    folder: str
    extra: dict[str, Any]


COLLECTIONS = (
    Collection(
        "news",
        "news",
        "Nyheter",
        "Nyhet",
        "content/news",
        {
            # One folder per year, as content/news/<year>/<slug>.md; the year
            # is the year of the article's date.
            "path": "{{year}}/{{slug}}",
            "extension": "md",
            "format": "frontmatter",
            "summary": "{{title}} ({{fields.date}})",
            "sortable_fields": ["date", "title"],
            "body": True,
        },
    ),
    Collection(
        "programme",
        "programmes",
        "Utbildningar",
        "Utbildning",
        "content/programmes",
        {
            "extension": "md",
            "format": "frontmatter",
            "summary": "{{title}}",
            "sortable_fields": ["title"],
            "body": True,
        },
    ),
    Collection(
        "contact",
        "contacts",
        "Kontakter",
        "Kontakt",
        "content/contacts",
        {
            "extension": "yml",
            "format": "yml",
            "identifier_field": "name",
            "summary": "{{name}} – {{role}}",
            "sortable_fields": ["name"],
        },
    ),
    Collection(
        "page",
        "pages",
        "Sidor",
        "Sida",
        "content/pages",
        {
            "extension": "md",
            "format": "frontmatter",
            "summary": "{{title}}",
            "sortable_fields": ["title"],
            "body": True,
        },
    ),
)


def _kind(annotation: Any) -> tuple[str | None, Any]:
    """The Kind of an annotated type, and the item type of a list (else None)."""
    kind = None
    if typing.get_origin(annotation) is Annotated:
        kind = next(
            (m.name for m in annotation.__metadata__ if isinstance(m, model.Kind)),
            None,
        )
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) is list:
        return kind, typing.get_args(annotation)[0]
    return kind, None


def _field(name: str, info: FieldInfo, schema: type[BaseModel]) -> dict[str, Any] | None:
    kind, item = _kind(info.annotation if info.metadata == [] else _annotated(info))
    if kind in NO_FORM:
        return None
    field: dict[str, Any] = {"label": info.title or name, "name": name}
    if kind in WIDGETS:  # a type with a form of its own, list or not
        field |= WIDGETS[kind]
    elif item is None:
        if kind is None:
            raise ValueError(f"{schema.__name__}.{name}: no Kind marker on its type")
        field |= WIDGETS[kind]
    elif isinstance(item, type) and issubclass(item, BaseModel):
        field |= {"widget": "list", "fields": _fields(item)}
        if not info.is_required():
            # Without it Decap starts a new entry with one empty item.
            field["default"] = []
        if item in SUMMARIES:
            field["summary"] = SUMMARIES[item]
    else:
        item_kind, _ = _kind(item)
        if item_kind is None:
            raise ValueError(f"{schema.__name__}.{name}: no Kind marker on its items")
        widget = WIDGETS[item_kind]
        if widget["widget"] == "relation":
            field |= widget | {"multiple": True}
        else:
            field |= {"widget": "list", "field": {"label": field["label"], "name": name} | widget}
    if info.description:
        field["hint"] = info.description
    if not info.is_required():
        # No `default: ""` on optional dates: Decap 3.16 leaves an untouched
        # one out of the file (tests/browser/test_cms_editor_browser.py: the
        # all-day session has no time keys), while a default of "" would
        # write `start_time: ""` into every new session.
        field["required"] = False
    return field


def _annotated(info: FieldInfo) -> Any:
    """pydantic splits Annotated[X, m1, m2] into annotation X and metadata
    [m1, m2]; put them back together for _kind."""
    return Annotated[(info.annotation, *info.metadata)]


def _fields(schema: type[BaseModel]) -> list[dict[str, Any]]:
    fields = (_field(name, info, schema) for name, info in schema.model_fields.items())
    return [field for field in fields if field is not None]


def _collection(spec: Collection) -> dict[str, Any]:
    options = dict(spec.extra)
    body = options.pop("body", False)
    fields = _fields(model.SCHEMAS[spec.kind]) + ([BODY] if body else [])
    return {
        "name": spec.name,
        "label": spec.label,
        "label_singular": spec.label_singular,
        "folder": spec.folder,
        "create": True,
        "slug": "{{slug}}",
        # Also here, not only at the top: Decap puts a picture uploaded from
        # an entry into the entry's own folder unless the collection says
        # otherwise (a leading / is the site folder).
        "media_folder": "/" + MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        **options,
        "fields": fields,
    }


def _backend(cms: CmsSettings) -> dict[str, Any]:
    backend = {"name": cms.backend, "repo": cms.repo, "branch": cms.branch}
    for key in ("base_url", "auth_endpoint", "app_id", "api_root"):
        if getattr(cms, key):
            backend[key] = getattr(cms, key)
    if cms.backend in ("gitlab", "gitea"):
        backend["auth_type"] = "pkce"
    if cms.backend == "gitea" and not cms.api_root:
        backend["api_root"] = cms.base_url + "/api/v1"
    return backend


def config(settings: dict) -> dict[str, Any]:
    """Decap's configuration as data, for the site's settings (CMS must be
    set; the settings are checked before, so this only fills in defaults)."""
    cms = CmsSettings.model_validate(settings["CMS"])
    data: dict[str, Any] = {"backend": _backend(cms)}
    if cms.pull_requests:
        data["publish_mode"] = "editorial_workflow"
    data |= {
        "locale": "sv",
        "site_url": settings["PUBLIC_URL"],
        "display_url": settings["PUBLIC_URL"],
        "media_folder": MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        # File names made from titles as our own slugs are: å, ä, ö folded.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [_collection(spec) for spec in COLLECTIONS],
    }
    return data


def generate(settings: dict) -> str:
    """The text of config.yml; the same settings always give the same text."""
    body = yaml.dump(
        config(settings),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=1000,
        default_flow_style=False,
    )
    return HEADER + body


class _Dumper(yaml.SafeDumper):
    """Every value written out: no &anchors for the widget settings that
    several fields share (a reader of the file should not need to follow them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def main(argv: list[str] | None = None) -> int:
    """`python -m eduweb.cms_config SETTINGS_FILE OUTPUT`: write config.yml
    for the settings file (invoke cms-config)."""
    from .build import read_site_settings, report
    from .errors import ContentValidationError
    from .settings_files import written_language

    settings_file, output = sys.argv[1:] if argv is None else argv
    messages.set_language(written_language(settings_file))
    try:
        settings = read_site_settings(settings_file)
    except ContentValidationError as error:
        report(error)
        return 1
    if not settings.get("CMS"):
        print(messages.text("cms.not_set", path=settings_file), file=sys.stderr)
        return 1
    text = generate(settings)
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    with open(output, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)
    print(messages.text("cms.config_written", path=os.path.relpath(output)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
