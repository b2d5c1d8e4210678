"""Contact cards, the contacts page, vCards, h-card and schema.org data, as readers
and their software see them in the built site."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request

import mf2py
import pytest
import vobject
from bs4 import BeautifulSoup
from conftest import PNG, Site
from eduweb.collation import swedish_sort_key
from eduweb.contacts import ContactCard, ContactDirectory

ARTICLE = "nyheter/2024/eskilstunas-chefer-utbildar-sig-tillsammans/"  # contacts: [tommy-eriksson]
ARTICLE_TWO = "nyheter/2018/ledare-i-vasterbotten-lar-sig-leda-digital-forandring/"
PUBLIC_URL = "https://digitaltledarskap.example.se"
E164_TEL = re.compile(r"^tel:\+[1-9]\d{6,14}(;ext=\d{1,7})?$")


def json_ld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def people(soup: BeautifulSoup) -> list[dict]:
    """The schema.org Person objects at the top of the page's JSON-LD."""
    return [
        item
        for data in json_ld(soup)
        for item in data.get("@graph", [data])
        if item.get("@type") == "Person"
    ]


# ---------------------------------------------------------------- the card
def test_article_card_shows_photo_name_role_organisation_and_links(sample_build):
    section = sample_build.html(ARTICLE).select_one("section.contact-cards")
    assert section.find("h2").get_text() == "Kontakt"
    (card,) = section.select(".contact-card")
    photo = card.find("img")
    # A copy made for pages (pictures.py), in a <picture> with modern formats.
    assert photo["src"].startswith("/bilder/") and photo["src"].endswith("-192.png")
    assert photo.parent.name == "picture"
    assert photo["alt"] == "Porträtt av Tommy Eriksson"
    assert card.find("h3").get_text() == "Tommy Eriksson"
    assert card.select_one(".contact-card__role").get_text() == "Rådgivare"
    assert card.select_one(".contact-card__org").get_text() == "Adda Kompetens"
    details = [
        (row.dt.get_text(), row.a["href"], row.a.get_text())
        for row in card.select(".contact-card__details > div")
    ]
    assert details == [
        ("Telefon", "tel:+4687095981", "08-709 59 81"),
        ("Mobil", "tel:+46705275981", "070-527 59 81"),
        ("E-post", "mailto:tommy.eriksson@example.se", "tommy.eriksson@example.se"),
    ]
    save = card.find("a", href="/kontakter/tommy-eriksson.vcf")
    assert save.has_attr("download")
    assert save.get_text() == "Spara kontakt: Tommy Eriksson"
    assert save.select_one(".visually-hidden").get_text() == ": Tommy Eriksson"
    assert card.find("a", href="/kontakt/#tommy-eriksson").get_text() == "Alla kontakter"
    assert not card.has_attr("id"), "ids belong to the contacts page only"


def test_email_is_a_mailto_link(sample_build):
    soup = sample_build.html(ARTICLE_TWO)
    link = soup.select_one(".contact-card a.u-email")
    assert link["href"] == "mailto:andreas.skog@regionvasterbotten.se"
    assert link.get_text() == "andreas.skog@regionvasterbotten.se"
    names = [h.get_text() for h in soup.select(".contact-card h3")]
    assert names == ["Andreas Skog", "Marie Larsson"], "cards follow the order of contacts:"


def test_programme_page_shows_its_contact_card(sample_build):
    soup = sample_build.html("utbildningar/chefsprogram-for-valfardens-digitalisering/")
    cards = soup.select(".contact-card")
    assert [c.find(class_="p-name").get_text() for c in cards] == ["Tommy Eriksson"]
    assert [p["name"] for p in people(soup)] == ["Tommy Eriksson"]


def test_a_page_without_contacts_has_no_cards_or_person_data(sample_build):
    soup = sample_build.html("nyheter/2021/chefer-i-nykvarn-leder-digital-transformation/")
    assert not soup.select(".contact-card")
    assert people(soup) == []


# ---------------------------------------------------------------- /kontakt/
def test_contacts_page_lists_everyone_grouped_by_organisation(sample_build):
    soup = sample_build.html("kontakt/")
    assert soup.find("h1").get_text() == "Kontakt"
    groups = [
        (
            group.find("h2").get_text(),
            [card["id"] for card in group.select(".contact-card")],
        )
        for group in soup.select("section.contact-group")
    ]
    assert groups == [
        ("Adda Kompetens", ["tommy-eriksson", "julia-larsson"]),  # by family name
        ("Digitala Västerbotten, Region Västerbotten", ["lars-eriksson"]),
        ("Region Västerbotten", ["andreas-skog"]),
        ("Skellefteå kommun", ["marie-larsson"]),
    ]
    assert all(card.find("h3") for card in soup.select(".contact-card"))
    assert not soup.select(".contact-card a.u-url"), "no link from the page to itself"
    assert soup.find("a", attrs={"aria-current": "page"})["href"] == "/kontakt/"
    assert len(people(soup)) == 5
    assert f"<loc>{PUBLIC_URL}/kontakt/</loc>" in sample_build.text("sitemap.xml")


def test_every_card_link_leads_to_a_card_on_the_contacts_page(sample_build):
    anchors = {card["id"] for card in sample_build.html("kontakt/").select(".contact-card")}
    links = []
    for path in sample_build.output.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for card in soup.select(".contact-card"):
            if card.get("id"):
                continue
            link = card.find("a", class_="u-url")
            assert link is not None, f"a card without a link to /kontakt/ in {path}"
            links.append(link["href"])
    assert len(links) >= 6
    assert {href.removeprefix("/kontakt/#") for href in links} <= anchors


def test_organisations_sort_in_swedish_order_and_people_by_family_name(site):
    for contact_id, name, org in [
        ("a", "Örjan Ek", "Örebro kommun"),
        ("b", "Åsa Berg", "Åre kommun"),
        ("c", "Ärla Ask", "Ängelholms kommun"),
        ("d", "Zara Zetterlund", "Zenit AB"),
        ("e", "Elin Öst", "Adda"),
        ("f", "Bo Ahl", "Adda"),
        ("g", "Emil Ödman", "Adda"),
    ]:
        site.write(f"contacts/{contact_id}.yml", f"name: {name}\norganization: {org}\n")
    site.write("contacts/h.yml", "name: Utan Organisation\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    soup = result.html("kontakt/")
    groups = [
        (g.find("h2").get_text(), [c["id"] for c in g.select(".contact-card")])
        for g in soup.select("section.contact-group")
    ]
    assert groups == [
        ("Adda", ["f", "g", "e"]),  # Ahl, Ödman, Öst
        ("Zenit AB", ["d"]),
        ("Åre kommun", ["b"]),
        ("Ängelholms kommun", ["c"]),
        ("Örebro kommun", ["a"]),
        ("Övriga kontakter", ["h"]),
    ]


@pytest.mark.parametrize(
    "words",
    [
        ["Adda", "Zenit", "Åre", "Ängelholm", "Örebro"],
        ["Region Västerbotten", "Regionen"],
        ["Ericsson", "Erikson", "Eriksson"],
        ["Mueller", "Müller", "Myrén"],  # ü sorts as y
        ["Ekström", "Émile", "Eriksson"],  # é sorts as e
    ],
)
def test_swedish_sort_key(words):
    assert sorted(reversed(words), key=swedish_sort_key) == words


def test_directory_by_id_and_json_ld_for_chosen_contacts():
    cards = [ContactCard("b", "Bo Ahl"), ContactCard("a", "Anna Berg", organization="X")]
    directory = ContactDirectory(cards, PUBLIC_URL)
    assert "a" in directory and "z" not in directory
    assert [c.id for c in directory.cards(["a", "b", "a"])] == ["a", "b"]
    assert [c.id for c in directory] == ["b", "a"]  # Ahl before Berg
    graph = directory.json_ld(["a"])["@graph"]
    assert graph == [
        {
            "@type": "Person",
            "@id": f"{PUBLIC_URL}/kontakt/#a",
            "name": "Anna Berg",
            "url": f"{PUBLIC_URL}/kontakt/#a",
            "worksFor": {"@type": "Organization", "name": "X"},
        }
    ]
    assert directory.json_ld([])["@graph"] == []


# ---------------------------------------------------------------- vCards
def read_vcard(build, contact_id: str):
    data = (build.output / "kontakter" / f"{contact_id}.vcf").read_bytes()
    text = data.decode("utf-8")
    assert text.count("\r\n") == text.count("\n"), "every line ends in CRLF"
    return vobject.readOne(text)


def test_sample_vcard_parses_with_name_organisation_title_phones_and_email(sample_build):
    card = read_vcard(sample_build, "tommy-eriksson")
    assert card.fn.value == "Tommy Eriksson"
    assert (card.n.value.family, card.n.value.given) == ("Eriksson", "Tommy")
    assert card.org.value == ["Adda Kompetens"]
    assert card.title.value == "Rådgivare"
    assert [(t.value, t.params["TYPE"]) for t in card.tel_list] == [
        ("+46 8 709 59 81", ["WORK", "VOICE"]),
        ("+46 70 527 59 81", ["CELL"]),
    ]
    assert card.email.value == "tommy.eriksson@example.se"
    assert card.photo.value == f"{PUBLIC_URL}/images/kontakter/tommy-eriksson.png"
    assert card.url.value == f"{PUBLIC_URL}/kontakt/#tommy-eriksson"


def test_sample_vcard_with_email(sample_build):
    card = read_vcard(sample_build, "andreas-skog")
    assert card.email.value == "andreas.skog@regionvasterbotten.se"
    assert card.email.params["TYPE"] == ["INTERNET"]
    assert [t.value for t in card.tel_list] == ["+46 73 819 08 63"]
    assert card.org.value == ["Region Västerbotten"]
    assert card.title.value == "Projektledare digital kompetens"


def test_every_contact_has_a_vcard_that_matches_its_card(sample_build):
    files = sorted(p.stem for p in (sample_build.output / "kontakter").glob("*.vcf"))
    assert files == [
        "andreas-skog",
        "julia-larsson",
        "lars-eriksson",
        "marie-larsson",
        "tommy-eriksson",
    ]
    page = sample_build.html("kontakt/")
    for contact_id in files:
        card = read_vcard(sample_build, contact_id)
        html = page.find(id=contact_id)
        assert card.fn.value == html.find(class_="p-name").get_text()
        assert card.org.value == [html.find(class_="p-org").get_text()]


def test_vcard_with_every_field_from_a_site(site):
    site.write_bytes("images/anna.png", PNG)
    site.write_bytes("images/bo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    site.write(
        "contacts/anna-berg.yml",
        """
        name: Anna Berg
        role: Chef för kvalitet, förnyelse; och IT
        organization: Digitala Västerbotten, Region Västerbotten
        phone: [08-709 59 81 ankn. 12, 070-527 59 81, +47 22 12 34 56]
        email: anna.berg@example.se
        image: images/anna.png
        image_alt: Anna Berg i kavaj
        """,
    )
    site.write("contacts/bo.yml", "name: Bo Ek\nimage: images/bo.svg\nimage_alt: Bo Ek\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    card = read_vcard(result, "anna-berg")
    assert card.title.value == "Chef för kvalitet, förnyelse; och IT"
    assert card.org.value == ["Digitala Västerbotten, Region Västerbotten"]
    assert [(t.value, t.params["TYPE"]) for t in card.tel_list] == [
        ("+46 8 709 59 81 ext. 12", ["WORK", "VOICE"]),
        ("+46 70 527 59 81", ["CELL"]),
        ("+47 22 12 34 56", ["WORK", "VOICE"]),
    ]
    assert card.email.value == "anna.berg@example.se"
    assert card.photo.value == f"{PUBLIC_URL}/images/anna.png"
    # Contact apps do not show SVG; the portrait stays on the web page only.
    assert "photo" not in read_vcard(result, "bo").contents
    links = [
        (a["href"], a.get_text())
        for a in result.html("kontakt/").find(id="anna-berg").select("a.u-tel")
    ]
    assert links == [
        ("tel:+4687095981;ext=12", "08-709 59 81 ankn. 12"),
        ("tel:+46705275981", "070-527 59 81"),
        ("tel:+4722123456", "+47 22 12 34 56"),
    ]


def test_hosts_are_told_to_send_vcards_as_text_vcard(sample_build):
    assert "AddType text/vcard .vcf" in sample_build.text(".htaccess")
    assert "AddCharset utf-8 .vcf" in sample_build.text(".htaccess")
    headers = sample_build.text("_headers")
    assert "/kontakter/*\n  Content-Type: text/vcard; charset=utf-8\n" in headers


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_local_preview_server_sends_vcards_as_text_vcard(sample_build):
    # What `invoke serve` runs: Pelican's --listen, with the plugin loaded.
    port = free_port()
    root = sample_build.output.parent
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pelican",
            "--listen",
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "-s",
            "pelicanconf.py",
            "-o",
            str(sample_build.output),
        ],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/kontakter/tommy-eriksson.vcf"
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    content_type = response.headers["Content-Type"]
                    body = response.read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert content_type == "text/vcard; charset=utf-8"
    assert body.startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")


# ---------------------------------------------------------------- machine-readable data
def test_hcard_is_read_by_a_microformats_parser(sample_build):
    html = sample_build.text(ARTICLE + "index.html")
    parsed = mf2py.parse(doc=html, url=f"{PUBLIC_URL}/{ARTICLE}")
    cards = [item for item in parsed["items"] if item["type"] == ["h-card"]]
    assert len(cards) == 1
    props = cards[0]["properties"]
    assert props["name"] == ["Tommy Eriksson"]
    assert props["job-title"] == ["Rådgivare"]
    assert props["org"] == ["Adda Kompetens"]
    assert props["tel"] == ["tel:+4687095981", "tel:+46705275981"]
    [photo] = props["photo"]
    assert photo["alt"] == "Porträtt av Tommy Eriksson"
    assert photo["value"].startswith(f"{PUBLIC_URL}/bilder/")
    assert props["url"] == [f"{PUBLIC_URL}/kontakt/#tommy-eriksson"]


def test_hcard_email(sample_build):
    parsed = mf2py.parse(doc=sample_build.text("kontakt/index.html"), url=f"{PUBLIC_URL}/kontakt/")
    by_name = {item["properties"]["name"][0]: item["properties"] for item in parsed["items"]}
    assert by_name["Marie Larsson"]["email"] == ["mailto:marie.larsson@skelleftea.se"]
    assert len(by_name) == 5


def test_json_ld_person_with_works_for_and_contact_points(sample_build):
    soup = sample_build.html(ARTICLE)
    (person,) = people(soup)
    assert person == {
        "@type": "Person",
        "@id": f"{PUBLIC_URL}/kontakt/#tommy-eriksson",
        "name": "Tommy Eriksson",
        "url": f"{PUBLIC_URL}/kontakt/#tommy-eriksson",
        "jobTitle": "Rådgivare",
        "worksFor": {"@type": "Organization", "name": "Adda Kompetens"},
        "telephone": "+4687095981",
        "email": "tommy.eriksson@example.se",
        "image": f"{PUBLIC_URL}/images/kontakter/tommy-eriksson.png",
        "contactPoint": [
            {"@type": "ContactPoint", "contactType": "Telefon", "telephone": "+4687095981"},
            {"@type": "ContactPoint", "contactType": "Mobil", "telephone": "+46705275981"},
            {
                "@type": "ContactPoint",
                "contactType": "E-post",
                "email": "tommy.eriksson@example.se",
            },
        ],
    }
    script = soup.find("script", type="application/ld+json")
    assert script.find_parent("head") is not None
    two = {p["name"]: p for p in people(sample_build.html(ARTICLE_TWO))}
    assert two["Andreas Skog"]["email"] == "andreas.skog@regionvasterbotten.se"
    assert two["Andreas Skog"]["contactPoint"][-1] == {
        "@type": "ContactPoint",
        "contactType": "E-post",
        "email": "andreas.skog@regionvasterbotten.se",
    }


def test_every_phone_link_on_the_site_is_e164(sample_build):
    links = []
    for path in sample_build.output.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        links += [a["href"] for a in soup.find_all("a", href=re.compile(r"^\s*tel:", re.I))]
    assert len(links) >= 10
    assert [href for href in links if not E164_TEL.match(href)] == []
    for data_path in sample_build.output.rglob("*.html"):
        for data in json_ld(BeautifulSoup(data_path.read_text(encoding="utf-8"), "html.parser")):
            for number in re.findall(r'"telephone":\s*"([^"]*)"', json.dumps(data)):
                assert E164_TEL.match(f"tel:{number}"), number


# ---------------------------------------------------------------- validation
def errors_for(site: Site, text: str) -> list[str]:
    site.write("contacts/anna-berg.yml", text)
    result = site.build()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    return result.error_lines


NOT_SWEDISH = "(there is no such Swedish number: check the area code and the number of digits)"
HOW = (
    "(write it as dialled in Sweden, e.g. 08-709 59 81 or 070-527 59 81, "
    "or with a country code, e.g. +47 22 12 34 56)"
)


def test_a_bad_number_in_a_list_is_reported_with_its_index_and_line(site):
    assert errors_for(
        site,
        """
        name: Anna Berg
        phone:
          - 08-709 59 81
          - 08-709 59
        """,
    ) == [
        "content/contacts/anna-berg.yml:4: phone[1]: '08-709 59' is not a valid phone number "
        + NOT_SWEDISH
    ]


def test_every_bad_number_in_a_list_is_reported(site):
    assert errors_for(
        site,
        """
        name: Anna Berg
        phone:
          - ring mig
          - 070-527 59 81
          -
          - [08-709 59 81]
        """,
    ) == [
        f"content/contacts/anna-berg.yml:3: phone[0]: 'ring mig' is not a valid phone number {HOW}",
        "content/contacts/anna-berg.yml:5: phone[2]: is empty (write the number after the dash, "
        "or remove the line)",
        "content/contacts/anna-berg.yml:6: phone[3]: expected a phone number, found a list "
        "(write phone: 08-709 59 81, or a list: [08-709 59 81, 070-527 59 81])",
    ]


def test_a_single_bad_number_is_reported_as_phone(site):
    assert errors_for(site, "name: Anna Berg\nrole: Rådgivare\nphone: 0376-12 34 56\n") == [
        "content/contacts/anna-berg.yml:3: phone: '0376-12 34 56' is not a valid phone number "
        + NOT_SWEDISH
    ]


def test_a_bad_number_in_a_one_line_list(site):
    assert errors_for(site, "name: Anna Berg\nphone: [08-709 59 81, +999 123 456]\n") == [
        "content/contacts/anna-berg.yml:2: phone[1]: '+999 123 456' is not a valid phone number "
        f"(the country code +999 does not exist; {HOW[1:]}"
    ]


def test_numbers_are_kept_as_written_and_shown_the_swedish_way(site):
    site.write("contacts/anna-berg.yml", "name: Anna Berg\nphone: '+46771123456'\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    link = result.html("kontakt/").select_one("a.u-tel")
    assert (link["href"], link.get_text()) == ("tel:+46771123456", "0771-123 456")
