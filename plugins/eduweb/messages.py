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
