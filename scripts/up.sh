#!/usr/bin/env bash
# The whole system without Docker, on a machine where PostgreSQL (with PostGIS) and Redis already run:
# build, migrate, seed the demo data, then run the api and the worker until Ctrl-C (or until either dies).
#   bash scripts/up.sh          (or: npm run up)
# Configuration: the environment, then .env if present (the shell wins), then the dev defaults below.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '[up] %s\n' "$*"; }
die() { printf '[up] ERROR: %s\n' "$*" >&2; exit 1; }

# .env: KEY=value lines (optional `export `, optional surrounding quotes, # comments on their own lines).
# Not `source`d, so a value is never run as shell code, and a variable already set in the shell is kept.
load_env_file() {
  local line key value
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line%$'\r'}
    [[ $line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    key=${BASH_REMATCH[2]}
    value=${BASH_REMATCH[3]}
    if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}; fi
    [[ -n ${!key+set} ]] || export "$key=$value"
  done <"$1"
}
if [[ -f .env ]]; then
  say "loading .env"
  load_env_file .env
fi

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/pa_dev}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export PORT=${PORT:-3000}
dev_defaults=()
if [[ -z ${JWT_SECRET:-} ]]; then
  export JWT_SECRET=dev-only-jwt-secret-not-for-production-0123456789
  dev_defaults+=(JWT_SECRET)
fi
if [[ -z ${ADMIN_PASSWORD:-} ]]; then
  export ADMIN_PASSWORD=dev-only-Admin@12345
  dev_defaults+=(ADMIN_PASSWORD)
fi
if ((${#dev_defaults[@]})); then
  cat >&2 <<EOF
[up] ##########################################################################################
[up] WARNING: using PUBLIC DEV-ONLY values for: ${dev_defaults[*]}
[up] Anyone who reads this script knows them. Fine on your laptop; NEVER for a reachable server.
[up] Set them in the environment or in .env (see .env.example).
[up] ##########################################################################################
EOF
fi

# --- Postgres: the database exists (created if missing) and PostGIS is installable ---
command -v psql >/dev/null || die "psql not found: install the PostgreSQL client (apt-get install postgresql-client)"
read -r db_name maintenance_url < <(node -e '
  const u = new URL(process.argv[1]);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = "/postgres";
  console.log(name, u.toString());' "$DATABASE_URL") || die "DATABASE_URL is not a valid URL"
[[ $db_name =~ ^[A-Za-z0-9_-]+$ ]] || die "unexpected database name '$db_name' in DATABASE_URL"
psql "$maintenance_url" -qAtc 'SELECT 1' >/dev/null \
  || die "cannot reach the PostgreSQL server of DATABASE_URL (database postgres): is it running?"
if [[ -z $(psql "$maintenance_url" -qAtc "SELECT 1 FROM pg_database WHERE datname = '$db_name'") ]]; then
  say "creating database $db_name"
  psql "$maintenance_url" -qv ON_ERROR_STOP=1 -c "CREATE DATABASE \"$db_name\"" >/dev/null
fi
[[ -n $(psql "$DATABASE_URL" -qAtc "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'") ]] \
  || die "PostGIS is not installed on this PostgreSQL server (Debian 12: apt-get install postgresql-15-postgis-3)"

# --- Redis answers (plain redis:// only; redis-cli needs extra flags for TLS) ---
if [[ $REDIS_URL == redis://* ]] && command -v redis-cli >/dev/null; then
  [[ $(redis-cli -u "$REDIS_URL" ping 2>/dev/null) == PONG ]] || die "Redis does not answer at $REDIS_URL: is it running?"
fi

# --- build, migrate, seed ---
if [[ ! -d node_modules ]]; then
  say "npm ci"
  # Fallback as in .ci/run: npm ci refuses a lockfile that lacks other platforms' optional binaries.
  npm ci --no-audit --no-fund || npm install --no-save --no-audit --no-fund
fi
say "build"
npm run build
say "migrations"
npm run migration:run:dist
say "seed"
npm run seed:dist
mkdir -p "${UPLOAD_DIR:-./var/uploads}"

# --- run api and worker; stop both on Ctrl-C / SIGTERM, or when either exits ---
# (Background jobs of a non-interactive shell ignore SIGINT: Ctrl-C reaches this script, which stops both.)
pids=()
stop_all() {
  trap - INT TERM
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  # Nest's shutdown hooks close connections and let Bull finish jobs in hand: give them 10 s.
  for _ in $(seq 100); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap 'say "stopping"; stop_all; exit 130' INT
trap 'say "stopping"; stop_all; exit 143' TERM

say "starting api (port $PORT) and worker"
node dist/apps/api/src/main.js &
api_pid=$!
node dist/apps/worker/src/main.js &
worker_pid=$!
pids=("$api_pid" "$worker_pid")
both_alive() { kill -0 "$api_pid" 2>/dev/null && kill -0 "$worker_pid" 2>/dev/null; }

base="http://localhost:$PORT"
ready=0
for _ in $(seq 120); do
  both_alive || break
  if node -e "fetch('http://127.0.0.1:$PORT/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    ready=1
    break
  fi
  sleep 0.5
done
if ((ready)); then
  cat <<EOF
[up] ------------------------------------------------------------------
[up] API          $base/api/v1
[up] OpenAPI UI   $base/docs
[up] Readiness    $base/health/ready
[up] Logins: admin as ${ADMIN_USERNAME:-admin} with ADMIN_PASSWORD; the demo users: see README.
[up] Ctrl-C stops both processes.
[up] ------------------------------------------------------------------
EOF
elif both_alive; then
  say "WARNING: $base/health/ready does not answer 200 after 60 s; still running, see the logs above"
fi

# Whichever exits first (crash or not) ends the whole thing: half a system is not a running system.
rc=0
wait -n || rc=$?
if kill -0 "$api_pid" 2>/dev/null; then who=worker; else who=api; fi
say "the $who process exited (status $rc): stopping"
stop_all
exit $((rc == 0 ? 1 : rc))
