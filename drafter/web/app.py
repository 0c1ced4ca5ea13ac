"""The Flask application: the page, and the HTTP API scripts and the page both use.

Each API request saves its uploads in a private folder, runs its job in the worker pool and
answers with the document or JSON; every mistake is a 4xx with `{"error": "<one line>"}`, the same
line the command line prints.
"""

from __future__ import annotations

import json
from pathlib import PurePath

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..settings import Settings
from . import guard, page
from .jobs import JobFailed
from .pool import Busy, WorkPool
from .uploads import DRAFTS, PARAMS, private_folder

MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "md": "text/markdown; charset=utf-8"}
# The page loads nothing from elsewhere and runs no inline script.
POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
          "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")


def create_app(settings: Settings | None = None, *, token: str | None = None, workers: int | None = None,
               queue: int | None = None) -> Flask:
    """The application over `settings` (its max_bytes bounds an upload), with its own pool of
    `workers` processes."""
    settings = settings or Settings()
    app = Flask(__name__)
    app.json.sort_keys = False  # the parameters' and reports' own order, as the command line prints them
    app.config["MAX_CONTENT_LENGTH"] = settings.max_bytes + 64 * 1024  # the file plus the form's other fields
    pool = WorkPool(settings, workers, queue)
    app.extensions["drafter"] = {"pool": pool, "settings": settings, "token": token}
    _add_pages(app, bool(token))
    _add_api(app, pool, token)
    _add_errors(app)
    return app


def _add_pages(app: Flask, needs_token: bool) -> None:
    @app.get("/")
    def index():
        lang = request.args.get("lang", "zh")
        lang = lang if lang in page.LANGS else "zh"
        return render_template("index.html", lang=lang, text=page.page_text(lang), words=page.words()["page"],
                               samples=page.sample_names(), needs_token=needs_token,
                               editor_words=page.words()["editor_zh"] if lang == "zh" else {})

    @app.get("/api/schema")
    def schema():
        return jsonify(page.parameter_schema(request.args.get("lang", "zh")))

    @app.get("/api/samples/<name>")
    def sample(name: str):
        data = page.sample(name)
        if data is None:
            return _error(f"no sample named {name[:40]!r} (samples: {', '.join(page.sample_names())})", 404)
        return Response(json.dumps(data, ensure_ascii=False, default=str), mimetype="application/json")

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response


def _add_api(app: Flask, pool: WorkPool, token: str | None) -> None:
    _add_guards(app, token)
    _add_documents(app, pool)
    _add_reports(app, pool)


def _add_guards(app: Flask, token: str | None) -> None:
    @app.before_request
    def guarded():
        if request.method != "POST":
            return None
        theirs = guard.foreign_origin(request)
        if theirs:
            return _error(f"requests from {theirs[:80]} are refused: use the page this server serves", 403)
        if guard.token_missing(request, token):
            return _error(f"this server needs its token (the {guard.TOKEN_HEADER} header or a 'token' field)", 401)
        return None


def _add_documents(app: Flask, pool: WorkPool) -> None:
    """What gives a file: a plan, a reviewed draft, the parameters the form shows."""
    @app.post("/api/generate")
    def generate():
        lang = _choice("lang", ("zh", "en"), "zh")
        fmt = _choice("format", ("docx", "md"), "docx")
        uploaded = "params" in request.files
        with private_folder() as uploads:
            saved = uploads.save(request.files["params"], PARAMS) if uploaded else \
                uploads.save_json(_json_body(), "parameters.json")
            data = pool.run("generate", [saved], {"format": fmt, "lang": lang})
        stem = PurePath(saved[1]).stem if uploaded else "plan"  # the form's body: plan-zh.docx
        return _download(data, MEDIA[fmt], f"{stem}-{lang}.{fmt}")

    @app.post("/api/review")
    def review():
        with private_folder() as uploads:
            files = _files(uploads, "file", DRAFTS)
            options = _parent_option(uploads, "en")
            author = (request.form.get("author") or "").strip()[:60]
            lang = request.form.get("lang") or request.args.get("lang")
            options.update(author=author, comments_lang=lang if lang in ("zh", "en") else None)
            data, name = pool.run("review", files, options)
        return _download(data, MEDIA["docx"], name)

    @app.post("/api/params")
    def params():
        with private_folder() as uploads:
            return jsonify(pool.run("params", _files(uploads, "file", PARAMS), {}))


def _add_reports(app: Flask, pool: WorkPool) -> None:
    """What gives data on plans: reports, extracted parameters, comparisons."""
    @app.post("/api/validate")
    def validate():
        lang = _choice("lang", ("zh", "en"), "en")
        fmt = _choice("format", ("json", "html"), "json")
        with private_folder() as uploads:
            files = _files(uploads, "file", DRAFTS, several=True)
            options = _parent_option(uploads, lang)
            if fmt == "html":
                return Response(pool.run("report_page", files, options), mimetype="text/html")
            reports = pool.run("validate", files, options)
        return jsonify(reports[0] if len(reports) == 1 else reports)

    @app.post("/api/extract")
    def extract():
        with private_folder() as uploads:
            files = _files(uploads, "file", DRAFTS)
            return jsonify(pool.run("extract", files, {}))

    @app.post("/api/compare")
    def compare():
        with private_folder() as uploads:
            files = _files(uploads, "file", DRAFTS + PARAMS, several=True)
            return jsonify(pool.run("compare", files, {}))


def _add_errors(app: Flask) -> None:
    @app.errorhandler(JobFailed)
    def failed(exc: JobFailed):
        return _error(exc.message, exc.status, **({"place": str(exc.place)} if exc.place else {}))

    @app.errorhandler(Busy)
    def busy(exc: Busy):
        response = _error("the server is busy; try again in a few seconds", 503)
        response.headers["Retry-After"] = "5"
        return response

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if exc.code == 413:
            limit = app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
            return _error(f"the upload is larger than the server's limit of about {limit} MB "
                          "(start the server with a larger --max-size)", 413)
        return _error(f"{exc.name}: {exc.description}", exc.code or 500)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unexpected error")  # the server's log keeps the trace; the answer one line
        return _error(f"internal error ({type(exc).__name__}); the server keeps running", 500)


def _error(message: str, status: int, **extra) -> Response:
    response = jsonify({"error": " ".join(message.split()), **extra})
    response.status_code = status
    return response


def _choice(name: str, allowed: tuple[str, ...], default: str) -> str:
    value = request.args.get(name) or request.form.get(name) or default
    if value not in allowed:
        raise JobFailed(f"{name} must be one of {', '.join(allowed)}, not {value[:20]!r}", 400)
    return value


def _json_body():
    if not request.is_json:
        raise JobFailed("send the parameters as a 'params' file field or as a JSON body", 400)
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise JobFailed("the JSON body is not a parameters object (it should start with 'locality')", 400)
    return data


def _files(uploads, field: str, accepted: tuple[str, ...], several: bool = False) -> list[tuple[str, str]]:
    given = [f for f in request.files.getlist(field) if f.filename]
    if not given:
        raise JobFailed(f"no file: upload one in the '{field}' field", 400)
    if len(given) > 1 and not several:
        raise JobFailed(f"one file at a time in the '{field}' field, not {len(given)}", 400)
    if len(given) > 200:
        raise JobFailed(f"at most 200 files at a time, not {len(given)}", 400)
    return [uploads.save(f, accepted) for f in given]


def _parent_option(uploads, lang: str) -> dict:
    options: dict = {"lang": lang}
    storage = request.files.get("parent")
    if storage is not None and storage.filename:
        path, name = uploads.save(storage, DRAFTS + PARAMS)
        options.update(parent=path, named=[(path, name)])
    return options


def _download(data: bytes, media: str, name: str) -> Response:
    from urllib.parse import quote

    response = Response(data, mimetype=media)
    ascii_name = name.encode("ascii", "replace").decode("ascii").replace("?", "_").replace('"', "_")
    response.headers["Content-Disposition"] = (f"attachment; filename=\"{ascii_name}\"; "
                                               f"filename*=UTF-8''{quote(name)}")
    return response
