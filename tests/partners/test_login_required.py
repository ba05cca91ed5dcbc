"""Every page asks for a login, except a short explicit allow-list of public ones."""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PUBLIC = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
    "set_language",
    "javascript-catalog",
    "admin:login",
}
SAMPLE_ARGS = {"int": 1, "slug": "x", "str": "x", "uuid": uuid.uuid4(), "path": "x"}
SAMPLE_KWARGS = {"app_label": "partners"}  # admin:app_list only accepts installed apps


def walk(resolver, namespace="", prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def url_of(name, pattern):
    # Regex patterns (admin's app_list) name their groups without converters.
    converters = pattern.pattern.converters or dict.fromkeys(pattern.pattern.regex.groupindex)
    kwargs = {
        key: SAMPLE_KWARGS.get(key, SAMPLE_ARGS.get(type(conv).__name__.replace("Converter", "").lower(), "x"))
        for key, conv in converters.items()
    }
    return reverse(name, kwargs=kwargs)


ALL = sorted({name: pattern for name, pattern in walk(get_resolver())}.items())


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "pattern"), ALL, ids=[n for n, _ in ALL])
def test_anonymous_visitor_is_sent_to_login(client, name, pattern):
    url = url_of(name, pattern)
    response = client.get(url)
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
    assert {"dashboard", "login", "healthz", "organisation_detail"} <= names
