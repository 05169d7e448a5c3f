"""The command line as other tools use it: plans, export, import, and serve."""
import json
import subprocess

from conftest import DEMO, DEMO_FILES, DEMO_PLAN_IDS, Server, tertial_bin, clean_env


def test_demo_files_round_trip_byte_for_byte(tertial, tmp_path):
    # given the demo files imported in one call
    tertial.run("import", *map(str, DEMO_FILES))
    # when listed
    lines = tertial.run("plans").stdout.decode().splitlines()
    # then one tab-separated line per plan: ID, municipality, owner unit, title
    assert sorted(line.split("\t")[0] for line in lines) == DEMO_PLAN_IDS
    assert "mark-sn-namndplan-2024-2025\tMarks kommun\tSocialnämnden\tNämndplan 2024-2025" in lines
    # and export gives back exactly the demo file
    for plan_id in DEMO_PLAN_IDS:
        out = tmp_path / f"{plan_id}.json"
        tertial.run("export", plan_id, "--format", "json", "-o", str(out))
        original = next(f for f in DEMO_FILES if json.loads(f.read_text())["plan"]["id"] == plan_id)
        assert out.read_bytes() == original.read_bytes(), plan_id


def test_export_import_export_into_an_empty_database(sqlite_tertial, tmp_path):
    sqlite_tertial.run("import", *map(str, DEMO_FILES))
    fresh = type(sqlite_tertial)(sqlite_tertial.env, ["--db", str(tmp_path / "fresh.sqlite")])
    for plan_id in DEMO_PLAN_IDS:
        first = sqlite_tertial.run("export", plan_id).stdout
        (tmp_path / "a.json").write_bytes(first)
        fresh.run("import", str(tmp_path / "a.json"))
        assert fresh.run("export", plan_id).stdout == first


def bad_copy(tmp_path, name="plan.json"):
    document = json.loads((DEMO / "mark-sn-namndplan-2024-2025.json").read_text())
    document["goals"][3]["indicators"][1]["targets"]["2024"] = "≥ 9O"
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False))
    return path


def test_a_malformed_file_is_rejected_with_its_place_and_nothing_is_imported(tertial, tmp_path):
    # given a good file and a bad one in the same call
    bad = bad_copy(tmp_path)
    good = DEMO / "linkoping-son-internbudget-2021.json"
    # when imported
    result = tertial.run("import", str(good), str(bad), check=False)
    # then the call fails and names file, JSON path and problem
    assert result.returncode == 1
    assert f'{bad}: $.goals[3] (id mark-sn-hallbar-bemanning).indicators[1] (id mark-sn-timanstallda-fs).targets["2024"]: "≥ 9O" är inget tal' in result.stderr.decode()
    assert "Inget importerades." in result.stderr.decode()
    # and not even the good file was imported
    assert tertial.run("plans").stdout == b""


def test_a_conflict_leaves_the_database_unchanged(sqlite_tertial, tmp_path):
    sqlite_tertial.run("import", str(DEMO / "mark-sn-namndplan-2024-2025.json"))
    before = sqlite_tertial.run("export", "mark-sn-namndplan-2024-2025").stdout
    result = sqlite_tertial.run("import", str(DEMO / "linkoping-son-internbudget-2021.json"),
                                str(DEMO / "mark-sn-namndplan-2024-2025.json"), check=False)
    assert result.returncode == 1
    assert "$.plan.id: planen \"mark-sn-namndplan-2024-2025\" finns redan" in result.stderr.decode()
    assert sqlite_tertial.run("plans").stdout.decode().count("\n") == 1
    assert sqlite_tertial.run("export", "mark-sn-namndplan-2024-2025").stdout == before


def test_unreadable_and_invalid_files(sqlite_tertial, tmp_path):
    truncated = tmp_path / "halv.json"
    truncated.write_bytes((DEMO / "mark-sn-namndplan-2024-2025.json").read_bytes()[:3000])
    result = sqlite_tertial.run("import", str(truncated), str(tmp_path / "saknas.json"), check=False)
    assert result.returncode == 1
    err = result.stderr.decode()
    assert f"{truncated}: ogiltig JSON (filen tar slut för tidigt)" in err
    assert f"{tmp_path / 'saknas.json'}: filen kan inte läsas" in err


def test_usage_errors_exit_2(sqlite_tertial):
    assert sqlite_tertial.run("export", check=False).returncode == 2
    assert sqlite_tertial.run("bogus", check=False).returncode == 2
    assert sqlite_tertial.run("export", "x", "--format", "odt", check=False).returncode == 2
    missing = sqlite_tertial.run("export", "finns-inte", check=False)
    assert missing.returncode == 1 and "planen \"finns-inte\" finns inte" in missing.stderr.decode()


def test_serve_loads_the_demo_into_an_empty_database(server):
    assert server.get("/healthz") == "ok"
    page = server.get("/planer/mark-sn-namndplan-2024-2025")
    assert "Handläggningstider vid familjeenheten (dagar)" in page
    for text in (">118<", ">116<", ">108<", "≤108", "≤100"):
        assert text in page


def test_serve_no_demo_keeps_the_database_empty(tmp_path):
    s = Server(tmp_path, extra=["--no-demo"])
    try:
        assert "Databasen innehåller ännu ingen kommun" in s.get("/")
    finally:
        s.stop()


def test_admin_create_reads_the_password_from_stdin(sqlite_tertial):
    run = lambda *args, stdin: subprocess.run([tertial_bin(), *args, *sqlite_tertial.db_args], input=stdin, env=sqlite_tertial.env,
                                              capture_output=True, timeout=120)
    ok = run("admin", "create", "--username", "Ada", "--password-stdin", stdin=b"ett mycket hemligt ord\n")
    assert ok.returncode == 0, ok.stderr.decode()
    assert "Skapade administratören ada." in ok.stdout.decode()
    again = run("admin", "create", "--username", "ada", "--password-stdin", stdin=b"ett mycket hemligt ord\n")
    assert again.returncode == 1 and "används redan" in again.stderr.decode()
    short = run("admin", "create", "--username", "bo", "--password-stdin", stdin=b"kort\n")
    assert short.returncode == 1 and "minst 12 tecken" in short.stderr.decode()
    no_stdin_flag = run("admin", "create", "--username", "cy", stdin=b"")
    assert no_stdin_flag.returncode == 2


def test_an_adopted_version_exports_unchanged(sqlite_tertial):
    sqlite_tertial.run("import", str(DEMO / "mark-sn-namndplan-2024-2025.json"))
    frozen = sqlite_tertial.run("export", "mark-sn-namndplan-2024-2025", "--version", "1").stdout
    assert frozen == (DEMO / "mark-sn-namndplan-2024-2025.json").read_bytes()
    missing = sqlite_tertial.run("export", "mark-sn-namndplan-2024-2025", "--version", "7", check=False)
    assert missing.returncode == 1 and "har ingen version 7" in missing.stderr.decode()


def test_exports_of_a_plan_that_is_not_public_are_in_the_audit_trail(sqlite_tertial, tmp_path):
    import sqlite3
    document = json.loads((DEMO / "mark-sn-namndplan-2024-2025.json").read_text())
    document["plan"]["isPublic"] = False
    (tmp_path / "private.json").write_text(json.dumps(document, ensure_ascii=False))
    sqlite_tertial.run("import", str(tmp_path / "private.json"))
    sqlite_tertial.run("export", "mark-sn-namndplan-2024-2025", "-o", str(tmp_path / "a.json"))
    sqlite_tertial.run("export", "mark-sn-namndplan-2024-2025", "--format", "docx", "-o", str(tmp_path / "a.docx"))
    db = sqlite3.connect(sqlite_tertial.db_args[1])
    rows = db.execute("SELECT actor, new_value FROM audit_records WHERE action = 'export' ORDER BY sequence").fetchall()
    assert [r[1] for r in rows] == ["json", "docx: Nämndplan 2024-2025"]
    assert all(r[0].startswith("kommandorad:") for r in rows)


def test_exports_of_a_public_adopted_plan_are_not_audited(sqlite_tertial, tmp_path):
    import sqlite3
    sqlite_tertial.run("import", *map(str, DEMO_FILES))
    sqlite_tertial.run("export", "mark-sn-namndplan-2024-2025", "--format", "html", "-o", str(tmp_path / "a.html"))
    db = sqlite3.connect(sqlite_tertial.db_args[1])
    assert db.execute("SELECT count(*) FROM audit_records WHERE action = 'export'").fetchone()[0] == 0
