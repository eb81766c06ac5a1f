#!/usr/bin/env bash
# `sluice` with no command under an X server (Xvfb): it becomes the desktop app, whose 1280×800
# window "Sluice" appears with no QML error on stderr, and SIGTERM closes it cleanly (exit 0).
# usage: test-xvfb.sh SLUICE_BINARY
set -euo pipefail
sluice=$1
work=$(mktemp -d)
xvfb_pid= app_pid=
cleanup() {
    [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null || true
    [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [[ -f $work/app.log ]] && cat "$work/app.log" >&2; exit 1; }

# A free display: Xvfb picks it and writes its number to the given descriptor.
exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 50); do [[ -s $work/display ]] && break; sleep 0.1; done
[[ -s $work/display ]] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
export DISPLAY=:$(head -1 "$work/display")

# start DATA_DIR LOG: `sluice` with no command on DATA_DIR, its output to LOG; sets app_pid.
start() {
    SLUICE_SECRETS_BACKEND=file QT_QPA_PLATFORM=xcb "$sluice" --data-dir "$1" >"$2" 2>&1 &
    app_pid=$!
}
# window SIZE: waits up to 10 s for the app's "Sluice" window of SIZE (e.g. 1280x800).
window() {
    for _ in $(seq 1 100); do
        xwininfo -root -tree 2>/dev/null |
            grep -q "\"Sluice\": (\"sluice-desktop\" \"sluice\")  $1" && return 0
        kill -0 "$app_pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
# stop: SIGTERM to the app; its exit status in $status (not a subshell: only this shell can
# wait for it).
stop() {
    status=0
    kill -TERM "$app_pid"
    wait "$app_pid" || status=$?
    app_pid=
}

start "$work/data" "$work/app.log"
window 1280x800 || fail "no 1280x800 Sluice window: $(xwininfo -root -tree)"
# The process that shows the window is the one `sluice` started: it became sluice-desktop.
[[ $(cat "/proc/$app_pid/comm") == sluice-desktop ]] || fail "the window is not sluice's process"
grep -q 'qrc:' "$work/app.log" && fail "QML reported errors"
stop
[[ $status -eq 0 ]] || fail "exit status $status after SIGTERM"

# A data directory Sluice cannot open: a window says why (and stderr), exit 1 once closed.
mkdir -p "$work/bad"
echo 'server: [unclosed' >"$work/bad/sluice.yaml"
start "$work/bad" "$work/bad.log"
window 720x300 || { cat "$work/bad.log"; fail "no error window for a bad data directory"; }
grep -q 'cannot open' "$work/bad.log" || fail "no reason on stderr"
stop
[[ $status -eq 1 ]] || fail "exit status $status for a data directory that cannot be opened"
echo "PASS: the desktop app opened under Xvfb and closed on SIGTERM; a bad data directory shows its reason"
