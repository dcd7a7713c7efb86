package org.jxapi.db;

/** Counters of a running database. */
public record DatabaseStats(long generation, long transactions, long fsyncs, long journalBytes,
                            long compactions, long rows) {
}
