"""The web editor's configuration (plugins/eduweb/cms_config.py): made from
the content schemas, committed as theme/admin/config.yml, never stale."""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from typing import Annotated, Any

import pytest
import yaml
from conftest import FIXTURE, JS, ROOT, node_json
from eduweb import cms_config, model
from eduweb.settings_files import read_settings_file
from pydantic import BeforeValidator, Field

COMMITTED = ROOT / "theme" / "admin" / "config.yml"
SETTINGS = {
    "PUBLIC_URL": "https://www.example.se",
    "CMS": {"backend": "github", "repo": "org/site", "base_url": "https://auth.example.se"},
}


@pytest.fixture(scope="module")
def project_settings() -> dict:
    cwd = os.getcwd()
    os.chdir(ROOT)  # the settings file's paths are relative to the project
    try:
        return read_settings_file(str(ROOT / "pelicanconf.py"))
    finally:
        os.chdir(cwd)


def collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def fields_of(entry: dict) -> dict[str, dict]:
    return {field["name"]: field for field in entry["fields"]}


def test_the_committed_config_is_what_the_schemas_give(project_settings):
    assert COMMITTED.read_text(encoding="utf-8") == cms_config.generate(project_settings), (
        "theme/admin/config.yml is not what the content schemas give: run `invoke cms-config` "
        "and commit the result"
    )


def test_the_same_settings_give_the_same_text_every_time():
    first = cms_config.generate(SETTINGS)
    assert all(cms_config.generate(SETTINGS) == first for _ in range(3))
    # A fresh interpreter (another hash seed) gives the same text too.
    script = (
        "import sys, json; sys.path.insert(0, 'plugins'); from eduweb import cms_config; "
        f"sys.stdout.write(cms_config.generate(json.loads({json_settings()!r})))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        check=True,
    )
    assert run.stdout == first


def json_settings() -> str:

    return json.dumps(SETTINGS)


def test_a_field_added_to_a_schema_changes_the_config(monkeypatch):
    before = cms_config.generate(SETTINGS)
    field = Field(None, title="Målgrupp", description="Vem nyheten är till för.")
    monkeypatch.setitem(model.Session.model_fields, "audience", _info(model.Text, field))
    after = yaml.safe_load(cms_config.generate(SETTINGS))
    assert cms_config.generate(SETTINGS) != before
    rounds = fields_of(collection(after, "programmes"))["rounds"]
    sessions = fields_of(rounds)["sessions"]
    assert fields_of(sessions)["audience"] == {
        "label": "Målgrupp",
        "name": "audience",
        "widget": "string",
        "hint": "Vem nyheten är till för.",
        "required": False,
    }


def _info(annotation: Any, field: Any):
    from pydantic.fields import FieldInfo

    return FieldInfo.merge_field_infos(FieldInfo.from_annotation(annotation), field)


def test_a_field_type_without_a_kind_is_refused(monkeypatch):
    """A new type in model.py must say what it is; the generator does not guess."""
    from pydantic.fields import FieldInfo

    plain = Annotated[Any, BeforeValidator(lambda v: v)]
    monkeypatch.setitem(
        model.Page.model_fields,
        "odd",
        FieldInfo.merge_field_infos(FieldInfo.from_annotation(plain), Field(None, title="X")),
    )
    with pytest.raises(ValueError, match=r"Page\.odd: no Kind marker"):
        cms_config.generate(SETTINGS)


def test_every_kind_of_field_gets_its_widget():
    config = yaml.safe_load(cms_config.generate(SETTINGS))
    news = fields_of(collection(config, "news"))
    assert news["date"]["widget"] == "datetime"
    assert news["date"]["format"] == "YYYY-MM-DD HH:mm"
    assert "required" not in news["date"] and "default" not in news["date"]
    assert news["modified"] == {
        "label": "Ändrad",
        "name": "modified",
        "widget": "datetime",
        "format": "YYYY-MM-DD HH:mm",
        "date_format": "YYYY-MM-DD",
        "time_format": "HH:mm",
        "hint": news["modified"]["hint"],
        "required": False,
    }
    assert "extra" not in news
    assert news["body"]["widget"] == "markdown"
    assert news["body"]["modes"] == ["raw", "rich_text"]
    assert news["contacts"]["widget"] == "relation"
    assert news["contacts"]["collection"] == "contacts"
    assert news["contacts"]["multiple"] is True
    assert news["programmes"]["collection"] == "programmes"
    assert news["image"]["widget"] == "image"
    assert "Bildbeskrivning" in news["image"]["hint"]
    assert news["status"]["options"] == [
        {"label": "Publicerad", "value": "published"},
        {"label": "Utkast", "value": "draft"},
    ]
    assert news["tags"]["widget"] == "list"
    programme = fields_of(collection(config, "programmes"))
    assert programme["teachers"]["widget"] == "relation"
    assert "required" not in programme["summary"]
    rounds = programme["rounds"]
    assert rounds["summary"] == "{{fields.name}} ({{fields.start}}–{{fields.end}})"
    round_fields = fields_of(rounds)
    assert {
        k: round_fields["booked_percent"][k] for k in ("widget", "value_type", "min", "max")
    } == {
        "widget": "number",
        "value_type": "int",
        "min": 0,
        "max": 100,
    }
    assert [o["value"] for o in round_fields["status"]["options"]] == [
        "open",
        "few-places",
        "full",
        "cancelled",
    ]
    assert round_fields["start"]["format"] == "YYYY-MM-DD"
    assert round_fields["start"]["time_format"] is False
    sessions = fields_of(round_fields["sessions"])
    assert "{{fields.date}}" in round_fields["sessions"]["summary"]
    assert {k: sessions["start_time"][k] for k in ("format", "date_format", "time_format")} == {
        "format": "HH:mm",
        "date_format": False,
        "time_format": "HH:mm",
    }
    assert "required" not in sessions["date"]
    contacts = collection(config, "contacts")
    assert (contacts["extension"], contacts["format"]) == ("yml", "yml")
    assert "body" not in fields_of(contacts)
    # A plain list (one line, commas): it opens `phone: 08-709 59 81` too.
    assert fields_of(contacts)["phone"]["widget"] == "list"
    assert "field" not in fields_of(contacts)["phone"]
    assert collection(config, "news")["path"] == "{{year}}/{{slug}}"


def test_every_optional_field_says_so_and_every_required_one_does_not():
    """Decap requires a field unless told otherwise; the schema decides."""
    config = yaml.safe_load(cms_config.generate(SETTINGS))
    schemas = {c.name: model.SCHEMAS[c.kind] for c in cms_config.COLLECTIONS}

    def check(fields: list[dict], schema: type) -> None:
        for field in fields:
            if field["name"] == "body":
                assert field["widget"] == "markdown"
                continue
            info = schema.model_fields[field["name"]]
            assert field.get("required", True) is info.is_required(), field["name"]
            assert field["label"] == info.title and field.get("hint") == info.description
            nested = model.NESTED.get(schema, {}).get(field["name"])
            if nested:
                check(field["fields"], nested)

    for entry in config["collections"]:
        check(entry["fields"], schemas[entry["name"]])


@pytest.mark.parametrize(
    ("cms", "backend"),
    [
        (
            {"backend": "gitlab", "repo": "org/site", "app_id": "abc123"},
            {
                "name": "gitlab",
                "repo": "org/site",
                "branch": "main",
                "app_id": "abc123",
                "auth_type": "pkce",
            },
        ),
        (
            {"backend": "gitea", "repo": "org/site", "app_id": "a1", "base_url": "https://g.se"},
            {
                "name": "gitea",
                "repo": "org/site",
                "branch": "main",
                "base_url": "https://g.se",
                "app_id": "a1",
                "auth_type": "pkce",
                "api_root": "https://g.se/api/v1",
            },
        ),
    ],
)
def test_the_backend_comes_from_the_setting(cms, backend):
    config = yaml.safe_load(cms_config.generate({**SETTINGS, "CMS": cms}))
    assert config["backend"] == backend


def test_the_editorial_workflow_is_on_unless_the_setting_turns_it_off():
    assert yaml.safe_load(cms_config.generate(SETTINGS))["publish_mode"] == "editorial_workflow"
    off = {**SETTINGS, "CMS": {**SETTINGS["CMS"], "editorial_workflow": False}}
    assert "publish_mode" not in yaml.safe_load(cms_config.generate(off))
    # Decap's Gitea backend has no editorial workflow: off unless asked for
    # (and asking is refused, cms.gitea_no_workflow).
    gitea = {**SETTINGS, "CMS": GITEA}
    assert "publish_mode" not in yaml.safe_load(cms_config.generate(gitea))


# ------------------------------------------------------------- the CMS setting
# A site's own settings, with the statements every build needs (the fixture site's).
_FIXTURE = runpy.run_path(str(FIXTURE / "pelicanconf.py"))
SITE = {
    "SITENAME": "Webbplats",
    "PUBLIC_URL": "https://www.example.se",
    "TIMEZONE": "UTC",
    **{key: _FIXTURE[key] for key in ("ACCESSIBILITY", "PRIVACY", "FOOTER_LINKS")},
}


def settings_lines(cms: object) -> list[str]:
    """The lines the settings check gives for `CMS = cms` in pelicanconf.py."""
    from eduweb import messages
    from eduweb.settings_files import SettingsSource
    from eduweb.site_settings import check_site_settings

    messages.set_language("sv")
    source = SettingsSource.from_text(f"CMS = {cms!r}\n", "pelicanconf.py")
    return [str(error) for error in check_site_settings({**SITE, "CMS": cms}, source)[2]]


def setting(cms: object):
    return lambda tmp: "\n".join(settings_lines(cms))


def written(tmp) -> str:
    """`invoke cms-config` for a settings file with a CMS."""
    from eduweb import messages

    conf = tmp / "pelicanconf.py"
    conf.write_text(
        "".join(f"{key} = {value!r}\n" for key, value in {**SITE, **SETTINGS}.items()),
        encoding="utf-8",
    )
    cwd = os.getcwd()
    os.chdir(tmp)
    try:
        import contextlib
        import io

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert cms_config.main(["pelicanconf.py", "admin/config.yml"]) == 0
    finally:
        os.chdir(cwd)
        messages.set_language("sv")
    assert (tmp / "admin" / "config.yml").read_text(encoding="utf-8").startswith("# The web")
    return out.getvalue().strip()


def not_set(tmp) -> str:
    import contextlib
    import io

    conf = tmp / "pelicanconf.py"
    conf.write_text("".join(f"{key} = {value!r}\n" for key, value in SITE.items()))
    err = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp)
    try:
        with contextlib.redirect_stderr(err):
            assert cms_config.main(["pelicanconf.py", "config.yml"]) == 1
    finally:
        os.chdir(cwd)
    assert not (tmp / "config.yml").exists()
    return err.getvalue().strip()


GITHUB = {"backend": "github", "repo": "org/site", "base_url": "https://auth.example.se"}
GITEA = {"backend": "gitea", "repo": "org/site", "app_id": "a", "base_url": "https://g.se"}
MESSAGE_CASES = [
    (
        "cms.shape",
        setting("github"),
        "pelicanconf.py:1: CMS: här ska det stå t.ex. {'backend': 'github', 'repo': "
        "'organisation/webbplats', 'base_url': 'https://cms-inloggning.example.se'}, "
        "eller None för ingen redigerare",
    ),
    (
        "cms.backend",
        setting({**GITHUB, "backend": "bitbucket"}),
        "pelicanconf.py:1: CMS.backend: 'bitbucket' går inte att använda (skriv 'github', "
        "'gitlab' eller 'gitea': där webbplatsens filer finns)",
    ),
    (
        "cms.repo",
        setting({**GITHUB, "repo": "https://github.com/org/site"}),
        "pelicanconf.py:1: CMS.repo: 'https://github.com/org/site' är inget förråd (skriv "
        "ägare/namn som i adressen till förrådet, t.ex. 'organisation/webbplats')",
    ),
    (
        "cms.branch",
        setting({**GITHUB, "branch": "min gren"}),
        "pelicanconf.py:1: CMS.branch: 'min gren' är inget grennamn (skriv t.ex. 'main')",
    ),
    (
        "cms.base_url",
        setting({**GITHUB, "base_url": "http://auth.example.se/login"}),
        "pelicanconf.py:1: CMS.base_url: 'http://auth.example.se/login' är ingen https-adress "
        "till en server: bara https:// och servernamnet, utan sökväg (skriv t.ex. "
        "'https://cms-inloggning.example.se')",
    ),
    (
        "cms.auth_endpoint",
        setting({**GITHUB, "auth_endpoint": "/auth"}),
        "pelicanconf.py:1: CMS.auth_endpoint: '/auth' är ingen sökväg på inloggningsservern "
        "(skriv t.ex. 'auth', utan / först)",
    ),
    (
        "cms.app_id",
        setting({"backend": "gitlab", "repo": "org/site", "app_id": "a b"}),
        "pelicanconf.py:1: CMS.app_id: 'a b' är inget program-id (kopiera det från "
        "OAuth-programmet på git-servern)",
    ),
    (
        "cms.api_root",
        setting({"backend": "gitlab", "repo": "org/site", "app_id": "a", "api_root": "x"}),
        "pelicanconf.py:1: CMS.api_root: 'x' är ingen https-adress (skriv t.ex. "
        "'https://gitlab.example.se/api/v4')",
    ),
    (
        "cms.github_needs_base_url",
        setting({"backend": "github", "repo": "org/site"}),
        "pelicanconf.py:1: CMS: med 'github' loggar redaktörerna in via organisationens egen "
        "inloggningsserver: skriv dess adress som 'base_url', t.ex. "
        "'https://cms-inloggning.example.se' (se README.md)",
    ),
    (
        "cms.gitea_needs_base_url",
        setting({"backend": "gitea", "repo": "org/site", "app_id": "a"}),
        "pelicanconf.py:1: CMS: med 'gitea' behövs Gitea-serverns adress som 'base_url', "
        "t.ex. 'https://gitea.example.se'",
    ),
    (
        "cms.gitea_no_workflow",
        setting({**GITEA, "editorial_workflow": True}),
        "pelicanconf.py:1: CMS: med 'gitea' kan redigeraren inte göra ändringsförslag (pull "
        "requests) av det som sparas: ta bort 'editorial_workflow' eller skriv "
        "'editorial_workflow': False",
    ),
    (
        "cms.needs_app_id",
        setting({"backend": "gitlab", "repo": "org/site"}),
        "pelicanconf.py:1: CMS: med 'gitlab' behövs id:t för OAuth-programmet som 'app_id' "
        "(skapa programmet på git-servern, se README.md)",
    ),
    (
        "cms.not_set",
        not_set,
        "pelicanconf.py har ingen redigerare (skriv CMS = {...} som i exemplet i README.md)",
    ),
    (
        "cms.config_written",
        written,
        "Skrev admin/config.yml: redigerarens formulär enligt innehållsmodellen",
    ),
]


@pytest.mark.parametrize(
    ("key", "trigger", "expected"), MESSAGE_CASES, ids=[c[0] for c in MESSAGE_CASES]
)
def test_message(key, trigger, expected, tmp_path, swedish_messages):
    assert trigger(tmp_path) == expected


@pytest.mark.parametrize(
    "cms",
    [
        None,
        GITHUB,
        {**GITHUB, "branch": "", "auth_endpoint": "", "editorial_workflow": False},
        {"backend": "gitlab", "repo": "grupp/undergrupp/site", "app_id": "abc-123"},
        {"backend": "gitea", "repo": "org/site", "app_id": "a", "base_url": "https://g.se"},
    ],
)
def test_a_good_cms_setting_passes(cms):
    assert settings_lines(cms) == []


def test_the_project_settings_have_a_working_editor(project_settings):
    from eduweb.settings_files import SettingsSource
    from eduweb.site_settings import check_site_settings

    model_, _consent, errors = check_site_settings(
        project_settings, SettingsSource(str(ROOT / "pelicanconf.py"))
    )
    assert errors == []
    assert model_.CMS is not None and model_.CMS.backend == "github"


# ------------------------------------------------------------- Decap's own schema


def field_index(collection: int, name: str) -> int:
    """Where a field sits in the committed config's form (it moves when the
    contract gains a field)."""
    config = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    return [field["name"] for field in config["collections"][collection]["fields"]].index(name)


BROKEN = {
    "unknown widget": (
        ("widget: markdown", "widget: nosuch"),
        f"/collections/0/fields/{field_index(0, 'body')}/widget: no widget named 'nosuch'",
    ),
    "field without a name": (
        ("  - label: Rubrik\n    name: title\n", "  - label: Rubrik\n"),
        "/collections/0/fields/0: must have required property 'name'",
    ),
    "number type not text": (
        ("value_type: int", "value_type: 5"),
        f"/collections/1/fields/{field_index(1, 'rounds')}/fields/4/value_type: must be string",
    ),
    "unknown publish mode": (
        ("publish_mode: editorial_workflow", "publish_mode: pr"),
        "/publish_mode: must be equal to one of the allowed values",
    ),
}
HOSTS = {
    "gitlab": {"backend": "gitlab", "repo": "org/site", "app_id": "abc"},
    "gitlab without workflow": {
        "backend": "gitlab",
        "repo": "org/site",
        "app_id": "abc",
        "editorial_workflow": False,
    },
    "gitea": {"backend": "gitea", "repo": "org/site", "app_id": "a", "base_url": "https://g.se"},
}


@pytest.fixture(scope="module")
def decap(tmp_path_factory) -> dict[str, list[str]]:
    """What Decap's own config loading (tests/js/validate_config.mjs) says of
    the committed config, the config for each git host, and each broken
    copy of the committed config: one node run for all."""
    folder = tmp_path_factory.mktemp("decap")
    committed = COMMITTED.read_text(encoding="utf-8")
    texts = {"committed": committed}
    texts |= {name: cms_config.generate({**SETTINGS, "CMS": cms}) for name, cms in HOSTS.items()}
    for name, ((old, new), _problem) in BROKEN.items():
        broken = committed.replace(old, new, 1)
        assert broken != committed, name
        texts[name] = broken
    paths = {}
    for index, (name, text) in enumerate(texts.items()):
        paths[name] = folder / f"{index}.yml"
        paths[name].write_text(text, encoding="utf-8")
    # Exit status 1: the broken copies are refused.
    report = node_json(
        str(JS / "validate_config.mjs"),
        *map(str, paths.values()),
        package="decap-cms-core",
        exit_status=1,
    )
    return {name: report[str(path)] for name, path in paths.items()}


def test_decap_accepts_the_committed_config(decap):
    assert decap["committed"] == []


@pytest.mark.parametrize("host", HOSTS)
def test_decap_accepts_the_config_for_every_git_host(host, decap):
    assert decap[host] == []


@pytest.mark.parametrize("name", BROKEN)
def test_decap_refuses_a_broken_config(name, decap):
    """The check can fail: each of these breaks the committed config once."""
    assert BROKEN[name][1] in decap[name]
