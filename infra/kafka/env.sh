# shellcheck shell=bash disable=SC2034 # variables here are read by the scripts that source this file
# Shared settings for infra/kafka/{up,down,reset}. Sourced, never run.
# Every value can be overridden from the environment so two checkouts can run side by side.

KAFKA_INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$KAFKA_INFRA_DIR/../.." && pwd)"

KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

KAFKA_LIBS_DIR="$REPO_ROOT/.cache/kafka/libs"
KAFKA_M2_REPO="${KAFKA_M2_REPO:-$REPO_ROOT/.cache/m2}"
KAFKA_DATA_DIR="$REPO_ROOT/.data/infra/kafka"
KAFKA_LOG_FILE="$REPO_ROOT/.data/infra/kafka.log"
KAFKA_PID_FILE="$REPO_ROOT/.data/infra/kafka.pid"

if [[ -n "${KAFKA_JAVA_HOME:-${JAVA_HOME:-}}" ]]; then
  KAFKA_JAVA="${KAFKA_JAVA_HOME:-$JAVA_HOME}/bin/java"
else
  KAFKA_JAVA="java"
fi

kafka_log() { printf 'kafka: %s\n' "$*" >&2; }

# shellcheck source=../maven.sh
source "$KAFKA_INFRA_DIR/../maven.sh"

# A real Kafka protocol round trip without a JVM: send ApiVersions v0 (api key 18, correlation id 1,
# client id "kprb") over bash's /dev/tcp and require a response with that correlation id and error 0.
# A KRaft broker only answers once it has caught up with the metadata log and is unfenced.
kafka_is_healthy() {
  local reply
  # shellcheck disable=SC2016 # $0/$1 expand in the inner shell
  reply="$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "\x00\x00\x00\x0e\x00\x12\x00\x00\x00\x00\x00\x01\x00\x04kprb" >&3
    head -c 10 <&3 | od -An -tx1 | tr -d " \n"
  ' "$KAFKA_HOST" "$KAFKA_PORT" 2>/dev/null)" || return 1
  [[ "${reply:8:12}" == "000000010000" ]]
}

# Prints the pid from the pid file if that process is still our broker (not a recycled pid).
kafka_running_pid() {
  [[ -f "$KAFKA_PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$KAFKA_PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -q 'kafka\.Kafka' || return 1
  printf '%s\n' "$pid"
}
