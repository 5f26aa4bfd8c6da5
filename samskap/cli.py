"""The `samskap` command: runs Django's management commands with Samskap's settings."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskap.settings")
    from django.core.management import execute_from_command_line

    argv = sys.argv[:]
    argv[0] = "samskap"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
