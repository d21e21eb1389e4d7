/**
 * The scan: ingest's reading of an upload. The first pass validates the CSV and infers its schema
 * ({@link io.trainyard.ingest.scan.DatasetScanner} on one thread, {@link
 * io.trainyard.ingest.scan.ParallelScan} on the threads of a {@link
 * io.trainyard.ingest.scan.ParsePool}), keeping every cell in a {@link
 * io.trainyard.ingest.scan.ChunkSpool}; the {@link io.trainyard.ingest.scan.ChunkEncoder} writes
 * the RowChunks from that spool. The encoder reads the spool's segments directly, so the two live
 * together here.
 */
package io.trainyard.ingest.scan;
