package org.jxapi.xenops.server.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.Metadata;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.json.XenopsJson;
import org.jxapi.xenops.server.impl.Atom.VmHookScript;
import org.jxapi.xenops.server.impl.Atom.VmSave;
import org.jxapi.xenops.spi.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration to another xenops instance on this host, reached through its Unix socket
 * ({@code unix:<path>}, {@code file:<path>} or a bare path): the pre-migrate hook runs, the
 * destination imports the VM's metadata (with the VDI and network maps applied), the domain is
 * saved to a suspend image and torn down here, and the destination resumes and unpauses it. If the
 * destination fails after the save, the VM is resumed here again. Memory streaming between hosts
 * is not done: the image is a file both instances can read.
 */
final class Migration {
    private static final Logger LOG = LoggerFactory.getLogger(Migration.class);
    private final Engine engine;

    Migration(Engine engine) {
        this.engine = engine;
    }

    static Path socketOf(String url) {
        String path = url;
        for (String scheme : List.of("unix://", "unix:", "file://", "file:")) {
            if (url.startsWith(scheme)) {
                path = url.substring(scheme.length());
                break;
            }
        }
        if (!path.startsWith("/")) {
            throw XenopsException.of(org.jxapi.xenops.api.XenopsErrorCode.FAILED_TO_CONTACT_REMOTE_SERVICE, url);
        }
        return Path.of(path);
    }

    /** The metadata with the VDI map applied to disks and the VIF map (by device name) to NICs. */
    static Metadata remap(Metadata md, Map<String, String> vdiMap, Map<String, Network> vifMap) {
        List<Vbd> vbds = new ArrayList<>();
        for (Vbd v : md.vbds()) {
            Disk d = v.backend();
            if (d != null && d.kind() == Disk.Kind.VDI && vdiMap.containsKey(d.value())) {
                v = v.withBackend(Disk.vdi(vdiMap.get(d.value())));
            }
            vbds.add(v);
        }
        List<Vif> vifs = new ArrayList<>();
        for (Vif v : md.vifs()) {
            vifs.add(vifMap.containsKey(v.id().device()) ? v.withBackend(vifMap.get(v.id().device())) : v);
        }
        return new Metadata(md.vm(), vbds, vifs, md.pcis(), md.vgpus(), md.vusbs(), md.domains());
    }

    Object migrate(Operation.VmMigrate m, TaskHandle t) {
        String id = m.vm();
        Vm vm = engine.store().vmExn(id);
        engine.backend().vm().assertCanSave(vm);
        Performer performer = new Performer(engine);
        performer.performAtomics(List.of(new VmHookScript(id, Hook.VM_PRE_MIGRATE, Hook.REASON_MIGRATE_SOURCE)), t);
        Path image = engine.settings().dataDir().resolve("migrate").resolve(id + "." + t.id() + ".img");
        try (XenopsClient dst = XenopsClient.connect(socketOf(m.url()), m.url())) {
            Metadata md = remap(engine.exportMetadata(id), m.vdiMap(), m.vifMap());
            t.log("importing metadata at " + m.url());
            dst.vmImportMetadata(t.dbg(), XenopsJson.writeString(md));
            t.checkCancelling();
            Files.createDirectories(image.getParent());
            // From here the domain leaves this host: save it and take it down.
            performer.performAtomics(List.of(new VmSave(id, Disk.local(image.toString()), null)), t);
            performer.performAtomics(engine.expansion().shutdown(id, null), t);
            try {
                await(dst, dst.vmResume(t.dbg(), id, Disk.local(image.toString())), t);
                await(dst, dst.vmUnpause(t.dbg(), id), t);
            } catch (RuntimeException e) {
                LOG.warn("migration of VM {} to {} failed after the save: resuming it here", id, m.url(), e);
                bestEffort(() -> dst.vmRemove(t.dbg(), id));
                engine.immediate(t.dbg(), new Operation.VmResume(id, Disk.local(image.toString())));
                engine.immediate(t.dbg(), new Operation.AtomicOp(new Atom.VmUnpause(id)));
                throw e;
            }
            engine.backend().vm().remove(vm);
            engine.forgetVm(id);
            return null;
        } catch (IOException e) {
            throw XenopsException.wrap(e);
        } finally {
            try {
                Files.deleteIfExists(image);
            } catch (IOException e) {
                LOG.debug("cannot delete {}: {}", image, e.toString());
            }
        }
    }

    /** Waits for a task at the destination; cancelling ours cancels it. */
    @SuppressWarnings("try") // the registration only has to be closed
    private static void await(Xenops dst, String task, Task t) {
        try (Task.Registration r = t.onCancel(() -> bestEffort(() -> dst.taskCancel(t.dbg(), task)))) {
            TaskInfo info = dst.taskStat(t.dbg(), task);
            Integer token = null;
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (!info.state().ended() && System.nanoTime() < deadline) {
                token = dst.updatesGet(t.dbg(), token, 5).lastId();
                info = dst.taskStat(t.dbg(), task);
            }
            bestEffort(() -> dst.taskDestroy(t.dbg(), task));
            if (info.state().status() == TaskState.Status.FAILED) {
                throw new XenopsException(info.state().error());
            }
            if (!info.state().ended()) {
                throw XenopsException.internal("destination task " + task + " did not end");
            }
        }
    }

    private static void bestEffort(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.debug("ignored: {}", e.toString());
        }
    }
}
