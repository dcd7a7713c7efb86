#!/usr/bin/env bash
# Runs every test: installs the Debian packages the tests need, then 'mvn verify' over the
# whole reactor (unit tests, the assembled distribution, Pax Exam and end-to-end tests).
# Extra arguments go to Maven, e.g. ./test.sh -pl bundles/db
set -euo pipefail
source "$(dirname "$0")/scripts/lib.sh"
cd "$JXAPI_ROOT"
require_tools
ensure_packages $RUNTIME_PACKAGES $TEST_PACKAGES
ensure_npm
ensure_package_lists
exec mvn verify "$@"
