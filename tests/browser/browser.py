"""Debian's chromium, headless, driven by chromium-driver through
python3-selenium, for the console's browser test (tests/browser/console.py)
and its screenshots (tools/console-screens.sh).

The browser trusts exactly the console's own certificate: its public key's
SHA-256 (the SPKI hash) goes to --ignore-certificate-errors-spki-list, so a
different certificate would still be refused. Its profile and its downloads
live in a temporary directory the caller removes."""
import base64
import hashlib
import os
import shutil
import ssl
import subprocess

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


def spki_hash(cert_pem):
    """base64(SHA-256(SubjectPublicKeyInfo)) of a PEM certificate, as
    `openssl x509 -pubkey | openssl pkey -pubin -outform der | openssl dgst
    -sha256 -binary | base64` prints it."""
    pub = subprocess.run(["openssl", "x509", "-noout", "-pubkey", "-in", cert_pem],
                         capture_output=True, check=True).stdout
    der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "der"], input=pub,
                         capture_output=True, check=True).stdout
    return base64.b64encode(hashlib.sha256(der).digest()).decode()


def start(workdir, cert_pem=None, width=1280, height=900):
    """A headless chromium whose profile is workdir/profile and whose
    downloads land in workdir/downloads (returned as driver.download_dir)."""
    profile = os.path.join(workdir, "profile")
    downloads = os.path.join(workdir, "downloads")
    os.makedirs(profile, exist_ok=True)
    os.makedirs(downloads, exist_ok=True)
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--user-data-dir=" + profile, "--window-size=%d,%d" % (width, height),
              "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
              "--disable-background-networking", "--disable-sync", "--disable-extensions",
              "--disable-component-update", "--lang=zh-CN", "--hide-scrollbars"):
        opts.add_argument(a)
    if os.geteuid() == 0:
        opts.add_argument("--no-sandbox")
    if cert_pem:
        opts.add_argument("--ignore-certificate-errors-spki-list=" + spki_hash(cert_pem))
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    opts.add_experimental_option("prefs", {
        "download.default_directory": downloads,
        "download.prompt_for_download": False,
        "intl.accept_languages": "zh-CN,zh,en",
    })
    service = Service(CHROMEDRIVER, log_output=os.path.join(workdir, "chromedriver.log")) \
        if "log_output" in Service.__init__.__code__.co_varnames else \
        Service(CHROMEDRIVER, log_path=os.path.join(workdir, "chromedriver.log"))
    driver = webdriver.Chrome(service=service, options=opts)
    driver.execute_cdp_cmd("Page.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": downloads})
    driver.download_dir = downloads
    return driver


def stop(driver, workdir):
    try:
        driver.quit()
    finally:
        shutil.rmtree(os.path.join(workdir, "profile"), ignore_errors=True)
