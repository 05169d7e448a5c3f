"""Concurrency against a real server process (issue 9, finding 4): parallel PDF downloads are queued,
never answered with a 500, and parallel anonymous page loads see the adopted plan. Loopback only,
bounded in count and time."""
import concurrent.futures
import urllib.error
import urllib.request


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, response.headers.get("Retry-After"), len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Retry-After"), 0


def test_twenty_parallel_pdf_downloads_are_queued_not_failed(server):
    # given the demo plan, public and adopted
    url = server.url + "/planer/mark-sn-namndplan-2024-2025/dokument?format=pdf"
    # when twenty people download its PDF at once
    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(fetch, [url] * 20))
    # then every one gets the PDF (or, past the queue, a 503 that says when to come back), never a 500
    statuses = [status for status, _, _ in results]
    assert all(status in (200, 503) for status in statuses), statuses
    assert statuses.count(200) >= 1
    assert all(retry for status, retry, _ in results if status == 503)
    assert all(size > 10_000 for status, _, size in results if status == 200)
    # and the server still answers
    assert server.get("/healthz") == "ok"


def test_many_parallel_page_loads_all_succeed(server):
    url = server.url + "/planer/lkpg-son-internbudget-2021"
    with concurrent.futures.ThreadPoolExecutor(max_workers=32) as pool:
        results = list(pool.map(fetch, [url] * 200))
    assert [status for status, _, _ in results] == [200] * 200
    assert len({size for _, _, size in results}) == 1, "every visitor gets the same page"
