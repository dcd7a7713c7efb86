#!/usr/bin/env bash
# Smoke test of what a newcomer does with a fresh clone, after ./test.sh has built it (CI runs it last):
#   1. ./run.sh with no terminal: the toolstack builds when needed and comes up; root logs in over the
#      XenAPI with the password the first start logged; every jxapi feature that feature:list shows
#      installs; runtime/bin/stop stops it.
#   2. The distribution tarball unpacked in a directory of its own, its Maven resolver offline with an
#      empty local repository (as on a machine that never built jxapi): bin/start, root logs in,
#      every jxapi feature installs from the tarball's system/ alone, bin/stop.
# Uses the distribution's default ports (8080, 8443, 8101): run it where no other toolstack is running.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$JXAPI_ROOT"
require_tools

work=$(mktemp -d /tmp/jxapi-smoke.XXXXXX)
homes=()        # Karaf homes started here, stopped on exit whatever happens
run_pid=""

log() { echo "smoke: $*" >&2; }

# The pid in a home's karaf.pid, if that process is still this home's Karaf.
karaf_pid() {
    local pid
    pid=$(cat "$1/karaf.pid" 2>/dev/null) || return 1
    [ -n "$pid" ] && tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -qF "$(cd "$1" && pwd)" && echo "$pid"
}

cleanup() {
    local h pid
    for h in "${homes[@]}"; do
        if pid=$(karaf_pid "$h"); then
            log "stopping the Karaf left running in $h (pid $pid)"
            kill -9 "$pid" 2>/dev/null || true
        fi
    done
    [ -n "$run_pid" ] && kill "$run_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Waits until root can log in over the XenAPI's JSON-RPC and this host exists; fails after 180 s.
await_xenapi() {
    local password=$1 deadline=$((SECONDS + 180))
    until python3 - "$password" <<'EOF' 2>/dev/null
import json, sys, urllib.request
def call(method, *params):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)}).encode()
    req = urllib.request.Request("http://127.0.0.1:8080/jsonrpc", body, {"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req, timeout=5))["result"]
session = call("session.login_with_password", "root", sys.argv[1], "1.0", "jxapi-smoke")
assert call("host.get_all", session), "no host yet"
call("session.logout", session)
EOF
    do
        [ $SECONDS -lt $deadline ] || { log "the XenAPI did not let root log in within 180 s"; return 1; }
        sleep 1
    done
}

# Runs shell commands as root through a home's bin/client, in batch mode (commands on stdin).
shell() {
    local home=$1 password=$2
    shift 2
    printf '%s\n' "$@" | "$home/bin/client" -u root -p "$password" -r 30 -d 1 -b 2>&1
}

# Installs every jxapi feature that feature:list shows and checks that each is then installed.
install_every_feature() {
    local home=$1 password=$2 out features missing=()
    out=$(shell "$home" "$password" "feature:list")
    features=$(awk -F'│|\\|' '{gsub(/ /, "", $1)} $1 ~ /^jxapi-/ {print $1}' <<< "$out" | sort -u)
    [ -n "$features" ] || { log "feature:list showed no jxapi feature:"; echo "$out" >&2; return 1; }
    log "installing $(wc -w <<< "$features") features: $(tr '\n' ' ' <<< "$features")"
    out=$(shell "$home" "$password" "feature:install $(tr '\n' ' ' <<< "$features")")
    if grep -qiE 'error|exception|failed' <<< "$out"; then
        log "feature:install failed:"; echo "$out" >&2; return 1
    fi
    out=$(shell "$home" "$password" "feature:list -i")
    for f in $features; do
        grep -qE "^ *$f +[│|]" <<< "$out" || missing+=("$f")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "not installed after feature:install: ${missing[*]}"; echo "$out" >&2; return 1
    fi
    log "every jxapi feature is installed"
}

# Waits for a home's Karaf to end after bin/stop; fails after 60 s.
await_stopped() {
    local home=$1 deadline=$((SECONDS + 60))
    while karaf_pid "$home" >/dev/null; do
        [ $SECONDS -lt $deadline ] || { log "$home did not stop within 60 s"; return 1; }
        sleep 1
    done
}

# 1. ./run.sh, as the README says, with no terminal.
t0=$SECONDS
log "1. ./run.sh"
if [ -e runtime ]; then
    log "runtime/ exists: the smoke test needs a clone where ./run.sh has not run yet (it tests a first start)"
    exit 1
fi
homes+=("$JXAPI_ROOT/runtime")
./run.sh < /dev/null > "$work/run.log" 2>&1 &
run_pid=$!
deadline=$((SECONDS + 900))
until grep -qs 'created the root account' runtime/data/log/karaf.log; do
    if ! kill -0 "$run_pid" 2>/dev/null; then log "./run.sh exited:"; tail -40 "$work/run.log" >&2; exit 1; fi
    [ $SECONDS -lt $deadline ] || { log "no root account after 900 s"; tail -40 "$work/run.log" >&2; exit 1; }
    sleep 1
done
password=$(sed -n 's/.*created the root account with the generated password "\([^"]*\)".*/\1/p' \
    runtime/data/log/karaf.log | head -1)
[ -n "$password" ] || { log "the log does not give root's generated password"; exit 1; }
await_xenapi "$password"
log "root logged in over the XenAPI with the password from the log ($((SECONDS - t0)) s after ./run.sh)"
install_every_feature runtime "$password"
runtime/bin/stop
await_stopped runtime
wait "$run_pid" || true
run_pid=""
log "1. done in $((SECONDS - t0)) s"

# 2. The tarball, somewhere else, offline.
t0=$SECONDS
log "2. the distribution tarball, unpacked elsewhere, offline"
tarball=$(ls karaf-dist/target/*.tar.gz)
tar xzf "$tarball" -C "$work"
mkdir -p "$work/empty-m2"
home=$(find "$work" -mindepth 1 -maxdepth 1 -type d ! -name empty-m2)
homes+=("$home")
cat >> "$home/etc/org.ops4j.pax.url.mvn.cfg" <<EOF

# smoke.sh: resolve from the distribution's system/ only, as on a machine that never built jxapi
org.ops4j.pax.url.mvn.offline = true
org.ops4j.pax.url.mvn.localRepository = $work/empty-m2
org.ops4j.pax.url.mvn.repositories =
EOF
echo "root.password = smoke-root" >> "$home/etc/org.jxapi.api.core.cfg"
"$home/bin/start"
await_xenapi smoke-root
install_every_feature "$home" smoke-root
"$home/bin/stop"
await_stopped "$home"
log "2. done in $((SECONDS - t0)) s"
log "passed"
