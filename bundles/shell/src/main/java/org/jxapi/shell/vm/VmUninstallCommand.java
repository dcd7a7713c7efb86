package org.jxapi.shell.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.jxapi.shell.support.XeErrors;
import org.jxapi.shell.support.VmOperationSupport;
import org.jxapi.shell.support.Xe;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;
import org.jxapi.xenapi.model.types.Vbd;
import org.jxapi.xenapi.model.types.VbdType;

/**
 * As the original's vm-uninstall: destroys a halted VM with its virtual disks (not CDs, and not
 * disks another VM also uses), its VBDs and VIFs. Asks for confirmation unless {@code --force}.
 */
@Service
@Command(scope = "xe", name = "vm-uninstall", description = "Destroy a halted VM and the disks only it uses: vm=<name or uuid> [--force]")
public class VmUninstallCommand extends VmOperationSupport {
    @Option(name = "--force", description = "Do not ask for confirmation")
    boolean force;

    @Override
    @SuppressWarnings("unchecked")
    protected void apply(Xe xe, Ref<?> vm, XenApiRecord record) throws Exception {
        List<Ref<?>> disks = new ArrayList<>();
        Set<Ref<?>> vbds = (Set<Ref<?>>) xe.call("VM.get_VBDs", vm);
        for (Ref<?> vbd : vbds) {
            Vbd b = (Vbd) xe.record("VBD", vbd);
            if (b.type() == VbdType.DISK && !b.vdi().isNull() && ((Set<?>) xe.call("VDI.get_VBDs", b.vdi())).size() == 1) {
                disks.add(b.vdi());
            }
        }
        String uuid = xe.uuidOf("VM", vm).orElse(vm.handle());
        if (!force) {
            String answer = session == null ? null : session.readLine("Destroy VM " + uuid + " and " + disks.size()
                    + " disk(s)? Type 'yes' to continue: ", null);
            if (answer == null || !answer.trim().equals("yes")) {
                throw XeErrors.error("Aborted: nothing destroyed (use --force to skip the question)");
            }
        }
        for (Ref<?> vbd : vbds) {
            xe.call("VBD.destroy", vbd);
        }
        for (Ref<?> vif : (Set<Ref<?>>) xe.call("VM.get_VIFs", vm)) {
            xe.call("VIF.destroy", vif);
        }
        for (Ref<?> vdi : disks) {
            xe.task("VDI.destroy", vdi);
        }
        xe.call("VM.destroy", vm);
        System.out.println("Destroyed VM " + uuid + " and " + disks.size() + " disk(s).");
    }
}
