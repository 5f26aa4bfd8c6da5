"""The heavy computation lives in pure packages that import no Django (docs/architecture.md): they can be
run, tested and benchmarked without settings or a database. Each is imported in a fresh interpreter in which
any import of django fails."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE = [
    "samskap.matching.engine",
    "samskap.matching.textnorm",
    "samskap.workshops.solver",
    "samskap.workshops.roundtables",
    "samskap.workshops.regimport",
    "samskap.partnering.scheduler",
]

BLOCK = """
import importlib, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "django" or name.startswith("django."):
            raise ImportError("a pure package imports " + name)
sys.meta_path.insert(0, Block())
for name in sys.argv[1:]:
    module = importlib.import_module(name)
    for sub in getattr(module, "__path__", []) and __import__("pkgutil").walk_packages(module.__path__, name + "."):
        importlib.import_module(sub.name)
"""


@pytest.mark.parametrize("package", PURE)
def test_the_package_and_all_its_modules_import_without_django(package):
    done = subprocess.run([sys.executable, "-c", BLOCK, package], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def test_the_check_would_catch_a_django_import():
    done = subprocess.run([sys.executable, "-c", BLOCK, "samskap.core.registry"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "a pure package imports django" in done.stderr
