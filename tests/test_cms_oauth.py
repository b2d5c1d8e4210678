"""The GitHub login proxy of the web editor (plugins/eduweb/cms_oauth.py),
in-process against a fake GitHub token endpoint on 127.0.0.1: the happy
path, a wrong or missing state, errors from GitHub, and that the token
only ever goes to the configured site origin (issue 10, point 5)."""

from __future__ import annotations

import base64
import hashlib
import http.client
import http.server
import io
import json
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator

import pytest
from conftest import ROOT
from eduweb import cms_oauth
from eduweb.cms_oauth import STATE_COOKIE, App, Config, ConfigError

SITE = "https://www.example.se"
PROXY = "https://cms-inloggning.example.se"
TOKEN = "gho_secret-token-1234"


class FakeGitHub:
    """GitHub's token endpoint: records each POST, answers with `answer`."""

    def __init__(self) -> None:
        self.requests: list[dict[str, list[str]]] = []
        self.answer: dict = {"access_token": TOKEN, "token_type": "bearer", "scope": "repo"}
        self.status = 200
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = urllib.parse.parse_qs(self.rfile.read(length).decode())
                fake.requests.append({**form, "accept": [self.headers.get("Accept", "")]})
                body = json.dumps(fake.answer).encode()
                self.send_response(fake.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub()
    thread = threading.Thread(target=fake.server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture
def app(github) -> App:
    return App(
        Config(
            client_id="client-id-1",
            client_secret="client-secret-1",
            site_origin=SITE,
            public_url=PROXY,
            github_url=github.url,
        )
    )


def get(app: App, path: str, cookie: str = "", method: str = "GET"):
    """Call the WSGI app; (status, headers as a dict of lists, body text)."""
    route, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "HTTP_COOKIE": cookie,
        "wsgi.input": io.BytesIO(),
    }
    answer: dict = {}

    def start_response(status, headers):
        answer["status"] = status
        answer["headers"] = {}
        for name, value in headers:
            answer["headers"].setdefault(name.lower(), []).append(value)

    body = b"".join(app(environ, start_response)).decode("utf-8")
    return answer["status"], answer["headers"], body


def login(app: App) -> tuple[str, str]:
    """GET /auth: (the state sent to GitHub, the Cookie header to send back)."""
    status, headers, _ = get(app, "/auth?provider=github&site_id=www.example.se&scope=repo")
    assert status == "302 Found"
    target = urllib.parse.urlsplit(headers["location"][0])
    state = urllib.parse.parse_qs(target.query)["state"][0]
    cookie = headers["set-cookie"][0].split(";")[0]
    return state, cookie


def message(body: str) -> dict:
    """The data block the callback page's script sends."""
    found = re.search(r'<script type="application/json" id="cms-message">(.*?)</script>', body)
    assert found, body
    return json.loads(found.group(1))


def script_hashes(body: str) -> set[str]:
    scripts = re.findall(r"<script>(.*?)</script>", body, re.DOTALL)
    return {
        "sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts
    }


# ------------------------------------------------------------- the happy path
def test_auth_sends_the_popup_to_github_with_a_state_bound_to_a_cookie(app, github):
    status, headers, _ = get(app, "/auth?provider=github&site_id=www.example.se&scope=repo")
    assert status == "302 Found"
    target = urllib.parse.urlsplit(headers["location"][0])
    assert f"{target.scheme}://{target.netloc}{target.path}" == (
        f"{github.url}/login/oauth/authorize"
    )
    query = urllib.parse.parse_qs(target.query)
    assert query["client_id"] == ["client-id-1"]
    assert query["redirect_uri"] == [f"{PROXY}/callback"]
    assert query["scope"] == ["repo"]
    state = query["state"][0]
    assert len(state) >= 40  # 32 random bytes
    cookie = headers["set-cookie"][0]
    assert cookie.startswith(f"{STATE_COOKIE}={state};")
    attributes = {part.strip().split("=")[0] for part in cookie.split(";")[1:]}
    assert attributes == {"Max-Age", "Path", "Secure", "HttpOnly", "SameSite"}
    assert "SameSite=Lax" in cookie and "Path=/;" in cookie
    assert headers["cache-control"] == ["no-store"]
    # A second login gets another state.
    assert login(app)[0] != state


def test_the_scope_is_the_organisations_not_the_requests(github):
    config = Config("id", "secret", SITE, PROXY, scope="public_repo", github_url=github.url)
    _, headers, _ = get(App(config), "/auth?provider=github&scope=repo,admin:org")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(headers["location"][0]).query)
    assert query["scope"] == ["public_repo"]


def test_the_callback_hands_the_token_to_the_site_origin_only(app, github, capsys, caplog):
    state, cookie = login(app)
    status, headers, body = get(app, f"/callback?code=code-1&state={state}", cookie)
    assert status == "200 OK"
    # GitHub was asked with the secret, the code and the same redirect_uri.
    [request] = github.requests
    assert request["client_id"] == ["client-id-1"]
    assert request["client_secret"] == ["client-secret-1"]
    assert request["code"] == ["code-1"]
    assert request["redirect_uri"] == [f"{PROXY}/callback"]
    assert request["accept"] == ["application/json"]
    # Decap's message, for the site's origin and no other.
    data = message(body)
    assert data["origin"] == SITE
    assert data["message"] == (
        'authorization:github:success:{"token": "' + TOKEN + '", "provider": "github"}'
    )
    assert '"*"' not in body and "'*'" not in body
    assert "postMessage(data.message, data.origin)" in body
    assert 'postMessage("authorizing:github", data.origin)' in body
    # The state is used up.
    assert headers["set-cookie"] == [
        f"{STATE_COOKIE}=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Lax"
    ]
    # Nothing of the token is printed or logged.
    out = capsys.readouterr()
    assert TOKEN not in out.out + out.err + caplog.text
    assert "client-secret-1" not in out.out + out.err + caplog.text


def test_the_callback_page_allows_only_its_own_script(app):
    state, cookie = login(app)
    _, headers, body = get(app, f"/callback?code=c&state={state}", cookie)
    [csp] = headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    allowed = set(re.findall(r"'(sha256-[^']+)'", directives["script-src"]))
    assert allowed == script_hashes(body) and len(allowed) == 1
    assert "unsafe-inline" not in csp and "nonce" not in csp
    assert headers["referrer-policy"] == ["no-referrer"]
    assert headers["cache-control"] == ["no-store"]


def test_a_token_cannot_end_the_data_block(github):
    """GitHub's answer is data: `</script>` in it stays inside the JSON."""
    github.answer = {"access_token": "</script><script>alert(1)</script>"}
    app = App(Config("id", "secret", SITE, PROXY, github_url=github.url))
    state, cookie = login(app)
    _, _, body = get(app, f"/callback?code=c&state={state}", cookie)
    assert body.count("</script>") == 2  # the data block's and the script's
    assert "alert(1)" in message(body)["message"]


# ------------------------------------------------------------- the state (CSRF)
@pytest.mark.parametrize(
    "query, cookie",
    [
        ("code=c&state=forged", "real"),  # another state than the cookie's
        ("code=c", "real"),  # no state
        ("code=c&state=real", ""),  # no cookie: the login did not start in this browser
        ("code=c&state=", f"{STATE_COOKIE}="),  # both empty
        ("code=c&state=%C3%A5", "real"),  # not ASCII (compare_digest refuses such a str)
        ("error=access_denied&state=forged", "real"),  # an error is checked the same
    ],
)
def test_a_wrong_or_missing_state_gets_nothing(app, github, query, cookie):
    state, real_cookie = login(app)
    query = query.replace("state=real", f"state={state}")
    cookie = real_cookie if cookie == "real" else cookie
    status, headers, body = get(app, f"/callback?{query}", cookie)
    assert status == "400 Bad Request"
    assert github.requests == []  # the code was never exchanged
    assert "<script" not in body and "authorization:" not in body
    assert "Inloggningen kunde inte slutföras" in body
    assert headers["content-security-policy"][0].startswith("default-src 'none'")


def test_the_state_is_read_among_other_cookies(app, github):
    state, cookie = login(app)
    cookies = f'other="a;b; broken; {cookie}; last=1'
    status, _, _ = get(app, f"/callback?code=c&state={state}", cookies)
    assert status == "200 OK" and len(github.requests) == 1


# ------------------------------------------------------------- errors from GitHub
def test_a_refusal_at_github_is_passed_to_the_editor(app, github):
    state, cookie = login(app)
    query = f"error=access_denied&error_description=The+user+has+denied&state={state}"
    status, _, body = get(app, f"/callback?{query}", cookie)
    assert status == "200 OK"
    assert github.requests == []
    data = message(body)
    assert data["origin"] == SITE
    assert data["message"] == 'authorization:github:error:{"message": "The user has denied"}'
    assert "GitHub godkände inte inloggningen: The user has denied" in body


def test_a_code_github_does_not_accept_gives_an_error_and_no_token(app, github):
    github.answer = {
        "error": "bad_verification_code",
        "error_description": "The code passed is incorrect or expired.",
    }
    state, cookie = login(app)
    _, _, body = get(app, f"/callback?code=old&state={state}", cookie)
    assert message(body)["message"] == (
        'authorization:github:error:{"message": "The code passed is incorrect or expired."}'
    )
    assert "success" not in body


def test_an_http_error_from_github_gives_an_error(app, github):
    github.status, github.answer = 500, {"error": "server_error"}
    state, cookie = login(app)
    _, _, body = get(app, f"/callback?code=c&state={state}", cookie)
    assert message(body)["message"] == 'authorization:github:error:{"message": "server_error"}'


def test_an_answer_that_is_not_an_object_gives_an_error(app, github):
    github.answer = ["access_token", TOKEN]
    state, cookie = login(app)
    status, _, body = get(app, f"/callback?code=c&state={state}", cookie)
    assert status == "200 OK"
    assert message(body)["message"] == (
        'authorization:github:error:{"message": "unexpected answer"}'
    )
    assert TOKEN not in body


def test_github_out_of_reach_gives_502_and_an_error(app, github):
    state, cookie = login(app)
    github.server.shutdown()
    github.server.server_close()
    status, _, body = get(app, f"/callback?code=c&state={state}", cookie)
    assert status == "502 Bad Gateway"
    assert message(body)["message"].startswith("authorization:github:error:")
    assert "GitHub kunde inte nås" in body


# ------------------------------------------------------------- other requests
@pytest.mark.parametrize(
    "path, method, status",
    [
        ("/", "GET", "404 Not Found"),
        ("/auth?provider=gitlab", "GET", "400 Bad Request"),
        ("/auth", "POST", "405 Method Not Allowed"),
        ("/healthz", "GET", "200 OK"),
    ],
)
def test_other_requests(app, path, method, status):
    assert get(app, path, method=method)[0] == status


# ------------------------------------------------------------- configuration
ENV = {
    "CMS_OAUTH_CLIENT_ID": "id",
    "CMS_OAUTH_CLIENT_SECRET": "secret",
    "CMS_OAUTH_SITE_ORIGIN": "https://www.example.se/",
    "CMS_OAUTH_PUBLIC_URL": "https://cms-inloggning.example.se",
}


def test_the_configuration_comes_from_the_environment():
    config = Config.from_environment(ENV)
    assert config.site_origin == "https://www.example.se"  # the slash Decap trims
    assert config.redirect_uri == "https://cms-inloggning.example.se/callback"
    assert config.scope == "repo" and config.github_url == "https://github.com"
    local = Config.from_environment({**ENV, "CMS_OAUTH_SITE_ORIGIN": "http://127.0.0.1:8000"})
    assert local.site_origin == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    "name, value, expected",
    [
        ("CMS_OAUTH_CLIENT_SECRET", "", "set the environment variables CMS_OAUTH_CLIENT_SECRET"),
        ("CMS_OAUTH_SITE_ORIGIN", "https://www.example.se/admin/", "must be an origin"),
        ("CMS_OAUTH_SITE_ORIGIN", "*", "must be an origin"),
        ("CMS_OAUTH_SITE_ORIGIN", "http://www.example.se", "must use https"),
        ("CMS_OAUTH_PUBLIC_URL", "https://x.example.se/auth", "must be an origin"),
        ("CMS_OAUTH_SCOPE", "admin:org", "CMS_OAUTH_SCOPE must be repo"),
    ],
)
def test_a_wrong_configuration_is_refused(name, value, expected):
    with pytest.raises(ConfigError, match=re.escape(expected)):
        Config.from_environment({**ENV, name: value})


def test_the_server_refuses_to_start_without_its_settings(monkeypatch, capsys):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    assert cms_oauth.main(["--port", "0"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("cms_oauth: set the environment variables")


# ------------------------------------------------------------- as it is run
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(port: int, path: str, cookie: str = "") -> http.client.HTTPResponse:
    for _ in range(100):  # until waitress listens
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            return connection.getresponse()
        except ConnectionRefusedError:
            time.sleep(0.05)
    raise AssertionError("the proxy did not start")


def test_the_file_alone_runs_under_waitress(tmp_path, github):
    """Copied to a server with nothing but Python and waitress, it serves a
    whole login, and prints nothing of the token or the secret."""
    copy = tmp_path / "cms_oauth.py"
    shutil.copy(cms_oauth.__file__, copy)
    port = free_port()
    env = {**ENV, "CMS_OAUTH_GITHUB_URL": github.url, "PATH": "/usr/bin:/bin"}
    server = subprocess.Popen(
        [sys.executable, str(copy), "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        start = request(port, "/auth?provider=github&site_id=www.example.se")
        assert start.status == 302
        location = start.getheader("Location")
        assert location.startswith(f"{github.url}/login/oauth/authorize?")
        state = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["state"][0]
        cookie = start.getheader("Set-Cookie").split(";")[0]
        done = request(port, f"/callback?code=c&state={state}", cookie)
        assert done.status == 200
        assert TOKEN in done.read().decode()
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert "Serving on http://127.0.0.1:" in output
    assert TOKEN not in output and "secret" not in output and "code=c" not in output


def test_the_server_and_the_tests_pin_the_same_waitress():
    def pin(name: str) -> list[str]:
        text = (ROOT / name).read_text(encoding="utf-8")
        return [line for line in text.splitlines() if line.startswith("waitress==")]

    assert pin("requirements-cms-oauth.txt") == pin("requirements-dev.txt") != []
