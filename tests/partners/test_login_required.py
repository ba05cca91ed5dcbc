"""Every page asks for a login, except a short explicit allow-list of public ones."""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PUBLIC = {
    "account_login",
    "account_signup",  # says sign-up is closed
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_inactive",
    "healthz",
    "set_language",
    "javascript-catalog",
}
# Public too, and "not found" while single sign-on is not configured (as in this test).
SINGLE_SIGN_ON = {"proconnect_login", "proconnect_callback"}
SAMPLE_ARGS = {"int": 1, "slug": "x", "str": "x", "uuid": uuid.uuid4(), "path": "x"}
SAMPLE_KWARGS = {"app_label": "partners"}  # admin:app_list only accepts installed apps


def walk(resolver, namespace="", converters=None):
    """(name, converters of the whole path) of every named URL, through includes."""
    for entry in resolver.url_patterns:
        # Regex patterns (admin's app_list) name their groups without converters.
        found = {**(converters or {}), **(entry.pattern.converters or dict.fromkeys(entry.pattern.regex.groupindex))}
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, ns, found)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", found


def url_of(name, converters):
    kwargs = {
        key: SAMPLE_KWARGS.get(key, SAMPLE_ARGS.get(type(conv).__name__.replace("Converter", "").lower(), "x"))
        for key, conv in converters.items()
    }
    return reverse(name, kwargs=kwargs)


ALL = sorted({name: converters for name, converters in walk(get_resolver())}.items())


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "converters"), ALL, ids=[n for n, _ in ALL])
def test_anonymous_visitor_is_sent_to_login(client, name, converters):
    url = url_of(name, converters)
    response = client.get(url)
    if name in SINGLE_SIGN_ON:
        assert response.status_code == 404
        return
    if name in PUBLIC:
        assert response.status_code in (200, 302, 405), name
        if response.status_code == 302:
            assert "/accounts/login/" not in response["Location"]
        return
    assert response.status_code == 302, f"{name} ({url}) answered {response.status_code}"
    location = response["Location"]
    assert location.startswith(("/accounts/login/", "/admin/login/")), f"{name} → {location}"


def test_the_walk_covers_the_apps():
    names = {name for name, _ in ALL}
    assert {"dashboard", "account_login", "healthz", "organisation_detail"} <= names
