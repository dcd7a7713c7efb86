package org.jxapi.db.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.jxapi.db.Database;
import org.jxapi.db.DatabaseStats;
import org.jxapi.db.Snapshot;
import org.jxapi.db.Transaction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/** The database as a service: opened (and recovered) when the bundle starts, flushed and closed when it stops. */
@Component(service = Database.class, configurationPid = "org.jxapi.db", immediate = true)
@Designate(ocd = DatabaseConfig.class)
public class DatabaseComponent implements Database {
    private final DatabaseImpl db;

    @Activate
    public DatabaseComponent(DatabaseConfig config) throws IOException {
        Path dir = config.data_dir().isBlank() ? defaultDir() : Path.of(config.data_dir());
        db = DatabaseImpl.open(new DbOptions(dir, config.fsync(), config.journal_compact_bytes(),
                config.changelog_capacity()));
    }

    private static Path defaultDir() {
        String data = System.getProperty("karaf.data");
        return data == null ? Path.of("data", "jxapi", "db") : Path.of(data, "jxapi", "db");
    }

    @Deactivate
    void deactivate() {
        db.close();
    }

    @Override
    public Snapshot snapshot() {
        return db.snapshot();
    }

    @Override
    public <T> T write(Transaction<T> txn) {
        return db.write(txn);
    }

    @Override
    public long generation() {
        return db.generation();
    }

    @Override
    public CompletableFuture<Long> awaitGeneration(long after) {
        return db.awaitGeneration(after);
    }

    @Override
    public void exportXml(OutputStream out) throws IOException {
        db.exportXml(out);
    }

    @Override
    public void importXml(InputStream in) throws IOException {
        db.importXml(in);
    }

    @Override
    public DatabaseStats stats() {
        return db.stats();
    }
}
