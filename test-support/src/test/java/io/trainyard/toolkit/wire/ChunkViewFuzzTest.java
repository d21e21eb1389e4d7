package io.trainyard.toolkit.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.trainyard.contracts.events.v1.NumericColumn;
import io.trainyard.contracts.events.v1.RowChunk;
import io.trainyard.testsupport.RandomChunks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzz: valid chunks with bytes flipped, cut short, inserted or deleted, a length prefix
 * changed, or a field repeated. Whatever the bytes, {@link ChunkView} ends in one of two ways: it
 * refuses them with an {@link IllegalArgumentException} that says why, or it reads exactly the
 * values {@code RowChunk.parseFrom} gives for them (which must then accept them too). Never another
 * exception, never a case that takes longer than {@link #CASE_SECONDS}, never a wrong value. Each
 * case runs on a worker thread so that a hang fails the test instead of stalling it. The cases are
 * fixed by {@link #SEED} ({@code -Dtrainyard.fuzz.seed} picks another); a failure names the case.
 */
class ChunkViewFuzzTest {

  private static final long SEED = Long.getLong("trainyard.fuzz.seed", 12L);
  private static final int CHUNKS = 2_000;
  private static final int MUTATIONS = 16;
  private static final int CASE_SECONDS = 5;

  /** Which way a case ended. */
  private enum Outcome {
    REFUSED,
    READ
  }

  @Test
  void mutatedChunksAreRefusedWithAReasonOrReadAsTheGeneratedParserReadsThem() throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    Map<String, Integer> outcomes = new TreeMap<>();
    ExecutorService worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "chunk-fuzz");
              t.setDaemon(true); // a hung case must not keep the JVM alive
              return t;
            });
    try {
      for (int c = 0; c < CHUNKS; c++) {
        // Chunks of up to a few dozen rows: mutations then hit every part of them.
        SplittableRandom chunkRandom = new SplittableRandom(random.nextLong());
        RowChunk chunk = RandomChunks.chunk(chunkRandom, chunkRandom.nextInt(40));
        byte[] valid = chunk.toByteArray();
        Layout layout = Layout.of(valid);
        for (int m = 0; m < MUTATIONS; m++) {
          Mutation mutation = mutate(random, valid, layout);
          Future<Outcome> result = worker.submit(() -> check(mutation.bytes()));
          try {
            Outcome outcome = result.get(CASE_SECONDS, TimeUnit.SECONDS);
            outcomes.merge(mutation.kind() + " " + outcome, 1, Integer::sum);
          } catch (TimeoutException e) {
            fail("no outcome within %d s for %s", CASE_SECONDS, mutation);
          } catch (ExecutionException e) {
            throw new AssertionError(mutation + ": " + e.getCause(), e.getCause());
          }
        }
      }
    } finally {
      worker.shutdownNow();
    }
    // Both ends are reached by every kind of mutation the bytes allow.
    assertThat(outcomes)
        .containsKeys(
            "flip REFUSED",
            "flip READ",
            "cut REFUSED",
            "cut READ",
            "insert REFUSED",
            "insert READ",
            "delete REFUSED",
            "delete READ",
            "length REFUSED",
            "length READ",
            "repeat READ");
  }

  /** The case's end: a refusal with a reason, or the generated parser's values. */
  private static Outcome check(byte[] bytes) throws Exception {
    // In place, after and before other bytes, as a fetched record is parsed.
    byte[] fetched = new byte[bytes.length + 11];
    Arrays.fill(fetched, (byte) 0xA5);
    System.arraycopy(bytes, 0, fetched, 5, bytes.length);
    ChunkView view;
    try {
      view = ChunkView.parse(fetched, 5, 5 + bytes.length);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).as("the reason of a refusal").isNotBlank();
      return Outcome.REFUSED;
    }
    RowChunk parsed;
    try {
      parsed = RowChunk.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("read bytes the generated parser refuses (" + e.getMessage() + ")");
    }
    ChunkValues.assertSame(view, parsed);
    return Outcome.READ;
  }

  /** A mutated chunk: what was done to it, and the bytes. */
  private record Mutation(String kind, String how, byte[] bytes) {
    @Override
    public String toString() {
      return kind + " (" + how + "): " + HexFormat.of().formatHex(bytes);
    }
  }

  private static Mutation mutate(SplittableRandom random, byte[] valid, Layout layout)
      throws IOException {
    int n = valid.length;
    int kind = n == 0 ? 3 : random.nextInt(6); // nothing to flip, cut or delete in no bytes
    switch (kind) {
      case 1 -> {
        byte[] b = valid.clone();
        int flips = 1 + random.nextInt(3);
        StringBuilder how = new StringBuilder();
        for (int i = 0; i < flips; i++) {
          int at = random.nextInt(n);
          b[at] =
              random.nextBoolean()
                  ? (byte) random.nextInt(256)
                  : (byte) (b[at] ^ 1 << random.nextInt(8));
          how.append(at).append(' ');
        }
        return new Mutation("flip", "at " + how.toString().trim(), b);
      }
      case 2 -> {
        int length = random.nextInt(n);
        return new Mutation("cut", "to " + length, Arrays.copyOf(valid, length));
      }
      case 3 -> {
        int at = random.nextInt(n + 1); // n == 0 comes here too
        byte[] extra = new byte[1 + random.nextInt(8)];
        random.nextBytes(extra);
        return new Mutation("insert", extra.length + " at " + at, splice(valid, at, at, extra));
      }
      case 4 -> {
        int at = random.nextInt(n);
        int to = Math.min(n, at + 1 + random.nextInt(8));
        return new Mutation(
            "delete", "[" + at + ", " + to + ")", splice(valid, at, to, new byte[0]));
      }
      case 5 -> {
        if (layout.lengths().isEmpty()) {
          return mutate(random, valid, layout);
        }
        int[] prefix = layout.lengths().get(random.nextInt(layout.lengths().size()));
        long value =
            switch (random.nextInt(5)) {
              case 0 -> prefix[2] + 1 + random.nextInt(3);
              case 1 -> prefix[2] - 1 - random.nextInt(3);
              case 2 -> 0;
              case 3 -> random.nextInt(2 * n + 1);
              default -> random.nextBoolean() ? Integer.MAX_VALUE : -1 - random.nextInt(100);
            };
        return new Mutation(
            "length",
            "at " + prefix[0] + " from " + prefix[2] + " to " + value,
            splice(valid, prefix[0], prefix[0] + prefix[1], varint(value)));
      }
      default -> {
        if (layout.fields().isEmpty()) {
          return mutate(random, valid, layout);
        }
        // A field again, right after itself, now and then with another value: a second data set,
        // run of ids, packing or label merges into or adds to the first, or a later value wins,
        // as the generated parser has it. The lengths of the messages around it grow to hold it,
        // innermost first.
        Field field = layout.fields().get(random.nextInt(layout.fields().size()));
        byte[] copy = Arrays.copyOfRange(valid, field.start(), field.end());
        if (random.nextBoolean()) {
          if (field.varint()) {
            copy[copy.length - 1] = (byte) random.nextInt(0x80); // the varint still ends there
          } else if (field.end() > field.value()) {
            copy[field.value() - field.start() + random.nextInt(field.end() - field.value())] =
                (byte) random.nextInt(256);
          }
        }
        byte[] b = splice(valid, field.end(), field.end(), copy);
        long grown = field.end() - field.start();
        for (int k = field.around().size() - 1; k >= 0; k--) {
          int[] prefix = field.around().get(k);
          byte[] varint = varint(prefix[2] + grown);
          b = splice(b, prefix[0], prefix[0] + prefix[1], varint);
          grown += varint.length - prefix[1];
        }
        return new Mutation(
            "repeat",
            "[" + field.start() + ", " + field.end() + ") at depth " + field.around().size(),
            b);
      }
    }
  }

  private static byte[] varint(long value) throws IOException {
    byte[] varint = new byte[CodedOutputStream.computeInt64SizeNoTag(value)];
    CodedOutputStream.newInstance(varint).writeInt64NoTag(value);
    return varint;
  }

  /** {@code b} with {@code [from, to)} replaced by {@code with}. */
  private static byte[] splice(byte[] b, int from, int to, byte[] with) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(b, 0, from);
    out.writeBytes(with);
    out.write(b, to, b.length - to);
    return out.toByteArray();
  }

  /**
   * A field of a valid chunk: [start, end), where its value starts (after the tag and any length),
   * whether it is a varint, and the length prefixes of the messages around it.
   */
  private record Field(int start, int end, int value, boolean varint, List<int[]> around) {}

  /**
   * Where a valid chunk's parts are: each field at every depth that the schema nests, and each
   * length prefix as {position, bytes, value}.
   */
  private record Layout(List<Field> fields, List<int[]> lengths) {

    /** Fields whose values are messages: RowChunk's, then a NumericColumn's. */
    private static final int[] CHUNK_MESSAGES = {
      RowChunk.DATASET_FIELD_NUMBER,
      RowChunk.NUMERIC_FIELD_NUMBER,
      RowChunk.CATEGORICAL_FIELD_NUMBER,
      RowChunk.LISTED_FIELD_NUMBER,
      RowChunk.CONSECUTIVE_FIELD_NUMBER
    };

    private static final int[] COLUMN_MESSAGES = {
      NumericColumn.DOUBLES_FIELD_NUMBER,
      NumericColumn.FLOATS_FIELD_NUMBER,
      NumericColumn.PACKED_FIELD_NUMBER
    };

    static Layout of(byte[] valid) throws IOException {
      Layout layout = new Layout(new ArrayList<>(), new ArrayList<>());
      layout.walk(valid, 0, valid.length, List.of(), 0);
      return layout;
    }

    private void walk(byte[] b, int from, int to, List<int[]> around, int parent)
        throws IOException {
      CodedInputStream in = CodedInputStream.newInstance(b, from, to - from);
      while (true) {
        int start = from + in.getTotalBytesRead();
        int tag = in.readTag();
        if (tag == 0) {
          return;
        }
        int value = from + in.getTotalBytesRead();
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          in.skipField(tag);
        } else {
          int at = from + in.getTotalBytesRead();
          int length = in.readRawVarint32();
          int body = from + in.getTotalBytesRead();
          value = body;
          int[] prefix = {at, body - at, length};
          lengths.add(prefix);
          int field = WireFormat.getTagFieldNumber(tag);
          boolean nested =
              around.isEmpty()
                  ? contains(CHUNK_MESSAGES, field)
                  : around.size() == 1
                      && parent == RowChunk.NUMERIC_FIELD_NUMBER
                      && contains(COLUMN_MESSAGES, field);
          if (nested) {
            List<int[]> inside = new ArrayList<>(around);
            inside.add(prefix);
            walk(b, body, body + length, inside, field);
          }
          in.skipRawBytes(length);
        }
        boolean varint = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT;
        fields.add(new Field(start, from + in.getTotalBytesRead(), value, varint, around));
      }
    }

    private static boolean contains(int[] fields, int field) {
      for (int f : fields) {
        if (f == field) {
          return true;
        }
      }
      return false;
    }
  }
}
