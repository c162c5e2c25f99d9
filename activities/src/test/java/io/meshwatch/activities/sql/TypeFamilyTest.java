package io.meshwatch.activities.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeFamilyTest {

  @ParameterizedTest
  @CsvSource({
      "string, STRING",
      "character varying(64), STRING",
      "VARCHAR, STRING",
      "text, STRING",
      "bigint, INTEGER",
      "INTEGER, INTEGER",
      "int8, INTEGER",
      "HUGEINT, INTEGER",
      "'DECIMAL(10,2)', DECIMAL",
      "'numeric(12, 2)', DECIMAL",
      "double precision, DECIMAL",
      "float, DECIMAL",
      "boolean, BOOLEAN",
      "date, DATE",
      "timestamp, TIMESTAMP",
      "timestamp without time zone, TIMESTAMP",
      "'timestamp(3) with time zone', TIMESTAMP_TZ",
      "TIMESTAMP WITH TIME ZONE, TIMESTAMP_TZ",
      "timestamptz, TIMESTAMP_TZ",
      "bytea, BINARY",
      "BLOB, BINARY",
      "uuid, OTHER",
      "jsonb, OTHER",
      "integer[], OTHER",
      "INTEGER[], OTHER",
      "'struct<a int>', OTHER",
  })
  void readsTypeNamesLeniently(String typeName, TypeFamily family) {
    assertThat(TypeFamily.of(typeName)).isEqualTo(family);
  }

  @ParameterizedTest
  @CsvSource({"'NUMBER(38,0)', true", "'numeric(12, 0)', true", "'numeric(12,2)', false", "numeric, false",
      "integer, false"})
  void recognisesWholeDecimals(String typeName, boolean whole) {
    assertThat(TypeFamily.wholeDecimal(typeName)).isEqualTo(whole);
  }
}
