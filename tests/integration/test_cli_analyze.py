"""`copydesk analyze` as a user runs it: the installed console script, real files, real exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_80fdf597179271c2.txt"
COPYDESK = shutil.which("copydesk", path=str(Path(sys.executable).parent)) or "copydesk"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [COPYDESK, *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=240, check=False
    )


def test_text_report_of_the_seed_names_facts_actors_and_claims():
    result = run("analyze", str(SEED))
    assert result.returncode == 0, result.stderr
    assert "KEY FACTS" in result.stdout and "ACTORS" in result.stdout and "FLAGGED CLAIMS" in result.stdout
    assert "200 soldiers" in result.stdout
    assert "\033[" not in result.stdout  # no colour codes when not on a terminal


def test_json_jsonl_and_stdin(tmp_path):
    single = run("analyze", str(SEED), "--format", "json")
    assert single.returncode == 0, single.stderr
    assert json.loads(single.stdout)["schema"] == "copydesk.report/1"

    piped = run("analyze", "-", "--format", "jsonl", stdin="Officials said the port handled 1.2 million containers.")
    assert piped.returncode == 0, piped.stderr
    (line,) = piped.stdout.strip().splitlines()
    assert json.loads(line)["article"]["text"].startswith("Officials said")


def test_blocks_format_is_slack_block_kit():
    result = run("analyze", str(SEED), "--format", "blocks")
    assert result.returncode == 0, result.stderr
    blocks = json.loads(result.stdout)["blocks"]
    assert blocks and all("type" in block for block in blocks)
    assert len(blocks) <= 50


def test_blocks_format_says_when_the_text_was_cut(monkeypatch):
    monkeypatch.setenv("COPYDESK_MAX_CHARS", "600")
    result = run("analyze", str(SEED), "--format", "blocks")
    assert result.returncode == 0, result.stderr
    shown = json.dumps(json.loads(result.stdout)["blocks"])
    assert "only the first" in shown and "(the limit is 600 characters) were analysed" in shown


def test_batch_reports_each_line_and_exits_1_when_some_fail(tmp_path):
    html = "<html><body><article><p>The museum reopened on Sunday after a $3 million renovation, its director said.</p></article></body></html>"
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        "\n".join(
            [
                json.dumps({"id": "good", "text": SEED.read_text(encoding="utf-8")}),
                json.dumps({"id": "empty", "text": "   "}),
                "this line is not json",
                json.dumps({"id": "page", "html": html, "url": "https://example.org/museum"}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = run("analyze", "--batch", str(batch), "--format", "jsonl", "--output", str(out))
    assert result.returncode == 1
    assert "empty: There is no text" in result.stderr
    assert "line-3: line 3 is not JSON" in result.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    reports = {line["id"]: line for line in lines if "schema" in line}
    assert set(reports) == {"good", "page"}
    assert reports["page"]["article"]["url"] == "https://example.org/museum"
    assert {"id": "empty", "error": "There is no text to analyse. Paste an article or a link to one.", "code": "empty"} in lines


@pytest.mark.parametrize(
    "args, message",
    [((), "Give at least one SOURCE"), (("no-such-file.txt",), "no such file"), (("--batch", "missing.jsonl"), "no such batch file")],
)
def test_usage_errors_exit_2(args, message):
    result = run("analyze", *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_refused_link_is_reported_and_exits_1():
    result = run("analyze", "http://127.0.0.1:9/article")
    assert result.returncode == 1
    assert "http://127.0.0.1:9/article: that address is not public" in result.stderr


def test_batch_bad_bytes_and_malformed_lines_are_error_lines_and_the_rest_is_analysed(tmp_path):
    batch = tmp_path / "in.jsonl"
    batch.write_bytes(
        b'{"id":"a","text":"The mayor said it."}\n'
        b'{"id":"b","text":"Caf\xe9 owner said."}\n'
        b"[1, 2]\n"
        b"42\n"
        b"null\n"
        b"not json at all\n"
        b'{"id":"c","text":"The port reopened on Friday, officials said."}\n'
    )
    out = tmp_path / "out.jsonl"
    result = run("analyze", "--batch", str(batch), "--format", "jsonl", "--output", str(out))
    assert result.returncode == 1
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", "line-2", "line-3", "line-4", "line-5", "line-6", "c"]
    assert "schema" in lines[0] and "schema" in lines[-1]
    for error in lines[1:-1]:
        assert set(error) == {"id", "error", "code"}
        assert error["code"] == "bad_line"
    assert "UTF-8" in lines[1]["error"]
    assert "line 2" in result.stderr and "Traceback" not in result.stderr


def test_a_utf16_text_file_with_a_bom_is_analysed(tmp_path):
    article = tmp_path / "story.txt"
    article.write_bytes("Officials said the harbour would reopen on Friday.".encode("utf-16"))
    result = run("analyze", str(article), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["article"]["text"].startswith("Officials said the harbour")
