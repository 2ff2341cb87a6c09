#!/usr/bin/env python3
"""The shop page in a real browser (headless Chromium driven by Selenium through Debian's
chromedriver): open a one-time enrol link, press the enrol button, sell a unit, sell it again.
Usage: shop_flow.py ENROL_LINK CODE SCREENSHOT_DIR
Prints one JSON object with what each page showed; exits 1 when a step did not happen."""
import json
import os
import sys

os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium fetch a driver or a browser
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

link, code, shots = sys.argv[1], sys.argv[2], sys.argv[3]
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ("--headless=new", "--no-sandbox", "--disable-gpu"):
    options.add_argument(argument)
# A phone: 360 CSS pixels wide, a Vietnamese browser.
options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 360, "height": 800, "pixelRatio": 1}})
options.add_experimental_option("prefs", {"intl.accept_languages": "vi-VN,vi"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(30)
seen = {}


def verdict():
    boxes = driver.find_elements(By.CSS_SELECTOR, "[data-verdict]")
    return boxes[0].get_attribute("data-verdict") if boxes else None


def result():
    marks = driver.find_elements(By.CSS_SELECTOR, "[data-result]")
    return marks[0].get_attribute("data-result") if marks else None


def sell(name):
    box = driver.find_element(By.ID, "code")
    box.clear()
    box.send_keys(code)
    # A mark on the old page's window: the answer page is loaded when the mark is gone and the
    # new document is complete. Element handles are not used across the navigation, since
    # chromedriver may answer a stale node with a generic error instead of a stale-element one.
    driver.execute_script("window.ocopBeforeSale = true")
    driver.find_element(By.ID, "sell").click()
    WebDriverWait(driver, 20, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return window.ocopBeforeSale !== true && document.readyState === 'complete'"))
    driver.save_screenshot(os.path.join(shots, name + ".png"))
    # The verdict is the first thing on the page, above the form.
    first = driver.execute_script(
        "const v = document.querySelector('[data-verdict]'), f = document.querySelector('form');"
        "return v && f ? v.getBoundingClientRect().top < f.getBoundingClientRect().top : null;")
    seen[name] = {"verdict": verdict(), "result": result(), "verdictFirst": first,
                  "width": driver.execute_script("return document.documentElement.scrollWidth")}


try:
    driver.get(link)
    seen["enrolPage"] = {"button": len(driver.find_elements(By.ID, "enrol"))}
    driver.find_element(By.ID, "enrol").click()
    WebDriverWait(driver, 20).until(lambda d: "/enrol" not in d.current_url)
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.ID, "sell"))
    seen["desk"] = {"path": driver.current_url.split("/", 3)[-1], "sell": len(driver.find_elements(By.ID, "sell")),
                    "cookies": [c["name"] for c in driver.get_cookies()],
                    "httpOnly": all(c.get("httpOnly") for c in driver.get_cookies())}
    sell("first-sale")
    sell("second-sale")
finally:
    driver.quit()
print(json.dumps(seen))
ok = (seen.get("desk", {}).get("sell") == 1 and seen.get("first-sale", {}).get("result") == "done"
      and seen.get("second-sale", {}).get("result") == "refused")
sys.exit(0 if ok else 1)
