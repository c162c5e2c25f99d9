package io.meshwatch.worker.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CheckNamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "order_count > 0             | order_count_gt_0",
      "revenue_usd >= 0            | revenue_usd_ge_0",
      "a <= b                      | a_le_b",
      "a <> b                      | a_ne_b",
      "a != b                      | a_ne_b",
      "a = b                       | a_eq_b",
      "a < -1                      | a_lt_minus_1",
      "a * b / c % d + e - f > 0   | a_times_b_div_c_mod_d_plus_e_minus_f_gt_0",
      "count(*) > 0                | count_all_gt_0",
      "status <> 'unknown'         | status_ne_unknown",
      "COALESCE(x, 0) >= 0.5       | coalesce_x_0_ge_0_5",
      "'' = ''                     | eq",
      "é > 0                       | gt_0",
      "(((                         | check",
  })
  void slugs(String expression, String slug) {
    assertThat(CheckNames.slug(expression)).isEqualTo(slug);
  }

  @Test
  void slugsAreCutToSixtyThreeCharactersWithoutATrailingUnderscore() {
    String slug = CheckNames.slug("a_very_long_column_name_that_goes_on + another_long_column_name_here > 0");

    assertThat(slug).hasSizeLessThanOrEqualTo(63).doesNotEndWith("_").startsWith("a_very_long_column_name");
  }

  @Test
  void collisionsAreNumberedAndNumberedNamesStayWithinTheLimit() {
    String expression = "x".repeat(70) + " > 0";

    List<String> names = CheckNames.assign(Arrays.asList(null, null, null), List.of(expression, expression, expression));

    assertThat(names).containsExactly("x".repeat(63), "x".repeat(61) + "_2", "x".repeat(61) + "_3");
  }

  @Test
  void declaredNamesAreKeptAndReservedBeforeAnyIsDerived() {
    List<String> names = CheckNames.assign(
        Arrays.asList(null, "a_gt_0", null), List.of("a > 0", "b > 0", "a>0"));

    assertThat(names).containsExactly("a_gt_0_2", "a_gt_0", "a_gt_0_3");
  }
}
