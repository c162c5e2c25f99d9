package io.meshwatch.activities.warehouse.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.QueryTag;
import io.meshwatch.activities.warehouse.MutableClock;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.StatementTally;
import io.meshwatch.workflows.model.OutputFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnowflakeWarehouseClientTest {

  private final SnowflakeProtocolServer server = new SnowflakeProtocolServer();
  private final MutableClock clock = new MutableClock(Instant.parse("2024-06-10T12:00:00Z"));

  @AfterEach
  void stopServer() {
    assertThat(server.unexpected()).isEmpty();
    server.close();
  }

  private SnowflakeWarehouseClient client(String password, Map<String, String> properties) {
    ConnectionSettings settings = new ConnectionSettings("sf", OutputFormat.SNOWFLAKE, server.jdbcUrl(), "meshwatch",
        password, Duration.ofMillis(2500), true, properties);
    return new SnowflakeWarehouseClient(settings, SnowflakeWarehouseClient.jdbi(settings), clock);
  }

  @Test
  void theQueryTagIsALiteralEscapedForSnowflakeAndTheTimeoutIsRoundedUpToSeconds() {
    SnowflakeWarehouseClient client = client("s3cret", Map.of());

    assertThat(client.sessionSettings(new QueryTag("meshwatch:it's\\odd")))
        .isEqualTo("ALTER SESSION SET QUERY_TAG = 'meshwatch:it''s\\\\odd', STATEMENT_TIMEOUT_IN_SECONDS = 3,"
            + " TIMEZONE = 'UTC'");
  }

  @Test
  void aSessionStartsWithItsSettingsSendsNoTransactionStatementsAndEndsWithALogout() throws Exception {
    StatementTally tally = new StatementTally();

    String tag = client("s3cret", Map.of()).inReadOnlyTransaction(
        new QueryContext(new QueryTag("meshwatch:orders/orders-daily"), tally), handle -> "done");

    assertThat(tag).isEqualTo("done");
    assertThat(server.sql()).containsExactly("ALTER SESSION SET QUERY_TAG = 'meshwatch:orders/orders-daily',"
        + " STATEMENT_TIMEOUT_IN_SECONDS = 3, TIMEZONE = 'UTC'");
    assertThat(tally.count(StatementKind.SESSION)).isEqualTo(1);
    assertThat(server.logouts()).containsExactly(server.logins().get(0).session());
  }

  @Test
  void logsInWithAKeyPairWhenAPrivateKeyFileIsConfigured(@TempDir Path directory) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    Path keyFile = directory.resolve("meshwatch.p8");
    Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    server.acceptKeyPair("meshwatch", keys.getPublic());

    client(null, Map.of("private_key_file", keyFile.toString())).inReadOnlyTransaction(
        new QueryContext(new QueryTag("meshwatch:a/b"), new StatementTally()), handle -> null);

    assertThat(server.logins()).singleElement().satisfies(login -> {
      assertThat(login.authenticator()).isEqualTo("SNOWFLAKE_JWT");
      assertThat(login.accepted()).isTrue();
    });
  }
}
