"""invoke publish's deploy step (plugins/eduweb/deploy.py), against real
servers started here on 127.0.0.1: an OpenSSH sshd for rsync over SSH and
moto's S3-compatible server for a bucket. Nothing else is contacted."""

from __future__ import annotations

import contextlib
import getpass
import io
import os
import shutil
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, Site, article, file_bytes
from eduweb import deploy, messages
from eduweb.settings_files import SettingsSource
from eduweb.site_settings import SiteSettings, check_site_settings, unknown_settings

# The messages here are asserted in Swedish, the writers' language.
pytestmark = pytest.mark.usefixtures("swedish_messages")


SSHD = "/usr/sbin/sshd"
SETTINGS = {"SITENAME": "Test", "PUBLIC_URL": "https://www.example.se", "TIMEZONE": "UTC"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read() if proc.stderr else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


def differing(old: Path, new: Path) -> set[str]:
    """Files of `new` that are not byte for byte in `old`."""
    before, after = file_bytes(old), file_bytes(new)
    return {path for path, data in after.items() if before.get(path) != data}


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Site, Path, Path]:
    """The site built twice with publishconf.py: the second build changes
    one article, adds one and removes one."""
    site = Site(tmp_path_factory.mktemp("deploy") / "site")
    site.write("news/2024/forsta.md", article("Första", body="Första texten."))
    site.write("news/2024/andra.md", article("Andra", date="2024-06-04"))
    first = site.build(settings="publishconf.py", output=site.root / "first")
    assert first.returncode == 0, first.stderr
    site.write("news/2024/forsta.md", article("Första", body="Ändrad text."))
    (site.root / "content/news/2024/andra.md").unlink()
    site.write("news/2024/tredje.md", article("Tredje", date="2024-06-05"))
    second = site.build(settings="publishconf.py", output=site.root / "second")
    assert second.returncode == 0, second.stderr
    return site, first.output, second.output


def run_deploy(site: Site, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DEPLOY_", "AWS_"))}
    environ.update(env or {}, PYTHONPATH=str(ROOT / "plugins"))
    return subprocess.run(
        [sys.executable, "-m", "eduweb.deploy", "publishconf.py", *args],
        cwd=site.root,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def listed(stdout: str) -> dict[str, str]:
    """The change lines printed, as {path: Swedish kind}."""
    kinds = {messages.CATALOGUE[f"deploy.kind.{k}"].sv for k in ("new", "changed", "deleted")}
    result = {}
    for line in stdout.splitlines():
        kind, _, path = line.partition(": ")
        if kind in kinds:
            result[path] = kind
    return result


# ----------------------------------------------------------------- rsync


@pytest.fixture(scope="module")
def sshd(tmp_path_factory):
    """An sshd on 127.0.0.1 at a free port that lets this user in with a
    key made for the test; yields the environment that points deploy at it."""
    if not os.path.exists(SSHD) or not shutil.which("rsync"):
        pytest.skip("needs rsync and openssh-server (`invoke test` installs them)")
    tmp = tmp_path_factory.mktemp("sshd")
    for name in ("host_key", "client_key"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp / name)], check=True
        )
    shutil.copy(tmp / "client_key.pub", tmp / "authorized_keys")
    port = free_port()
    host_key = (tmp / "host_key.pub").read_text().split()[:2]
    (tmp / "known_hosts").write_text(f"[127.0.0.1]:{port} {' '.join(host_key)}\n")
    (tmp / "sshd_config").write_text(
        f"ListenAddress 127.0.0.1\nPort {port}\nHostKey {tmp / 'host_key'}\n"
        f"AuthorizedKeysFile {tmp / 'authorized_keys'}\nPidFile {tmp / 'sshd.pid'}\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
        "StrictModes no\nPermitRootLogin prohibit-password\nLogLevel ERROR\n"
    )
    if os.geteuid() == 0:
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # its privilege separation folder
    proc = subprocess.Popen(
        [SSHD, "-D", "-e", "-f", str(tmp / "sshd_config")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(port, proc)
        remote = tmp / "remote"
        remote.mkdir()
        yield (
            remote,
            {
                "DEPLOY_RSYNC_TARGET": f"{getpass.getuser()}@127.0.0.1:{remote}/",
                "DEPLOY_SSH_PORT": str(port),
                "DEPLOY_SSH_KEY": str(tmp / "client_key"),
                "DEPLOY_SSH_KNOWN_HOSTS": str(tmp / "known_hosts"),
            },
        )
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_rsync_dry_run_then_publish_then_only_changes(builds, sshd):
    site, first, second = builds
    remote, env = sshd

    dry = run_deploy(site, "--output", str(first), "--target", "rsync", "--dry-run", env=env)
    assert dry.returncode == 0, dry.stderr
    changes = listed(dry.stdout)
    assert changes["nyheter/2024/forsta/index.html"] == "ny"
    assert set(changes) == set(file_bytes(first))
    assert "Provkörning, inget har ändrats" in dry.stdout
    assert list(remote.iterdir()) == []

    done = run_deploy(site, "--output", str(first), "--target", "rsync", env=env)
    assert done.returncode == 0, done.stderr
    assert file_bytes(remote) == file_bytes(first)
    assert stat.S_IMODE((remote / "index.html").stat().st_mode) == 0o644

    again = run_deploy(site, "--output", str(second), "--target", "rsync", env=env)
    assert again.returncode == 0, again.stderr
    changes = listed(again.stdout)
    removed = set(file_bytes(first)) - set(file_bytes(second))
    assert "nyheter/2024/andra/index.html" in removed
    assert {p for p, kind in changes.items() if kind == "tas bort"} == removed
    # Only what differs is sent: the theme's files, for one, are not.
    assert {p for p, kind in changes.items() if kind != "tas bort"} == differing(first, second)
    assert changes["nyheter/2024/forsta/index.html"] == "ändrad"
    assert changes["nyheter/2024/tredje/index.html"] == "ny"
    assert file_bytes(remote) == file_bytes(second)


def test_rsync_to_a_closed_port_is_one_line(builds, sshd):
    site, first, _ = builds
    _, env = sshd
    result = run_deploy(
        site, "--output", str(first), "--target", "rsync", env={**env, "DEPLOY_SSH_PORT": "1"}
    )
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"det gick inte att publicera till {env['DEPLOY_RSYNC_TARGET']}: ")
    assert "Traceback" not in result.stderr


def test_rsync_refuses_an_unknown_host_key(builds, sshd, tmp_path):
    _, first, _ = builds
    remote, env = sshd
    other = tmp_path / "other_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(other)], check=True)
    pub = " ".join((tmp_path / "other_key.pub").read_text().split()[:2])
    (tmp_path / "known_hosts").write_text(f"[127.0.0.1]:{env['DEPLOY_SSH_PORT']} {pub}\n")
    settings = _model(**{**env, "DEPLOY_SSH_KNOWN_HOSTS": str(tmp_path / "known_hosts")})
    before = file_bytes(remote)
    error = _raises(lambda: deploy.deploy_rsync(first, settings, dry_run=False))
    assert "det gick inte att publicera" in str(error)
    assert "Host key verification failed" in str(error)
    assert file_bytes(remote) == before


def test_rsync_command_switches_late_and_compares_contents():
    settings = SiteSettings.model_validate(
        {**SETTINGS, "DEPLOY_RSYNC_TARGET": "webb@example.se:/srv/www/", "DEPLOY_SSH_PORT": "2222"}
    )
    command = deploy.rsync_command(Path("/tmp/out"), settings, dry_run=True)
    assert {"--delete-after", "--delay-updates", "--checksum", "--dry-run"} <= set(command)
    assert command[-2:] == ["/tmp/out/", "webb@example.se:/srv/www/"]
    assert "-p 2222" in command[command.index("--rsh") + 1]


@pytest.mark.parametrize(
    "target",
    ["webb@server.example.se:/var/www/", "server:www", "[::1]:/srv/", "deploy_1@10.0.0.5:/srv"],
)
def test_rsync_targets_that_are_accepted(target):
    assert target == _model(DEPLOY_RSYNC_TARGET=target).DEPLOY_RSYNC_TARGET


@pytest.mark.parametrize(
    "target",
    ["/var/www", "server.example.se", "-e@host:/x", "host:--delete", "a b@host:/x", "host:"],
)
def test_rsync_targets_that_are_refused(target):
    """Not a remote folder, or a part rsync would read as an option."""
    assert "är ingen serveradress med mapp" in _settings_line(DEPLOY_RSYNC_TARGET=target)


def test_itemized_lines_become_changes():
    lines = [
        "cd+++++++++ nyheter/",
        "<f+++++++++ nyheter/index.html",
        "<fcs........ index.html",
        ".f...p...... theme/css/site.css",
        "*deleting   gammal/index.html",
        "*deleting   gammal/",
    ]
    assert deploy.parse_itemized(lines) == [
        deploy.Change("nyheter/index.html", deploy.NEW),
        deploy.Change("index.html", deploy.CHANGED),
        deploy.Change("gammal/index.html", deploy.DELETED),
    ]


# -------------------------------------------------------------------- S3


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3_env(s3_server, tmp_path) -> dict[str, str]:
    return {
        "DEPLOY_S3_BUCKET": "webbplats",
        "DEPLOY_S3_ENDPOINT_URL": s3_server,
        "DEPLOY_S3_REGION": "eu-north-1",
        "DEPLOY_S3_PREFIX": "sajt",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        # No profile or credentials of this machine's user are read.
        "AWS_CONFIG_FILE": str(tmp_path / "none"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
    }


def s3(env: dict[str, str]):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=env["DEPLOY_S3_ENDPOINT_URL"],
        region_name=env["DEPLOY_S3_REGION"],
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def bucket_files(client, prefix: str = "sajt/") -> dict[str, bytes]:
    objects = client.list_objects_v2(Bucket="webbplats", Prefix=prefix).get("Contents", [])
    return {
        o["Key"][len(prefix) :]: client.get_object(Bucket="webbplats", Key=o["Key"])["Body"].read()
        for o in objects
    }


def test_s3_dry_run_then_upload_then_only_changes(builds, s3_env):
    site, first, second = builds
    client = s3(s3_env)
    client.create_bucket(
        Bucket="webbplats", CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
    )
    client.put_object(Bucket="webbplats", Key="sajt/gammal.html", Body=b"old")
    client.put_object(Bucket="webbplats", Key="annat/behall.txt", Body=b"not ours")

    dry = run_deploy(site, "--output", str(first), "--target", "s3", "--dry-run", env=s3_env)
    assert dry.returncode == 0, dry.stderr
    changes = listed(dry.stdout)
    assert changes["nyheter/2024/forsta/index.html"] == "ny"
    assert changes["gammal.html"] == "tas bort"
    assert bucket_files(client) == {"gammal.html": b"old"}

    done = run_deploy(site, "--output", str(first), "--target", "s3", env=s3_env)
    assert done.returncode == 0, done.stderr
    assert bucket_files(client) == file_bytes(first)
    assert bucket_files(client, "annat/") == {"behall.txt": b"not ours"}
    types = {
        key: client.head_object(Bucket="webbplats", Key=f"sajt/{key}")["ContentType"]
        for key in ("index.html", "kalender.ics", "nyheter/atom.xml", "sitemap.xml")
    }
    assert types == {
        "index.html": "text/html; charset=utf-8",
        "kalender.ics": "text/calendar; charset=utf-8",
        "nyheter/atom.xml": "application/atom+xml; charset=utf-8",
        "sitemap.xml": "application/xml; charset=utf-8",
    }

    again = run_deploy(site, "--output", str(second), "--target", "s3", env=s3_env)
    assert again.returncode == 0, again.stderr
    changes = listed(again.stdout)
    removed = set(file_bytes(first)) - set(file_bytes(second))
    assert {p for p, kind in changes.items() if kind == "tas bort"} == removed
    assert {p for p, kind in changes.items() if kind != "tas bort"} == differing(first, second)
    assert bucket_files(client) == file_bytes(second)


def test_s3_without_the_bucket_is_one_line(builds, s3_env, monkeypatch):
    _, first, _ = builds
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_CONFIG_FILE"):
        monkeypatch.setenv(key, s3_env[key])
    settings = _model(**{**s3_env, "DEPLOY_S3_BUCKET": "finns-inte"})
    error = _raises(lambda: deploy.deploy_s3(first, settings, dry_run=False))
    [line] = str(error).splitlines()
    assert line.startswith("det gick inte att publicera till lagringsbehållaren finns-inte: ")
    assert "NoSuchBucket" in line


def test_content_types():
    assert deploy.content_type("kontakter/anna.vcf") == "text/vcard; charset=utf-8"
    assert deploy.content_type("kalender.ics") == "text/calendar; charset=utf-8"
    assert deploy.content_type("a/index.html") == "text/html; charset=utf-8"
    assert deploy.content_type("images/bild.JPG") == "image/jpeg"
    assert deploy.content_type("_headers") == "application/octet-stream"


def test_s3_plan_uploads_changed_and_deletes_stale_after():
    local = {"index.html": "aa", "style.css": "bb", "ny.html": "cc"}
    remote = {"index.html": '"aa"', "style.css": '"old"', "borta.html": '"dd"'}
    assert deploy.plan_s3(local, remote) == [
        deploy.Change("style.css", deploy.CHANGED),
        deploy.Change("ny.html", deploy.NEW),
        deploy.Change("borta.html", deploy.DELETED),
    ]
    # A multipart upload's ETag is not an MD5: uploaded again.
    assert deploy.plan_s3({"a.html": "aa"}, {"a.html": '"aa-2"'}) == [
        deploy.Change("a.html", deploy.CHANGED)
    ]


# ------------------------------------------------------------- messages


def _settings_line(**values) -> str:
    source = SettingsSource.from_text("", "publishconf.py")
    _model, _consent, errors = check_site_settings({**SETTINGS, **values}, source)
    [error] = errors
    return error.message


def _deploy_line(target: str, **values) -> str:
    settings = SiteSettings.model_validate({**SETTINGS, **values})
    with pytest.raises(deploy.DeployError) as raised:
        deploy.deploy(ROOT / "tests", settings, target, dry_run=True)
    return str(raised.value)


def _built(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text("<!doctype html>")
    return tmp_path


# (key, how to trigger it, the Swedish line), as in tests/test_messages.py.
MESSAGE_CASES = [
    (
        "deploy.setting.target",
        lambda tmp: _settings_line(DEPLOY_TARGET="ftp"),
        "'ftp' är inget sätt att publicera (skriv 'rsync', 's3' eller 'none')",
    ),
    (
        "deploy.setting.rsync_target",
        lambda tmp: _settings_line(DEPLOY_RSYNC_TARGET="/var/www"),
        "'/var/www' är ingen serveradress med mapp "
        "(skriv t.ex. 'webb@server.example.se:/var/www/webbplats')",
    ),
    (
        "deploy.setting.port",
        lambda tmp: _settings_line(DEPLOY_SSH_PORT="70000"),
        "'70000' är inget portnummer (skriv ett heltal mellan 1 och 65535, t.ex. 22)",
    ),
    (
        "deploy.setting.path",
        lambda tmp: _settings_line(DEPLOY_SSH_KEY=["id"]),
        "['id'] är ingen sökväg till en fil (skriv t.ex. '~/.ssh/id_ed25519')",
    ),
    (
        "deploy.setting.bucket",
        lambda tmp: _settings_line(DEPLOY_S3_BUCKET="Min_Bucket"),
        "'Min_Bucket' är inget namn på en lagringsbehållare (3–63 små bokstäver a–z, "
        "siffror, punkt och bindestreck, t.ex. 'webbplats')",
    ),
    (
        "deploy.setting.endpoint",
        lambda tmp: _settings_line(DEPLOY_S3_ENDPOINT_URL="s3.example.se"),
        "'s3.example.se' är ingen adress till en lagringstjänst "
        "(skriv t.ex. 'https://s3.eu-north-1.amazonaws.com', utan sökväg)",
    ),
    (
        "deploy.setting.region",
        lambda tmp: _settings_line(DEPLOY_S3_REGION="Eu North"),
        "'Eu North' är ingen region (skriv t.ex. 'eu-north-1', eller lämna tomt)",
    ),
    (
        "deploy.setting.prefix",
        lambda tmp: _settings_line(DEPLOY_S3_PREFIX="/webb"),
        "'/webb/' är ingen mapp i lagringsbehållaren (skriv t.ex. 'webbplats/', "
        "utan / först, eller lämna tomt)",
    ),
    (
        "deploy.no_site",
        lambda tmp: _deploy_line("rsync"),
        f"det finns ingen byggd webbplats i {ROOT / 'tests'} "
        "(kör invoke publish, som bygger först)",
    ),
    (
        "deploy.rsync_target_missing",
        lambda tmp: str(_raises(lambda: deploy.deploy_rsync(_built(tmp), _model(), True))),
        "DEPLOY_RSYNC_TARGET saknas: skriv vart webbplatsen ska, t.ex. "
        "DEPLOY_RSYNC_TARGET = 'webb@server.example.se:/var/www/webbplats' i "
        "publishconf.py, eller sätt miljövariabeln DEPLOY_RSYNC_TARGET",
    ),
    (
        "deploy.rsync_missing",
        lambda tmp: _without_rsync(tmp),
        "programmet rsync finns inte på den här datorn (installera det, t.ex. "
        "apt-get install rsync openssh-client)",
    ),
    (
        "deploy.s3_bucket_missing",
        lambda tmp: str(_raises(lambda: deploy.deploy_s3(_built(tmp), _model(), True))),
        "DEPLOY_S3_BUCKET saknas: skriv namnet på lagringsbehållaren (bucket), t.ex. "
        "DEPLOY_S3_BUCKET = 'webbplats' i publishconf.py, eller sätt miljövariabeln "
        "DEPLOY_S3_BUCKET",
    ),
    (
        "deploy.none",
        lambda tmp: _main_output(tmp, "--target", "none"),
        "Webbplatsen är byggd men inte publicerad (välj --target rsync eller "
        "--target s3, eller skriv DEPLOY_TARGET i publishconf.py)",
    ),
    (
        "deploy.pinned_time",
        lambda tmp: _main_error(tmp, "--target", "rsync", SOURCE_DATE_EPOCH="1700000000"),
        "SOURCE_DATE_EPOCH=1700000000 är satt, så webbplatsen byggdes för en fast tidpunkt "
        "och publiceras inte (ta bort variabeln, t.ex. unset SOURCE_DATE_EPOCH, och kör igen)",
    ),
    (
        "deploy.summary",
        lambda tmp: deploy.summary([deploy.Change("a", deploy.NEW)], dry_run=False),
        "Publicerat. Nya filer: 1, ändrade: 0, borttagna: 0",
    ),
    (
        "deploy.summary_dry_run",
        lambda tmp: deploy.summary([deploy.Change("a", deploy.DELETED)], dry_run=True),
        "Provkörning, inget har ändrats. Skulle publiceras – nya filer: 0, ändrade: 0, "
        "borttagna: 1",
    ),
]


def _model(**values) -> SiteSettings:
    return SiteSettings.model_validate({**SETTINGS, **values})


def _raises(call) -> Exception:
    with pytest.raises(deploy.DeployError) as raised:
        call()
    return raised.value


def _without_rsync(tmp: Path) -> str:
    saved = os.environ["PATH"]
    os.environ["PATH"] = str(tmp)  # no rsync there
    try:
        settings = _model(DEPLOY_RSYNC_TARGET="webb@example.se:/srv/www/")
        return str(_raises(lambda: deploy.deploy_rsync(_built(tmp), settings, True)))
    finally:
        os.environ["PATH"] = saved


def _main(tmp: Path, *args: str, **env: str) -> tuple[int, str, str]:
    settings = tmp / "publishconf.py"
    settings.write_text(
        "SITENAME = 'Test'\nPUBLIC_URL = 'https://www.example.se'\nTIMEZONE = 'UTC'\n"
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = deploy.main([str(settings), "--output", str(_built(tmp)), *args])
    return code, out.getvalue().strip(), err.getvalue().strip()


def _main_output(tmp: Path, *args: str) -> str:
    code, out, _ = _main(tmp, *args)
    assert code == 0
    return out


def _main_error(tmp: Path, *args: str, **env: str) -> str:
    code, _, err = _main(tmp, *args, **env)
    assert code == 1
    return err


def test_a_misspelt_deploy_setting_is_named():
    assert unknown_settings({"DEPLOY_S3_BUKET"}) == [
        (("DEPLOY_S3_BUKET",), "okänd inställning (menade du DEPLOY_S3_BUCKET?)")
    ]


@pytest.mark.parametrize(
    ("key", "trigger", "expected"), MESSAGE_CASES, ids=[c[0] for c in MESSAGE_CASES]
)
def test_message(key, trigger, expected, tmp_path):
    assert messages.CATALOGUE[key].sv in expected or "{" in messages.CATALOGUE[key].sv
    assert trigger(tmp_path) == expected
