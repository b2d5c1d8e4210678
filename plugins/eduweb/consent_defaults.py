"""Default texts and categories of the cookie consent (see consent.py).

A site without a CONSENT setting gets the Swedish set; "language": "en"
picks the English one. The categories declare the cookies of Matomo and of
YouTube's privacy-enhanced embeds, the two things the theme supports.
"""

DEFAULT_COOKIE_NAME = "samtycke"

TEXTS = {
    "sv": {
        "heading": "Cookies på {site}",
        "intro": (
            "Vi använder nödvändiga cookies för att webbplatsen ska fungera. "
            "Om du godkänner det använder vi också cookies för:"
        ),
        "change": (
            "Du kan ändra dig när som helst under Cookie-inställningar längst ner på varje sida."
        ),
        "more": "Läs mer om hur vi använder cookies",
        "accept": "Godkänn alla",
        "reject": "Endast nödvändiga",
        "settings": "Inställningar",
        "confirmed_all": "Du har godkänt alla cookies.",
        "confirmed_none": "Du har valt att bara tillåta nödvändiga cookies.",
        "confirmed_saved": "Dina val om cookies är sparade.",
        "hide": "Dölj meddelandet",
        "dialog_title": "Cookie-inställningar",
        "dialog_intro": (
            "Välj vilka cookies du tillåter. Nödvändiga cookies behövs för att "
            "webbplatsen ska fungera och går inte att stänga av."
        ),
        "always_on": "Alltid på",
        "cookie_list": "Visa vilka cookies ({count})",
        "save": "Spara val",
        "cancel": "Avbryt",
        "footer": "Cookie-inställningar",
        "embed_allow": "Tillåt och visa ({category})",
        "page_title": "Cookies",
        "page_summary": "Vilka cookies webbplatsen använder, varför och hur du ändrar ditt val.",
        "page_intro": (
            "En cookie (kaka) är en liten textfil som en webbplats sparar i din "
            "webbläsare. Enligt lagen om elektronisk kommunikation får vi bara spara "
            "eller läsa sådan information om du har samtyckt till det, utom när den "
            "behövs för att webbplatsen ska fungera. Här ser du alla cookies vi "
            "använder, grupperade efter ändamål."
        ),
        "page_choice_heading": "Ditt val",
        "page_choice": (
            "Ditt val sparas i cookien {cookie} i 12 månader. Sedan frågar vi igen, "
            "och likaså om vi ändrar vilka cookies vi använder. Du kan ändra eller "
            "återkalla ditt samtycke när som helst, lika enkelt som du gav det."
        ),
        "page_change": "Ändra cookie-inställningar",
        "page_nojs": (
            "JavaScript är avstängt i din webbläsare. Då sparar webbplatsen inga "
            "cookies och visar inget externt innehåll, så du behöver inte göra något val."
        ),
        "required": "Alltid på – kräver inte samtycke.",
        "optional": "Används bara om du har godkänt det.",
        "col_name": "Namn",
        "col_purpose": "Syfte",
        "col_lifetime": "Lagringstid",
        "col_provider": "Leverantör",
        "third_party": (
            "Cookies från tredje part sätts av leverantören på dess egen domän. Vi kan "
            "inte ta bort dem åt dig när du ändrar ditt val; det gör du i webbläsarens "
            "inställningar."
        ),
        "none": "Kategorin har inga cookies.",
        "third_party_mark": "tredje part",
        "version": "Version av cookieinformationen: {version}",
    },
    "en": {
        "heading": "Cookies on {site}",
        "intro": (
            "We use necessary cookies to make the site work. If you agree, we also use cookies for:"
        ),
        "change": (
            "You can change your mind at any time under Cookie settings at the foot of every page."
        ),
        "more": "Read more about how we use cookies",
        "accept": "Accept all",
        "reject": "Necessary only",
        "settings": "Settings",
        "confirmed_all": "You have accepted all cookies.",
        "confirmed_none": "You have chosen to allow necessary cookies only.",
        "confirmed_saved": "Your cookie choices have been saved.",
        "hide": "Hide this message",
        "dialog_title": "Cookie settings",
        "dialog_intro": (
            "Choose which cookies you allow. Necessary cookies make the site work "
            "and cannot be switched off."
        ),
        "always_on": "Always on",
        "cookie_list": "Show which cookies ({count})",
        "save": "Save choices",
        "cancel": "Cancel",
        "footer": "Cookie settings",
        "embed_allow": "Allow and show ({category})",
        "page_title": "Cookies",
        "page_summary": "Which cookies the site uses, why, and how to change your choice.",
        "page_intro": (
            "A cookie is a small text file a website stores in your browser. Under "
            "Swedish law (the Electronic Communications Act) we may only store or "
            "read such information with your consent, unless it is needed for the "
            "site to work. Here are all the cookies we use, grouped by purpose."
        ),
        "page_choice_heading": "Your choice",
        "page_choice": (
            "Your choice is kept in the cookie {cookie} for 12 months. Then we ask "
            "again, and also if we change which cookies we use. You can change or "
            "withdraw your consent at any time, as easily as you gave it."
        ),
        "page_change": "Change cookie settings",
        "page_nojs": (
            "JavaScript is turned off in your browser. The site then stores no cookies "
            "and shows no external content, so there is no choice to make."
        ),
        "required": "Always on – no consent needed.",
        "optional": "Used only if you have agreed.",
        "col_name": "Name",
        "col_purpose": "Purpose",
        "col_lifetime": "Kept for",
        "col_provider": "Provider",
        "third_party": (
            "Third-party cookies are set by the provider on its own domain. We cannot "
            "remove them for you when you change your choice; you can do so in your "
            "browser's settings."
        ),
        "none": "This category sets no cookies.",
        "third_party_mark": "third party",
        "version": "Version of this cookie information: {version}",
    },
}

_MATOMO_COOKIES_SV = [
    {
        "name": "_pk_id.*",
        "purpose": "Känner igen din webbläsare mellan besök med ett slumpat id.",
        "lifetime": "13 månader",
        "provider": "Matomo, på vår egen server",
    },
    {
        "name": "_pk_ses.*",
        "purpose": "Håller ihop sidvisningarna under ett besök.",
        "lifetime": "30 minuter",
        "provider": "Matomo, på vår egen server",
    },
    {
        "name": "_pk_ref.*",
        "purpose": "Sparar vilken webbplats du kom från.",
        "lifetime": "6 månader",
        "provider": "Matomo, på vår egen server",
    },
    {
        "name": "_pk_testcookie.*",
        "purpose": "Kontrollerar att webbläsaren tar emot cookies.",
        "lifetime": "Tas bort direkt",
        "provider": "Matomo, på vår egen server",
    },
]
_YOUTUBE_COOKIES = [
    ("VISITOR_INFO1_LIVE", "6 månader", "6 months"),
    ("VISITOR_PRIVACY_METADATA", "6 månader", "6 months"),
    ("YSC", "Tills du stänger webbläsaren", "Until you close the browser"),
]

CATEGORIES = {
    "sv": {
        "nodvandiga": {
            "label": "Nödvändiga",
            "description": (
                "Behövs för att webbplatsen ska fungera och för att komma ihåg ditt "
                "val om cookies. De kräver inte samtycke."
            ),
            "cookies": [
                {
                    "name": DEFAULT_COOKIE_NAME,
                    "purpose": "Sparar vilka cookies du har godkänt och när du gjorde ditt val.",
                    "lifetime": "12 månader",
                    "provider": "Den här webbplatsen",
                }
            ],
        },
        "statistik": {
            "label": "Statistik",
            "summary": "hjälper oss att se hur webbplatsen används, så att vi kan förbättra den",
            "description": (
                "Hjälper oss att förstå hur webbplatsen används, till exempel vilka "
                "sidor som besöks mest, så att vi kan förbättra den. Vi använder "
                "Matomo på vår egen server och delar inte uppgifterna med någon annan."
            ),
            "cookies": _MATOMO_COOKIES_SV,
        },
        "externt-innehall": {
            "label": "Externt innehåll",
            "summary": "visar videor från YouTube direkt på sidorna",
            "description": (
                "Visar innehåll från andra webbplatser, till exempel videor från "
                "YouTube. När du spelar en video kan YouTube (Google) sätta cookies "
                "och spara uppgifter i din webbläsare. Utan samtycke visas en länk "
                "till videon i stället."
            ),
            "frame_src": ["https://www.youtube-nocookie.com"],
            "cookies": [
                {
                    "name": name,
                    "purpose": "Sätts av YouTube när du spelar en video, bland annat "
                    "för att räkna visningar och anpassa uppspelningen.",
                    "lifetime": lifetime,
                    "provider": "YouTube (Google)",
                    "third_party": True,
                }
                for name, lifetime, _en in _YOUTUBE_COOKIES
            ],
        },
    },
    "en": {
        "nodvandiga": {
            "label": "Necessary",
            "description": (
                "Needed for the site to work and to remember your cookie choice. "
                "They do not need consent."
            ),
            "cookies": [
                {
                    "name": DEFAULT_COOKIE_NAME,
                    "purpose": "Remembers which cookies you accepted and when you chose.",
                    "lifetime": "12 months",
                    "provider": "This website",
                }
            ],
        },
        "statistik": {
            "label": "Statistics",
            "summary": "help us see how the site is used, so that we can improve it",
            "description": (
                "Help us understand how the site is used, for example which pages "
                "are visited most, so that we can improve it. We use Matomo on our "
                "own server and share the data with no one."
            ),
            "cookies": [
                {
                    "name": "_pk_id.*",
                    "purpose": "Recognises your browser between visits with a random id.",
                    "lifetime": "13 months",
                    "provider": "Matomo, on our own server",
                },
                {
                    "name": "_pk_ses.*",
                    "purpose": "Groups the pages you view during one visit.",
                    "lifetime": "30 minutes",
                    "provider": "Matomo, on our own server",
                },
                {
                    "name": "_pk_ref.*",
                    "purpose": "Remembers which site you came from.",
                    "lifetime": "6 months",
                    "provider": "Matomo, on our own server",
                },
                {
                    "name": "_pk_testcookie.*",
                    "purpose": "Checks that the browser accepts cookies.",
                    "lifetime": "Removed at once",
                    "provider": "Matomo, on our own server",
                },
            ],
        },
        "externt-innehall": {
            "label": "External content",
            "summary": "show videos from YouTube on the pages",
            "description": (
                "Shows content from other sites, such as videos from YouTube. When "
                "you play a video, YouTube (Google) may set cookies and store data in "
                "your browser. Without consent, a link to the video is shown instead."
            ),
            "frame_src": ["https://www.youtube-nocookie.com"],
            "cookies": [
                {
                    "name": name,
                    "purpose": "Set by YouTube when you play a video, among other "
                    "things to count views and adapt playback.",
                    "lifetime": lifetime,
                    "provider": "YouTube (Google)",
                    "third_party": True,
                }
                for name, _sv, lifetime in _YOUTUBE_COOKIES
            ],
        },
    },
}
