"""The access policy: the one place that answers who may see which rows, do what to an object,
and read which fields. Every selector, service, view, table, template and export asks here.

    may(user, "referral.decide", referral)      -> bool
    require(user, "tenant.edit", tenant)        -> None, or PermissionDenied (Http404 for hidden pages)
    scope(user, Tenant)                         -> the tenants the user may see (a queryset)
    scope(user, programmes, "run")              -> those of `programmes` the user runs
    fields_visible(user, tenant)                -> the names of the fields the user may read on it
    may_read_field(user, Tenant, "phone", obj)  -> bool (without `obj`: on some row at least)

The policy is declared by each app in its `rules.py`, imported by its AppConfig.ready, so that
this lowest app never imports the apps above it:

    rule(action, predicate)          an object rule (django-rules predicates, combined with | & ~);
    rows(Model, verb, condition)     which rows of a model a user may see (`condition(user)` -> Q);
                                     "<model>.<verb>" then also answers for one object;
    fields(Model, group, names, readers=..., holders=...)
                                     fields (or "relation__field", or "field.value" for one value
                                     of a choice list) only `readers` may read; every other field
                                     is readable by whoever may see the row.

What a user is (their roles per organisation) is read once per user object and kept on it, as
are the ids of small scopes (`scope_ids`), so a page does not pay for them per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import rules
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .models import Membership

Role = Membership.Role

_CACHE_ATTR = "_passerelles_policy"


# --- Who the user is --------------------------------------------------------------------------
@dataclass(frozen=True)
class AccessProfile:
    """What one user is, organisation by organisation."""

    is_admin: bool = False
    org_ids_by_role: dict[str, frozenset[int]] = field(default_factory=dict)

    def orgs(self, role: str) -> frozenset[int]:
        return self.org_ids_by_role.get(role, frozenset())

    @property
    def all_org_ids(self) -> frozenset[int]:
        return frozenset().union(*self.org_ids_by_role.values()) if self.org_ids_by_role else frozenset()

    @property
    def landlord_ids(self) -> frozenset[int]:
        """Landlords whose staff this user is."""
        return self.orgs(Role.LANDLORD_STAFF)

    @property
    def coordinated_org_ids(self) -> frozenset[int]:
        """Associations / social enterprises for which this user coordinates programmes."""
        return self.orgs(Role.COORDINATOR)

    @property
    def funder_ids(self) -> frozenset[int]:
        return self.orgs(Role.FUNDER)

    @property
    def roles(self) -> list[str]:
        """The user's roles, in the order of Membership.Role (admin first when admin)."""
        have = {role for role, ids in self.org_ids_by_role.items() if ids}
        ordered = [r for r in Role.values if r in have]
        if self.is_admin and Role.PROGRAMME_ADMIN not in ordered:
            ordered.insert(0, Role.PROGRAMME_ADMIN)
        return ordered


def _cache(user) -> dict:
    cache = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE_ATTR, cache)
    return cache


def memo(user, key, compute: Callable[[], object]):
    """`compute()` once per user object (a request's user lives as long as the request)."""
    if user is None:  # no person: nothing to keep, and every rule refuses them
        return compute()
    cache = _cache(user)
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def profile(user) -> AccessProfile:
    if user is None or not user.is_authenticated or not user.is_active:
        return AccessProfile()
    if "profile" not in _cache(user):
        profiles_prefetch([user])
    return _cache(user)["profile"]


def profiles_prefetch(users) -> None:
    """Read the profiles of many users in one query, for code that goes through a list of people."""
    pending = {user.pk: user for user in users if user.is_active and "profile" not in _cache(user)}
    if not pending:
        return
    by_user: dict[int, dict[str, set[int]]] = {pk: {} for pk in pending}
    memberships = Membership.objects.filter(user__in=pending, organisation__is_active=True)
    for user_id, role, org_id in memberships.values_list("user_id", "role", "organisation_id"):
        by_user[user_id].setdefault(role, set()).add(org_id)
    for pk, user in pending.items():
        by_role = by_user[pk]
        _cache(user)["profile"] = AccessProfile(
            is_admin=user.is_superuser or bool(by_role.get(Role.PROGRAMME_ADMIN)),
            org_ids_by_role={role: frozenset(ids) for role, ids in by_role.items()},
        )


def forget(user) -> None:
    """Drop what is kept on the user object, after memberships or programme links changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


# --- The declarations -------------------------------------------------------------------------
_rules = rules.RuleSet()
_hidden: set[str] = set()
_rows: dict[tuple[type[Model], str], Callable[[object], Q]] = {}
_row_actions: dict[str, tuple[type[Model], str]] = {}
_small: set[tuple[type[Model], str]] = set()


@dataclass(frozen=True)
class FieldGroup:
    model: type[Model]
    name: str
    fields: frozenset[str]
    readers: rules.Predicate  # (user, obj): may read these fields of this object
    holders: rules.Predicate  # (user): may read them on some object (a table's column, a form)
    special_category: bool  # art. 9 GDPR data (health, disability)


_fields: dict[type[Model], list[FieldGroup]] = {}

predicate = rules.predicate


def action_name(model: type[Model], verb: str) -> str:
    return f"{model._meta.model_name}.{verb}"


def rule(action: str, test: rules.Predicate, *, hidden: bool = False) -> None:
    """Declare an object rule. `hidden`: a refusal answers 404, the page does not exist for them."""
    if action in _row_actions:
        raise ImproperlyConfigured(f"{action} is already answered by the rows of {_row_actions[action][0]}.")
    _rules.add_rule(action, test)
    if hidden:
        _hidden.add(action)


def rows(model: type[Model], verb: str, condition: Callable[[object], Q], *, small: bool = False) -> None:
    """Declare which rows of `model` a user may `verb`: `condition(user)` is a Q on the model.

    The object rule "<model>.<verb>" follows from it. `small`: the model has few rows (programmes,
    organisations), so a user's ids are read once and an object check costs no query.
    """
    action = action_name(model, verb)
    if (model, verb) in _rows or _rules.rule_exists(action):
        raise ImproperlyConfigured(f"{action} is declared twice.")
    _rows[(model, verb)] = condition
    _row_actions[action] = (model, verb)
    if small:
        _small.add((model, verb))


def fields(
    model: type[Model],
    group: str,
    names: Iterable[str],
    *,
    readers: rules.Predicate,
    holders: rules.Predicate,
    special_category: bool = False,
) -> None:
    """Declare fields of `model` that only `readers` may read on an object; `holders` are the
    users who may read them on some object (it decides whether a column or form field exists)."""
    _fields.setdefault(model, []).append(FieldGroup(model, group, frozenset(names), readers, holders, special_category))


# --- The questions ----------------------------------------------------------------------------
def may(user, action: str, obj=None) -> bool:
    if _rules.rule_exists(action):
        return _rules.test_rule(action, user, obj)
    if action in _row_actions:
        if obj is None:
            raise TypeError(f"{action} is a rule on one object: pass it.")
        model, verb = _row_actions[action]
        return in_scope(user, obj, verb)
    raise ImproperlyConfigured(f"No access rule is named {action!r}.")


def require(user, action: str, obj=None) -> None:
    """Raise PermissionDenied (Http404 for a hidden rule) unless `user` may do `action`."""
    if not may(user, action, obj):
        raise (Http404 if action in _hidden else PermissionDenied)(action)


def scope(user, queryset: QuerySet | type[Model], verb: str = "view") -> QuerySet:
    """The rows of `queryset` (or of the model) that `user` may `verb`."""
    if not isinstance(queryset, QuerySet):
        queryset = queryset._default_manager.all()
    try:
        condition = _rows[(queryset.model, verb)]
    except KeyError:
        raise ImproperlyConfigured(f"No rows are declared for {action_name(queryset.model, verb)}.") from None
    return queryset.filter(condition(user))


def scope_ids(user, model: type[Model], verb: str = "view") -> frozenset[int]:
    """The ids of a small scope, read once per user object."""
    if (model, verb) not in _small:
        raise ImproperlyConfigured(f"{action_name(model, verb)} is not declared small: use scope().")
    return memo(user, ("rows", model, verb), lambda: frozenset(scope(user, model, verb).values_list("pk", flat=True)))


def in_scope(user, obj: Model, verb: str = "view") -> bool:
    model = type(obj)
    if (model, verb) in _small:
        return obj.pk in scope_ids(user, model, verb)
    condition = _rows[(model, verb)](user)
    if not condition:  # every row: no need to ask the database
        return True
    return model._default_manager.filter(condition, pk=obj.pk).exists()


def field_groups(model: type[Model]) -> list[FieldGroup]:
    return list(_fields.get(model, ()))


# --- What is declared (for the tests and docs/access.md) --------------------------------------
def actions() -> list[str]:
    """Every action the policy answers: object rules and those that follow from rows."""
    return sorted([*_rules, *_row_actions])


def row_actions() -> list[str]:
    return sorted(_row_actions)


def all_field_groups() -> list[FieldGroup]:
    return [group for groups in _fields.values() for group in groups]


def _names(model: type[Model]) -> set[str]:
    names = {f.name for f in model._meta.get_fields()}
    for group in _fields.get(model, ()):
        names |= group.fields
    return names


def _readable(user, group: FieldGroup, obj) -> bool:
    return group.holders.test(user) if obj is None else group.readers.test(user, obj)


def fields_visible(user, obj_or_model) -> frozenset[str]:
    """Names of the fields (and declared sub-fields) of an object the user may read; for a model,
    those the user may read on some object of it."""
    model, obj = (obj_or_model, None) if isinstance(obj_or_model, type) else (type(obj_or_model), obj_or_model)
    hidden: set[str] = set()
    for group in _fields.get(model, ()):
        if not _readable(user, group, obj):
            hidden |= group.fields
    return frozenset(_names(model) - hidden)


def may_read_field(user, model: type[Model], name: str, obj=None) -> bool:
    return all(_readable(user, group, obj) for group in _fields.get(model, ()) if name in group.fields)


def readable_values(user, obj, name: str, values: Iterable[str]) -> list[str]:
    """The values of a choice list field (e.g. the barriers a person names) the user may read:
    "field.value" sub-fields are declared for the sensitive ones."""
    return [value for value in values if may_read_field(user, type(obj), f"{name}.{value}", obj)]


# --- Predicates every app builds on -----------------------------------------------------------
@predicate
def is_admin(user) -> bool:
    return profile(user).is_admin


@predicate
def is_landlord_staff(user) -> bool:
    return bool(profile(user).landlord_ids)


@predicate
def is_coordinator(user) -> bool:
    return bool(profile(user).coordinated_org_ids)


@predicate
def is_funder(user) -> bool:
    return bool(profile(user).funder_ids)
