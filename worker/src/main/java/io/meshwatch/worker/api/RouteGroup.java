package io.meshwatch.worker.api;

import io.javalin.config.RoutesConfig;

/** Endpoints that join the worker's HTTP server ({@link HttpApi#start}); closed with the server. */
public interface RouteGroup extends AutoCloseable {

  void addTo(RoutesConfig routes);

  @Override
  default void close() {}
}
