package org.jxapi.xapi.host.impl;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;

import org.jxapi.common.io.AtomicFile;

/**
 * This host's identity, kept in a file like the original's {@code xensource-inventory}: the host's
 * uuid and its control domain's, made at first start and never changed afterwards.
 */
record Inventory(String hostUuid, String controlDomainUuid) {

    static Inventory load(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        boolean changed = false;
        if (p.getProperty("INSTALLATION_UUID") == null) {
            p.setProperty("INSTALLATION_UUID", UUID.randomUUID().toString());
            changed = true;
        }
        if (p.getProperty("CONTROL_DOMAIN_UUID") == null) {
            p.setProperty("CONTROL_DOMAIN_UUID", UUID.randomUUID().toString());
            changed = true;
        }
        if (changed) {
            Files.createDirectories(file.getParent());
            // Written once per installation; not forced, as before.
            AtomicFile.write(file, AtomicFile.Sync.NONE, out -> {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                p.store(w, "jxapi host inventory: do not edit");
                w.flush();
            });
        }
        return new Inventory(p.getProperty("INSTALLATION_UUID"), p.getProperty("CONTROL_DOMAIN_UUID"));
    }
}
