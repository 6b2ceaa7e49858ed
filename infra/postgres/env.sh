# shellcheck shell=bash
# Shared settings for infra/postgres/{up,down,reset}; every value can be overridden from the environment.
POSTGRES_INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$POSTGRES_INFRA_DIR/../.." && pwd)"

POSTGRES_HOST="${POSTGRES_HOST:-127.0.0.1}"
POSTGRES_PORT="${POSTGRES_PORT:-5433}"
POSTGRES_DATA_DIR="${POSTGRES_DATA_DIR:-$REPO_ROOT/.data/infra/postgres}"

postgres_log() { printf 'postgres: %s\n' "$*" >&2; }

# The TypeScript side (packages/db/src/embedded-postgres/cli.ts) does the work; it needs `npm install`.
postgres_cli() {
  local tsx="$REPO_ROOT/node_modules/.bin/tsx"
  if [[ ! -x "$tsx" ]]; then
    postgres_log "node_modules is missing: run npm install in $REPO_ROOT first"
    return 1
  fi
  "$tsx" "$REPO_ROOT/packages/db/src/embedded-postgres/cli.ts" "$@" \
    --data-dir "$POSTGRES_DATA_DIR" --port "$POSTGRES_PORT" --host "$POSTGRES_HOST"
}
