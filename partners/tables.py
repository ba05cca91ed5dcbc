"""Tables that ask the access policy which columns a user may see."""

import django_tables2 as tables
from django_tables2.utils import call_with_appropriate

from . import policy

MASK = "—"


class PolicyTable(tables.Table):
    """A table of `Meta.model` rows for one user: a column whose field the user may read on no row
    is left out (of the page and the exports); on a row where they may not read it, the cell shows
    a dash and exports blank. A column stands for the field of its name."""

    def __init__(self, *args, user, exclude=(), **kwargs):
        self.user = user
        model = self._meta.model
        unreadable = [name for name in self.base_columns if not policy.may_read_field(user, model, name)]
        super().__init__(*args, exclude=[*exclude, *unreadable], **kwargs)
        guarded = {name for group in policy.field_groups(model) for name in group.fields}
        for bound_column in self.columns.iterall():
            if bound_column.name in guarded:
                bound_column.render = self._guard(bound_column.name, bound_column.render, MASK)
                bound_column.value = self._guard(bound_column.name, bound_column.value, "")

    def may_read(self, name: str, record) -> bool:
        """Whether the user may read the field of column `name` on this row (the exports ask
        too, for the columns they read raw)."""
        return policy.may_read_field(self.user, self._meta.model, name, record)

    def _guard(self, name, show, masked):
        def guarded(**kwargs):
            if self.may_read(name, kwargs["record"]):
                return call_with_appropriate(show, kwargs)
            return masked

        return guarded
