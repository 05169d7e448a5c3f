"""Issue 24, point 4: what operations watch. /metrics (Prometheus text format, read with prometheus_client's
independent parser) is scraped before and after a sign-in, a page load and a save in the grid, and the counters
move; with TERTIAL_LOG_FORMAT=json every log line is one JSON object, each request's with its request id, route
pattern, status, duration, person and plan, and no secret (a calendar URL's, a password, a session cookie)."""
import json
import re
import urllib.error
import urllib.request

from prometheus_client.parser import text_string_to_metric_families
from selenium.webdriver.common.by import By

from conftest import Server, create_admin, make_browser, sign_in, wait_for_text

PLAN = "mark-sn-namndplan-2024-2025"


def scrape(server, token=None):
    request = urllib.request.Request(server.url + "/metrics")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        text = response.read().decode()
    samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0)


def test_the_counters_move_and_the_logs_are_json_lines_without_secrets(tmp_path):
    server = Server(tmp_path, env={"TERTIAL_LOG_FORMAT": "json", "TERTIAL_REMINDERS": "off"})
    browser = make_browser()
    try:
        create_admin(tmp_path / "serve.sqlite")
        # through a reverse proxy on this machine (it adds X-Forwarded-For) /metrics is someone else's: 403
        proxied = urllib.request.Request(server.url + "/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
        try:
            urllib.request.urlopen(proxied, timeout=10)
            raise AssertionError("/metrics answered a proxied request without the token")
        except urllib.error.HTTPError as error:
            assert error.code == 403
        before = scrape(server)
        assert value(before, "tertial_db_pool_connections_max", database="sqlite") >= 1
        assert ("tertial_render_queue_waiting", ()) in before

        sign_in(browser, server, "ada")
        browser.get(server.url + f"/planer/{PLAN}")
        browser.get(server.url + f"/planer/{PLAN}/utfall?period=2024")
        cell = browser.find_element(By.CSS_SELECTOR, 'input[data-row="0"][data-col="0"]')
        cell.clear()
        cell.send_keys("104")
        browser.find_element(By.XPATH, "//button[normalize-space()='Spara']").click()
        wait_for_text(browser, (By.CLASS_NAME, "notice"), "1 värde sparat.")
        browser.get(server.url + "/kalender/en-hemlig-adress.ics")

        after = scrape(server)
        assert value(after, "tertial_sign_ins_total", outcome="succeeded") == value(before, "tertial_sign_ins_total", outcome="succeeded") + 1
        page = dict(method="GET", route="/planer/:planID", status="200")
        assert value(after, "tertial_http_requests_total", **page) == value(before, "tertial_http_requests_total", **page) + 1
        save = dict(method="POST", route="/planer/:planID/utfall", status="303")
        assert value(after, "tertial_http_requests_total", **save) == value(before, "tertial_http_requests_total", **save) + 1
        timed = dict(method="POST", route="/planer/:planID/utfall")
        assert value(after, "tertial_http_request_duration_seconds_count", **timed) == 1
        assert value(after, "tertial_http_request_duration_seconds_sum", **timed) > 0
        # a route is its pattern: a calendar secret never becomes a label
        assert not any("en-hemlig-adress" in str(key) for key in after)

        lines = [line for line in (tmp_path / "serve.log").read_text().splitlines() if line.strip()]
        records = [json.loads(line) for line in lines]  # every line is JSON
        requests = [r for r in records if r.get("message") == "request"]
        saved = [r for r in requests if r["route"] == "/planer/:planID/utfall" and r["method"] == "POST"]
        assert saved and saved[0]["person"] == "ada" and saved[0]["plan"] == PLAN and saved[0]["status"] == 303
        assert all(r.get("request_id") and isinstance(r.get("duration_ms"), (int, float)) for r in requests)
        # every line's time is an RFC 3339 instant in UTC
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", r["time"]) for r in records), records[0]["time"]
        text = "\n".join(lines)
        assert "en-hemlig-adress" not in text and "ett mycket hemligt ord" not in text and "tertial_session" not in text
    finally:
        browser.quit()
        server.stop()


def test_metrics_with_a_token(tmp_path):
    server = Server(tmp_path, env={"TERTIAL_METRICS_TOKEN": "ett-langt-skrapnyckelord"})
    try:
        try:
            urllib.request.urlopen(server.url + "/metrics", timeout=10)
            raise AssertionError("/metrics answered without the token")
        except urllib.error.HTTPError as error:
            assert error.code == 401
        assert value(scrape(server, "ett-langt-skrapnyckelord"), "tertial_render_queue_slots") >= 1
    finally:
        server.stop()
