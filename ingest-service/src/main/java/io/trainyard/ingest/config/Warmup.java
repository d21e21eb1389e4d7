package io.trainyard.ingest.config;

import io.trainyard.ingest.DatasetEvents;
import io.trainyard.ingest.Rehearsal;
import io.trainyard.ingest.scan.SpoolMemory;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What ingest rehearses after start (the toolkit's warm-up runs it in the background): the
 * producers connect and fetch their topics' metadata (nothing is sent), and the upload's CPU path
 * is rehearsed on a synthetic CSV in memory until the JIT has compiled it ({@link Rehearsal}).
 * Without it the first upload would wait for its producer to connect before its first DatasetOpened
 * went out, and would run its parsing loops interpreted.
 */
@ApplicationScoped
public class Warmup implements io.trainyard.toolkit.runtime.Rehearsal {

  private final IngestConfig config;
  private final DatasetEvents events;
  private final SpoolMemory spoolMemory;

  public Warmup(IngestConfig config, DatasetEvents events, SpoolMemory spoolMemory) {
    this.config = config;
    this.events = events;
    this.spoolMemory = spoolMemory;
  }

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public void rehearse() throws Exception {
    events.warmUp();
    // Enough rounds for the methods called once per block to be compiled by C2 here, not left
    // profiling until real uploads have called them often enough.
    Rehearsal.run(
        30,
        20_000,
        java.nio.file.Path.of(config.spoolDir().orElse(System.getProperty("java.io.tmpdir"))),
        spoolMemory);
  }
}
