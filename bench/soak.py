#!/usr/bin/env python3
"""Soak test (issue 14): the synthetic municipality under 64 connections for 10 minutes, 90 % reads and
10 % writes through the real web routes, on loopback.

    bench/soak                      10 minutes, 64 connections, medium municipality, SQLite
    bench/soak --minutes 1          shorter
    DATABASE_URL=postgres://… bench/soak     on PostgreSQL (the database must be empty)

Eight people are signed in, eight connections each. Reads: committee plan pages (anonymous), a unit
plan and its value grid (signed in). Writes: each connection owns one unit plan and saves one value of its grid per write through the grid's form, as a
browser does (CSRF token, the versions the form showed). Afterwards: no 5xx answer, every acknowledged
write (303) is what the database holds (read back with `tertial export`), and resident memory in the
last minute is within 25 % of the first minute's (after a warm-up). Exits 1 on any failure.
"""
import argparse
import os
import random
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webclient  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--minutes", type=float, default=10)
parser.add_argument("--connections", type=int, default=64)
parser.add_argument("--size", default="medium")
parser.add_argument("--port", type=int, default=18000 + os.getpid() % 1000)
args = parser.parse_args()

work = tempfile.mkdtemp(prefix="tertial-soak-")
db = os.path.join(work, "soak.sqlite")
print(f"Generating the {args.size} municipality…", flush=True)
webclient.run("demo", "generate", "--size", args.size, "--seed", "1", db=db)
committees = [line.split("\t")[0] for line in webclient.run("plans", db=db).stdout.decode().splitlines() if "-n" in line.split("\t")[0]]
units = [line.split("\t")[0] for line in webclient.run("plans", db=db).stdout.decode().splitlines() if "-e" in line.split("\t")[0]]
# eight people, each with eight connections (tabs) on one session; they sign in one after another
# (the sign-in throttle would rightly refuse 64 parallel sign-ins of one account)
PEOPLE = [f"soak{n}" for n in range(1, 9)]
for person in PEOPLE:
    webclient.create_admin(db, person)
log = open(os.path.join(work, "server.log"), "wb")
server = webclient.start_server(db, args.port, log=log)
base = f"http://127.0.0.1:{args.port}"
jars = {}
for person in PEOPLE:
    signing_in = webclient.Session(base)
    signing_in.sign_in(person)
    jars[person] = signing_in.jar
PERIOD = "2026-10"

lock = threading.Lock()
statuses = {}
errors = []
acknowledged = {}   # (plan, indicator) -> value, the last acknowledged write of each cell
counts = {"reads": 0, "writes": 0}
deadline = time.time() + args.minutes * 60


def note(status, what):
    with lock:
        statuses[status] = statuses.get(status, 0) + 1
        if status >= 500:
            errors.append(f"{status} {what}")


def worker(n):
    rng = random.Random(n)
    plan = units[n % len(units)]
    session = webclient.Session(base, jar=jars[PEOPLE[n % len(PEOPLE)]])
    anonymous = webclient.Session(base)
    grid = f"/planer/{plan}/utfall?period={PERIOD}"
    sequence = 0
    while time.time() < deadline:
        try:
            step(rng, plan, session, anonymous, grid, sequence)
        except Exception as error:   # a timeout or a dropped connection is an error of the run
            with lock:
                errors.append(f"{type(error).__name__}: {error}")
        sequence += 1


def step(rng, plan, session, anonymous, grid, sequence):
    if True:
        if rng.random() < 0.10:
            form = session.form(grid, lambda f: any(name.startswith("u.") for name, _ in f["fields"]))
            cells = [name for name, _ in form["fields"] if name.startswith("u.") and name.count(".") == 1]
            cell = cells[sequence % len(cells)]
            value = f"{rng.randint(10, 99)},{rng.randint(0, 9)}"
            status, body, _ = session.submit(form, {cell: value}, grid)
            note(status, f"POST {grid}")
            if status == 303:
                with lock:
                    acknowledged[(plan, cell[2:])] = value
                    counts["writes"] += 1
            elif status < 500:
                with lock:
                    errors.append(f"write refused: {status} {grid} {cell}")
        else:
            choice = rng.random()
            if choice < 0.6:
                path, who = f"/planer/{rng.choice(committees)}", anonymous
            elif choice < 0.85:
                path, who = f"/planer/{plan}", session
            else:
                path, who = grid, session
            status, _, _ = who.get(path)
            note(status, f"GET {path}")
            with lock:
                counts["reads"] += 1


memory = []


def sampler():
    while time.time() < deadline:
        memory.append((time.time(), webclient.rss_mb(server.pid)))
        time.sleep(2)


started = time.time()
print(f"Soak: {args.connections} connections for {args.minutes:g} min on {'PostgreSQL' if os.environ.get('DATABASE_URL') else 'SQLite'}…", flush=True)
threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.connections)] + [threading.Thread(target=sampler)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.time() - started
server.terminate()
server.wait(timeout=30)

# Every acknowledged write is in the database.
lost = []
by_plan = {}
for (plan, indicator), value in acknowledged.items():
    by_plan.setdefault(plan, {})[indicator] = value
for plan, cells in by_plan.items():
    stored = webclient.exported_values(plan, db)
    for indicator, value in cells.items():
        held = stored.get(indicator, {}).get((PERIOD, "total", "outcome"))
        if held is None or held.replace(".", ",") != value:
            lost.append(f"{plan} {indicator}: wrote {value}, database holds {held}")

warm = [m for t, m in memory if t - started > min(60, elapsed / 4)]
first = warm[: max(1, len(warm) // 10)]
last = warm[-max(1, len(warm) // 10):]
first_mb = sum(first) / len(first) if first else 0
last_mb = sum(last) / len(last) if last else 0
growth = (last_mb - first_mb) / first_mb if first_mb else 0

print(f"  requests              {counts['reads'] + counts['writes']} in {elapsed:.0f} s ({(counts['reads'] + counts['writes']) / elapsed:.0f}/s): "
      f"{counts['reads']} reads, {counts['writes']} acknowledged writes")
print(f"  answers               {dict(sorted(statuses.items()))}")
print(f"  5xx and refused       {len(errors)}")
print(f"  lost writes           {len(lost)} of {len(acknowledged)} cells written")
print(f"  resident memory       {first_mb:.0f} MB after warm-up, {last_mb:.0f} MB at the end ({growth:+.0%}; goal: flat, within ±25 %)")
for line in (errors + lost)[:20]:
    print("    " + line)
ok = not errors and not lost and counts["writes"] > 0 and abs(growth) <= 0.25
print("  result                " + ("passed" if ok else "FAILED"))
sys.exit(0 if ok else 1)
