package org.jxapi.shell.vm;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jxapi.shell.support.Selection;
import org.jxapi.shell.support.Xe;
import org.jxapi.shell.support.XeArgs;
import org.jxapi.shell.support.XeCommandSupport;
import org.jxapi.xenapi.model.Ref;

/**
 * As the original's vm-install: clone the template (or copy it to {@code sr-uuid}), provision the
 * disks its other-config describes, and make the copy a VM; prints the new VM's uuid.
 */
@Service
@Command(scope = "xe", name = "vm-install", description = "Install a VM from a template: template=<name or uuid> new-name-label=<name> [sr-uuid=<sr>]; prints the new VM's uuid")
public class VmInstallCommand extends XeCommandSupport {
    @Override
    protected void run(Xe xe, XeArgs args) throws Exception {
        String template = args.require("template");
        String name = args.require("new-name-label");
        String sr = args.take("sr-uuid").orElse(null);
        args.requireEmpty();
        Ref<?> t = Selection.one(xe, "VM", template);
        if (!Boolean.TRUE.equals(xe.call("VM.get_is_a_template", t))) {
            throw new org.apache.karaf.shell.support.CommandException("not a template",
                    "Error: '" + template + "' is a VM, not a template");
        }
        Ref<?> vm = sr == null ? (Ref<?>) xe.task("VM.clone", t, name)
                : (Ref<?>) xe.task("VM.copy", t, name, xe.byUuid("SR", sr));
        xe.task("VM.provision", vm);
        if (Boolean.TRUE.equals(xe.call("VM.get_is_a_template", vm))) {
            xe.call("VM.set_is_a_template", vm, false);
        }
        System.out.println(xe.uuidOf("VM", vm).orElse(vm.handle()));
    }
}
