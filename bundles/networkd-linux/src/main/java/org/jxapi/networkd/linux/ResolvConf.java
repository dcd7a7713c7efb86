package org.jxapi.networkd.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jxapi.common.io.AtomicFile;
import org.jxapi.networkd.api.Dns;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;

/** A resolv.conf's name servers and search domains: read and written whole (atomically). */
final class ResolvConf {
    private ResolvConf() {
    }

    static Dns read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Dns.NONE;
        }
        List<String> servers = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] w = line.strip().split("\\s+");
                if (w.length >= 2 && w[0].equals("nameserver")) {
                    servers.add(w[1]);
                } else if (w.length >= 2 && w[0].equals("search")) {
                    domains.addAll(List.of(w).subList(1, w.length));
                }
            }
        } catch (IOException e) {
            throw NetworkdException.of(NetworkdErrorCode.READ_ERROR, file.toString());
        }
        return new Dns(servers, domains);
    }

    static void write(Path file, Dns dns) {
        StringBuilder b = new StringBuilder("# written by jxapi networkd (Interface.set_dns)\n");
        if (!dns.domains().isEmpty()) {
            b.append("search ").append(String.join(" ", dns.domains())).append('\n');
        }
        for (String s : dns.nameservers()) {
            b.append("nameserver ").append(s).append('\n');
        }
        try {
            AtomicFile.writeString(file, b.toString(), AtomicFile.Sync.DATA);
        } catch (IOException e) {
            throw NetworkdException.of(NetworkdErrorCode.WRITE_ERROR, file.toString());
        }
    }
}
