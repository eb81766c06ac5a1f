#!/usr/bin/env bash
# The .deb packages: built by CPack from this build tree, their metadata and files checked, and,
# with SLUICE_TEST_INSTALL_PACKAGES=1 as root (CI), installed for real: `sluice version`, the
# service user, `systemd-analyze verify` of the unit, the unit's own command line run as that
# user until /readyz answers and SIGTERM stops it, the unit started by systemd as PID 1
# (boot-service.sh), then purged.
# usage: test-deb.sh BUILD_DIR VERSION
set -euo pipefail
build=$1 version=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log"; fail "cpack failed"; }
server=$work/out/sluice_${version}_amd64.deb
desktop=$work/out/sluice-desktop_${version}_amd64.deb
[[ -f $server ]] || fail "no $server"
[[ -f $desktop ]] || fail "no $desktop"

field() { dpkg-deb -f "$1" "$2"; }
[[ $(field "$server" Package) == sluice ]] || fail "server package name"
[[ $(field "$desktop" Package) == sluice-desktop ]] || fail "desktop package name"
field "$server" Depends | grep -q 'libqt6core6' || fail "sluice does not depend on Debian's Qt"
field "$server" Depends | grep -q 'libqt6quick' && fail "the headless package pulls in Qt Quick"
field "$desktop" Depends | grep -q "sluice (= $version)" || fail "sluice-desktop not tied to sluice $version"
field "$desktop" Depends | grep -q 'qml6-module-qtquick-controls' || fail "QML modules missing from Depends"

files=$(dpkg-deb -c "$server"; dpkg-deb -c "$desktop")
for f in ./usr/bin/sluice ./usr/lib/sluice/libsluice-flight.so ./usr/lib/systemd/system/sluice.service ./usr/lib/sysusers.d/sluice.conf \
         ./usr/bin/sluice-desktop ./usr/share/applications/sluice.desktop \
         ./usr/share/icons/hicolor/scalable/apps/sluice.svg ./usr/share/doc/sluice/README.md; do
    grep -q " $f\$" <<<"$files" || fail "$f is not packaged"
done
dpkg-deb -x "$desktop" "$work/x"
desktop-file-validate "$work/x/usr/share/applications/sluice.desktop" || fail "desktop entry"

if [[ ${SLUICE_TEST_INSTALL_PACKAGES:-0} != 1 || $(id -u) -ne 0 ]]; then
    echo "SKIP: install checks (run as root with SLUICE_TEST_INSTALL_PACKAGES=1)"
    exit 77
fi
if dpkg-query -W sluice >/dev/null 2>&1; then
    fail "a sluice package is installed already; not replacing it"
fi
trap 'dpkg --purge sluice-desktop sluice >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
DEBIAN_FRONTEND=noninteractive dpkg -i "$server" "$desktop" >"$work/dpkg.log" 2>&1 ||
    { cat "$work/dpkg.log"; fail "dpkg -i"; }
[[ $(/usr/bin/sluice version) == "sluice $version "* ]] || fail "sluice version: $(/usr/bin/sluice version)"
getent passwd sluice | grep -q ':/var/lib/sluice:/usr/sbin/nologin$' || fail "service user"
unit=/usr/lib/systemd/system/sluice.service
systemd-analyze verify "$unit" || fail "systemd-analyze verify $unit"

# The unit's command line, as its user, on a data directory of the test's own.
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
data=$work/data
install -d -o sluice -g sluice -m 0750 "$data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
flight_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# With Flight SQL on: the installed binary must find its plugin (libsluice-flight).
read -r -a command <<<"${exec_start//\/var\/lib\/sluice/$data} --port $port --flight-port $flight_port"
chmod o+x "$work"
# setpriv execs in place (runuser would sit between and turn SIGTERM into a kill).
setpriv --reuid=sluice --regid=sluice --init-groups env SLUICE_SECRETS_BACKEND=file "${command[@]}" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz") == 200 ]] && break
    sleep 0.1
done
[[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz") == 200 ]] ||
    { cat "$work/serve.log"; fail "the service command did not answer /readyz"; }
grep -q "Arrow Flight SQL: grpc://127.0.0.1:$flight_port" "$work/serve.log" &&
    (exec 3<>"/dev/tcp/127.0.0.1/$flight_port") ||
    { cat "$work/serve.log"; fail "the installed server does not serve Flight SQL"; }
kill -TERM "$pid"
wait "$pid" || { cat "$work/serve.log"; fail "the service did not stop cleanly on SIGTERM"; }
grep -q 'Sluice stopped' "$work/serve.log" || fail "no clean stop in the log"
[[ $(stat -c %U "$data/config.db") == sluice ]] || fail "config.db not owned by the service user"

# The unit itself, started by a real systemd (PID 1 here is not systemd).
boot_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
boot_status=0
bash "$(dirname "$0")/boot-service.sh" "$boot_port" || boot_status=$?
[[ $boot_status == 0 || $boot_status == 77 ]] || fail "sluice.service under systemd"

dpkg --purge sluice-desktop sluice >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg --purge"; }
[[ ! -e /usr/bin/sluice ]] || fail "/usr/bin/sluice left after purge"
echo "PASS: packages built, installed, served and purged"
