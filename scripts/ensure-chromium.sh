#!/usr/bin/env bash
# Browser tests need Debian's chromium (a test tool's own browser download is not possible here)
# and DejaVu fonts for map labels. Installed with apt-get when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi dejavu; then exit 0; fi
echo "› installing chromium and fonts-dejavu-core with apt-get"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core fontconfig >/dev/null
/usr/bin/chromium --version
