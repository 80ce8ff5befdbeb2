#!/usr/bin/env python3
"""Drives the dashboard of `stalemate serve` in Debian's Chromium through Selenium.

    dashboard.py check   URL ARTIFACTS   the browser test (ServeCommandTests runs it)
    dashboard.py latency URL ARTIFACTS N end-to-end time of N lever changes (docs/api.md)

`check` loads the page, waits for the baseline's charts, moves a lever and sees the charts
change to the comparison of both arms, compares the two stored experiments side by side
(the server must keep a store), opens one war's story, pastes a scenario with an
error and sees it at its line, and fails on any console error. Screenshots go to ARTIFACTS.
Nothing is downloaded: the browser and its driver are Debian's (/usr/bin/chromium,
/usr/bin/chromedriver).
"""

import json
import os
import statistics
import sys
import time

os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager fetch a browser

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

LEVER = "thirdParties.mediators.decoupling"
TIMEOUT = 180


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1440,1000"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait(driver, what, condition, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(condition)
        if value:
            return value
        time.sleep(0.05)
    status = driver.execute_script("return document.getElementById('status').textContent")
    raise AssertionError(f"timed out after {timeout} s waiting for {what} (status line: {status!r})")


def shot(driver, folder, name):
    """A full-page screenshot, iframes grown to their content."""
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    data = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 16000), "scale": 1}})
    import base64
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(base64.b64decode(data["data"]))
    return path


def frame_text(driver, frame):
    return driver.execute_script(
        "const f = document.getElementById(arguments[0]);"
        "return f.contentDocument && f.contentDocument.body ? f.contentDocument.body.innerText : ''", frame)


def console_errors(driver):
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def baseline(driver, url):
    driver.get(url)
    wait(driver, "the baseline's report",
         "return document.body.dataset.lastJob && document.body.dataset.rendered === document.body.dataset.lastJob")


def check(url, folder):
    driver = browser()
    try:
        baseline(driver, url)
        first = frame_text(driver, "report")
        assert "Still at war" in first and "What blocked peace" in first, first[:500]
        assert "Runs per arm" in driver.page_source
        charts = driver.execute_script(
            "return document.getElementById('report').contentDocument.body.dataset.chartsOk")
        assert charts == "true", f"the report's self-check says {charts!r}"
        shot(driver, folder, "dashboard-baseline.png")

        # Move a lever with the keyboard, as a user would.
        before = driver.execute_script("return document.body.dataset.lastJob")
        lever = driver.find_element(By.CSS_SELECTOR, f'input[type=range][data-key="{LEVER}"]')
        group = lever.find_element(By.XPATH, "ancestor::details[1]")
        if not group.get_attribute("open"):
            group.find_element(By.TAG_NAME, "summary").click()
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", lever)
        lever.click()
        for _ in range(4):
            lever.send_keys(Keys.ARROW_RIGHT)
        wait(driver, "the comparison's report",
             f"return document.body.dataset.lastJob !== '{before}' && "
             "document.body.dataset.rendered === document.body.dataset.lastJob")
        after = frame_text(driver, "report")
        assert after != first, "the charts did not change"
        for title in ("Still at war, per arm", "How the wars end, per arm", "The talks: baseline",
                      "The talks: levers", "What blocked peace: levers", "Escalation, per arm",
                      "A's share of the contested value, per arm"):
            assert title in after, f"the comparison lacks '{title}'"
        status = driver.find_element(By.ID, "status").text
        assert LEVER in status, status
        shot(driver, folder, "dashboard-levers.png")

        # The store's history: tick the two experiments just run and compare their reports.
        for element in (driver.find_element(By.CSS_SELECTOR, "#history summary"), driver.find_element(By.ID, "refresh-history")):
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
            element.click()
        wait(driver, "two stored experiments",
             "return document.querySelectorAll('#history-list input[type=checkbox]:not(:disabled)').length >= 2")
        for box in driver.find_elements(By.CSS_SELECTOR, "#history-list input[type=checkbox]:not(:disabled)")[:2]:
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
            box.click()
        button = driver.find_element(By.ID, "compare-stored")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        pages = wait(driver, "the two stored reports side by side",
                     "const f = document.querySelectorAll('#stored-pages.pair iframe');"
                     "return f.length === 2 && [...f].every(x => x.contentDocument && x.contentDocument.body &&"
                     " x.contentDocument.body.innerText.includes('Still at war')) && f.length")
        assert pages == 2
        shot(driver, folder, "dashboard-history.png")
        close = driver.find_element(By.ID, "stored-close")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", close)
        close.click()

        # One war's story: the first settled war of the moved levers.
        driver.find_element(By.CSS_SELECTOR, "#story-arm option[value=levers]").click()
        driver.find_element(By.CSS_SELECTOR, "#story-pick option[value=settled]").click()
        driver.execute_script("document.body.dataset.storyRun = ''")
        driver.find_element(By.ID, "tell").click()
        wait(driver, "the story", "return document.body.dataset.storyRun")
        story = wait(driver, "the story's page",
                     "const f = document.getElementById('story-frame');"
                     "return f.contentDocument && f.contentDocument.body && f.contentDocument.body.innerText")
        assert "What happened" in story and "settled" in story, story[:800]
        assert "agreement: a ceasefire begins" in story, story[:2000]
        driver.execute_script("document.getElementById('story').scrollIntoView()")
        shot(driver, folder, "dashboard-story.png")

        # Paste a scenario with an error: the gutter marks its line and the list says it.
        driver.find_element(By.CSS_SELECTOR, "#yaml-panel summary").click()
        text = driver.execute_script("return document.getElementById('yaml').value")
        lines = text.split("\n")
        broken = next(i for i, line in enumerate(lines) if "foothold: 0.033" in line)
        lines[broken] = lines[broken].replace("foothold: 0.033", "foothold: lots")
        driver.execute_script(
            "const y = document.getElementById('yaml'); y.value = arguments[0];"
            "y.dispatchEvent(new Event('input', { bubbles: true }))", "\n".join(lines))
        bad = wait(driver, "the error at its line",
                   "const b = document.querySelector('#gutter .bad'); return b && b.textContent.trim()")
        assert int(bad) == broken + 1, f"the gutter marks line {bad}, the error is on line {broken + 1}"
        problems = driver.find_element(By.ID, "problems").text
        assert f"line {broken + 1}:" in problems and "lots" in problems, problems
        assert "problem" in driver.find_element(By.ID, "status").text
        driver.execute_script("document.getElementById('yaml-panel').scrollIntoView()")
        driver.execute_script(
            "const g = document.querySelector('#gutter .bad'); g.scrollIntoView({block: 'center'})")
        shot(driver, folder, "dashboard-yaml-error.png")

        errors = console_errors(driver)
        assert not errors, "console errors: " + json.dumps(errors, indent=1)
        print("dashboard check: baseline, lever, comparison, stored pair, story, YAML error at line "
              f"{broken + 1}, 0 console errors; screenshots in {folder}")
    finally:
        driver.quit()


def latency(url, folder, count):
    driver = browser()
    try:
        baseline(driver, url)
        lever = driver.find_element(By.CSS_SELECTOR, f'input[type=range][data-key="{LEVER}"]')
        times, stages = [], []
        for i in range(count):
            value = round(0.05 * (1 + i % 19), 2)  # a new setting each time, never the baseline's 0
            before = driver.execute_script("return document.body.dataset.lastJob")
            started = driver.execute_script(
                "const r = arguments[0]; r.value = arguments[1]; const t = performance.now();"
                "r.dispatchEvent(new Event('input', { bubbles: true })); return t", lever, value)
            wait(driver, f"change {i + 1}",
                 f"return document.body.dataset.lastJob !== '{before}' && "
                 "document.body.dataset.rendered === document.body.dataset.lastJob")
            done = float(driver.execute_script("return document.body.dataset.renderedAt"))
            times.append((done - started) / 1000)
            stages.append(json.loads(driver.execute_script("return document.body.dataset.timings")))
        breakdown = {k: round(statistics.median(s[k] for s in stages) / 1000, 3) for k in ("job", "report", "draw")}
        times.sort()
        p50 = statistics.median(times)
        p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
        result = {"changes": count, "p50_s": round(p50, 3), "p95_s": round(p95, 3),
                  "min_s": round(times[0], 3), "max_s": round(times[-1], 3),
                  "median_stage_s": breakdown}
        with open(os.path.join(folder, "lever-latency.json"), "w") as f:
            json.dump({"seconds": times, **result}, f, indent=1)
        print(json.dumps(result))
        errors = console_errors(driver)
        assert not errors, "console errors: " + json.dumps(errors, indent=1)
    finally:
        driver.quit()


if __name__ == "__main__":
    mode, url, folder = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(folder, exist_ok=True)
    if mode == "check":
        check(url, folder)
    elif mode == "latency":
        latency(url, folder, int(sys.argv[4]) if len(sys.argv) > 4 else 50)
    else:
        sys.exit(f"unknown mode {mode}: use check or latency")
