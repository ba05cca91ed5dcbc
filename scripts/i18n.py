"""Refresh the French catalogue: extract strings, fill them from the fragments, compile.

Translations are written in small gettext files under locale/fr/fragments/ (one per area of
the portal, so that people working on different areas do not edit the same file); this
script extracts every string of the code and templates into locale/fr/LC_MESSAGES/django.po,
fills the empty ones from the fragments, lists what is still missing and compiles.
"""

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale/fr/LC_MESSAGES/django.po"
FRAGMENTS = ROOT / "locale/fr/fragments"


def manage(*args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True)


def key(entry):
    return (entry.msgctxt or "", entry.msgid)


def main():
    for domain in ("django", "djangojs"):
        manage(
            "makemessages",
            "-l",
            "fr",
            "-d",
            domain,
            "--no-obsolete",
            "--no-location",
            "--ignore=.venv/*",
            "--ignore=staticfiles/*",
            "--ignore=tests/*",
            "--ignore=static/vendor/*",
        )
    known = {}
    for path in sorted(FRAGMENTS.glob("*.po")):
        for entry in polib.pofile(str(path)):
            if entry.msgstr or entry.msgstr_plural:
                known[key(entry)] = entry
    catalogue = polib.pofile(str(CATALOGUE))
    missing = []
    for entry in catalogue:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
            entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
        source = known.get(key(entry))
        if source is not None:
            entry.msgstr = source.msgstr
            if entry.msgid_plural:
                entry.msgstr_plural = dict(source.msgstr_plural) or {0: source.msgstr, 1: source.msgstr}
        if not (entry.msgstr or any(entry.msgstr_plural.values())):
            missing.append(entry.msgid)
    catalogue.metadata["Language"] = "fr"
    catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
    catalogue.save()
    manage("compilemessages", "-l", "fr", "--ignore=.venv/*")
    for msgid in missing:
        print(f"missing French: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
