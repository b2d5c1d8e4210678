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
# The plugin sets it to PUBLIC_URL; Pelican warns before that if it is unset.
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
    ("Personuppgifter", "personuppgifter/"),
    ("Cookies", "cookies/"),
]

# Cookie consent (plugins/eduweb/consent.py): every cookie the site may set,
# by category, for the banner, the settings dialog and the cookie page
# /cookies/. The categories and texts of plugins/eduweb/consent_defaults.py
# (nodvandiga, statistik, externt-innehall) apply; write here only what
# differs, per category and per key (a list such as "cookies" replaces the
# default list; a category set to None is removed). Change policy_version
# whenever a category or cookie changes: every reader is then asked again.
# "language": "en" switches to the English defaults.
_matomo_provider = "Digitalt ledarskap (Matomo på egen server)"
CONSENT = {
    "policy_version": "2026-11-01",
    "categories": {
        "nodvandiga": {
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
    },
}
# Statistics with a self-hosted Matomo, started only after consent to
# "statistik". Remove (or set to None) to run no statistics at all.
MATOMO = {"url": "https://statistik.digitaltledarskap.example.se/", "site_id": 1}

# The organisation's identity (plugins/eduweb/brand.py): the logo (an SVG or
# PNG file below content/ or theme/static/, shown in the header with ORGANIZATION as its
# text) and the colours of the light and dark schemes. Every pair the theme
# draws is checked at build time (WCAG 2.1 AA: 4.5:1 for text, 3:1 for
# edges and marks); a pair that fails stops the build. Leave out what the
# defaults do well.
BRAND = {
    "logo": "img/logo.svg",
    "light": {
        "primary": "#0b3a5b",
        "accent": "#0a7a6c",
        "background": "#ffffff",
        "text": "#1b1b1b",
    },
    "dark": {
        "primary": "#8cc4f0",
        "accent": "#4fc2b0",
        "background": "#121519",
        "text": "#e8eaed",
    },
}
# The address block in every page's footer; every key may be left out.
ORGANIZATION_CONTACT = {
    "address": ["Digitalt ledarskap", "Box 100", "100 00 Stockholm"],
    "email": "info@digitaltledarskap.example.se",
    "phone": "08-123 456 00",
    "org_number": "212000-0000",
}

# The web editor at /admin/ (Decap CMS): writers edit the files of content/
# in a form and each save is committed to the repository below (with
# "editorial_workflow", as a pull request that CI builds and a person merges).
# The form is made from the content contract: `invoke cms-config` writes it
# to theme/admin/config.yml. Sign-in is described in README.md: "github"
# needs the organisation's own OAuth proxy at base_url; "gitlab" and "gitea"
# need the id of an OAuth application as app_id (and "gitea" its server as
# base_url). Remove (or set to None) for no editor.
CMS = {
    "backend": "github",
    "repo": "organisation/webbplats",
    "branch": "main",
    "base_url": "https://cms-inloggning.example.se",
    "auth_endpoint": "auth",
    "editorial_workflow": True,
}

# The accessibility statement /tillganglighet/ (plugins/eduweb/statements.py),
# with every element the supervising authority (Digg) requires. "status" is
# "helt", "delvis" or "inte" (förenlig); what is not accessible is listed
# under "gaps" (with the WCAG criterion and when it will be fixed),
# "disproportionate_burden" (12 §, with the reason) and "out_of_scope" (9 §).
# Update "assessed", "method" and "updated" after every review.
ACCESSIBILITY = {
    "status": "delvis",
    "gaps": [
        {
            "description": "Inspelade webbinarier som länkas från nyheterna saknar ibland "
            "undertexter.",
            "criterion": "WCAG 1.2.2",
            "fix": "Vi textar alla nya inspelningar och de äldre senast 2027-06-30.",
        },
    ],
    "out_of_scope": [
        {
            "description": "Dokument i PDF-format som publicerades före den 23 september 2018.",
            "reason": "Lagen gäller inte dokument som publicerades före det datumet, om de inte "
            "behövs för att du ska kunna utföra ett ärende.",
        },
    ],
    "assessed": "2026-11-20",
    "method": "Vi har gjort en självskattning. Varje version granskas automatiskt med axe, "
    "Nu Html Checker och Lighthouse, och sidorna har testats manuellt med enbart "
    "tangentbord, med skärmläsare och med förstoring i webbläsaren.",
    "updated": "2026-11-23",
    "contact": {"email": "tillganglighet@example.se", "phone": "08-123 456 00"},
    "reply_time": "fem arbetsdagar",
}

# The privacy notice /personuppgifter/ (plugins/eduweb/statements.py). The
# purposes, legal bases, retention and rights of
# plugins/eduweb/statements_defaults.py apply; write here only what differs,
# per key ("processing": {"anmalan": None} removes one).
PRIVACY = {
    "controller": {
        "org_number": "212000-0000",
        "email": "registrator@example.se",
        "address": "Box 100, 100 00 Stockholm",
    },
    "dpo": {"email": "dataskyddsombud@example.se"},
    "updated": "2026-11-23",
    "processors": {
        "webbhotell": {"name": "Exempel Hosting AB", "country": "Sverige"},
        "git": {"name": "GitHub, Inc.", "country": "USA"},
    },
}

# "Sidansvarig" on articles, programmes and pages that do not name an owner
# of their own (owner: in the file). Default: ORGANIZATION.
CONTENT_OWNER = "Kommunikationsenheten"

# A build always starts from an empty folder, and replaces the output folder
# only when it has succeeded (see plugins/eduweb/staging.py).
DELETE_OUTPUT_DIRECTORY = False
CACHE_CONTENT = False

# The language of the build's messages: Swedish (the default) for the people
# who write the site; "en" gives the English texts, for developers.
# MESSAGES_LANGUAGE = "en"
