# Shared helpers of run.sh and test.sh. Sourced, not executed.

JXAPI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages the toolstack uses at run time (the qemu backend, disks, RRDs).
RUNTIME_PACKAGES="qemu-utils"
# Debian packages the tests need on top of those.
TEST_PACKAGES="python3"

# Installs the Debian packages that are missing; runs apt-get update only when something is.
ensure_packages() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "jxapi: installing Debian packages: ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

require_tools() {
    for t in java mvn; do
        command -v "$t" >/dev/null 2>&1 || { echo "jxapi: '$t' is required (Java 17 and Maven 3.8+)" >&2; exit 1; }
    done
    # Karaf's scripts want JAVA_HOME; derive it from the java on the PATH.
    if [ -z "${JAVA_HOME:-}" ]; then
        JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
        export JAVA_HOME
    fi
}
