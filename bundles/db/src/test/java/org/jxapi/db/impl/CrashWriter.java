package org.jxapi.db.impl;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jxapi.xenapi.model.Ref;

/**
 * The victim of {@link CrashTest}: a separate JVM that writes from several threads and prints a
 * line for every write once {@code write} has returned (acknowledged), and a TRY line before a
 * delete, whose outcome is unknown if the process dies before the acknowledgement.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        long compactBytes = Long.parseLong(args[2]);
        String tag = args[3];
        DatabaseImpl db = DatabaseImpl.open(new DbOptions(dir, true, compactBytes, 1 << 16));
        PrintStream out = new PrintStream(System.out, true);
        out.println("READY");
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> work(db, out, tag + "-" + id, new Random(id * 31L + tag.hashCode())));
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) {
            th.join();
        }
    }

    private static void work(DatabaseImpl db, PrintStream out, String who, Random rnd) {
        List<Ref<Object>> vms = new ArrayList<>();
        List<Ref<Object>> vbds = new ArrayList<>();
        for (int i = 0; ; i++) {
            int op = rnd.nextInt(10);
            if (vms.isEmpty() || op < 3) {
                String name = who + "-vm-" + i;
                Ref<Object> vm = db.write(tx -> tx.create("VM", Map.of("name_label", name, "name_description", "d0")));
                vms.add(vm);
                out.println("VM " + vm.handle() + " " + name);
            } else if (op < 6) {
                Ref<Object> vm = vms.get(rnd.nextInt(vms.size()));
                int n = i;
                db.write(tx -> {
                    tx.set("VM", vm, "name_description", "d" + n);
                    tx.removeFromMap("VM", vm, "other_config", "seq");
                    tx.addToMap("VM", vm, "other_config", "seq", "v" + n);
                    return null;
                });
                out.println("SET " + vm.handle() + " " + n);
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
                out.println("VBD " + vbd.handle() + " " + vm.handle() + " " + gen[0]);
            } else {
                Ref<Object> vbd = vbds.remove(rnd.nextInt(vbds.size()));
                out.println("TRY " + vbd.handle());
                db.write(tx -> {
                    tx.destroy("VBD", vbd);
                    return null;
                });
                out.println("DEL " + vbd.handle());
            }
        }
    }
}
