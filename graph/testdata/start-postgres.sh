#!/bin/sh
# start-postgres.sh starts a throw-away PostgreSQL server for the graph
# package's tests and prints its URL on stdout, for example
#
#   export STANCEGRAPH_TEST_POSTGRES="$(graph/testdata/start-postgres.sh)"
#   go test ./graph
#
# It listens on 127.0.0.1 only, port 54329 (PGPORT overrides), keeps its
# data in /tmp/stancegraph-pg-PORT (PGDATA_DIR overrides), trusts every
# local connection and has a database stancegraph_test. Run it again and it
# starts the server only if it is not running, and creates nothing twice.
# It installs Debian's postgresql package when no PostgreSQL is found
# (this needs root). As root, the server runs as the postgres user.
# Stop it with: pg_ctl -D /tmp/stancegraph-pg-54329 stop (as that user).
set -eu

port="${PGPORT:-54329}"
data="${PGDATA_DIR:-/tmp/stancegraph-pg-$port}"
db=stancegraph_test
log() { echo "start-postgres: $*" >&2; }

find_bin() {
	for d in /usr/lib/postgresql/*/bin; do
		if [ -x "$d/initdb" ]; then
			echo "$d"
			return
		fi
	done
	if command -v initdb >/dev/null 2>&1; then
		dirname "$(command -v initdb)"
	fi
}

bin="$(find_bin | sort -V | tail -n 1)"
if [ -z "$bin" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		log "PostgreSQL is not installed; run as root to install it"
		exit 1
	fi
	log "installing postgresql"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >&2
	apt-get install -y -q postgresql >&2
	bin="$(find_bin | sort -V | tail -n 1)"
fi

# As root, run the server as postgres: initdb and postgres refuse root.
if [ "$(id -u)" -eq 0 ]; then
	owner=postgres
	as_owner() { runuser -u postgres -- "$@"; }
else
	owner="$(id -un)"
	as_owner() { "$@"; }
fi

psql() { "$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres "$@"; }

# A server already answering on the port (started by this script before,
# or by scripts/postgres) is used as it is.
if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" >/dev/null 2>&1; then
	log "using the server on 127.0.0.1:$port"
elif [ ! -s "$data/PG_VERSION" ]; then
	log "creating cluster in $data"
	mkdir -p "$data"
	chmod 700 "$data"
	[ "$(id -u)" -ne 0 ] || chown "$owner" "$data"
	as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
fi

if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" >/dev/null 2>&1; then
	log "starting server on 127.0.0.1:$port"
	as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $data" start >&2
fi
if [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
	log "creating database $db"
	psql -d postgres -c "CREATE DATABASE $db" >&2
fi

echo "postgres://postgres@127.0.0.1:$port/$db?sslmode=disable"
