package io.trainyard.devstack;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Topic provisioning on a stack's broker. */
final class TopicProvisioner {

  private TopicProvisioner() {}

  static void create(Map<String, String> clientConfig, Collection<String> names) {
    try (Admin admin = Admin.create(Map.<String, Object>copyOf(clientConfig))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          names.stream()
              .distinct()
              .filter(name -> !existing.contains(name))
              .map(name -> new NewTopic(name, Optional.empty(), Optional.empty()))
              .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
    } catch (ExecutionException e) {
      if (!(e.getCause()
          instanceof org.apache.kafka.common.errors.TopicExistsException)) { // a concurrent creator
        throw new IllegalStateException("could not create topics " + names, e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("the broker did not create topics " + names + " in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }
}
