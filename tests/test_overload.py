"""A burst of anonymous PDF requests against a running server (issue 20, finding 5): every request is
answered — a PDF, or 503 with Retry-After and a Swedish message within the queue's bounded wait —
never a 500; and the site's pages keep answering meanwhile (printing runs on a pool of its own,
not on the threads SQLite's queries run on)."""
import concurrent.futures
import time
import urllib.error
import urllib.request

PLAN = "mark-sn-namndplan-2024-2025"
BURST = 100


def fetch(url, timeout=180):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read()
            return response.status, dict(response.headers), body, time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read(), time.monotonic() - started


def test_a_burst_of_pdf_requests_gets_pdfs_or_503_with_retry_after_and_pages_keep_answering(server):
    pdf = f"{server.url}/planer/{PLAN}/dokument?format=pdf"
    page = f"{server.url}/planer/{PLAN}"
    with concurrent.futures.ThreadPoolExecutor(max_workers=BURST + 4) as pool:
        burst = [pool.submit(fetch, pdf) for _ in range(BURST)]
        time.sleep(1.0)
        # while the burst is being printed and turned away, a person opens the plan page
        pages = [fetch(page) for _ in range(3)]
        answers = [f.result() for f in burst]
    statuses = sorted({status for status, *_ in answers})
    assert set(statuses) <= {200, 503}, statuses
    printed = [a for a in answers if a[0] == 200]
    refused = [a for a in answers if a[0] == 503]
    assert printed and refused, f"{len(printed)} printed, {len(refused)} refused"
    assert all(body.startswith(b"%PDF") for _, _, body, _ in printed)
    for _, headers, body, seconds in refused:
        assert headers.get("Retry-After") == "10", headers
        assert "Många dokument skrivs ut just nu" in body.decode(), body[:500]
        assert seconds < 30, f"a refusal took {seconds:.1f} s (the queue waits at most 10 s)"
    assert all(status == 200 for status, *_ in pages), [p[0] for p in pages]
    slowest = max(seconds for *_, seconds in pages)
    print(f"{len(printed)} PDFs, {len(refused)} refused (slowest refusal {max(a[3] for a in refused):.1f} s); plan page at worst {slowest:.1f} s")
    assert slowest < 10, f"the plan page waited {slowest:.1f} s behind the printing"
