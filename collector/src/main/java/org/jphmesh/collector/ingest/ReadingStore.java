package org.jphmesh.collector.ingest;

import java.util.List;

/**
 * Where readings are kept for good. Implementations must be idempotent: writing a row whose identity
 * is already stored changes nothing, so a batch can always be written again after a failure.
 */
public interface ReadingStore {

    /** Writes a batch; returns how many rows were new. Throws when the batch may not have been stored. */
    int write(List<ReadingRow> batch) throws Exception;
}
