# A throwaway PostgreSQL cluster for the fleet tests, on loopback only,
# stopped when the test exits. Source after tests/lib.sh. Sets PGPORT and
# PGHOST; `pg_admin SQL` runs SQL as the superuser in database fleet,
# `pg_as ROLE SQL` as another role; both print unaligned rows, '|' between
# columns. As root the server runs as the postgres user (initdb refuses root).
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
PGDATA_DIR="$TMP/pg/data"
PGHOST=127.0.0.1
export PGHOST
if [ "$(id -u)" -eq 0 ]; then
    PG_SUPER=postgres
    as_pg() { runuser -u postgres -- "$@"; }
else
    PG_SUPER=$(id -un)
    as_pg() { "$@"; }
fi

# pg_start [postgres -c options...]: initdb, start on a free port, make
# database fleet with tools/central/schema.sql and its upgrade to version 2
# (schema-v2.sql, the call events), as a centre would have run them. Prints "# skip" when the
# server programs are missing. PG_UPGRADES, when set, lists the upgrade
# files to run instead (tests/fleet/queue.sh adds schema-v3.sql).
pg_start() {
    if [ ! -x "$PGBIN/initdb" ]; then
        echo "# skip no PostgreSQL server programs (Debian package postgresql)"
        exit 0
    fi
    chmod 755 "$TMP"
    mkdir -p "$TMP/pg"
    [ "$(id -u)" -eq 0 ] && chown postgres "$TMP/pg"
    PGPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    export PGPORT
    as_pg "$PGBIN/initdb" -D "$PGDATA_DIR" -U "$PG_SUPER" -A trust -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$TMP/pg/initdb.log" 2>&1 || { cat "$TMP/pg/initdb.log"; return 1; }
    pg_up "$@" || return 1
    trap 'pg_down; rm -rf "$TMP"' EXIT
    trap 'exit 1' INT TERM # so that the EXIT trap stops the server
    as_pg "$PGBIN/createdb" -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" fleet || return 1
    psql -q -X -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" -d fleet -v ON_ERROR_STOP=1 \
        -f tools/central/schema.sql $(for f in $PG_UPGRADES; do echo "-f $f"; done) \
        >"$TMP/pg/schema.log" 2>&1 ||
        { cat "$TMP/pg/schema.log"; return 1; }
}

# pg_up / pg_down: start and stop the server (data kept). Options after
# pg_up go to postgres as -c NAME=VALUE.
PG_UPGRADES=${PG_UPGRADES:-tools/central/schema-v2.sql}
PG_OPTS=""
pg_up() {
    [ $# -gt 0 ] && PG_OPTS="$*"
    o="-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=$TMP/pg"
    for x in $PG_OPTS; do o="$o -c $x"; done
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$TMP/pg/server.log" -w -t 60 -o "$o" start \
        >/dev/null || { cat "$TMP/pg/server.log"; return 1; }
}
pg_down() {
    [ -f "$PGDATA_DIR/postmaster.pid" ] &&
        as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m "${1:-fast}" -w stop >/dev/null 2>&1
    return 0
}

pg_admin() { psql -X -A -t -q -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" -d fleet -v ON_ERROR_STOP=1 -c "$1"; }
pg_as() { psql -X -A -t -q -h "$PGHOST" -p "$PGPORT" -U "$1" -d fleet -v ON_ERROR_STOP=1 -c "$2"; }
# The conninfo kiosk-sync uses for a station role.
central() { echo "host=$PGHOST port=$PGPORT dbname=fleet user=$1"; }
