package io.meshwatch.activities.warehouse.delta;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a Delta table lives, as the spec wrote it ({@code text}, used in messages) and as Delta
 * Kernel is given it ({@code path}): a URI ({@code file://}, {@code s3://}, {@code s3a://},
 * {@code gs://}, {@code abfss://}) as it is, a local path made absolute against the worker's working
 * directory.
 */
record DeltaLocation(String text, String path) {

  private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

  DeltaLocation {
    Objects.requireNonNull(text);
    Objects.requireNonNull(path);
  }

  static DeltaLocation of(String location) {
    if (URI_SCHEME.matcher(location).matches()) {
      return new DeltaLocation(location, location);
    }
    return new DeltaLocation(location, Path.of(location).toAbsolutePath().normalize().toString());
  }

  /**
   * A data file's path as DuckDB reads it: Kernel names files by URI ({@code file:/data/t/part.parquet},
   * with percent-escapes); a local file becomes a plain path, an object-store URI stays as it is.
   */
  static String forDuckDb(String kernelPath) {
    java.net.URI uri = new org.apache.hadoop.fs.Path(kernelPath).toUri();
    if (uri.getScheme() == null || uri.getScheme().equals("file")) {
      return Path.of(uri.getPath()).toString();
    }
    return kernelPath;
  }
}
