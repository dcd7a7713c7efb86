package org.jxapi.db.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import org.jxapi.xenapi.model.Ref;

/**
 * The durability tests' mix of writes from one thread: VM creates, VM updates with map edits, VBD
 * creates (which keep VM.VBDs in step) and VBD deletes. Each acknowledged write is reported as a
 * line; a delete is announced by a TRY line before it starts, since a crash may leave it either way.
 */
final class WriteMix {
    private final DatabaseImpl db;
    private final String who;
    private final Random rnd;
    private final Consumer<String> log;
    private final List<Ref<Object>> vms = new ArrayList<>();
    private final List<Ref<Object>> vbds = new ArrayList<>();

    WriteMix(DatabaseImpl db, String who, Random rnd, Consumer<String> log) {
        this.db = db;
        this.who = who;
        this.rnd = rnd;
        this.log = log;
    }

    /** The i-th write of this thread. */
    void step(int i) {
        int op = rnd.nextInt(10);
        if (vms.isEmpty() || op < 3) {
            String name = who + "-vm-" + i;
            Ref<Object> vm = db.write(tx -> tx.create("VM", Map.of("name_label", name, "name_description", "d0")));
            vms.add(vm);
            log.accept("VM " + vm.handle() + " " + name);
        } else if (op < 6) {
            Ref<Object> vm = vms.get(rnd.nextInt(vms.size()));
            db.write(tx -> {
                tx.set("VM", vm, "name_description", "d" + i);
                tx.removeFromMap("VM", vm, "other_config", "seq");
                tx.addToMap("VM", vm, "other_config", "seq", "v" + i);
                return null;
            });
            log.accept("SET " + vm.handle() + " " + i);
        } else if (op < 9 || vbds.isEmpty()) {
            Ref<Object> vm = vms.get(rnd.nextInt(vms.size()));
            String dev = Integer.toString(i);
            long[] gen = new long[1];
            Ref<Object> vbd = db.write(tx -> {
                gen[0] = tx.generation();
                return tx.create("VBD", Map.of("VM", vm, "userdevice", dev));
            });
            vbds.add(vbd);
            // The generation only helps a failure message place the write (state file or journal).
            log.accept("VBD " + vbd.handle() + " " + vm.handle() + " " + gen[0]);
        } else {
            Ref<Object> vbd = vbds.remove(rnd.nextInt(vbds.size()));
            log.accept("TRY " + vbd.handle());
            db.write(tx -> {
                tx.destroy("VBD", vbd);
                return null;
            });
            log.accept("DEL " + vbd.handle());
        }
    }
}
