package io.eventsync.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SealedLineTest {
  @Test
  void writesTheBytesTheJsonWriterWrites() throws Exception {
    List<String> uuids =
        IntStream.range(0, 500).mapToObj(i -> UUID.randomUUID().toString()).toList();
    for (Checkpoint checkpoint :
        List.of(
            Checkpoint.initial(),
            Checkpoint.of("ack-1", List.of(), 0),
            Checkpoint.of(null, List.of("e-1"), 7),
            Checkpoint.of(
                "2026-12-01T05:30:00.123Z",
                List.of("a", "b", " ~!#$%&'()*+,-./:;<=>?@[]^_`{|}"),
                1),
            Checkpoint.of("ack", uuids, Long.MAX_VALUE))) {
      String[] ids = checkpoint.doneIdArray();
      byte[] expected =
          FileCursorStore.sealedLineWithJsonWriter(
              "tiki-queue-q", checkpoint.position(), ids, checkpoint);

      assertThat(
              SealedLine.sealed("tiki-queue-q", checkpoint.position(), ids, checkpoint.version()))
          .isEqualTo(expected);
      assertThat(FileCursorStore.sealedLine("tiki-queue-q", checkpoint)).isEqualTo(expected);
    }
  }

  @Test
  void leavesStringsThatNeedEscapingOrAreNotAsciiToTheJsonWriter() throws Exception {
    for (String odd : List.of("quote\"", "back\\slash", "tab\t", "é", "\u2028", "del\u007f")) {
      Checkpoint checkpoint = Checkpoint.of(odd, List.of("e-" + odd), 3);

      assertThat(SealedLine.sealed("s", odd, checkpoint.doneIdArray(), 3)).isNull();
      assertThat(SealedLine.sealed(odd, "p", new String[0], 3)).isNull();
      assertThat(new String(FileCursorStore.sealedLine("s", checkpoint), StandardCharsets.UTF_8))
          .startsWith("{\"crc32c\":\"")
          .endsWith(",\"version\":3}\n");
    }
  }
}
