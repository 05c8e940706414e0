#!/usr/bin/env bash
# Brings up a real Mattermost server with PostgreSQL on loopback, installs the
# plugin bundle from dist/, bootstraps test users, then either runs the
# integration tests (`test`) or waits until interrupted (`serve`). Everything it
# starts is stopped and removed on exit, whatever happened.
#
#   e2e/run.sh test [jest args...]   what `make e2e` runs
#   e2e/run.sh serve                 what `make run` runs
#   e2e/run.sh bench                 the real-server part of `make bench`
#   e2e/run.sh load                  what `make load` runs
#
# Environment: E2E_OAUTH_PROVIDER=off starts the server with the OAuth 2.0
# service provider disabled; E2E_KEEP=1 keeps the run directory for inspection;
# MM_WEBAPP_CLIENT is the Mattermost web app to serve (a directory or a .tar.xz /
# .tar.gz of it, such as the client/ directory of the official release archive
# of the pinned server version); by default ../shared/mattermost-webapp/client.tar.xz.
#
# The run directory (database, server files, plugins) is made under $TMPDIR or
# /tmp, not in the checkout: PostgreSQL runs as the postgres user, which cannot
# enter a checkout under a directory only its owner may enter (root's home).
set -euo pipefail

mode=${1:-test}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

log() { printf '[e2e] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- Mattermost server binary, built from the Go module proxy and cached by version ---
mm_version=$(awk '$1 == "github.com/mattermost/mattermost/server/v8" {print $2}' e2e/mmserver/go.mod)
[ -n "$mm_version" ] || die "no server/v8 version in e2e/mmserver/go.mod"
mm_dir="$root/.cache/mattermost-$mm_version"
mm_bin="$mm_dir/mattermost"

build_server() {
  if [ -x "$mm_bin" ]; then
    log "Mattermost server $mm_version: cached at $mm_bin"
    return
  fi
  log "Building Mattermost server $mm_version from the Go module proxy (first run only: 3 to 15 minutes on 2 cores, depending on downloads)..."
  mkdir -p "$mm_dir"
  local start=$SECONDS
  (cd e2e/mmserver && go build -mod=mod -trimpath -o "$mm_bin.tmp" . ) > "$mm_dir/build.log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 30
    kill -0 "$pid" 2>/dev/null && log "  still building ($((SECONDS - start))s; $(grep -c '^go: downloading' "$mm_dir/build.log" || true) modules downloaded so far)"
  done
  if ! wait "$pid"; then
    tail -n 40 "$mm_dir/build.log" >&2
    die "the Mattermost server build failed (log: $mm_dir/build.log)"
  fi
  mv "$mm_bin.tmp" "$mm_bin"
  log "Built in $((SECONDS - start))s: $mm_bin"
}

# Runtime files the server looks up next to its working directory.
link_runtime_files() {
  local src
  src=$(cd e2e/mmserver && go list -mod=mod -m -f '{{.Dir}}' github.com/mattermost/mattermost/server/v8)
  for d in i18n templates fonts; do
    ln -sfn "$src/$d" "$run/$d"
  done
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# --- Chromium for the browser tests and the benchmark (playwright-core cannot download one here) ---
ensure_chromium() {
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && return
  log "Chromium is not installed: installing the Debian package with apt-get..."
  if [ "$(id -u)" -ne 0 ]; then die "Chromium is missing and this is not root: install the Debian package chromium"; fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}

# --- PostgreSQL: a throwaway cluster in the run directory ---
pg_bin=""
find_postgres() {
  # Debian keeps the server programs (initdb, pg_ctl, createdb) together here.
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$d" ] && command -v initdb >/dev/null; then d=$(dirname "$(readlink -f "$(command -v initdb)")"); fi
  if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then pg_bin=$d; return 0; fi
  return 1
}

ensure_postgres() {
  find_postgres && return
  log "PostgreSQL is not installed: installing it with apt-get..."
  if [ "$(id -u)" -ne 0 ]; then die "PostgreSQL is missing and this is not root: install the Debian package postgresql"; fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  find_postgres || die "PostgreSQL was installed but initdb is not found"
}

# PostgreSQL refuses to run as root: run it as the postgres user then.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# The server's options, kept apart so a fault test can restart the cluster as it was (e2e/lib/faults.ts).
pg_options() {
  printf '%s' "-h 127.0.0.1 -p $pg_port -k $run/pg -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
}

start_postgres() {
  pg_port=$(free_port)
  mkdir -p "$run/pg"
  [ "$(id -u)" -eq 0 ] && chown postgres "$run/pg"
  as_pg "$pg_bin/initdb" -D "$run/pg/data" --auth=trust -U mmuser -E UTF8 >"$run/pg-init.log" 2>&1 || { cat "$run/pg-init.log" >&2; die "initdb failed"; }
  as_pg "$pg_bin/pg_ctl" -D "$run/pg/data" -l "$run/pg/postgres.log" -w -t 60 \
    -o "$(pg_options)" start >/dev/null \
    || { tail -n 20 "$run/pg/postgres.log" >&2; die "PostgreSQL did not start"; }
  pg_started=1
  as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U mmuser mattermost
  log "PostgreSQL on 127.0.0.1:$pg_port"
}

# --- Mattermost ---
write_config() {
  local provider=true
  [ "${E2E_OAUTH_PROVIDER:-on}" = off ] && provider=false
  cat > "$run/config.json" <<JSON
{
  "ServiceSettings": {
    "SiteURL": "$site_url",
    "ListenAddress": "127.0.0.1:$mm_port",
    "EnableOAuthServiceProvider": $provider,
    "EnableDynamicClientRegistration": true,
    "EnableLocalMode": true,
    "LocalModeSocketLocation": "$run/mattermost.sock",
    "EnableSecurityFixAlert": false,
    "EnableUserAccessTokens": true,
    "EnableDeveloper": false,
    "EnableTesting": false,
    "CollapsedThreads": "default_on",
    "EnableOnboardingFlow": false,
    "EnableTutorial": false
  },
  "SqlSettings": {
    "DriverName": "postgres",
    "DataSource": "postgres://mmuser@127.0.0.1:$pg_port/mattermost?sslmode=disable&connect_timeout=10"
  },
  "FileSettings": {"Directory": "$run/data/"},
  "LogSettings": {
    "EnableConsole": false,
    "EnableFile": true,
    "FileLocation": "$run/",
    "FileLevel": "DEBUG",
    "EnableDiagnostics": false
  },
  "NotificationLogSettings": {"EnableConsole": false, "EnableFile": false},
  "PluginSettings": {
    "Enable": true,
    "EnableUploads": true,
    "RequirePluginSignature": false,
    "Directory": "$run/plugins",
    "ClientDirectory": "$run/client/plugins",
    "EnableMarketplace": false,
    "EnableRemoteMarketplace": false,
    "AutomaticPrepackagedPlugins": false
  },
  "AnnouncementSettings": {"AdminNoticesEnabled": false, "UserNoticesEnabled": false},
  "RateLimitSettings": {"Enable": false},
  "EmailSettings": {"SendEmailNotifications": false, "EnableSignUpWithEmail": true},
  "TeamSettings": {"EnableOpenServer": true},
  "MetricsSettings": {"Enable": false}
}
JSON
}

# --- The Mattermost web app, served by the server from its client directory ---
webapp_version=""
webapp_source() {
  if [ -n "${MM_WEBAPP_CLIENT:-}" ]; then
    [ -e "$MM_WEBAPP_CLIENT" ] || die "MM_WEBAPP_CLIENT=$MM_WEBAPP_CLIENT does not exist"
    printf '%s' "$MM_WEBAPP_CLIENT"
  elif [ -f "$root/../shared/mattermost-webapp/client.tar.xz" ]; then
    printf '%s' "$root/../shared/mattermost-webapp/client.tar.xz"
  fi
}

# Unpacks a tarball once into .cache (keyed by its checksum) and links its
# files into the run's client directory; the server writes plugin bundles
# into client/plugins, which stays the run's own.
install_webapp() {
  local src dir
  src=$(webapp_source)
  if [ -z "$src" ]; then
    log "No Mattermost web app found (../shared/mattermost-webapp/client.tar.xz, or set MM_WEBAPP_CLIENT):"
    log "  only the REST API and the server half (Go) can be exercised; the browser tests of the real web app are skipped."
    return
  fi
  if [ -d "$src" ]; then
    dir=$(cd "$src" && pwd)
  else
    dir="$root/.cache/webapp-$(sha256sum "$src" | cut -c1-16)"
    if [ ! -f "$dir/root.html" ]; then
      log "Unpacking the Mattermost web app from $src..."
      rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
      tar -xf "$src" -C "$dir.tmp"
      # Archives hold either the files or a client/ directory with them.
      if [ -f "$dir.tmp/client/root.html" ]; then mv "$dir.tmp/client" "$dir" && rm -rf "$dir.tmp"; else mv "$dir.tmp" "$dir"; fi
    fi
  fi
  [ -f "$dir/root.html" ] || die "$src holds no root.html: it is not a Mattermost web app build"
  local entry
  for entry in "$dir"/*; do
    [ "$(basename "$entry")" = plugins ] || ln -s "$entry" "$run/client/"
  done
  # The build names its version in the module federation table: the
  # @mattermost/client package and the React it shares with plugins.
  local client react
  client=$(grep -ho '"@mattermost/client","[0-9.]*"' "$dir"/remote_entry.js 2>/dev/null | head -n1 | cut -d'"' -f4)
  react=$(grep -ho '"react","[0-9.]*"' "$dir"/remote_entry.js 2>/dev/null | head -n1 | cut -d'"' -f4)
  webapp_version="${client:-unknown} (React ${react:-unknown}; $(basename "$(ls "$dir"/main.*.js 2>/dev/null | head -n1)" 2>/dev/null))"
  log "Mattermost web app $webapp_version from $src"
}

start_mattermost() {
  mm_port=$(free_port)
  site_url="http://127.0.0.1:$mm_port"
  mkdir -p "$run/data" "$run/plugins" "$run/client/plugins"
  install_webapp
  # The stand-in host page (e2e/browser), served from the server's own origin
  # so session cookies and CSRF work as in production: at /static/e2e-host.html
  # (React 18), /static/e2e-host19.html (React 19, as Mattermost 12) and
  # e2e-host19-dev.html (React 19's development build), and at / when there is
  # no real web app.
  local host
  for host in e2e-host e2e-host19 e2e-host19-dev; do
    [ -f "e2e/browser/dist/$host.js" ] || continue
    sed "s|/static/e2e-host.js|/static/$host.js|" e2e/browser/root.html > "$run/client/$host.html"
    cp "e2e/browser/dist/$host.js" "$run/client/$host.js"
  done
  if [ -f e2e/browser/dist/e2e-host.js ] && [ ! -e "$run/client/root.html" ]; then
    cp e2e/browser/root.html "$run/client/root.html"
  fi
  write_config
  link_runtime_files
  # Started directly (not through a wrapper shell) so $! is the server itself.
  (cd "$run" && exec "$mm_bin" server --config "$run/config.json" >"$run/server.out" 2>&1) &
  mm_pid=$!
  local deadline=$((SECONDS + 180))
  until curl -fsS "$site_url/api/v4/system/ping" >/dev/null 2>&1; do
    if ! kill -0 "$mm_pid" 2>/dev/null || [ $SECONDS -gt $deadline ]; then
      server_log_tail
      die "Mattermost did not start"
    fi
    sleep 1
  done
  log "Mattermost $mm_version on $site_url (pid $mm_pid)"
}

server_log_tail() {
  log "--- last lines of the server log ---"
  tail -n 40 "$run/mattermost.log" 2>/dev/null >&2 || true
  tail -n 20 "$run/server.out" 2>/dev/null >&2 || true
}

cleanup() {
  local status=$?
  set +e
  if [ -n "${mm_pid:-}" ] && kill -0 "$mm_pid" 2>/dev/null; then
    kill "$mm_pid"
    for _ in $(seq 1 30); do kill -0 "$mm_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$mm_pid" 2>/dev/null
    wait "$mm_pid" 2>/dev/null
  fi
  # A second server (e2e/lib/second_server.ts) a test left running: its own pid.
  local pidfile pid2
  for pidfile in "${run:-/nonexistent}"/*/server.pid; do
    [ -f "$pidfile" ] || continue
    pid2=$(cat "$pidfile")
    kill "$pid2" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$pid2" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid2" 2>/dev/null
    pkill -f "$(dirname "$pidfile")/plugins/" 2>/dev/null
  done
  # The server starts plugin processes of its own; none may outlive it.
  pkill -f "$run/plugins/" 2>/dev/null
  if [ -n "${pg_started:-}" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$run/pg/data" -m immediate -w stop >/dev/null 2>&1
    # Give init a moment to reap the stopped postmaster, so nothing is left listed.
    for _ in $(seq 1 10); do pgrep -x postgres >/dev/null || break; sleep 0.5; done
  fi
  if [ -n "${run:-}" ] && [ -z "${E2E_KEEP:-}" ]; then
    rm -rf "$run"
  elif [ -n "${run:-}" ]; then
    log "kept $run"
  fi
  exit "$status"
}

bundle=$(ls -t dist/*.tar.gz 2>/dev/null | head -n 1 || true)
[ -n "$bundle" ] || die "no bundle in dist/: run make dist first"

build_server
ensure_postgres
case "$mode" in test|bench) ensure_chromium ;; esac
command -v curl >/dev/null || die "curl is needed"

run=$(mktemp -d "${TMPDIR:-/tmp}/oauth-manager-e2e.XXXXXX")
chmod 755 "$run"
trap cleanup EXIT
trap 'exit 130' INT TERM

start_postgres
start_mattermost

export E2E_ENV_FILE="$run/env.json" E2E_SITE_URL="$site_url" E2E_BUNDLE="$bundle" E2E_SERVER_LOG="$run/mattermost.log" \
  E2E_RUN_DIR="$run" E2E_MM_BIN="$mm_bin" \
  E2E_WEBAPP_VERSION="$webapp_version" \
  E2E_PG="postgres://mmuser@127.0.0.1:$pg_port/mattermost" E2E_PLUGIN_DIR="$run/plugins"
# What the fault tests need to stop and restart PostgreSQL on the same port
# (e2e/lib/faults.ts); E2E_PG_USER is set when pg_ctl must run as postgres (root).
export E2E_PG_CTL="$pg_bin/pg_ctl" E2E_PG_DATA="$run/pg/data" E2E_PG_PORT="$pg_port" E2E_PG_LOG="$run/pg/postgres.log" \
  E2E_PG_OPTIONS="$(pg_options)" E2E_PG_USER=""
[ "$(id -u)" -eq 0 ] && E2E_PG_USER=postgres
if ! npx --no-install tsx e2e/bootstrap.ts; then
  server_log_tail
  die "bootstrap failed"
fi

case "$mode" in
  test)
    npx --no-install jest --selectProjects e2e --runInBand --json --outputFile="$root/.cache/jest-e2e.json" "$@"
    ;;
  bench)
    npx --no-install tsx e2e/bench/main.ts
    ;;
  load)
    npx --no-install tsx e2e/load/main.ts
    ;;
  serve)
    npx --no-install tsx e2e/print_ready.ts
    while kill -0 "$mm_pid" 2>/dev/null; do sleep 2; done
    server_log_tail
    die "the Mattermost server stopped"
    ;;
  *)
    die "unknown mode $mode (use test, serve, bench or load)"
    ;;
esac
