# A throwaway PostgreSQL cluster on loopback for the store tests (both backends run the
# same suite; without SITREP_TEST_PG the PostgreSQL half skips). Installs postgresql-15
# when it is missing, initialises a cluster in a temporary directory as the `postgres`
# user (initdb refuses root), starts it on a free port on 127.0.0.1 with trust auth, and
# exports SITREP_TEST_PG. The cluster is stopped and deleted when .ci/run ends.
# A SITREP_TEST_PG already set (a developer's own server) is used as it is.
if [ -z "${SITREP_TEST_PG:-}" ]; then
    ci_pg_bin=""
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && ci_pg_bin="$d"
    done
    if [ -z "$ci_pg_bin" ]; then
        ci_apt_install postgresql-15
        ci_pg_bin=/usr/lib/postgresql/15/bin
    fi
    # Run the server as `postgres` when we are root (it refuses to run as root).
    ci_pg_as() { "$@"; }
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
        ci_pg_as() { runuser -u postgres -- "$@"; }
    fi
    ci_pg_dir=$(mktemp -d /tmp/sitrep-ci-pg.XXXXXX)
    chmod 755 "$ci_pg_dir"
    [ "$(id -u)" = 0 ] && chown postgres "$ci_pg_dir"
    # A free port: the first in 55432.. that nothing listens on.
    ci_pg_port=55432
    while (exec 3<>"/dev/tcp/127.0.0.1/$ci_pg_port") 2>/dev/null; do
        ci_pg_port=$((ci_pg_port + 1))
    done
    ci_pg_as "$ci_pg_bin/initdb" -D "$ci_pg_dir/data" -U postgres -A trust -E UTF8 \
        --locale=C.UTF-8 >"$ci_pg_dir/initdb.log" 2>&1 \
        || { cat "$ci_pg_dir/initdb.log"; return 1; }
    ci_pg_as "$ci_pg_bin/pg_ctl" -D "$ci_pg_dir/data" -l "$ci_pg_dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $ci_pg_port -k $ci_pg_dir -c fsync=off -c max_connections=200" \
        start >/dev/null || { cat "$ci_pg_dir/server.log"; return 1; }
    ci_on_exit "ci_pg_as $ci_pg_bin/pg_ctl -D $ci_pg_dir/data -m immediate stop >/dev/null; rm -rf $ci_pg_dir"
    export SITREP_TEST_PG="postgres://postgres@127.0.0.1:$ci_pg_port/postgres"
    echo "PostgreSQL $("$ci_pg_bin/postgres" --version | awk '{print $3}') on $SITREP_TEST_PG"
fi
