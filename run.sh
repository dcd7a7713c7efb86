#!/usr/bin/env bash
# Starts the jxapi toolstack in the foreground, building it first when the sources changed.
# The toolstack runs from ./runtime (its etc/ and data/ survive rebuilds); stop it with
# Ctrl-D or 'shutdown' in its console, or with runtime/bin/stop from another terminal.
set -euo pipefail
source "$(dirname "$0")/scripts/lib.sh"
cd "$JXAPI_ROOT"
require_tools
ensure_packages $RUNTIME_PACKAGES

dist=karaf-dist/target/assembly
stamp=karaf-dist/target/.built
newest_source=$(find pom.xml bnd.bnd cnf bundles sm-bundles features karaf-dist extension-samples hook-scripts \
    -path '*/target' -prune -o -type f -newer "$stamp" -print -quit 2>/dev/null || true)
if [ ! -d "$dist" ] || [ ! -f "$stamp" ] || [ -n "$newest_source" ]; then
    # -DskipTests, not -Dmaven.test.skip: test classes are still compiled, because modules depend on
    # their siblings' test-jars (contract tests), and a skipped test compile builds no test-jar.
    echo "jxapi: building the distribution (mvn package, tests not run: ./test.sh runs them)" >&2
    mvn -B -q -DskipTests package -pl karaf-dist -am
    touch "$stamp"
fi

runtime=runtime
if [ ! -f "$runtime/.installed" ] || [ "$stamp" -nt "$runtime/.installed" ]; then
    # Fresh binaries and bundles; the administrator's etc/ edits and jxapi's state in data/ are kept.
    mkdir -p "$runtime"
    for d in bin lib system; do rm -rf "${runtime:?}/$d"; cp -a "$dist/$d" "$runtime/$d"; done
    mkdir -p "$runtime/deploy"
    if [ -d "$runtime/etc" ]; then
        cp -an "$dist/etc/." "$runtime/etc/"
        # Installed versions live in features.cfg: take the new build's.
        cp -a "$dist/etc/org.apache.karaf.features.cfg" "$runtime/etc/"
    else
        cp -a "$dist/etc" "$runtime/etc"
    fi
    # Karaf's bundle cache would keep the old snapshot bundles.
    rm -rf "$runtime/data/cache" "$runtime/data/kar"
    touch "$runtime/.installed"
fi

cd "$runtime"
if [ -t 0 ]; then
    exec bin/karaf
else
    exec bin/karaf server
fi
