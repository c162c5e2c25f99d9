package io.meshwatch.worker.bench;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataBenchTest {

  private final PrintStream sink = new PrintStream(new ByteArrayOutputStream());

  @Test
  void badOptionsAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> new MetadataBench(List.of(), Duration.ofMinutes(5), sink, sink))
        .hasMessage("--products must list one or more counts of at least 1, such as 10,100,1000");
    assertThatThrownBy(() -> new MetadataBench(List.of(10, 0), Duration.ofMinutes(5), sink, sink))
        .hasMessageStartingWith("--products must list");
    assertThatThrownBy(() -> new MetadataBench(List.of(10), Duration.ofSeconds(4), sink, sink))
        .hasMessage("--poll must be at least 5s");
  }
}
