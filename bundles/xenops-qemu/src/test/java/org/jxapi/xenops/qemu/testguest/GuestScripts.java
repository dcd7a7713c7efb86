package org.jxapi.xenops.qemu.testguest;

/**
 * The test guest's userspace: busybox shell scripts. /init prints markers on the serial console,
 * loads the drivers, starts busybox acpid (the power button powers the guest off), a uevent
 * handler (hot-added vCPUs are onlined, hot-added NICs get DHCP), a counter kept in memory, a
 * shell on the console, and the guest agent on its virtio-serial port.
 */
final class GuestScripts {
    /** The first thing userspace prints: the end of a boot, as the start benchmark measures it. */
    static final String BOOT_MARKER = "JXAPI-GUEST-BOOT";
    static final String READY_MARKER = "JXAPI-GUEST-READY";
    static final String POWEROFF_MARKER = "JXAPI-GUEST-POWEROFF";
    static final String REBOOT_MARKER = "JXAPI-GUEST-REBOOT";

    /**
     * /bin/cdeject: busybox-static has no eject applet, so this 392-byte static x86-64 program
     * does what a guest's eject does: open("/dev/sr0", O_RDONLY|O_NONBLOCK), then
     * ioctl(fd, CDROMEJECT), then exit with the negated result (0 on success). Assembled from:
     * mov $2,%eax; lea path(%rip),%rdi; mov $0x800,%esi; xor %edx,%edx; syscall; mov %eax,%edi;
     * mov $16,%eax; mov $0x5309,%esi; xor %edx,%edx; syscall; mov %eax,%edi; neg %edi; mov $60,%eax;
     * syscall; path: .asciz "/dev/sr0" (as --64; ld -N -s -static -nostdlib).
     */
    static final String CDEJECT_ELF_BASE64 = "f0VMRgIBAQAAAAAAAAAAAAIAPgABAAAAeABAAAAAAABAAAAAAAAAAMgAAAAAAAAAAAAAAEAAOAABAEAAAwACAAEAAAAHAAAAeAAAAAAAAAB4AEAAAAAAAHgAQAAAAAAAOQAAAAAAAAA5AAAAAAAAAAEAAAAAAAAAuAIAAABIjT0kAAAAvgAIAAAx0g8Fice4EAAAAL4JUwAAMdIPBYnH99+4PAAAAA8FL2Rldi9zcjAAAC5zaHN0cnRhYgAudGV4dAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACwAAAAEAAAAHAAAAAAAAAHgAQAAAAAAAeAAAAAAAAAA5AAAAAAAAAAAAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAEAAAADAAAAAAAAAAAAAAAAAAAAAAAAALEAAAAAAAAAEQAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAA=";

    private GuestScripts() {
    }

    static String init(String modules) {
        return """
                #!/bin/busybox sh
                /bin/busybox echo %s
                /bin/busybox mkdir -p /proc /sys /dev /tmp /run /var/log /sbin /usr/bin /usr/sbin
                /bin/busybox --install -s
                export PATH=/bin:/sbin:/usr/bin:/usr/sbin
                mount -t proc proc /proc
                mount -t sysfs sysfs /sys
                mount -t devtmpfs devtmpfs /dev
                mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
                for m in %s; do insmod /lib/modules/$m.ko 2>/dev/null; done
                hostname jxapi-guest
                ip link set lo up
                uevent /bin/hotplug &
                for i in /sys/class/net/*; do n=${i##*/}; [ "$n" = lo ] || /bin/hotplug-net "$n"; done
                acpid -c /etc/acpi -l /var/log/acpid.log
                /bin/counter &
                /bin/agent &
                echo "%s uptime=$(cut -d' ' -f1 /proc/uptime)"
                while true; do setsid cttyhack sh -l; done
                """.formatted(BOOT_MARKER, modules, READY_MARKER);
    }

    static final String HOTPLUG = """
            #!/bin/sh
            case "$SUBSYSTEM/$ACTION" in
              cpu/add) [ -e "/sys$DEVPATH/online" ] && echo 1 > "/sys$DEVPATH/online" ;;
              memory/add) [ -e "/sys$DEVPATH/state" ] && echo online > "/sys$DEVPATH/state" ;;
              net/add) [ -n "$INTERFACE" ] && [ "$INTERFACE" != lo ] && /bin/hotplug-net "$INTERFACE" ;;
            esac
            exit 0
            """;

    static final String HOTPLUG_NET = """
            #!/bin/sh
            ip link set "$1" up
            udhcpc -i "$1" -s /etc/udhcpc.script -b -q -t 5 -T 1 >/dev/null 2>&1 &
            """;

    static final String UDHCPC = """
            #!/bin/sh
            case "$1" in
              bound|renew)
                ip addr flush dev "$interface"
                ip addr add "$ip/${mask:-24}" dev "$interface"
                [ -n "$router" ] && ip route replace default via "$router" dev "$interface"
                ;;
            esac
            exit 0
            """;

    static final String POWER_BUTTON = """
            #!/bin/sh
            echo "%s"
            sync
            poweroff -f
            """.formatted(POWEROFF_MARKER);

    /** A number in memory that goes up every second: it survives suspend and migration, not a reboot. */
    static final String COUNTER = """
            #!/bin/sh
            n=0
            while true; do
              echo $n > /run/counter.new && mv /run/counter.new /run/counter
              n=$((n+1))
              sleep 1
            done
            """;

    /** The guest agent; see GuestAgent in the backend for the protocol. */
    static final String AGENT = """
            #!/bin/sh
            dev=
            while [ -z "$dev" ]; do
              for p in /sys/class/virtio-ports/*; do
                [ "$(cat "$p/name" 2>/dev/null)" = org.jxapi.guest.0 ] && dev=/dev/${p##*/}
              done
              [ -n "$dev" ] && [ -e "$dev" ] || { dev=; sleep 0.2; }
            done
            exec 3<>"$dev"
            report() {
              echo "hello 1"
              echo "set data/os_name jxapi test guest (busybox)"
              echo "set data/os_uname $(uname -r)"
              echo "set data/os_distro jxapi-testguest"
              echo "set data/os_majorver 1"
              echo "set data/os_minorver 0"
              echo "set attr/cpus/online $(cat /sys/devices/system/cpu/online)"
              for i in /sys/class/net/*; do
                n=${i##*/}; [ "$n" = lo ] && continue
                mac=$(cat "$i/address")
                idx=${n#eth}
                a=$(ip -4 addr show dev "$n" | awk '/inet /{print $2}' | cut -d/ -f1 | head -n1)
                [ -n "$a" ] && echo "set attr/vif/$idx/ipv4/0 $a"
                for c in rx_bytes tx_bytes rx_packets tx_packets; do
                  echo "set stats/$mac/$c $(cat "$i/statistics/$c")"
                done
              done
            }
            power() {
              case "$1" in
                poweroff|halt) echo "JXAPI-GUEST-POWEROFF" > /dev/console; sync; poweroff -f ;;
                reboot) echo "JXAPI-GUEST-REBOOT" > /dev/console; sync; reboot -f ;;
                s3) sleep 0.2; echo mem > /sys/power/state ;;
              esac
            }
            (while true; do report >&3; sleep 1; done) &
            while true; do
              while read -r verb id arg <&3; do
                case "$verb" in
                  ping) echo "pong $id" >&3 ;;
                  run) out=$(echo "$arg" | base64 -d | sh 2>&1); rc=$?
                       echo "result $id $rc $(printf '%s' "$out" | base64 -w 0)" >&3 ;;
                  power) echo "ack $id" >&3; power "$arg" & ;;
                esac
              done
              sleep 0.2
            done
            """;
}
