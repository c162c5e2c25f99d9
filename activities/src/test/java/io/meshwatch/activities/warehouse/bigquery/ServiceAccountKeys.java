package io.meshwatch.activities.warehouse.bigquery;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Service-account key files of the shape Google issues, with a fresh key and a local token endpoint. */
public final class ServiceAccountKeys {

  private ServiceAccountKeys() {}

  public static String json(String tokenUri) throws Exception {
    Map<String, String> key = new LinkedHashMap<>();
    key.put("type", "service_account");
    key.put("project_id", BigQueryWarehouseClientTest.PROJECT);
    key.put("private_key_id", "local-test-key");
    key.put("private_key", pem());
    key.put("client_email", "meshwatch@" + BigQueryWarehouseClientTest.PROJECT + ".iam.gserviceaccount.com");
    key.put("client_id", "100000000000000000001");
    key.put("token_uri", tokenUri);
    return new ObjectMapper().writeValueAsString(key);
  }

  private static String pem() throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }
}
