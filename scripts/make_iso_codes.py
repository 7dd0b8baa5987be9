"""Regenerate the ISO 3166-1 alpha-3 and ISO 639-3 code lists the domain validates against.

Run by hand when the standards change:
    .venv/bin/pip install pycountry && .venv/bin/python scripts/make_iso_codes.py
    .venv/bin/pip uninstall -y pycountry
The application reads only the generated tab-separated files (code<TAB>name per line), so pycountry is never a runtime
dependency. Country names are the short common names where ISO's are inverted ("Viet Nam" -> "Vietnam"), because
caseworkers read them in lists.

Two additions that are not ISO 3166-1, kept because caseworkers meet them:
- XKX Kosovo: the user-assigned code the EU, IOM and UNHCR use; Kosovo has no ISO code.
- the alias "UK" for GBR: ISO reserves it for the United Kingdom, and spreadsheets use it.
The alias files map two-letter codes (ISO 3166-1 alpha-2, ISO 639-1) and ISO 639-2/B codes ("alb", "ger") onto the
standard codes; an alias that is itself a valid ISO 639-3 code would be ambiguous and is left out.
"""

from __future__ import annotations

from pathlib import Path

import pycountry  # type: ignore[import-not-found,unused-ignore]

DATA = Path(__file__).resolve().parents[1] / "src" / "hbf_desktop" / "domain" / "data"
EXTRA_COUNTRIES = {"XKX": ("XK", "Kosovo")}
EXTRA_COUNTRY_ALIASES = {"UK": "GBR"}


def _write(name: str, pairs: dict[str, str]) -> None:
    lines = "".join(f"{key}\t{value}\n" for key, value in sorted(pairs.items()))
    (DATA / name).write_text(lines, encoding="utf-8")


def main() -> None:
    countries = {c.alpha_3: getattr(c, "common_name", c.name) for c in pycountry.countries}
    country_aliases = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    for code, (alpha_2, name) in EXTRA_COUNTRIES.items():
        countries[code] = name
        country_aliases[alpha_2] = code
    country_aliases.update(EXTRA_COUNTRY_ALIASES)
    languages = {language.alpha_3: language.name for language in pycountry.languages}
    language_aliases: dict[str, str] = {}
    for language in pycountry.languages:
        for alias in (getattr(language, "alpha_2", None), getattr(language, "bibliographic", None)):
            if alias and alias not in languages:
                language_aliases[alias] = language.alpha_3
    _write("countries.tsv", countries)
    _write("country_aliases.tsv", country_aliases)
    _write("languages.tsv", languages)
    _write("language_aliases.tsv", language_aliases)


if __name__ == "__main__":
    main()
