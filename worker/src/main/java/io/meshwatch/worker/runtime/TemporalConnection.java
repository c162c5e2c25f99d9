package io.meshwatch.worker.runtime;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.worker.embedded.EmbeddedTemporalServer;
import io.meshwatch.worker.embedded.FreePort;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.File;
import java.io.IOException;
import javax.net.ssl.SSLException;

/**
 * The connection to Temporal: to a cluster or Temporal Cloud (host:port, namespace, optional mutual
 * TLS), or to Temporal's test server started in-process on a port ({@code target: embedded}).
 * The embedded server keeps workflows in memory; the worker reconciles from the store on start.
 * Either way the SDK reports its client and worker metrics ({@code temporal_...}: requests, task
 * polls, schedule-to-start latency, slots) into the registry that {@code /metrics} serves.
 */
public final class TemporalConnection implements AutoCloseable {

  /** How often the SDK's tally scope hands its metrics to Micrometer: well within a scrape interval. */
  static final com.uber.m3.util.Duration METRICS_REPORT_EVERY = com.uber.m3.util.Duration.ofSeconds(5);

  private final TestServer.PortBoundTestServer embeddedServer;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final String target;
  private final Scope metricsScope;

  private TemporalConnection(TestServer.PortBoundTestServer embeddedServer, WorkflowServiceStubs stubs, WorkflowClient client,
      String target, Scope metricsScope) {
    this.embeddedServer = embeddedServer;
    this.metricsScope = metricsScope;
    this.stubs = stubs;
    this.client = client;
    this.target = target;
  }

  /** Connects; the SDK's metrics go to {@code metrics}. */
  public static TemporalConnection open(WorkerConfig.Temporal config, MeterRegistry metrics) throws IOException {
    TestServer.PortBoundTestServer server = null;
    String target = config.target();
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder();
    if (config.embedded()) {
      int port = FreePort.pick(config.embeddedPort());
      // Real time (no time skipping): the embedded worker runs actual monitors.
      server = EmbeddedTemporalServer.start(port);
      target = "127.0.0.1:" + port;
    } else if (config.tls() != null && config.tls().enabled()) {
      options.setSslContext(sslContext(config.tls()));
    }
    // The stubs' scope is the one the client and every worker made from it report through.
    Scope scope = new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(metrics))
        .reportEvery(METRICS_REPORT_EVERY);
    options.setTarget(target).setMetricsScope(scope);
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options.build());
    WorkflowClient client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(config.namespace()).build());
    return new TemporalConnection(server, stubs, client, target, scope);
  }

  private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(WorkerConfig.Tls tls) throws SSLException {
    SslContextBuilder builder = GrpcSslContexts.forClient().keyManager(new File(tls.clientCert()), new File(tls.clientKey()));
    if (tls.serverCa() != null) {
      builder.trustManager(new File(tls.serverCa()));
    }
    return builder.build();
  }

  public WorkflowClient client() {
    return client;
  }

  public String target() {
    return target;
  }

  @Override
  public void close() {
    stubs.shutdown();
    if (embeddedServer != null) {
      embeddedServer.close();
    }
    try {
      metricsScope.close();
    } catch (Exception e) {
      // Closing only flushes the last report and stops its thread; nothing is lost that matters.
    }
  }
}
