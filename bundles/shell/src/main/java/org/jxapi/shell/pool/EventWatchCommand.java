package org.jxapi.shell.pool;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Signal;
import org.apache.karaf.shell.api.console.SignalListener;
import org.apache.karaf.shell.api.console.Terminal;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.shell.support.XeCommandSupport;
import org.jxapi.shell.support.EventLine;
import org.jxapi.xenapi.model.EventBatch;
import org.jxapi.xenapi.model.types.Event;

/**
 * Prints each change as it commits, one line per event, until interrupted (Ctrl-C) or, with
 * {@code timeout=}, until that many seconds have passed.
 */
@Service
@Command(scope = "xe", name = "event-watch", description = "Print changes as they happen, until Ctrl-C: [class=vm,sr,...|*] [uuid=<uuid>] [timeout=<seconds>]")
public class EventWatchCommand extends XeCommandSupport {
    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        Set<String> classes = new LinkedHashSet<>();
        for (String c : args.take("class").orElse("*").split(",")) {
            classes.add(c.trim().toLowerCase(java.util.Locale.ROOT));
        }
        String uuid = args.take("uuid").orElse(null);
        String timeout = args.take("timeout").orElse(null);
        args.requireEmpty();
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + (long) (Double.parseDouble(timeout) * 1e9);
        // Start from now: the first answer's token, not its (possibly large) list of objects.
        String token = ((EventBatch) xe.call("event.from", classes, "", 0.0)).token();
        System.out.println("Watching " + String.join(",", classes) + (uuid == null ? "" : " uuid " + uuid)
                + "; Ctrl-C to stop.");
        System.out.flush();
        // Ctrl-C interrupts this thread, but an interrupt can be consumed on the way (the console's
        // output path, a wait inside a call) and the watch would then run on; the signal itself
        // also sets a flag that nothing else clears.
        AtomicBoolean stopped = new AtomicBoolean();
        Thread watcher = Thread.currentThread();
        SignalListener onInterrupt = signal -> {
            stopped.set(true);
            watcher.interrupt();
        };
        Terminal terminal = session == null ? null : session.getTerminal();
        if (terminal != null) {
            terminal.addSignalListener(onInterrupt, Signal.INT);
        }
        try {
            while (!stopped.get() && !Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
                double wait = Math.min(1.0, Math.max(0.0, (deadline - System.nanoTime()) / 1e9));
                EventBatch batch = (EventBatch) xe.call("event.from", classes, token, wait);
                token = batch.token();
                for (Event e : batch.events()) {
                    if (uuid == null || uuid.equals(EventLine.uuid(e))) {
                        System.out.println(EventLine.of(e));
                    }
                }
                System.out.flush();
            }
        } finally {
            if (terminal != null) {
                terminal.removeSignalListener(onInterrupt);
            }
        }
    }
}
