package org.jxapi.xenops.hooks;

/**
 * One run of a hook: the hook point ({@code vm-pre-start}), the reason the original passes as
 * {@code -reason} ({@code none}, {@code clean-shutdown}, {@code hard-reboot}, {@code suspend},
 * {@code source}, ...), the VM's id ({@code -vmuuid}: the XenAPI VM uuid when xapi drives the
 * VM) and the xenops queue of the instance running it.
 */
public record HookInvocation(String point, String reason, String vmUuid, String queue) {
    /** Whether this point runs before the operation acts ({@code vm-pre-*}), so that a refusal prevents it. */
    public boolean isPre() {
        return point.startsWith("vm-pre-");
    }
}
