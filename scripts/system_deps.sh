#!/usr/bin/env bash
# Checks the system libraries Passerelles needs and installs them with apt-get when it can.
#   WeasyPrint (PDF reports): Pango, HarfBuzz, fonts.   --with-browser: Chromium (browser tests),
#   poppler-utils (PDF checks), gettext (translations) and Node.js with npm (single sign-on tests).
set -euo pipefail

packages=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib "libpango-1.0.so" || packages+=(libpango-1.0-0)
have_lib "libpangoft2-1.0.so" || packages+=(libpangoft2-1.0-0)
have_lib "libharfbuzz.so" || packages+=(libharfbuzz0b)
fc-list 2>/dev/null | grep -qi dejavu || packages+=(fonts-dejavu-core fontconfig)
command -v msgfmt >/dev/null || packages+=(gettext)
if [[ "${1:-}" == "--with-browser" ]]; then
  [[ -x /usr/bin/chromium ]] || packages+=(chromium)
  command -v pdftoppm >/dev/null || packages+=(poppler-utils)
  # The single sign-on tests run a real OpenID Connect provider (npm's oidc-provider, Node.js 20+).
  command -v npm >/dev/null || packages+=(nodejs npm)
fi

if ((${#packages[@]} == 0)); then
  exit 0
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
else
  echo "Missing system packages: ${packages[*]}" >&2
  echo "Install them, e.g.: sudo apt-get install ${packages[*]}" >&2
  echo "(macOS: brew install pango gettext; see https://doc.courtbouillon.org/weasyprint)" >&2
  exit 1
fi
