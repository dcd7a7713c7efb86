#!/usr/bin/env bash
# Runs a benchmark harness from integration/bench in a fresh JVM and prints its figures.
#   scripts/bench.sh db [seconds]                  the database: durable writes, get_all_records, heap
#   scripts/bench.sh api [seconds] [watchers]      XenAPI calls per second, event.from wake-up latency
#   scripts/bench.sh vmLifecycle [n...]            simulated VM start+shutdown through the XenAPI
#   scripts/bench.sh storage [vdis] [GiB]          file SR VDI create/snapshot/clone, 10-disk VM start
#   scripts/bench.sh qemuStart [rounds] [parallel] real guest start: XenAPI against bare qemu
#   scripts/bench.sh engine [vms] [runs] [warmups] the xenops engine alone: VM start+shutdown in-process and over its socket
#   scripts/bench.sh networkd [vlans] [rounds]     Open vSwitch backend: make_config, VLAN fake bridges, VIF lock/unlock
# The README's Benchmarks section says more.
# Builds what the harness needs through the reactor first (no 'mvn install' needed).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$JXAPI_ROOT"
require_tools
name="${1:?usage: scripts/bench.sh <db|api|vmLifecycle|storage|qemuStart|engine|networkd> [args...]}"
shift
cp_file=integration/bench/target/classpath.txt
# Through the reactor (-am), so that jxapi's modules come from their target/ directories: a fresh
# machine has none of them in its local Maven repository. Each module writes its own classpath.txt.
mvn -B -q -pl integration/bench -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
classpath="integration/bench/target/classes:$(cat "$cp_file")"
main="org.jxapi.bench.$(tr '[:lower:]' '[:upper:]' <<< "${name:0:1}")${name:1}Bench"
exec java -Xmx2g -cp "$classpath" "$main" "$@"
