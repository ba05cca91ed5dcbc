"""A real OpenID Connect provider for the single sign-on tests: panva's oidc-provider (npm),
installed on first use into a cache directory, run with node on a free port, stopped after."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

import requests

HERE = Path(__file__).parent / "oidc"
CLIENT_ID = "passerelles-test"
CLIENT_SECRET = "a-secret-only-the-tests-know"


def installed() -> Path:
    """The provider's directory, with its node modules (npm ci, from the lock file, once)."""
    lock = (HERE / "package-lock.json").read_bytes()
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "passerelles"
    directory = cache / f"oidc-provider-{hashlib.sha256(lock).hexdigest()[:12]}"
    if not (directory / "node_modules" / "oidc-provider").is_dir():
        directory.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(HERE / name, directory / name)
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=directory, check=True, timeout=300
        )
    shutil.copy(HERE / "provider.mjs", directory / "provider.mjs")
    return directory


@contextmanager
def running(redirect_uris: list[str], accounts: dict[str, dict]):
    """Start the provider; yields its issuer URL. `accounts`: login -> claims."""
    client = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": redirect_uris,
        "token_endpoint_auth_method": "client_secret_post",
        "id_token_signed_response_alg": "RS256",
        "userinfo_signed_response_alg": "RS256",  # as ProConnect: the userinfo is a signed JWT
    }
    env = {**os.environ, "OIDC_CLIENT": json.dumps(client), "OIDC_ACCOUNTS": json.dumps(accounts)}
    process = subprocess.Popen(
        ["node", "provider.mjs"], cwd=installed(), env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("issuer "), f"the OpenID Connect provider did not start: {line!r}"
        yield line.split()[1]
    finally:
        process.terminate()
        process.wait(timeout=10)


def sign_in(authorize_url: str, login: str, stop_at: str) -> str:
    """Go through the provider's login and consent pages as a person would (any password);
    returns the URL it sends the browser back to (the first one starting with `stop_at`)."""
    session = requests.Session()
    url, form = authorize_url, None
    for _ in range(10):
        response = (
            session.post(url, data=form, allow_redirects=False, timeout=10)
            if form
            else session.get(url, allow_redirects=False, timeout=10)
        )
        if response.is_redirect:
            url, form = urljoin(url, response.headers["Location"]), None
            if url.startswith(stop_at):
                return url
        elif 'name="login"' in response.text:
            form = {"prompt": "login", "login": login, "password": "anything"}
        elif 'name="prompt" value="consent"' in response.text:
            form = {"prompt": "consent"}
        else:
            raise AssertionError(f"unexpected provider page {url}: {response.status_code} {response.text[:300]}")
    raise AssertionError("the provider never sent the browser back")
