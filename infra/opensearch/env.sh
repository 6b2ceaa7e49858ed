# shellcheck shell=bash disable=SC2034 # variables here are read by the scripts that source this file
# Shared settings for infra/opensearch/{up,down,reset}. Sourced, never run.
# Every value can be overridden from the environment.

OPENSEARCH_INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$OPENSEARCH_INFRA_DIR/../.." && pwd)"

# 2.19.x is the newest line on Maven Central that runs on the machine's Java 17 (3.x needs Java 21+;
# set OPENSEARCH_JAVA_HOME to such a JDK if you raise this).
OPENSEARCH_VERSION="${OPENSEARCH_VERSION:-2.19.6}"
OPENSEARCH_HOST="${OPENSEARCH_HOST:-127.0.0.1}"
OPENSEARCH_PORT="${OPENSEARCH_PORT:-9200}"
OPENSEARCH_TRANSPORT_PORT="${OPENSEARCH_TRANSPORT_PORT:-9300}"
OPENSEARCH_HEAP="${OPENSEARCH_HEAP:-512m}"
OPENSEARCH_START_TIMEOUT="${OPENSEARCH_START_TIMEOUT:-180}"
OPENSEARCH_STOP_TIMEOUT="${OPENSEARCH_STOP_TIMEOUT:-30}"
# OpenSearch refuses to run as root; when this script runs as root it runs the server as this user.
OPENSEARCH_RUN_AS="${OPENSEARCH_RUN_AS:-opensearch}"

OPENSEARCH_M2_REPO="${OPENSEARCH_M2_REPO:-$REPO_ROOT/.cache/m2}"
OPENSEARCH_HOME_DIR="$REPO_ROOT/.cache/opensearch/$OPENSEARCH_VERSION"
# A second node (e.g. the outage test's) needs its own data root besides its own ports.
OPENSEARCH_DATA_ROOT="${OPENSEARCH_DATA_ROOT:-$REPO_ROOT/.data/infra/opensearch}"
OPENSEARCH_CONF_DIR="$OPENSEARCH_DATA_ROOT/config"
OPENSEARCH_LOGS_DIR="$OPENSEARCH_DATA_ROOT/logs"
OPENSEARCH_PID_FILE="$OPENSEARCH_DATA_ROOT/opensearch.pid"
OPENSEARCH_URL_BASE="http://$OPENSEARCH_HOST:$OPENSEARCH_PORT"

opensearch_log() { printf 'opensearch: %s\n' "$*" >&2; }

# shellcheck source=../maven.sh
source "$OPENSEARCH_INFRA_DIR/../maven.sh"

# Healthy means the HTTP API answers and the cluster reached at least yellow (all primaries assigned).
opensearch_is_healthy() {
  local body
  body="$(curl -fsS -m 5 "$OPENSEARCH_URL_BASE/_cluster/health?wait_for_status=yellow&timeout=1s" 2>/dev/null)" ||
    return 1
  [[ "$body" =~ \"status\":\"(yellow|green)\" ]]
}

# Prints the pid from the pid file if that process is still our node (not a recycled pid).
opensearch_running_pid() {
  [[ -f "$OPENSEARCH_PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$OPENSEARCH_PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -q 'org\.opensearch\.bootstrap\.OpenSearch' || return 1
  printf '%s\n' "$pid"
}
