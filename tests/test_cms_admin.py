"""/admin/ in the built site (plugins/eduweb/cms_admin.py): Decap vendored
from the pinned npm package, the page, its own policy and noindex, and
nothing of it when the CMS setting is not set. The editor itself is driven
in a browser by tests/browser/test_cms_browser.py."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import netlify_headers
import pytest
from conftest import CMS_SETTING, ROOT, Site, node_json
from eduweb import cms_config, cms_policy, cms_vendor, host_files
from eduweb.content_index import scan
from eduweb.dates import site_timezone
from eduweb.settings_files import read_settings_file

DIST = cms_vendor.NPM_PACKAGE / "dist"
CMS = CMS_SETTING


@pytest.fixture(scope="module")
def npm_dist() -> Path:
    if not (DIST / cms_vendor.ENTRY).is_file():
        pytest.fail("tests/js/node_modules is missing: run `invoke test` (npm ci) first")
    assert cms_vendor.installed_version() == cms_vendor.pinned_version()
    return DIST


# ------------------------------------------------------------- vendored files
def test_the_vendored_files_are_the_pinned_packages_byte_for_byte(npm_dist):
    folder = ROOT / "theme" / "admin" / "vendor" / f"decap-cms-{cms_vendor.pinned_version()}"
    assert folder.is_dir(), "run `invoke vendor-cms` and commit theme/admin/vendor/"
    assert cms_vendor.differences() == []
    # One version only: the build copies the one folder there is.
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]


def test_a_missing_extra_or_changed_file_is_found(npm_dist, tmp_path):
    copy = tmp_path / "vendor"
    shutil.copytree(cms_vendor.vendor_folder(), copy)
    (copy / "2598.decap-cms.js").unlink()
    (copy / "cms.js").write_text("// not Decap's")
    with open(copy / "decap-cms.js", "ab") as handle:
        handle.write(b"\n")
    assert cms_vendor.differences(folder=copy) == [
        "missing: 2598.decap-cms.js",
        "extra: cms.js",
        "changed: decap-cms.js",
    ]


def test_what_is_vendored_is_what_decap_can_load(npm_dist):
    names = cms_vendor.needed_files(npm_dist)
    chunks = {n for n in names if re.fullmatch(r"\d+\.decap-cms\.js", n)}
    # Every numbered chunk of the package: decap-cms.js loads 92 itself, and
    # 2598 and 4928 (the WebAssembly image encoders) only through chunk 7405.
    assert chunks == {p.name for p in npm_dist.glob("*.decap-cms.js") if p.name[0].isdigit()}
    assert {"2598.decap-cms.js", "4928.decap-cms.js"} <= chunks
    assert sorted(n for n in names if n.endswith(".wasm")) == sorted(
        p.name for p in npm_dist.glob("*.wasm")
    )
    assert cms_vendor.LICENCE in names
    assert not [n for n in names if n.endswith(".map") or n.startswith("cms.") or ".cms." in n]


def test_a_chunk_that_cannot_be_found_stops_the_copy(tmp_path):
    (tmp_path / cms_vendor.ENTRY).write_text("x.e(17).then(y)")
    (tmp_path / cms_vendor.LICENCE).write_text("MIT")
    with pytest.raises(FileNotFoundError, match=r"17\.decap-cms\.js"):
        cms_vendor.needed_files(tmp_path)


# ------------------------------------------------------------- the policy
@pytest.mark.parametrize(
    ("cms", "connect", "images"),
    [
        (CMS, ["https://api.github.com"], ["https://avatars.githubusercontent.com"]),
        (
            {"backend": "gitlab", "repo": "a/b", "app_id": "x"},
            ["https://gitlab.com"],
            ["https://gitlab.com"],
        ),
        (
            {
                "backend": "gitlab",
                "repo": "a/b",
                "base_url": "https://git.example.se",
                "api_root": "https://api.git.example.se/api/v4",
            },
            ["https://api.git.example.se", "https://git.example.se"],
            ["https://git.example.se"],
        ),
        (
            {"backend": "gitea", "repo": "a/b", "base_url": "https://gitea.example.se:3000"},
            ["https://gitea.example.se:3000"],
            ["https://gitea.example.se:3000"],
        ),
    ],
)
def test_the_policy_lets_the_editor_reach_its_git_host_only(cms, connect, images):
    policy = dict(d.split(" ", 1) for d in cms_policy.admin_csp(cms).split("; "))
    assert policy == {
        "default-src": "'none'",
        "script-src": "'self' 'unsafe-eval'",
        "style-src": "'self' 'unsafe-inline'",
        "img-src": " ".join(["'self'", "blob:", *images]),
        "connect-src": " ".join(["'self'", "blob:", *connect]),
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'none'",
    }


@pytest.mark.parametrize(
    "base_url",
    ["http://git.example.se", "https://git.example.se; script-src *", "https://*", ""],
)
def test_only_an_https_origin_goes_into_the_policy(base_url):
    with pytest.raises(ValueError, match="not an https address"):
        cms_policy.admin_csp({"backend": "gitea", "repo": "a/b", "base_url": base_url})


# ------------------------------------------------------------- the build
@pytest.fixture(scope="module")
def editor_build(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("admin") / "site", with_sample=True)
    with open(site.root / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write(f"\nCMS = {CMS!r}\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site, result


def test_the_build_writes_the_editor(editor_build):
    site, result = editor_build
    admin = result.output / "admin"
    page = result.html("admin/")
    assert page.html["lang"] == "sv"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    meta = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert meta == cms_policy.admin_csp(CMS)
    scripts = page.find_all("script")
    assert all(s.get("src") and not s.string for s in scripts), "no inline script"
    assert [s["src"] for s in scripts] == [
        f"/admin/vendor/decap-cms-{cms_vendor.pinned_version()}/decap-cms.js",
        "/admin/admin.js",
    ]
    for script in scripts:
        assert (result.output / script["src"].lstrip("/")).is_file()
    style = scripts[1]["data-preview-style"]
    assert re.fullmatch(r"/theme/css/site\.[0-9a-f]{10}\.css", style)
    assert (result.output / style.lstrip("/")).is_file()
    assert (admin / "admin.js").read_bytes() == (ROOT / "theme/admin/admin.js").read_bytes()
    vendored = admin / "vendor" / f"decap-cms-{cms_vendor.pinned_version()}"
    assert sorted(p.name for p in vendored.iterdir()) == sorted(
        p.name for p in cms_vendor.vendor_folder().iterdir()
    )
    settings = read_settings_file(str(site.root / "pelicanconf.py"))
    assert (admin / "config.yml").read_text(encoding="utf-8") == cms_config.generate(settings)


def test_the_editor_is_no_page_of_the_site(editor_build):
    _, result = editor_build
    assert "/admin" not in result.text("sitemap.xml")
    rules = netlify_headers.parse(result.text("_headers"))
    admin = netlify_headers.headers_for(rules, "/admin/")
    assert admin["X-Robots-Tag"] == "noindex, nofollow"
    assert (
        admin["Content-Security-Policy"] == cms_policy.admin_csp(CMS) + "; frame-ancestors 'none'"
    )
    assert admin["Cache-Control"] == host_files.REVALIDATE
    page = netlify_headers.headers_for(rules, "/nyheter/")
    assert "X-Robots-Tag" not in page
    assert page["Content-Security-Policy"] != admin["Content-Security-Policy"]
    htaccess = result.text(".htaccess")
    block = re.search(r'<If "%\{REQUEST_URI\} =~ m#\^/admin/#">\n(.*?)\n  </If>', htaccess, re.S)
    assert block, htaccess
    assert dict(re.findall(r'Header always set (\S+) "([^"]*)"', block[1])) == {
        "Content-Security-Policy": admin["Content-Security-Policy"],
        "X-Robots-Tag": "noindex, nofollow",
    }


def test_without_the_setting_there_is_no_editor(sample_build):
    assert not (sample_build.output / "admin").exists()
    assert "/admin" not in sample_build.text("_headers")
    assert "/admin" not in sample_build.text(".htaccess")


# ------------------------------------------------------------- fact boxes
FACT_BOXES = [
    '!!! facts "Fakta om projekten"\n    Text i rutan.',
    '!!! facts "Fakta"\n    - en punkt\n    - en till\n\n    Ett stycke efter en tom rad.',
    "!!! facts\n    Utan rubrik.",
    '!!! facts "Två tomma rader"\n    Ett.\n\n\n    Två, med **fet** text och [länk](/kontakt/).',
    '!!! facts "Indrag i indrag"\n    - punkt\n        - underpunkt',
]

NODE_HARNESS = """
const fs = require("fs");
let component;
global.window = {CMS: {registerPreviewStyle() {}, registerEditorComponent(c) { component = c; }}};
global.document = {currentScript: null};
eval(fs.readFileSync(process.argv[1], "utf8"));
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
const out = cases.map((text) => {
  // Decap anchors the pattern at the start of a block (remarkShortcodes.js).
  const source = "^" + component.pattern.source.replace(/^\\^/, "");
  const pattern = new RegExp(source, component.pattern.flags);
  const match = pattern.exec(text + "\\n\\nNästa stycke.");
  if (!match) return {match: null};
  const data = component.fromBlock(match);
  return {match: match[0], data, block: component.toBlock(data)};
});
process.stdout.write(JSON.stringify(out));
"""


def run_admin_js(cases: list[str]) -> list[dict]:
    return node_json("-e", NODE_HARNESS, str(ROOT / "theme" / "admin" / "admin.js"), stdin=cases)


def test_a_fact_box_goes_through_the_rich_text_editor_unchanged():
    results = run_admin_js(FACT_BOXES)
    for text, result in zip(FACT_BOXES, results, strict=True):
        # The box ends at its last indented line, not at the paragraph after it.
        assert result["match"] == text
        assert result["block"] == text
    assert results[0]["data"] == {"title": "Fakta om projekten", "body": "Text i rutan."}
    assert results[1]["data"]["body"] == "- en punkt\n- en till\n\nEtt stycke efter en tom rad."


def test_what_is_not_a_fact_box_is_left_alone():
    results = run_admin_js(['!!! note "Annat"\n    Text.', '!!! facts "Tom"\nInte indragen.'])
    assert [r["match"] for r in results] == [None, None]


# ------------------------------------------------------------- its address
def test_no_page_or_old_address_may_take_the_editors_address(tmp_path):
    """Reserved whether or not CMS is set: turning the editor on later must
    not collide with a page or a redirect."""
    site = Site(tmp_path / "site")
    site.write("pages/admin.md", "---\ntitle: Admin\n---\n\nText.\n")
    site.write(
        "pages/om.md",
        "---\ntitle: Om\naliases: [/admin/gammal/, /admin/]\n---\n\nText.\n",
    )
    settings = {"PATH": str(site.root / "content"), "_eduweb_tz": site_timezone("Europe/Stockholm")}
    errors = sorted(scan(settings).errors)
    assert [(e.path, e.field) for e in errors] == [
        ("content/pages/admin.md", "slug"),
        ("content/pages/om.md", "aliases[0]"),
        ("content/pages/om.md", "aliases[1]"),
    ]
