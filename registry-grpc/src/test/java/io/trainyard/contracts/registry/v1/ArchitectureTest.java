package io.trainyard.contracts.registry.v1;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** ArchUnit directly, as in contracts: this module is the contract's gRPC half. */
class ArchitectureTest {

  // This module's own classes (its package is shared with the contract's messages).
  private static final JavaClasses STUBS =
      new ClassFileImporter().importPath(Path.of("target", "classes"));

  @Test
  void theStubsUseOnlyTheContractAndGrpc() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.trainyard.contracts..",
            "java..",
            "com.google.protobuf..",
            "io.grpc..",
            // The future stub's ListenableFuture: part of grpc-java's own API.
            "com.google.common.util.concurrent..")
        .because(
            "clients, the CLI among them, take these stubs to call the registry: generated code on"
                + " the contract and grpc-java, with no runtime of the platform")
        .check(STUBS);
  }
}
