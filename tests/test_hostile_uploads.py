"""Hostile ledger uploads against a running server held to 1 GB of memory (issue 20, findings 1, 2
and 5): references past a sheet's size, a row number of two billion, forty sheets that point at
one 250 MB part, a 1 GB part, forty distinct parts. Each is refused with a message that names the
problem, the server keeps serving, and an ordinary ledger is still read under the same cap.

The cap is a memory cgroup of 1 GB (v2 or v1) that the server is moved into; where no cgroup can be
made (a container without one), an address-space limit (`prlimit --as`) of 2 GB, which counts the
threads' reserved stacks too."""
import io
import os
import subprocess
import sys
import time
import urllib.request
import uuid
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, Server, create_admin

sys.path.insert(0, str(ROOT / "bench"))
import webclient  # noqa: E402

PLAN = "lkpg-son-internbudget-2021"
GIB = 1024 ** 3


class MemoryCap:
    """Puts a process under a memory limit: a cgroup (v2, then v1), or prlimit --as."""

    def __init__(self, pid, limit=GIB):
        self.pid, self.limit, self.group, self.kind = pid, limit, None, None
        own = Path("/proc/self/cgroup").read_text().splitlines()
        v2 = next((line.split(":", 2)[2] for line in own if line.startswith("0::")), None)
        v1 = next((line.split(":", 2)[2] for line in own if ":memory:" in line), None)
        name = "tertial-test-" + uuid.uuid4().hex[:8]
        for base, limit_file in ((Path("/sys/fs/cgroup/memory") / (v1 or "/").lstrip("/"), "memory.limit_in_bytes"),
                                 (Path("/sys/fs/cgroup") / (v2 or "/").lstrip("/"), "memory.max")):
            try:
                group = base / name
                group.mkdir()
                (group / limit_file).write_text(str(limit))
                (group / "cgroup.procs").write_text(str(pid))
                self.group, self.kind = group, f"cgroup {limit_file}"
                return
            except OSError:
                try:
                    group.rmdir()
                except OSError:
                    pass
        subprocess.run(["prlimit", "--pid", str(pid), f"--as={2 * GIB}"], check=True)
        self.kind = "prlimit --as 2 GB"

    def release(self):
        if self.group is not None:
            for _ in range(20):
                try:
                    self.group.rmdir()
                    return
                except OSError:
                    time.sleep(0.2)


def workbook(parts, sheets=None):
    """An .xlsx (deflated): `parts` maps a worksheet path to its XML; `sheets` lists the parts the
    workbook's sheets point at, in order (default: each part once)."""
    sheets = sheets or list(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", "<workbook><sheets>" + "".join(
            f'<sheet name="Blad{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, len(sheets) + 1)) + "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels", "<Relationships>" + "".join(
            f'<Relationship Id="rId{i}" Target="{target.removeprefix("xl/")}"/>' for i, target in enumerate(sheets, 1)) + "</Relationships>")
        for path, xml in parts.items():
            z.writestr(path, xml)
    return out.getvalue()


HEADER = '<row r="1"><c t="inlineStr"><is><t>Verksamhet</t></is></c><c t="inlineStr"><is><t>År</t></is></c><c t="inlineStr"><is><t>Jan</t></is></c></row>'


def sheet(body):
    return f"<worksheet><sheetData>{HEADER}{body}</sheetData></worksheet>"


def filler(size):
    """About `size` bytes of rows of one cell each (a sheet that is only large)."""
    row = "<row><c><v>1</v></c></row>"
    return sheet(row * (size // len(row)))


HOSTILE = [
    ("a cell past XFD", lambda: workbook({"xl/worksheets/sheet1.xml": sheet('<row r="2"><c r="ZZZZZZZZZZZZZZZZ2"><v>1</v></c></row>')}), "utanför bladet"),
    ("a column reference that repeats XFD", lambda: workbook({"xl/worksheets/sheet1.xml": sheet('<row r="2"><c r="XFDXFDXFD2"><v>1</v></c></row>')}), "utanför bladet"),
    ("row two billion", lambda: workbook({"xl/worksheets/sheet1.xml": sheet('<row r="2000000000"><c><v>1</v></c></row>')}), "utanför bladet"),
    ("forty sheets on one 250 MB part", lambda: workbook({"xl/worksheets/sheet1.xml": filler(250_000_000)}, ["xl/worksheets/sheet1.xml"] * 40),
     "utanför bladet"),
    ("one 1 GB part", lambda: workbook({"xl/worksheets/sheet1.xml": "<worksheet>" + "<x/>" * (GIB // 4) + "</worksheet>"}), "packas upp till mer än"),
    # no sheet has the ledger's header, so each is read in turn, until the file's budget is spent
    ("forty distinct 10 MB parts", lambda: workbook({f"xl/worksheets/sheet{i}.xml": "<worksheet>" + ("<x>" + "x" * 4096 + "</x>") * 2_500 + "</worksheet>"
                                                     for i in range(1, 41)}),
     "packas upp till mer än"),
]


def upload(session, content, name):
    """The ledger form of the monthly follow-up, posted as a browser posts a file."""
    form = session.form(f"/planer/{PLAN}/ekonomi/uppfoljning", lambda f: f["action"].endswith("/huvudbok"))
    boundary = "----tertial" + uuid.uuid4().hex
    body = b""
    for field, value in form["fields"]:
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"\r\n\r\n{value}\r\n'.encode()
    body += f'--{boundary}\r\nContent-Disposition: form-data; name="fil"; filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
    body += content + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(session.base_url + form["action"], data=body,
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with session.opener.open(request, timeout=300) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


@pytest.fixture(scope="module")
def capped(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("capped")
    create_admin(tmp / "serve.sqlite")
    server = Server(tmp)
    cap = MemoryCap(server.process.pid)
    session = webclient.Session(server.url, timeout=300)
    session.sign_in("ada")
    yield server, session, cap
    server.stop()
    cap.release()


@pytest.mark.parametrize("name, make, message", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_ledger_is_refused_with_a_message_and_the_server_keeps_serving(capped, name, make, message):
    server, session, cap = capped
    content = make()
    assert len(content) <= 32 * 1024 * 1024, f"{name}: {len(content)} bytes"
    started = time.monotonic()
    status, page = upload(session, content, "huvudbok.xlsx")
    assert server.process.poll() is None, f"{name}: the server died under {cap.kind}"
    assert status == 422, f"{name}: {status} {page[:2000]}"
    assert message in page and "Inget ur filen lästes in" in page, page[-3000:]
    assert server.get("/healthz") == "ok"
    print(f"{name}: refused in {time.monotonic() - started:.1f} s, server at {rss_mb(server.process.pid)} MB under {cap.kind}")


def test_an_ordinary_ledger_is_still_read_under_the_cap(capped):
    server, session, _ = capped
    csv = (ROOT / "docs" / "examples" / "huvudbok-linkoping-2021.csv").read_bytes()
    status, page = upload(session, csv, "huvudbok.csv")
    assert status == 200 and "Utfall inlästa" in page, page[-2000:]
    assert server.process.poll() is None
