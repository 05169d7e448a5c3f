"""The command line's help and usage errors (swift-argument-parser): every subcommand and option is listed,
and a wrong invocation is refused with exit code 2 and a Swedish message, before any database is opened."""
import re
import subprocess

from conftest import clean_env, tertial_bin

SUBCOMMANDS = ["serve", "plans", "export", "import", "ledger", "next-year", "kolada", "demo", "migrate", "admin", "reminders", "api-token"]


def run(*args, cwd):
    return subprocess.run([tertial_bin(), *args], env=clean_env(), capture_output=True, timeout=60, cwd=cwd)


def test_help_lists_every_subcommand(tmp_path):
    for args in (["--help"], ["help"], ["-h"]):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 0, result.stderr.decode()
        text = result.stdout.decode()
        listed = re.findall(r"^  ([a-z-]+)\b", text.split("SUBCOMMANDS:")[1], re.M)
        assert listed == SUBCOMMANDS
        assert "DATABASE_URL" in text
    # Help never opens (or creates) a database.
    assert not (tmp_path / "tertial.sqlite").exists()


def test_each_command_has_its_own_help(tmp_path):
    expected = {
        ("export",): ["--format", "--version", "--report", "--year", "--kolada-snapshot", "--municipality", "--output", "-o", "--db", "<plan-id>"],
        ("serve",): ["--hostname", "--port", "--log", "--no-demo", "--db"],
        ("import",): ["<fil>", "--db"],
        ("ledger",): ["<plan-id>", "<fil>", "--budget", "--unit", "--db"],
        ("next-year",): ["<plan-id>", "--db"],
        ("kolada", "sync"): ["--kpi", "--municipality", "--group", "--year", "--since", "--db"],
        ("kolada", "import"): ["<fil>", "--db"],
        ("demo", "generate"): ["--size", "--seed", "--out", "--db"],
        ("admin", "create"): ["--username", "--password-stdin", "--display-name", "--db"],
        ("plans",): ["--db"],
        ("reminders", "run"): ["--day", "--db"],
        ("api-token", "create"): ["--name", "--scopes", "--unit", "--expires", "--db"],
        ("migrate",): ["--db"],
    }
    for command, options in expected.items():
        result = run(*command, "--help", cwd=tmp_path)
        assert result.returncode == 0, (command, result.stderr.decode())
        text = result.stdout.decode()
        for option in options:
            assert option in text, (command, option)
        # `tertial help export` is the same text as `tertial export --help`.
        assert run("help", *command, cwd=tmp_path).stdout.decode() == text


def test_usage_errors_are_swedish_and_exit_2(tmp_path):
    cases = [
        (["export", "x", "--bogus"], 'okänd flagga "--bogus"'),
        (["export", "x", "y"], 'okänt argument "y"'),
        (["export", "x", "--format"], "kräver ett värde"),
        (["export", "x", "--version", "sju"], "--version kräver ett versionsnummer"),
        (["export", "x", "--format", "docx", "--report", "kvartal", "--year", "2024"], 'okänd rapport "kvartal" (tertial, delar eller helar)'),
        (["export", "x", "--format", "docx", "--report", "delar"], "--report och --year anges tillsammans"),
        (["export", "--municipality", "m", "--report", "helar", "--year", "2024"], "kommunens rapport är ett dokument"),
        (["ledger", "plan"], "ledger kräver PLAN_ID och en fil"),
        (["ledger", "plan", "fil.csv", "--unit", "öre"], "--unit ska vara kr, tkr eller mnkr"),
        (["kolada", "sync", "--municipality", "580"], 'kommunkoden "580" ska vara fyra siffror'),
        (["kolada", "sync", "--year", "20x4"], "--year 20x4 är inget år"),
        (["demo", "generate", "--size", "huge"], '--size är large, medium eller small, inte "huge"'),
        (["demo"], "demo kräver ett underkommando"),
        (["import"], "import kräver minst en fil"),
        (["exprot"], 'okänt kommando "exprot"'),
    ]
    for args, message in cases:
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2, (args, result.returncode, result.stderr.decode())
        assert message in result.stderr.decode(), (args, result.stderr.decode())
    assert not (tmp_path / "tertial.sqlite").exists()
