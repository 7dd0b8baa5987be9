"""The release workflow's syntax and structure (GitHub Actions cannot run here; actionlint does not install from PyPI
here, so the checks that matter are made on the parsed YAML)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import yaml

from tests.installers.tools import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"


def _load() -> dict[Any, Any]:
    document = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def _steps_text(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) + str(step.get("uses", "")) for step in job["steps"])


def test_the_workflow_parses_and_triggers_on_tags_and_by_hand() -> None:
    document = _load()
    triggers = document[True]  # YAML 1.1 reads the key `on` as True
    assert triggers["push"]["tags"] == ["v*"] and "workflow_dispatch" in triggers
    assert document["permissions"] == {"contents": "read"}
    assert set(document["jobs"]) == {"build", "sign"}


def test_every_platform_is_built_with_the_one_documented_command() -> None:
    build = _load()["jobs"]["build"]
    systems = [entry["os"] for entry in build["strategy"]["matrix"]["include"]]
    assert [system.split("-")[0] for system in systems] == ["ubuntu", "windows", "macos"]
    text = _steps_text(build)
    assert text.count("installers/build.py --provisioning") == 3
    assert "--authenticode-pfx" in text and "notarytool store-credentials" in text
    assert "upload-artifact" in text


def test_the_release_key_reaches_only_the_signing_job_and_the_result_is_verified() -> None:
    jobs = _load()["jobs"]
    assert "HBF_RELEASE_KEY" not in WORKFLOW.read_text().split("\n  sign:")[0].split("jobs:")[1]
    sign = jobs["sign"]
    assert sign["needs"] == "build"
    text = _steps_text(sign)
    assert text.index("org sign-release") < text.index("verify-release") < text.index("sha256sum --check")
    assert 'rm -r "$RUNNER_TEMP/keys"' in text


def test_steps_are_well_formed_and_actions_are_pinned_to_a_major_version() -> None:
    for name, job in _load()["jobs"].items():
        assert isinstance(job["runs-on"], str) and job["timeout-minutes"] <= 60, name
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@v[0-9]+", step["uses"]), step["uses"]
            if "env" in step:
                assert all(isinstance(value, str) for value in step["env"].values())


def test_every_secret_used_is_documented_at_the_top() -> None:
    text = WORKFLOW.read_text()
    header = text.split("\nname:")[0]
    used = set(re.findall(r"secrets\.([A-Z0-9_]+)", text))
    assert used and all(secret in header for secret in used), sorted(used)


def test_the_macos_and_windows_scripts_exist() -> None:
    for path in ("installers/macos/build_dmg.sh", "installers/windows/hbf-desktop.nsi", "installers/build.py"):
        assert (ROOT / path).is_file(), path
    assert Path(ROOT / "installers/macos/build_dmg.sh").stat().st_mode & 0o111


def test_the_macos_script_is_valid_bash() -> None:
    subprocess.run(["bash", "-n", str(ROOT / "installers/macos/build_dmg.sh")], check=True)
