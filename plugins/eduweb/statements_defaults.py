"""Default texts of the accessibility statement and the privacy notice
(statements.py). A site writes only what differs in ACCESSIBILITY and
PRIVACY in pelicanconf.py.

Sources, read 2026-12-02 (re-check them when the law or the authority
changes; the supervising authority and its links are settings, so a change
needs no code):

- What a statement must contain (Digg's föreskrifter as Digg quotes them,
  and its guidance): https://www.digg.se/kunskap-och-stod/digital-tillganglighet/skapa-en-tillganglighetsredogorelse
  and https://www.digg.se/fragor-och-svar/digital-tillganglighet/vad-ska-en-tillganglighetsredogorelse-innehalla
  (organisation and site; "helt förenlig, delvis förenlig eller inte
  förenlig"; the content that is not accessible and why; when and how the
  site was assessed; the date of the last update; a way to tell the
  organisation; a link to DIGG's complaint service; content exempted as an
  oskäligt betungande anpassning (12 §) or outside the law (9 §)).
- The template's wording: https://www.digg.se/utveckling--innovation/digital-tillganglighet/tillganglighetsredogorelse
- The supervising authority is Myndigheten för digital förvaltning (Digg),
  appointed by förordning (2018:1938); its complaint service is
  https://www.digg.se/tdosanmalan (Digg: "Anmäl bristande tillgänglighet").
- Complaints about personal data go to Integritetsskyddsmyndigheten (IMY):
  https://www.imy.se/privatperson/utfora-arenden/lamna-ett-klagomal/
"""

# The wording Digg requires for the compliance status (sources above):
# the setting's word -> the statement's words.
COMPLIANCE = {
    "helt": "helt förenlig",
    "delvis": "delvis förenlig",
    "inte": "inte förenlig",
}

SUPERVISOR = {
    "name": "Myndigheten för digital förvaltning (Digg)",
    "short_name": "Digg",
    "complaint_url": "https://www.digg.se/tdosanmalan",
}

IMY = {
    "name": "Integritetsskyddsmyndigheten (IMY)",
    "complaint_url": "https://www.imy.se/privatperson/utfora-arenden/lamna-ett-klagomal/",
}

LAW = "lagen (2018:1937) om tillgänglighet till digital offentlig service"

# Processing of personal data, by key. A site lays its own over these key by
# key, adds new keys, or removes one with None. "statistik" is shown only
# when the site runs statistics (MATOMO).
PROCESSING = {
    "e-post": {
        "title": "När du skriver till oss",
        "purpose": (
            "Vi använder ditt namn, din e-postadress och det du skriver för att svara "
            "dig och handlägga ditt ärende."
        ),
        "legal_basis": (
            "Uppgift av allmänt intresse och rättslig förpliktelse "
            "(artikel 6.1 e och c i dataskyddsförordningen)."
        ),
        "retention": (
            "Så länge ärendet pågår. Det som är allmänna handlingar bevaras eller gallras "
            "enligt arkivlagen och vår dokumenthanteringsplan."
        ),
    },
    "anmalan": {
        "title": "När du anmäler dig till en utbildning",
        "purpose": (
            "Vi använder ditt namn, dina kontaktuppgifter och din organisation för att "
            "administrera utbildningen och kontakta dig om den."
        ),
        "legal_basis": "Uppgift av allmänt intresse (artikel 6.1 e i dataskyddsförordningen).",
        "retention": (
            "Till och med ett år efter att utbildningen har avslutats, om inte "
            "arkivlagen kräver att vi bevarar uppgifterna längre."
        ),
    },
    "statistik": {
        "title": "Besöksstatistik",
        "purpose": (
            "Om du har godkänt statistikcookies räknar vi besök och sidvisningar för att "
            "förbättra webbplatsen. Din IP-adress förkortas innan den sparas."
        ),
        "legal_basis": (
            "Ditt samtycke (artikel 6.1 a i dataskyddsförordningen). Du kan ändra eller "
            "återkalla det på sidan om cookies."
        ),
        "retention": "Statistiken sparas i högst 13 månader.",
    },
    "serverloggar": {
        "title": "När du besöker webbplatsen",
        "purpose": (
            "Webbservern sparar din IP-adress, tidpunkten och vilken sida du besökte, "
            "för att webbplatsen ska fungera och vara säker."
        ),
        "legal_basis": "Uppgift av allmänt intresse (artikel 6.1 e i dataskyddsförordningen).",
        "retention": "Loggarna raderas efter 30 dagar.",
    },
}
STATISTICS_PROCESSING = "statistik"

# Processors (personuppgiftsbiträden), by key, laid over like PROCESSING;
# every one needs a name, which only the site knows.
PROCESSORS = {
    "webbhotell": {"role": "Driftar webbservern som visar webbplatsen."},
    "git": {
        "role": (
            "Lagrar webbplatsens texter och historik, med namn och e-postadress för "
            "dem som skriver."
        )
    },
}

# The reader's rights (dataskyddsförordningen artikel 15–21), in order.
RIGHTS = [
    ("Rätt till tillgång", "Du kan få veta vilka uppgifter vi har om dig och få en kopia."),
    ("Rätt till rättelse", "Du kan få felaktiga uppgifter rättade."),
    (
        "Rätt till radering",
        "Du kan få dina uppgifter raderade, om vi inte måste spara dem enligt lag.",
    ),
    ("Rätt till begränsning", "Du kan begära att vi tills vidare slutar använda uppgifterna."),
    (
        "Rätt att göra invändningar",
        "Du kan invända mot att vi använder uppgifter som vi behandlar för en uppgift av "
        "allmänt intresse.",
    ),
    (
        "Rätt till dataportabilitet",
        "Du kan få uppgifter som du själv har lämnat, med ditt samtycke, i ett "
        "maskinläsbart format.",
    ),
]
