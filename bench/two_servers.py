#!/usr/bin/env python3
"""Two servers, one PostgreSQL (issue 14): two `tertial serve` processes on one database.

    DATABASE_URL=postgres://… bench/two-servers     (the database is emptied first)

Shows: a person signed in on one server is signed in on the other (the session lives in the
database); both servers show the same value; the same value edited from both at once — each person's
form made before the other's save — is saved once and the other save is refused as a conflict (409,
naming who saved first), whichever server it reaches; a page cached by one server is not stale after
a write through the other. Exits 1 on any failure.
"""
import os
import re
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webclient  # noqa: E402

url = os.environ.get("DATABASE_URL", "")
if not url.startswith("postgres"):
    sys.exit("bench/two-servers needs DATABASE_URL=postgres://… (see the README)")
psql_url = url.split("?")[0]
subprocess.run(["psql", psql_url, "-q", "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"], check=True,
               env={**os.environ, "PGOPTIONS": "--client-min-messages=warning"}, capture_output=True)
work = tempfile.mkdtemp(prefix="tertial-two-")
webclient.run("demo", "generate", "--size", "small", "--seed", "1")
webclient.create_admin(None, "anna")
webclient.create_admin(None, "bo")
ports = [18100 + os.getpid() % 400, 18600 + os.getpid() % 400]
servers = [webclient.start_server(os.path.join(work, "unused.sqlite"), port, log=open(os.path.join(work, f"server-{port}.log"), "wb"))
           for port in ports]
a, b = (f"http://127.0.0.1:{port}" for port in ports)
failures = []


def check(condition, message):
    print(("  ok      " if condition else "  FAILED  ") + message, flush=True)
    if not condition:
        failures.append(message)


try:
    plan = "storstad-e0001-plan-2026"
    grid = f"/planer/{plan}/utfall?period=2026-10"
    cell = "u.storstad-e0001-ind01"

    # a session made on server A is valid on server B
    anna_a = webclient.Session(a)
    anna_a.sign_in("anna")
    anna_b = webclient.Session(b, jar=anna_a.jar)
    status, page, _ = anna_b.get(grid)
    check(status == 200 and "Inloggad som" in page, "Anna signed in on server A is signed in on server B with the same session")

    # both servers show the same stored value
    def shown(session):
        form = session.form(grid, lambda f: any(n == cell for n, _ in f["fields"]))
        return dict(form["fields"])[cell], form
    value_a, _ = shown(anna_a)
    value_b, _ = shown(anna_b)
    check(value_a == value_b and value_a != "", f"both servers show the same value ({value_a})")

    # Anna (on A) and Bo (on B) open the grid before either saves; both change the same value
    bo_b = webclient.Session(b)
    bo_b.sign_in("bo")
    _, form_anna = shown(anna_a)
    _, form_bo = shown(bo_b)
    results = {}
    barrier = threading.Barrier(2)

    def save(name, session, form, value):
        barrier.wait()
        results[name] = session.submit(form, {cell: value}, grid)

    threads = [threading.Thread(target=save, args=("anna", anna_a, form_anna, "61,5")),
               threading.Thread(target=save, args=("bo", bo_b, form_bo, "62,5"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(results[name][0] for name in results)
    check(statuses == [303, 409], f"the two saves of one value at once: one saved, one refused as a conflict ({statuses})")
    winner = "anna" if results["anna"][0] == 303 else "bo"
    loser = "bo" if winner == "anna" else "anna"
    expected = "61,5" if winner == "anna" else "62,5"
    body = results[loser][1] if results[loser][0] == 409 else ""
    check(winner in body or "sparade" in body.lower() or "ändrat" in body.lower(),
          f"the refused save names who saved first ({winner}) and keeps what {loser} typed")
    check((("62,5" if loser == "bo" else "61,5") in body), f"the conflict page keeps {loser}'s value")

    # neither server shows a stale page afterwards
    value_a, _ = shown(anna_a)
    value_b, _ = shown(anna_b)
    check(value_a == expected and value_b == expected, f"both servers now show {expected} (A: {value_a}, B: {value_b})")
    held = webclient.exported_values(plan, None).get("storstad-e0001-ind01", {}).get(("2026-10", "total", "outcome"))
    check(held is not None and held.replace(".", ",") == expected, f"the database holds {expected} ({held})")
    # a page one server keeps ready is not stale after a write through the other
    committee = "storstad-n01-plan-2026"
    before = webclient.Session(b).get(f"/planer/{committee}")[1]
    year_grid = f"/planer/{committee}/utfall?period=2025"
    form = anna_a.form(year_grid, lambda f: any(n == "u.storstad-n01-ind001" for n, _ in f["fields"]))
    status, _, _ = anna_a.submit(form, {"u.storstad-n01-ind001": "3,33"}, year_grid)
    after = webclient.Session(b).get(f"/planer/{committee}")[1]
    check(status == 303 and "3,33" not in before and "3,33" in after,
          "a value saved through server A is on server B's public plan page at once (its cached page is not served)")
finally:
    for server in servers:
        server.terminate()
        server.wait(timeout=30)

print("  result  " + ("passed" if not failures else "FAILED"))
sys.exit(0 if not failures else 1)
