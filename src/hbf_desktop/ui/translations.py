"""Translations: where the compiled catalogues are found at run time, and how their sources are made.

`.ts` files are the sources (XML a translator edits in Qt Linguist) and live in `resources/translations/`: the template
`hbf_desktop.ts` (every source string, nothing translated) and one `hbf_desktop_<lang>.ts` per shipped language.
`.qm` files are build output and never committed: `python3 dev.py translations` refreshes the sources with
pyside6-lupdate and compiles each language with pyside6-lrelease (both come with PySide6, so a fresh venv has them),
and installers/build.py compiles them into the frozen bundle's `translations/` folder.

lupdate reads `self.tr("...")` and `QCoreApplication.translate("context", "...")` in the code, but not the words the
"vocabulary" context is asked for at run time (`labels.tr(field.label)`, vocabulary labels, entity names): those are
data in `hbf_desktop.domain`, so they are generated into a throwaway Python file that lupdate reads alongside the code,
and a translator sees every word the screens can show.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

PACKAGE = Path(__file__).resolve().parents[1]
SOURCE_FOLDER = PACKAGE.parents[1] / "resources" / "translations"
TEMPLATE = "hbf_desktop.ts"
VOCABULARY_CONTEXT = "vocabulary"


def catalogue_folder() -> Path:
    """Where `hbf_desktop_<locale>.qm` are looked for: in a frozen bundle, its `translations/` folder (put there by
    installers/build.py); from a source checkout, beside the sources (put there by `dev.py translations`)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "translations"
    return SOURCE_FOLDER


def install(application: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Qt's own strings (standard buttons) and ours, in the system's language when a catalogue for it exists; with
    none, the English source text is shown. Returns the translators installed."""
    chosen = locale or QLocale.system()
    qt_folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        qt_folders.append(str(Path(bundle) / "PySide6" / "Qt" / "translations"))
    installed: list[QTranslator] = []
    for name, folders in (("qtbase", qt_folders), ("hbf_desktop", [str(catalogue_folder())])):
        for folder in folders:
            translator = QTranslator(application)
            if translator.load(chosen, name, "_", folder):
                application.installTranslator(translator)
                installed.append(translator)
                break
    return installed


# ---- making the sources (dev.py translations, installers/build.py, tests) ----


def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the environment running this (a venv's bin folder)."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    return name


def vocabulary_words() -> list[str]:
    """Every text `labels.tr` can be given: entity and field names, field help, vocabulary labels, NRM stages, the
    literal words ui modules pass to it (`tr("Not assessed")`) and the passphrase rule's advice."""
    from hbf_desktop.domain.entities import ENTITIES
    from hbf_desktop.domain.passphrase import passphrase_problem
    from hbf_desktop.domain.vocabularies import VOCABULARIES, label
    from hbf_desktop.ui.labels import NRM_STAGE_LABELS

    words: set[str] = set(NRM_STAGE_LABELS.values())
    for spec in ENTITIES.values():
        words.add(spec.label)
        for field in spec.fields:
            words.add(field.label)
            if field.help:
                words.add(field.help)
    for values in VOCABULARIES.values():
        words.update(label(value) for value in values if not value[:1].isdigit())  # age bands are numbers
    words.update(_literal_vocabulary_calls(PACKAGE / "ui"))
    # The passphrase rule's sentences: fixed, and shown as the wizard's advice (too short, repetitive, too common).
    words.update(filter(None, (passphrase_problem(sample) for sample in ("", "a" * 40, "password1234"))))
    return sorted(word for word in words if word)


def _literal_vocabulary_calls(folder: Path) -> set[str]:
    """`tr("...")` with a literal, in modules that import `tr` from hbf_desktop.ui.labels (and in labels itself)."""
    found: set[str] = set()
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports_tr = path.name == "labels.py" or any(
            isinstance(node, ast.ImportFrom)
            and node.module == "hbf_desktop.ui.labels"
            and any(alias.name == "tr" and alias.asname is None for alias in node.names)
            for node in ast.walk(tree)
        )
        if not imports_tr:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


def _vocabulary_module(words: Iterable[str]) -> str:
    lines = ['"""Generated for pyside6-lupdate by hbf_desktop.ui.translations; never imported."""', ""]
    lines += [f"QCoreApplication.translate({VOCABULARY_CONTEXT!r}, {word!r})" for word in words]
    return "\n".join(lines) + "\n"


def update_sources(folder: Path = SOURCE_FOLDER) -> list[Path]:
    """Refresh the template and every `hbf_desktop_<lang>.ts` in `folder` from the code (lupdate keeps what is
    translated already and marks vanished strings obsolete). Returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    targets = [folder / TEMPLATE, *sorted(folder.glob("hbf_desktop_*.ts"))]
    sources = sorted(str(path) for path in (PACKAGE).rglob("*.py") if "server" not in path.relative_to(PACKAGE).parts)
    with tempfile.TemporaryDirectory(prefix="hbf-lupdate-") as temporary:
        generated = Path(temporary) / "vocabulary_words.py"
        generated.write_text(_vocabulary_module(vocabulary_words()), encoding="utf-8")
        for target in targets:
            command = [_tool("pyside6-lupdate"), "-silent", "-locations", "none", *sources, str(generated)]
            subprocess.run([*command, "-ts", str(target)], check=True)
            _drop_context_free(target)
    return targets


def _drop_context_free(ts_file: Path) -> None:
    """lupdate files a bare `tr("...")` (the vocabulary helper) under an empty context nobody asks for at run time;
    those words are already in "vocabulary", so the empty context would only make a translator work twice."""
    tree: ElementTree.ElementTree[ElementTree.Element] = ElementTree.parse(ts_file)
    root = tree.getroot()
    for context in root.findall("context"):
        if not (context.findtext("name") or "").strip():
            root.remove(context)
    _write_ts(tree, ts_file)


def _write_ts(tree: ElementTree.ElementTree[ElementTree.Element], path: Path) -> None:
    ElementTree.indent(tree, space="    ")
    body = ElementTree.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def messages(ts_file: Path) -> list[tuple[str, str]]:
    """(context, source text) of every current message of a .ts file."""
    found: list[tuple[str, str]] = []
    for context in ElementTree.parse(ts_file).getroot().findall("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("obsolete", "vanished"):
                continue
            found.append((name, message.findtext("source") or ""))
    return found


def write_pseudo(template: Path, out: Path, wrap: str = "[!! {} !!]") -> None:
    """A pseudo-locale: every source string wrapped (placeholders and mnemonics kept), to prove on screen that every
    visible text is looked up in a catalogue."""
    tree: ElementTree.ElementTree[ElementTree.Element] = ElementTree.parse(template)
    root = tree.getroot()
    root.set("language", "en_ZZ")
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None:
            translation = ElementTree.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        translation.text = wrap.format(message.findtext("source") or "")
    _write_ts(tree, out)


def compile_catalogues(sources: Iterable[Path], out: Path) -> list[Path]:
    """Each .ts to `out/<same name>.qm` with lrelease."""
    out.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    for source in sources:
        target = out / (source.stem + ".qm")
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(target)], check=True)
        made.append(target)
    return made


def shipped_languages(folder: Path = SOURCE_FOLDER) -> list[Path]:
    return sorted(folder.glob("hbf_desktop_*.ts"))


def main(arguments: list[str]) -> int:
    """`dev.py translations [--qm-only] [--out DIR]`: refresh the sources, then compile each language."""
    import argparse

    parser = argparse.ArgumentParser(prog="dev.py translations", description=main.__doc__)
    parser.add_argument("--qm-only", action="store_true", help="compile only; leave the .ts sources as they are")
    parser.add_argument("--out", type=Path, default=SOURCE_FOLDER, help="where the .qm files go (default: beside)")
    chosen = parser.parse_args(arguments)
    if not chosen.qm_only:
        for path in update_sources():
            print(f"updated {path.relative_to(SOURCE_FOLDER.parents[1])} ({len(messages(path))} strings)")
    languages = shipped_languages()
    for path in compile_catalogues(languages, chosen.out):
        print(f"compiled {path}")
    if not languages:
        print("no languages yet: copy resources/translations/hbf_desktop.ts to hbf_desktop_<lang>.ts to start one")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main(sys.argv[1:]))
