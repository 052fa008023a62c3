#!/usr/bin/env bash
# Sourced by scripts/test.sh: makes sure the real servers the integration tests use are running,
# and exports their URLs. Uses what is already there, installs and starts what is missing:
#   MariaDB              SKYBOARD_TEST_MYSQL_URL  (an existing server on 127.0.0.1:3306 with
#                                                  passwordless root, or a private one we start)
#   MongoDB wire server  SKYBOARD_TEST_MONGO_URL  (SecantusDB from PyPI, in a venv, own port)
# S3 needs nothing here: the tests run s3s-fs in process.
# Servers we start are stopped again when the test script exits.

SVC_CACHE=${SKYBOARD_TEST_CACHE:-$HOME/.cache/skyboard-test}
SVC_RUN=$(mktemp -d "${TMPDIR:-/tmp}/skyboard-services.XXXXXX")
mkdir -p "$SVC_CACHE"
_svc_pids=()

svc_log() { printf '   %s\n' "$*" >&2; }

svc_stop_all() {
  for pid in "${_svc_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${_svc_pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$SVC_RUN"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_port() { # port seconds
  local end=$(( $(date +%s) + $2 ))
  until (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; do
    [ "$(date +%s)" -ge "$end" ] && return 1
    sleep 0.1
  done
}

apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "missing: $* (install them, or run as root on Debian)" >&2
    return 1
  fi
  svc_log "installing $*"
  if [ -z "${_apt_updated:-}" ]; then apt-get update -qq; _apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

mysql_usable() { # url-less check: host port
  mariadb-admin --no-defaults -h127.0.0.1 -P"$1" -uroot --connect-timeout=2 ping >/dev/null 2>&1 &&
    mariadb --no-defaults -h127.0.0.1 -P"$1" -uroot -e 'SELECT 1' >/dev/null 2>&1
}

start_mariadb() {
  # The server binaries are needed even with a server given: the outage test runs its own.
  { command -v mariadbd || command -v /usr/sbin/mariadbd; } >/dev/null && command -v mariadb-install-db >/dev/null ||
    apt_install mariadb-server mariadb-client
  if [ -n "${SKYBOARD_TEST_MYSQL_URL:-}" ]; then
    svc_log "MariaDB: using SKYBOARD_TEST_MYSQL_URL as given"
    return 0
  fi
  if mysql_usable 3306; then
    export SKYBOARD_TEST_MYSQL_URL="mysql://root@127.0.0.1:3306"
    svc_log "MariaDB: using the server on 127.0.0.1:3306"
  else
    local port dir
    port=$(free_port)
    dir="$SVC_RUN/mysql"
    mkdir -p "$dir"
    mariadb-install-db --no-defaults --datadir="$dir/data" --user="$(id -un)" \
      --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1
    nohup /usr/sbin/mariadbd --no-defaults --datadir="$dir/data" --user="$(id -un)" \
      --bind-address=127.0.0.1 --port="$port" --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" \
      --log-error="$dir/error.log" --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
      >/dev/null 2>&1 &
    _svc_pids+=($!)
    wait_port "$port" 60 || { cat "$dir/error.log" >&2; return 1; }
    until mysql_usable "$port"; do sleep 0.1; done
    export SKYBOARD_TEST_MYSQL_URL="mysql://root@127.0.0.1:$port"
    svc_log "MariaDB: started a private server on 127.0.0.1:$port"
  fi
  # Databases left behind by an interrupted run.
  local port=${SKYBOARD_TEST_MYSQL_URL##*:}
  mariadb --no-defaults -h127.0.0.1 -P"${port%%/*}" -uroot -N -e \
    "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'skyboard\\_t\\_%'" 2>/dev/null |
    while read -r db; do mariadb --no-defaults -h127.0.0.1 -P"${port%%/*}" -uroot -e "DROP DATABASE \`$db\`"; done
}

start_mongo() {
  # The server binary is installed even when a running server is given: the fault matrix starts
  # and stops a private one (SKYBOARD_TEST_SECANTUSD).
  local venv="$SVC_CACHE/venv"
  if [ ! -x "$venv/bin/secantusd-py" ]; then
    python3 -m venv "$venv" 2>/dev/null || { apt_install python3-venv && python3 -m venv "$venv"; }
    svc_log "MongoDB wire: installing SecantusDB into $venv"
    "$venv/bin/pip" install -q --disable-pip-version-check 'secantusdb==0.7.0b3'
  fi
  export SKYBOARD_TEST_SECANTUSD="$venv/bin/secantusd-py"
  if [ -n "${SKYBOARD_TEST_MONGO_URL:-}" ]; then
    svc_log "MongoDB wire: using SKYBOARD_TEST_MONGO_URL as given"
    return 0
  fi
  local port
  port=$(free_port)
  nohup "$venv/bin/secantusd-py" --host 127.0.0.1 --port "$port" --storage-path :memory: \
    >"$SVC_RUN/secantus.log" 2>&1 &
  _svc_pids+=($!)
  wait_port "$port" 60 || { cat "$SVC_RUN/secantus.log" >&2; return 1; }
  export SKYBOARD_TEST_MONGO_URL="mongodb://127.0.0.1:$port/?directConnection=true"
  svc_log "MongoDB wire: SecantusDB on 127.0.0.1:$port"
}

start_test_services() {
  command -v python3 >/dev/null || apt_install python3 python3-venv
  start_mariadb
  start_mongo
}
