#!/usr/bin/env python3
"""The workspace in a real browser: headless Chromium driven by Selenium over WebDriver.

Run by WebBrowserTests (inside `swift test`) against a started verdict-server:

    workspace_test.py --base http://127.0.0.1:PORT --user clerk --password-env VERDICT_PASSWORD \
        --screenshots DIR DOSSIER.xml DOSSIER.xml

Scenario: log in, upload two dossiers, open a failing finding's explanation, go through the
training steps with the keyboard, use the what-if panel and see a verdict change, print a
draft (and see a refused one). No console error on any page. A screenshot of each page goes
to DIR. Exit status 0 when every check holds; 1 with the failures listed; 3 when the browser
cannot be started. Nothing here depends on how long anything takes: waits are for states.
"""
import argparse
import base64
import os
import sys

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

# A watchdog against a hung page, not a measurement.
WAIT = 120


class Run:
    def __init__(self, driver, base, shots):
        self.d = driver
        self.base = base.rstrip("/")
        self.shots = shots
        self.failures = []
        self.console = []
        self.n = 0

    def check(self, ok, what):
        print(("ok    " if ok else "FAIL  ") + what, flush=True)
        if not ok:
            self.failures.append(what)
        return ok

    def wait(self, condition, what):
        try:
            return WebDriverWait(self.d, WAIT).until(condition)
        except TimeoutException:
            self.check(False, "waited for " + what)
            return None

    def drain_console(self, page):
        for entry in self.d.get_log("browser"):
            if entry.get("level") == "SEVERE":
                self.console.append(page + ": " + entry.get("message", ""))

    def labelled(self, page):
        """Every control has an accessible name (a label, aria-label or its own text)."""
        unnamed = self.d.execute_script("""
            var out = [];
            document.querySelectorAll('input:not([type=hidden]), select, textarea, button').forEach(function (e) {
                var named = (e.labels && e.labels.length > 0) || e.getAttribute('aria-label') || (e.tagName === 'BUTTON' && e.textContent.trim());
                if (!named) out.push(e.outerHTML.slice(0, 80));
            });
            return out;""")
        self.check(not unnamed, page + ": every control is labelled" + "".join("\n      " + u for u in unnamed))

    def shot(self, name):
        self.labelled(name)
        self.n += 1
        path = os.path.join(self.shots, "%02d-%s.png" % (self.n, name))
        # The whole page, not just the viewport.
        height = self.d.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
        self.d.set_window_size(1280, max(800, min(int(height) + 40, 6000)))
        self.d.save_screenshot(path)
        self.d.set_window_size(1280, 900)
        self.drain_console(name)
        print("      screenshot " + path, flush=True)

    def go(self, path):
        self.d.get(self.base + path)
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete", "page " + path)

    def text(self):
        return self.d.find_element(By.TAG_NAME, "body").text

    def keys(self, *keys):
        ActionChains(self.d).send_keys(*keys).perform()

    def current_slide(self):
        return self.d.find_element(By.ID, "training").get_attribute("data-current")


def scenario(r, user, password, dossiers):
    d = r.d
    # Log in.
    r.go("/")
    r.check("/login" in d.current_url, "an anonymous visitor is sent to the login page")
    r.shot("login")
    d.find_element(By.ID, "user").send_keys(user)
    d.find_element(By.ID, "password").send_keys(password + Keys.ENTER)
    r.wait(lambda d: d.current_url.rstrip("/") == r.base, "the dashboard after logging in")
    r.check("工作台" in r.text(), "the dashboard shows after logging in")
    r.shot("dashboard-empty")

    # Upload two dossiers at once through the file picker.
    r.go("/upload")
    d.find_element(By.ID, "files").send_keys("\n".join(os.path.abspath(p) for p in dossiers))
    d.find_element(By.ID, "upload-button").click()
    r.wait(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-uploaded") == str(len(dossiers)), "both uploads")
    stored = d.find_elements(By.CSS_SELECTOR, "#results li.ok a")
    r.check(len(stored) == len(dossiers), "%d dossiers stored (%d)" % (len(dossiers), len(stored)))
    r.shot("upload")
    if not stored:
        return
    report = stored[-1].get_attribute("href")
    dossier_id = report.rstrip("/").split("/")[-1]

    r.go("/")
    r.check("JC-CQ-0001" in r.text(), "the dashboard lists the community")
    r.shot("dashboard")

    # The report, then a failing finding's explanation.
    d.get(report)
    r.check("不通过" in r.text(), "the report has failing findings")
    laws = d.find_elements(By.CSS_SELECTOR, "details.law")
    r.check(bool(laws) and not any(x.get_attribute("open") for x in laws), "the law is folded until asked for")
    r.shot("report")
    failing = d.find_elements(By.CSS_SELECTOR, "#g-fail ~ article.finding.fail p.more a")
    if r.check(bool(failing), "a failing finding links to its explanation"):
        failing[0].click()
        r.wait(lambda d: "/explain/" in d.current_url, "the explanation page")
        body = r.text()
        r.check("读取的事实" in body and "判定" in body, "the explanation shows the facts read and the branch")
        r.shot("explanation")

    # The training room, with the keyboard only.
    r.go("/training/dismissal?dossier=" + dossier_id)
    room = d.find_element(By.ID, "training")
    r.check("js" in room.get_attribute("class").split(), "the training room runs its script")
    r.check(r.current_slide() == "0", "the room opens on the timeline")
    r.check("2025-07-31" in r.text(), "the timeline shows the termination date")
    r.shot("training-timeline")
    steps = len(d.find_elements(By.CSS_SELECTOR, "section.slide.step"))
    r.check(steps >= 4, "the procedure has its steps (%d)" % steps)
    for n in range(1, steps + 1):
        r.keys(Keys.ARROW_RIGHT)
        r.check(r.current_slide() == str(n), "→ shows step %d" % n)
        slide = d.find_element(By.ID, "slide-%d" % n)
        answer = slide.find_element(By.CSS_SELECTOR, "details.answer")
        r.check(not answer.get_attribute("open"), "step %d: the answer is hidden at first" % n)
        r.keys(Keys.SPACE)
        r.check(bool(answer.get_attribute("open")), "step %d: space reveals the answer" % n)
        r.keys("l")
        r.check(bool(slide.find_element(By.CSS_SELECTOR, "details.law").get_attribute("open")), "step %d: L reveals the law" % n)
        if n in (1, 2, 4):
            r.shot("training-step-%d" % n)
    r.keys(Keys.ARROW_LEFT)
    r.check(r.current_slide() == str(steps - 1), "← goes back a step")

    # What if the notice had been served on 2025-06-05?
    r.keys("w")
    r.check(r.current_slide() == "whatif", "W opens the what-if panel")
    Select(d.find_element(By.ID, "whatif-field")).select_by_value("notice.0.served")
    value = d.find_element(By.ID, "whatif-value")
    r.check(value.get_attribute("value") == "2025-06-01", "the panel starts from the dossier's value")
    value.clear()
    value.send_keys("2025-06-05" + Keys.ENTER)
    changed = r.wait(lambda d: d.find_element(By.ID, "training").get_attribute("data-whatif-changed"), "the what-if answer")
    result = d.find_element(By.ID, "whatif-result").text
    r.check(changed is not None and int(changed) > 0, "the verdicts change (%s)" % changed)
    r.check("不通过" in result, "a verdict now fails")
    r.check("noncompliant" in result, "the dossier becomes noncompliant")
    r.shot("training-what-if")
    # Never stored: still two dossiers.
    r.go("/owners/JC-CQ-0001")
    rows = d.find_elements(By.CSS_SELECTOR, "form.compare table tbody tr")
    r.check(len(rows) == len(dossiers), "the what-if copy was not stored (%d dossiers)" % len(rows))
    r.check("不同的结论" in r.text(), "the history shows the findings that differ")
    r.shot("history")

    # A printable draft, and a refused one.
    r.go("/dossiers/%s/drafts/handover-checklist" % dossier_id)
    r.check(bool(d.find_elements(By.CSS_SELECTOR, "article.draft h1")), "the handover checklist is drafted")
    r.shot("draft-handover")
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    header = d.find_element(By.CSS_SELECTOR, "header.top")
    r.check(not header.is_displayed(), "print CSS hides the navigation")
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = base64.b64decode(d.print_page())
    r.check(pdf.startswith(b"%PDF"), "the draft prints (%d bytes of PDF)" % len(pdf))
    with open(os.path.join(r.shots, "draft-handover.pdf"), "wb") as f:
        f.write(pdf)
    r.go("/dossiers/%s/drafts/dismissal-notice" % dossier_id)
    r.check("拒绝出具" in r.text(), "a dismissal notice after the termination is refused with the reason")
    r.shot("draft-refused")

    # Drag and drop: a file dropped on the drop zone is uploaded like a chosen one.
    r.go("/upload")
    with open(dossiers[0], "rb") as f:
        text = f.read().decode("utf-8")
    d.execute_script("""
        var dt = new DataTransfer();
        dt.items.add(new File([arguments[0]], "dropped.xml", {type: "application/xml"}));
        var zone = document.getElementById("drop");
        zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
        zone.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));""", text)
    r.wait(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-uploaded") == "1", "the dropped file's upload")
    dropped = d.find_elements(By.CSS_SELECTOR, "#results li.ok")
    r.check(len(dropped) == 1 and "dropped.xml" in dropped[0].text, "a dropped file is uploaded")
    r.shot("upload-dropped")

    # Log out.
    r.go("/")
    d.find_element(By.CSS_SELECTOR, "form.logout button").click()
    r.wait(lambda d: "/login" in d.current_url, "the login page after logging out")
    r.drain_console("logout")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--password-env", default="VERDICT_PASSWORD")
    ap.add_argument("--screenshots", required=True)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    ap.add_argument("dossiers", nargs="+")
    a = ap.parse_args()
    os.makedirs(a.screenshots, exist_ok=True)
    opts = webdriver.ChromeOptions()
    opts.binary_location = a.chromium
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=zh-CN", "--no-first-run", "--disable-extensions", "--disable-background-networking"]:
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(executable_path=a.chromedriver), options=opts)
    except WebDriverException as e:
        print("cannot start the browser: %s" % e, flush=True)
        return 3
    r = Run(driver, a.base, a.screenshots)
    try:
        scenario(r, a.user, os.environ.get(a.password_env, ""), a.dossiers)
    except Exception as e:  # a missing element or the like: a failure with its reason, and a screenshot of where
        r.check(False, "scenario stopped: %r" % e)
        try:
            r.shot("stopped")
        except Exception:
            pass
    finally:
        driver.quit()
    r.check(not r.console, "no console errors" + ("".join("\n      " + c for c in r.console)))
    print("%s: %d failure(s)" % ("PASSED" if not r.failures else "FAILED", len(r.failures)), flush=True)
    return 0 if not r.failures else 1


if __name__ == "__main__":
    sys.exit(main())
