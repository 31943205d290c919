#!/bin/sh
# Runs `oaj ARGS` (default: serve --config /etc/oaj/oaj.toml) after making
# the container's cgroup writable for the judge.
set -eu

# Docker mounts the cgroup v2 tree of a private cgroup namespace read-only.
# Its root is the container's own cgroup, so making it writable lets the
# judge create run cgroups beneath it (memory, pids and CPU accounting) and
# nothing outside the container. Needs CAP_SYS_ADMIN and no AppArmor mount
# rule, which the sandbox needs anyway (docs/hosting.md).
if [ "${1:-}" = serve ] && [ -f /sys/fs/cgroup/cgroup.controllers ] && [ ! -w /sys/fs/cgroup ]; then
    if ! mount -o remount,rw /sys/fs/cgroup 2>/dev/null; then
        echo "oaj-entrypoint: cannot make /sys/fs/cgroup writable; judging runs without cgroups" \
             "(memory by rlimits; see docs/hosting.md)" >&2
    fi
fi
exec /usr/local/bin/oaj "$@"
