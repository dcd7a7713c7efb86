package org.jxapi.api.impl.transport;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.jxapi.api.impl.dispatch.Origin;
import org.jxapi.api.impl.dispatch.Outcome;
import org.jxapi.api.impl.dispatch.RpcDispatcher;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import java.util.Map;

import org.jxapi.db.Row;
import org.jxapi.xenapi.model.types.ConsoleProtocol;

/**
 * Finds where a console is served, through ordinary XenAPI calls in the caller's session (so its
 * rights apply): by the console's or its VM's reference or uuid. A VM means its graphical (RFB)
 * console when it has one, as in the original. The address comes from the console's other_config,
 * where the VM manager records it: {@code path} (a Unix socket) or {@code port} (TCP on this host).
 */
final class ConsoleTargets {
    record Target(String unixPath, int port) { }

    private final RpcDispatcher core;
    private final String session;
    private final Origin origin;

    ConsoleTargets(RpcDispatcher core, String session, Origin origin) {
        this.core = core;
        this.session = session;
        this.origin = origin;
    }

    Target find(String ref, String uuid) throws Exception {
        Row console;
        if (ref != null) {
            console = ref.isEmpty() ? null : consoleOrVm(ref, false);
        } else if (uuid != null) {
            console = consoleOrVm(uuid, true);
        } else {
            throw ErrorCodes.HANDLE_INVALID.error("console", "");
        }
        if (console == null) {
            throw ErrorCodes.HANDLE_INVALID.error("console", ref != null ? ref : uuid);
        }
        @SuppressWarnings("unchecked")
        Map<String, String> otherConfig = (Map<String, String>) console.get("other_config");
        String path = otherConfig.get("path");
        if (path != null && !path.isEmpty()) {
            return new Target(path, -1);
        }
        String port = otherConfig.get("port");
        try {
            return new Target(null, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new XenApiException("VM_BAD_POWER_STATE", ref(console.get("VM")), "running", "halted");
        }
    }

    private Row consoleOrVm(String id, boolean byUuid) throws Exception {
        Object consoleRef = byUuid ? tryCall("console.get_by_uuid", id) : id;
        if (consoleRef != null) {
            Object rec = tryCall("console.get_record", ref(consoleRef));
            if (rec instanceof Row c) {
                return c;
            }
        }
        Object vmRef = byUuid ? tryCall("VM.get_by_uuid", id) : id;
        if (vmRef == null) {
            return null;
        }
        Object consoles = call("VM.get_consoles", ref(vmRef));
        Row first = null;
        for (Object c : (Collection<?>) consoles) {
            Row rec = (Row) call("console.get_record", ref(c));
            if (rec.get("protocol") == ConsoleProtocol.RFB) {
                return rec;
            }
            first = first == null ? rec : first;
        }
        return first;
    }

    private static String ref(Object r) {
        return r instanceof Ref<?> ref ? ref.handle() : String.valueOf(r);
    }

    /** The call's value, or null when the object does not exist. */
    private Object tryCall(String method, String arg) throws Exception {
        try {
            return call(method, arg);
        } catch (XenApiException e) {
            if (e.code().equals("HANDLE_INVALID") || e.code().equals("UUID_INVALID")) {
                return null;
            }
            throw e;
        }
    }

    private Object call(String method, String arg) throws Exception {
        Outcome o;
        try {
            o = core.call(new org.jxapi.xenapi.wire.RawCall(method, List.of(session, arg), 1, null), origin)
                    .toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
        if (o instanceof Outcome.Failure f) {
            List<String> d = f.errorDescription();
            throw new XenApiException(d.get(0), d.subList(1, d.size()).toArray(String[]::new));
        }
        return ((Outcome.Success) o).value();
    }
}
