#!/usr/bin/env bash
# Headless Chromium for the dashboard's end-to-end tests (test/dashboard.e2e.spec.ts drives it with playwright-core):
# Debian's chromium package and the CJK fonts the Chinese page needs. Does nothing when /usr/bin/chromium exists.
set -euo pipefail

if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'noto.*cjk'; then
  exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
"${sudo[@]}" apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk
