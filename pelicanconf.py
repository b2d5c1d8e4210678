"""Settings for building the site (local preview, tests and CI).

Addresses and publishing rules come from the content contract and are set by
the eduweb plugin; this file holds what belongs to the organisation.
"""

SITENAME = "Digitalt ledarskap"
SITE_DESCRIPTION = (
    "Utbildningar och nyheter om att leda digital omställning i kommuner och regioner."
)
ORGANIZATION = "Digitalt ledarskap"
# The public address. Links inside the site are root-relative (SITEURL stays
# empty); this is used where an absolute address is needed: feeds, sitemap,
# calendar files, canonical links and structured data.
PUBLIC_URL = "https://digitaltledarskap.example.se"
SITEURL = ""
FEED_DOMAIN = PUBLIC_URL

PATH = "content"
STATIC_PATHS = ["images"]
THEME = "theme"
TIMEZONE = "Europe/Stockholm"
DEFAULT_LANG = "sv"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["eduweb"]

NEWS_PER_PAGE = 10
HOME_NEWS_COUNT = 4

MENU = [
    ("Nyheter", "nyheter/"),
    ("Utbildningar", "utbildningar/"),
    ("Kalender", "kalender/"),
    ("Kontakt", "kontakt/"),
]
FOOTER_LINKS = [
    ("Om webbplatsen", "om-webbplatsen/"),
    ("Tillgänglighetsredogörelse", "tillganglighet/"),
    ("Cookies", "cookies/"),
]

# A build always starts from an empty folder, and replaces the output folder
# only when it has succeeded (see plugins/eduweb/staging.py).
DELETE_OUTPUT_DIRECTORY = False
CACHE_CONTENT = False
