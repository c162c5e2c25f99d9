package io.meshwatch.activities.warehouse.delta;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A least-recently-used map bounded by the total weight of its values (data files listed, file
 * paths remembered), so a worker watching many large tables keeps a bounded amount of log state in
 * memory. The newest entry is kept even when it alone is heavier than the bound. Thread-safe.
 */
final class BoundedCache<K, V> {

  private final long maxWeight;
  private final ToLongFunction<V> weigher;
  private final LinkedHashMap<K, V> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long weight;

  BoundedCache(long maxWeight, ToLongFunction<V> weigher) {
    this.maxWeight = maxWeight;
    this.weigher = weigher;
  }

  synchronized V get(K key) {
    return entries.get(key);
  }

  synchronized void put(K key, V value) {
    V previous = entries.put(key, value);
    if (previous != null) {
      weight -= weigher.applyAsLong(previous);
    }
    weight += weigher.applyAsLong(value);
    Iterator<Map.Entry<K, V>> eldest = entries.entrySet().iterator();
    while (weight > maxWeight && entries.size() > 1) {
      Map.Entry<K, V> entry = eldest.next();
      weight -= weigher.applyAsLong(entry.getValue());
      eldest.remove();
    }
  }
}
