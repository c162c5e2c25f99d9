package io.meshwatch.worker.governance;

/** The kinds of spec change {@link SpecDiff} tells apart, each with its fixed {@link Impact}. */
public enum ChangeKind {
  COLUMN_REMOVED(Impact.BREAKING, "column removed"),
  COLUMN_RENAMED(Impact.BREAKING, "column renamed"),
  COLUMN_TYPE_CHANGED(Impact.BREAKING, "type changed"),
  /** A not-null column may now hold nulls: readers relied on it never doing so. */
  COLUMN_NOW_NULLABLE(Impact.BREAKING, "now nullable"),
  /** Whether a column is PII decides who may read it and how its values look. */
  COLUMN_PII_CHANGED(Impact.BREAKING, "pii changed"),
  /** Hashed, masked, tokenized... values change form: joins and lookups on them break. */
  COLUMN_PII_HANDLING_CHANGED(Impact.BREAKING, "pii_handling changed"),
  /** Format, location, database, schema, table, project or dataset: readers look elsewhere. */
  OUTPUT_MOVED(Impact.BREAKING, "output moved"),
  /** Another product id: readers, alerts and history keyed by the id no longer find it. */
  PRODUCT_RENAMED(Impact.BREAKING, "product renamed"),
  COLUMN_ADDED(Impact.COMPATIBLE, "column added"),
  /** A tightening: readers that handle nulls handle their absence. */
  COLUMN_NOW_NOT_NULL(Impact.COMPATIBLE, "now not null"),
  /** Readers name columns; positional readers are told, not blocked. */
  COLUMN_MOVED(Impact.COMPATIBLE, "column moved"),
  SETTING_ADDED(Impact.NON_SCHEMA, "added"),
  SETTING_REMOVED(Impact.NON_SCHEMA, "removed"),
  SETTING_CHANGED(Impact.NON_SCHEMA, "changed");

  private final Impact impact;
  private final String label;

  ChangeKind(Impact impact, String label) {
    this.impact = impact;
    this.label = label;
  }

  public Impact impact() {
    return impact;
  }

  /** A few words for people: {@code type changed}. */
  public String label() {
    return label;
  }
}
