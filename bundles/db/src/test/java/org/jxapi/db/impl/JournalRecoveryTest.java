package org.jxapi.db.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.db.Row;

class JournalRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void aTornTailIsDroppedAndEverythingBeforeItKept() throws Exception {
        DatabaseImpl db = DatabaseImpl.open(DbOptions.durable(dir));
        for (int i = 0; i < 100; i++) {
            int n = i;
            db.write(tx -> tx.create("SR", Map.of("name_label", "sr" + n)));
        }
        long gen = db.generation();
        db.close();
        Path journal = StateFiles.journals(dir).lastEntry().getValue();
        long size = Files.size(journal);
        // Half a record: what a crash in the middle of an append leaves.
        byte[] torn = {0, 0, 0, 60, 1, 2, 3, 4, 9, 9, 9};
        Files.write(journal, torn, StandardOpenOption.APPEND);

        db = DatabaseImpl.open(DbOptions.durable(dir));
        assertEquals(gen, db.generation());
        assertEquals(100, db.snapshot().table("SR").size());
        assertEquals(size, Files.size(journal), "the torn tail was not cut off");
        db.write(tx -> tx.create("SR", Map.of("name_label", "after")));
        db.close();
        db = DatabaseImpl.open(DbOptions.durable(dir));
        assertEquals(101, db.snapshot().table("SR").size());
        db.close();
    }

    @Test
    void aCorruptedByteInTheLastRecordDropsOnlyThatRecord() throws Exception {
        DatabaseImpl db = DatabaseImpl.open(DbOptions.durable(dir));
        for (int i = 0; i < 10; i++) {
            int n = i;
            db.write(tx -> tx.create("SR", Map.of("name_label", "sr" + n)));
        }
        db.close();
        Path journal = StateFiles.journals(dir).lastEntry().getValue();
        byte[] all = Files.readAllBytes(journal);
        all[all.length - 2] ^= 0x55;
        Files.write(journal, all);
        db = DatabaseImpl.open(DbOptions.durable(dir));
        assertEquals(9, db.snapshot().table("SR").size());
        db.close();
    }

    @Test
    void compactionWritesAStateFileAndDropsOldJournalsWithoutLosingAnything() throws Exception {
        DatabaseImpl db = DatabaseImpl.open(new DbOptions(dir, true, 16 << 10, 1 << 12));
        for (int i = 0; i < 3000; i++) {
            int n = i;
            db.write(tx -> tx.create("network", Map.of("name_label", "net" + n, "other_config", Map.of("i", "" + n))));
        }
        // Compaction runs in the background once the journal outgrows its limit.
        DatabaseImpl compacting = db;
        await().atMost(Duration.ofSeconds(10)).until(() -> compacting.stats().compactions() > 0);
        assertTrue(db.stats().compactions() > 0, "no compaction happened");
        Map<String, Integer> counts = db.snapshot().counts();
        long gen = db.generation();
        db.close();
        assertTrue(!StateFiles.states(dir).isEmpty());
        assertTrue(StateFiles.journals(dir).size() <= 3, "old journal segments were not removed: "
                + StateFiles.journals(dir).keySet());
        db = DatabaseImpl.open(DbOptions.durable(dir));
        assertEquals(gen, db.generation());
        assertEquals(counts, db.snapshot().counts());
        Row r = db.snapshot().table("network").byNameLabel("net2999").get(0);
        assertEquals(Map.of("i", "2999"), r.get("other_config"));
        db.close();
    }
}
