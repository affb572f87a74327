"""Material's templates compiled once and kept between builds (generator/template_cache.py), with a
real Jinja environment: a cached template is not compiled again, an edited one is, and a cache that
cannot be used costs a compilation, never the build."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator import template_cache


def _environment(project: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(project / "templates")))
    template_cache.attach(env, str(project / "mkdocs.yml"))
    return env


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "main.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    return tmp_path


def _no_compiling(env: jinja2.Environment) -> None:
    def compile(*args, **kwargs):
        raise AssertionError("compiled again")

    env.compile = compile  # type: ignore[method-assign]


def test_a_template_compiled_by_one_build_is_loaded_by_the_next(project):
    assert _environment(project).get_template("main.html").render(title="one") == "<h1>one</h1>"
    assert list((project / template_cache.FOLDER).iterdir())  # kept beside the generator's cache
    env = _environment(project)
    _no_compiling(env)
    assert env.get_template("main.html").render(title="two") == "<h1>two</h1>"


def test_an_edited_template_is_compiled_again(project):
    _environment(project).get_template("main.html")
    (project / "templates" / "main.html").write_text("<h2>{{ title }}</h2>", encoding="utf-8")
    assert _environment(project).get_template("main.html").render(title="x") == "<h2>x</h2>"


def test_a_damaged_cache_file_is_compiled_again(project):
    _environment(project).get_template("main.html")
    for cached in (project / template_cache.FOLDER).iterdir():
        cached.write_bytes(jinja2.bccache.bc_magic + b"cut short")  # Jinja's header, then garbage
    assert _environment(project).get_template("main.html").render(title="x") == "<h1>x</h1>"


def test_without_a_place_for_the_cache_templates_are_compiled_as_before(project):
    (project / ".cache").write_text("a file where the folder would be", encoding="utf-8")
    env = _environment(project)
    assert env.bytecode_cache is None
    assert env.get_template("main.html").render(title="x") == "<h1>x</h1>"


def test_a_cache_that_cannot_be_written_does_not_stop_the_build(project):
    env = _environment(project)
    (project / template_cache.FOLDER).rmdir()  # gone after the build started: writing it fails
    assert env.get_template("main.html").render(title="x") == "<h1>x</h1>"
