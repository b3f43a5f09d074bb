#!/usr/bin/env bash
# Throwaway PostgreSQL and ClickHouse servers on loopback for the test suite, plus the packages tests need.
# Sourced by test.sh. Exports CUSTODIAN_TEST_POSTGRES (Npgsql connection string), CUSTODIAN_TEST_CLICKHOUSE (HTTP
# URL), CUSTODIAN_TEST_CLICKHOUSE_CLUSTER and CUSTODIAN_TEST_CLICKHOUSE_SHARDS (comma-separated HTTP URLs). Everything lives under one temporary folder removed by stop_test_servers.

TEST_SERVERS_DIR=""
PG_BIN=""
CH_PIDS=()

log() { echo "[test.sh] $*" >&2; }

free_port() {
  local port=$1
  while (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# Installs PostgreSQL, ClickHouse, Chromium, ChromeDriver and poppler-utils (pdftoppm) when missing. Needs root (apt-get); without root
# it only reports what is missing, and the tests that need it skip locally (or fail when CI=true).
ensure_test_packages() {
  local missing=()
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  command -v clickhouse-server >/dev/null 2>&1 || missing+=(clickhouse-server clickhouse-client)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils) # billing's tests render invoice and act PDFs to images
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing ${missing[*]} and not root: install them with apt-get to run every test"
    return 0
  fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # postgresql's package scripts try to start a cluster; there is no init system here, so keep them from failing.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-liberation >/dev/null
}

start_postgres() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || { log "PostgreSQL not installed: its tests will skip (fail in CI)"; return 0; }
  local base="$TEST_SERVERS_DIR/pg" port run=()
  port=$(free_port 55432)
  mkdir -p "$base"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$base"; chmod 700 "$base"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$PG_BIN/initdb" -D "$base/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  cat >>"$base/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$base'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
  printf 'local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n' >"$base/data/pg_hba.conf"
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$base/data" -l "$base/server.log" -w -t 60 start >/dev/null || {
    log "PostgreSQL did not start:"; tail -n 20 "$base/server.log" >&2 || true
    return 1
  }
  "${run[@]}" "$PG_BIN/psql" -h "$base" -p "$port" -U postgres -q -c "ALTER ROLE postgres PASSWORD 'custodian-test'" >/dev/null
  export CUSTODIAN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=custodian-test;Database=postgres"
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

# One ClickHouse server: its own folders, ports and the shared two-shard cluster definition.
start_clickhouse_instance() {
  local base=$1 http=$2 tcp=$3 shards=$4
  mkdir -p "$base"/{data,tmp,user_files,log,format_schemas}
  cat >"$base/config.xml" <<CONF
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$base/log/server.log</log><errorlog>$base/log/error.log</errorlog></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$http</http_port>
  <tcp_port>$tcp</tcp_port>
  <path>$base/data/</path>
  <tmp_path>$base/tmp/</tmp_path>
  <user_files_path>$base/user_files/</user_files_path>
  <format_schema_path>$base/format_schemas/</format_schema_path>
  <users_config>$base/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <remote_servers><custodian_test>$shards</custodian_test></remote_servers>
</yandex>
CONF
  cat >"$base/users.xml" <<'CONF'
<?xml version="1.0"?>
<yandex>
  <profiles><default/></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default/></quotas>
</yandex>
CONF
  nohup clickhouse-server --config-file="$base/config.xml" >"$base/log/stdout.log" 2>&1 &
  local pid=$!
  CH_PIDS+=("$pid")
  local tries=0
  until curl -sf "http://127.0.0.1:$http/ping" >/dev/null; do
    tries=$((tries + 1))
    if [ $tries -gt 300 ] || ! kill -0 "$pid" 2>/dev/null; then
      log "ClickHouse did not start:"; tail -n 20 "$base/log/stdout.log" "$base/log/error.log" >&2 || true
      return 1
    fi
    sleep 0.1
  done
}

# Two servers: the first alone is the single-node engine; together they are the two-shard cluster custodian_test.
start_clickhouse() {
  command -v clickhouse-server >/dev/null 2>&1 || { log "ClickHouse not installed: its tests will skip (fail in CI)"; return 0; }
  local http1 tcp1 http2 tcp2 shards
  http1=$(free_port 18123); http2=$(free_port $((http1 + 1)))
  tcp1=$(free_port 19000); tcp2=$(free_port $((tcp1 + 1)))
  shards="<shard><replica><host>127.0.0.1</host><port>$tcp1</port></replica></shard><shard><replica><host>127.0.0.1</host><port>$tcp2</port></replica></shard>"
  start_clickhouse_instance "$TEST_SERVERS_DIR/ch1" "$http1" "$tcp1" "$shards"
  start_clickhouse_instance "$TEST_SERVERS_DIR/ch2" "$http2" "$tcp2" "$shards"
  export CUSTODIAN_TEST_CLICKHOUSE="http://127.0.0.1:$http1/"
  export CUSTODIAN_TEST_CLICKHOUSE_CLUSTER="custodian_test"
  export CUSTODIAN_TEST_CLICKHOUSE_SHARDS="http://127.0.0.1:$http1/,http://127.0.0.1:$http2/"
  log "ClickHouse $(curl -s "http://127.0.0.1:$http1/?query=SELECT%20version()") on 127.0.0.1:$http1 and :$http2 (cluster custodian_test)"
}

start_test_servers() {
  TEST_SERVERS_DIR=$(mktemp -d /tmp/custodian-test-servers.XXXXXX)
  chmod 755 "$TEST_SERVERS_DIR"
  start_postgres
  start_clickhouse
}

stop_test_servers() {
  if [ -n "$PG_BIN" ] && [ -d "$TEST_SERVERS_DIR/pg/data" ]; then
    local run=()
    [ "$(id -u)" -eq 0 ] && run=(runuser -u postgres --)
    "${run[@]}" "$PG_BIN/pg_ctl" -D "$TEST_SERVERS_DIR/pg/data" stop -m immediate >/dev/null 2>&1 || true
  fi
  local pid
  for pid in "${CH_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${CH_PIDS[@]}"; do
    # Distributed tables hold connections between the servers; give them time, then insist.
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  [ -n "$TEST_SERVERS_DIR" ] && rm -rf "$TEST_SERVERS_DIR"
}
