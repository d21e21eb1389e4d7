package io.trainyard.toolkit.messaging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

  private static final String JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required"
          + " username=\"trainyard\" password=\"s3cret\";";

  /** What Quarkus' default-kafka-broker map holds for a service configured for SASL over TLS. */
  private static final Map<String, Object> CHANNELS =
      Map.ofEntries(
          Map.entry("bootstrap.servers", "kafka-0:9093,kafka-1:9093"),
          Map.entry("security.protocol", "SASL_SSL"),
          Map.entry("sasl.mechanism", "PLAIN"),
          Map.entry("sasl.jaas.config", JAAS),
          Map.entry("ssl.truststore.location", "/etc/kafka/truststore.p12"),
          Map.entry("ssl.truststore.password", "changeit"),
          Map.entry("receive.buffer.bytes", "-1"),
          Map.entry("max.poll.records", "500"),
          Map.entry("auto.offset.reset", "earliest"),
          Map.entry("acks", "all"),
          Map.entry("linger.ms", "20"),
          Map.entry("client.id", "cleaning"),
          Map.entry("group.id", "cleaning-service"),
          Map.entry("group.instance.id", "cleaning-0"),
          Map.entry("transactional.id", "cleaning-tx"),
          Map.entry("tls-configuration-name", "kafka-tls"),
          Map.entry("apicurio.registry.url", "http://registry:8080"));

  private static final Set<String> CONNECTION =
      Set.of(
          "bootstrap.servers",
          "security.protocol",
          "sasl.mechanism",
          "sasl.jaas.config",
          "ssl.truststore.location",
          "ssl.truststore.password",
          "receive.buffer.bytes");

  @Test
  void consumersAndProducersTakeTheChannelsConnectionAndSecuritySettings() {
    KafkaClients clients = KafkaClients.of(CHANNELS, "cleaning-service");

    Map<String, Object> consumer = clients.consumer("replay", Map.of());
    Map<String, Object> producer = clients.producer("stream-dead-letters", Map.of());

    for (String key : CONNECTION) {
      assertThat(consumer).as("consumer").containsEntry(key, CHANNELS.get(key));
      assertThat(producer).as("producer").containsEntry(key, CHANNELS.get(key));
    }
    // Kafka itself reads them as the channels' clients would.
    assertThat(new ConsumerConfig(withSerdes(consumer)).getString("security.protocol"))
        .isEqualTo("SASL_SSL");
    assertThat(new ProducerConfig(withSerdes(producer)).getPassword("sasl.jaas.config").value())
        .isEqualTo(JAAS);
  }

  @Test
  void eachKindLeavesOutWhatOnlyTheOtherKindKnows() {
    KafkaClients clients = KafkaClients.of(CHANNELS, "p");

    Map<String, Object> consumer = clients.consumer("replay", Map.of());
    Map<String, Object> producer = clients.producer("dlq", Map.of());

    assertThat(consumer)
        .containsEntry("max.poll.records", "500")
        .containsEntry("auto.offset.reset", "earliest")
        .doesNotContainKeys("acks", "linger.ms");
    assertThat(producer)
        .containsEntry("acks", "all")
        .containsEntry("linger.ms", "20")
        .doesNotContainKeys("max.poll.records", "auto.offset.reset");
  }

  @Test
  void settingsNoKafkaClientKnowsAreKeptForThePlugInsThatReadThem() {
    KafkaClients clients = KafkaClients.of(CHANNELS, "p");

    for (Map<String, Object> config :
        List.of(clients.consumer("replay", Map.of()), clients.producer("dlq", Map.of()))) {
      assertThat(config)
          .containsEntry("tls-configuration-name", "kafka-tls")
          .containsEntry("apicurio.registry.url", "http://registry:8080");
    }
  }

  @Test
  void noClientInheritsAnotherOnesIdentityAndEachGetsItsOwnPrefixedId() {
    KafkaClients clients = KafkaClients.of(CHANNELS, "labeling-service");

    Map<String, Object> first = clients.consumer("replay", Map.of());
    Map<String, Object> second = clients.consumer("replay", Map.of());
    Map<String, Object> producer = clients.producer("labeling-stream-dead-letters", Map.of());

    assertThat(first).doesNotContainKeys("group.id", "group.instance.id", "transactional.id");
    assertThat(producer).doesNotContainKeys("group.id", "group.instance.id", "transactional.id");
    assertThat(first).containsEntry("client.id", "labeling-service-replay-1");
    assertThat(second).containsEntry("client.id", "labeling-service-replay-2");
    assertThat(producer)
        .containsEntry("client.id", "labeling-service-labeling-stream-dead-letters-3");
  }

  @Test
  void aClientsOwnSettingsGoOnTop() {
    KafkaClients clients = KafkaClients.of(CHANNELS, "p");

    Map<String, Object> consumer =
        clients.consumer(
            "stream",
            Map.of(
                "group.id", "trainyard-cleaning-stream",
                "max.poll.records", 16,
                "auto.offset.reset", "latest"));

    assertThat(consumer)
        .containsEntry("group.id", "trainyard-cleaning-stream")
        .containsEntry("max.poll.records", 16)
        .containsEntry("auto.offset.reset", "latest")
        .containsEntry("sasl.jaas.config", JAAS);
  }

  @Test
  void aServicesClientIdsStartWithItsConfiguredClientIdOrElseItsName() {
    Map<String, Object> named =
        KafkaClients.forChannels(CHANNELS, "cleaning-service").consumer("replay", Map.of());
    Map<String, Object> unnamed =
        KafkaClients.forChannels(Map.of("bootstrap.servers", "k:9092"), "cleaning-service")
            .consumer("replay", Map.of());

    assertThat(named).containsEntry("client.id", "cleaning-replay-1");
    assertThat(unnamed).containsEntry("client.id", "cleaning-service-replay-1");
  }

  @Test
  void aPrefixIsRequired() {
    assertThatThrownBy(() -> KafkaClients.of(CHANNELS, " "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRangeReadersConsumerIsBuiltFromTheSharedSettings() {
    // A JAAS entry Kafka cannot parse: the consumer fails as it is built (before any connection),
    // which shows the reader handed it the shared settings. A reader that ignored them would fail
    // differently or not at all.
    RangeReader reader =
        new RangeReader(
            KafkaClients.of(
                Map.of(
                    "bootstrap.servers", "127.0.0.1:9",
                    "security.protocol", "SASL_PLAINTEXT",
                    "sasl.mechanism", "PLAIN",
                    "sasl.jaas.config", "NotALoginModule"),
                "test"));

    assertThatThrownBy(() -> reader.readRecords(List.of(), "k", r -> true))
        .hasStackTraceContaining("JAAS");
  }

  @Test
  void everyKafkaClientTheToolkitBuildsTakesItsSettingsFromKafkaClients() throws Exception {
    // The toolkit's own classes are all the rule looks at; resolving Kafka's and protobuf's from
    // the classpath would only make the import slow.
    ArchConfiguration archUnit = ArchConfiguration.get();
    boolean resolve = archUnit.resolveMissingDependenciesFromClassPath();
    archUnit.setResolveMissingDependenciesFromClassPath(false);
    try {
      classes()
          .that(buildAKafkaClient())
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(KafkaClients.class)
          .because("bulk clients take the channels' settings (bootstrap, security, client ids)")
          .check(
              new ClassFileImporter()
                  .importPath(
                      Path.of(
                          KafkaClients.class
                              .getProtectionDomain()
                              .getCodeSource()
                              .getLocation()
                              .toURI())));
    } finally {
      archUnit.setResolveMissingDependenciesFromClassPath(resolve);
    }
  }

  private static DescribedPredicate<JavaClass> buildAKafkaClient() {
    Set<String> clients =
        Set.of(
            "org.apache.kafka.clients.consumer.KafkaConsumer",
            "org.apache.kafka.clients.producer.KafkaProducer");
    Set<String> admins =
        Set.of(
            "org.apache.kafka.clients.admin.Admin", "org.apache.kafka.clients.admin.AdminClient");
    return DescribedPredicate.describe(
        "build a Kafka consumer, producer or admin client",
        c ->
            c.getConstructorCallsFromSelf().stream()
                    .anyMatch(call -> clients.contains(call.getTargetOwner().getName()))
                || c.getMethodCallsFromSelf().stream()
                    .anyMatch(
                        call ->
                            admins.contains(call.getTargetOwner().getName())
                                && call.getName().equals("create")));
  }

  private static Map<String, Object> withSerdes(Map<String, Object> config) {
    Map<String, Object> c = new java.util.HashMap<>(config);
    c.put("key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class);
    c.put("value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class);
    c.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class);
    c.put("value.serializer", org.apache.kafka.common.serialization.StringSerializer.class);
    return c;
  }
}
