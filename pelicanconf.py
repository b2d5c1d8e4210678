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

# Cookie consent (plugins/eduweb/consent.py): every cookie the site may set,
# by category, for the banner, the settings dialog and the cookie page
# /cookies/. Change policy_version whenever a category or cookie changes:
# every reader is then asked again. "language": "en" switches the banner
# and the cookie page to the English text set (then write the categories
# in English too); single texts can be replaced under "texts".
_matomo_provider = "Digitalt ledarskap (Matomo på egen server)"
CONSENT = {
    "policy_version": "2026-11-01",
    "language": "sv",
    "categories": {
        "nodvandiga": {
            "label": "Nödvändiga",
            "description": (
                "Behövs för att webbplatsen ska fungera och för att komma ihåg ditt "
                "val om cookies. De kräver inte samtycke."
            ),
            "cookies": [
                {
                    "name": "samtycke",
                    "purpose": "Sparar vilka cookies du har godkänt och när du gjorde ditt val.",
                    "lifetime": "12 månader",
                    "provider": "Digitalt ledarskap",
                },
            ],
        },
        "statistik": {
            "label": "Statistik",
            "summary": "hjälper oss att se hur webbplatsen används, så att vi kan förbättra den",
            "description": (
                "Hjälper oss att förstå hur webbplatsen används, till exempel vilka sidor "
                "som besöks mest, så att vi kan förbättra den. Vi använder Matomo på vår "
                "egen server och delar inte uppgifterna med någon annan."
            ),
            "cookies": [
                {
                    "name": "_pk_id.*",
                    "purpose": "Känner igen din webbläsare mellan besök med ett slumpat id.",
                    "lifetime": "13 månader",
                    "provider": _matomo_provider,
                },
                {
                    "name": "_pk_ses.*",
                    "purpose": "Håller ihop sidvisningarna under ett besök.",
                    "lifetime": "30 minuter",
                    "provider": _matomo_provider,
                },
                {
                    "name": "_pk_ref.*",
                    "purpose": "Sparar vilken webbplats du kom från.",
                    "lifetime": "6 månader",
                    "provider": _matomo_provider,
                },
                {
                    "name": "_pk_testcookie.*",
                    "purpose": "Kontrollerar att webbläsaren tar emot cookies.",
                    "lifetime": "Tas bort direkt",
                    "provider": _matomo_provider,
                },
            ],
        },
        "externt-innehall": {
            "label": "Externt innehåll",
            "summary": "visar videor från YouTube direkt på sidorna",
            "description": (
                "Visar innehåll från andra webbplatser, till exempel videor från YouTube. "
                "När du spelar en video kan YouTube (Google) sätta cookies och spara "
                "uppgifter i din webbläsare. Utan samtycke visas en länk till videon i stället."
            ),
            # The hosts such content is loaded from (the Content-Security-Policy's frame-src).
            "frame_src": ["https://www.youtube-nocookie.com"],
            "cookies": [
                {
                    "name": name,
                    "purpose": (
                        "Sätts av YouTube när du spelar en video, bland annat för att "
                        "räkna visningar och anpassa uppspelningen."
                    ),
                    "lifetime": lifetime,
                    "provider": "YouTube (Google)",
                    "third_party": True,
                }
                for name, lifetime in [
                    ("VISITOR_INFO1_LIVE", "6 månader"),
                    ("VISITOR_PRIVACY_METADATA", "6 månader"),
                    ("YSC", "Tills du stänger webbläsaren"),
                ]
            ],
        },
    },
}
# Statistics with a self-hosted Matomo, started only after consent to
# "statistik". Remove (or set to None) to run no statistics at all.
MATOMO = {"url": "https://statistik.digitaltledarskap.example.se/", "site_id": 1}

# A build always starts from an empty folder, and replaces the output folder
# only when it has succeeded (see plugins/eduweb/staging.py).
DELETE_OUTPUT_DIRECTORY = False
CACHE_CONTENT = False
