"""A local stand-in for Kolada's API v3, for the tests (127.0.0.1 only).

It serves recorded-shape answers for a few KPIs and municipalities: `{"values": [...], "next_url": ...}`,
pages of PAGE_SIZE rows whatever per_page asks (so paging is exercised), at most 25 comma-separated
ids or years in one path segment (400 beyond), `from_date` for what changed since a day (a revised
value and a deleted one), and injected failures: the first data request answers 429 with
Retry-After, the third 500. Every request is logged; GET /_log returns the log as JSON lines.
"""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PAGE_SIZE = 40
KPIS = [
    {"id": "U21468", "title": "Brukarbedömning hemtjänst äldreomsorg - helhetssyn, andel (%)", "is_divided_by_gender": True, "has_ou_data": False},
    {"id": "N00945", "title": "Invånare totalt, antal", "is_divided_by_gender": True, "has_ou_data": False},
]
NAMES = {"0560": "Boxholm", "0561": "Åtvidaberg", "0562": "Finspång", "0563": "Valdemarsvik", "0580": "Linköping", "0581": "Norrköping",
         "0582": "Söderköping", "0583": "Motala", "0584": "Vadstena", "0586": "Mjölby"}
MUNICIPALITIES = [{"id": "0000", "title": "Riket", "type": "L"}] + [
    {"id": f"{n:04d}", "title": NAMES.get(f"{n:04d}", f"Kommun {n:04d}"), "type": "K"} for n in range(560, 590)
]
GROUPS = [{"id": "G1", "title": "Liknande kommuner, äldreomsorg", "members": [{"id": m["id"], "title": m["title"]} for m in MUNICIPALITIES[1:6]]}]
YEARS = [2021, 2022, 2023]
CHANGED_SINCE = "2026-11-01"


def value(kpi, municipality, year):
    base = (int(municipality) % 37) + year - 2000 + (1 if kpi == "U21468" else 1000)
    return round(base + 0.5, 1)


def rows(kpis, municipalities, years, since=None):
    if since is not None:
        if since > CHANGED_SINCE:
            return []
        # since the change day: one value revised, one deleted
        return [
            {"kpi": "U21468", "municipality": "0582", "period": 2023, "values": [
                {"gender": "T", "count": 1, "status": "", "value": 99.9}, {"gender": "K", "count": 1, "status": "", "value": None},
                {"gender": "M", "count": 1, "status": "", "value": 98.1}]},
            {"kpi": "U21468", "municipality": "0583", "period": 2022, "values": [], "isdeleted": True},
        ]
    result = []
    for k in kpis:
        for m in municipalities:
            for y in years:
                v = value(k, m, y)
                # the period as Kolada sends it, an integer or (older rows) a string
                result.append({"kpi": k, "municipality": m, "period": y if y != 2021 else str(y), "values": [
                    {"gender": "T", "count": 1, "status": "", "value": v},
                    {"gender": "K", "count": 1, "status": "", "value": round(v + 1, 1)},
                    {"gender": "M", "count": 1, "status": "", "value": None if y == 2021 else round(v - 1, 1)}]})
    return result


class Handler(BaseHTTPRequestHandler):
    server_version = "KoladaStandIn/1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, headers=None):
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        parts = [p for p in url.path.split("/") if p]
        if parts == ["_log"]:
            return self.answer(200, self.server.log)
        with self.server.lock:
            self.server.log.append(self.path)
            n = len(self.server.log)
        if not parts or parts[0] != "v3":
            return self.answer(404, {"error": "unknown path"})
        parts = parts[1:]
        for segment in parts:
            if len(segment.split(",")) > 25:
                return self.answer(400, {"error": "at most 25 ids per segment"})
        if parts[:1] == ["data"]:
            self.server.data_requests += 1
            if self.server.data_requests == 1:
                return self.answer(429, {"error": "too many requests"}, {"Retry-After": "0"})
            if self.server.data_requests == 3:
                return self.answer(500, {"error": "internal"})
            filters = dict(zip(parts[1::2], parts[2::2]))
            kpis = filters.get("kpi", ",".join(k["id"] for k in KPIS)).split(",")
            municipalities = filters.get("municipality", ",".join(m["id"] for m in MUNICIPALITIES)).split(",")
            years = [int(y) for y in filters.get("year", ",".join(map(str, YEARS))).split(",")]
            all_rows = rows([k for k in kpis if k in {x["id"] for x in KPIS}], [m for m in municipalities if m in {x["id"] for x in MUNICIPALITIES}],
                            [y for y in years if y in YEARS], since=query.get("from_date", [None])[0])
            page = int(query.get("page", ["1"])[0])
            chunk = all_rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
            body = {"values": chunk}
            if page * PAGE_SIZE < len(all_rows):
                q = {k: v[0] for k, v in query.items()}
                q["page"] = str(page + 1)
                body["next_url"] = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}{url.path}?" + "&".join(f"{k}={v}" for k, v in sorted(q.items()))
            return self.answer(200, body)
        if parts[:1] == ["kpi"]:
            if len(parts) == 2:
                ids = parts[1].split(",")
                return self.answer(200, {"values": [k for k in KPIS if k["id"] in ids]})
            title = query.get("title", [""])[0].lower()
            return self.answer(200, {"values": [k for k in KPIS if title in k["title"].lower()]})
        if parts == ["municipality"]:
            kind = query.get("region_type", [None])[0]
            return self.answer(200, {"values": [m for m in MUNICIPALITIES if kind is None or m["type"] == kind]})
        if parts == ["municipality_groups"]:
            return self.answer(200, {"values": GROUPS})
        return self.answer(404, {"error": "unknown path"})


def start():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.log = []
    server.lock = threading.Lock()
    server.data_requests = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.base_url = f"http://127.0.0.1:{server.server_address[1]}/v3"
    return server
