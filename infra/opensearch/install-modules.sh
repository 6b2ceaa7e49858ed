# shellcheck shell=bash
# Adds the standard OpenSearch modules that the integ-test-zip distribution leaves out, so the native
# node answers the same APIs as a full distribution or the Docker image:
#   lang-painless    scripts (script queries, script sorts, update scripts)
#   analysis-common  the common analyzers, tokenizers and filters (keyword tokenizer, lowercase, ngram, ...)
#   mapper-extras    scaled_float, rank_feature, search_as_you_type, token_count
#   reindex          _reindex, _update_by_query, _delete_by_query (reindex from remote is not granted)
# Each module is the jar OpenSearch publishes on Maven Central plus its runtime dependencies, in
# modules/<name>/ with the plugin descriptor the node reads at startup. Sourced after env.sh.

# name|artifact on Maven Central|plugin class pattern inside the jar|extended plugins
OPENSEARCH_MODULES=(
  "lang-painless|lang-painless|org/opensearch/painless/Painless(Module)?Plugin|"
  "analysis-common|analysis-common|org/opensearch/analysis/common/CommonAnalysis(Module)?Plugin|lang-painless"
  "mapper-extras|mapper-extras-client|org/opensearch/index/mapper/MapperExtras(Module)?Plugin|"
  "reindex|reindex-client|org/opensearch/index/reindex/Reindex(Module)?Plugin|"
)

opensearch_install_modules() {
  local entry name artifact class_pattern extended
  for entry in "${OPENSEARCH_MODULES[@]}"; do
    IFS='|' read -r name artifact class_pattern extended <<<"$entry"
    [[ -f "$OPENSEARCH_HOME_DIR/modules/$name/plugin-descriptor.properties" ]] && continue
    opensearch_install_module "$name" "$artifact" "$class_pattern" "$extended"
  done
}

opensearch_install_module() {
  local name="$1" artifact="$2" class_pattern="$3" extended="$4"
  local staging="$OPENSEARCH_HOME_DIR/modules/.$name.partial" jar classname
  opensearch_log "adding module $name ($artifact $OPENSEARCH_VERSION)"
  rm -rf "$staging"
  mkdir -p "$staging"
  (cd "$staging" && quiet_maven -f "$OPENSEARCH_INFRA_DIR/modules/pom.xml" \
    -Dmaven.repo.local="$OPENSEARCH_M2_REPO" -Dmodule.artifact="$artifact" \
    -Dopensearch.version="$OPENSEARCH_VERSION" -Dmodule.dir="$staging" \
    dependency:copy-dependencies)

  # Jars the server already has on its classpath must not be loaded twice (the node's jar-hell
  # check refuses duplicate classes).
  for jar in "$staging"/*.jar; do
    if [[ -e "$OPENSEARCH_HOME_DIR/lib/$(basename "$jar")" ]]; then rm -f "$jar"; fi
  done

  classname="$(unzip -Z1 "$staging/$artifact-$OPENSEARCH_VERSION.jar" |
    grep -E "^${class_pattern}\.class$" | head -n 1 | sed -e 's/\.class$//' -e 's|/|.|g')"
  if [[ -z "$classname" ]]; then
    opensearch_log "no plugin class matching $class_pattern in $artifact-$OPENSEARCH_VERSION.jar"
    exit 1
  fi

  {
    echo "name=$name"
    echo "description=OpenSearch $name module (assembled by infra/opensearch/up)"
    echo "version=$OPENSEARCH_VERSION"
    echo "opensearch.version=$OPENSEARCH_VERSION"
    echo "java.version=11"
    echo "classname=$classname"
    if [[ -n "$extended" ]]; then echo "extended.plugins=$extended"; fi
  } >"$staging/plugin-descriptor.properties"
  if [[ -f "$OPENSEARCH_INFRA_DIR/modules/$name.policy" ]]; then
    cp "$OPENSEARCH_INFRA_DIR/modules/$name.policy" "$staging/plugin-security.policy"
  fi

  chmod -R a+rX "$staging"
  rm -rf "$OPENSEARCH_HOME_DIR/modules/$name"
  mv "$staging" "$OPENSEARCH_HOME_DIR/modules/$name"
}
