package io.meshwatch.worker.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportFormatTest {

  @ParameterizedTest
  @CsvSource({"0, 0s", "44.6, 45s", "59.4, 59s", "60, 1m", "900, 15m", "3600, 1h", "8100, 2h 15m", "47250, 13h 07m", "86400, 24h",
      "273600, 3d 4h"})
  void durationsAreSaidAsPeopleSayThem(double seconds, String text) {
    assertThat(ReportFormat.duration(seconds)).isEqualTo(text);
  }

  @Test
  void nothingMeasuredIsADashNeverZeroOrNaN() {
    assertThat(ReportFormat.percent(null)).isEqualTo("—");
    assertThat(ReportFormat.availability(null, 0.999)).isEqualTo("—");
    assertThat(ReportFormat.quality(null)).isEqualTo("—");
    assertThat(ReportFormat.duration(null)).isEqualTo("—");
    assertThat(ReportFormat.points(null)).isEqualTo("—");
    assertThat(ReportFormat.qualityChange(null)).isEqualTo("—");
    assertThat(ReportFormat.plain(null, 2)).isEmpty();
  }

  @Test
  void aMissedTargetIsNeverRoundedUpToIt() {
    assertThat(ReportFormat.availability(0.995, 0.99)).isEqualTo("99.50 %");
    assertThat(ReportFormat.availability(0.99896, 0.999)).isEqualTo("99.896 %");
    assertThat(ReportFormat.availability(0.999999, 0.999)).isEqualTo("99.9999 %");
    assertThat(ReportFormat.availability(1.0, 0.999)).isEqualTo("100.00 %");
    assertThat(ReportFormat.target(0.99999)).isEqualTo("99.999 %");
    assertThat(ReportFormat.target(0.99)).isEqualTo("99.00 %");
  }

  @Test
  void changesAreSigned() {
    assertThat(ReportFormat.points(-1.0869)).isEqualTo("−1.09 pp");
    assertThat(ReportFormat.points(0.25)).isEqualTo("+0.25 pp");
    assertThat(ReportFormat.points(-0.001)).isEqualTo("±0.00 pp");
    assertThat(ReportFormat.qualityChange(37.5)).isEqualTo("+37.5");
  }

  @Test
  void csvNumbersArePlain() {
    assertThat(ReportFormat.plain(98.91304347826087, 4)).isEqualTo("98.913");
    assertThat(ReportFormat.plain(100.0, 4)).isEqualTo("100");
    assertThat(ReportFormat.plain(1e-9, 4)).isEqualTo("0");
    assertThat(ReportFormat.plain(47250.0, 0)).isEqualTo("47250");
  }
}
