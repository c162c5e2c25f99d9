package io.meshwatch.activities.warehouse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The single row a fused scan returns: counts (Long) and truth values (Boolean, or null). */
public record ScanRow(List<Object> values) {

  public ScanRow {
    // Values may be null (an aggregate predicate that evaluated to NULL), so no List.copyOf.
    values = Collections.unmodifiableList(new ArrayList<>(values));
  }

  public long count(int position) {
    Object value = values.get(position);
    if (!(value instanceof Number number)) {
      throw new IllegalStateException("scan column " + position + " is not a count");
    }
    return number.longValue();
  }

  /** A truth value; null when the predicate evaluated to NULL. */
  public Boolean truth(int position) {
    Object value = values.get(position);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    throw new IllegalStateException("scan column " + position + " is not a truth value");
  }
}
