"""The shape issue 21 gave the code, held by a test: Core owns the plan, the store is the only place
that queries, the web renders from typed values, and the interchange format stays at the edges."""
import re

from conftest import ROOT

SOURCES = ROOT / "Sources"


def files(target):
    return sorted((SOURCES / target).rglob("*.swift"))


def imports(path):
    return set(re.findall(r"^import (\w+)", path.read_text(), re.M))


def test_the_web_runs_no_queries():
    for path in files("TertialWeb"):
        assert not imports(path) & {"Fluent", "FluentKit", "SQLKit", "FluentSQL"}, path
        text = path.read_text()
        assert ".query(on:" not in text and "SQLDatabase" not in text, path


def test_the_store_does_not_build_documents():
    for path in files("TertialStore"):
        assert "TertialDocuments" not in imports(path), path


def test_core_and_documents_know_no_wire_format():
    for path in files("TertialCore"):
        assert imports(path) <= {"Foundation"}, path
    for path in files("TertialDocuments"):
        assert "TertialInterchange" not in imports(path), path
        assert "PlanDocument(" not in path.read_text() and ": PlanDocument" not in path.read_text(), path


def test_the_interchange_format_reaches_the_web_only_for_export_and_version_diff():
    allowed = {"HomeController.swift", "VersionsController.swift", "Versions+View.swift"}
    for path in files("TertialWeb"):
        uses = "TertialInterchange" in imports(path) or re.search(r"\bPlanDocument\b", path.read_text())
        assert not uses or path.name in allowed, path


def test_controllers_do_http_and_views_render():
    html = re.compile(r"PageShell\(|\.(div|table|form|tr|td|section|ul|li|h1|h2)\(")
    for path in (SOURCES / "TertialWeb" / "Controllers").glob("*.swift"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            assert not html.search(line), f"{path.name}:{number}: {line.strip()[:100]}"
