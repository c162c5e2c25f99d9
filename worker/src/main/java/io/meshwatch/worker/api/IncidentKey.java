package io.meshwatch.worker.api;

import io.meshwatch.workflows.incident.IncidentInput;
import io.meshwatch.workflows.model.ProductId;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What identifies an incident: its product and the moment it opened, in epoch milliseconds. Its id,
 * {@code incident/<domain>/<name>/<opened>}, is the incident workflow's id
 * ({@link IncidentInput#idFor}) and the store's key.
 */
public record IncidentKey(ProductId product, long openedMillis) {

  public static final String PREFIX = "incident/";

  /**
   * Domains and names are DNS labels for products; the source-unavailable incident is named after a
   * warehouse connection, which may also hold '_' and '.'.
   */
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private static final Pattern MILLIS = Pattern.compile("\\d{1,18}");

  public IncidentKey {
    Objects.requireNonNull(product, "product");
    if (openedMillis < 0) {
      throw new IllegalArgumentException("an incident cannot open before 1970");
    }
  }

  /**
   * Reads {@code incident/<domain>/<name>/<opened>}.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code id}
   */
  public static IncidentKey parse(String id) {
    if (id == null || !id.startsWith(PREFIX)) {
      throw new IllegalArgumentException("an incident id reads incident/<domain>/<name>/<opened epoch ms>, got " + quote(id));
    }
    String[] parts = id.substring(PREFIX.length()).split("/", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("an incident id reads incident/<domain>/<name>/<opened epoch ms>, got " + quote(id));
    }
    return of(parts[0], parts[1], parts[2]);
  }

  /**
   * The key from its three parts, as the API's paths carry them.
   *
   * @throws IllegalArgumentException naming the part that is wrong
   */
  public static IncidentKey of(String domain, String name, String opened) {
    if (!SEGMENT.matcher(domain).matches()) {
      throw new IllegalArgumentException("domain: must be a product domain such as orders, got " + quote(domain));
    }
    if (!SEGMENT.matcher(name).matches()) {
      throw new IllegalArgumentException("name: must be a product name such as orders-daily, got " + quote(name));
    }
    if (!MILLIS.matcher(opened).matches()) {
      throw new IllegalArgumentException("opened: must be when the incident opened in epoch milliseconds (the last part of its id),"
          + " got " + quote(opened));
    }
    return new IncidentKey(new ProductId(domain, name), Long.parseLong(opened));
  }

  /** True when {@code segment} may be a domain or a name in an incident id or a product id. */
  public static boolean validSegment(String segment) {
    return segment != null && SEGMENT.matcher(segment).matches();
  }

  public String id() {
    return IncidentInput.idFor(product, Instant.ofEpochMilli(openedMillis));
  }

  private static String quote(String value) {
    if (value == null) {
      return "nothing";
    }
    String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
  }

  @Override
  public String toString() {
    return id();
  }
}
