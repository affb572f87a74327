"""Build a real site from a seeds folder into a temporary project: generator, then `mkdocs build --strict`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag

ROOT = Path(__file__).resolve().parent.parent
# The five seed articles as they stood when these tests were written. The tests check the generator on
# known content (how many articles, which countries, what the golden pages hold); seeds/ is the
# digest's content, which every contribution changes, and which CI checks as it is (validation and a
# strict build: .github/workflows/ci.yml, and `test_the_repository_seeds_have_no_errors`).
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
HAND_WRITTEN = ("about.md", "contributing.md", "data.md", "performance.md", "includes", "javascripts", "stylesheets")


def prepare_project(seeds: Path, workdir: Path) -> Path:
    """A project in `workdir` with the repository's hand-written docs and config; returns its mkdocs.yml."""
    docs = workdir / "docs"
    copy_hand_written(docs)
    config_path = write_config(project_config(workdir, docs), workdir)
    run([sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--docs", str(docs)])
    return config_path


def copy_hand_written(docs: Path) -> None:
    """The repository's hand-written pages, copied into `docs`."""
    docs.mkdir(parents=True, exist_ok=True)
    for name in HAND_WRITTEN:
        source = ROOT / "docs" / name
        if source.is_dir():
            shutil.copytree(source, docs / name, dirs_exist_ok=True)
        elif source.is_file():
            shutil.copy2(source, docs / name)


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml read as MkDocs reads it: `!ENV [NAME, default]` is the variable's value or the default."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)


def project_config(workdir: Path, docs: Path) -> dict:
    """The repository's mkdocs.yml, pointed at `docs` and `workdir/site`, with absolute hook and theme paths."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(workdir / "site")
    config["hooks"] = [str(ROOT / hook) for hook in config.get("hooks", [])]
    if (config.get("theme") or {}).get("custom_dir"):
        config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    return config


def write_config(config: dict, workdir: Path) -> Path:
    config_path = workdir / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return config_path


def build_site(seeds: Path, workdir: Path) -> Path:
    """Generate and build; returns the `site/` folder. Fails loudly with MkDocs' output."""
    config_path = prepare_project(seeds, workdir)
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_path)])
    return workdir / "site"


def run(command: list[str]) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=_env())
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("DIGEST_REGENERATE", None)
    return env


def small_files_only() -> None:
    """Run in a child process before it starts (`preexec_fn`): no file larger than 20 kB can be written
    (RLIMIT_FSIZE: the write fails with EFBIG), as a nearly full disk would refuse a large one."""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # otherwise the signal ends the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
