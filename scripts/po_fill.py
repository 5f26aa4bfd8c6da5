"""Fill msgstr entries of gettext catalogues from a Python dict (a maintainer tool).

Usage: python scripts/po_fill.py TRANSLATIONS.py samskap/<app>/locale
TRANSLATIONS.py defines NB and NN: {msgid: msgstr} (plurals: {msgid: (singular, plural)}).
Entries already translated are kept; fuzzy flags are removed where a translation is filled in.
"""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path


def unquote(lines: str) -> str:
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', lines)).encode().decode("unicode_escape").encode(
        "latin-1").decode("utf-8")


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill(path: Path, table: dict) -> tuple[int, list[str]]:
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    filled, missing = 0, []
    for i, block in enumerate(blocks[1:], start=1):
        m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not m:
            continue
        msgid = unquote(m.group(1))
        plural = re.search(r'^msgid_plural ((?:".*"\n?)+)', block, re.M)
        value = table.get(msgid)
        if value is None:
            if re.search(r'^msgstr(?:\[0\])? ""\s*$', block, re.M) and "msgstr \"\"\n\"" not in block:
                missing.append(msgid)
            continue
        head = block[: block.index("msgstr")]
        head = re.sub(r"^#, fuzzy\n", "", head, flags=re.M).replace(", fuzzy", "")
        head = re.sub(r'^#\| .*\n', "", head, flags=re.M)
        if plural:
            one, many = value if isinstance(value, tuple) else (value, value)
            blocks[i] = head + f"msgstr[0] {quote(one)}\nmsgstr[1] {quote(many)}"
        else:
            blocks[i] = head + f"msgstr {quote(value)}"
        filled += 1
    text = "\n\n".join(blocks)
    text = text.replace('"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"',
                        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"')
    text = text.replace('"Content-Type: text/plain; charset=CHARSET\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"')
    path.write_text(text, encoding="utf-8")
    return filled, missing


def main() -> None:
    table = runpy.run_path(sys.argv[1])
    locale = Path(sys.argv[2])
    for lang, key in (("nb", "NB"), ("nn", "NN")):
        po = locale / lang / "LC_MESSAGES" / "django.po"
        filled, missing = fill(po, table[key])
        print(f"{po}: {filled} filled, {len(missing)} missing")
        for msgid in missing:
            print("   missing:", msgid)
    en = locale / "en" / "LC_MESSAGES" / "django.po"
    if en.exists():
        fill(en, {})


if __name__ == "__main__":
    main()
