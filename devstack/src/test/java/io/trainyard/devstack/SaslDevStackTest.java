package io.trainyard.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A devstack whose broker takes SASL_PLAINTEXT (PLAIN) connections only. */
class SaslDevStackTest {

  private static DevStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = DevStack.startWithSasl(Files.createTempDirectory("ds-sasl-"));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void itsClientSettingsNameTheListenerAndTheUser() {
    assertThat(stack.kafkaClientConfig())
        .containsEntry("bootstrap.servers", stack.bootstrapServers())
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "PLAIN")
        .hasEntrySatisfying(
            "sasl.jaas.config", jaas -> assertThat(jaas).contains("username=\"trainyard\""));
  }

  @Test
  void aClientWithTheStacksSettingsCreatesTopicsAndProduces() throws Exception {
    String topic = "sasl-test-" + UUID.randomUUID();
    stack.createTopics(List.of(topic));

    Map<String, Object> config = new HashMap<>(stack.kafkaClientConfig());
    config.put("acks", "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      assertThat(producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS))
          .satisfies(sent -> assertThat(sent.offset()).isZero());
    }
  }

  @Test
  void aClientWithoutCredentialsGetsNothing() {
    // The broker drops a connection that skips the SASL handshake: the client never learns a
    // thing about the cluster, and its call times out.
    assertThatThrownBy(() -> listTopics(Map.of("bootstrap.servers", stack.bootstrapServers())))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class);
  }

  @Test
  void aClientWithAWrongPasswordIsRefused() {
    Map<String, Object> config = new HashMap<>(stack.kafkaClientConfig());
    config.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"trainyard\" password=\"wrong\";");

    assertThatThrownBy(() -> listTopics(config))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(SaslAuthenticationException.class);
  }

  private static void listTopics(Map<String, ?> settings) throws Exception {
    Map<String, Object> config = new HashMap<>(settings);
    config.put("default.api.timeout.ms", 3000);
    config.put("request.timeout.ms", 3000);
    try (Admin admin = Admin.create(config)) {
      admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }
  }
}
