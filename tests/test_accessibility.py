"""WCAG 2.1 AA: an automated axe scan of every page type finds no violations."""
import json

import pytest
from pathlib import Path

import axe_core_python
from selenium.webdriver.common.by import By

from conftest import ARTIFACTS, create_admin, sign_in

AXE_SOURCE = (Path(axe_core_python.__file__).parent / "axe.min.js").read_text()
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def scan(browser, name):
    # axe-core 4.4 as shipped in the axe-core-python package, injected and run directly.
    browser.execute_script(AXE_SOURCE)
    browser.set_script_timeout(60)
    results = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(done).catch(function (e) { done({violations: [{id: 'axe-error', impact: 'n/a', help: String(e), nodes: []}]}); });",
        WCAG_AA)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / f"axe-{name}.png"))
    violations = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in results["violations"]]
    return violations


@pytest.fixture
def admin_browser(server, browser, tmp_path):
    create_admin(tmp_path / "serve.sqlite")
    sign_in(browser, server, "ada")
    return browser


PAGES = {
    "start": "/",
    "plan-mark": "/planer/mark-sn-namndplan-2024-2025",
    "plan-linkoping": "/planer/lkpg-son-internbudget-2021",
    "plan-soderkoping": "/planer/sdkp-sn-uppdragsplan-2020-2023",
    "values": "/planer/mark-sn-namndplan-2024-2025/utfall",
    "status": "/planer/mark-sn-namndplan-2024-2025/status",
    "versions": "/planer/mark-sn-namndplan-2024-2025/versioner?fran=1&till=aktuell&datum=2024-05-01",
    "assessment": "/planer/mark-sn-namndplan-2024-2025/bedomning?ar=2023",
    "new-goal": "/planer/mark-sn-namndplan-2024-2025/mal/nytt",
    "goal-edit": "/planer/mark-sn-namndplan-2024-2025/mal/mark-sn-god-kvalitet",
    "indicator-edit": "/planer/mark-sn-namndplan-2024-2025/indikatorer/mark-sn-utredningstid-lss",
    "search": "/sok?q=barn",
    "accounts": "/admin/konton",
    "api-tokens": "/admin/api-nycklar",
    "group-mappings": "/admin/inloggning",
    "municipality": "/admin/kommuner/mark",
    "audit": "/granskning",
    "economy-linkoping": "/planer/lkpg-son-internbudget-2021/ekonomi",
    "economy-soderkoping": "/planer/sdkp-sn-uppdragsplan-2020-2023/ekonomi",
    "economy-follow-up": "/planer/mark-sn-namndplan-2024-2025/ekonomi/uppfoljning?ar=2024&manad=4",
    "economy-budget-edit": "/planer/sdkp-sn-uppdragsplan-2020-2023/ekonomi/budget/driftsekonomi",
    "activities": "/planer/lkpg-son-internbudget-2021/aktiviteter?period=2021",
    "activities-with-units": "/planer/mark-sn-namndplan-2024-2025/aktiviteter?period=2024-D",
    "activity-edit": "/planer/mark-familjeenheten-enhetsplan-2024/aktiviteter/mark-fe-akt-samtalsmetod",
    "other-plans": "/planer/mark-sn-namndplan-2024-2025/ovriga-planer",
    "internal-control": "/planer/mark-sn-namndplan-2024-2025/internkontroll",
    "internal-control-results": "/planer/sdkp-sn-uppdragsplan-2020-2023/internkontroll?period=2020-D",
    "risk-edit": "/planer/mark-sn-namndplan-2024-2025/internkontroll/risker/mark-ik-sjuklon",
    "risk-scale": "/planer/mark-sn-namndplan-2024-2025/internkontroll/skala",
    "texts": "/planer/mark-sn-namndplan-2024-2025/texter",
    "text-edit": "/planer/mark-sn-namndplan-2024-2025/texter/redigera?rubrik=Marks%20kommuns%20vision",
    "not-found": "/planer/finns-inte",
}


def test_every_page_type_passes_axe(server, admin_browser):
    failures = {}
    for name, path in PAGES.items():
        admin_browser.get(server.url + path)
        violations = scan(admin_browser, name)
        if violations:
            failures[name] = violations
    # the sign-in page, signed out
    admin_browser.find_element(By.CSS_SELECTOR, ".account-nav button").click()
    admin_browser.get(server.url + "/logga-in")
    if violations := scan(admin_browser, "sign-in"):
        failures["sign-in"] = violations
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)


def test_main_pages_at_phone_width_pass_axe(server, admin_browser):
    admin_browser.set_window_size(390, 844)
    failures = {}
    for name in ("start", "plan-mark", "values", "assessment", "indicator-edit", "search", "economy-linkoping", "economy-follow-up"):
        admin_browser.get(server.url + PAGES[name])
        if violations := scan(admin_browser, f"{name}-phone"):
            failures[name] = violations
        width = admin_browser.execute_script("return document.documentElement.scrollWidth")
        viewport = admin_browser.execute_script("return document.documentElement.clientWidth")
        if width > viewport + 1:
            failures.setdefault(name, []).append(f"page is {width}px wide in a {viewport}px viewport")
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)


def test_html_documents_pass_axe(sqlite_tertial, browser, tmp_path):
    # The printable HTML of a plan and of a follow-up report, opened from the file as a recipient would.
    from conftest import DEMO_FILES
    sqlite_tertial.run("import", *map(str, DEMO_FILES))
    failures = {}
    for name, extra in [("document-plan", []), ("document-report", ["--report", "delar", "--year", "2024"])]:
        for plan_id in ("mark-sn-namndplan-2024-2025", "lkpg-son-internbudget-2021", "sdkp-sn-uppdragsplan-2020-2023"):
            out = tmp_path / f"{name}-{plan_id}.html"
            sqlite_tertial.run("export", plan_id, "--format", "html", *extra, "-o", str(out))
            browser.get(out.as_uri())
            if violations := scan(browser, f"{name}-{plan_id}"):
                failures[f"{name} {plan_id}"] = violations
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)
