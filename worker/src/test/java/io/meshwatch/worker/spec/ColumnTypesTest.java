package io.meshwatch.worker.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ColumnTypesTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "string", "varchar", "varchar(255)", "char(2)", "text", "int", "integer", "bigint", "long", "smallint",
      "decimal", "decimal(18,2)", "numeric(10)", "number(38,0)", "double", "float", "float64", "double precision",
      "boolean", "bool", "date", "timestamp", "timestamp(6)", "timestamp_tz", "timestamptz", "timestamp_ntz",
      "binary", "bytes", "json", "variant", "uuid", "array<string>", "array<decimal(10,2)>"})
  void acceptsTheDocumentedTypes(String type) {
    assertThat(ColumnTypes.problem(type)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "strng            | did you mean 'string'?",
      "decimal(40,2)    | precision of decimal must be 1 to 38, got 40",
      "decimal(5,6)     | scale of decimal must be at most its precision 5, got 6",
      "varchar(0)       | length of varchar must be at least 1, got 0",
      "varchar(10,2)    | varchar takes one parameter",
      "int(11)          | type int takes no parameters here",
      "timestamp(12)    | fractional seconds of timestamp must be 0 to 9, got 12",
      "array<blob>      | unknown type 'blob'",
      "map<string,int>  | unknown type 'map<string,int>'",
  })
  void refusesOthersAndSaysWhy(String type, String problem) {
    assertThat(ColumnTypes.problem(type)).hasValueSatisfying(message -> assertThat(message).contains(problem));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "DECIMAL(18, 2)     | decimal(18,2)",
      "  Double   Precision | double precision",
      "ARRAY< STRING >    | array<string>",
  })
  void normalisesCaseAndSpacing(String written, String normalised) {
    assertThat(ColumnTypes.normalise(written)).isEqualTo(normalised);
  }
}
