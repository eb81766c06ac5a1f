#!/usr/bin/env bash
# `sluice serve` is headless: with no display it starts, answers /readyz, has neither Qt Gui nor
# Qt Quick in its memory map, and stops cleanly on SIGTERM. usage: test-headless.sh SLUICE_BINARY
set -euo pipefail
sluice=$1
work=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; cat "$work/serve.log" >&2 || true; exit 1; }

env -u DISPLAY -u WAYLAND_DISPLAY SLUICE_SECRETS_BACKEND=file \
    "$sluice" --data-dir "$work/data" serve --demo --port 0 >"$work/serve.log" 2>&1 &
pid=$!
url=
for _ in $(seq 1 100); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.log" | head -1 || true)
    [[ -n $url ]] && break
    sleep 0.05
done
[[ -n $url ]] || fail "no URL in the banner"
[[ $(curl -s -o /dev/null -w '%{http_code}' "$url/readyz") == 200 ]] || fail "/readyz"
grep -q 'libQt6Core\.so' "/proc/$pid/maps" || fail "cannot read the memory map"
if grep -E 'libQt6(Gui|Quick|Qml)\.so' "/proc/$pid/maps" >/dev/null; then
    fail "the headless server loaded: $(grep -oE 'libQt6(Gui|Quick|Qml)[^ ]*' "/proc/$pid/maps" | sort -u | tr '\n' ' ')"
fi
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
[[ $status -eq 0 ]] || fail "exit status $status after SIGTERM"
echo "PASS: headless, no Qt Gui or Quick, clean stop"
