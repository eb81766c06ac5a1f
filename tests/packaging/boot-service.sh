#!/usr/bin/env bash
# The installed sluice.service started by a real systemd as PID 1: systemd boots in its own PID,
# mount and UTS namespaces on a copy-on-write overlay of this machine's root (so nothing it does,
# like clearing /tmp, reaches the host), with a target that wants only sluice.service. The host's
# network is shared, so /readyz is asked from here. Checks: the unit becomes active with all its
# sandboxing, answers /readyz, writes its state as the sluice user under /var/lib/sluice, logs
# the setup token to the journal, and `systemctl stop` ends it cleanly.
# Run by test-deb.sh after the packages are installed; as root. Exit 77 when this machine does not
# allow namespaces or overlays (the reason is printed).
# usage: boot-service.sh PORT
set -euo pipefail
port=$1
fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }

work=$(mktemp -d -p /var/tmp sluice-boot.XXXXXX)
root=$work/root
pid1=
stop_container() {
    [[ -n $pid1 ]] && kill -9 "$pid1" 2>/dev/null || true
    rm -rf "$work"
}
trap stop_container EXIT

# Inside the namespaces: the overlay, the pseudo file systems systemd needs, then systemd itself.
cat >"$work/enter.sh" <<'EOF'
set -e
work=$1 root=$1/root
mount --make-rprivate /
mkdir -p "$work/upper" "$work/scratch" "$root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$work/upper,workdir=$work/scratch" "$root"
mount -t proc proc "$root/proc"
mount --bind /proc/sys "$root/proc/sys"
mount -o remount,bind,ro "$root/proc/sys"
mount -t tmpfs -o mode=755 tmpfs "$root/dev"
for node in null zero full random urandom tty; do
    touch "$root/dev/$node"
    mount --bind "/dev/$node" "$root/dev/$node"
done
mkdir -p "$root/dev/pts" "$root/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$root/dev/pts"
mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm"
ln -s pts/ptmx "$root/dev/ptmx"
ln -s /proc/self/fd "$root/dev/fd"
touch "$root/dev/console"
mount -t sysfs -o ro sysfs "$root/sys"
mount -t tmpfs tmpfs "$root/sys/fs/cgroup"
mkdir -p "$root/sys/fs/cgroup/systemd"
mount -t cgroup -o none,name=systemd cgroup "$root/sys/fs/cgroup/systemd"
mount -t tmpfs tmpfs "$root/run"
mount -t tmpfs tmpfs "$root/tmp"
# A real root change (not chroot): systemd builds its services' sandboxes from "/".
mkdir -p "$root/.host"
cd "$root"
pivot_root . .host
umount -l /.host
exec env container=sluice-test /lib/systemd/systemd --system --unit=sluice-test.target
EOF

# The overlay's own configuration, written to the upper layer before it is mounted: the test
# target, and the unit's environment file moving the port, as an operator would set
# SLUICE_CONFIG_STORE there (everything else is the packaged unit).
etc=$work/upper/etc/systemd/system
mkdir -p "$etc" "$work/upper/etc/sluice"
cat >"$etc/sluice-test.target" <<EOF
[Unit]
Description=Sluice package test
Wants=sluice.service
EOF
printf 'SLUICE_SERVER_PORT=%s\n' "$port" >"$work/upper/etc/sluice/sluice.env"
chmod 0600 "$work/upper/etc/sluice/sluice.env"

unshare --pid --fork --mount --uts bash "$work/enter.sh" "$work" >"$work/boot.log" 2>&1 &
launcher=$!
for _ in $(seq 1 50); do
    pid1=$(pgrep -P "$launcher" -x systemd || true)
    [[ -n $pid1 ]] && break
    kill -0 "$launcher" 2>/dev/null || break
    sleep 0.1
done
if [[ -z $pid1 ]]; then
    cat "$work/boot.log"
    skip "this machine does not let systemd boot in namespaces on an overlay (see above)"
fi
inside() { nsenter -t "$pid1" -m -p -u -r -w "$@"; }

for _ in $(seq 1 200); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz") == 200 ]] && break
    sleep 0.1
done
state=$(inside systemctl is-active sluice.service || true)
if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz") != 200 ]]; then
    inside systemctl status --no-pager sluice.service || true
    inside journalctl --no-pager -u sluice.service || true
    fail "sluice.service did not answer /readyz under systemd (state: $state)"
fi
[[ $state == active ]] || fail "sluice.service is $state under systemd"
main_pid=$(inside systemctl show -p MainPID --value sluice.service)
[[ $(inside ps -o user= -p "$main_pid") == sluice ]] || fail "the service does not run as the sluice user"
[[ $(inside stat -c %U /var/lib/sluice/config.db) == sluice ]] || fail "config.db not owned by sluice"
[[ $(inside stat -c %a /var/lib/sluice) == 750 ]] || fail "/var/lib/sluice is not mode 0750"
inside journalctl --no-pager -u sluice.service | grep -q 'Setup token:' ||
    fail "the first admin's setup token is not in the journal"

inside systemctl stop sluice.service
state=$(inside systemctl is-active sluice.service || true)
[[ $state == inactive ]] || fail "sluice.service is $state after systemctl stop (not a clean exit)"
inside journalctl --no-pager -u sluice.service | grep -q 'Sluice stopped' ||
    fail "no clean stop in the journal"
echo "PASS: sluice.service started by systemd, answered /readyz as user sluice and stopped cleanly"
