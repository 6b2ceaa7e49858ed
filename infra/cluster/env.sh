# shellcheck shell=bash disable=SC2034 # variables here are read by the scripts that source this file
# Shared settings for infra/cluster/{up,down}. Sourced, never run. Every value can be overridden from
# the environment (e.g. `KAIROS_GRPC_PORT=7633 infra/cluster/up` beside an `npm start` on 7233).

CLUSTER_INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$CLUSTER_INFRA_DIR/../.." && pwd)"
CLUSTER_DATA_DIR="$REPO_ROOT/.data/cluster"

KAIROS_GRPC_PORT="${KAIROS_GRPC_PORT:-7233}"
KAIROS_HTTP_PORT="${KAIROS_HTTP_PORT:-7243}"
# One history process per port listed.
KAIROS_HISTORY_PORTS="${KAIROS_HISTORY_PORTS:-7301 7311}"
KAIROS_MATCHING_PORT="${KAIROS_MATCHING_PORT:-7302}"
# Prometheus /metrics: the api on this port, then history 1..N, matching and visibility on the next
# ones; 0: none.
KAIROS_METRICS_PORT="${KAIROS_METRICS_PORT:-9464}"
KAIROS_CLUSTER_START_TIMEOUT="${KAIROS_CLUSTER_START_TIMEOUT:-120}"
KAIROS_CLUSTER_STOP_TIMEOUT="${KAIROS_CLUSTER_STOP_TIMEOUT:-30}"

cluster_log() { printf 'cluster: %s\n' "$*" >&2; }

# The processes, in start order, as "name entry".
cluster_processes() {
  local index=1 port
  for port in $KAIROS_HISTORY_PORTS; do
    printf 'history-%s services/history/src/main.ts\n' "$index"
    index=$((index + 1))
  done
  printf 'matching services/matching/src/main.ts\n'
  printf 'visibility services/visibility/src/main.ts\n'
  printf 'api apps/api/src/main.ts\n'
}

# Prints the pid from NAME's pid file if that process is still ours (not a recycled pid).
cluster_running_pid() {
  local name="$1" pid
  [[ -f "$CLUSTER_DATA_DIR/$name.pid" ]] || return 1
  pid="$(cat "$CLUSTER_DATA_DIR/$name.pid")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -q -- '--import tsx' || return 1
  printf '%s\n' "$pid"
}
