# shellcheck shell=bash
# Shared by infra/kafka and infra/opensearch, which both resolve their server from Maven Central.
# Sourced, never run.

# Maven's quiet mode still prints ANSI reset codes on stdout; strip them and send the rest (which
# includes Maven's error messages) to stderr so stdout stays clean for callers that eval it.
quiet_maven() {
  mvn -q -B "$@" 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' >&2
}
