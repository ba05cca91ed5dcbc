import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and used second-factor codes live in the cache: each test starts clean."""
    cache.clear()
    yield
    cache.clear()
