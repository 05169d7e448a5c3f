"""A small HTTP client for the scale scripts (bench/soak, bench/crash, bench/two-servers): a person's
session with its cookies, the sign-in form, and forms read from a page and sent back as a browser
would (every field, one or more changed). Standard library only; loopback only."""
import http.cookiejar
import html.parser
import json
import os
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "ett mycket hemligt ord"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FormParser(html.parser.HTMLParser):
    """Forms of a page: action, method and fields (inputs, selects with their chosen option, textareas)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.form, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = {"action": a.get("action", ""), "method": a.get("method", "get").lower(), "fields": []}
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file"):
                return
            self.form["fields"].append([a["name"], a.get("value") or ""])
        elif tag == "select" and a.get("name"):
            self.select = [a["name"], None]
            self.form["fields"].append(self.select)
        elif tag == "option" and self.select is not None:
            if self.select[1] is None or "selected" in a:
                self.select[1] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]
            self.form["fields"].append(self.textarea)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data


def forms(page):
    parser = FormParser()
    parser.feed(page)
    return [{"action": f["action"], "method": f["method"], "fields": [(n, v if v is not None else "") for n, v in f["fields"]]} for f in parser.forms]


class Session:
    def __init__(self, base_url, timeout=30, jar=None):
        """`jar`: another session's cookies (the same person on another server)."""
        self.base_url = base_url
        self.timeout = timeout
        self.jar = jar if jar is not None else http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, path, data=None):
        """(status, body, location). Redirects are not followed: a 303 after a POST is the acknowledgement."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.status, response.read().decode(), response.headers.get("Location")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.headers.get("Location")

    def get(self, path):
        return self.request(path)

    def form(self, path, match=lambda f: True):
        status, page, _ = self.get(path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        chosen = [f for f in forms(page) if f["method"] == "post" and match(f)]
        if not chosen:
            raise RuntimeError(f"GET {path}: no form")
        return chosen[0]

    def submit(self, form, changes, base_path=""):
        fields = [(n, changes.get(n, v)) for n, v in form["fields"]]
        action = form["action"] or base_path
        return self.request(action, dict(fields) if len({n for n, _ in fields}) == len(fields) else fields)

    def sign_in(self, username, password=PASSWORD):
        form = self.form("/logga-in", lambda f: any(n == "username" for n, _ in f["fields"]))
        status, _, _ = self.submit(form, {"username": username, "password": password}, "/logga-in")
        if status != 303:
            raise RuntimeError(f"sign-in of {username}: {status}")


def tertial_bin():
    return os.environ.get("TERTIAL_BIN", os.path.join(ROOT, ".build", "release", "tertial"))


def run(*args, db=None, env=None, input=None, check=True):
    command = [tertial_bin(), *args] + (["--db", db] if db else [])
    done = subprocess.run(command, env={**os.environ, **(env or {})}, input=input, capture_output=True, timeout=3600)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)}: {done.returncode}\n{done.stderr.decode()}")
    return done


def create_admin(db, username, env=None):
    run("admin", "create", "--username", username, "--password-stdin", db=db, env=env, input=(PASSWORD + "\n").encode())


def start_server(db, port, env=None, log=None):
    process = subprocess.Popen([tertial_bin(), "serve", "--no-demo", "--hostname", "127.0.0.1", "--port", str(port), "--db", db],
                               env={**os.environ, **(env or {})}, stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.read() == b"ok":
                    return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited with {process.returncode}")
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("the server did not answer /healthz")


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def exported_values(plan_id, db, env=None):
    """Indicator id → {(period, gender, kind): value} as `tertial export` writes the plan."""
    document = json.loads(run("export", plan_id, db=db, env=env).stdout)
    return {i["id"]: {(v["period"], v.get("gender", "total"), v["kind"]): v["value"] for v in i["values"]}
            for g in document["goals"] for i in g["indicators"]}
