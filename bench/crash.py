#!/usr/bin/env python3
"""Crash test (issue 14): SIGKILL the server 20 times in the middle of imports and writes.

    bench/crash                 20 rounds on SQLite
    bench/crash --rounds 5

Each round starts `tertial serve` on the database of the small synthetic municipality, lets eight
people save values through the value grid (the real web route, as a browser does) while
`tertial import` reads in a whole new municipality (one committee plan with 150 indicators and
9 300 values, in one transaction), and after a random 0.2–2 s kills both with SIGKILL. Then:
SQLite's `PRAGMA integrity_check` says ok; every write the server acknowledged (303) is what the
database holds (or a later save of the same cell that was committed as the server died, before it could
answer); and the import is all or nothing — the plan is there exactly as in its file, or
nothing of its municipality is. Exits 1 on any failure.
"""
import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webclient  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--rounds", type=int, default=20)
parser.add_argument("--port", type=int, default=19000 + os.getpid() % 1000)
args = parser.parse_args()

work = tempfile.mkdtemp(prefix="tertial-crash-")
db = os.path.join(work, "crash.sqlite")
webclient.run("demo", "generate", "--size", "small", "--seed", "1", db=db)
webclient.create_admin(db, "crash")
units = [line.split("\t")[0] for line in webclient.run("plans", db=db).stdout.decode().splitlines() if "-e" in line.split("\t")[0]]
source = webclient.run("export", "storstad-n01-plan-2026", db=db).stdout.decode()
base = f"http://127.0.0.1:{args.port}"
PERIOD = "2026-10"

acknowledged = {}   # (plan, cell) -> value
in_flight = {}      # (plan, cell) -> the value of a save sent and not answered when the server died
writes_this_round = [0]
failures = []
lock = threading.Lock()
rng = random.Random(14)


def writer(n, stop):
    plan = units[n % len(units)]
    try:
        session = webclient.Session(base, timeout=10)
        session.sign_in("crash")
        grid = f"/planer/{plan}/utfall?period={PERIOD}"
        k = 0
        while not stop.is_set():
            form = session.form(grid, lambda f: any(name.startswith("u.") for name, _ in f["fields"]))
            cells = [name for name, _ in form["fields"] if name.startswith("u.") and name.count(".") == 1]
            # each writer its own cells (three plans, eight writers): the last acknowledged save of a
            # cell is then the last save of it, whatever order the answers arrive in
            own = [c for i, c in enumerate(cells) if i % 8 == n % 8]
            cell = own[k % len(own)]
            k += 1
            value = f"{random.randint(10, 99)},{random.randint(0, 9)}"
            with lock:
                in_flight[(plan, cell[2:])] = value
            status, _, _ = session.submit(form, {cell: value}, grid)
            with lock:
                del in_flight[(plan, cell[2:])]
                if status == 303:
                    acknowledged[(plan, cell[2:])] = value
                    writes_this_round[0] += 1
    except Exception:
        pass   # the server was killed under it: whatever was not acknowledged need not be there


def integrity():
    with sqlite3.connect(db) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


for round_number in range(1, args.rounds + 1):
    server = webclient.start_server(db, args.port)
    prefix = f"krasch{round_number}"
    plan_file = os.path.join(work, f"{prefix}.json")
    with open(plan_file, "w") as f:
        f.write(source.replace("storstad", prefix))
    stop = threading.Event()
    writers = [threading.Thread(target=writer, args=(n, stop)) for n in range(8)]
    writes_this_round[0] = 0
    for t in writers:
        t.start()
    # the kill comes while people are writing: wait for the first acknowledged saves
    deadline = time.time() + 60
    while writes_this_round[0] < 8 and time.time() < deadline:
        time.sleep(0.05)
    importer = subprocess.Popen([webclient.tertial_bin(), "import", plan_file, "--db", db], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0.2, 2.0))
    imported_before_kill = importer.poll() == 0
    for process in (server, importer):
        try:
            os.kill(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    server.wait()
    importer.wait()
    stop.set()
    for t in writers:
        t.join()

    problems = []
    check = integrity()
    if check != "ok":
        problems.append(f"integrity_check: {check}")
    # the import: all or nothing
    plans = webclient.run("plans", db=db).stdout.decode()
    plan_id = f"{prefix}-n01-plan-2026"
    if plan_id in plans:
        exported = webclient.run("export", plan_id, db=db).stdout.decode()
        if json.loads(exported) != json.loads(source.replace("storstad", prefix)):
            problems.append(f"{plan_id} is there but differs from its file")
        state = "whole"
    else:
        with sqlite3.connect(db) as connection:
            left = sum(connection.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} LIKE ?", (prefix + "%",)).fetchone()[0]
                       for table, column in [("municipalities", "id"), ("org_units", "id"), ("goals", "id"), ("indicators", "id"),
                                             ("measure_values", "plan_id"), ("plans", "id")])
        if left:
            problems.append(f"{prefix}: the import is not in the plans but left {left} rows")
        state = "nothing"
        if imported_before_kill:
            problems.append(f"{prefix}: the import had finished but is gone")
    # every acknowledged write
    by_plan = {}
    for (plan, indicator), value in acknowledged.items():
        by_plan.setdefault(plan, {})[indicator] = value
    lost = 0
    for plan, cells in by_plan.items():
        stored = webclient.exported_values(plan, db)
        for indicator, value in cells.items():
            held = stored.get(indicator, {}).get((PERIOD, "total", "outcome"))
            held = held.replace(".", ",") if held is not None else None
            # a save the database committed as the server died, before it could answer, may be there instead
            if held != value and held != in_flight.get((plan, indicator)):
                lost += 1
                problems.append(f"{plan} {indicator}: acknowledged {value}, database holds {held}")
    print(f"  round {round_number:2d}: killed after the import {'finished' if imported_before_kill else 'started'}; import {state}; "
          f"integrity {check}; {writes_this_round[0]} writes acknowledged this round, {len(acknowledged)} cells checked, {lost} lost", flush=True)
    if writes_this_round[0] == 0:
        problems.append("no write was acknowledged before the kill")
    failures += [f"round {round_number}: {p}" for p in problems]

print(f"  {args.rounds} kills: {len(failures)} problems")
for line in failures[:20]:
    print("    " + line)
print("  result  " + ("passed" if not failures else "FAILED"))
sys.exit(0 if not failures else 1)
