package io.trainyard.devstack;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka and MongoDB from Testcontainers, for machines with a Docker engine. The images are the
 * versions the Kubernetes overlays deploy.
 */
final class ContainerStack implements Stack {

  private final KafkaContainer kafka;
  private final MongoDBContainer mongo;

  private ContainerStack(KafkaContainer kafka, MongoDBContainer mongo) {
    this.kafka = kafka;
    this.mongo = mongo;
  }

  static ContainerStack start() {
    KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.2"));
    MongoDBContainer mongo = new MongoDBContainer(DockerImageName.parse("mongo:8.0"));
    kafka.start();
    mongo.start();
    return new ContainerStack(kafka, mongo);
  }

  @Override
  public String bootstrapServers() {
    return kafka.getBootstrapServers();
  }

  @Override
  public String mongoUri() {
    return mongo.getConnectionString();
  }

  @Override
  public void close() {
    mongo.stop();
    kafka.stop();
  }
}
