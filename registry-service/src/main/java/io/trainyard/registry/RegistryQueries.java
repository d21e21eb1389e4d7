package io.trainyard.registry;

import io.trainyard.registry.ResourceNames.Aliased;
import io.trainyard.registry.ResourceNames.Numbered;
import io.trainyard.registry.ResourceNames.VersionRef;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The registry's read side, shared by the gRPC and REST edges: looks models and versions up,
 * resolves aliases, pages through lists, and says why when it cannot.
 */
public final class RegistryQueries {

  public static final String MODEL_NOT_FOUND = "MODEL_NOT_FOUND";
  public static final String VERSION_NOT_FOUND = "VERSION_NOT_FOUND";
  public static final String ALIAS_NOT_FOUND = "ALIAS_NOT_FOUND";

  private static final String MODELS_LIST = "models";

  private final RegistryStore store;
  private final int defaultPageSize;
  private final int maxPageSize;

  public RegistryQueries(RegistryStore store, int defaultPageSize, int maxPageSize) {
    this.store = store;
    this.defaultPageSize = defaultPageSize;
    this.maxPageSize = maxPageSize;
  }

  /** A model by id. */
  public ModelRecord getModel(String model) {
    ResourceNames.checkModelId(model);
    return store
        .findModel(model)
        .orElseThrow(
            () ->
                RegistryException.notFound(
                    MODEL_NOT_FOUND, "model '" + model + "' is not registered"));
  }

  /** Models in name order. */
  public Page<ModelRecord> listModels(int pageSize, String pageToken) {
    int size = PageTokens.pageSize(pageSize, defaultPageSize, maxPageSize);
    String after = PageTokens.decode(MODELS_LIST, pageToken);
    List<ModelRecord> found = store.listModels(after, size + 1);
    boolean more = found.size() > size;
    List<ModelRecord> page = more ? found.subList(0, size) : found;
    String next = more ? PageTokens.encode(MODELS_LIST, page.get(page.size() - 1).name()) : "";
    return new Page<>(page, next);
  }

  /** A version by number or alias. */
  public RegisteredVersion getVersion(VersionRef ref) {
    ModelRecord model = getModel(ref.model());
    long number;
    if (ref instanceof Numbered n) {
      number = n.version();
    } else {
      Aliased a = (Aliased) ref;
      Long target = model.aliases().get(a.alias());
      if (target == null) {
        throw RegistryException.notFound(
            ALIAS_NOT_FOUND,
            "model '"
                + model.name()
                + "' has no alias '"
                + a.alias()
                + "' (aliases: "
                + String.join(", ", model.aliases().keySet())
                + ")");
      }
      number = target;
    }
    VersionRecord version =
        store
            .findVersion(model.name(), number)
            .orElseThrow(
                () ->
                    RegistryException.notFound(
                        VERSION_NOT_FOUND,
                        "model '"
                            + model.name()
                            + "' has no version "
                            + number
                            + " (latest is "
                            + model.latestVersion()
                            + ")"));
    return new RegisteredVersion(version, aliasesOf(model, number));
  }

  /** Versions of a model in ascending order. */
  public Page<RegisteredVersion> listVersions(String modelId, int pageSize, String pageToken) {
    ModelRecord model = getModel(modelId);
    int size = PageTokens.pageSize(pageSize, defaultPageSize, maxPageSize);
    String listName = ResourceNames.modelName(model.name()) + "/versions";
    String afterText = PageTokens.decode(listName, pageToken);
    long after;
    try {
      after = afterText == null ? 0 : Long.parseLong(afterText);
    } catch (NumberFormatException e) {
      throw RegistryException.invalid(
          PageTokens.INVALID_PAGE_TOKEN, "page_token is not a token this registry issued");
    }
    List<VersionRecord> found = store.listVersions(model.name(), after, size + 1);
    boolean more = found.size() > size;
    List<VersionRecord> page = more ? found.subList(0, size) : found;
    String next =
        more ? PageTokens.encode(listName, Long.toString(page.get(page.size() - 1).version())) : "";
    return new Page<>(
        page.stream().map(v -> new RegisteredVersion(v, aliasesOf(model, v.version()))).toList(),
        next);
  }

  /** The aliases of {@code model} that point at {@code version}, sorted. */
  static List<String> aliasesOf(ModelRecord model, long version) {
    return model.aliases().entrySet().stream()
        .filter(e -> e.getValue() == version)
        .map(Map.Entry::getKey)
        .sorted()
        .collect(Collectors.toList());
  }
}
