package io.trainyard.cli.stack;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The state file of a running {@code trainyard up} ({@code .trainyard/stack.json}): whose it is,
 * whether the stack is ready, where its parts listen, and the processes it started. {@code up}
 * writes it when it starts and again when the services are ready, and deletes it when it stops; the
 * other commands read their addresses from it.
 *
 * @param pid the {@code trainyard up} process
 * @param started when that process started (tells it from a later process with the same pid)
 * @param ready whether the services are ready (the addresses are set only then)
 * @param ingestUrl the ingest service's base URL
 * @param bootstrapServers the broker's bootstrap servers
 * @param registry the registry's {@code host:port} (gRPC)
 * @param storeUri the store's connection string
 * @param data the folder holding the broker's log and the store (kept from one start to the next)
 * @param logs the folder holding the services' logs
 * @param processes the broker-and-store process and the services, once started
 */
public record StackState(
    long pid,
    Instant started,
    boolean ready,
    String ingestUrl,
    String bootstrapServers,
    String registry,
    String storeUri,
    String data,
    String logs,
    List<ProcessRef> processes) {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  public StackState {
    processes = processes == null ? List.of() : List.copyOf(processes);
  }

  /** The state of a stack that {@code up} (the process {@code self}) is starting. */
  public static StackState starting(ProcessHandle self, Path data, Path logs) {
    ProcessRef up = ProcessRef.of("up", self);
    return new StackState(
        up.pid(),
        up.started(),
        false,
        null,
        null,
        null,
        null,
        data.toString(),
        logs.toString(),
        List.of());
  }

  /** This state once the services are ready, with their addresses and processes. */
  public StackState ready(
      String ingestUrl,
      String bootstrapServers,
      String registry,
      String storeUri,
      List<ProcessRef> processes) {
    return new StackState(
        pid, started, true, ingestUrl, bootstrapServers, registry, storeUri, data, logs, processes);
  }

  /** The {@code trainyard up} process. */
  public ProcessRef up() {
    return new ProcessRef("up", pid, started);
  }

  /**
   * Writes the file whole or not at all (a temporary file renamed over it), so that a command
   * reading it while {@code up} writes never sees half of it.
   */
  public void write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), this);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * The state in {@code file}; empty when there is no file.
   *
   * @throws IllegalStateException when the file cannot be read or is not a state file
   */
  public static Optional<StackState> read(Path file) {
    try {
      StackState state = JSON.readValue(Files.readAllBytes(file), StackState.class);
      if (state == null || state.pid() <= 0) {
        throw new IllegalStateException(
            "the stack's state file " + file + " names no process; delete it");
      }
      return Optional.of(state);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the stack's state file " + file + " (" + e.getMessage() + "); delete it", e);
    }
  }
}
