package io.trainyard.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page tokens (AIP-158) and page sizes. A token names the collection it was issued for and
 * the last key of the page it ends, in URL-safe base64, so it survives a query string unescaped and
 * a token from one model's list cannot page through another's.
 */
public final class PageTokens {

  public static final String INVALID_PAGE_TOKEN = "INVALID_PAGE_TOKEN";
  public static final String INVALID_PAGE_SIZE = "INVALID_PAGE_SIZE";

  private static final String PREFIX = "v1|";

  private PageTokens() {}

  /** A token continuing after {@code lastKey} in {@code collection}. */
  public static String encode(String collection, String lastKey) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + collection + "|" + lastKey).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The last key carried by {@code token}, or null for an empty token (the first page).
   *
   * @throws RegistryException INVALID_ARGUMENT when the token is garbage or belongs to another
   *     collection
   */
  public static String decode(String collection, String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalidToken("page_token is not a token this registry issued");
    }
    String expected = PREFIX + collection + "|";
    if (!text.startsWith(PREFIX)) {
      throw invalidToken("page_token is not a token this registry issued");
    }
    if (!text.startsWith(expected) || text.length() == expected.length()) {
      throw invalidToken("page_token was issued for another list than " + collection);
    }
    return text.substring(expected.length());
  }

  /**
   * The page size to use: {@code defaultSize} for 0, at most {@code maxSize}; negative sizes are
   * refused.
   */
  public static int pageSize(int requested, int defaultSize, int maxSize) {
    if (requested < 0) {
      throw RegistryException.invalid(
          INVALID_PAGE_SIZE, "page_size must not be negative, got " + requested);
    }
    if (requested == 0) {
      return defaultSize;
    }
    return Math.min(requested, maxSize);
  }

  private static RegistryException invalidToken(String message) {
    return RegistryException.invalid(INVALID_PAGE_TOKEN, message);
  }
}
