"""The image's HEALTHCHECK: a real page (the login form) and /healthz answer 200.

The Host header is the first of ALLOWED_HOSTS, so that the check passes Django's host
validation exactly as a visitor's request does.
"""

import os
import sys
import urllib.error
import urllib.request

port = os.environ.get("PORT", "8000")
host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".") or "localhost"
if host == "*":
    host = "localhost"
for path in ("/accounts/login/", "/healthz"):
    # As the TLS-ending proxy forwards a visitor's request: otherwise the login page would answer
    # the redirect to https:// that production gives plain HTTP.
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": host, "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        sys.exit(f"{path}: {error}")
    if status != 200:
        sys.exit(f"{path}: HTTP {status}")
print("healthy")
