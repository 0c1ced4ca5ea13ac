"""The web page's screenshots in the README: `drafter serve` on a free port, headless Chromium
(Debian's chromium and chromium-driver), the draft page with a sample and the review page with a
generated draft. Run from the checkout: `python docs/make_screenshots.py`."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "support"))

from browser import chromium  # noqa: E402


def main() -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    work = Path(tempfile.mkdtemp())
    draft = work / "county-draft.md"
    subprocess.run([sys.executable, "-m", "drafter", "generate", str(ROOT / "samples" / "example-county.yaml"),
                    "--format", "md", "-o", str(draft)], check=True, capture_output=True)
    server = subprocess.Popen([sys.executable, "-m", "drafter", "serve", "--port", "0", "--workers", "1"],
                              cwd=work, stderr=subprocess.PIPE, text=True)
    address = re.search(r"(http://\S+/)", server.stderr.readline()).group(1)
    driver = chromium()
    driver.set_window_size(1100, 820)
    try:
        driver.get(address)
        while not driver.execute_script("return editor !== null && editor.ready"):
            time.sleep(0.1)
        Select(driver.find_element(By.ID, "sample")).select_by_value("jiangmen")
        time.sleep(1.5)
        driver.save_screenshot(str(ROOT / "docs" / "serve-draft.png"))
        driver.find_element(By.CSS_SELECTOR, '.tab[data-tab="review"]').click()
        driver.find_element(By.ID, "drafts").send_keys(str(draft))
        driver.find_element(By.ID, "check").click()
        time.sleep(4)
        driver.save_screenshot(str(ROOT / "docs" / "serve-review.png"))
    finally:
        driver.quit()
        server.send_signal(2)
        server.wait(30)


if __name__ == "__main__":
    main()
