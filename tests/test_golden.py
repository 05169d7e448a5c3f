"""Golden outputs (issue 21): before the plan moves to one typed model in Core, what Tertial prints
today is recorded here, and every step of that move must print the same bytes. For every demo plan:
the interchange JSON, the plan as DOCX, HTML, XLSX and CSV, the follow-up reports (tertial, delår,
helår) of its budget year in the same four formats, and the public plan page; on SQLite and
PostgreSQL alike (one set of files: the database must not show in what is printed).

A change that moves a byte on purpose (a fix) records the files again and says why in its commit:

    TERTIAL_RECORD_GOLDEN=1 python3 -m pytest -q tests/test_golden.py   # after scripts/test has built

PDF is left out: Chromium writes its own creation date and ids into every file."""
import json
import os
import urllib.request

import pytest

from conftest import DEMO_FILES, ROOT, Server

GOLDEN = ROOT / "tests" / "golden"
RECORD = os.environ.get("TERTIAL_RECORD_GOLDEN") == "1"
FORMATS = ["docx", "html", "xlsx", "csv"]
REPORTS = ["tertial", "delar", "helar"]


def plans():
    return [(json.loads(path.read_text())["plan"]["id"], json.loads(path.read_text())["plan"]["budgetYear"]) for path in DEMO_FILES]


def check(name, data):
    path = GOLDEN / name
    if RECORD:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"{name} has no golden file: record with TERTIAL_RECORD_GOLDEN=1"
    expected = path.read_bytes()
    if data != expected:
        # the first difference, for the person reading the failure
        at = next((i for i, (a, b) in enumerate(zip(data, expected)) if a != b), min(len(data), len(expected)))
        raise AssertionError(f"{name} differs from its golden file at byte {at} of {len(expected)} "
                             f"(now {len(data)} bytes): {expected[max(0, at - 60):at + 60]!r} → {data[max(0, at - 60):at + 60]!r}")


def test_every_demo_plan_prints_as_recorded(tertial, tmp_path):
    tertial.run("import", *map(str, DEMO_FILES))
    for plan, year in plans():
        check(f"{plan}/plan.json", tertial.run("export", plan).stdout)
        for fmt in FORMATS:
            out = tmp_path / f"{plan}.{fmt}"
            tertial.run("export", plan, "--format", fmt, "-o", str(out))
            check(f"{plan}/plan.{fmt}", out.read_bytes())
            for report in REPORTS:
                out = tmp_path / f"{plan}-{report}.{fmt}"
                tertial.run("export", plan, "--report", report, "--year", str(year), "--format", fmt, "-o", str(out))
                check(f"{plan}/{report}-{year}.{fmt}", out.read_bytes())


def test_every_demo_plans_public_page_is_as_recorded(server):
    for plan, _ in plans():
        if plan.startswith("mark-familjeenheten"):
            continue  # a draft: not public, the anonymous visitor is sent to sign in
        with urllib.request.urlopen(f"{server.url}/planer/{plan}", timeout=30) as response:
            check(f"{plan}/page.html", response.read())


def test_the_version_diff_is_as_recorded(tmp_path):
    """Mark's adopted plan, one goal renamed and one target changed through the forms: the versions
    page's differences between version 1 and the plan as it is now (times masked: they are when
    the test ran)."""
    import re
    import sys

    from conftest import create_admin
    sys.path.insert(0, str(ROOT / "bench"))
    import webclient

    plan = "mark-sn-namndplan-2024-2025"
    create_admin(tmp_path / "serve.sqlite")
    server = Server(tmp_path)
    try:
        session = webclient.Session(server.url)
        session.sign_in("ada")
        goal_path = f"/planer/{plan}/mal/mark-sn-digitalt-forst"
        status, _, _ = session.submit(session.form(goal_path, lambda f: any(n == "title" for n, _ in f["fields"])),
                                      {"title": "Digitalt först – i hela nämnden"}, goal_path)
        assert status == 303
        _, page, _ = session.get(f"/planer/{plan}/versioner?fran=1&till=aktuell")
        masked = re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?", "ÅÅÅÅ-MM-DD TT:MM", page)
        masked = re.sub(r'name="_csrf" value="[^"]*"', 'name="_csrf" value=""', masked)
        assert "Digitalt först – i hela nämnden" in masked
        check(f"{plan}/versions-diff.html", masked.encode())
    finally:
        server.stop()
