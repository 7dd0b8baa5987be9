"""Regenerate the ISO 3166-1 alpha-3 and ISO 639-3 code lists the domain validates against.

Run by hand when the standards change: `pip install pycountry && python scripts/make_iso_codes.py`. The application
itself reads only the generated tab-separated files, so pycountry is not a runtime dependency.
"""

from __future__ import annotations

from pathlib import Path

import pycountry  # type: ignore[import-not-found]

DATA = Path(__file__).resolve().parents[1] / "src" / "hbf_desktop" / "domain" / "data"


def main() -> None:
    countries = sorted((country.alpha_3, country.name) for country in pycountry.countries)
    (DATA / "countries.tsv").write_text("".join(f"{code}\t{name}\n" for code, name in countries), encoding="utf-8")
    languages = sorted((language.alpha_3, language.name) for language in pycountry.languages)
    (DATA / "languages.tsv").write_text("".join(f"{code}\t{name}\n" for code, name in languages), encoding="utf-8")


if __name__ == "__main__":
    main()
