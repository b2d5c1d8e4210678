"""Publish the built site to a web server by rsync over SSH, or to an
S3-compatible bucket:

    python -m eduweb.deploy [settings file] [--output DIR] [--target rsync|s3|none] [--dry-run]

`invoke publish` builds with publishconf.py first and then runs this. The
settings (DEPLOY_* in site_settings.py) come from the settings file, which
takes them from environment variables in publishconf.py, so CI can pass
secrets without writing them down. `--dry-run` lists what would change and
changes nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import mimetypes
import os
import shlex
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import messages
from .build import report
from .errors import ContentValidationError
from .settings_files import SettingsSource, read_settings_file
from .site_settings import SiteSettings, check_site_settings

TARGETS = ("rsync", "s3", "none")
NEW, CHANGED, DELETED = "new", "changed", "deleted"

# Types a browser or calendar must get exactly: text with the charset, so
# å, ä and ö survive whatever the server's default is.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".vcf": "text/vcard; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".woff2": "font/woff2",
}
S3_BATCH = 1000  # the most keys one DeleteObjects request takes


class DeployError(Exception):
    """A deploy that could not be done; the text is the one line to show."""


@dataclass(frozen=True, order=True)
class Change:
    """One file that a deploy adds, replaces or removes at the target."""

    path: str  # relative to the site root, with /
    kind: str  # NEW, CHANGED or DELETED

    def __str__(self) -> str:
        return f"{messages.text('deploy.kind.' + self.kind)}: {self.path}"


def content_type(name: str) -> str:
    """The Content-Type a file is served with, by its extension."""
    suffix = os.path.splitext(name)[1].lower()
    if name.endswith("atom.xml"):  # the news feeds: nyheter/atom.xml, tag feeds
        return "application/atom+xml; charset=utf-8"
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


# ------------------------------------------------------------------ rsync


def rsync_command(site: Path, settings: SiteSettings, dry_run: bool = False) -> list[str]:
    """The rsync command that makes the target folder equal to `site`.

    Files are compared by checksum, since every build writes every file anew
    (their times always differ); removed files are deleted and updated ones
    moved into place only after everything has been sent, so the live site
    switches late and at once rather than file by file.
    """
    ssh = ["ssh", "-p", str(settings.DEPLOY_SSH_PORT), "-o", "BatchMode=yes"]
    if settings.DEPLOY_SSH_KEY:
        ssh += ["-i", os.path.expanduser(settings.DEPLOY_SSH_KEY), "-o", "IdentitiesOnly=yes"]
    if settings.DEPLOY_SSH_KNOWN_HOSTS:
        known = os.path.expanduser(settings.DEPLOY_SSH_KNOWN_HOSTS)
        ssh += ["-o", f"UserKnownHostsFile={known}", "-o", "StrictHostKeyChecking=yes"]
    command = [
        "rsync",
        "--recursive",
        "--links",
        "--perms",
        "--chmod=D755,F644",  # readable by the web server, whatever the umask here
        "--checksum",
        "--delete-after",
        "--delay-updates",
        "--itemize-changes",
        "--compress",
        "--rsh",
        shlex.join(ssh),
    ]
    if dry_run:
        command.append("--dry-run")
    return [*command, f"{site}/", settings.DEPLOY_RSYNC_TARGET]


def parse_itemized(lines: Iterable[str]) -> list[Change]:
    """rsync's --itemize-changes lines as changes to files (folders and
    changes of attributes only are left out)."""
    changes = []
    for line in lines:
        if line.startswith("*deleting "):
            path = line.removeprefix("*deleting ").strip()
            if not path.endswith("/"):
                changes.append(Change(path, DELETED))
        elif line[:2] in ("<f", ">f", "cf"):
            flags, _, path = line.rstrip("\n").partition(" ")
            changes.append(Change(path, NEW if flags.endswith("+++++") else CHANGED))
    return changes


def deploy_rsync(site: Path, settings: SiteSettings, dry_run: bool) -> list[Change]:
    if not settings.DEPLOY_RSYNC_TARGET:
        raise DeployError(messages.text("deploy.rsync_target_missing"))
    command = rsync_command(site, settings, dry_run)
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise DeployError(messages.text("deploy.rsync_missing")) from None
    if result.returncode != 0:
        detail = _reason(result.stderr) or f"exit {result.returncode}"
        raise DeployError(
            messages.text("deploy.rsync_failed", target=settings.DEPLOY_RSYNC_TARGET, detail=detail)
        )
    return parse_itemized(result.stdout.splitlines())


def _reason(text: str) -> str:
    """The line of rsync's error output that says what went wrong: ssh's
    last one ("Host key verification failed.", "… Connection refused", after
    its @@@ warning banner) says more than rsync's general lines that
    follow it ("connection unexpectedly closed", "rsync error: …")."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    ssh = [line for line in lines if not line.startswith(("rsync", "@"))]
    useful = [line for line in lines if not line.startswith("rsync error:")]
    return (ssh[-1:] or useful[-1:] or lines[-1:] or [""])[0]


# --------------------------------------------------------------------- S3


def local_files(site: Path) -> dict[str, str]:
    """Every file below `site` as {relative path: MD5 hex digest}."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            files[path.relative_to(site).as_posix()] = hashlib.md5(
                path.read_bytes(), usedforsecurity=False
            ).hexdigest()
    return files


def plan_s3(local: dict[str, str], remote: dict[str, str]) -> list[Change]:
    """What makes the bucket equal to the site: `local` maps paths to MD5
    digests, `remote` maps paths to ETags. A single-part upload's ETag is
    the MD5 of the object; any other (multipart, "abc-3") counts as changed."""
    changes = [
        Change(path, NEW if path not in remote else CHANGED)
        for path, digest in local.items()
        if remote.get(path, "").strip('"') != digest
    ]
    changes += [Change(path, DELETED) for path in remote if path not in local]
    # Pictures, styles and feeds before the pages that use them.
    return sorted(changes, key=lambda c: (c.kind == DELETED, c.path.endswith(".html"), c.path))


def s3_client(settings: SiteSettings):
    """A boto3 S3 client; credentials (and, if not set here, the endpoint
    and region) come from the usual AWS_* environment variables."""
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=settings.DEPLOY_S3_ENDPOINT_URL or None,
        region_name=settings.DEPLOY_S3_REGION or None,
    )


def _remote_objects(client, bucket: str, prefix: str) -> Iterator[tuple[str, str]]:
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
    for page in pages:
        for item in page.get("Contents", []):
            yield item["Key"][len(prefix) :], item["ETag"]


def deploy_s3(site: Path, settings: SiteSettings, dry_run: bool, client=None) -> list[Change]:
    from botocore.exceptions import BotoCoreError, ClientError

    bucket = settings.DEPLOY_S3_BUCKET
    if not bucket:
        raise DeployError(messages.text("deploy.s3_bucket_missing"))
    prefix = settings.DEPLOY_S3_PREFIX
    try:
        client = client or s3_client(settings)
        remote = dict(_remote_objects(client, bucket, prefix))
        changes = plan_s3(local_files(site), remote)
        if dry_run:
            return changes
        for change in changes:
            if change.kind != DELETED:
                client.put_object(
                    Bucket=bucket,
                    Key=prefix + change.path,
                    Body=(site / change.path).read_bytes(),
                    ContentType=content_type(change.path),
                )
        stale = [prefix + c.path for c in changes if c.kind == DELETED]
        for start in range(0, len(stale), S3_BATCH):
            objects = [{"Key": key} for key in stale[start : start + S3_BATCH]]
            client.delete_objects(Bucket=bucket, Delete={"Objects": objects, "Quiet": True})
    except (BotoCoreError, ClientError) as err:
        raise DeployError(messages.text("deploy.s3_failed", bucket=bucket, detail=err)) from None
    return changes


# -------------------------------------------------------------- command


def deploy(site: Path, settings: SiteSettings, target: str, dry_run: bool) -> list[Change]:
    """Make the target equal to the built site in `site`; the changes."""
    if not (site / "index.html").is_file():
        raise DeployError(messages.text("deploy.no_site", folder=site))
    if target == "rsync":
        return deploy_rsync(site, settings, dry_run)
    return deploy_s3(site, settings, dry_run)


def summary(changes: list[Change], dry_run: bool) -> str:
    counts = {kind: sum(1 for c in changes if c.kind == kind) for kind in (NEW, CHANGED, DELETED)}
    key = "deploy.summary_dry_run" if dry_run else "deploy.summary"
    return messages.text(key, new=counts[NEW], changed=counts[CHANGED], deleted=counts[DELETED])


def load_settings(path: str) -> SiteSettings:
    """The checked settings of `path`; raises with one line per problem."""
    settings = read_settings_file(path)
    model, _consent, errors = check_site_settings(settings, SettingsSource(path))
    if errors:
        raise ContentValidationError(errors)
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eduweb.deploy")
    parser.add_argument("settings", nargs="?", default="publishconf.py")
    parser.add_argument("--output", default="output")
    parser.add_argument("--target", choices=TARGETS)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.settings)
    except ContentValidationError as error:
        report(error)
        return 1
    target = args.target or settings.DEPLOY_TARGET
    if target == "none":
        print(messages.text("deploy.none"))
        return 0
    pinned = os.environ.get("SOURCE_DATE_EPOCH")
    if pinned and not args.dry_run:
        # The site was built for a fixed moment: scheduled articles and the
        # calendar would stay as they were then.
        print(messages.text("deploy.pinned_time", value=pinned), file=sys.stderr)
        return 1
    try:
        changes = deploy(Path(args.output).resolve(), settings, target, args.dry_run)
    except DeployError as error:
        print(error, file=sys.stderr)
        return 1
    lines = [str(change) for change in changes]
    print("\n".join([*lines, summary(changes, args.dry_run)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
