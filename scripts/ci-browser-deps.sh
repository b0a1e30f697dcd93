#!/usr/bin/env bash
# Installs what the browser test (tests/webbsida.rs) needs: Debian's chromium and
# chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver). Idempotent: does
# nothing when both are there, so .ci/run can call it on every run.
#
#   bash scripts/ci-browser-deps.sh
#
# A browser downloaded by a test tool does not work on our machines; Debian's does.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    echo "ci-browser-deps: chromium and chromedriver already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q chromium chromium-driver
chromium --version
chromedriver --version
