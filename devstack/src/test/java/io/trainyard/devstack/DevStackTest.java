package io.trainyard.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class DevStackTest {

  @Test
  void brokerAcceptsAndServesRecords() throws Exception {
    Stack stack = DevStack.shared();
    String topic = "devstack-test-" + UUID.randomUUID();
    Map<String, Object> producerConfig =
        Map.of(
            "bootstrap.servers", stack.bootstrapServers(),
            "acks", "all",
            "key.serializer", StringSerializer.class.getName(),
            "value.serializer", StringSerializer.class.getName());
    RecordMetadata sent;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
      sent = producer.send(new ProducerRecord<>(topic, "k", "hello")).get(30, TimeUnit.SECONDS);
    }
    assertThat(sent.offset()).isZero();

    Map<String, Object> consumerConfig =
        Map.of(
            "bootstrap.servers", stack.bootstrapServers(),
            "group.id", "devstack-test",
            "auto.offset.reset", "earliest",
            "key.deserializer", StringDeserializer.class.getName(),
            "value.deserializer", StringDeserializer.class.getName());
    List<ConsumerRecord<String, String>> got = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
      consumer.subscribe(List.of(topic));
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(got::add);
                return !got.isEmpty();
              });
    }
    assertThat(got.get(0).value()).isEqualTo("hello");
  }

  @Test
  void createsTopicsOnceAndLeavesExistingOnesAlone() throws Exception {
    Stack stack = DevStack.shared();
    String a = "devstack-topic-" + UUID.randomUUID();
    String b = "devstack-topic-" + UUID.randomUUID();
    stack.createTopics(List.of(a));
    stack.createTopics(List.of(a, b, b));
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(
            Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      var topics = admin.describeTopics(List.of(a, b)).allTopicNames().get(30, TimeUnit.SECONDS);
      assertThat(topics).containsOnlyKeys(a, b);
      assertThat(topics.get(a).partitions()).hasSize(1);
    }
  }

  @Test
  void storeSpeaksTheMongoWireProtocolToTheOfficialDriver() {
    Stack stack = DevStack.shared();
    try (MongoClient client = MongoClients.create(stack.mongoUri())) {
      MongoCollection<Document> c = client.getDatabase("devstack_test").getCollection("things");
      c.insertOne(new Document("_id", "a").append("n", 1));
      assertThat(c.find(new Document("_id", "a")).first()).containsEntry("n", 1);
    }
  }

  @Test
  void sharedStackIsOnePerJvmAndStopsOnClose() throws Exception {
    assertThat(DevStack.shared()).isSameAs(DevStack.shared());
    DevStack own = DevStack.start(java.nio.file.Files.createTempDirectory("ds-"), false);
    List<Long> pids = own.pids();
    assertThat(pids).hasSize(1);
    own.close();
    assertThat(ProcessHandle.of(pids.get(0)).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }
}
