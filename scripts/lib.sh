# Shared helpers of run.sh and test.sh. Sourced, not executed.

JXAPI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages the toolstack uses at run time: qemu for VMs (KVM when it works, else TCG),
# qemu-img for disks, OVMF for UEFI guests, iproute2 for tap bridging and networkd, nftables for
# networkd's port locking on a Linux bridge, isc-dhcp-client for its DHCP interfaces, util-linux
# (setsid, taskset).
RUNTIME_PACKAGES="qemu-system-x86 qemu-utils ovmf iproute2 nftables isc-dhcp-client util-linux"
# Debian packages the tests need on top of those (python3 and node run the real XenAPI clients).
# busybox-static and a Debian cloud kernel (apt-get download) make the qemu backend's test guest;
# ping, arping and ethtool are what the networkd tests send and check with, dnsmasq their DHCP server;
# openvswitch-switch: networkd-ovs's tests run a private ovsdb-server + ovs-vswitchd (userspace datapath).
TEST_PACKAGES="python3 nodejs busybox-static iputils-ping arping ethtool dnsmasq-base openvswitch-switch"

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

# The test guest's kernel is fetched with apt-get download: the package lists must be there.
ensure_package_lists() {
    apt-cache show linux-image-cloud-amd64 >/dev/null 2>&1 && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
}

# npm comes with NodeSource's nodejs; Debian's own nodejs needs the npm package beside it.
ensure_npm() {
    command -v npm >/dev/null 2>&1 || ensure_packages npm
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
