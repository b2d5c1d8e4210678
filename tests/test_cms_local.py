"""The editor's local mode (plugins/eduweb/cms_local.py): Decap's local
backend protocol over the site's files, in-process, and the HTTP server's
guards (host, origin, body size, JSON). The editor against it in a real
browser: tests/browser/test_cms_browser.py."""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import threading

import pytest
from conftest import Site
from eduweb import cms_local, messages
from eduweb.cms_local import LocalBackend, RefusedError

pytestmark = pytest.mark.usefixtures("swedish_messages")

NEWS = "content/news/2024/nyhet.md"
NEWS_TEXT = "---\ntitle: En nyhet\ndate: 2024-06-03\nsummary: Kort.\n---\n\nText.\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
REFUSED = (
    "{path} kan inte ändras från redigeringsverktyget (bara filer i content/news, "
    "content/programmes, content/contacts, content/pages och content/images)"
)

MESSAGE_CASES = [
    (
        "cms_local.saved_ok",
        "invoke cms: the editor saves a file without problems",
        "Sparade content/news/2024/nyhet.md: inga fel",
    ),
    (
        "cms_local.saved_problems",
        "invoke cms: the editor saves a file with a problem (the problem lines follow)",
        "Sparade content/news/2024/nyhet.md, men webbplatsen kan inte byggas förrän raderna "
        "nedan är rättade (rätta i redigeringsverktyget och spara igen):",
    ),
    (
        "cms_local.path_refused",
        "the local API is asked for a file outside the editable folders",
        REFUSED.format(path="'../pelicanconf.py'"),
    ),
    (
        "cms_local.not_found",
        "the local API is asked for a picture that does not exist",
        "'content/images/borta.png' finns inte (den kan ha tagits bort; ladda om sidan)",
    ),
    (
        "cms_local.bad_request",
        "the local API gets a body that is not JSON",
        "redigeringsverktyget skickade något som inte gick att läsa (ladda om sidan och "
        "försök igen)",
    ),
    (
        "cms_local.unknown_action",
        "the local API is asked for an action it does not have",
        "redigeringsverktyget bad om 'unpublishedEntries', som inte finns här (ladda om sidan)",
    ),
    (
        "cms_local.wrong_host",
        "a request to the local API with another Host header (DNS rebinding)",
        "öppna redigeringsverktyget på adressen som står i terminalen (http://127.0.0.1:…/admin/)",
    ),
    (
        "cms_local.wrong_origin",
        "a POST to the local API from another web page (Origin)",
        "bara redigeringsverktyget på den här datorn får spara filer (öppna det på adressen "
        "som står i terminalen)",
    ),
    (
        "cms_local.too_large",
        "a POST to the local API larger than its limit",
        "filen är för stor för att sparas härifrån (högst 24 MB; gör bilden mindre)",
    ),
    (
        "cms_local.no_editor",
        "invoke cms with a settings file without CMS",
        "pelicanconf.py har ingen inställning CMS, så webbplatsen har inget "
        "redigeringsverktyg (se README, avsnittet om redigeringsverktyget)",
    ),
]


@pytest.fixture
def site(tmp_path) -> Site:
    site = Site(tmp_path / "site", with_sample=True)
    site.write("news/2024/nyhet.md", NEWS_TEXT)
    return site


@pytest.fixture
def backend(site) -> LocalBackend:
    return LocalBackend(site.root)


def call(backend: LocalBackend, action: str, **params) -> object:
    return backend.handle({"action": action, "params": {"branch": "main", **params}})


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ------------------------------------------------------------- the protocol
def test_info_makes_decap_save_directly(backend):
    assert call(backend, "info") == {
        "repo": "site",
        "publish_modes": ["simple"],
        "type": "local_fs",
    }


def test_entries_by_folder_lists_the_files_below_it(backend, site):
    site.write("news/2024/.dold.md", NEWS_TEXT)  # hidden: left out
    site.write("news/2024/anteckning.txt", "x")  # other extension
    (site.root / "content/news/2024/lank.md").symlink_to(site.root / "pelicanconf.py")
    entries = call(backend, "entriesByFolder", folder="content/news", extension="md", depth=2)
    paths = [e["file"]["path"] for e in entries]
    assert NEWS in paths
    assert all(p.startswith("content/news/") and p.endswith(".md") for p in paths)
    assert not [p for p in paths if "dold" in p or "lank" in p]
    entry = next(e for e in entries if e["file"]["path"] == NEWS)
    assert entry == {
        "data": NEWS_TEXT,
        "file": {"path": NEWS, "label": None, "id": sha(NEWS_TEXT.encode())},
    }
    # depth 1: news/<year>/x.md is one level too deep
    assert call(backend, "entriesByFolder", folder="content/news", extension="md", depth=1) == []


def test_entries_by_files_and_get_entry(backend):
    (one, missing) = call(
        backend,
        "entriesByFiles",
        files=[{"path": NEWS, "label": "N"}, {"path": "content/pages/borta.md"}],
    )
    assert one["data"] == NEWS_TEXT and one["file"]["label"] == "N"
    assert missing == {
        "data": None,
        "file": {"path": "content/pages/borta.md", "label": None, "id": None},
    }
    assert call(backend, "getEntry", path=NEWS)["data"] == NEWS_TEXT


def test_persist_entry_writes_the_file_and_its_pictures(backend, site):
    saved = []
    backend.saved = saved.append
    raw = NEWS_TEXT.replace("Text.", "Ny text med bild ![Bild](images/ny.png).")
    answer = call(
        backend,
        "persistEntry",
        entry={"slug": "nyhet", "path": NEWS, "raw": raw},
        assets=[{"path": "content/images/ny.png", "content": b64(PNG), "encoding": "base64"}],
        options={"commitMessage": "x"},
    )
    assert answer == {"message": "entry persisted"}
    assert (site.root / NEWS).read_text(encoding="utf-8") == raw
    assert (site.root / "content/images/ny.png").read_bytes() == PNG
    assert saved == [["content/images/ny.png", NEWS]]
    # whole or nothing: no temporary file is left beside them
    assert not [p for p in (site.root / "content").rglob(".cms-*")]


def test_persist_entry_creates_a_new_year_folder_and_moves_a_renamed_entry(backend, site):
    new = "content/news/2027/ny-nyhet.md"
    call(backend, "persistEntry", entry={"slug": "ny-nyhet", "path": new, "raw": NEWS_TEXT})
    assert (site.root / new).read_text(encoding="utf-8") == NEWS_TEXT
    renamed = "content/news/2027/annat-namn.md"
    call(
        backend,
        "persistEntry",
        entry={"slug": "x", "path": new, "raw": NEWS_TEXT + "Mer.\n", "newPath": renamed},
    )
    assert not (site.root / new).exists()
    assert (site.root / renamed).read_text(encoding="utf-8") == NEWS_TEXT + "Mer.\n"


def test_media_actions(backend, site):
    answer = call(
        backend,
        "persistMedia",
        asset={"path": "content/images/a.png", "content": b64(PNG), "encoding": "base64"},
    )
    assert answer == {
        "id": sha(PNG),
        "content": b64(PNG),
        "encoding": "base64",
        "path": "content/images/a.png",
        "name": "a.png",
    }
    listed = call(backend, "getMedia", mediaFolder="content/images")
    assert "content/images/a.png" in [m["path"] for m in listed]
    # one level only: pictures in subfolders are not listed
    assert not [m for m in listed if m["path"].count("/") > 2]
    assert call(backend, "getMediaFile", path="content/images/a.png") == answer
    assert call(backend, "deleteFile", path="content/images/a.png") == {
        "message": "deleted file content/images/a.png"
    }
    assert not (site.root / "content/images/a.png").exists()
    with pytest.raises(RefusedError) as missing:
        call(backend, "getMediaFile", path="content/images/borta.png")
    assert str(missing.value) == MESSAGE_CASES[3][2]


def test_delete_files_and_deploy_preview(backend, site):
    site.write("pages/a.md", "x")
    site.write("pages/b.md", "x")
    answer = call(backend, "deleteFiles", paths=["content/pages/a.md", "content/pages/b.md"])
    assert answer == {"message": "deleted files content/pages/a.md, content/pages/b.md"}
    assert not (site.root / "content/pages/a.md").exists()
    assert call(backend, "getDeployPreview", collection="news", slug="x") is None


def test_an_unknown_action_or_a_malformed_request_is_refused(backend):
    for action in ("unpublishedEntries", "__init__", "handle", "do_info"):
        with pytest.raises(RefusedError):
            call(backend, action)
    with pytest.raises(RefusedError) as unknown:
        call(backend, "unpublishedEntries")
    assert str(unknown.value) == MESSAGE_CASES[5][2]
    for request in ([], {"params": {}}, {"action": "getEntry", "params": []}):
        with pytest.raises(RefusedError, match="skickade något som inte gick att läsa"):
            backend.handle(request)
    with pytest.raises(RefusedError):
        call(backend, "getEntry")  # no path
    with pytest.raises(RefusedError):
        call(backend, "persistMedia", asset={"path": "content/images/x.png", "content": "!"})


ESCAPES = [
    "../pelicanconf.py",
    "/etc/passwd",
    "pelicanconf.py",
    "content/news/../../pelicanconf.py",
    "content/news/./x.md",
    "content/news//x.md",
    "content/.git/config",
    "content/news/.hemlig.md",
    "content/other/x.md",
    "content",
    "content/news\\..\\..\\x.md",
    "content/news/x\0.md",
    "plugins/eduweb/__init__.py",
    "",
    None,
    5,
]


@pytest.mark.parametrize("path", ESCAPES)
def test_no_path_outside_the_editable_folders(backend, site, path):
    before = (site.root / "pelicanconf.py").read_bytes()
    for action, params in [
        ("getEntry", {"path": path}),
        ("getMediaFile", {"path": path}),
        ("persistMedia", {"asset": {"path": path, "content": b64(b"x"), "encoding": "base64"}}),
        ("persistEntry", {"entry": {"slug": "x", "path": path, "raw": "x"}}),
        ("persistEntry", {"entry": {"slug": "x", "path": NEWS, "raw": "x", "newPath": path}}),
        ("deleteFile", {"path": path}),
        ("deleteFiles", {"paths": [NEWS, path]}),
        ("entriesByFolder", {"folder": path, "extension": "md", "depth": 3}),
    ]:
        if params.get("entry", {}).get("newPath", 0) in (None, ""):
            continue  # no newPath: the entry keeps its name (not an escape)
        with pytest.raises(RefusedError) as refused:
            call(backend, action, **params)
        assert str(refused.value) == REFUSED.format(path=messages.quote(path)), action
    assert (site.root / "pelicanconf.py").read_bytes() == before
    # a refused request changes nothing, even the valid part of it
    assert (site.root / NEWS).read_text(encoding="utf-8") == NEWS_TEXT


def test_no_symbolic_link_is_followed(backend, site, tmp_path):
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (outside / "x.md").write_text("hemligt")
    (site.root / "content/pages/lank").symlink_to(outside)
    (site.root / "content/pages/fil.md").symlink_to(outside / "x.md")
    for path in ("content/pages/lank/x.md", "content/pages/fil.md"):
        assert call(backend, "getEntry", path=path)["data"] is None
        with pytest.raises(RefusedError):
            call(backend, "persistEntry", entry={"slug": "x", "path": path, "raw": "ny"})
        with pytest.raises(RefusedError):
            call(backend, "deleteFile", path=path)
    with pytest.raises(RefusedError):
        call(backend, "entriesByFolder", folder="content/pages/lank", extension="md", depth=1)
    assert (outside / "x.md").read_text() == "hemligt"
    # the content folder itself may not be a link either
    (site.root / "content/images").rename(tmp_path / "bilder")
    (site.root / "content/images").symlink_to(tmp_path / "bilder")
    with pytest.raises(RefusedError):
        call(backend, "getMedia", mediaFolder="content/images")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# ------------------------------------------------------------- after a save
def test_each_saved_file_gets_its_problem_lines(site, capsys):
    report = cms_local.report_saved(site.root, "pelicanconf.py")
    messages.set_language("sv")  # the fixture's settings ask for English; a writer's do not
    report([NEWS])
    out = capsys.readouterr()
    assert out.out == "Saved content/news/2024/nyhet.md: no problems\n"
    site.write("news/2024/nyhet.md", NEWS_TEXT.replace("2024-06-03", "2024-13-03"))
    report([NEWS, "content/images/ny.png"])
    out = capsys.readouterr()
    lines = out.err.splitlines()
    assert lines[0].startswith("Saved content/news/2024/nyhet.md, but the site will not build")
    assert lines[1].startswith("content/news/2024/nyhet.md:3: date: '2024-13-03'")
    assert len(lines) == 2


def test_the_saved_messages_in_swedish(site, capsys):
    settings = site.root / "pelicanconf.py"
    settings.write_text(settings.read_text().replace('MESSAGES_LANGUAGE = "en"', ""))
    report = cms_local.report_saved(site.root, "pelicanconf.py")
    report([NEWS])
    assert capsys.readouterr().out == MESSAGE_CASES[0][2] + "\n"
    site.write("news/2024/nyhet.md", NEWS_TEXT.replace("2024-06-03", "2024-13-03"))
    report([NEWS])
    assert capsys.readouterr().err.splitlines()[0] == MESSAGE_CASES[1][2]


def test_without_the_cms_setting_the_local_mode_says_so(site, capsys, monkeypatch):
    monkeypatch.chdir(site.root)
    settings = site.root / "pelicanconf.py"
    settings.write_text(settings.read_text().replace('MESSAGES_LANGUAGE = "en"', ""))
    assert cms_local.main(["--port", "0"]) == 1
    assert capsys.readouterr().err == MESSAGE_CASES[9][2] + "\n"


# ------------------------------------------------------------- the server
@pytest.fixture
def server(site):
    output = site.root / "output"
    (output / "admin").mkdir(parents=True)
    (output / "admin/index.html").write_text("<html><head></head><body>CMS</body></html>")
    (output / "admin/config.yml").write_text("backend:\n  name: github\n")
    (output / "index.html").write_text("<html><head></head><body>Hem</body></html>")
    cls = cms_local.server_class(site.root, "pelicanconf.py")
    httpd = cls(("127.0.0.1", 0), output, True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def request(server, method="GET", path="/", body=None, headers=None):
    port = server.server_address[1]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    base = {"Host": f"127.0.0.1:{port}"}
    if method == "POST":
        base |= {"Origin": f"http://127.0.0.1:{port}", "Content-Type": "application/json"}
    conn.request(method, path, body=body, headers={**base, **(headers or {})})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, data


def api(action, **params) -> bytes:
    return json.dumps({"action": action, "params": params}).encode()


def test_the_api_answers_on_the_same_origin(server):
    status, data = request(server, "POST", "/api/v1", api("info"))
    assert (status, json.loads(data)["type"]) == (200, "local_fs")
    port = server.server_address[1]
    status, data = request(server, "POST", "/api/v1", api("info"), {"Host": f"localhost:{port}"})
    assert status == 200


def test_the_config_gets_the_local_backend(server):
    status, data = request(server, path="/admin/config.yml")
    port = server.server_address[1]
    assert status == 200
    assert data.decode() == (
        f'backend:\n  name: github\nlocal_backend:\n  url: "http://127.0.0.1:{port}/api/v1"\n'
    )


def test_the_editor_page_gets_no_reload_script_and_the_site_does(server):
    assert b"__preview__" not in request(server, path="/admin/")[1]
    assert b"__preview__" in request(server, path="/")[1]


@pytest.mark.parametrize(
    "host", ["evil.example:{port}", "127.0.0.1", "127.0.0.1:1", "localhost.evil:{port}", ""]
)
def test_another_host_header_is_refused(server, host):
    port = server.server_address[1]
    headers = {"Host": host.format(port=port)}
    for method, path in (("POST", "/api/v1"), ("GET", "/admin/config.yml"), ("GET", "/")):
        status, data = request(server, method, path, api("info"), headers)
        assert status == 421, (method, path)
        assert json.loads(data) == {"error": MESSAGE_CASES[6][2]}


@pytest.mark.parametrize(
    "origin", ["http://evil.example", "null", "http://127.0.0.1:1", "https://127.0.0.1", None]
)
def test_a_post_from_another_origin_is_refused(server, site, origin):
    headers = {"Origin": origin} if origin else {}
    port = server.server_address[1]
    if origin is None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        body = api("deleteFile", path=NEWS)
        conn.request(
            "POST",
            "/api/v1",
            body=body,
            headers={"Host": f"127.0.0.1:{port}", "Content-Type": "application/json"},
        )
        response = conn.getresponse()
        status, data = response.status, response.read()
        conn.close()
    else:
        status, data = request(server, "POST", "/api/v1", api("deleteFile", path=NEWS), headers)
    assert status == 403
    assert json.loads(data) == {"error": MESSAGE_CASES[7][2]}
    assert (site.root / NEWS).exists()


def test_bad_json_a_form_post_and_a_large_body_are_refused(server, monkeypatch):
    status, data = request(server, "POST", "/api/v1", b"{not json")
    assert (status, json.loads(data)) == (400, {"error": MESSAGE_CASES[4][2]})
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    status, _ = request(server, "POST", "/api/v1", b"action=info", form)
    assert status == 415
    monkeypatch.setattr(cms_local, "MAX_BODY", 100)
    status, data = request(server, "POST", "/api/v1", b" " * 101)
    assert (status, json.loads(data)) == (413, {"error": MESSAGE_CASES[8][2]})
    status, data = request(server, "POST", "/api/v1", api("getEntry", path="../x"))
    assert status == 400
    assert json.loads(data) == {"error": REFUSED.format(path="'../x'")}
    status, _ = request(server, "POST", "/annat", api("info"))
    assert status == 404


def test_the_server_listens_on_127_0_0_1_only(monkeypatch, site):
    seen = {}

    def fake_serve(args, server_class):
        seen["bind"], seen["watch"] = args.bind, args.watch
        return 0

    monkeypatch.chdir(site.root)
    settings = site.root / "pelicanconf.py"
    with open(settings, "a", encoding="utf-8") as handle:
        handle.write('\nCMS = {"backend": "github", "repo": "a/b", "base_url": "https://x.se"}\n')
    monkeypatch.setattr(cms_local.preview, "serve", fake_serve)
    assert cms_local.main(["--bind", "0.0.0.0", "--port", "0"]) == 0
    assert seen == {"bind": "127.0.0.1", "watch": True}
