# shellcheck shell=bash disable=SC2034 # variables here are read by the scripts that source this file
# First-run installation steps for infra/opensearch/up: distribution, system user, node directories.
# Sourced after env.sh, never run.

# Fetches the integ-test-zip distribution (no bundled JDK, no security plugin) into the Maven cache
# and unpacks it once into .cache/opensearch/<version>.
opensearch_install_distribution() {
  [[ -f "$OPENSEARCH_HOME_DIR/bin/opensearch" ]] && return 0
  local group="org.opensearch.distribution.integ-test-zip" cache_dir
  cache_dir="$(dirname "$OPENSEARCH_HOME_DIR")"
  mkdir -p "$cache_dir"
  opensearch_log "fetching $group:opensearch:$OPENSEARCH_VERSION:zip with Maven (first run only)"
  # Run from the cache dir so Maven does not pick up any pom.xml in the caller's directory.
  (cd "$cache_dir" && quiet_maven -Dmaven.repo.local="$OPENSEARCH_M2_REPO" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
    -Dartifact="$group:opensearch:$OPENSEARCH_VERSION:zip" -Dtransitive=false)
  local zip="$OPENSEARCH_M2_REPO/${group//.//}/opensearch/$OPENSEARCH_VERSION/opensearch-$OPENSEARCH_VERSION.zip"
  local staging="$cache_dir/.unpack-$$"
  rm -rf "$staging"
  mkdir -p "$staging"
  unzip -q "$zip" -d "$staging"
  # The node may run as another user: everything must be readable, directories traversable.
  chmod -R a+rX "$staging"
  rm -rf "$OPENSEARCH_HOME_DIR"
  mv "$staging/opensearch-$OPENSEARCH_VERSION" "$OPENSEARCH_HOME_DIR"
  rm -rf "$staging"
}

opensearch_ensure_run_as_user() {
  if ! id -u "$OPENSEARCH_RUN_AS" >/dev/null 2>&1; then
    opensearch_log "creating system user $OPENSEARCH_RUN_AS"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$OPENSEARCH_RUN_AS"
  fi
  if ! runuser -u "$OPENSEARCH_RUN_AS" -- test -r "$OPENSEARCH_HOME_DIR/lib" -a -x "$OPENSEARCH_HOME_DIR/bin/opensearch"; then
    opensearch_log "user $OPENSEARCH_RUN_AS cannot read $OPENSEARCH_HOME_DIR;" \
      "every parent directory of the repo must be traversable (chmod o+x), or run as a non-root user"
    exit 1
  fi
}

# Config, data and logs live under .data/infra/opensearch and belong to the node's user. The config
# is refreshed from the distribution and infra/opensearch/opensearch.yml on every start, keeping
# anything the node created there (its keystore).
opensearch_prepare_node_dirs() {
  mkdir -p "$OPENSEARCH_CONF_DIR/jvm.options.d" "$OPENSEARCH_DATA_ROOT/data" "$OPENSEARCH_LOGS_DIR"
  cp "$OPENSEARCH_HOME_DIR/config/log4j2.properties" "$OPENSEARCH_CONF_DIR/"
  cp "$OPENSEARCH_INFRA_DIR/opensearch.yml" "$OPENSEARCH_CONF_DIR/opensearch.yml"
  # The stock jvm.options writes GC logs, crash files and heap dumps relative to the distribution
  # directory, which the node's user cannot write; point them at our logs and data instead.
  sed -e "s|file=logs/|file=$OPENSEARCH_LOGS_DIR/|" \
    -e "s|Xloggc:logs/|Xloggc:$OPENSEARCH_LOGS_DIR/|" \
    -e "s|ErrorFile=logs/|ErrorFile=$OPENSEARCH_LOGS_DIR/|" \
    -e "s|HeapDumpPath=data|HeapDumpPath=$OPENSEARCH_DATA_ROOT/data|" \
    -e "s|filecount=32,filesize=64m|filecount=2,filesize=16m|" \
    "$OPENSEARCH_HOME_DIR/config/jvm.options" >"$OPENSEARCH_CONF_DIR/jvm.options"
  if ((EUID == 0)); then
    chown "$OPENSEARCH_RUN_AS:" "$OPENSEARCH_DATA_ROOT"
    chown -R "$OPENSEARCH_RUN_AS:" "$OPENSEARCH_CONF_DIR" "$OPENSEARCH_LOGS_DIR"
    # The data tree can be large: only walk it when it belongs to someone else (first run).
    if [[ "$(stat -c %U "$OPENSEARCH_DATA_ROOT/data")" != "$OPENSEARCH_RUN_AS" ]]; then
      chown -R "$OPENSEARCH_RUN_AS:" "$OPENSEARCH_DATA_ROOT/data"
    fi
  fi
}
