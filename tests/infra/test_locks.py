"""requirements/*.txt: the locks every install is constrained to (the venvs, CI, the function and training images).

A lock is current when every dependency the pyproject files declare for that install is pinned in it, at a
version the declaration allows; `make lock` rewrites them. The running venv (built by `make venv`, as CI does)
must hold exactly the pinned versions, which shows the constraint was applied.
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.infra.dockerfile import instructions
from tests.infra.sam import REPO_ROOT

LOCKS = REPO_ROOT / "requirements"
# The installs: what each lock's .in names, as pyproject (file, extras) pairs. The tooling's own dependencies
# include `talent-runtime[inference]`, installed from layers/ beside it (never from an index).
INSTALLS = {
    "runtime": [("layers/pyproject.toml", ["inference"])],
    "dev": [("layers/pyproject.toml", ["inference"]), ("pyproject.toml", ["dev"])],
    "training": [
        ("layers/pyproject.toml", ["inference"]),
        ("pyproject.toml", ["training", "dev"]),
        ("training/pyproject.toml", []),
    ],
}
LOCAL_PROJECTS = {"talent-runtime", "talent-screening", "talent-training"}
# What the lock is resolved for at its oldest: Python 3.11 on Linux (CI; the function image is 3.12).
MARKER_ENVIRONMENT = {"python_version": "3.11", "python_full_version": "3.11.0", "sys_platform": "linux"}
_PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;]+)\s*(?:;\s*(?P<marker>.+))?$")


def _pins(name: str) -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for number, raw in enumerate((LOCKS / f"{name}.txt").read_text().splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _PIN.match(line)
        assert match, f"requirements/{name}.txt:{number} is not an exact pin: {line!r}"
        pins[canonicalize_name(match["name"])] = Version(match["version"])
    return pins


def _declared(install: str) -> list[tuple[str, Requirement]]:
    declared: list[tuple[str, Requirement]] = []
    for file, extras in INSTALLS[install]:
        project = tomllib.loads((REPO_ROOT / file).read_text())["project"]
        lists = [project.get("dependencies", [])] + [project["optional-dependencies"][extra] for extra in extras]
        declared += [(file, Requirement(text)) for texts in lists for text in texts]
    return [(file, req) for file, req in declared if canonicalize_name(req.name) not in LOCAL_PROJECTS]


@pytest.mark.parametrize("install", sorted(INSTALLS))
def test_every_declared_dependency_is_pinned_where_the_declaration_allows(install: str) -> None:
    # Given one install's lock and the pyproject files it installs
    pins = _pins(install)
    # When each declared dependency (that applies on Linux, Python 3.11) is looked up in the lock
    stale = []
    for file, requirement in _declared(install):
        if requirement.marker is not None and not requirement.marker.evaluate(MARKER_ENVIRONMENT):
            continue
        pinned = pins.get(canonicalize_name(requirement.name))
        if pinned is None or not requirement.specifier.contains(pinned, prereleases=True):
            stale.append(f"{file}: {requirement} (lock: {pinned})")
    # Then each is pinned at a version it allows; otherwise the lock is stale
    assert not stale, f"requirements/{install}.txt is stale, run `make lock`:\n" + "\n".join(stale)


def test_the_locks_agree_on_every_package_they_share() -> None:
    # Given the three locks
    locks = {name: _pins(name) for name in INSTALLS}
    # When a package pinned in two of them is compared
    disagreements = [
        f"{package}: {first}={locks[first][package]} {second}={locks[second][package]}"
        for first, second in (("runtime", "dev"), ("dev", "training"))
        for package in locks[first].keys() & locks[second].keys()
        if locks[first][package] != locks[second][package]
    ]
    # Then the function image serves the versions CI tests and training uses the versions serving uses
    assert not disagreements, "\n".join(disagreements)


def test_this_venv_holds_exactly_the_dev_locks_pins() -> None:
    # Given the dev lock and the environment running the tests (built by `make venv`, as in CI)
    pins = _pins("dev")
    # When every pinned package installed here is compared with its pin
    off = []
    for dist in importlib.metadata.distributions():
        name = canonicalize_name(dist.metadata["Name"])
        if name in pins and Version(dist.version).public != str(pins[name]):
            off.append(f"{name}: installed {dist.version}, pinned {pins[name]}")
    # Then none differs: the install was constrained to the lock
    assert not off, "the venv is not the lock's, rebuild it (make venv):\n" + "\n".join(off)


@pytest.mark.parametrize(
    ("dockerfile", "lock"), [("function.Dockerfile", "runtime"), ("training.Dockerfile", "training")]
)
def test_each_image_installs_under_its_lock(dockerfile: str, lock: str) -> None:
    # Given an image's Dockerfile
    parsed = instructions(REPO_ROOT / "docker" / dockerfile)
    copies = [ins.arguments for ins in parsed if ins.keyword == "COPY"]
    installs = [ins.arguments for ins in parsed if ins.keyword == "RUN" and "pip install" in ins.arguments]
    # When its COPY and pip install lines are read
    # Then the lock is copied in and every pip install is constrained to it
    assert any(f"requirements/{lock}.txt" in copy.split()[:-1] for copy in copies)
    assert installs
    assert all(f"--constraint requirements/{lock}.txt" in install for install in installs)


def test_make_installs_both_venvs_under_their_locks() -> None:
    # Given the Makefile
    makefile = (REPO_ROOT / "Makefile").read_text().replace("\\\n", " ")
    # When its pip installs of the project (editable) are read; torch alone comes first, pinned exactly
    installs = [line for line in makefile.splitlines() if "pip install" in line and " -e " in line]
    # Then each is constrained to a lock
    assert installs
    assert all(re.search(r"--constraint requirements/(dev|training)\.txt", line) for line in installs)
