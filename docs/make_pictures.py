"""Make the README's pictures of a generated draft: the invented county's plan with a red letterhead,
printed by LibreOffice, its first page and a body page as PNG. Run from the checkout:

    python docs/make_pictures.py

It uses the render test's own code (tests/support/render.py).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests" / "support")]

from drafter.api import generate_document, render  # noqa: E402
from drafter.generate.params import load_params  # noqa: E402
from drafter.rules import load_rules  # noqa: E402
from render import office, page_png, to_pdf  # noqa: E402

PAGES = {"draft-first-page.png": 0, "draft-body-page.png": 4}
WIDTH = 420  # pixels: readable headings, under 120 KB a page


def main() -> int:
    if office() is None:
        print("LibreOffice (soffice) is needed", file=sys.stderr)
        return 2
    rules = load_rules()
    params = load_params(HERE.parent / "samples" / "example-county.yaml", rules)
    params = params.model_copy(update={"letterhead": True})
    with tempfile.TemporaryDirectory() as work:
        docx = Path(work) / "example-county-zh.docx"
        docx.write_bytes(render(generate_document(params, "zh", rules=rules), "docx"))
        pdf = to_pdf([docx], Path(work))[0]
        for name, index in PAGES.items():
            png = page_png(pdf, index, WIDTH)
            (HERE / name).write_bytes(png)
            print(f"wrote docs/{name} ({len(png) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
