"""The web application's HTTP contract, through Flask's test client with the real worker pool:
each endpoint answers with the document or the JSON the command line prints, every bad input is a
4xx with a one-line JSON error, and requests from other origins or without the token are refused."""

from __future__ import annotations

import io
import json
import os
import threading
import time
import zipfile

import pytest
from docx import Document as Docx

from drafter.settings import Settings
from drafter.web import create_app
from testkit import MINIMAL, SAMPLES, SHARED, needs_shared

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def app():
    app = create_app(Settings(max_bytes=2 * 1024 * 1024), workers=1)
    yield app
    app.extensions["drafter"]["pool"].close()


@pytest.fixture()
def client(app):
    return app.test_client()


def upload(path, name=None):
    return (io.BytesIO(path.read_bytes()), name or path.name)


def one_line_error(response, status):
    assert response.status_code == status, response.data[:300]
    assert response.mimetype == "application/json"
    message = response.json["error"]
    assert message and "\n" not in message and "Traceback" not in message
    return message


# -- the page and what it loads ---------------------------------------------------------------------
def test_the_page_is_chinese_by_default_and_english_on_request(client):
    zh = client.get("/")
    assert zh.status_code == 200 and '<html lang="zh-CN">' in zh.text and "起草" in zh.text
    en = client.get("/?lang=en")
    assert '<html lang="en">' in en.text and ">Draft<" in en.text
    assert "default-src 'self'" in zh.headers["Content-Security-Policy"]


def test_the_page_loads_nothing_from_elsewhere(client):
    page = client.get("/").text
    assert "http://" not in page and "https://" not in page
    assert client.get("/static/vendor/jsoneditor.js").status_code == 200


def test_the_schema_speaks_the_pages_language(client):
    zh = client.get("/api/schema?lang=zh").json
    en = client.get("/api/schema?lang=en").json
    assert zh["properties"]["locality"]["title"] == "地区"
    assert en["properties"]["locality"]["title"] == "Locality"
    assert zh["definitions"]["Locality"]["properties"]["level"]["title"] == "行政级别"
    assert "$defs" not in json.dumps(zh)


def test_a_sample_prefills_the_form_and_an_unknown_one_is_a_404(client):
    data = client.get("/api/samples/jiangmen").json
    assert data["locality"]["level"] == "city" and data["issue_date"] == "2023-07-03"
    assert one_line_error(client.get("/api/samples/nowhere"), 404).startswith("no sample named 'nowhere'")
    one_line_error(client.get("/api/samples/..%2F..%2Fetc%2Fpasswd"), 404)


# -- generate ---------------------------------------------------------------------------------------
def test_generate_from_an_uploaded_parameters_file_gives_the_docx(client):
    response = client.post("/api/generate?lang=zh&format=docx",
                           data={"params": upload(SAMPLES / "deqing.yaml", "德庆县.yaml")})
    assert response.status_code == 200 and response.mimetype == DOCX
    assert "filename*=UTF-8''%E5%BE%B7%E5%BA%86%E5%8E%BF-zh.docx" in response.headers["Content-Disposition"]
    paragraphs = [p.text for p in Docx(io.BytesIO(response.data)).paragraphs]
    assert any("德庆县碳达峰实施方案" in p for p in paragraphs)


def test_generate_from_a_json_body_gives_markdown(client):
    params = {"locality": {"name": {"zh": "示例县", "en": "Example County"}, "level": "county",
                           "province": {"zh": "某省", "en": "Some Province"}}}
    response = client.post("/api/generate?lang=en&format=md", json=params)
    assert response.status_code == 200 and response.mimetype == "text/markdown"
    assert "filename*=UTF-8''plan-en.md" in response.headers["Content-Disposition"]
    assert response.text.startswith("#") and "Example County" in response.text


def test_invalid_parameters_are_a_400_naming_the_field(client):
    message = one_line_error(client.post("/api/generate", json={"locality": {"name": "示例县"}}), 400)
    assert message.startswith("parameters.json:") and "locality.level" in message and "/tmp" not in message


@pytest.mark.parametrize("query", ["lang=fr", "format=pdf"])
def test_an_unknown_language_or_format_is_a_400(client, query):
    assert "must be one of" in one_line_error(client.post(f"/api/generate?{query}", json={}), 400)


def test_a_body_that_is_not_parameters_is_a_400(client):
    one_line_error(client.post("/api/generate", data=b"[1, 2]", content_type="application/json"), 400)
    one_line_error(client.post("/api/generate", data=b"locality: x", content_type="text/plain"), 400)


# -- validate, extract, compare ---------------------------------------------------------------------
def test_validate_gives_the_json_report_named_after_the_upload(client, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_bytes(client.post("/api/generate?lang=zh&format=md",
                                  data={"params": upload(SAMPLES / "jiangmen.yaml")}).data)
    report = client.post("/api/validate", data={"file": upload(draft, "江门市.md")}).json
    assert report["file"] == "江门市.md" and report["language"].startswith("zh")
    assert set(report["summary"]) == {"errors", "warnings", "info"} and report["sections"]


def test_validate_several_files_gives_a_list_and_a_bad_one_does_not_stop_the_others(client):
    files = [upload(SAMPLES / "jiangmen.yaml", "a.md"), (io.BytesIO(b"PK\x03\x04broken"), "b.docx")]
    reports = client.post("/api/validate", data={"file": files}).json
    assert [r["file"] for r in reports] == ["a.md", "b.docx"]
    assert "sections" in reports[0] and reports[1]["error"].startswith("b.docx: not a valid .docx")


def test_validate_with_a_parent_reports_weaker_targets(client, tmp_path):
    child = tmp_path / "child.yaml"
    child.write_text(MINIMAL.replace("value: 14", "value: 9"), encoding="utf-8")
    draft = client.post("/api/generate?format=md", data={"params": upload(child)}).data
    parent = tmp_path / "parent.yaml"
    parent.write_text(MINIMAL.replace("value: 14", "value: 15"), encoding="utf-8")
    report = client.post("/api/validate", data={"file": (io.BytesIO(draft), "county.md"),
                                                "parent": upload(parent, "city.yaml")}).json
    assert any(f["rule"] == "parent-target" and f["severity"] == "error" for f in report["findings"])


@needs_shared
def test_extract_gives_the_parameters_of_a_seed_plan(client):
    seed = sorted((SHARED / "seeds").glob("004_*.txt"))[0]
    data = client.post("/api/extract", data={"file": upload(seed, "jiangmen.txt")}).json
    assert list(data)[0] == "locality" and data["locality"]["level"] == "city"
    assert any(t["indicator"] == "energy_intensity_reduction" for t in data["targets"])


def test_compare_gives_the_table_and_a_chart_without_scripts(client):
    files = [upload(SAMPLES / "jiangmen.yaml"), upload(SAMPLES / "dezhou.yaml")]
    result = client.post("/api/compare", data={"file": files}).json
    assert result["header"] == ["indicator", "year", "jiangmen.yaml", "dezhou.yaml"]
    assert ["energy_intensity_reduction", "2025", "↓14%", "↓>16% vs 2020"] in result["rows"]
    assert result["chart"].lstrip().startswith("<?xml") and "<script" not in result["chart"]


def test_an_uploaded_parameters_file_is_read_for_the_form(client):
    data = client.post("/api/params", data={"file": upload(SAMPLES / "dezhou.yaml")}).json
    assert data["locality"]["name"]["en"] == "Dezhou City"


# -- bad input --------------------------------------------------------------------------------------
def test_an_unknown_file_type_is_a_415(client):
    message = one_line_error(client.post("/api/validate", data={"file": (io.BytesIO(b"MZ"), "tool.exe")}), 415)
    assert message.startswith("tool.exe: files of type '.exe' are not accepted")


def test_no_file_is_a_400(client):
    assert "no file" in one_line_error(client.post("/api/validate", data={}), 400)
    assert "one file at a time" in one_line_error(client.post("/api/extract", data={"file": [
        upload(SAMPLES / "deqing.yaml", "a.txt"), upload(SAMPLES / "deqing.yaml", "b.txt")]}), 400)


def test_an_upload_over_the_limit_is_a_413(client):
    big = io.BytesIO(b"x" * (3 * 1024 * 1024))
    assert "--max-size" in one_line_error(client.post("/api/validate", data={"file": (big, "big.txt")}), 413)


@pytest.mark.parametrize("name, data", [
    ("broken.docx", b"PK\x03\x04" + b"\x00" * 100),
    ("zipbomb.docx", None),
    ("scan.pdf", b"%PDF-1.4\n%%EOF"),
    ("binary.txt", bytes(range(256)) * 40),
    ("params.yaml", b"locality: [\x00"),
])
def test_a_malformed_upload_is_a_400_naming_the_upload_not_the_private_path(client, name, data):
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/document.xml", b"<" * (60 * 1024 * 1024))
        data = buffer.getvalue()
    endpoint = "/api/params" if name.endswith(".yaml") else "/api/validate"
    message = one_line_error(client.post(endpoint, data={"file": (io.BytesIO(data), name)}), 400)
    assert message.startswith(name) and "upload-" not in message and "drafter-web-" not in message


def test_an_uploaded_name_is_never_a_path(client, tmp_path):
    response = client.post("/api/validate", data={"file": upload(SAMPLES / "deqing.yaml", "../../etc/evil.md")})
    assert response.json["file"] == "evil.md"


def test_the_server_keeps_serving_after_bad_input(client):
    client.post("/api/validate", data={"file": (io.BytesIO(b"PK"), "x.docx")})
    assert client.post("/api/compare", data={"file": [upload(SAMPLES / "deqing.yaml")]}).status_code == 200


def test_nothing_is_kept_after_the_response(client, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    client.post("/api/validate", data={"file": upload(SAMPLES / "deqing.yaml", "a.md")})
    client.post("/api/validate", data={"file": (io.BytesIO(b"PK"), "x.docx")})
    assert list(tmp_path.iterdir()) == []


# -- guards -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"}, {"Origin": "null"},
                                     {"Referer": "https://evil.example/page"}])
def test_posts_from_another_origin_are_refused(client, headers):
    response = client.post("/api/validate", data={"file": upload(SAMPLES / "deqing.yaml", "a.md")}, headers=headers)
    assert "refused" in one_line_error(response, 403)


def test_posts_from_the_servers_own_page_are_accepted(client):
    response = client.post("/api/validate", data={"file": upload(SAMPLES / "deqing.yaml", "a.md")},
                           headers={"Origin": "http://localhost", "Referer": "http://localhost/?lang=en"})
    assert response.status_code == 200


def test_a_server_with_a_token_refuses_requests_without_it():
    app = create_app(Settings(), token="s3cret", workers=1)
    try:
        client = app.test_client()
        data = lambda: {"file": upload(SAMPLES / "deqing.yaml", "a.md")}  # noqa: E731
        assert "token" in one_line_error(client.post("/api/validate", data=data()), 401)
        wrong = client.post("/api/validate", data=data(), headers={"X-Drafter-Token": "guess"})
        assert wrong.status_code == 401
        assert client.post("/api/validate", data=data(), headers={"X-Drafter-Token": "s3cret"}).status_code == 200
        assert 'id="token"' in client.get("/").text
    finally:
        app.extensions["drafter"]["pool"].close()


# -- the bounded pool -------------------------------------------------------------------------------
def test_work_beyond_the_queue_is_told_to_come_back(tmp_path):
    """A job blocked on a named pipe holds the only worker; with no queue the next request gets a
    503 with a retry hint, and the blocked job still finishes once the pipe is written."""
    app = create_app(Settings(), workers=1, queue=0)
    pool = app.extensions["drafter"]["pool"]
    fifo = tmp_path / "slow.yaml"
    os.mkfifo(fifo)
    results = []

    def slow():
        try:
            results.append(pool.run("params", [(str(fifo), "slow.yaml")], {}))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            results.append(exc)

    worker = threading.Thread(target=slow)
    worker.start()
    try:
        deadline = time.monotonic() + 30
        while not pool.pending and not results and time.monotonic() < deadline:
            time.sleep(0.01)
        response = app.test_client().post("/api/validate", data={"file": upload(SAMPLES / "deqing.yaml", "b.md")})
        assert "busy" in one_line_error(response, 503) and response.headers["Retry-After"]
    finally:
        # Written from a daemon thread: a job that failed before opening the pipe cannot hang the test.
        threading.Thread(target=fifo.write_text, args=(MINIMAL,), daemon=True).start()
        worker.join(60)
        pool.close()
    assert isinstance(results[0], dict) and results[0]["locality"]["level"] == "county", results
