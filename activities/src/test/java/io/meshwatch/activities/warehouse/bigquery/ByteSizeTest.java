package io.meshwatch.activities.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

  @Test
  void readsBytesAndDecimalAndBinaryUnits() {
    assertThat(ByteSize.parse("10737418240")).contains(10_737_418_240L);
    assertThat(ByteSize.parse("500MB")).contains(500_000_000L);
    assertThat(ByteSize.parse("10 GiB")).contains(10_737_418_240L);
    assertThat(ByteSize.parse("1tb")).contains(1_000_000_000_000L);
    assertThat(ByteSize.parse("2TiB")).contains(2L << 40);
  }

  @Test
  void refusesWhatIsNotAWholeAmount() {
    assertThat(ByteSize.parse("1.5GB")).isEmpty();
    assertThat(ByteSize.parse("-1")).isEmpty();
    assertThat(ByteSize.parse("10 parsecs")).isEmpty();
    assertThat(ByteSize.parse("9999999999999TiB")).isEmpty();
    assertThat(ByteSize.parse(null)).isEmpty();
  }

  @Test
  void showsBinaryUnitsWithTheExactCount() {
    assertThat(ByteSize.format(512)).isEqualTo("512 bytes");
    assertThat(ByteSize.format(10L << 20)).isEqualTo("10.0 MiB (10485760 bytes)");
    assertThat(ByteSize.format(3_000_000_000L)).isEqualTo("2.8 GiB (3000000000 bytes)");
  }
}
