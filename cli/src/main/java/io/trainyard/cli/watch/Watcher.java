package io.trainyard.cli.watch;

import com.google.protobuf.Message;
import io.trainyard.contracts.EventHeaders;
import io.trainyard.contracts.Topics;
import io.trainyard.contracts.events.v1.DatasetOpened;
import io.trainyard.contracts.events.v1.DatasetSealed;
import io.trainyard.contracts.events.v1.ModelVersionRegistered;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows one data set through the pipeline on the control topics: a plain KafkaConsumer in a fresh
 * group, from the earliest offsets, printing what {@link WatchState} says until the data set's
 * model is registered, its training fails, or time runs out. Records that do not parse are skipped.
 */
public final class Watcher {

  /** How a watch ended. */
  public enum Ending {
    REGISTERED,
    FAILED,
    TIMED_OUT,
    /** The caller's abort check said to stop (e.g. a service of the demo died). */
    ABORTED
  }

  /**
   * @param version the data set version followed (null if none was seen)
   * @param registered the registration, when the pipeline ended with one
   * @param failureReason the trainer's reason when training failed, or the abort reason
   */
  public record Result(
      Ending ending,
      Integer version,
      Optional<ModelVersionRegistered> registered,
      String failureReason) {}

  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);

  private final String bootstrapServers;

  public Watcher(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Follows {@code datasetId}; without {@code version}, the newest version already on the broker,
   * or else the next one to arrive.
   *
   * <p>What is on the topics already (a pipeline that started before the watch, or one long
   * finished) is read to the end first and replayed in time order, since the broker keeps no order
   * across topics; after that each poll is handled in time order as it comes.
   *
   * @throws org.apache.kafka.common.KafkaException when the broker cannot be reached
   */
  public Result watch(String datasetId, Integer version, Duration timeout, Console console) {
    return watch(datasetId, version, timeout, console, () -> null);
  }

  /**
   * As {@link #watch(String, Integer, Duration, Console)}, asking {@code abortCheck} after every
   * poll whether to give up; a non-null answer ends the watch with that reason.
   */
  public Result watch(
      String datasetId,
      Integer version,
      Duration timeout,
      Console console,
      Supplier<String> abortCheck) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Integer target = version != null ? version : newestVersion(datasetId).orElse(null);
    WatchState state = new WatchState(datasetId, target);
    try (KafkaConsumer<String, byte[]> consumer =
        consumer("trainyard-watch-" + UUID.randomUUID())) {
      Map<TopicPartition, Long> history = endOffsets(consumer, ControlEvents.TOPICS);
      consumer.subscribe(ControlEvents.TOPICS);
      List<ConsumerRecord<String, byte[]>> backlog = new ArrayList<>();
      boolean live = false;
      while (System.nanoTime() < deadline) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        consumer.poll(POLL).forEach(batch::add);
        String abort = abortCheck.get();
        if (abort != null) {
          console.endProgress();
          return new Result(Ending.ABORTED, state.version(), Optional.empty(), abort);
        }
        if (!live) {
          backlog.addAll(batch);
          if (!caughtUp(consumer, history)) {
            continue;
          }
          live = true;
          batch = backlog;
        }
        batch.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
        for (ConsumerRecord<String, byte[]> record : batch) {
          if (handle(record, state, console)) {
            console.endProgress();
            return new Result(
                state.status() == WatchState.Status.REGISTERED ? Ending.REGISTERED : Ending.FAILED,
                state.version(),
                state.registered(),
                state.failureReason());
          }
        }
      }
    }
    console.endProgress();
    return new Result(Ending.TIMED_OUT, state.version(), Optional.empty(), null);
  }

  /** Prints what a record says, if it belongs; true when it ended the pipeline. */
  private static boolean handle(
      ConsumerRecord<String, byte[]> record, WatchState state, Console console) {
    Optional<Message> event =
        ControlEvents.decode(header(record, EventHeaders.CE_TYPE), record.value());
    if (event.isEmpty()) {
      return false; // not ours to read: skipped
    }
    state
        .accept(event.get())
        .ifPresent(
            out -> {
              if (out instanceof WatchState.Progress) {
                console.progress(out.text());
              } else {
                console.line(out.text());
              }
            });
    return state.status() != WatchState.Status.WATCHING;
  }

  /** The end offsets of every partition of {@code topics} now: what "already there" means. */
  private static Map<TopicPartition, Long> endOffsets(
      KafkaConsumer<String, byte[]> consumer, List<String> topics) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
      if (infos != null) {
        infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
    }
    return partitions.isEmpty() ? Map.of() : consumer.endOffsets(partitions, METADATA_TIMEOUT);
  }

  /** The newest version of {@code datasetId} opened or sealed on the broker so far. */
  public Optional<Integer> newestVersion(String datasetId) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(null)) {
      List<PartitionInfo> infos = consumer.partitionsFor(Topics.INGEST_DATASETS, METADATA_TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        return Optional.empty();
      }
      List<TopicPartition> partitions = new ArrayList<>();
      infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Integer newest = null;
      long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!caughtUp(consumer, end) && System.nanoTime() < giveUp) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
          if (!datasetId.equals(r.key())) {
            continue;
          }
          Optional<Message> e = ControlEvents.decode(header(r, EventHeaders.CE_TYPE), r.value());
          Integer v = null;
          if (e.isPresent() && e.get() instanceof DatasetOpened o) {
            v = o.getDataset().getVersion();
          } else if (e.isPresent() && e.get() instanceof DatasetSealed s) {
            v = s.getDataset().getVersion();
          }
          if (v != null
              && datasetId.equals(datasetIdOf(e.get()))
              && (newest == null || v > newest)) {
            newest = v;
          }
        }
      }
      return Optional.ofNullable(newest);
    }
  }

  private static String datasetIdOf(Message m) {
    return WatchState.datasetOf(m) == null ? null : WatchState.datasetOf(m).getDatasetId();
  }

  /** True when every partition with records in {@code end} is assigned and read up to it. */
  private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (e.getValue() == 0) {
        continue;
      }
      if (!consumer.assignment().contains(e.getKey())
          || consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private KafkaConsumer<String, byte[]> consumer(String groupId) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    if (groupId != null) {
      c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "trainyard-cli");
    // Pick up topics created after the watch started (the first data set on a fresh broker).
    c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 2000);
    return new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
  }

  static String header(ConsumerRecord<?, ?> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
