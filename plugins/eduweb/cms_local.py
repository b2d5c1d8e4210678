"""The editor's local mode (`invoke cms`): the preview server (preview.py,
rebuilding on every save) plus Decap CMS's local backend, so the whole
editor can be tried against the files on this computer, without an account.

`python -m eduweb.cms_local [--port N] [-s SETTINGS] [-o OUTPUT]` serves on
127.0.0.1 only:

- the site and /admin/ as the preview does (the editor page itself gets no
  reload script: a rebuild after a save must not reload the editor);
- /admin/config.yml with `local_backend: {url: http://127.0.0.1:PORT/api/v1}`
  added, which tells Decap to use the API below instead of the git host;
- POST /api/v1: Decap's local backend protocol, the file-system mode of
  decap-server (`{"action": ..., "params": {...}}` in, JSON out). Decap
  asks `info` first; its answer `publish_modes: ["simple"]` makes the
  editor save directly (no editorial workflow) in this mode.

What the API refuses, so that no web page the writer has open can use it:
a Host header other than 127.0.0.1:PORT or localhost:PORT (DNS
rebinding), a POST whose Origin is not this server, a body that is not JSON
or larger than MAX_BODY, and any path outside the folders the editor may
write (EDITABLE_FOLDERS): no `..`, no absolute path, no hidden file or
folder, no symbolic link on the way. Files are written whole or not at all
(a temporary file renamed into place). After each save the terminal shows
the saved file's problem lines, the same as `invoke check` prints.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import stat
import sys
import threading
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from . import messages, preview
from .build import check_settings
from .content_index import scan
from .dates import build_now
from .errors import ContentError
from .files import write_whole
from .settings_files import read_settings_file

API = "/api/v1"
CONFIG = "/admin/config.yml"
ADMIN = "/admin/"
# The folders below the site folder the editor may read and write: the
# collections of the generated config (cms_config.py) and the pictures.
EDITABLE_FOLDERS = (
    "content/news",
    "content/programmes",
    "content/contacts",
    "content/pages",
    "content/images",
)
# A picture is sent as base64 (4/3 of its size) in one JSON request.
MAX_BODY = 32 * 1024 * 1024
# How deep entriesByFolder looks, whatever Decap asks (news/<year>/x.md is 2).
MAX_DEPTH = 8


class RefusedError(Exception):
    """A request the API will not carry out; the text says why (Swedish)."""

    status = 400


class NotFoundError(RefusedError):
    status = 404


def _parts(path: object) -> tuple[str, ...]:
    """The parts of a path Decap sends, relative to the site folder; RefusedError
    for anything that could reach outside EDITABLE_FOLDERS."""
    if not isinstance(path, str) or not path or "\\" in path or "\0" in path:
        raise RefusedError(messages.text("cms_local.path_refused", path=messages.quote(path)))
    # Split by hand: PurePosixPath would quietly drop "." and "//".
    parts = tuple(path.split("/"))
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts) or not any(
        parts[: len(top.split("/"))] == tuple(top.split("/")) for top in EDITABLE_FOLDERS
    ):
        raise RefusedError(messages.text("cms_local.path_refused", path=messages.quote(path)))
    return parts


def _no_link_on_the_way(root: Path, parts: tuple[str, ...]) -> Path:
    """root/parts, refused if an existing part of it is a symbolic link (or
    the last part exists and is not a regular file or folder)."""
    current = root
    for part in parts:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return root.joinpath(*parts)
        if stat.S_ISLNK(mode) or not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
            raise RefusedError(
                messages.text(
                    "cms_local.path_refused", path=messages.quote(str(current.relative_to(root)))
                )
            )
    return current


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class LocalBackend:
    """Decap's local backend protocol over the files below `root`."""

    def __init__(self, root: Path, saved: Callable[[list[str]], None] | None = None):
        self.root = root.resolve()
        self.saved = saved or (lambda paths: None)
        self.lock = threading.Lock()  # one write at a time

    # ---------------------------------------------------------------- paths
    def path(self, rel: object) -> Path:
        return _no_link_on_the_way(self.root, _parts(rel))

    def read(self, rel: object) -> bytes:
        path = self.path(rel)
        if not path.is_file():
            raise NotFoundError(messages.text("cms_local.not_found", path=messages.quote(rel)))
        return path.read_bytes()

    def write(self, rel: object, data: bytes) -> str:
        """Write the whole file or nothing: a temporary file beside it, then
        a rename over it. The folders on the way are made if missing."""
        parts = _parts(rel)
        target = self.path(rel)
        if target.exists() and not target.is_file():
            raise RefusedError(messages.text("cms_local.path_refused", path=messages.quote(rel)))
        folder = target.parent
        # No part on the way is a link (checked above), so mkdir follows none.
        folder.mkdir(parents=True, exist_ok=True)
        write_whole(target, data, prefix=".cms-", suffix=".tmp", mode=0o644, sync=True)
        return "/".join(parts)

    def delete(self, rel: object) -> str:
        path = self.path(rel)
        with contextlib.suppress(FileNotFoundError):
            if path.is_dir():
                raise RefusedError(
                    messages.text("cms_local.path_refused", path=messages.quote(rel))
                )
            path.unlink()
        return "/".join(_parts(rel))

    def list_files(self, folder: object, extension: str, depth: int) -> list[str]:
        """Files below `folder` ending in `extension`, `depth` levels deep;
        hidden names and symbolic links are left out."""
        base = self.path(folder)
        found: list[str] = []

        def walk(current: Path, level: int) -> None:
            if level <= 0:
                return
            try:
                entries = sorted(os.scandir(current), key=lambda e: e.name)
            except (FileNotFoundError, NotADirectoryError):
                return
            for entry in entries:
                if entry.name.startswith(".") or entry.is_symlink():
                    continue
                if entry.is_dir(follow_symlinks=False):
                    walk(Path(entry.path), level - 1)
                elif entry.is_file(follow_symlinks=False) and entry.name.endswith(extension):
                    found.append(Path(entry.path).relative_to(self.root).as_posix())

        walk(base, min(int(depth), MAX_DEPTH))
        return found

    # ---------------------------------------------------------------- answers
    def entry(self, rel: str, label: object = None) -> dict:
        """A file as Decap reads an entry; data None when it cannot be read."""
        file = {"path": rel, "label": label, "id": None}
        try:
            data = self.read(rel)
        except (RefusedError, OSError):
            return {"data": None, "file": file}
        return {"data": data.decode("utf-8"), "file": {**file, "id": _sha(data)}}

    def media_file(self, rel: str) -> dict:
        data = self.read(rel)
        return {
            "id": _sha(data),
            "content": base64.b64encode(data).decode("ascii"),
            "encoding": "base64",
            "path": rel,
            "name": PurePosixPath(rel).name,
        }

    def handle(self, request: object) -> object:
        """The answer to one request (already parsed JSON); RefusedError if not valid."""
        if not isinstance(request, dict) or not isinstance(request.get("action"), str):
            raise RefusedError(messages.text("cms_local.bad_request"))
        action = request["action"]
        params = request.get("params") or {}
        if not isinstance(params, dict):
            raise RefusedError(messages.text("cms_local.bad_request"))
        method = getattr(self, "do_" + action, None) if action.isidentifier() else None
        if method is None:
            raise RefusedError(
                messages.text("cms_local.unknown_action", action=messages.quote(action))
            )
        try:
            return method(params)
        except (KeyError, TypeError, ValueError, AttributeError, UnicodeDecodeError) as err:
            raise RefusedError(messages.text("cms_local.bad_request")) from err

    def do_info(self, params: dict) -> dict:
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def do_entriesByFolder(self, params: dict) -> list:  # noqa: N802 (Decap's name)
        files = self.list_files(params["folder"], str(params["extension"]), params["depth"])
        return [self.entry(rel) for rel in files]

    def do_entriesByFiles(self, params: dict) -> list:  # noqa: N802
        files = params["files"]
        return [self.entry("/".join(_parts(f["path"])), f.get("label")) for f in files]

    def do_getEntry(self, params: dict) -> dict:  # noqa: N802
        return self.entry("/".join(_parts(params["path"])))

    def do_persistEntry(self, params: dict) -> dict:  # noqa: N802
        entry = params.get("entry")
        data_files = params.get("dataFiles") or [entry]
        assets = params.get("assets") or []
        # Every path is checked before anything is written.
        for item in [*data_files, *assets]:
            _parts(item["path"])
            if item.get("newPath") is not None:
                _parts(item["newPath"])
        saved = []
        with self.lock:
            for asset in assets:
                saved.append(self.write(asset["path"], _decode(asset)))
            for item in data_files:
                raw = item["raw"]
                if not isinstance(raw, str):
                    raise TypeError("raw")
                saved.append(self.write(item["path"], raw.encode("utf-8")))
            if data_files and all(item.get("newPath") for item in data_files):
                for item in data_files:
                    self.move(item["path"], item["newPath"])
                    saved.remove("/".join(_parts(item["path"])))
                    saved.append("/".join(_parts(item["newPath"])))
        self.saved(saved)
        return {"message": "entry persisted"}

    def move(self, old: str, new: str) -> None:
        source, target = self.path(old), self.path(new)
        if not source.is_file() or target.exists():
            raise RefusedError(messages.text("cms_local.path_refused", path=messages.quote(new)))
        self.write(new, source.read_bytes())
        source.unlink()

    def do_getMedia(self, params: dict) -> list:  # noqa: N802
        return [self.media_file(rel) for rel in self.list_files(params["mediaFolder"], "", 1)]

    def do_getMediaFile(self, params: dict) -> dict:  # noqa: N802
        return self.media_file("/".join(_parts(params["path"])))

    def do_persistMedia(self, params: dict) -> dict:  # noqa: N802
        asset = params["asset"]
        with self.lock:
            rel = self.write(asset["path"], _decode(asset))
        self.saved([rel])
        return self.media_file(rel)

    def do_deleteFile(self, params: dict) -> dict:  # noqa: N802
        with self.lock:
            rel = self.delete(params["path"])
        self.saved([])
        return {"message": f"deleted file {rel}"}

    def do_deleteFiles(self, params: dict) -> dict:  # noqa: N802
        paths = params["paths"]
        for path in paths:
            _parts(path)
        with self.lock:
            done = [self.delete(path) for path in paths]
        self.saved([])
        return {"message": f"deleted files {', '.join(done)}"}

    def do_getDeployPreview(self, params: dict) -> None:  # noqa: N802
        return None


def _decode(asset: dict) -> bytes:
    if asset.get("encoding") != "base64" or not isinstance(asset.get("content"), str):
        raise ValueError("encoding")
    return base64.b64decode(asset["content"], validate=True)


def problem_lines(root: Path, settings_file: str, paths: list[str]) -> list[str]:
    """The problem lines `invoke check` would print for these files (or, if
    the settings are wrong, for the settings)."""
    settings = read_settings_file(str(root / settings_file))
    errors: list[ContentError] = check_settings(settings, str(root / settings_file))
    if errors:
        return [str(error) for error in errors]
    settings["_EDUWEB_NOW"] = build_now()
    wanted = set(paths)
    return [str(e) for e in sorted(scan(settings).errors) if e.path in wanted]


def report_saved(root: Path, settings_file: str) -> Callable[[list[str]], None]:
    """After a save: each saved file's problems, or that it has none."""

    def report(paths: list[str]) -> None:
        texts = [p for p in paths if p.endswith((".md", ".yml", ".yaml"))]
        if not texts:
            return
        cwd = os.getcwd()
        try:
            os.chdir(root)  # the settings name content/ relative to the site folder
            lines = problem_lines(root, settings_file, texts)
        except Exception as err:  # a broken settings file must not stop the editor
            lines = [f"{settings_file}: {err}"]
        finally:
            os.chdir(cwd)
        for path in texts:
            own = [line for line in lines if line.startswith(path + ":")]
            if own:
                preview.say(messages.text("cms_local.saved_problems", path=path), sys.stderr)
                preview.say("\n".join(own), sys.stderr)
            else:
                preview.say(messages.text("cms_local.saved_ok", path=path))
        other = [line for line in lines if not line.startswith(tuple(p + ":" for p in texts))]
        if other:
            preview.say("\n".join(other), sys.stderr)

    return report


def local_config(config: str, port: int) -> str:
    """config.yml with the local backend added (Decap reads it at start)."""
    return config.rstrip("\n") + f'\nlocal_backend:\n  url: "http://127.0.0.1:{port}{API}"\n'


class CmsHandler(preview.PreviewHandler):
    server: CmsServer

    def allowed_hosts(self) -> set[str]:
        port = self.server.server_address[1]
        return {f"127.0.0.1:{port}", f"localhost:{port}"}

    def host_ok(self) -> bool:
        if self.headers.get("Host", "") in self.allowed_hosts():
            return True
        self.answer(421, {"error": messages.text("cms_local.wrong_host")})
        return False

    def reloads(self, path: str) -> bool:
        return not path.startswith(ADMIN)

    def respond(self, with_body: bool) -> None:
        if not self.host_ok():
            return None
        if urlsplit(self.path).path == CONFIG:
            try:
                config = (self.server.output / CONFIG.lstrip("/")).read_text(encoding="utf-8")
            except OSError:
                return super().respond(with_body)
            body = local_config(config, self.server.server_address[1]).encode("utf-8")
            return self.send(200, "text/yaml; charset=utf-8", body, with_body)
        return super().respond(with_body)

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        if not self.host_ok():
            return
        if urlsplit(self.path).path != API:
            return self.answer(404, {"error": messages.text("cms_local.bad_request")})
        origin = self.headers.get("Origin")
        if origin is None or urlsplit(origin).netloc not in self.allowed_hosts():
            return self.answer(403, {"error": messages.text("cms_local.wrong_origin")})
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self.close_connection = True
            return self.answer(413, {"error": messages.text("cms_local.too_large")})
        body = self.rfile.read(length)
        if ctype != "application/json":
            return self.answer(415, {"error": messages.text("cms_local.bad_request")})
        try:
            request = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return self.answer(400, {"error": messages.text("cms_local.bad_request")})
        try:
            result = self.server.backend.handle(request)
        except RefusedError as refused:
            return self.answer(refused.status, {"error": str(refused)})
        except OSError as err:
            return self.answer(500, {"error": err.strerror or str(err)})
        return self.answer(200, result)

    def answer(self, status: int, data: object) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self.send(status, "application/json; charset=utf-8", body, True)


class CmsServer(preview.PreviewServer):
    start_page = ADMIN.lstrip("/")
    backend: LocalBackend

    def __init__(self, address: tuple[str, int], output: Path, watching: bool):
        super().__init__(address, output, watching)
        self.RequestHandlerClass = CmsHandler


def server_class(root: Path, settings_file: str) -> type:
    """CmsServer with its backend over the site folder `root`."""

    class Server(CmsServer):
        def __init__(self, address, output, watching):
            super().__init__(address, output, watching)
            self.backend = LocalBackend(root, report_saved(root, settings_file))

    return Server


def main(argv: list[str] | None = None) -> int:
    parser = preview.arguments("python -m eduweb.cms_local", __doc__)
    args = parser.parse_args(argv)
    args.watch = True
    args.bind = "127.0.0.1"  # never another address: the API writes files
    try:
        has_editor = bool(read_settings_file(args.settings).get("CMS"))
    except Exception:  # the first build reports a broken settings file
        has_editor = True
    if not has_editor:
        preview.say(messages.text("cms_local.no_editor", settings=args.settings), sys.stderr)
        return 1
    return preview.serve(args, server_class(Path.cwd(), args.settings))


if __name__ == "__main__":
    sys.exit(main())
