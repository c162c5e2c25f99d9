package io.meshwatch.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshwatch status}: every active product's state, data age and open incident, as a table. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Every product of a running worker: state, age of its data, open incident.",
        "Exit 0: shown; 1: refused or unreachable; 2: usage."})
public final class StatusCommand extends ApiCommand {

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE})")
  OutputFormat output;

  private final Clock clock;

  public StatusCommand() {
    this(System.getenv(), Clock.systemUTC());
  }

  StatusCommand(Map<String, String> env, Clock clock) {
    super(env);
    this.clock = clock;
  }

  @Override
  int run(WorkerApi worker, PrintWriter out, PrintWriter err) throws Exception {
    WorkerApi.Answer answer = worker.get("/api/products");
    if (!answer.ok() || answer.body().isEmpty() || !answer.body().get().isArray()) {
      return refused(answer, err);
    }
    Instant now = clock.instant();
    ArrayNode rows = WorkerApi.json().createArrayNode();
    for (JsonNode p : answer.body().get()) {
      ObjectNode row = rows.addObject();
      row.put("product", p.path("id").asText());
      row.put("state", p.path("state").asText());
      row.put("stateSince", p.path("stateSince").asText(null));
      row.put("lastUpdated", p.path("lastUpdated").asText(null));
      Duration age = age(p.path("lastUpdated").asText(null), now);
      if (age == null) {
        row.putNull("dataAgeSeconds");
      } else {
        row.put("dataAgeSeconds", age.toSeconds());
      }
      row.put("openIncident", p.path("openIncident").asText(null));
    }
    if (output == OutputFormat.json) {
      out.println(pretty(rows));
      return IncidentActionCommand.DONE;
    }
    if (rows.isEmpty()) {
      out.println("no products registered");
      return IncidentActionCommand.DONE;
    }
    List<String[]> table = new ArrayList<>();
    table.add(new String[] {"PRODUCT", "STATE", "DATA AGE", "OPEN INCIDENT"});
    for (JsonNode row : rows) {
      table.add(new String[] {row.path("product").asText(), row.path("state").asText(),
          row.path("dataAgeSeconds").isNumber() ? human(Duration.ofSeconds(row.path("dataAgeSeconds").asLong())) : "-",
          row.path("openIncident").asText("-")});
    }
    out.print(Table.render(table));
    return IncidentActionCommand.DONE;
  }

  private static Duration age(String lastUpdated, Instant now) {
    if (lastUpdated == null) {
      return null;
    }
    try {
      Duration age = Duration.between(Instant.parse(lastUpdated), now);
      return age.isNegative() ? Duration.ZERO : age;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code 2d3h}, {@code 4h10m}, {@code 12m}, {@code 40s}: the two largest units. */
  static String human(Duration age) {
    long days = age.toDays();
    long hours = age.toHoursPart();
    long minutes = age.toMinutesPart();
    if (days > 0) {
      return days + "d" + (hours > 0 ? hours + "h" : "");
    }
    if (hours > 0) {
      return hours + "h" + (minutes > 0 ? minutes + "m" : "");
    }
    return minutes > 0 ? minutes + "m" : age.toSecondsPart() + "s";
  }
}
