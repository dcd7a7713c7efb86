package org.jxapi.shell.host;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.CurrentRole;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.shell.support.XeCommandSupport;
import org.jxapi.shell.support.XenopsInstances;

@Service
@Command(scope = "xe", name = "xenops-diagnostics", description = "Print the VM manager's internal state (queues, workers, tasks, VMs) of every xenops instance, or of queue=<name>; pool-admin only")
public class XenopsDiagnosticsCommand extends XeCommandSupport {
    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        String queue = args.take("queue").orElse(null);
        args.requireEmpty();
        CurrentRole.require("pool-admin", "xenops-diagnostics");
        List<String> out = XenopsInstances.each(queue, x -> "== xenops instance " + x.queueName() + "\n"
                + x.getDiagnostics("xe-shell"));
        if (out.isEmpty()) {
            System.out.println(queue == null ? "No xenops instance is running." : "No xenops instance serves queue " + queue + ".");
        }
        out.forEach(System.out::println);
    }
}
