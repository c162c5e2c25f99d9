package io.meshwatch.workflows.incident;

import io.meshwatch.workflows.model.ProductState;

/** Signal from the monitor: the product is healthy again ({@code HEALTHY} or {@code WARNING}); the incident resolves itself. */
public record ProductRecovered(ProductState productState) {}
