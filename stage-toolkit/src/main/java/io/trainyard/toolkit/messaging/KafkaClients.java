package io.trainyard.toolkit.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jboss.logging.Logger;

/**
 * The settings of the Kafka clients a stage builds beside its channels (a {@link ChunkStream}'s
 * consumer and dead-letter producer, a {@link RangeReader}'s consumers), from the one source the
 * channels read: the global Kafka configuration, every {@code kafka.*} property without its prefix
 * (Quarkus gives it as the {@code @Identifier("default-kafka-broker") Map<String, Object>} bean,
 * which SmallRye's connector merges into every channel). So bootstrap servers, {@code
 * security.protocol}, SASL, TLS and any other client setting configured for the channels hold on
 * the bulk path too. A service's bean of it comes from {@link KafkaClientsProducer}.
 *
 * <p>A client's configuration is built in three layers:
 *
 * <ol>
 *   <li>every shared setting, except those only another kind of client knows (a producer's {@code
 *       acks} is left out of a consumer, a consumer's {@code auto.offset.reset} out of a producer)
 *       and those that name one client or group rather than the service's connection ({@code
 *       client.id}, {@code group.id}, {@code group.instance.id}, {@code transactional.id}). Keys
 *       that no Kafka client knows are kept: the clients hand them to their plug-ins (Quarkus' TLS
 *       registry's {@code tls-configuration-name}, login callbacks, serdes), as the channels do;
 *   <li>{@code client.id} = {@code <prefix>-<purpose>-<n>}, so that the bulk clients are told apart
 *       in the broker's logs and metrics (the number keeps the ids of clients alive at once apart,
 *       as Kafka's own metrics need);
 *   <li>the client's own settings for its purpose (deserializers, group, fetch sizes): they win,
 *       and where one replaces a different shared value the first time, that is logged.
 * </ol>
 */
public final class KafkaClients {

  private static final Logger LOG = Logger.getLogger(KafkaClients.class);

  /** Settings that name one client, group or member: never shared between clients. */
  static final Set<String> IDENTITY =
      Set.of(
          CommonClientConfigs.CLIENT_ID_CONFIG,
          CommonClientConfigs.GROUP_ID_CONFIG,
          CommonClientConfigs.GROUP_INSTANCE_ID_CONFIG,
          ProducerConfig.TRANSACTIONAL_ID_CONFIG);

  private final Map<String, Object> shared;
  private final String prefix;
  private final AtomicInteger clients = new AtomicInteger();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  private KafkaClients(Map<String, ?> shared, String prefix) {
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("a client id prefix is required");
    }
    this.shared = Map.copyOf(Objects.requireNonNull(shared, "shared settings"));
    this.prefix = prefix;
  }

  /**
   * The clients of a stage: {@code shared} is the channels' global Kafka configuration (keys
   * without the {@code kafka.} prefix); client ids start with {@code clientIdPrefix}.
   */
  public static KafkaClients of(Map<String, ?> shared, String clientIdPrefix) {
    return new KafkaClients(shared, clientIdPrefix);
  }

  /**
   * The clients of a service whose channels read {@code defaultKafkaBroker} (Quarkus' {@code
   * default-kafka-broker} map): client ids start with the {@code client.id} configured there
   * ({@code kafka.client.id}), or else with {@code applicationName}.
   */
  public static KafkaClients forChannels(
      Map<String, ?> defaultKafkaBroker, String applicationName) {
    Object clientId = defaultKafkaBroker.get(CommonClientConfigs.CLIENT_ID_CONFIG);
    String prefix =
        clientId == null || clientId.toString().isBlank() ? applicationName : clientId.toString();
    KafkaClients clients = new KafkaClients(defaultKafkaBroker, prefix);
    Set<String> taken = new TreeSet<>(clients.shared.keySet());
    Set<String> own = new TreeSet<>(IDENTITY);
    own.retainAll(taken);
    taken.removeAll(IDENTITY);
    LOG.infof(
        "bulk Kafka clients %s-*: the channels' %s%s",
        prefix, taken, own.isEmpty() ? "" : " (not " + own + ": each client has its own)");
    return clients;
  }

  /**
   * The configuration of a consumer for {@code purpose} (part of its client id), {@code own} on
   * top.
   */
  public Map<String, Object> consumer(String purpose, Map<String, ?> own) {
    return build(ConsumerConfig.configNames(), purpose, own);
  }

  /**
   * The configuration of a producer for {@code purpose} (part of its client id), {@code own} on
   * top.
   */
  public Map<String, Object> producer(String purpose, Map<String, ?> own) {
    return build(ProducerConfig.configNames(), purpose, own);
  }

  private Map<String, Object> build(Set<String> known, String purpose, Map<String, ?> own) {
    Map<String, Object> config = new HashMap<>();
    shared.forEach(
        (key, value) -> {
          if (!IDENTITY.contains(key) && (known.contains(key) || !anyClientKnows(key))) {
            config.put(key, value);
          }
        });
    config.put(
        CommonClientConfigs.CLIENT_ID_CONFIG,
        prefix + "-" + purpose + "-" + clients.incrementAndGet());
    own.forEach(
        (key, value) -> {
          Object before = config.put(key, value);
          if (before != null
              && !before.toString().equals(String.valueOf(value))
              && reported.add(purpose + " " + key)) {
            LOG.infof(
                "%s: %s=%s for this client instead of the shared %s", purpose, key, value, before);
          }
        });
    return config;
  }

  /** Whether {@code key} is a setting of some kind of Kafka client (not a plug-in's own). */
  private static boolean anyClientKnows(String key) {
    return ConsumerConfig.configNames().contains(key)
        || ProducerConfig.configNames().contains(key)
        || AdminClientConfig.configNames().contains(key);
  }
}
