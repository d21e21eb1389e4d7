package io.trainyard.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageTokensTest {

  @Test
  void roundTripsTheLastKeyOfItsOwnList() {
    String token = PageTokens.encode("models/m/versions", "42");
    assertThat(token).doesNotContain("=", "+", "/");
    assertThat(PageTokens.decode("models/m/versions", token)).isEqualTo("42");
  }

  @Test
  void emptyTokenIsTheFirstPage() {
    assertThat(PageTokens.decode("models", "")).isNull();
    assertThat(PageTokens.decode("models", null)).isNull();
  }

  @Test
  void refusesGarbageAndOtherListsTokens() {
    String other = PageTokens.encode("models/a/versions", "2");
    assertThatThrownBy(() -> PageTokens.decode("models/b/versions", other))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("INVALID_PAGE_TOKEN");
              assertThat(e.getMessage()).contains("models/b/versions");
            });
    String foreign =
        Base64.getUrlEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
    for (String bad : new String[] {"%%%", "!!", foreign}) {
      assertThatThrownBy(() -> PageTokens.decode("models", bad))
          .as(bad)
          .isInstanceOfSatisfying(
              RegistryException.class,
              e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.INVALID_ARGUMENT));
    }
  }

  @Test
  void pageSizeDefaultsCapsAndRefusesNegatives() {
    assertThat(PageTokens.pageSize(0, 50, 1000)).isEqualTo(50);
    assertThat(PageTokens.pageSize(7, 50, 1000)).isEqualTo(7);
    assertThat(PageTokens.pageSize(1000, 50, 1000)).isEqualTo(1000);
    assertThat(PageTokens.pageSize(5000, 50, 1000)).isEqualTo(1000);
    assertThatThrownBy(() -> PageTokens.pageSize(-1, 50, 1000))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.reason()).isEqualTo("INVALID_PAGE_SIZE"));
  }
}
