"""The year's process against real peers: a whole Delår round in Chromium with reminders read from a real SMTP
server (aiosmtpd) started by the test, a restart between two reminders that sends nothing twice, and the personal
calendar feed read by an independent iCalendar reader (icalendar)."""
import datetime
import zoneinfo
import email
import email.policy
import json
import re
import subprocess
import threading
import time

import pytest
import requests
from aiosmtpd.controller import Controller
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ARTIFACTS, Server, clean_env, create_admin, free_port, sign_in, tertial_bin

PASSWORD = "ett mycket hemligt ord"
REPORTERS = {"rep-sn": "mark-sn", "rep-fe": "mark-sf-familjeenheten", "rep-ifo": "mark-sf-ifo"}
UNIT_NAMES = {"mark-sn": "Socialnämnden", "mark-sf-familjeenheten": "Familjeenheten", "mark-sf-ifo": "Individ- och familjeomsorg"}


class Mailbox:
    """An SMTP server that keeps every message it accepts."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def to(self, address):
        with self.lock:
            return [m for rcpt, m in self.messages if address in rcpt]

    def count(self):
        with self.lock:
            return len(self.messages)

    def wait_for(self, n, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.count() >= n:
                return
            time.sleep(0.2)
        raise AssertionError(f"{self.count()} messages, expected {n}")

    def stop(self):
        self.controller.stop()



def stockholm_today():
    """Today as Tertial counts it (Stockholm's date): between midnight in Stockholm and midnight UTC the two differ."""
    return datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Stockholm")).date()

def smtp_env(mailbox):
    return {"TERTIAL_SMTP_HOST": "127.0.0.1", "TERTIAL_SMTP_PORT": str(mailbox.port), "TERTIAL_SMTP_SECURITY": "none",
            "TERTIAL_SMTP_FROM": "tertial@mark.se", "TERTIAL_REMINDER_INTERVAL": "1"}


def session(server, username):
    s = requests.Session()
    page = s.get(server.url + "/logga-in").text
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    answer = s.post(server.url + "/logga-in", data={"_csrf": csrf, "username": username, "password": PASSWORD})
    assert "Inloggad som" in answer.text, answer.text[:500]
    return s


def csrf_of(html):
    return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)


def post(s, url, data):
    page = s.get(url).text
    return s.post(url, data={"_csrf": csrf_of(page), **data})


def add_third_unit_plan(tmp_path):
    """Individ- och familjeomsorg gets a plan of its own, so three units report (the demo has two in Mark)."""
    db = str(tmp_path / "serve.sqlite")
    exported = subprocess.run([tertial_bin(), "export", "mark-familjeenheten-enhetsplan-2024", "--db", db], env=clean_env(),
                              capture_output=True, timeout=120, check=True).stdout.decode()
    text = exported.replace("mark-fe-", "mark-ifo-").replace("mark-familjeenheten-enhetsplan-2024", "mark-ifo-enhetsplan-2024")
    plan = json.loads(text)
    plan["plan"]["ownerUnitId"] = "mark-sf-ifo"
    plan["plan"]["title"] = "Enhetsplan 2024 Individ- och familjeomsorg"
    (tmp_path / "ifo.json").write_text(json.dumps(plan, ensure_ascii=False))
    subprocess.run([tertial_bin(), "import", str(tmp_path / "ifo.json"), "--db", db], env=clean_env(), capture_output=True, timeout=120, check=True)


def make_reporters(server):
    admin = session(server, "ada")
    for username, unit in REPORTERS.items():
        post(admin, server.url + "/admin/konton", {"username": username, "displayName": f"Rapportör {UNIT_NAMES[unit]}", "password": PASSWORD})
        accounts = admin.get(server.url + "/admin/konton").text
        account_id = re.search(rf'href="/admin/konton/([0-9A-Fa-f-]+)">{username}<', accounts).group(1)
        post(admin, server.url + f"/admin/konton/{account_id}", {"action": "role", "unitID": unit, "role": "reporter"})
        mine = session(server, username)
        answer = post(mine, server.url + "/mitt-konto", {"action": "settings", "email": f"{username}@mark.se"})
        assert answer.status_code == 200 and "Sparat." in answer.text
    return admin


@pytest.fixture
def mailbox():
    box = Mailbox()
    yield box
    box.stop()


def test_a_whole_delar_round_with_reminders_by_smtp(tmp_path, browser, mailbox):
    create_admin(tmp_path / "serve.sqlite")
    server = Server(tmp_path, env=smtp_env(mailbox))
    try:
        add_third_unit_plan(tmp_path)
        admin = make_reporters(server)
        today = stockholm_today()
        deadline = today + datetime.timedelta(days=7)

        # The controller sets Socialnämnden's Delår deadline (the units below inherit it) and opens the round.
        sign_in(browser, server, "ada")
        browser.get(server.url + "/rapportlage/mark?period=2024-D")
        field = browser.find_element(By.ID, "f-d.mark-sn")
        field.clear()
        field.send_keys(deadline.isoformat())
        browser.find_element(By.XPATH, "//button[normalize-space()='Spara datumen']").click()
        WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CLASS_NAME, "notice")))
        assert "Ärver " + deadline.isoformat() in browser.find_element(By.TAG_NAME, "main").text
        browser.find_element(By.XPATH, "//button[normalize-space()='Öppna delår 2024 för rapportering']").click()
        board = WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "rapportlage")))
        assert "Ej påbörjad: 3" in browser.find_element(By.TAG_NAME, "main").text
        for unit, name in UNIT_NAMES.items():
            row = board.find_element(By.ID, f"r-{unit}")
            assert name in row.text and deadline.isoformat() in row.text and "Ej påbörjad" in row.text

        # Seven days before the deadline each reporter gets one reminder, and only one however often the job runs.
        mailbox.wait_for(3)
        time.sleep(3)
        assert mailbox.count() == 3
        for username, unit in REPORTERS.items():
            [message] = mailbox.to(f"{username}@mark.se")
            assert "Delår 2024" in message["subject"] and UNIT_NAMES[unit] in message["subject"]
            body = message.get_content()
            assert f"sista dag {deadline.isoformat()} (om 7 dagar)" in body
            links = re.findall(r"http://127\.0\.0\.1:\d+/\S+", body)
            assert any("/rapportering/" in link for link in links) and any("/utfall?period=2024-D" in link for link in links)
            reporter = session(server, username)
            for link in links:
                answer = reporter.get(link)
                assert answer.status_code == 200, (link, answer.status_code)
            assert UNIT_NAMES[unit] in reporter.get(next(l for l in links if "/rapportering/" in l)).text

        # Two units mark their reports ready, from the link in their reminder.
        for username in ["rep-sn", "rep-fe"]:
            browser.delete_all_cookies()
            sign_in(browser, server, username, PASSWORD)
            [message] = mailbox.to(f"{username}@mark.se")
            browser.get(re.search(r"http://\S+/rapportering/\S+", message.get_content()).group(0))
            browser.find_element(By.XPATH, "//button[normalize-space()='Markera klar för granskning']").click()
            WebDriverWait(browser, 10).until(EC.text_to_be_present_in_element((By.ID, "lage"), "Klar för granskning"))

        # A report marked ready is read-only for the unit: Familjeenheten's grid refuses a save.
        fe = session(server, "rep-fe")
        grid = fe.get(server.url + "/planer/mark-familjeenheten-enhetsplan-2024/utfall?period=2024-D").text
        assert "klar för granskning för Familjeenheten" in grid

        # The controller approves one and sends one back with a comment.
        browser.delete_all_cookies()
        sign_in(browser, server, "ada")
        browser.get(server.url + "/rapportlage/mark?period=2024-D")
        browser.find_element(By.ID, "r-mark-sn").find_element(By.XPATH, ".//button[normalize-space()='Godkänn']").click()
        WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CLASS_NAME, "notice")))
        row = browser.find_element(By.ID, "r-mark-sf-familjeenheten")
        row.find_element(By.CSS_SELECTOR, "input[name='comment']").send_keys("Analysen av delmål 2 saknas.")
        row.find_element(By.XPATH, ".//button[normalize-space()='Skicka tillbaka']").click()
        WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CLASS_NAME, "notice")))
        states = {unit: browser.find_element(By.ID, f"r-{unit}").text for unit in UNIT_NAMES}
        assert "Godkänd" in states["mark-sn"]
        assert "Återremitterad" in states["mark-sf-familjeenheten"] and "Analysen av delmål 2 saknas." in states["mark-sf-familjeenheten"]
        assert "Ej påbörjad" in states["mark-sf-ifo"]
        browser.save_screenshot(str(ARTIFACTS / "rapportlage.png"))
        # The committee's Delår report lists the units' reports, with the comment of the one sent back.
        report = admin.get(server.url + "/planer/mark-sn-namndplan-2024-2025/rapport?typ=delar&ar=2024&format=html").text
        assert "Enheternas rapporter" in report and "1 av 3 godkända" in report and "Analysen av delmål 2 saknas." in report
        # The unit sent back sees the comment on its start page (Mina uppgifter).
        assert "Analysen av delmål 2 saknas." in fe.get(server.url + "/").text

        # A reporter opens the grid, the controller closes the period meanwhile, the save is refused and says why.
        ifo = session(server, "rep-ifo")
        grid_url = server.url + "/planer/mark-ifo-enhetsplan-2024/utfall?period=2024-D"
        grid = ifo.get(grid_url).text
        cells = dict(re.findall(r'<input type="text" id="c-[^"]+" name="([^"]+)" value="([^"]*)"', grid))
        form = {name: value for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', grid)}
        assert cells, "the grid has cells for the period"
        first = next(iter(cells))
        post(admin, server.url + "/admin/kommuner/mark/perioder", {"action": "close", "period": "2024-D", "from": ""})
        refused = ifo.post(grid_url.split("?")[0], data={**form, **cells, first: "12"})
        assert refused.status_code == 423
        assert "Delår 2024 är stängd för rapportering sedan " + today.isoformat() in refused.text
        # Reopening the unit's part needs a reason and is audited.
        post(admin, server.url + "/admin/kommuner/mark/perioder",
             {"action": "reopen", "period": "2024-D", "unit": "mark-sf-ifo", "reason": "Felaktigt utfall för augusti"})
        audit = admin.get(server.url + "/granskning.csv").text
        assert "öppnad igen för mark-sf-ifo" in audit and "Felaktigt utfall för augusti" in audit
        assert "Godkänd" in audit and "Återremitterad" in audit
    finally:
        server.stop()


def test_a_restart_between_two_reminders_sends_nothing_twice(tmp_path, mailbox):
    create_admin(tmp_path / "serve.sqlite")
    server = Server(tmp_path, env=smtp_env(mailbox))
    try:
        add_third_unit_plan(tmp_path)
        admin = make_reporters(server)
        deadline = stockholm_today() + datetime.timedelta(days=7)
        post(admin, server.url + "/rapportlage/mark?period=2024-D", {"action": "deadlines", "period": "2024-D", "d.mark-sn": deadline.isoformat()})
        post(admin, server.url + "/rapportlage/mark?period=2024-D", {"action": "open", "period": "2024-D"})
        mailbox.wait_for(3)
        # The server is killed (no chance to tidy up) and started again on the same database.
        server.process.kill()
        server.process.wait(timeout=10)
    finally:
        server.stop()
    restarted = Server(tmp_path, env=smtp_env(mailbox))
    try:
        time.sleep(4)  # several runs of the job
        assert mailbox.count() == 3
        # The next reminder day (one day before the deadline), run from the command line twice: one more each.
        day = (deadline - datetime.timedelta(days=1)).isoformat()
        env = {**clean_env(), **smtp_env(mailbox), "TERTIAL_REMINDERS": "off"}
        for _ in range(2):
            run = subprocess.run([tertial_bin(), "reminders", "run", "--day", day, "--db", str(tmp_path / "serve.sqlite")],
                                 env=env, capture_output=True, timeout=120)
            assert run.returncode == 0, run.stderr.decode()
        assert mailbox.count() == 6
        for username in REPORTERS:
            subjects = [m["subject"] for m in mailbox.to(f"{username}@mark.se")]
            assert len(subjects) == 2, subjects
            assert "(i morgon)" in mailbox.to(f"{username}@mark.se")[1].get_content()
    finally:
        restarted.stop()


def test_the_calendar_feed_holds_every_deadline_and_can_be_revoked(tmp_path):
    import icalendar

    create_admin(tmp_path / "serve.sqlite")
    server = Server(tmp_path, env={"TERTIAL_REMINDERS": "off"})
    try:
        add_third_unit_plan(tmp_path)
        admin = make_reporters(server)
        post(admin, server.url + "/rapportlage/mark?period=2024-D", {"action": "deadlines", "period": "2024-D", "d.mark-sn": "2024-09-09",
                                                                       "d.mark-sf-familjeenheten": "2024-09-05"})
        post(admin, server.url + "/rapportlage/mark?period=2024-T1", {"action": "deadlines", "period": "2024-T1", "d.mark-sn": "2024-05-10"})
        for period in ["2024-D", "2024-T1"]:
            post(admin, server.url + "/rapportlage/mark", {"action": "open", "period": period})
        meeting = datetime.date(stockholm_today().year, 9, 25)
        post(admin, server.url + "/arshjul/mark", {"action": "add", "day": meeting.isoformat(), "kind": "committeeMeeting",
                                                   "title": "Socialnämndens sammanträde", "unit": "mark-sn"})
        fe = session(server, "rep-fe")
        page = post(fe, server.url + "/mitt-konto", {"action": "newFeed"}).text
        url = re.search(r'id="kalenderadress">([^<]+)<', page).group(1)
        # The feed is read without signing in (a calendar program has no session).
        answer = requests.get(url)
        assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(answer.content)
        events = [(e.decoded("dtstart"), str(e.get("summary"))) for e in calendar.walk("VEVENT")]
        # Familjeenheten's own Delår date, and Tertial 1's taken from its committee.
        assert (datetime.date(2024, 9, 5), "Rapportera delår 2024: Familjeenheten") in events
        assert (datetime.date(2024, 5, 10), "Rapportera tertial 1 2024: Familjeenheten") in events
        # Every reporting deadline of the person, and none of anyone else's.
        assert len([s for _, s in events if s.startswith("Rapportera")]) == 2
        # The committee's meeting above the unit is on it; each event has a UID and whole-day dates.
        assert (meeting, "Nämndsammanträde: Socialnämndens sammanträde") in events
        assert all(e.get("uid") for e in calendar.walk("VEVENT"))
        # The årshjul shows the same events as a wheel and a table.
        wheel = admin.get(server.url + "/arshjul/mark?ar=2024").text
        assert "<svg" in wheel and "Delår 2024: Familjeenheten" in wheel and "2024-09-05" in wheel
        wheel = admin.get(server.url + f"/arshjul/mark?ar={meeting.year}").text
        assert "Socialnämndens sammanträde" in wheel and meeting.isoformat() in wheel
        # Revoked, the URL answers 404.
        post(fe, server.url + "/mitt-konto", {"action": "revokeFeed"})
        assert requests.get(url).status_code == 404
    finally:
        server.stop()


def test_reminders_go_through_starttls_and_sign_in_to_the_relay(tmp_path):
    """The municipality's relay as most are: STARTTLS required, then AUTH; the password is never printed."""
    import ssl

    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key = tmp_path / "relay.pem", tmp_path / "relay.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=relay.mark.se",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    logins = []

    def authenticator(server, session, envelope, mechanism, data):
        logins.append((mechanism, data.login.decode(), data.password.decode(), session.ssl is not None))
        # handled=False: aiosmtpd answers 535 itself when the password is wrong
        return AuthResult(success=isinstance(data, LoginPassword) and data.password == b"r\xc3\xa4tt l\xc3\xb6sen", handled=False)

    box = Mailbox.__new__(Mailbox)
    box.messages, box.lock, box.port = [], threading.Lock(), free_port()
    box.controller = Controller(box, hostname="127.0.0.1", port=box.port, tls_context=context, require_starttls=True,
                                auth_required=True, authenticator=authenticator)
    box.controller.start()
    create_admin(tmp_path / "serve.sqlite")
    server = Server(tmp_path, env={"TERTIAL_REMINDERS": "off"})
    try:
        admin = make_reporters(server)
        deadline = stockholm_today() + datetime.timedelta(days=7)
        post(admin, server.url + "/rapportlage/mark?period=2024-D", {"action": "deadlines", "period": "2024-D", "d.mark-sn": deadline.isoformat()})
        post(admin, server.url + "/rapportlage/mark?period=2024-D", {"action": "open", "period": "2024-D"})

        def run(password):
            env = {**clean_env(), **smtp_env(box), "TERTIAL_SMTP_SECURITY": "starttls", "TERTIAL_SMTP_CA_FILE": str(cert),
                   "TERTIAL_SMTP_USERNAME": "tertial", "TERTIAL_SMTP_PASSWORD": password}
            return subprocess.run([tertial_bin(), "reminders", "run", "--db", str(tmp_path / "serve.sqlite")], env=env, capture_output=True, timeout=120)

        # a wrong password: refused by the relay, nothing delivered, the password nowhere in the output or on the board
        refused = run("fel lösen")
        assert refused.returncode == 1 and box.count() == 0
        output = (refused.stdout + refused.stderr).decode()
        assert "fel lösen" not in output and "misslyckades 2" in output
        board = admin.get(server.url + "/rapportlage/mark?period=2024-D").text
        assert "Misslyckades, försöker igen" in board and "fel lösen" not in board and "AUTH PLAIN (inloggningen)" in board
        # the right one: the failed sends are retried, over TLS, signed in, one each
        sent = run("rätt lösen")
        assert sent.returncode == 0, sent.stderr.decode()
        assert "skickade igen 2" in sent.stdout.decode()
        assert box.count() == 2 and len(box.to("rep-sn@mark.se")) == 1 and len(box.to("rep-fe@mark.se")) == 1
        assert logins[-1] == ("PLAIN", "tertial", "rätt lösen", True) and all(tls for *_, tls in logins)
    finally:
        server.stop()
        box.stop()


def test_two_servers_on_one_postgresql_send_each_reminder_once(tmp_path, mailbox, postgres_tertial):
    url = postgres_tertial.env["DATABASE_URL"]
    made = subprocess.run([tertial_bin(), "admin", "create", "--username", "ada", "--password-stdin"], input=(PASSWORD + "\n").encode(),
                          env=postgres_tertial.env, capture_output=True, timeout=120)
    assert made.returncode == 0, made.stderr.decode()
    env = {**smtp_env(mailbox), "DATABASE_URL": url}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = Server(tmp_path / "a", env=env)
    second = Server(tmp_path / "b", env=env)
    try:
        admin = make_reporters(first)
        deadline = stockholm_today() + datetime.timedelta(days=7)
        post(admin, first.url + "/rapportlage/mark?period=2024-D", {"action": "deadlines", "period": "2024-D", "d.mark-sn": deadline.isoformat()})
        post(admin, first.url + "/rapportlage/mark?period=2024-D", {"action": "open", "period": "2024-D"})
        # both servers run the job every second; each person gets one reminder
        mailbox.wait_for(2)
        time.sleep(4)
        assert mailbox.count() == 2
        assert len(mailbox.to("rep-sn@mark.se")) == 1 and len(mailbox.to("rep-fe@mark.se")) == 1
    finally:
        second.stop()
        first.stop()
