#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server from Debian's postgresql package and
# prints its URL on stdout (nothing else goes to stdout):
#
#   CX_PG_URL=$(tests/e2e/pg_start.sh)        # start
#   tests/e2e/pg_start.sh --stop "$CX_PG_URL"  # stop and delete it
#   tests/e2e/pg_start.sh path/to/claimx        # self-test (ctest runs this):
#                                                # start, connect, stop
#
# The cluster lives in a fresh temporary directory, listens on 127.0.0.1 at
# a free port (and a unix socket in that directory), trusts local
# connections, and has one database, claimx, owned by user claimx. Run as
# root, the server runs as the `postgres` user (PostgreSQL refuses root).
set -euo pipefail

BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)

as_owner() { # runs "$@" as the cluster owner
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ -n "${1:-}" ] && [ "$1" != "--stop" ]; then
  if [ -z "$BIN" ] || ! command -v psql >/dev/null; then
    echo "SKIP pg_start.sh self-test: PostgreSQL server or psql not installed"; exit 0
  fi
  url=$("$0")
  trap '"$0" --stop "$url"' EXIT
  [ "$(psql -qtAX "$url" -c 'SELECT 40 + 2')" = 42 ] || { echo "FAIL: cannot query $url" >&2; exit 1; }
  echo "pg_start.sh: started, queried and stopped $url"
  exit 0
fi

if [ "${1:-}" = "--stop" ]; then
  url=${2:?usage: pg_start.sh --stop URL}
  dir=${url#*host=}; dir=${dir%%&*}
  [ -f "$dir/data/PG_VERSION" ] || { echo "pg_start.sh: $dir is not a cluster of ours" >&2; exit 2; }
  as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

[ -n "$BIN" ] && [ -x "$BIN/initdb" ] ||
  { echo "pg_start.sh: no PostgreSQL server (apt-get install postgresql)" >&2; exit 2; }
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

dir=$(mktemp -d /tmp/cx_pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"

as_owner "$BIN/initdb" -D "$dir/data" -U claimx --auth=trust -E UTF8 \
  --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 2; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
started=""
for port in $(seq 54329 54429); do
  port_free "$port" || continue
  if as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
       -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off" \
       start >/dev/null 2>&1; then
    started=$port
    break
  fi
done
[ -n "$started" ] || { cat "$dir/server.log" >&2; echo "pg_start.sh: could not start a server" >&2; exit 2; }

"$BIN/createdb" -h 127.0.0.1 -p "$started" -U claimx claimx ||
  { echo "pg_start.sh: createdb failed" >&2; exit 2; }
# the socket directory rides along as host= so that --stop can find the cluster
echo "postgresql://claimx@127.0.0.1:$started/claimx?host=$dir"
