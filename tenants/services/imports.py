"""Import tenants from a landlord's spreadsheet (CSV from French Excel, or XLSX).

The file is read whole and every row validated before anything is written: a file with one
bad row saves nothing and reports every bad row (line, column, reason). A good file imports
in one transaction. A person already recorded by the landlord (same lease reference, names
and birth date, without case or accents) is updated, never duplicated; an empty cell leaves
what the portal holds unchanged.

Parsing is the csv module and openpyxl, validation a Django form per row: that gives the
French messages of Django's own fields, tied to the column they came from.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from partners.locking import StaleSave, claim
from partners.models import Organisation, User
from partners.policy import require

from ..forms.imports import TenantRowForm
from ..models import Tenant
from ..selectors.people import normalise_name
from .people import edit_of

# Column (as landlords' exports name them, without case or accents) → Tenant field.
COLUMNS = {
    "reference_bail": "lease_reference",
    "nom": "last_name",
    "prenom": "first_name",
    "date_naissance": "birth_date",
    "sexe": "sex",
    "telephone": "phone",
    "email": "email",
    "adresse": "address",
    "code_postal": "postcode",
    "ville": "city",
    "quartier": "neighbourhood",
    "menage": "household",
    "situation": "situation",
    "sans_emploi_depuis": "unemployed_since",
    "inscrit_france_travail": "registered_with_employment_service",
    "connu_institutions": "known_to_institutions",
    "niveau_etudes": "education_level",
    "rqth": "disability_recognised",
    "freins": "barriers",
}
REQUIRED = ("reference_bail", "nom", "prenom", "date_naissance")
ALIASES = {
    "reference_du_bail": "reference_bail",
    "ref_bail": "reference_bail",
    "date_de_naissance": "date_naissance",
    "tel": "telephone",
    "e_mail": "email",
    "courriel": "email",
    "cp": "code_postal",
    "inscrit_pole_emploi": "inscrit_france_travail",
    "niveau_d_etudes": "niveau_etudes",
}
KEY_FIELDS = ("lease_reference", "last_name", "first_name", "birth_date")


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


@dataclass
class RowError:
    line: int
    column: str
    message: str

    def __str__(self):
        if self.column:
            return _("line %(line)s, column “%(column)s”: %(message)s") % vars(self)
        return _("line %(line)s: %(message)s") % vars(self)


@dataclass
class RowOutcome:
    line: int
    action: str  # "create", "update" or "unchanged"
    lease_reference: str
    name: str
    changed: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    file_name: str
    rows: list[RowOutcome] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    # The version of each record the file matches, as checked: a confirmation saves from these.
    versions: dict[int, int] = field(default_factory=dict)
    saved: bool = False

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")


def header_key(text: Any) -> str:
    key = normalise_name(str(text or "")).replace(" ", "_")
    key = "".join(c if c.isalnum() else "_" for c in key).strip("_")
    while "__" in key:
        key = key.replace("__", "_")
    return ALIASES.get(key, key)


def _decode(content: bytes) -> str:
    # French Excel saves "CSV UTF-8" with a byte-order mark, and plain "CSV" in Windows-1252.
    if content.startswith(b"\xef\xbb\xbf"):
        return content.decode("utf-8-sig")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _read_csv(content: bytes) -> list[tuple[int, list[Any]]]:
    text = _decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, line = [], 1
    try:
        for cells in reader:
            rows.append((line, cells))
            line = reader.line_num + 1  # a quoted cell may span lines: count them as the file does
    except csv.Error as exc:
        raise ImportFileError(_("Line %(line)s cannot be read: %(error)s") % {"line": line, "error": exc}) from exc
    return rows


def _read_xlsx(content: bytes) -> list[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on a damaged or foreign file
        raise ImportFileError(_("This file is not a readable XLSX workbook.")) from exc
    sheet = workbook.worksheets[0]
    rows = [(number, list(values)) for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
    workbook.close()
    return rows


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(file_name: str, content: bytes) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """The header cells and the non-empty data rows, each with its line number in the file."""
    suffix = Path(file_name).suffix.lower()
    if suffix == ".xlsx":
        rows = _read_xlsx(content)
    elif suffix == ".csv":
        rows = _read_csv(content)
    else:
        raise ImportFileError(_("Send a .csv or .xlsx file (in Excel: “Save as”, then CSV or XLSX)."))
    rows = [(line, [_cell(v) for v in cells]) for line, cells in rows]
    rows = [(line, cells) for line, cells in rows if any(c not in ("", None) for c in cells)]
    if not rows:
        raise ImportFileError(_("The file is empty."))
    (_header_line, header), *data = rows
    return [str(h) for h in header], data


def _identity(values: dict[str, Any]) -> tuple:
    return (
        normalise_name(values["lease_reference"]),
        normalise_name(values["last_name"]),
        normalise_name(values["first_name"]),
        values["birth_date"],
    )


def _changes(tenant: Tenant, values: dict[str, Any]) -> list[str]:
    return [name for name, value in values.items() if getattr(tenant, name) != value]


def check_file(
    *, landlord: Organisation, file_name: str, content: bytes, actor: User | None = None
) -> tuple[ImportReport, list]:
    """Validate every row; returns the report and, per valid row, (tenant or None, values).

    A row updating a record changes only what `actor` may read on it (see people.edit_of)."""
    report = ImportReport(file_name=file_name)
    header, data = read_rows(file_name, content)
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        key = header_key(title)
        if key in COLUMNS and key not in positions:
            positions[key] = index
        elif title.strip():
            report.ignored_columns.append(title)
    missing = [column for column in REQUIRED if column not in positions]
    if missing:
        report.errors.append(
            RowError(
                1,
                "",
                _("required columns missing: %(columns)s. Columns found: %(found)s.")
                % {"columns": ", ".join(missing), "found": "; ".join(header)},
            )
        )
        return report, []
    if not data:
        raise ImportFileError(_("The file has a header but no row."))
    title_of = {COLUMNS[key]: header[index] for key, index in positions.items()}
    neighbourhoods = {}
    for hood in landlord.neighbourhoods.all():
        neighbourhoods[normalise_name(hood.name)] = hood
        neighbourhoods[normalise_name(hood.slug)] = hood

    cleaned_rows = []
    for line, cells in data:
        raw = {COLUMNS[key]: (cells[index] if index < len(cells) else "") for key, index in positions.items()}
        form = TenantRowForm(raw, neighbourhoods=neighbourhoods, landlord=landlord)
        if not form.is_valid():
            for name, messages in form.errors.items():
                for message in messages:
                    report.errors.append(RowError(line, title_of.get(name, ""), message))
            continue
        # Only the columns the file has, and only filled cells, change a record.
        values = {name: form.cleaned_data[name] for name in raw if raw[name] not in ("", None)}
        cleaned_rows.append((line, values))

    seen: dict[tuple, int] = {}
    references = {values["lease_reference"] for _line, values in cleaned_rows}
    existing = {_identity(vars(t)): t for t in Tenant.objects.filter(landlord=landlord, lease_reference__in=references)}
    plan = []
    for line, values in cleaned_rows:
        identity = _identity(values)
        if identity in seen:
            message = _("the same person as on line %(line)s.") % {"line": seen[identity]}
            report.errors.append(RowError(line, "", message))
            continue
        seen[identity] = line
        tenant = existing.get(identity)
        if tenant is not None and actor is not None:
            values = edit_of(actor, tenant, values)
        name = f"{values['first_name']} {values['last_name']}"
        if tenant is None:
            action, changed = "create", []
        else:
            report.versions[tenant.pk] = tenant.version
            changed = _changes(tenant, values)
            action = "update" if changed else "unchanged"
        labels = [str(Tenant._meta.get_field(n).verbose_name) for n in changed]
        report.rows.append(RowOutcome(line, action, values["lease_reference"], name, labels))
        plan.append((tenant, values))
    return report, plan


@transaction.atomic
def tenants_import(
    *,
    actor: User,
    landlord: Organisation,
    file_name: str,
    content: bytes,
    commit: bool,
    versions: dict[int, int] | None = None,
) -> ImportReport:
    """Check the file and, when `commit` and every row is good, save it all.

    The person importing must be staff of `landlord`. `versions` are those of the preview the
    person confirms (its report's): a record saved since, or recorded since, is not overwritten.
    """
    require(actor, "tenant.import", landlord)
    return _import(
        landlord=landlord, file_name=file_name, content=content, commit=commit, created_by=actor, versions=versions
    )


@transaction.atomic
def tenants_import_for_system(*, landlord: Organisation, file_name: str, content: bytes, commit: bool) -> ImportReport:
    """The same import for the operator's `import_tenants` command, run without a portal user
    (shell access is the operator's). Views never call it: a person always goes through
    tenants_import and its access check."""
    return _import(landlord=landlord, file_name=file_name, content=content, commit=commit, created_by=None)


def _import(
    *,
    landlord: Organisation,
    file_name: str,
    content: bytes,
    commit: bool,
    created_by: User | None,
    versions: dict[int, int] | None = None,
) -> ImportReport:
    report, plan = check_file(landlord=landlord, file_name=file_name, content=content, actor=created_by)
    if not commit or not report.is_valid:
        return report
    # Without a preview (the command checks and saves at once), from the versions just checked.
    versions = report.versions if versions is None else versions
    try:
        for tenant, values in plan:
            if tenant is None:
                Tenant.objects.create(landlord=landlord, created_by=created_by, **values)
            elif _changes(tenant, values):
                _claim(tenant, versions.get(tenant.pk), created_by)
                for name, value in values.items():
                    setattr(tenant, name, value)
                tenant.save()
    except IntegrityError as exc:
        raise ImportFileError(
            _("Another import or edit changed these records meanwhile: nothing was saved, check the file again.")
        ) from exc
    report.saved = True
    return report


def _claim(tenant: Tenant, version: int | None, by: User | None) -> None:
    """An edit saved since the file was checked wins over the file: the import stops, naming it."""
    try:
        claim(tenant, version=version, by=by)
    except StaleSave as stale:
        raise ImportFileError(_("%(name)s: %(message)s") % {"name": tenant, "message": stale.message}) from stale
