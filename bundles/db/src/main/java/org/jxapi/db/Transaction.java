package org.jxapi.db;

/** A unit of change run by {@link Database#write}. */
@FunctionalInterface
public interface Transaction<T> {
    T run(WriteTransaction tx);
}
