"""The French catalogue is complete: no entry missing, none fuzzy, and the compiled file matches."""

from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale/fr/LC_MESSAGES/django.po"


def test_every_french_entry_is_translated_and_not_fuzzy():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_holds_every_entry():
    catalogue = polib.pofile(str(CATALOGUE))
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    assert {e.msgid for e in catalogue.translated_entries()} <= {e.msgid for e in compiled}
