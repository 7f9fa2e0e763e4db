#!/usr/bin/env bash
# Browser tests need Debian's chromium (a test tool's own browser download is not possible here)
# and DejaVu fonts for map labels; the report tests render PDFs with poppler-utils (pdftoppm, pdftotext).
# Installed with apt-get when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/pdftoppm ] && fc-list 2>/dev/null | grep -qi dejavu; then exit 0; fi
echo "› installing chromium, fonts-dejavu-core and poppler-utils with apt-get"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core fontconfig poppler-utils >/dev/null
/usr/bin/chromium --version
