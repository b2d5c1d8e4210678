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
    # ------------------------------------ CMS local mode (eduweb/cms_local.py)
    # `invoke cms`: the terminal after a save, and the errors its API sends
    # the editor, which shows them to the writer.
    "cms_local.saved_ok": Message(
        sv="Sparade {path}: inga fel",
        en="Saved {path}: no problems",
    ),
    "cms_local.saved_problems": Message(
        sv="Sparade {path}, men webbplatsen kan inte byggas förrän raderna nedan är rättade "
        "(rätta i redigeringsverktyget och spara igen):",
        en="Saved {path}, but the site will not build until the lines below are fixed "
        "(fix them in the editor and save again):",
    ),
    "cms_local.path_refused": Message(
        sv="{path} kan inte ändras från redigeringsverktyget (bara filer i content/news, "
        "content/programmes, content/contacts, content/pages och content/images)",
        en="{path} cannot be changed from the editor (only files in content/news, "
        "content/programmes, content/contacts, content/pages and content/images)",
    ),
    "cms_local.not_found": Message(
        sv="{path} finns inte (den kan ha tagits bort; ladda om sidan)",
        en="{path} does not exist (it may have been deleted; reload the page)",
    ),
    "cms_local.bad_request": Message(
        sv="redigeringsverktyget skickade något som inte gick att läsa (ladda om sidan och "
        "försök igen)",
        en="the editor sent something that could not be read (reload the page and try again)",
    ),
    "cms_local.unknown_action": Message(
        sv="redigeringsverktyget bad om {action}, som inte finns här (ladda om sidan)",
        en="the editor asked for {action}, which does not exist here (reload the page)",
    ),
    "cms_local.wrong_host": Message(
        sv="öppna redigeringsverktyget på adressen som står i terminalen "
        "(http://127.0.0.1:…/admin/)",
        en="open the editor at the address shown in the terminal (http://127.0.0.1:…/admin/)",
    ),
    "cms_local.wrong_origin": Message(
        sv="bara redigeringsverktyget på den här datorn får spara filer (öppna det på "
        "adressen som står i terminalen)",
        en="only the editor on this computer may save files (open it at the address shown "
        "in the terminal)",
    ),
    "cms_local.too_large": Message(
        sv="filen är för stor för att sparas härifrån (högst 24 MB; gör bilden mindre)",
        en="the file is too large to save from here (at most 24 MB; make the picture smaller)",
    ),
    "cms_local.no_editor": Message(
        sv="{settings} har ingen inställning CMS, så webbplatsen har inget "
        "redigeringsverktyg (se README, avsnittet om redigeringsverktyget)",
        en="{settings} has no CMS setting, so the site has no editor (see the README's "
        "section on the editor)",
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
    "summary.problem_count": Message(sv="{count} problem", en="{count} problems"),
    "summary.one_problem": Message(sv="1 problem", en="1 problem"),
    "summary.file_count": Message(sv="{count} filer", en="{count} files"),
    "summary.one_file": Message(sv="1 fil", en="1 file"),
    "check.one_file": Message(
        sv="1 fil kontrollerad, inga problem", en="1 file checked, no problems found"
    ),
    "check.no_problems": Message(
        sv="{count} filer kontrollerade, inga problem",
        en="{count} files checked, no problems found",
    ),
    # ------------------------------ github_report.py: `check --github` in CI
    # The job summary of a pull request (a save in the web editor).
    "check.github.heading": Message(
        sv="Det här behöver rättas innan ändringen kan publiceras",
        en="To fix before the change can be published",
    ),
    "check.github.line": Message(sv="rad {line}", en="line {line}"),
    "check.github.next": Message(
        sv=(
            "Rätta raderna ovan och spara igen (i redigeringsverktyget eller i filen); "
            "då kontrolleras ändringen på nytt och en ny förhandsvisning byggs."
        ),
        en=(
            "Fix the lines above and save again (in the editor or in the file); the change "
            "is then checked again and a new preview is built."
        ),
    ),
    "check.github.passed": Message(
        sv="Innehållet är kontrollerat: inget att rätta", en="Content checked: nothing to fix"
    ),
    # ------------------------------------- where: the field part of a line
    "where.front_matter": Message(sv="fälten överst", en="front matter"),
    "where.file": Message(sv="filen", en="file"),
    "where.body": Message(sv="texten", en="body"),
    "where.environment": Message(sv="(miljövariabel)", en="(environment)"),
    # ------------------------------------------- frontmatter.py: the file's fields
    "file.no_front_matter": Message(
        sv="filen börjar inte med fälten (skriv --- på första raden, sedan fälten, "
        "t.ex. title: …, sedan en rad --- och sist texten)",
        en="the file does not start with front matter (make the first line ---, then the "
        "fields such as title: …, then a line ---, then the text)",
    ),
    "file.no_closing_fence": Message(
        sv="fälten överst i filen slutar aldrig med en rad --- (skriv en rad --- efter det "
        "sista fältet, före texten)",
        en="the front matter has no closing --- line (end the fields with a line ---)",
    ),
    "file.second_document": Message(
        sv="här står en rad --- mitt bland fälten (en rad --- får bara stå före det första "
        "fältet och efter det sista; ta bort den)",
        en="YAML syntax error: a second document starts here (a line --- is only allowed "
        "before the first field; remove it)",
    ),
    "file.not_fields": Message(
        sv="här ska det stå fält som namn: värde, ett på varje rad (t.ex. title: Rubrik)",
        en="expected fields written as name: value, one per line",
    ),
    "file.alias": Message(
        sv="*{anchor} upprepar ett värde som märkts med &{anchor}, och det går inte här "
        "(skriv ut hela värdet)",
        en="*{anchor} repeats a value marked &{anchor}, which the site does not support "
        "(write the value out in full)",
    ),
    "file.too_deep": Message(
        sv="är indraget i mer än {max} nivåer (webbplatsens fält har högst 5 nivåer; "
        "kontrollera indraget och hakparenteserna)",
        en="nested more than {max} levels deep (the fields of the site are nested at most "
        "5 levels; check the indentation and the brackets)",
    ),
    "file.bad_field_name": Message(
        sv="ett fältnamn ska vara vanlig text följd av ett kolon (t.ex. title:)",
        en="a field name must be plain text followed by a colon",
    ),
    "file.field_twice": Message(
        sv="står två gånger (behåll en av raderna)",
        en="written twice (keep one of the two lines)",
    ),
    "file.control_character": Message(
        sv="innehåller det osynliga tecknet {char}{where} (radera det och skriv om texten "
        "runt det; sådana tecken följer med text som klistrats in från Word eller en PDF)",
        en="contains the invisible character {char}{where} (delete it and retype the text "
        "around it; such characters come with text pasted from Word or a PDF)",
    ),
    "file.at_column": Message(sv=" i kolumn {column}", en=" at column {column}"),
    "yaml.tab": Message(
        sv="raden är indragen med tabb (dra in med mellanslag i stället)",
        en="YAML syntax error: {problem} ({hint})",
    ),
    "yaml.colon_in_value": Message(
        sv="värdet innehåller ': ' och måste då stå inom citattecken "
        '(skriv t.ex. title: "Nu: nästa steg")',
        en="YAML syntax error: {problem} ({hint})",
    ),
    "yaml.indented_too_far": Message(
        sv="raden är indragen mer än fältet ovanför (skriv fältet längst till vänster, "
        "eller dra in det lika mycket som de andra fälten i samma grupp)",
        en="YAML syntax error: {problem} ({hint})",
    ),
    "yaml.no_colon": Message(
        sv="raden saknar kolon (skriv varje fält som namn: värde, t.ex. title: Rubrik; "
        "en text som fortsätter på nästa rad dras in med mellanslag)",
        en="YAML syntax error: {problem} ({hint})",
    ),
    "yaml.list_item": Message(
        sv="listpunkten står fel (en lista skrivs under sitt fält, t.ex. tags: och under "
        "det raderna '  - Ledarskap', alla indragna lika mycket)",
        en="YAML syntax error: {problem} ({hint})",
    ),
    "yaml.text_after_quote": Message(
        sv="det står text efter det avslutande citattecknet (sätt citattecken runt hela "
        "värdet, eller ta bort dem)",
        en="YAML syntax error: {problem} ({hint})",
    ),
    "yaml.unclosed_quote": Message(
        sv="citattecknet som börjar på den här raden avslutas aldrig (avsluta värdet med "
        "samma citattecken, på samma rad)",
        en="YAML syntax error: {problem} ({hint})",
    ),
    "yaml.unclosed_bracket": Message(
        sv="{bracket} som börjar på den här raden stängs aldrig (avsluta med {closing} på "
        "samma rad, eller sätt värdet inom citattecken)",
        en="YAML syntax error: {problem} ({hint})",
    ),
    "yaml.square_bracket": Message(sv="hakparentesen [", en="["),
    "yaml.curly_bracket": Message(sv="klammerparentesen {", en="{"),
    "yaml.bad_start": Message(
        sv="ett värde kan inte börja med {char} (sätt värdet inom citattecken, "
        't.ex. title: "{char}…")',
        en="YAML syntax error: {problem} ({hint})",
    ),
    "yaml.other": Message(
        sv="fälten går inte att läsa här (kontrollera indraget, och sätt värden som "
        "innehåller ': ' eller börjar med [ {{ * & ! % @ # | > ' \" inom citattecken)",
        en="YAML syntax error: {problem} ({hint})",
    ),
    "yaml.hint_tab": Message(sv="dra in med mellanslag", en="indent with spaces, not tabs"),
    "yaml.hint_colon": Message(
        sv="sätt värdet inom citattecken",
        en='a value containing ": " must be in double quotes, e.g. title: "Nu: nästa steg"',
    ),
    "yaml.hint_no_colon": Message(sv="skriv namn: värde", en="every field is written name: value"),
    "yaml.hint_other": Message(
        sv="kontrollera indraget",
        en="check the indentation, and put values that contain ': ' or start with "
        "[ { * & ! % @ # | > ' \" in double quotes",
    ),
    # ------------------------------------------------ model.py: field values
    "value.list": Message(sv="en lista", en="a list"),
    "value.group": Message(sv="en grupp indragna fält", en="a group of indented fields"),
    "value.space": Message(sv="ett mellanslag", en="a space"),
    "value.character": Message(sv="tecknet {char}", en="{char}"),
    "example.date": Message(sv="ÅÅÅÅ-MM-DD", en="YYYY-MM-DD"),
    "field.not_text": Message(
        sv="här ska det stå text, men det står {found} (skriv {name}: och texten på samma rad)",
        en="expected text, found {found} (write {name}: followed by the text on the same line)",
    ),
    "field.required_empty": Message(
        sv="är tomt men måste fyllas i (skriv {name}: {example})",
        en="is empty (write {name}: {example})",
    ),
    "field.not_list": Message(
        sv="här ska det stå en lista, men det står {found} (skriv {name}: [första, andra] "
        "eller en rad '- …' för varje sak)",
        en="expected a list, found {found} (write {name}: [first, second] or one '- item' "
        "line per entry)",
    ),
    "field.not_a_date_value": Message(
        sv="här ska det stå ett datum, men det står {found} (skriv ÅÅÅÅ-MM-DD, t.ex. 2024-06-03)",
        en="expected a date, found {found} (write YYYY-MM-DD)",
    ),
    "field.not_a_time_value": Message(
        sv="här ska det stå en tid, men det står {found} (skriv TT:MM, t.ex. 13:00)",
        en="expected a time, found {found} (write HH:MM, e.g. 13:00)",
    ),
    "field.choice": Message(
        sv="{found} går inte att använda här (skriv {options})",
        en="{found} is not allowed (write {options})",
    ),
    "field.choice_guess": Message(
        sv="{found} går inte att använda här (menade du {guess}? skriv {options})",
        en="{found} is not allowed (did you mean {guess}? write {options})",
    ),
    "choices.publish_status": Message(
        sv="published eller draft, eller på svenska publicerad eller utkast",
        en="published or draft",
    ),
    "choices.round_status": Message(
        sv="open, few-places, full eller cancelled, eller på svenska öppen, få platser, "
        "fullbokad eller inställd",
        en="one of open, few-places, full, cancelled",
    ),
    "field.percent": Message(
        sv="{found} är inte ett heltal från 0 till 100 (skriv t.ex. booked_percent: 50)",
        en="{found} is not a whole number from 0 to 100 (write e.g. booked_percent: 50)",
    ),
    "field.url_character": Message(
        sv="{value!r} innehåller {what}, som en webbadress inte kan ha (kopiera adressen från "
        "webbläsarens adressfält, t.ex. https://www.example.se/anmalan)",
        en="{value!r} contains {what}, which a web address cannot have (copy the address "
        "from the browser's address bar, e.g. https://www.example.se/anmalan)",
    ),
    "field.not_url": Message(
        sv="{value!r} är ingen webbadress (skriv hela adressen, "
        "t.ex. https://www.example.se/anmalan)",
        en="{value!r} is not a web address (write the full address, "
        "e.g. https://www.example.se/anmalan)",
    ),
    "field.tag_without_letters": Message(
        sv="{value!r} har inga bokstäver eller siffror, så ämnessidan skulle inte få någon "
        "adress (skriv ett ord, t.ex. Digitalisering)",
        en="{value!r} has no letters or digits, so its tag page would have no address "
        "(write a word, e.g. Digitalisering)",
    ),
    "field.tag_too_long": Message(
        sv="är för långt för en adress ({length} tecken; ett ämnesord får ha högst {max})",
        en="is too long for an address ({length} characters; a tag may have at most {max})",
    ),
    "field.email": Message(
        sv="{value!r} är ingen e-postadress (skriv t.ex. namn@example.se)",
        en="{value!r} is not an e-mail address (write e.g. namn@example.se)",
    ),
    "field.slug_characters": Message(
        sv="{value!r} går inte att använda i sidans adress (skriv små bokstäver a-z, "
        "siffror 0-9 och enstaka bindestreck, t.ex. ny-omgang-hosten-2025)",
        en="{value!r} cannot be used in an address (use lower-case a-z, 0-9 and single "
        "hyphens, e.g. ny-omgang-hosten-2025)",
    ),
    "field.slug_too_long": Message(
        sv="är {length} tecken långt; sidans adress får ha högst {max} tecken (korta den)",
        en="is {length} characters long; an address may have at most {max} (shorten it)",
    ),
    "image.outside_content": Message(
        sv="{value!r} ligger utanför mappen content/ (skriv en sökväg som images/bild.jpg)",
        en="{value!r} is outside content/ (write a path such as images/bild.jpg)",
    ),
    "image.not_a_picture": Message(
        sv="{value!r} är ingen bild (använd en fil som slutar på .jpg, .png, .webp, .gif, "
        ".avif eller .svg)",
        en="{value!r} is not a picture (use a .jpg, .png, .webp, .gif, .avif or .svg file)",
    ),
    "image.missing": Message(
        sv="{value!r} finns inte (sökvägen räknas från mappen content/, t.ex. images/bild.jpg; "
        "kontrollera stavningen och filens ändelse)",
        en="{value!r} does not exist (paths are relative to content/, e.g. images/bild.jpg; "
        "check the spelling and the file's extension)",
    ),
    "image.not_published": Message(
        sv="{value!r} ligger inte i en mapp som publiceras ({folders}); flytta bilden dit",
        en="{value!r} is not in a folder that is published ({folders}); move it there",
    ),
    "phone.empty": Message(
        sv="är tomt (skriv numret efter strecket, eller ta bort raden)",
        en="is empty (write the number after the dash, or remove the line)",
    ),
    "phone.not_text": Message(
        sv="här ska det stå ett telefonnummer, men det står {found} (skriv phone: 08-709 59 81, "
        "eller en lista: [08-709 59 81, 070-527 59 81])",
        en="expected a phone number, found {found} (write phone: 08-709 59 81, or a list: "
        "[08-709 59 81, 070-527 59 81])",
    ),
    "field.extra_not_fields": Message(
        sv="här ska det stå indragna rader namn: värde, men det står {found} (skriv extra: på "
        "en egen rad och fälten indragna under)",
        en="expected indented name: value lines, found {found} (write extra: on its own line, "
        "then the fields indented below it)",
    ),
    "field.missing": Message(
        sv="fältet saknas (lägg till en rad {name}: {example})",
        en="required field is missing (add a line {name}: {example})",
    ),
    "field.unknown": Message(
        sv="okänt fält ({guess}fälten här är {known}; egna värden skrivs under extra:)",
        en="unknown field ({guess}the fields here are {known}; free-form values go under extra:)",
    ),
    "field.unknown_no_extra": Message(
        sv="okänt fält ({guess}fälten här är {known})",
        en="unknown field ({guess}the fields here are {known})",
    ),
    "field.did_you_mean": Message(sv="menade du {name}? ", en="did you mean {name}? "),
    "field.not_fields": Message(
        sv="här ska det stå fält som namn: värde, men det står {found} (skriv varje post som "
        "'- name: …' med de andra fälten indragna under)",
        en="expected fields written as name: value, found {found} (write each entry as "
        "'- name: …' with its other fields indented below)",
    ),
    "field.other": Message(
        sv="värdet går inte att använda här (se docs/content-model.md för hur fältet skrivs)",
        en="{problem} (see content-model.md)",
    ),
    # ------------------------------------- model.py: rules across fields
    "rule.image_alt_required": Message(
        sv="behövs när det finns en bild (beskriv vad bilden visar, för den som inte kan se den)",
        en="required when there is an image (describe what the picture shows for readers "
        "who cannot see it)",
    ),
    "rule.modified_before_date": Message(
        sv="är före date (modified får inte vara före date)",
        en="is before date (modified must not be before date)",
    ),
    "rule.end_time_without_start": Message(
        sv="står utan start_time (lägg till start_time: TT:MM, eller ta bort end_time om "
        "tillfället pågår hela dagen)",
        en="given without start_time (add start_time: HH:MM, or remove end_time for an "
        "all-day session)",
    ),
    "rule.end_time_not_after_start": Message(
        sv="{end} är inte efter start_time {start}",
        en="{end} is not after start_time {start}",
    ),
    "rule.start_required": Message(
        sv="behövs när omgången inte har några tillfällen (skriv start: ÅÅÅÅ-MM-DD, eller "
        "lista tillfällena under sessions:)",
        en="required when the round has no sessions (write start: YYYY-MM-DD, or list the "
        "sessions)",
    ),
    "rule.end_before_start": Message(
        sv="{end} är före starten {start}", en="{end} is before the start {start}"
    ),
    "rule.session_before_start": Message(
        sv="{date} är före omgångens start {start}",
        en="{date} is before the round's start {start}",
    ),
    "rule.session_after_end": Message(
        sv="{date} är efter omgångens slut {end}", en="{date} is after the round's end {end}"
    ),
    "rule.booked_but_cancelled": Message(
        sv="{percent} är angivet för en inställd omgång, som inte tar emot bokningar "
        "(ta bort booked_percent, eller ändra status)",
        en="{percent} is given for a cancelled round, which takes no bookings "
        "(remove booked_percent, or change status)",
    ),
    "rule.full_below_100": Message(
        sv="{percent} är under 100 men status är fullbokad (skriv booked_percent: 100, "
        "eller status: få platser)",
        en="{percent} is below 100 but status is full (write booked_percent: 100, "
        "or status: few-places)",
    ),
    "rule.100_but_bookable": Message(
        sv="100 betyder att omgången är fullbokad, men status är {status} (skriv status: "
        "fullbokad, eller ett lägre booked_percent)",
        en="100 means the round is full but status is {status} (write status: full, "
        "or a lower booked_percent)",
    ),
    # --------------------------------------------------- dates.py
    "date.not_a_date": Message(
        sv="datumet {value!r} finns inte (skriv ÅÅÅÅ-MM-DD, t.ex. 2024-06-03)",
        en="{value!r} is not a date (write YYYY-MM-DD)",
    ),
    "date.year_out_of_range": Message(
        sv="{value!r} ligger utanför åren {first}–{last} som webbplatsen hanterar "
        "(kontrollera året)",
        en="{value!r} is outside the years {first}–{last} the site handles (check the year)",
    ),
    "date.not_a_time": Message(
        sv="{value!r} är ingen tid (skriv TT:MM, t.ex. 13:00)",
        en="{value!r} is not a time (write HH:MM, e.g. 13:00)",
    ),
    "date.not_a_date_or_time": Message(
        sv="{value!r} är inget datum (skriv ÅÅÅÅ-MM-DD, eller ÅÅÅÅ-MM-DD TT:MM med en tid, "
        "t.ex. 2024-06-03 09:30)",
        en="{value!r} is not a date (write YYYY-MM-DD, or YYYY-MM-DD HH:MM with a time)",
    ),
    "date.not_a_time_of_day": Message(
        sv="{value!r} har ingen riktig tid (skriv ÅÅÅÅ-MM-DD TT:MM, t.ex. 2024-06-03 09:30)",
        en="{value!r} is not a time of day (write YYYY-MM-DD HH:MM)",
    ),
    "date.bad_offset": Message(
        sv="{value!r} har en tidszon som inte finns (skriv t.ex. +01:00, eller utelämna den "
        "för svensk tid)",
        en="{value!r} has a time zone offset that does not exist (write e.g. +01:00, or leave "
        "it out for Swedish time)",
    ),
    "date.epoch_not_a_number": Message(
        sv="SOURCE_DATE_EPOCH={value!r} är inget antal sekunder sedan 1970 "
        "(t.ex. SOURCE_DATE_EPOCH=$(date +%s))",
        en="SOURCE_DATE_EPOCH={value!r} is not a number of seconds since 1970 "
        "(e.g. SOURCE_DATE_EPOCH=$(date +%s))",
    ),
    "date.epoch_too_late": Message(
        sv="SOURCE_DATE_EPOCH={value!r} ligger efter {last} (webbplatsen hanterar åren fram "
        "till {last}; t.ex. SOURCE_DATE_EPOCH=$(date +%s))",
        en="SOURCE_DATE_EPOCH={value!r} is after {last} (the site handles the years up to "
        "{last}; e.g. SOURCE_DATE_EPOCH=$(date +%s))",
    ),
    # ----------------------------------------------- timezones.py
    "time.skipped": Message(
        sv="{time} den {date} finns inte i {zone} (klockan ställs fram från {old} till {new}); "
        "skriv en tid före {old} eller från {new}, t.ex. {meant}",
        en="{time} on {date} does not exist in {zone} (the clocks go forward from {old} to "
        "{new}); write a time before {old} or from {new}, e.g. {meant}",
    ),
    "time.repeated": Message(
        sv="{time} den {date} inträffar två gånger i {zone} (klockan ställs tillbaka från "
        "{old} till {new}); skriv en tid före {new} eller från {old}",
        en="{time} on {date} happens twice in {zone} (the clocks go back from {old} to {new}); "
        "write a time before {new} or from {old}",
    ),
    # --------------------------------------------------- phones.py
    "phone.how_to_write": Message(
        sv="skriv det som det slås i Sverige, t.ex. 08-709 59 81 eller 070-527 59 81, "
        "eller med landsnummer, t.ex. +47 22 12 34 56",
        en="write it as dialled in Sweden, e.g. 08-709 59 81 or 070-527 59 81, "
        "or with a country code, e.g. +47 22 12 34 56",
    ),
    "phone.invalid": Message(
        sv="{value!r} är inget giltigt telefonnummer ({how})",
        en="{value!r} is not a valid phone number ({how})",
    ),
    "phone.bad_country_code": Message(
        sv="{value!r} är inget giltigt telefonnummer (landsnumret {code}finns inte; {how})",
        en="{value!r} is not a valid phone number (the country code {code}does not exist; {how})",
    ),
    "phone.no_such_swedish_number": Message(
        sv="{value!r} är inget giltigt telefonnummer (det finns inget sådant svenskt nummer: "
        "kontrollera riktnumret och antalet siffror)",
        en="{value!r} is not a valid phone number (there is no such Swedish number: check the "
        "area code and the number of digits)",
    ),
    "phone.no_such_number": Message(
        sv="{value!r} är inget giltigt telefonnummer (det finns inget sådant nummer med "
        "landsnumret +{code}: kontrollera siffrorna)",
        en="{value!r} is not a valid phone number (there is no such number with the country "
        "code +{code}: check the digits)",
    ),
    # ------------------------------------------- content_index.py: files
    "file.not_utf8": Message(
        sv="är inte sparad som UTF-8 (spara filen med teckenkodningen UTF-8)",
        en="is not UTF-8 text (save it with the encoding UTF-8)",
    ),
    "file.too_large": Message(
        sv="är större än {mb} MB, gränsen för en innehållsfil (bilder och dokument hör hemma "
        "i content/images/)",
        en="is larger than {mb} MB, the limit for a content file (pictures and documents "
        "belong in content/images/)",
    ),
    "file.unreadable": Message(
        sv="går inte att läsa ({reason}; kontrollera filens behörigheter)",
        en="cannot be read ({reason}; check the file's permissions)",
    ),
    "folder.unreadable": Message(
        sv="går inte att läsa ({reason}; kontrollera behörigheterna)",
        en="cannot be read ({reason}; check its permissions)",
    ),
    "entry.unreadable": Message(sv="går inte att läsa ({reason})", en="cannot be read ({reason})"),
    "file.static_unreadable": Message(
        sv="går inte att läsa (kontrollera filens behörigheter)",
        en="cannot be read (check the file's permissions)",
    ),
    "file.not_ordinary": Message(
        sv="är ingen vanlig fil (ta bort den)", en="is not an ordinary file (remove it)"
    ),
    "file.symlink": Message(
        sv="är en symbolisk länk{target}; länkar följs inte och publiceras inte (lägg själva "
        "filen här)",
        en="is a symbolic link{target}; links are not followed or published (put the file "
        "itself here)",
    ),
    "file.symlink_target": Message(sv=" till {target}", en=" to {target}"),
    "file.markdown_in_static": Message(
        sv="Markdown-filer publiceras inte härifrån (nyheter hör hemma i content/news/, sidor "
        "i content/pages/)",
        en="Markdown files are not published from here (news belong in content/news/, pages "
        "in content/pages/)",
    ),
    "file.contact_yaml_extension": Message(
        sv="kontaktfiler slutar på .yml (byt namn på filen så att den slutar på .yml)",
        en="contact files end in .yml (rename the file to end in .yml)",
    ),
    "file.contact_wrong_type": Message(
        sv="bara kontaktfiler som slutar på .yml hör hemma i content/contacts/",
        en="only contact files ending in .yml belong in content/contacts/",
    ),
    "file.picture_in_content_folder": Message(
        sv="bilder hör hemma i content/images/, inte i content/{folder}/ (flytta filen)",
        en="pictures belong in content/images/, not in content/{folder}/ (move the file)",
    ),
    "file.wrong_type": Message(
        sv="bara Markdown-filer som slutar på .md hör hemma i content/{folder}/",
        en="only Markdown files ending in .md belong in content/{folder}/",
    ),
    "file.contact_id_too_long": Message(
        sv="filnamnet är {length} tecken långt; en kontakts filnamn får ha högst {max} "
        "(byt namn på filen)",
        en="the file name is {length} characters long; a contact's id may have at most {max} "
        "(rename the file)",
    ),
    "file.contact_id_characters": Message(
        sv="filnamnet {value!r} används för att hänvisa till kontakten och får bara ha små "
        "bokstäver a-z, siffror 0-9 och bindestreck (byt namn på filen till {suggestion}.yml)",
        en="the file name {value!r} is used as the contact's id and must be lower-case a-z, "
        "0-9 and hyphens (rename it to {suggestion}.yml)",
    ),
    "address.file_name_gives_none": Message(
        sv="filnamnet {value!r} ger ingen adress (lägg till en rad slug: ett-namn, "
        "som blir sidans adress)",
        en="the file name {value!r} gives no address (add slug: ett-namn)",
    ),
    "address.file_name_too_long": Message(
        sv="filnamnet ger en adress på {length} tecken; gränsen är {max} (lägg till en kortare "
        "adress med slug: eller byt namn på filen)",
        en="the file name gives an address of {length} characters; the limit is {max} "
        "(add a shorter slug: or rename the file)",
    ),
    "address.reserved": Message(
        sv="{address} är en adress som webbplatsen själv använder (ge sidan en annan adress "
        "med slug:)",
        en="{address} is an address the site makes itself (give the page another slug:)",
    ),
    "address.taken": Message(
        sv="{address} är redan adressen till {other} (ge en av dem en annan adress med slug:)",
        en="{address} is already the address of {other} (give one of them another slug:)",
    ),
    # ------------------------- content_cache.py: reading files in workers
    "content.worker_stopped": Message(
        sv=(
            "bygget stoppades: en av processerna som läste den här filen och filerna "
            "fram till {last} slutade oväntat, och inget byggdes (bygg igen; händer "
            "det igen, bygg med BUILD_WORKERS = 1 i inställningarna för att se felet)"
        ),
        en=(
            "the build stopped: a worker process reading this file and the ones up to "
            "{last} ended unexpectedly, and nothing was built (build again; if it "
            "happens again, build with BUILD_WORKERS = 1 in the settings to see the error)"
        ),
    ),
    "setting.content_cache": Message(
        sv=(
            "{value!r} är ingen mapp; skriv sökvägen till en mapp som text, "
            "t.ex. '.cache/content', eller ta bort raden"
        ),
        en=(
            "{value!r} is not a folder; write a folder's path as text, "
            "e.g. '.cache/content', or remove the line"
        ),
    ),
    # ------------------------------------ content_index.py: references
    "reference.draft": Message(
        sv="{value!r} är ett utkast ({other} har status: draft; publicera den eller ta bort "
        "den ur listan)",
        en="{value!r} is a draft ({other} has status: draft; publish it or remove it from "
        "the list)",
    ),
    "reference.unknown": Message(
        sv="{value!r} finns inte (det finns ingen {what}; {hint})",
        en="{value!r} does not exist (no {what}; {hint})",
    ),
    "reference.contact_file": Message(
        sv="fil content/contacts/{value}.yml", en="content/contacts/{value}.yml"
    ),
    "reference.programme": Message(
        sv="utbildning med slug: {value}", en="programme with slug {value}"
    ),
    "reference.did_you_mean": Message(sv="menade du {name}?", en="did you mean {name}?"),
    "reference.known": Message(sv="de som finns: {names}", en="known: {names}"),
    "reference.none_yet": Message(sv="det finns inga än", en="there are none yet"),
    # ------------------------------------------ content_index.py: tags
    "tag.same_address_in_file": Message(
        sv="{value!r} och {other!r} (rad {line}) får samma adress {address} (behåll ett av dem)",
        en="{value!r} and {other!r} (line {line}) get the same address {address} "
        "(keep one of them)",
    ),
    "tag.same_address": Message(
        sv="{value!r} får samma adress {address} som {other!r} i {where} (skriv ämnesordet "
        "likadant i båda filerna, eller välj namn som skiljer sig i bokstäver eller siffror)",
        en="{value!r} gets the same address {address} as {other!r} in {where} (write the tag "
        "the same way in both files, or choose names that differ in letters or digits)",
    ),
    # ------------------------------------------ content_index.py: body
    "body.image_without_alt": Message(
        sv="bilden {value!r} saknar alternativtext (beskriv den mellan hakparenteserna: "
        "![Vad bilden visar]({target}))",
        en="the picture {value!r} has no alternative text (describe it between the brackets: "
        "![Vad bilden visar]({target}))",
    ),
    "body.img_without_alt": Message(
        sv='en <img> saknar alternativtext (lägg till alt="vad bilden visar")',
        en='an <img> without alternative text (add alt="what the picture shows")',
    ),
    "body.link": Message(sv="länken {link} {problem}", en="the link {link} {problem}"),
    "link.outside_content": Message(
        sv="pekar utanför content/ (länka bara till filer i content/; sökvägen räknas från "
        "den här filen, eller från content/ om den börjar med /)",
        en="points outside content/ (link only to files in content/; paths are relative "
        "to this file, or to content/ when they start with /)",
    ),
    "link.missing": Message(
        sv="pekar på en fil som inte finns (sökvägen räknas från den här filen, eller från "
        "content/ om den börjar med /)",
        en="points to a file that does not exist (paths are relative to this file, or to "
        "content/ when they start with /)",
    ),
    "link.hidden": Message(
        sv="pekar på en dold fil, som inte publiceras (byt namn på den utan punkten först)",
        en="points to a hidden file, which is not published (rename it without the dot)",
    ),
    "link.static_not_page": Message(
        sv="pekar på en fil som inte är en sida (skriv {suggestion} i stället)",
        en="points to a file that is not a page (write {suggestion} instead)",
    ),
    "link.not_a_page": Message(
        sv="pekar på en fil som inte publiceras som sida (länka till en nyhet eller en sida "
        "i content/news/ eller content/pages/)",
        en="points to a file that is not published as a page (link to a news article or a "
        "page in content/news/ or content/pages/)",
    ),
    "link.to_draft": Message(
        sv="pekar på ett utkast ({other} har status: draft), som inte publiceras (publicera "
        "det eller ta bort länken)",
        en="points to a draft ({other} has status: draft), which is not published (publish "
        "it or remove the link)",
    ),
    "link.to_scheduled": Message(
        sv="pekar på en schemalagd nyhet, som publiceras först {date} (länka till den när den "
        "har publicerats)",
        en="points to a scheduled article, which is published only from {date} (link to it "
        "once it is published)",
    ),
    "link.not_published": Message(
        sv="pekar på en fil som inte publiceras ({kind} länkar till filer i {folders})",
        en="points to a file that is not published ({kind} links to files in {folders})",
    ),
    # ---------------------------------- site_settings.py, setting_types.py
    "where.settings": Message(sv="inställningar", en="settings"),
    "where.syntax_error": Message(sv="fel i filen", en="syntax error"),
    "setting.file_missing": Message(
        sv="inställningsfilen saknas", en="the settings file is missing"
    ),
    "setting.missing_public_url": Message(
        sv="saknas: skriv webbplatsens publika adress, t.ex. PUBLIC_URL = 'https://www.example.se'",
        en="is missing: write the site's public address, e.g. "
        "PUBLIC_URL = 'https://www.example.se'",
    ),
    "setting.missing_timezone": Message(
        sv="saknas: skriv TIMEZONE = 'Europe/Stockholm'",
        en="is missing: write TIMEZONE = 'Europe/Stockholm'",
    ),
    "setting.required": Message(sv="måste anges", en="is required"),
    "setting.public_url": Message(
        sv="{value!r} ska vara webbplatsens publika adress utan sökväg och utan snedstreck "
        "sist, t.ex. https://www.example.se",
        en="{value!r} must be the site's public address without a path or trailing slash, "
        "e.g. https://www.example.se",
    ),
    "setting.site_url": Message(
        sv="lämna den tom; länkarna börjar med / och PUBLIC_URL används där en fullständig "
        "adress behövs",
        en="keep it empty; links are root-relative and PUBLIC_URL is used where an absolute "
        "address is needed",
    ),
    "setting.timezone": Message(
        sv="{value!r} är ingen tidszon ({hint})", en="{value!r} is not a time zone ({hint})"
    ),
    "setting.timezone_guess": Message(sv="menade du {name!r}?", en="did you mean {name!r}?"),
    "setting.timezone_example": Message(
        sv="t.ex. 'Europe/Stockholm'", en="e.g. 'Europe/Stockholm'"
    ),
    "setting.count": Message(
        sv="{value!r} är inte ett heltal på minst {minimum} (skriv t.ex. 10)",
        en="{value!r} is not a whole number of at least {minimum} (write e.g. 10)",
    ),
    "setting.optional_text": Message(
        sv="skriv det som text, eller utelämna det", en="write it as text, or leave it out"
    ),
    "setting.language": Message(
        sv="{value!r} är ingen språkkod (skriv 'sv')",
        en="{value!r} is not a language code (write 'sv')",
    ),
    "setting.messages_language": Message(
        sv="{value!r} går inte att använda (skriv 'sv' för svenska eller 'en' för engelska)",
        en="{value!r} is not allowed (write 'sv' for Swedish or 'en' for English)",
    ),
    "setting.link_pair": Message(
        sv="här ska det stå ett par av en text och en adress, t.ex. ('Nyheter', 'nyheter/')",
        en="expected a pair of a label and an address, e.g. ('Nyheter', 'nyheter/')",
    ),
    "setting.link_label": Message(
        sv="texten {value!r} ska vara text, t.ex. ('Nyheter', 'nyheter/')",
        en="the label {value!r} must be text, e.g. ('Nyheter', 'nyheter/')",
    ),
    "setting.link_address": Message(
        sv="{value!r} är ingen adress inom webbplatsen; skriv den utan / först, "
        "t.ex. ('Nyheter', 'nyheter/')",
        en="{value!r} is not an address inside the site; write it without a leading slash, "
        "e.g. ('Nyheter', 'nyheter/')",
    ),
    "setting.folder_name": Message(
        sv="{value!r} är inget mappnamn (skriv t.ex. 'images')",
        en="{value!r} is not a folder name (write e.g. 'images')",
    ),
    "setting.sitename": Message(
        sv="skriv webbplatsens namn, t.ex. SITENAME = 'Digitalt ledarskap'",
        en="write the site's name, e.g. SITENAME = 'Digitalt ledarskap'",
    ),
    "setting.links_list": Message(
        sv="här ska det stå en lista, t.ex. [('Nyheter', 'nyheter/')]",
        en="expected a list, e.g. [('Nyheter', 'nyheter/')]",
    ),
    "setting.folders_list": Message(
        sv="här ska det stå en lista med mappar, t.ex. ['images']",
        en="expected a list of folders, e.g. ['images']",
    ),
    "setting.names_list": Message(
        sv="här ska det stå en lista med namn, t.ex. ['.git']",
        en="expected a list of names, e.g. ['.git']",
    ),
    "setting.unknown": Message(
        sv="okänd inställning (menade du {name}?)", en="unknown setting (did you mean {name}?)"
    ),
    "setting.unknown_key": Message(sv="okänd nyckel{hint}", en="unknown key{hint}"),
    "setting.key_guess": Message(sv=" (menade du {name!r}?)", en=" (did you mean {name!r}?)"),
    "setting.from_environment": Message(
        sv=" (från miljövariabeln {name})", en=" (from the environment variable {name})"
    ),
    "setting.other": Message(sv="värdet går inte att använda här (se README.md)", en="{problem}"),
    # ------------------------------------ layout and identity (brand.py):
    # BRAND (logo and colours) and ORGANIZATION_CONTACT (the footer's address).
    "brand.shape": Message(
        sv=(
            "skriv logotyp och färger inom klamrar, t.ex. "
            "BRAND = {'logo': 'images/logo.svg', 'light': {'primary': '#0b3a5b'}}"
        ),
        en=(
            "write the logo and colours in braces, e.g. "
            "BRAND = {'logo': 'images/logo.svg', 'light': {'primary': '#0b3a5b'}}"
        ),
    ),
    "brand.scheme_shape": Message(
        sv=(
            "skriv färgerna inom klamrar: {'primary': '#0b3a5b', 'accent': '#0a7a6c', "
            "'background': '#ffffff', 'text': '#1b1b1b'}"
        ),
        en=(
            "write the colours in braces: {'primary': '#0b3a5b', 'accent': '#0a7a6c', "
            "'background': '#ffffff', 'text': '#1b1b1b'}"
        ),
    ),
    "brand.colour": Message(
        sv="{value} är ingen färg (skriv den som hexkod med #, t.ex. '#0b3a5b')",
        en="{value} is not a colour (write it as a hex code with #, e.g. '#0b3a5b')",
    ),
    "brand.logo": Message(
        sv=(
            "{value} går inte att använda som logotyp (skriv sökvägen till en SVG- eller "
            "PNG-fil under content/ eller theme/static/, t.ex. 'images/logo.svg')"
        ),
        en=(
            "{value} cannot be used as the logo (write the path of an SVG or PNG file "
            "below content/ or theme/static/, e.g. 'images/logo.svg')"
        ),
    ),
    "brand.logo_missing": Message(
        sv=(
            "logotypen {path} finns varken under content/ eller theme/static/ "
            "(lägg filen där, eller rätta sökvägen)"
        ),
        en=(
            "the logo {path} is neither below content/ nor theme/static/ "
            "(put the file there, or correct the path)"
        ),
    ),
    "brand.contrast_text": Message(
        sv=(
            "färgen {foreground} på {background} har kontrasten {ratio}:1, men text måste ha "
            "minst {minimum}:1 för att gå att läsa (välj en mörkare eller ljusare färg)"
        ),
        en=(
            "the colour {foreground} on {background} has a contrast of {ratio}:1, but text needs "
            "at least {minimum}:1 to be readable (choose a darker or lighter colour)"
        ),
    ),
    "brand.contrast_ui": Message(
        sv=(
            "{foreground} mot {background} har kontrasten {ratio}:1, men kanter och "
            "markeringar måste ha minst {minimum}:1 för att synas (välj en mörkare eller "
            "ljusare färg)"
        ),
        en=(
            "{foreground} against {background} has a contrast of {ratio}:1, but edges and "
            "marks need at least {minimum}:1 to be seen (choose a darker or lighter colour)"
        ),
    ),
    "organization_contact.shape": Message(
        sv=(
            "skriv kontaktuppgifterna inom klamrar, t.ex. ORGANIZATION_CONTACT = "
            "{'address': ['Box 100', '100 00 Stockholm'], 'email': 'info@example.se'}"
        ),
        en=(
            "write the contact details in braces, e.g. ORGANIZATION_CONTACT = "
            "{'address': ['Box 100', '100 00 Stockholm'], 'email': 'info@example.se'}"
        ),
    ),
    "organization_contact.address": Message(
        sv=(
            "skriv adressen som en lista med en rad per post, t.ex. ['Box 100', '100 00 Stockholm']"
        ),
        en=(
            "write the address as a list with one line per item, "
            "e.g. ['Box 100', '100 00 Stockholm']"
        ),
    ),
    "organization_contact.email": Message(
        sv="{value} är ingen e-postadress (skriv t.ex. info@example.se)",
        en="{value} is not an e-mail address (write e.g. info@example.se)",
    ),
    "organization_contact.phone": Message(
        sv="{value} är inget telefonnummer (skriv det som text, t.ex. '08-123 456 00')",
        en="{value} is not a phone number (write it as text, e.g. '08-123 456 00')",
    ),
    "organization_contact.org_number": Message(
        sv=(
            "{value} är inget organisationsnummer "
            "(skriv tio siffror med bindestreck, t.ex. 212000-0000)"
        ),
        en=(
            "{value} is not an organisation number "
            "(write ten digits with a hyphen, e.g. 212000-0000)"
        ),
    ),
    # ------------------------------- the web editor: CMS (site_settings.py)
    "cms.shape": Message(
        sv="här ska det stå t.ex. {'backend': 'github', 'repo': 'organisation/webbplats', "
        "'base_url': 'https://cms-inloggning.example.se'}, eller None för ingen redigerare",
        en="expected e.g. {'backend': 'github', 'repo': 'organisation/webbplats', "
        "'base_url': 'https://cms-inloggning.example.se'}, or None for no editor",
    ),
    "cms.not_set": Message(
        sv="{path} har ingen redigerare (skriv CMS = {{...}} som i exemplet i README.md)",
        en="{path} has no web editor (write CMS = {{...}} as in the example in README.md)",
    ),
    "cms.config_written": Message(
        sv="Skrev {path}: redigerarens formulär enligt innehållsmodellen",
        en="Wrote {path}: the web editor's forms from the content model",
    ),
    "cms.backend": Message(
        sv="{value} går inte att använda (skriv 'github', 'gitlab' eller 'gitea': "
        "där webbplatsens filer finns)",
        en="{value} is not supported (write 'github', 'gitlab' or 'gitea': where the "
        "site's files are)",
    ),
    "cms.repo": Message(
        sv="{value} är inget förråd (skriv ägare/namn som i adressen till förrådet, "
        "t.ex. 'organisation/webbplats')",
        en="{value} is not a repository (write owner/name as in the repository's address, "
        "e.g. 'organisation/webbplats')",
    ),
    "cms.branch": Message(
        sv="{value} är inget grennamn (skriv t.ex. 'main')",
        en="{value} is not a branch name (write e.g. 'main')",
    ),
    "cms.base_url": Message(
        sv="{value} är ingen https-adress till en server: bara https:// och servernamnet, "
        "utan sökväg (skriv t.ex. 'https://cms-inloggning.example.se')",
        en="{value} is not an https address of a server: https:// and the host name only, "
        "no path (write e.g. 'https://cms-inloggning.example.se')",
    ),
    "cms.auth_endpoint": Message(
        sv="{value} är ingen sökväg på inloggningsservern (skriv t.ex. 'auth', utan / först)",
        en="{value} is not a path on the sign-in server (write e.g. 'auth', without a leading /)",
    ),
    "cms.app_id": Message(
        sv="{value} är inget program-id (kopiera det från OAuth-programmet på git-servern)",
        en="{value} is not an application id (copy it from the OAuth application on the "
        "git server)",
    ),
    "cms.api_root": Message(
        sv="{value} är ingen https-adress (skriv t.ex. 'https://gitlab.example.se/api/v4')",
        en="{value} is not an https address (write e.g. 'https://gitlab.example.se/api/v4')",
    ),
    "cms.github_needs_base_url": Message(
        sv="med 'github' loggar redaktörerna in via organisationens egen inloggningsserver: "
        "skriv dess adress som 'base_url', t.ex. 'https://cms-inloggning.example.se' "
        "(se README.md)",
        en="with 'github' editors sign in through the organisation's own OAuth proxy: "
        "write its address as 'base_url', e.g. 'https://cms-inloggning.example.se' "
        "(see README.md)",
    ),
    "cms.gitea_needs_base_url": Message(
        sv="med 'gitea' behövs Gitea-serverns adress som 'base_url', "
        "t.ex. 'https://gitea.example.se'",
        en="with 'gitea' the Gitea server's address is needed as 'base_url', "
        "e.g. 'https://gitea.example.se'",
    ),
    "cms.gitea_no_workflow": Message(
        sv="med 'gitea' kan redigeraren inte göra ändringsförslag (pull requests) av det som "
        "sparas: ta bort 'editorial_workflow' eller skriv 'editorial_workflow': False",
        en="with 'gitea' the editor cannot open pull requests for what is saved: remove "
        "'editorial_workflow' or write 'editorial_workflow': False",
    ),
    "cms.needs_app_id": Message(
        sv="med {backend!r} behövs id:t för OAuth-programmet som 'app_id' "
        "(skapa programmet på git-servern, se README.md)",
        en="with {backend!r} the OAuth application's id is needed as 'app_id' "
        "(create the application on the git server, see README.md)",
    ),
    # ------------------------------------------------------ consent.py
    "consent.write_text": Message(
        sv="måste anges: skriv det som text", en="is required: write it as text"
    ),
    "consent.label_required": Message(
        sv="måste anges: kategorins namn, t.ex. 'Statistik'",
        en="is required: the category's name, e.g. 'Statistik'",
    ),
    "consent.description_required": Message(
        sv="måste anges: vad kakorna används till, i en mening",
        en="is required: what the cookies are used for, in a sentence",
    ),
    "consent.url_required": Message(
        sv="måste anges: Matomo-serverns https-adress, t.ex. 'https://statistik.example.se/'",
        en="is required: the https address of the Matomo server, e.g. "
        "'https://statistik.example.se/'",
    ),
    "consent.site_id_required": Message(
        sv="måste anges: webbplatsens nummer i Matomo, t.ex. 1",
        en="is required: the site's number in Matomo, e.g. 1",
    ),
    "consent.cookie_name": Message(
        sv="{value!r} är inget kaknamn; använd namnet som kakan sätts med, med * för valfria "
        "tecken (t.ex. '_pk_id.*')",
        en="{value!r} is not a cookie name; use the name the cookie is set with, with * for "
        "any characters (e.g. '_pk_id.*')",
    ),
    "consent.boolean": Message(sv="skriv True (ja) eller False (nej)", en="write True or False"),
    "consent.origin": Message(
        sv="{value!r} är ingen https-adress till en server: bara https:// och servernamnet, "
        "utan sökväg, mellanslag, citattecken, ; eller * (skriv t.ex. {example})",
        en="{value!r} is not an https origin: https:// and the host name only, without path, "
        "spaces, quotes, ; or * (write e.g. {example})",
    ),
    "consent.category_key": Message(
        sv="{value!r} går inte att använda som kategorinamn; använd a-z, 0-9 och bindestreck, "
        "t.ex. 'statistik'",
        en="{value!r} is not a category key; use a-z, 0-9 and hyphens, e.g. 'statistik'",
    ),
    "consent.categories": Message(
        sv="här ska det stå kategorierna inom { }, namn: inställningar",
        en="expected a dict of categories, key -> settings",
    ),
    "consent.language": Message(
        sv="{value!r} går inte att använda (skriv 'sv' eller 'en')",
        en="{value!r} is not 'sv' or 'en'",
    ),
    "consent.policy_version": Message(
        sv="skriv en version, t.ex. '2026-11-01'; ändra den varje gång kakorna ändras",
        en="write a version such as '2026-11-01'; change it whenever the cookies change",
    ),
    "consent.consent_cookie_name": Message(
        sv="{value!r} är inget kaknamn (a-z, 0-9, _ -)",
        en="{value!r} is not a cookie name (a-z, 0-9, _ -)",
    ),
    "consent.texts": Message(
        sv="här ska det stå texterna som ska bytas ut, inom { }",
        en="expected a dict of texts to replace",
    ),
    "consent.matomo_url": Message(
        sv="{value!r} är inte Matomo-serverns https-adress (skriv t.ex. "
        "'https://statistik.example.se/', utan mellanslag, citattecken, ? eller #)",
        en="{value!r} is not the https address of the Matomo server (write e.g. "
        "'https://statistik.example.se/', without spaces, quotes, ? or #)",
    ),
    "consent.site_id": Message(
        sv="{value!r} är inget webbplatsnummer (skriv numret, t.ex. 1)",
        en="{value!r} is not a site id (write the number, e.g. 1)",
    ),
    "consent.cookie_shape": Message(
        sv="här ska det stå en kaka inom { } med name, purpose, lifetime och provider",
        en="expected a dict with name, purpose, lifetime and provider",
    ),
    "consent.cookies_list": Message(
        sv="här ska det stå en lista med kakor ([] för inga)",
        en="expected a list of cookies ([] for none)",
    ),
    "consent.origins_list": Message(
        sv="här ska det stå en lista med https-adresser",
        en="expected a list of https origins",
    ),
    "consent.category_shape": Message(
        sv="här ska det stå en kategori inom {{ }} med label, description och cookies (None "
        "tar bara bort en av de inbyggda kategorierna: {defaults})",
        en="expected a dict with label, description and cookies (None removes only a default "
        "category: {defaults})",
    ),
    "consent.text_value": Message(
        sv="skriv texten, eller utelämna nyckeln", en="write the text, or leave the key out"
    ),
    "consent.matomo_shape": Message(
        sv="här ska det stå {'url': 'https://statistik.example.se/', 'site_id': 1}",
        en="expected {'url': 'https://statistik.example.se/', 'site_id': 1}",
    ),
    "consent.shape": Message(
        sv="här ska det stå inställningar inom { } (se 'Cookies and consent' i README.md)",
        en="expected a dict (see 'Cookies and consent' in README.md)",
    ),
    "consent.unknown_text": Message(sv="okänd text{hint}", en="unknown text{hint}"),
    "consent.required_category": Message(
        sv="kategorin {category!r} (nödvändiga kakor, alltid på) kan inte tas bort",
        en="the category {category!r} (necessary cookies, always on) cannot be removed",
    ),
    "consent.required_frames": Message(
        sv="externt innehåll kräver samtycke; lägg det i en valfri kategori",
        en="external content needs consent; put it in an optional category",
    ),
    "consent.list_consent_cookie": Message(
        sv="måste ta upp samtyckeskakan {name!r} själv (kaksidan visar alla kakor webbplatsen "
        "sätter)",
        en="must list the consent cookie {name!r} itself (the cookie page shows every cookie "
        "the site sets)",
    ),
    "consent.matches_consent_cookie": Message(
        sv="{value!r} matchar samtyckeskakan {name!r}, som då skulle tas bort med den här "
        "kategorin",
        en="{value!r} matches the consent cookie {name!r}, which would be removed with this "
        "category",
    ),
    "consent.matomo_needs_category": Message(
        sv="behöver den valfria samtyckeskategorin {category!r} i CONSENT['categories']; statistik "
        "får bara samlas in efter samtycke",
        en="needs the optional consent category {category!r} in CONSENT['categories']; statistics "
        "may only run after consent",
    ),
    "consent.matomo_cookies": Message(
        sv="Matomo sätter {names}; lista dem så att kaksidan visar dem och de tas bort när "
        "samtycket dras tillbaka",
        en="Matomo sets {names}; list them so the cookie page shows them and withdrawing "
        "consent removes them",
    ),
    "consent.and": Message(sv=" och ", en=" and "),
    # ------------------------------------------------------ staging.py
    "where.output": Message(sv="mappen för webbplatsen", en="output"),
    "output.is_a_file": Message(
        sv="är en fil, inte en mapp (ange en mapp för webbplatsen, t.ex. output)",
        en="is a file, not a folder (name a folder for the site, e.g. output)",
    ),
    "output.project_folder": Message(sv="projektmappen", en="the project folder"),
    "output.contains_sources": Message(
        sv="är eller innehåller {what}, där webbplatsens källfiler finns, och ett bygge "
        "ersätter hela mappen (ange en egen mapp, t.ex. output)",
        en="is or contains {what}, which holds the site's sources, and a build replaces the "
        "whole output folder (name a folder of its own, e.g. output)",
    ),
    "output.inside_sources": Message(
        sv="ligger i {what}, där webbplatsens källfiler finns (ange en mapp utanför den, "
        "t.ex. output)",
        en="is inside {what}, which holds the site's sources (name a folder outside it, "
        "e.g. output)",
    ),
    "output.mount_point": Message(
        sv="är en monteringspunkt, som inte kan ersättas i ett steg (bygg till en mapp i den, "
        "t.ex. {example}, och publicera den mappen)",
        en="is a mount point, which cannot be replaced in one step (build into a folder inside "
        "it, e.g. {example}, and serve that folder)",
    ),
    "output.locked": Message(
        sv="ett annat bygge skriver till den här mappen just nu (vänta tills det är klart och "
        "bygg sedan igen)",
        en="another build is writing to this output folder now (wait for it to finish, then "
        "build again)",
    ),
    "output.cannot_prepare": Message(
        sv="bygget kan inte förberedas bredvid den: {reason} (gör mappen som den ligger i "
        "skrivbar)",
        en="cannot prepare the build beside it: {reason} (make the folder that holds the "
        "output folder writable)",
    ),
    "output.cannot_stage": Message(
        sv="det går inte att skapa en arbetsmapp bredvid den: {reason} (gör mappen som den "
        "ligger i skrivbar)",
        en="cannot create the staging folder beside it: {reason} (make the folder that holds "
        "the output folder writable)",
    ),
    "output.disk_full": Message(
        sv="frigör utrymme på disken och bygg sedan igen; den publicerade webbplatsen är "
        "oförändrad",
        en="free space on the disk, then build again; the published site is unchanged",
    ),
    "output.write_other": Message(
        sv="kontrollera disken och mappens behörigheter och bygg sedan igen",
        en="check the disk and the folder's permissions, then build again",
    ),
    "output.write_failed": Message(
        sv="den nya webbplatsen kunde inte skrivas: {reason} ({todo})",
        en="the new site could not be written: {reason} ({todo})",
    ),
    "output.mounted_replace": Message(
        sv="bygg till en mapp i den och publicera den mappen",
        en="build into a folder inside it and serve that folder",
    ),
    "output.make_writable": Message(
        sv="gör den och mappen den ligger i skrivbara och bygg sedan igen",
        en="make it and the folder that holds it writable, then build again",
    ),
    "output.cannot_replace": Message(
        sv="kan inte ersättas: {reason} ({todo})", en="cannot be replaced: {reason} ({todo})"
    ),
    # ------------------------------------------------------------- pictures
    # Originals in content/images/ that pages show (pictures.py, issue 11).
    "picture.too_large": Message(
        sv="bilden är {size} / {dimensions}; största tillåtna är {max_size} och {max_pixels} "
        "miljoner bildpunkter (t.ex. 6000×4000 px); förminska den (3000 px bredd räcker gott) "
        "och spara den igen",
        en="the picture is {size} / {dimensions}; the largest allowed is {max_size} and "
        "{max_pixels} megapixels (e.g. 6000×4000 px); make it smaller (3000 px wide is plenty) "
        "and save it again",
    ),
    "picture.unreadable": Message(
        sv="filen går inte att öppna som en bild (den är skadad eller något annat än en bild); "
        "öppna den i ett bildprogram och spara den igen som JPG eller PNG",
        en="the file cannot be opened as a picture (it is damaged or not a picture); open it "
        "in an image editor and save it again as JPG or PNG",
    ),
    # In the body, where a line may show several pictures: which one.
    "picture.in_body": Message(
        sv="{path} går inte att visa: {problem}", en="{path} cannot be shown: {problem}"
    ),
    # ------------------------------------------ statements.py (issue 11)
    # The accessibility statement (ACCESSIBILITY) and the privacy notice (PRIVACY).
    "statements.required": Message(
        sv="måste anges (se docs/content-model.md, avsnittet om redogörelserna)",
        en="is required (see docs/content-model.md, the section on the statements)",
    ),
    "statements.missing_accessibility": Message(
        sv="saknas: tillgänglighetsredogörelsen (/tillganglighet/) byggs av den och krävs enligt "
        "lagen om tillgänglighet till digital offentlig service (se docs/content-model.md)",
        en="is missing: the accessibility statement (/tillganglighet/) is built from it and the "
        "law requires one (see docs/content-model.md)",
    ),
    "statements.missing_privacy": Message(
        sv="saknas: sidan om personuppgifter (/personuppgifter/) byggs av den "
        "(se docs/content-model.md)",
        en="is missing: the privacy notice (/personuppgifter/) is built from it "
        "(see docs/content-model.md)",
    ),
    "statements.status": Message(
        sv="{value} är ingen av lagens formuleringar (skriv 'helt', 'delvis' eller 'inte', "
        "som i helt förenlig, delvis förenlig, inte förenlig)",
        en="{value} is not one of the law's wordings (write 'helt', 'delvis' or 'inte')",
    ),
    "statements.date": Message(
        sv="{value} är inget datum (skriv ÅÅÅÅ-MM-DD inom citattecken, t.ex. '2026-11-23')",
        en="{value} is not a date (write YYYY-MM-DD in quotes, e.g. '2026-11-23')",
    ),
    "statements.email": Message(
        sv="{value} är ingen e-postadress (skriv t.ex. 'webb@example.se')",
        en="{value} is not an e-mail address (write e.g. 'webb@example.se')",
    ),
    "statements.org_number": Message(
        sv="{value} är inget organisationsnummer (skriv tio siffror med bindestreck, "
        "t.ex. '212000-0000')",
        en="{value} is not an organisation number (write ten digits with a hyphen, "
        "e.g. '212000-0000')",
    ),
    "statements.url": Message(
        sv="{value} är ingen https-adress (skriv t.ex. 'https://www.digg.se/tdosanmalan')",
        en="{value} is not an https address (write e.g. 'https://www.digg.se/tdosanmalan')",
    ),
    "statements.group": Message(
        sv="ska vara en grupp av nycklar och värden inom klammerparenteser, "
        't.ex. {"email": "webb@example.se"}',
        en='must be a group of keys and values in braces, e.g. {"email": "webb@example.se"}',
    ),
    "statements.key": Message(
        sv="{value} duger inte som namn (använd a–z, 0–9 och bindestreck, t.ex. 'webbhotell')",
        en="{value} is not a usable key (use a-z, 0-9 and hyphens, e.g. 'webbhotell')",
    ),
    "statements.list": Message(
        sv='ska vara en lista inom hakparenteser, t.ex. [{"description": "…", "reason": "…"}]',
        en='must be a list in brackets, e.g. [{"description": "…", "reason": "…"}]',
    ),
    "statements.fully_with_gaps": Message(
        sv="'helt' förenlig går inte ihop med brister under gaps eller "
        "disproportionate_burden (skriv 'delvis', eller ta bort de brister som är åtgärdade)",
        en="'helt' (fully compliant) contradicts the gaps or disproportionate_burden listed "
        "(write 'delvis', or remove the gaps that are fixed)",
    ),
    "statements.gaps_missing": Message(
        sv="{status} kräver att bristerna listas: skriv vad som inte är tillgängligt under "
        "gaps (eller disproportionate_burden), eller ändra status till 'helt'",
        en="{status} needs the gaps listed: write what is not accessible under gaps "
        "(or disproportionate_burden), or set status to 'helt'",
    ),
    "statements.updated_before_assessed": Message(
        sv="{updated} är före bedömningen {assessed} (redogörelsen uppdateras när "
        "bedömningen är gjord, så updated kan inte vara tidigare än assessed)",
        en="{updated} is before the assessment {assessed} (updated cannot be before assessed)",
    ),
    "statements.footer_link": Message(
        sv="länken till {url} saknas; redogörelsen ska gå att nå från varje sida "
        '(lägg till ("{label}", "{url}"))',
        en="the link to {url} is missing; it must be reachable from every page "
        '(add ("{label}", "{url}"))',
    ),
    "statements.page_generated": Message(
        sv="{address} byggs av inställningen {setting} i pelicanconf.py (ta bort filen och "
        "skriv uppgifterna där, eller ge sidan en annan adress med slug:)",
        en="{address} is built from the setting {setting} in pelicanconf.py (remove the file "
        "and write its facts there, or give the page another slug:)",
    ),
    # ------------------------------------------------------------- search
    # The search index Pagefind builds over the finished site (search_index.py).
    "where.search": Message(sv="sökfunktionen", en="search index"),
    "search.missing": Message(
        sv=(
            "programmet Pagefind, som bygger sökfunktionen, är inte installerat "
            "(installera det med: pip install -r requirements.txt)"
        ),
        en="the Pagefind program is not installed (install it: pip install -r requirements.txt)",
    ),
    "search.failed": Message(
        sv=(
            "Pagefind kunde inte bygga sökfunktionen: {reason} (bygg igen; händer det igen, "
            "installera om Pagefind med: pip install -r requirements.txt)"
        ),
        en=(
            "Pagefind could not build the search index: {reason} (build again; if it "
            "happens again, reinstall Pagefind: pip install -r requirements.txt)"
        ),
    ),
    "search.timeout": Message(
        sv="Pagefind blev inte klart med sökfunktionen på {seconds} sekunder (bygg igen)",
        en="Pagefind did not finish the search index in {seconds} seconds (build again)",
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
