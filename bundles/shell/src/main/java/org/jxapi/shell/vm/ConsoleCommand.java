package org.jxapi.shell.vm;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.jxapi.shell.support.XeErrors;
import org.jxapi.shell.support.CurrentRole;
import org.jxapi.shell.support.VmOperationSupport;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XenopsInstances;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;
import org.jxapi.xenops.api.Console;

/**
 * Attaches the shell to a running VM's text console (its serial line): what the VM prints
 * appears here, what is typed goes to it. Ctrl-] detaches, as telnet does; the VM keeps running.
 */
@Service
@Command(scope = "xe", name = "console", description = "Attach to a running VM's text console: vm=<name or uuid>; Ctrl-] detaches")
public class ConsoleCommand extends VmOperationSupport {
    static final int DETACH = 0x1d;

    @Override
    protected void apply(Xe xe, Ref<?> vm, XenApiRecord record) throws Exception {
        CurrentRole.require("vm-operator", "http/connect_console");
        String uuid = (String) record.get(record.meta().field("uuid").index());
        String queue = String.valueOf(((Map<?, ?>) record.get(record.meta().field("other_config").index())).get("xenops"));
        SocketAddress where = textConsole(uuid, queue);
        if (where == null) {
            throw XeErrors.error("Error: VM " + uuid + " has no text console (is it running, on a backend with a serial console?)");
        }
        PrintStream out = session.getConsole();
        out.println("Connected to the console of VM " + uuid + "; Ctrl-] detaches.");
        out.flush();
        try (SocketChannel ch = SocketChannel.open(where instanceof UnixDomainSocketAddress
                ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET)) {
            ch.connect(where);
            Thread pump = new Thread(() -> copy(ch, out), "xe-console-" + uuid);
            pump.setDaemon(true);
            pump.start();
            InputStream keys = session.getKeyboard();
            int b;
            while ((b = keys.read()) >= 0 && b != DETACH) {
                ch.write(ByteBuffer.wrap(new byte[] {(byte) b}));
            }
        }
        out.println();
        out.println("Detached from VM " + uuid + ".");
    }

    private static void copy(SocketChannel ch, PrintStream out) {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        try {
            while (ch.read(buf) >= 0) {
                out.write(buf.array(), 0, buf.position());
                out.flush();
                buf.clear();
            }
        } catch (IOException e) {
            // the console went away (VM stopped) or we detached
        }
    }

    /** The VM's VT100 console as xenops reports it: a Unix socket path, or a TCP port on this host. */
    private static SocketAddress textConsole(String uuid, String queue) {
        List<SocketAddress> found = XenopsInstances.each(null, x -> {
            try {
                for (Console c : x.vmStat("xe-console", uuid).state().consoles()) {
                    if (c.protocol() == Console.Protocol.VT100) {
                        return c.path().isEmpty() ? new InetSocketAddress("127.0.0.1", c.port())
                                : UnixDomainSocketAddress.of(c.path());
                    }
                }
            } catch (RuntimeException e) {
                // this instance does not run the VM
            }
            return null;
        });
        return found.isEmpty() ? null : found.get(0);
    }
}
