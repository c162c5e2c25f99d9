package io.meshwatch.worker.bench.scale;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** What the benchmark reads from meshwatch's store: when evaluations ran. */
final class StoreReadings {

  private final String jdbcUrl;
  private final String user;

  StoreReadings(String jdbcUrl, String user) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
  }

  /** Evaluations started in each second of [from, to), busiest first: the first is the peak. */
  long busiestSecond(Instant from, Instant to) throws SQLException {
    String sql = """
        SELECT count(*) FROM meshwatch.evaluations WHERE scheduled_at >= ? AND scheduled_at < ?
        GROUP BY date_trunc('second', scheduled_at) ORDER BY 1 DESC LIMIT 1""";
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, null); PreparedStatement s = c.prepareStatement(sql)) {
      s.setTimestamp(1, Timestamp.from(from));
      s.setTimestamp(2, Timestamp.from(to));
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }
}
