package io.meshwatch.activities.warehouse.delta;

import io.delta.kernel.exceptions.KernelEngineException;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.exceptions.UnsupportedProtocolVersionException;
import io.delta.kernel.exceptions.UnsupportedTableFeatureException;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * Turns what Delta Kernel and the storage underneath throw while reading a log into
 * {@link WarehouseException}s. A log holds no row values, only names, paths and statistics, so the
 * first line of Kernel's own explanation is passed on, cut short.
 */
final class DeltaFailures {

  private static final int MAX_DETAIL = 300;

  private DeltaFailures() {}

  static WarehouseException reading(DeltaLocation location, RuntimeException e) {
    Throwable missingFileSystem = missingFileSystem(e);
    if (missingFileSystem != null) {
      return new WarehouseException(WarehouseFailure.UNREACHABLE, "cannot read the Delta log at " + location.text()
          + ": the worker has no Hadoop file system for this location's scheme (add hadoop-aws, gcs-connector or"
          + " hadoop-azure to its classpath): " + detail(missingFileSystem));
    }
    return switch (e) {
      case TableNotFoundException notFound -> notFound(location);
      case UnsupportedTableFeatureException unsupported -> new WarehouseException(WarehouseFailure.UNSUPPORTED,
          "the Delta table at " + location.text() + " uses table features meshwatch's Delta reader cannot read: "
              + String.join(", ", unsupported.getUnsupportedFeatures()));
      case UnsupportedProtocolVersionException unsupported -> new WarehouseException(WarehouseFailure.UNSUPPORTED,
          "the Delta table at " + location.text() + " needs a newer Delta reader (protocol version "
              + unsupported.getVersion() + ")");
      case KernelEngineException engine -> storage(location, engine.getCause() == null ? engine : engine.getCause());
      case UncheckedIOException io -> storage(location, io.getCause());
      case KernelException kernel -> new WarehouseException(WarehouseFailure.QUERY_ERROR,
          "the Delta log at " + location.text() + " cannot be read: " + detail(kernel));
      default -> new WarehouseException(WarehouseFailure.UNREACHABLE,
          "cannot read the Delta log at " + location.text() + " (" + e.getClass().getSimpleName() + ": " + detail(e)
              + ")");
    };
  }

  static WarehouseException notFound(DeltaLocation location) {
    return new WarehouseException(WarehouseFailure.TABLE_NOT_FOUND,
        "no Delta table at " + location.text() + " (no _delta_log with commits there)");
  }

  private static WarehouseException storage(DeltaLocation location, Throwable cause) {
    if (cause instanceof FileNotFoundException || cause instanceof NoSuchFileException) {
      return notFound(location);
    }
    String kind = cause instanceof IOException ? "storage error" : cause.getClass().getSimpleName();
    return new WarehouseException(WarehouseFailure.UNREACHABLE,
        "cannot read the Delta log at " + location.text() + " (" + kind + ": " + detail(cause) + ")");
  }

  /** Hadoop's complaint that no file system serves a scheme, or that the class configured for it is absent. */
  private static Throwable missingFileSystem(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ClassNotFoundException
          || cause.getClass().getSimpleName().equals("UnsupportedFileSystemException")) {
        return cause;
      }
    }
    return null;
  }

  private static String detail(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
  }
}
