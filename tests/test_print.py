"""The print stylesheet learns the site's address from the build
(assets.site_preludes), so links to the site's own pages print in full
(issue 11, point 5). What the printed page shows: tests/browser/test_page_tools_browser.py."""

from __future__ import annotations

from eduweb import assets


def test_css_string_quotes_and_escapes():
    assert assets.css_string("https://example.se") == '"https://example.se"'
    assert assets.css_string('a"b\\c\nd') == '"a\\22 b\\5c c\\a d"'


def test_a_prelude_goes_before_the_file_and_into_its_hash(tmp_path):
    theme = tmp_path / "static"
    (theme / "css").mkdir(parents=True)
    (theme / "css/print.css").write_bytes(b"a { color: #000 }\n")
    (theme / "css/site.css").write_bytes(b"a { color: blue }\n")
    (theme / "css/other.css").write_bytes(b"a { color: red }\n")
    plain, with_prelude = assets.Assets(), assets.Assets()
    plain.scan([str(theme)])
    prelude = assets.site_preludes({"PUBLIC_URL": "https://example.se"})
    with_prelude.scan([str(theme)], prelude)
    assert with_prelude.names["css/print.css"] != plain.names["css/print.css"]
    # site.css starts with the BRAND colours (tests/test_brand.py); others stay as they are.
    assert with_prelude.names["css/site.css"] != plain.names["css/site.css"]
    assert with_prelude.names["css/other.css"] == plain.names["css/other.css"]
    with_prelude.copy_to(str(tmp_path / "out"))
    printed = (tmp_path / "out/theme" / with_prelude.names["css/print.css"]).read_text()
    assert printed == ':root { --site-address: "https://example.se"; }\na { color: #000 }\n'
    site = (tmp_path / "out/theme" / with_prelude.names["css/site.css"]).read_text()
    assert site.startswith("/* Generated from the BRAND setting")
    assert site.endswith("}\na { color: blue }\n")
    other = (tmp_path / "out/theme" / with_prelude.names["css/other.css"]).read_text()
    assert other == "a { color: red }\n"


def test_every_page_links_the_print_stylesheet_with_the_site_address(sample_build):
    for url in ("", "utbildningar/", "kontakt/"):
        (link,) = sample_build.html(url).select("link[rel=stylesheet][media=print]")
        css = sample_build.text(link["href"].lstrip("/"))
        assert css.startswith(':root { --site-address: "https://digitaltledarskap.example.se"; }')
