"""Real servers for the deployment tests, each a child process on 127.0.0.1 and a free port.

gunicorn (through scripts/image.sh, as the image runs it), Celery workers, an S3-protocol
server and an SMTP server: every one is stopped by the test that started it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The URL of the database this test run uses (pytest-django's test database)."""
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def production_env(tmp_path: Path, **extra) -> dict[str, str]:
    """The environment of a production process: DEBUG off, this run's database and broker."""
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "DEBUG": "0",
        "SECRET_KEY": "a-test-secret-that-is-long-enough-for-django-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_SSL_REDIRECT": "0",  # the tests speak plain HTTP to gunicorn, no TLS proxy in front
        "LOG_FORMAT": "json",
        "WEB_WORKERS": "1",
        "WEB_THREADS": "2",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update({key: str(value) for key, value in extra.items()})
    return env


def run_image_step(step: str, env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(ROOT / "scripts/image.sh"), step], env=env, capture_output=True, text=True, timeout=timeout
    )


class Process:
    """A child process in its own process group, its output in a log file."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path):
        self.log = log
        self._out = open(log, "ab")  # noqa: SIM115 — kept open for the child's lifetime
        self.popen = subprocess.Popen(
            args, env=env, cwd=ROOT, stdout=self._out, stderr=subprocess.STDOUT, start_new_session=True
        )

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, sig)
        self.popen.wait(timeout=30)

    def stop(self) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self._out.close()

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


def wait_for(check, seconds: float, what: str, process: Process | None = None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.popen.poll() is not None:
            raise AssertionError(f"{what}: the process exited\n{process.output()}")
        try:
            result = check()
        except (requests.ConnectionError, OSError):
            result = None
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"{what}: not after {seconds} s\n{process.output() if process else ''}")


def start_web(env: dict[str, str], log: Path) -> tuple[Process, str]:
    """gunicorn as the image serves it (`scripts/image.sh serve`), on a free port."""
    port = free_port()
    env = {**env, "PORT": str(port), "HOST": "127.0.0.1"}
    web = Process(["bash", str(ROOT / "scripts/image.sh"), "serve"], env, log)
    url = f"http://127.0.0.1:{port}"
    wait_for(lambda: requests.get(f"{url}/accounts/login/", timeout=5).status_code == 200, 30, "gunicorn", web)
    return web, url


def log_in(session: requests.Session, url: str, email: str, password: str, code: str = "") -> requests.Response:
    """Log in through the login form, CSRF token included, as a browser would; then give the
    second-factor `code` when one is asked for (production requires one of some roles)."""
    session.get(f"{url}/accounts/login/", timeout=10)
    response = session.post(
        f"{url}/accounts/login/",
        data={"login": email, "password": password, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": f"{url}/accounts/login/"},
        timeout=10,
    )
    if code and response.url == f"{url}/accounts/2fa/authenticate/":
        response = session.post(
            response.url,
            data={"code": code, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
            headers={"Referer": response.url},
            timeout=10,
        )
    return response


def with_production_password(user, password: str):
    """The test run hashes passwords with MD5 for speed; production processes only read PBKDF2."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    user.password = PBKDF2PasswordHasher().encode(password, PBKDF2PasswordHasher().salt())
    user.save(update_fields=["password"])
    return user
