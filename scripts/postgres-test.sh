#!/usr/bin/env bash
# Runs a command with a real, throw-away PostgreSQL server: installs Debian's `postgresql` if
# missing, creates a data directory in a temporary folder, listens on 127.0.0.1 only (a free high
# port, trust auth on loopback), exports OCOP_TEST_POSTGRES=postgres://postgres@127.0.0.1:PORT/postgres
# for the command, then stops the server and removes the folder, also on failure or Ctrl-C.
# Usage: scripts/postgres-test.sh COMMAND [ARG...]
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "postgresql is missing: run sudo apt-get install -y postgresql" >&2
        exit 1
    fi
    echo "installing: postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q postgresql
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# initdb and the server refuse to run as root: as root, run them as the postgres user.
as_server_user=()
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    as_server_user=(runuser -u postgres --)
fi

scratch=$(mktemp -d /tmp/ocop-postgres.XXXXXX)
chmod 755 "$scratch"
data="$scratch/data"
mkdir "$data"
[ "$(id -u)" -eq 0 ] && chown postgres "$scratch" "$data"

stop() {
    "${as_server_user[@]}" "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$scratch"
}
trap stop EXIT INT TERM

# A free port: ask the kernel for one, then hand it to the server.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

"${as_server_user[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$scratch/initdb.log" 2>&1 \
    || { cat "$scratch/initdb.log" >&2; exit 1; }
# Loopback only, no Unix socket to collide with a system server; enough connections for the
# concurrent-writer tests; durability settings stay the defaults (fsync on).
"${as_server_user[@]}" "$bin/pg_ctl" -D "$data" -l "$scratch/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$scratch -c max_connections=200" start >/dev/null \
    || { cat "$scratch/server.log" >&2; exit 1; }

export OCOP_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $data)"
"$@"
