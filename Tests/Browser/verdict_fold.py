#!/usr/bin/env python3
"""Where the verdict sits on a phone (headless Chromium through Debian's chromedriver, 360x640
CSS pixels): for each page, the bottom of the verdict box and of the fact inside it, against the
fold; then /verify with a typed short code. Screenshots go to SCREENSHOT_DIR.
Usage: verdict_fold.py SCREENSHOT_DIR VERIFY_URL SHORT_CODE NAME=URL...
Prints one JSON object: {name: {"verdict", "bottom", "fact_bottom", "fold", "fact"}}."""
import json
import os
import sys

os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium fetch a driver or a browser
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

shots, verify_url, short_code, pages = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
    options.add_argument(argument)
options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 360, "height": 640, "pixelRatio": 1}})
options.add_experimental_option("prefs", {"intl.accept_languages": "vi-VN,vi"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(30)


def measure(name):
    box = driver.find_elements(By.CSS_SELECTOR, "[data-verdict]")
    fact = driver.find_elements(By.CSS_SELECTOR, "[data-verdict] [data-fact], [data-verdict] .typed")
    seen = {"fold": driver.execute_script("return window.innerHeight"),
            "width": driver.execute_script("return document.documentElement.scrollWidth")}
    if box:
        seen["verdict"] = box[0].get_attribute("data-verdict")
        seen["bottom"] = driver.execute_script("return arguments[0].getBoundingClientRect().bottom", box[0])
    if fact:
        seen["fact"] = fact[0].text
        seen["fact_bottom"] = driver.execute_script("return arguments[0].getBoundingClientRect().bottom", fact[0])
    driver.save_screenshot(os.path.join(shots, name + ".png"))
    return seen


result = {}
try:
    for page in pages:
        name, url = page.split("=", 1)
        driver.get(url)
        result[name] = measure(name)
    driver.get(verify_url)
    driver.find_element(By.ID, "code").send_keys(short_code)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(driver, 20).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "[data-verdict]")))
    result["verify"] = measure("verify-answer")
finally:
    driver.quit()
print(json.dumps(result, ensure_ascii=False))
