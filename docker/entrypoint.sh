#!/bin/sh
# Runs `oaj ARGS` (default: serve --config /etc/oaj/oaj.toml) after making
# the container's cgroup writable for the judge, and with the database
# password of $OAJ_PGPASSWORD_FILE (a compose secret) as PGPASSWORD.
set -eu

# The password of a postgres:// store comes from PGPASSWORD, never from the
# command line (docker-compose.scale.yml; docs/hosting.md).
if [ -n "${OAJ_PGPASSWORD_FILE:-}" ]; then
    if [ ! -f "$OAJ_PGPASSWORD_FILE" ] || [ ! -s "$OAJ_PGPASSWORD_FILE" ]; then
        echo "oaj-entrypoint: OAJ_PGPASSWORD_FILE=$OAJ_PGPASSWORD_FILE is not a non-empty file" \
             "(create secrets/oaj-db-password; see docs/hosting.md)" >&2
        exit 1
    fi
    PGPASSWORD=$(cat "$OAJ_PGPASSWORD_FILE")
    export PGPASSWORD
fi

# Docker mounts the cgroup v2 tree of a private cgroup namespace read-only.
# Its root is the container's own cgroup, so making it writable lets the
# judge create run cgroups beneath it (memory, pids and CPU accounting) and
# nothing outside the container. Needs CAP_SYS_ADMIN and no AppArmor mount
# rule, which the sandbox needs anyway (docs/hosting.md).
case "${1:-}" in serve | worker) judges=yes ;; *) judges=no ;; esac
if [ "$judges" = yes ] && [ -f /sys/fs/cgroup/cgroup.controllers ] && [ ! -w /sys/fs/cgroup ]; then
    if ! mount -o remount,rw /sys/fs/cgroup 2>/dev/null; then
        echo "oaj-entrypoint: cannot make /sys/fs/cgroup writable; judging runs without cgroups" \
             "(memory by rlimits; see docs/hosting.md)" >&2
    fi
fi
exec /usr/local/bin/oaj "$@"
