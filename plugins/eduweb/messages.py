"""Every text the build shows a writer, in Swedish and in English.

Writers read Swedish; developers may set `MESSAGES_LANGUAGE = "en"` in the
settings to get the English texts. A message is looked up by key and filled
in with named values:

    text("date.not_a_date", value="2024-13-03")
    -> "'2024-13-03' är inget datum (skriv ÅÅÅÅ-MM-DD, t.ex. 2024-06-03)"

The key names the rule, so a test can hold every key to a row in the
table of messages (tests/test_messages.py): a message that no test shows
in Swedish is a defect. Values are inserted with str.format on the
template only, so braces in a writer's text are never read as placeholders.
Write a value that quotes what the writer wrote with `quote()`, so every
message shows it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"


@dataclass(frozen=True)
class Message:
    sv: str
    en: str


# Grouped by where the rule lives; add a key to the group of its module.
CATALOGUE: dict[str, Message] = {
    # ------------------------------------------------------------- summary
    "summary.problems": Message(
        sv="{problems} i {files}; inget byggdes och den publicerade webbplatsen är orörd",
        en="{problems} in {files}; nothing was built and the previous output was left as it was",
    ),
    # ------------------------------------------------------------- scaffold
    # New files from `invoke new-article "Titel"` and its siblings (scaffold.py).
    "scaffold.created": Message(
        sv=(
            "Skapade {path}: öppna filen och fyll i fälten "
            "(ovanför varje fält står vad det är till för)"
        ),
        en="Created {path}: open it and fill in the fields (a comment above each says what for)",
    ),
    "scaffold.exists": Message(
        sv=(
            "{path} finns redan och skrevs inte över "
            "(välj en annan titel, eller öppna filen och ändra i den)"
        ),
        en=(
            "{path} already exists and was left as it was "
            "(choose another title, or open the file and edit it)"
        ),
    ),
    "scaffold.cannot_write": Message(
        # The system's reason is in English, so the Swedish text does without it.
        sv="{path} kunde inte skrivas (kontrollera att {folder} är en mapp som du får skriva i)",
        en="{path} could not be written ({reason}; check that {folder} is a writable folder)",
    ),
    "scaffold.taken": Message(
        sv="adressen {address} används redan av {other} (välj en annan titel)",
        en="the address {address} is already taken by {other} (choose another title)",
    ),
    "scaffold.reserved": Message(
        sv=(
            "titeln {title} ger adressen {address}, som webbplatsen redan använder själv "
            "(välj en annan titel)"
        ),
        en=(
            "the title {title} gives the address {address}, which the site uses itself "
            "(choose another title)"
        ),
    ),
    "scaffold.no_slug": Message(
        sv=(
            "titeln {title} har inga bokstäver eller siffror att göra ett filnamn av "
            '(skriv t.ex. "Nytt program")'
        ),
        en=(
            "the title {title} has no letters or digits to make a file name of "
            '(write e.g. "Nytt program")'
        ),
    ),
    "scaffold.no_title": Message(
        sv=(
            "titeln saknas (skriv den inom citattecken, "
            't.ex. invoke new-{command} "Eskilstuna satsar på chefer")'
        ),
        en=(
            "the title is missing (write it in quotes, "
            'e.g. invoke new-{command} "Eskilstuna satsar på chefer")'
        ),
    ),
    "scaffold.usage": Message(
        sv=(
            "skriv: python -m eduweb.scaffold article|programme|contact|page "
            '"Titel" [inställningsfil]'
        ),
        en=(
            "usage: python -m eduweb.scaffold article|programme|contact|page "
            '"Title" [settings file]'
        ),
    ),
    # ----------------------------------------- old addresses (aliases) and
    # the check of the published site's addresses (model.py, content_index.py,
    # redirects.py)
    "alias.not_text": Message(
        sv="väntade en adress, hittade {value} (skriv en gammal adress per rad, t.ex. "
        "- /nyheter/2023/gammal-rubrik/)",
        en="expected an address, found {value} (write one old address per line, e.g. "
        "- /nyheter/2023/gammal-rubrik/)",
    ),
    "alias.bad_character": Message(
        sv="{value} innehåller {what}, som en adress inte kan ha (kopiera adressen från "
        "webbläsarens adressfält, t.ex. /nyheter/2023/gammal-rubrik/)",
        en="{value} contains {what}, which an address cannot have (copy the address from "
        "the browser's address bar, e.g. /nyheter/2023/gammal-rubrik/)",
    ),
    "alias.has_host": Message(
        sv="{value} har ett domännamn; skriv bara delen efter domännamnet, med / först "
        "(t.ex. /nyheter/2023/gammal-rubrik/)",
        en="{value} has a host name; write only the part after it, starting with / "
        "(e.g. /nyheter/2023/gammal-rubrik/)",
    ),
    "alias.not_path": Message(
        sv="{value} är ingen adress på webbplatsen (skriv den med / först och utan tomma "
        "delar som //, t.ex. /nyheter/2023/gammal-rubrik/)",
        en="{value} is not an address on this site (write it starting with / and without "
        "empty parts such as //, e.g. /nyheter/2023/gammal-rubrik/)",
    ),
    "alias.dot_segment": Message(
        sv="{value} innehåller . eller .. som en del av adressen (skriv hela adressen utan "
        "dem, t.ex. /nyheter/2023/gammal-rubrik/)",
        en="{value} contains . or .. as a part of the address (write the whole address "
        "without them, e.g. /nyheter/2023/gammal-rubrik/)",
    ),
    "alias.query": Message(
        sv="{value} innehåller ? eller #; en gammal adress leds vidare utan dem (ta bort "
        "allt från ? eller #)",
        en="{value} contains ? or #; an old address is redirected without them (remove "
        "everything from the ? or #)",
    ),
    "alias.own_address": Message(
        sv="{value} är sidans egen adress (under aliases: skrivs bara gamla adresser som "
        "ska leda hit; ta bort raden)",
        en="{value} is the page's own address (aliases: lists only old addresses that "
        "lead here; remove the line)",
    ),
    "alias.taken": Message(
        sv="{value} är adressen till {other}, så den kan inte leda hit (ta bort raden)",
        en="{value} is the address of {other}, so it cannot lead here (remove the line)",
    ),
    "alias.tag_page": Message(
        sv="{value} är adressen till en ämnessida som finns, så den kan inte leda hit "
        "(ta bort raden)",
        en="{value} is the address of an existing tag page, so it cannot lead here "
        "(remove the line)",
    ),
    "alias.reserved": Message(
        sv="{value} är en adress som webbplatsen själv använder (ta bort raden)",
        en="{value} is an address the site uses itself (remove the line)",
    ),
    "alias.claimed": Message(
        sv="{value} står redan under aliases: i {other}; en gammal adress kan bara leda "
        "till en sida (ta bort den ena raden)",
        en="{value} is already under aliases: in {other}; an old address can lead to one "
        "page only (remove one of the lines)",
    ),
    "alias.repeated": Message(
        sv="{value} står redan på rad {line} (ta bort den ena raden)",
        en="{value} is already on line {line} (remove one of the lines)",
    ),
    "addresses.dropped": Message(
        sv="{address} finns på den publicerade webbplatsen men försvinner med det här "
        "bygget, och ingen omdirigering leder vidare (skriv den under aliases: i sidan som "
        "ersätter den: aliases: [{address}])",
        en="{address} is on the published site but would disappear with this build, and "
        "nothing redirects it (list it under aliases: in the page that replaced it: "
        "aliases: [{address}])",
    ),
    "addresses.summary": Message(
        sv="{count} publicerade adresser skulle sluta fungera; publicera inte förrän de "
        "leds vidare",
        en="{count} published addresses would stop working; do not deploy until they are "
        "redirected",
    ),
    "addresses.ok": Message(
        sv="Alla {count} adresser i {sitemap} finns kvar eller leds vidare.",
        en="All {count} addresses in {sitemap} are still there or redirected.",
    ),
    "addresses.unreachable": Message(
        sv="den publicerade webbplatsens {sitemap} gick inte att hämta ({reason}); "
        "kontrollera adressen, eller lägg till --allow-unreachable om webbplatsen aldrig "
        "har publicerats",
        en="the published site's {sitemap} could not be fetched ({reason}); check the "
        "address, or add --allow-unreachable if the site has never been published",
    ),
    "addresses.unreachable_allowed": Message(
        sv="{sitemap} gick inte att hämta ({reason}); fortsätter ändå "
        "(--allow-unreachable: första publiceringen)",
        en="{sitemap} could not be fetched ({reason}); going on "
        "(--allow-unreachable: the first deploy)",
    ),
    "addresses.bad_sitemap": Message(
        sv="{sitemap} är ingen sitemap som går att läsa ({reason})",
        en="{sitemap} is not a sitemap that can be read ({reason})",
    ),
    "addresses.no_settings": Message(
        sv="{settings} finns inte, så den publicerade webbplatsens adress (PUBLIC_URL) är "
        "okänd (ange den: --live https://www.example.se)",
        en="{settings} does not exist, so the published site's address (PUBLIC_URL) is "
        "unknown (give it: --live https://www.example.se)",
    ),
    "addresses.no_output": Message(
        sv="{output} finns inte eller är tomt (bygg webbplatsen först: invoke publish)",
        en="{output} does not exist or is empty (build the site first: invoke publish)",
    ),
    # ------------------------------------------- preview (eduweb/preview.py)
    "preview.serving": Message(
        sv="Webbplatsen visas på {url} (avsluta med Ctrl+C)",
        en="The site is served at {url} (stop with Ctrl+C)",
    ),
    "preview.rebuilt": Message(
        sv="{time} Webbplatsen byggdes om; öppna sidor laddas om av sig själva",
        en="{time} The site was rebuilt; open pages reload by themselves",
    ),
    "preview.failed": Message(
        sv="Sidan kunde inte byggas om: rätta raderna ovan och spara igen. "
        "Webbläsaren visar felen ovanpå den senaste versionen som gick att bygga.",
        en="The site could not be rebuilt: fix the lines above and save again. "
        "The browser shows them over the last version that built.",
    ),
    "preview.overlay_heading": Message(
        sv="Sidan kunde inte byggas om",
        en="The site could not be rebuilt",
    ),
    "preview.overlay_note": Message(
        sv="Du ser den senaste versionen som gick att bygga. Rätta det som står nedan och "
        "spara, så laddas sidan om av sig själv.",
        en="You are looking at the last version that built. Fix what is listed below and "
        "save; the page then reloads by itself.",
    ),
    "preview.overlay_hide": Message(sv="Dölj", en="Hide"),
    "preview.not_found": Message(sv="Sidan finns inte", en="Page not found"),
    "preview.cannot_listen": Message(
        sv="webbplatsen kan inte visas på {host}:{port}: {reason}",
        en="cannot serve the site at {host}:{port}: {reason}",
    ),
    "preview.port_busy": Message(
        sv="porten används redan av ett annat program (avsluta det, eller välj en annan "
        "port med --port, t.ex. --port 8001)",
        en="another program already uses the port (stop it, or choose another port "
        "with --port, e.g. --port 8001)",
    ),
    # ------------------------------------------------------------- deploy
    # deploy.py and the DEPLOY_* settings: read by the person publishing.
    "deploy.kind.new": Message(sv="ny", en="new"),
    "deploy.kind.changed": Message(sv="ändrad", en="changed"),
    "deploy.kind.deleted": Message(sv="tas bort", en="deleted"),
    "deploy.summary": Message(
        sv="Publicerat. Nya filer: {new}, ändrade: {changed}, borttagna: {deleted}",
        en="Published. New files: {new}, changed: {changed}, deleted: {deleted}",
    ),
    "deploy.summary_dry_run": Message(
        sv="Provkörning, inget har ändrats. Skulle publiceras – nya filer: {new}, "
        "ändrade: {changed}, borttagna: {deleted}",
        en="Dry run, nothing was changed. Would be published – new files: {new}, "
        "changed: {changed}, deleted: {deleted}",
    ),
    "deploy.none": Message(
        sv="Webbplatsen är byggd men inte publicerad (välj --target rsync eller "
        "--target s3, eller skriv DEPLOY_TARGET i publishconf.py)",
        en="The site is built but not published (choose --target rsync or --target s3, "
        "or set DEPLOY_TARGET in publishconf.py)",
    ),
    "deploy.pinned_time": Message(
        sv="SOURCE_DATE_EPOCH={value} är satt, så webbplatsen byggdes för en fast "
        "tidpunkt och publiceras inte (ta bort variabeln, t.ex. unset SOURCE_DATE_EPOCH, "
        "och kör igen)",
        en="SOURCE_DATE_EPOCH={value} is set, so the site was built for a fixed moment "
        "and is not published (remove the variable, e.g. unset SOURCE_DATE_EPOCH, and "
        "run again)",
    ),
    "deploy.no_site": Message(
        sv="det finns ingen byggd webbplats i {folder} (kör invoke publish, som bygger först)",
        en="there is no built site in {folder} (run invoke publish, which builds first)",
    ),
    "deploy.rsync_target_missing": Message(
        sv="DEPLOY_RSYNC_TARGET saknas: skriv vart webbplatsen ska, t.ex. "
        "DEPLOY_RSYNC_TARGET = 'webb@server.example.se:/var/www/webbplats' i "
        "publishconf.py, eller sätt miljövariabeln DEPLOY_RSYNC_TARGET",
        en="DEPLOY_RSYNC_TARGET is missing: write where the site goes, e.g. "
        "DEPLOY_RSYNC_TARGET = 'web@server.example.se:/var/www/site' in publishconf.py, "
        "or set the environment variable DEPLOY_RSYNC_TARGET",
    ),
    "deploy.rsync_missing": Message(
        sv="programmet rsync finns inte på den här datorn (installera det, t.ex. "
        "apt-get install rsync openssh-client)",
        en="the rsync program is not installed here (install it, e.g. "
        "apt-get install rsync openssh-client)",
    ),
    "deploy.rsync_failed": Message(
        sv="det gick inte att publicera till {target}: {detail} (webbplatsen på servern "
        "är oförändrad om inget hann skickas; kontrollera adress, port, nyckel och "
        "DEPLOY_SSH_KNOWN_HOSTS)",
        en="publishing to {target} failed: {detail} (the site on the server is unchanged "
        "if nothing was sent; check the address, port, key and DEPLOY_SSH_KNOWN_HOSTS)",
    ),
    "deploy.s3_bucket_missing": Message(
        sv="DEPLOY_S3_BUCKET saknas: skriv namnet på lagringsbehållaren (bucket), t.ex. "
        "DEPLOY_S3_BUCKET = 'webbplats' i publishconf.py, eller sätt miljövariabeln "
        "DEPLOY_S3_BUCKET",
        en="DEPLOY_S3_BUCKET is missing: write the bucket's name, e.g. "
        "DEPLOY_S3_BUCKET = 'site' in publishconf.py, or set the environment variable "
        "DEPLOY_S3_BUCKET",
    ),
    "deploy.s3_failed": Message(
        sv="det gick inte att publicera till lagringsbehållaren {bucket}: {detail} "
        "(kontrollera DEPLOY_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID och AWS_SECRET_ACCESS_KEY)",
        en="publishing to the bucket {bucket} failed: {detail} (check "
        "DEPLOY_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)",
    ),
    "deploy.setting.target": Message(
        sv="{value} är inget sätt att publicera (skriv 'rsync', 's3' eller 'none')",
        en="{value} is not a way to publish (write 'rsync', 's3' or 'none')",
    ),
    "deploy.setting.rsync_target": Message(
        sv="{value} är ingen serveradress med mapp (skriv t.ex. "
        "'webb@server.example.se:/var/www/webbplats')",
        en="{value} is not a server address with a folder (write e.g. "
        "'web@server.example.se:/var/www/site')",
    ),
    "deploy.setting.port": Message(
        sv="{value} är inget portnummer (skriv ett heltal mellan 1 och 65535, t.ex. 22)",
        en="{value} is not a port number (write a whole number from 1 to 65535, e.g. 22)",
    ),
    "deploy.setting.path": Message(
        sv="{value} är ingen sökväg till en fil (skriv t.ex. '~/.ssh/id_ed25519')",
        en="{value} is not a path to a file (write e.g. '~/.ssh/id_ed25519')",
    ),
    "deploy.setting.bucket": Message(
        sv="{value} är inget namn på en lagringsbehållare (3–63 små bokstäver a–z, "
        "siffror, punkt och bindestreck, t.ex. 'webbplats')",
        en="{value} is not a bucket name (3 to 63 lower-case letters a to z, digits, dots "
        "and hyphens, e.g. 'site')",
    ),
    "deploy.setting.endpoint": Message(
        sv="{value} är ingen adress till en lagringstjänst (skriv t.ex. "
        "'https://s3.eu-north-1.amazonaws.com', utan sökväg)",
        en="{value} is not the address of a storage service (write e.g. "
        "'https://s3.eu-north-1.amazonaws.com', without a path)",
    ),
    "deploy.setting.region": Message(
        sv="{value} är ingen region (skriv t.ex. 'eu-north-1', eller lämna tomt)",
        en="{value} is not a region (write e.g. 'eu-north-1', or leave it empty)",
    ),
    "deploy.setting.prefix": Message(
        sv="{value} är ingen mapp i lagringsbehållaren (skriv t.ex. 'webbplats/', "
        "utan / först, eller lämna tomt)",
        en="{value} is not a folder in the bucket (write e.g. 'site/', without a "
        "leading /, or leave it empty)",
    ),
    # ------------------------------------- the body's text (body_checks.py)
    "body.h1": Message(
        sv="{heading} blir en andra huvudrubrik: sidans titel (title:) är redan huvudrubriken "
        "(skriv ## {text} för en underrubrik)",
        en="{heading} makes a second main heading: the title (title:) is the page's main "
        "heading already (write ## {text} for a subheading)",
    ),
    "body.h1_underline": Message(
        sv="raden med === gör {heading} till en andra huvudrubrik: sidans titel är redan "
        "huvudrubriken (ta bort ===-raden och skriv ## före rubriken)",
        en="the line of === makes {heading} a second main heading: the title is the page's "
        "main heading already (remove the === line and write ## before the heading)",
    ),
    "body.box_not_indented": Message(
        sv="rutan {title} blir tom: texten i rutan ska skrivas på raderna under, med indrag "
        "med fyra mellanslag först på varje rad",
        en="the box {title} comes out empty: its text goes on the lines below, each "
        "indented with four spaces",
    ),
    "body.inline_script": Message(
        sv="<script> i texten stoppas av webbplatsens säkerhetsregler och körs inte i någon "
        "webbläsare (en film bäddas in som README visar; be annars en utvecklare om hjälp)",
        en="<script> in the text is blocked by the site's security rules in every browser "
        "(embed a video as the README shows; otherwise ask a developer)",
    ),
    "body.inline_style": Message(
        sv="<style> i texten stoppas av webbplatsens säkerhetsregler och gäller inte i någon "
        "webbläsare (ta bort det; utseendet sätts i webbplatsens stilmall, som en utvecklare "
        "kan ändra)",
        en="<style> in the text is blocked by the site's security rules in every browser "
        "(remove it; the look is set in the site's style sheet, which a developer can change)",
    ),
    "body.style_attribute": Message(
        sv="style= i texten stoppas av webbplatsens säkerhetsregler och gäller inte i någon "
        "webbläsare (ta bort det; utseendet sätts i webbplatsens stilmall, som en utvecklare "
        "kan ändra)",
        en="style= in the text is blocked by the site's security rules in every browser "
        "(remove it; the look is set in the site's style sheet, which a developer can change)",
    ),
    "body.event_handler": Message(
        sv="{attribute}= är ett skript, som webbplatsens säkerhetsregler stoppar i alla "
        "webbläsare (ta bort det; be en utvecklare om hjälp med det som ska hända)",
        en="{attribute}= is a script, which the site's security rules block in every browser "
        "(remove it; ask a developer for what should happen)",
    ),
    "body.javascript_link": Message(
        sv="en javascript:-länk är ett skript, som webbplatsens säkerhetsregler stoppar i alla "
        "webbläsare (länka till en adress, t.ex. /kontakt/ eller https://…)",
        en="a javascript: link is a script, which the site's security rules block in every "
        "browser (link to an address, e.g. /kontakt/ or https://…)",
    ),
    "body.picture_missing": Message(
        sv="bilden {path} finns inte (lägg bilden i content/images/ och skriv "
        "images/namn.jpg{hint})",
        en="the picture {path} does not exist (put it in content/images/ and write "
        "images/name.jpg{hint})",
    ),
    "body.picture_outside": Message(
        sv="bilden {path} ligger inte i content/images/ (lägg bilden där och skriv "
        "images/namn.jpg, räknat från mappen content/)",
        en="the picture {path} is not in content/images/ (put it there and write "
        "images/name.jpg, counted from the folder content/)",
    ),
    "body.file_missing": Message(
        sv="filen {path} finns inte (lägg filen i content/images/ eller rätta namnet{hint})",
        en="the file {path} does not exist (put it in content/images/ or correct the name{hint})",
    ),
    "body.page_missing": Message(
        sv="länken {path} går till en sida som inte finns på webbplatsen (skriv sidans adress "
        "från roten, t.ex. /utbildningar/namn/ eller /nyheter/2024/namn/{hint})",
        en="the link {path} goes to a page the site does not have (write the page's address "
        "from the root, e.g. /utbildningar/name/ or /nyheter/2024/name/{hint})",
    ),
    "body.page_unpublished": Message(
        sv="länken {url} går till {file}, som inte publiceras (den har status: draft eller ett "
        "datum längre fram; publicera den först eller ta bort länken)",
        en="the link {url} goes to {file}, which is not published (it has status: draft or a "
        "later date; publish it first or remove the link)",
    ),
    "body.anchor_missing": Message(
        sv="länken {url} pekar på #{anchor}, som inte finns på {page} ({hint})",
        en="the link {url} points to #{anchor}, which {page} does not have ({hint})",
    ),
    "body.anchor_hint": Message(
        sv="en rubrik får sitt #-namn av texten: ## Så ansöker du blir #sa-ansoker-du",
        en="a heading's # name comes from its text: ## Så ansöker du becomes #sa-ansoker-du",
    ),
    "body.anchor_close": Message(sv="menade du {value}?", en="did you mean {value}?"),
    "body.this_page": Message(sv="den här sidan", en="this page"),
    "body.that_page": Message(sv="sidan {path}", en="the page {path}"),
    "body.did_you_mean": Message(sv="; menade du {value}?", en="; did you mean {value}?"),
    # ------------------------------------ external links (links.py, nightly)
    "links.field": Message(sv="länk", en="link"),
    "links.status": Message(
        sv="{url} svarar {status} ({reason})",
        en="{url} answers {status} ({reason})",
    ),
    "links.moved": Message(
        sv="{url} har flyttat till {location} (byt till den nya adressen)",
        en="{url} has moved to {location} (change the link to the new address)",
    ),
    "links.timeout": Message(
        sv="{url} svarar inte inom {seconds} sekunder (kontrollera adressen i en webbläsare)",
        en="{url} does not answer within {seconds} seconds (try the address in a browser)",
    ),
    "links.unreachable": Message(
        sv="{url} går inte att nå ({reason}; kontrollera adressen i en webbläsare)",
        en="{url} cannot be reached ({reason}; try the address in a browser)",
    ),
    "links.too_many_redirects": Message(
        sv="skickas vidare för många gånger",
        en="redirected too many times",
    ),
    "links.summary": Message(
        sv="{total} externa länkar kontrollerade; {attention} behöver ses över",
        en="{total} external links checked; {attention} need attention",
    ),
}

_language = DEFAULT_LANGUAGE


def set_language(language: str | None) -> None:
    """Choose the language of every message from now on (None: Swedish)."""
    global _language
    _language = language if language in LANGUAGES else DEFAULT_LANGUAGE


def language() -> str:
    return _language


def text(key: str, **values: object) -> str:
    """The message `key` in the chosen language, with `values` filled in."""
    message = CATALOGUE[key]
    template = message.en if _language == "en" else message.sv
    return template.format(**values) if values else template


def quote(value: object) -> str:
    """What the writer wrote, as a message shows it: 'text' in single quotes,
    with control characters made visible (\\x0b)."""
    return repr(value)
