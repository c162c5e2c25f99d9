package io.meshwatch.activities.freshness;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Maps wall-clock times in a zone to instants the way schedulers do around daylight-saving
 * transitions: a time that does not exist (spring forward) happens at the transition itself, and a
 * time that exists twice (fall back) happens at its first occurrence. The mapping never goes
 * backwards as wall-clock time advances, which is what lets schedules and deadlines be searched in
 * wall-clock time and compared as instants.
 */
final class WallClock {

  private WallClock() {}

  static Instant instant(LocalDateTime local, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = rules.getTransition(local);
      return gap.getInstant();
    }
    Instant earliest = local.toInstant(offsets.get(0));
    for (ZoneOffset offset : offsets) {
      Instant candidate = local.toInstant(offset);
      if (candidate.isBefore(earliest)) {
        earliest = candidate;
      }
    }
    return earliest;
  }

  static LocalDateTime local(Instant instant, ZoneId zone) {
    return LocalDateTime.ofInstant(instant, zone);
  }
}
