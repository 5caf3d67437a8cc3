#!/usr/bin/env bash
# The production-like stack on this machine (`make stack`, `make stack-stop`):
#   nginx on 127.0.0.1:8080 (deploy/nginx/*.conf) -> two gunicorn instances on 8081 and 8082
#   (deploy/gunicorn.conf.py), the background worker (manage.py db_worker), the scheduled jobs
#   of deploy/systemd/*.timer as a loop, and a mail sink on 127.0.0.1:18525 that keeps every
#   message in var/stack/mail/. PostgreSQL and Redis are the machine's own.
# Production settings throughout (config.settings.production), with plain HTTP on loopback.
# Everything it starts has a pid file in var/stack/; `stop` stops exactly those processes.
#
#   scripts/stack.sh start | stop | status | web-start PORT | web-stop PORT | web-restart PORT
#
# Environment (defaults in brackets):
#   DATABASE_URL  [postgres://postgres@127.0.0.1:5432/sif_stack]  created when missing
#   REDIS_URL     [redis://127.0.0.1:6379/6]
#   STACK_PORT [8080], STACK_WEB_PORTS ["8081 8082"], STACK_SMTP_PORT [18525]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STACK="$ROOT/var/stack"
LOGS="$STACK/logs"
PY="$ROOT/.venv/bin/python"
PORT="${STACK_PORT:-8080}"
WEB_PORTS="${STACK_WEB_PORTS:-8081 8082}"
SMTP_PORT="${STACK_SMTP_PORT:-18525}"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

say() { printf '[stack] %s\n' "$*"; }

alive() { # pid file -> true when its process runs and belongs to this stack
  local file="$1" pid
  [ -s "$file" ] || return 1
  pid="$(cat "$file")"
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$ROOT"
}

write_env() {
  local secret_file="$STACK/secret-key"
  [ -s "$secret_file" ] || { "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$secret_file"; chmod 600 "$secret_file"; }
  cat >"$STACK/stack.env" <<ENV
DJANGO_SETTINGS_MODULE=config.settings.production
DJANGO_SECRET_KEY=$(cat "$secret_file")
DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
SIF_PUBLIC_URL=http://127.0.0.1:$PORT
DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sif_stack}
DATABASE_CONN_MAX_AGE=60
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/6}
CACHE_KEY_PREFIX=sif-stack
EMAIL_HOST=127.0.0.1
EMAIL_PORT=$SMTP_PORT
EMAIL_USE_TLS=false
SECURE_SSL_REDIRECT=false
SECURE_HSTS_SECONDS=0
INTAKE_TRUSTED_PROXIES=1
SIF_VAR_DIR=$STACK
SIF_SITE_HOST=127.0.0.1:$PORT
ENV
}

load_env() { set -a; . "$STACK/stack.env"; set +a; }

create_database() {
  "$PY" - <<'PYTHON'
import os

import dj_database_url
import psycopg
from psycopg import sql

db = dj_database_url.parse(os.environ["DATABASE_URL"])
if db["ENGINE"] != "django.db.backends.postgresql":
    raise SystemExit("make stack runs on PostgreSQL: set DATABASE_URL=postgres://...")
params = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"], "dbname": "postgres"}
if db["PASSWORD"]:
    params["password"] = db["PASSWORD"]
with psycopg.connect(**params, autocommit=True) as connection:
    if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
        print(f"[stack] created database {db['NAME']}")
PYTHON
}

render_nginx() { # [port to take out of rotation]
  local drained="${1:-}" dir="$STACK/nginx"
  mkdir -p "$dir/tmp"
  for part in sif-http.conf sif-locations.conf; do
    sed -e "s#/srv/sif/var/#$STACK/#g" -e "s#/srv/sif#$ROOT#g" -e "s#/var/log/nginx/sif-access.log#$LOGS/nginx-access.log#g" \
      "$ROOT/deploy/nginx/$part" >"$dir/$part"
  done
  # The upstream ports of this stack (deploy/ has 8081 and 8082).
  local servers="" p
  for p in $WEB_PORTS; do
    servers="$servers    server 127.0.0.1:$p max_fails=2 fail_timeout=10s$([ "$p" = "$drained" ] && echo ' down' || true);\n"
  done
  "$PY" - "$dir/sif-http.conf" "$servers" <<'PYTHON'
import re
import sys

path, servers = sys.argv[1], sys.argv[2].replace("\\n", "\n")
text = open(path).read()
text = re.sub(r"(upstream sif_app \{\n)(    server [^\n]*\n)+", lambda m: m.group(1) + servers, text)
open(path, "w").write(text)
PYTHON
  cat >"$dir/nginx.conf" <<CONF
# Rendered by scripts/stack.sh from deploy/nginx/: the stack's own nginx, not the system one.
worker_processes 2;
pid $STACK/nginx.pid;
error_log $LOGS/nginx-error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    include $dir/sif-http.conf;
    server {
        listen 127.0.0.1:$PORT;
        server_name _;
        include $dir/sif-locations.conf;
    }
}
CONF
}

start_bg() { # name, command...: start in a session of its own, log to logs/<name>.log, pid in <name>.pid
  local name="$1"; shift
  cd "$ROOT"
  setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$STACK/$name.pid"
}

start_web() { # port: one gunicorn instance (it writes its own pid file once it listens)
  local port="$1"
  cd "$ROOT"
  GUNICORN_BIND="127.0.0.1:$port" GUNICORN_PIDFILE="$STACK/web-$port.pid" \
    setsid "$ROOT/.venv/bin/gunicorn" --config "$ROOT/deploy/gunicorn.conf.py" >>"$LOGS/web-$port.log" 2>&1 </dev/null &
}

wait_url() { "$PY" "$ROOT/deploy/wait_healthy.py" "$1" "${2:-60}"; }

start() {
  local started=$SECONDS
  mkdir -p "$LOGS"
  if alive "$STACK/nginx.pid"; then
    say "already running on http://127.0.0.1:$PORT/ (make stack-stop first)"; exit 0
  fi
  if [ ! -x "$NGINX" ]; then
    say "installing nginx from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null \
      || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
    NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
  fi
  write_env
  load_env
  create_database
  cd "$ROOT"
  say "migrate, collectstatic, demo content (production settings)"
  "$PY" manage.py migrate --noinput -v0
  "$PY" manage.py collectstatic --noinput -v0
  DJANGO_SETTINGS_MODULE=config.settings.stack "$PY" manage.py load_demo --if-empty | tail -1
  "$PY" manage.py sync_site_url
  "$PY" manage.py check --fail-level ERROR >/dev/null
  # Redis outlives the stack: pages the previous code rendered must not be served by this one.
  "$PY" manage.py purge_page_cache

  start_bg mail-sink "$PY" "$ROOT/scripts/mail_sink.py" --port "$SMTP_PORT" --dir "$STACK/mail"
  local port
  for port in $WEB_PORTS; do start_web "$port"; done
  start_bg worker "$PY" "$ROOT/manage.py" db_worker --no-reload --worker-id "$(hostname)-stack-worker"
  start_bg timers bash "$ROOT/scripts/stack.sh" timers
  for port in $WEB_PORTS; do
    wait_url "http://127.0.0.1:$port/healthz" 90 || { say "instance $port did not start: see $LOGS/web-$port.log"; exit 1; }
  done
  render_nginx
  "$NGINX" -t -q -c "$STACK/nginx/nginx.conf"
  "$NGINX" -c "$STACK/nginx/nginx.conf"
  wait_url "http://127.0.0.1:$PORT/readyz" 30 || { say "the proxy does not answer: see $LOGS/nginx-error.log"; exit 1; }
  "$PY" manage.py ensure_stack_admin
  say "ready in $((SECONDS - started)) s: http://127.0.0.1:$PORT/nl/  (mail: $STACK/mail/, logs: $LOGS/)"
}

timers() { # what deploy/systemd/*.timer do, on a short loop while the stack runs
  load_env
  cd "$ROOT"
  while true; do
    sleep 30
    "$PY" manage.py send_intake_mail || true
    "$PY" manage.py publish_scheduled || true
  done
}

stop_pid() { # name, pid file: TERM to the process (graceful), then whatever is left of its process group
  local name="$1" file="$2" pid
  if ! alive "$file"; then rm -f "$file"; return; fi
  pid="$(cat "$file")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then say "$name did not stop in 30 s: KILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  # Each part was started in a session of its own (setsid): its group is exactly what it started.
  if [ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" = "" ] && pgrep -g "$pid" >/dev/null 2>&1; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    sleep 1
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$file"
  say "stopped $name ($pid)"
}

stop() {
  [ -d "$STACK" ] || { say "nothing running"; return; }
  stop_pid nginx "$STACK/nginx.pid"
  local file
  for file in "$STACK"/web-*.pid; do [ -e "$file" ] && stop_pid "$(basename "$file" .pid)" "$file"; done
  stop_pid timers "$STACK/timers.pid"
  stop_pid worker "$STACK/worker.pid"
  stop_pid mail-sink "$STACK/mail-sink.pid"
}

status() {
  local file
  for file in "$STACK"/*.pid; do
    [ -e "$file" ] || continue
    if alive "$file"; then echo "$(basename "$file" .pid): running ($(cat "$file"))"; else echo "$(basename "$file" .pid): not running"; fi
  done
}

web_start() { # port: start one instance of the running stack again (used by the stack tests)
  load_env
  start_web "$1"
  wait_url "http://127.0.0.1:$1/healthz" 90
}

reload_nginx() { # [port to take out of rotation]
  render_nginx "${1:-}"
  "$NGINX" -t -q -c "$STACK/nginx/nginx.conf"
  "$NGINX" -c "$STACK/nginx/nginx.conf" -s reload 2>>"$LOGS/nginx-error.log"
  sleep 1 # new nginx workers take over; old ones finish their requests
}

web_restart() { # port: out of rotation, stop, start, back in: no request fails
  reload_nginx "$1"
  stop_pid "web-$1" "$STACK/web-$1.pid"
  web_start "$1"
  wait_url "http://127.0.0.1:$1/readyz" 30
  reload_nginx
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  timers) timers ;;
  web-start) web_start "$2" ;;
  web-stop) stop_pid "web-$2" "$STACK/web-$2.pid" ;;
  web-restart) web_restart "$2" ;;
  *) echo "usage: $0 start|stop|status|web-start PORT|web-stop PORT|web-restart PORT" >&2; exit 2 ;;
esac
