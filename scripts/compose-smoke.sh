#!/usr/bin/env bash
# Smoke test of the Docker Compose stack (docker/compose.yml), end to end, as a user would run it:
#   bash scripts/compose-smoke.sh [--no-build] [--remove-volumes]
# Builds the image, starts the stack under its own project name and host port (pa-smoke, API_PORT 3300: it never
# touches a developer's running stack, nor the test services on 5432/6379), waits until api and worker are
# healthy, then: the docs, console and metrics are served; a citizen logs in, uploads a photo and files a
# report; a screener's socket receives its report.created event; the worker dispatches it, analyses the report
# and a deadline check is queued; the api restarts, Redis is killed and restarted (append-only file), and the
# whole stack goes down and up again, each time with nothing lost (report, photo bytes, queued deadline, secrets and logins); a
# second report's event then arrives too. Everything is stopped at the end, even on failure (volumes kept unless
# --remove-volumes). Takes a few minutes; not part of .ci/run. Needs docker with Compose (v2 `docker compose`
# or v1 `docker-compose`), curl, and `npm ci` done (node runs the socket.io client and makes the photo).
# Environment: SMOKE_PROJECT (pa-smoke), API_PORT (3300), COMPOSE (the compose command, e.g. "docker-compose").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

build=1
remove_volumes=0
for arg in "$@"; do
  case $arg in
    --no-build) build=0 ;;
    --remove-volumes) remove_volumes=1 ;;
    *) echo "usage: $0 [--no-build] [--remove-volumes]" >&2; exit 2 ;;
  esac
done

project=${SMOKE_PROJECT:-pa-smoke}
export API_PORT=${API_PORT:-3300}
export PUBLIC_BASE_URL=http://localhost:$API_PORT
export REDIS_PREFIX=pa
# The stack's own generated secrets are what this tests: values exported in the caller's shell would win.
unset JWT_SECRET ADMIN_PASSWORD DEMO_PASSWORD METRICS_TOKEN SEED_DEMO SWAGGER_ENABLED ADMIN_USERNAME
base=http://127.0.0.1:$API_PORT

if [[ -n ${COMPOSE:-} ]]; then
  read -r -a compose_cmd <<<"$COMPOSE"
elif docker compose version >/dev/null 2>&1; then
  compose_cmd=(docker compose)
elif command -v docker-compose >/dev/null; then
  compose_cmd=(docker-compose)
else
  echo "neither 'docker compose' nor 'docker-compose' is available" >&2
  exit 1
fi
C=("${compose_cmd[@]}" -p "$project" -f docker/compose.yml)

step_name=start
step() {
  step_name=$*
  printf '\n[smoke %4ds] %s\n' "$SECONDS" "$*"
}
ok() { printf '[smoke %4ds]   ok: %s\n' "$SECONDS" "$*"; }
fail() {
  printf '[smoke %4ds]   FAILED: %s\n' "$SECONDS" "$*" >&2
  exit 1
}

tmp=$(mktemp -d)
socket_pid=
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [[ -n $socket_pid ]] && kill "$socket_pid" 2>/dev/null || true
  if ((status != 0)); then
    printf '\n[smoke] FAILED during: %s (exit %d). State and recent logs:\n' "$step_name" "$status" >&2
    "${C[@]}" ps >&2 || true
    "${C[@]}" logs --no-color --tail=25 migrate api worker 2>&1 | cut -c1-300 >&2 || true
  fi
  printf '\n[smoke %4ds] stopping the stack (%s)\n' "$SECONDS" \
    "$( ((remove_volumes)) && echo 'removing its volumes' || echo "volumes kept; --remove-volumes removes them")"
  if ((remove_volumes)); then "${C[@]}" down -v >/dev/null 2>&1 || true; else "${C[@]}" down >/dev/null 2>&1 || true; fi
  rm -rf "$tmp"
  if ((status == 0)); then printf '[smoke %4ds] PASSED\n' "$SECONDS"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- helpers ---
# json <expression> : evaluates a JavaScript expression over `j`, the JSON document on stdin; prints the result.
json() { node -e 'const j = JSON.parse(require("fs").readFileSync(0, "utf8")); const v = eval(process.argv[1]); process.stdout.write(typeof v === "string" ? v : JSON.stringify(v));' "$1"; }
# http <method> <path> [curl args...] : prints the body; fails unless 2xx.
http() {
  local method=$1 path=$2 code
  shift 2
  code=$(curl -sS -o "$tmp/body" -w '%{http_code}' -X "$method" "$@" "$base$path") || fail "$method $path: no answer"
  [[ $code == 2* ]] || fail "$method $path answered $code: $(head -c 300 "$tmp/body")"
  cat "$tmp/body"
}
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
cid() { "${C[@]}" ps -a -q "$1"; }
psql_q() { "${C[@]}" exec -T db psql -U pa -d pa -Atc "$1"; }
redis_q() { "${C[@]}" exec -T redis redis-cli "$@"; }
secret() { "${C[@]}" exec -T api cat "/run/pa-secrets/$1"; }
login_answer() { http POST /api/v1/auth/login -H 'content-type: application/json' -d "{\"login\":\"$1\",\"password\":\"$2\"}"; }
login() { login_answer "$1" "$2" | json j.accessToken; }
# healthy_since <service> <epoch seconds>: the container is healthy by a check that started after that moment.
healthy_since() {
  local id
  id=$(cid "$1")
  [[ -n $id ]] || return 1
  docker inspect --format '{{json .State.Health}}' "$id" | node -e '
    const h = JSON.parse(require("fs").readFileSync(0, "utf8")); const since = Number(process.argv[1]) * 1000;
    const last = h && h.Log && h.Log[h.Log.length - 1];
    process.exit(h && h.Status === "healthy" && last && last.ExitCode === 0 && Date.parse(last.Start) >= since ? 0 : 1);' "$2"
}
wait_healthy() { # <since> <timeout s> <service>...
  local since=$1 timeout=$2 s
  shift 2
  local deadline=$((SECONDS + timeout))
  for s in "$@"; do
    until healthy_since "$s" "$since"; do
      ((SECONDS < deadline)) || fail "$s not healthy after ${timeout}s"
      sleep 2
    done
  done
}
exited_ok() { # <service>: a one-shot service ran and exited 0
  local id state
  id=$(cid "$1")
  [[ -n $id ]] || fail "no $1 container"
  state=$(docker inspect --format '{{.State.Status}} {{.State.ExitCode}}' "$id")
  [[ $state == 'exited 0' ]] || fail "$1: $state"
}
# The deadline checks queued for a report (Bull job ids <reportId>:<stageVersion>:<due ms>, delayed set).
deadline_jobs() { redis_q ZRANGE "$REDIS_PREFIX:bull:deadlines:delayed" 0 -1 | grep "^$1:" || true; }
# Starts a socket.io client as <token> on /realtime that prints every report.created payload as a JSON line.
listen_socket() {
  : >"$tmp/socket.log"
  node -e '
    const { io } = require("socket.io-client");
    const [url, token] = process.argv.slice(1);
    const s = io(url + "/realtime", { auth: { token }, transports: ["websocket"], reconnection: false });
    s.on("connect", () => console.log("connected"));
    s.on("connect_error", (e) => { console.log("connect_error " + e.message); process.exit(1); });
    s.on("report.created", (p) => console.log(JSON.stringify(p)));
    setTimeout(() => process.exit(2), 120000);' "$base" "$1" >>"$tmp/socket.log" 2>&1 &
  socket_pid=$!
  for _ in $(seq 50); do
    grep -q '^connected' "$tmp/socket.log" && return 0
    grep -q '^connect_error' "$tmp/socket.log" && fail "socket refused: $(cat "$tmp/socket.log")"
    sleep 0.2
  done
  fail "socket did not connect: $(cat "$tmp/socket.log")"
}
wait_socket_event() { # <reportId>
  for _ in $(seq 150); do
    grep -q "\"reportId\":\"$1\"" "$tmp/socket.log" && return 0
    sleep 0.2
  done
  fail "no report.created event for $1 within 30 s (socket log: $(head -c 500 "$tmp/socket.log"))"
}
stop_socket() { kill "$socket_pid" 2>/dev/null || true; wait "$socket_pid" 2>/dev/null || true; socket_pid=; }
file_report() { # <token> <description> [attachment id]
  local attachments='[]'
  [[ -n ${3:-} ]] && attachments="[\"$3\"]"
  http POST /api/v1/reports -H "authorization: Bearer $1" -H 'content-type: application/json' \
    -H "Idempotency-Key: smoke-$(date +%s%N)" \
    -d "{\"categoryId\":\"$category\",\"description\":\"$2\",\"location\":{\"lat\":21.5942,\"lng\":105.8482},\"address\":\"Đường Hoàng Văn Thụ, phường Phan Đình Phùng\",\"attachmentIds\":$attachments}"
}

# --- the run ---
step "compose: ${compose_cmd[*]} (project $project, api on port $API_PORT)"
"${C[@]}" config -q
ok "docker/compose.yml is valid"

if ((build)); then
  step "build the image (pa-backend:local)"
  t0=$SECONDS
  # One build: every app service runs the same image.
  "${C[@]}" build api >"$tmp/build.log" 2>&1 || { tail -n 40 "$tmp/build.log" >&2; fail "image build"; }
  ok "built in $((SECONDS - t0)) s, $(docker image inspect -f '{{.Size}}' pa-backend:local | awk '{printf "%.0f MB", $1/1e6}')"
fi

step "start the stack and wait until api and worker are healthy"
t0=$SECONDS
started=$(date +%s)
"${C[@]}" up -d >"$tmp/up.log" 2>&1 || { cat "$tmp/up.log" >&2; fail "up"; }
wait_healthy "$started" 600 api worker
exited_ok secrets
exited_ok migrate
ok "healthy $((SECONDS - t0)) s after up; secrets and migrate (migrations + seed) exited 0"

step "served: readiness, docs, console, metrics"
http GET /health/ready >/dev/null
[[ $(status_of "$base/docs") == 200 ]] || fail "/docs"
http GET /console/ >"$tmp/console.html"
grep -q '<div id="root"' "$tmp/console.html" || fail "/console/ is not the console page"
[[ $(status_of "$base/metrics") == 401 ]] || fail "/metrics without the token should be 401"
metrics_token=$(secret metrics_token)
http GET /metrics -H "authorization: Bearer $metrics_token" >"$tmp/metrics.txt"
grep -q '^pa_api_process_cpu' "$tmp/metrics.txt" || fail "/metrics with the token: $(head -c 200 "$tmp/metrics.txt")"
ok "/health/ready, /docs, /console/, /metrics (401 without the generated token, 200 with it)"

step "log in with the generated passwords (admin, citizen nguoidan, screener sangloc)"
admin_password=$(secret admin_password)
demo_password=$(secret demo_password)
# Admins must log in with a second factor (MFA_REQUIRED_ROLES): the first login asks to enrol an authenticator.
[[ $(login_answer admin "$admin_password" | json j.mfa) == enroll ]] || fail "the admin's first login should ask to enrol a second factor"
citizen=$(login nguoidan "$demo_password")
screener=$(login sangloc "$demo_password")
category=$(http GET /api/v1/categories -H "authorization: Bearer $citizen" | json 'j[0].id')
ok "three logins; category $category"

step "the screener's socket listens on /realtime"
listen_socket "$screener"
ok "connected"

step "the citizen uploads a photo and files a report"
node -e 'require("sharp")({ create: { width: 320, height: 240, channels: 3, background: "#2a6f97" } }).jpeg().toFile(process.argv[1]).catch((e) => { console.error(e); process.exit(1); })' "$tmp/photo.jpg"
attachment=$(http POST /api/v1/attachments -H "authorization: Bearer $citizen" -F "file=@$tmp/photo.jpg;type=image/jpeg" | json j.id)
report_json=$(file_report "$citizen" "Smoke test: ổ gà trước cổng trường, ảnh kèm theo" "$attachment")
report=$(json j.id <<<"$report_json")
code=$(json j.code <<<"$report_json")
curl -sS -f -o "$tmp/photo.before" -H "authorization: Bearer $citizen" "$base/api/v1/attachments/$attachment/content"
photo_sum=$(sha256sum <"$tmp/photo.before" | cut -c1-16)
ok "report $code ($report) with attachment $attachment (content sha256 $photo_sum…)"

step "its report.created event reaches the socket"
wait_socket_event "$report"
stop_socket
ok "received"

step "the worker acts on it: event dispatched, report analysed, deadline check queued"
for _ in $(seq 60); do
  dispatched=$(psql_q "SELECT count(*) FROM report_events WHERE report_id = '$report' AND dispatched_at IS NOT NULL")
  # The duplicate scan runs as part of the report.created event's dispatch, before it is marked dispatched.
  analysed=$(psql_q "SELECT count(*) FROM report_duplicate_scans WHERE report_id = '$report'")
  [[ $dispatched -ge 1 && $analysed -ge 1 ]] && break
  sleep 0.5
done
[[ $dispatched -ge 1 ]] || fail "the worker did not dispatch the report's event"
[[ $analysed -ge 1 ]] || fail "the worker did not scan the report for duplicates"
deadline=$(deadline_jobs "$report")
[[ -n $deadline ]] || fail "no deadline check queued for $report"
due=$(node -p "new Date(Number('$deadline'.split(':')[2])).toISOString()")
ok "event dispatched, duplicates scanned, deadline check $deadline (due $due)"

# Everything that must survive: the report, its photo bytes, its queued deadline check.
check_kept() { # <what happened>
  local view
  view=$(http GET "/api/v1/reports/$report" -H "authorization: Bearer $citizen")
  [[ $(json j.code <<<"$view") == "$code" ]] || fail "report $code lost after $1"
  curl -sS -f -o "$tmp/photo.after" -H "authorization: Bearer $citizen" "$base/api/v1/attachments/$attachment/content" \
    || fail "photo lost after $1"
  [[ $(sha256sum <"$tmp/photo.after" | cut -c1-16) == "$photo_sum" ]] || fail "photo bytes changed after $1"
  [[ $(deadline_jobs "$report") == "$deadline" ]] || fail "deadline check lost after $1"
  ok "after $1: report $code, photo (same bytes), deadline check $deadline, the citizen's token still valid"
}

step "restart the api"
since=$(date +%s)
"${C[@]}" restart api >/dev/null 2>&1
wait_healthy "$since" 120 api
check_kept "an api restart"

step "kill Redis (SIGKILL: no save at shutdown, only its append-only file keeps the queue) and start it again"
sleep 1.5 # appendfsync everysec: what was written more than a second ago is on disk
since=$(date +%s)
docker kill -s KILL "$(cid redis)" >/dev/null
"${C[@]}" start redis >/dev/null 2>&1
wait_healthy "$since" 120 redis api worker
check_kept "Redis was killed and restarted"

step "compose down, then up again (volumes kept)"
"${C[@]}" down >/dev/null 2>&1
since=$(date +%s)
t0=$SECONDS
"${C[@]}" up -d >"$tmp/up.log" 2>&1 || { cat "$tmp/up.log" >&2; fail "up"; }
wait_healthy "$since" 300 api worker
exited_ok migrate
check_kept "down and up"
[[ $(secret demo_password) == "$demo_password" && $(secret admin_password) == "$admin_password" ]] || fail "generated secrets changed"
citizen=$(login nguoidan "$demo_password")
screener=$(login sangloc "$demo_password")
ok "healthy again $((SECONDS - t0)) s after up; migrate ran again (idempotent); same generated secrets"

step "a second report, after all that, still reaches the socket"
listen_socket "$screener"
second=$(file_report "$citizen" "Smoke test: đèn đường không sáng sau khi khởi động lại" | json j.id)
wait_socket_event "$second"
stop_socket
ok "report $second: event received"

step "done in $SECONDS s"
