package io.meshwatch.worker.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an API token may do ({@code http.api_tokens.NAME.role}). The platform team registers,
 * retires and evaluates products and acts on every incident; a domain's owner acts on the incidents
 * of its domains and asks for evaluations of its products; a viewer reads. Every role reads.
 */
public sealed interface ApiRole {

  /** The role as the config and refusals name it. */
  String name();

  /** True when the role may do {@code action}; {@code domain} is the product's, empty when the call names none. */
  boolean may(ApiAction action, Optional<String> domain);

  /** The refusal's words: {@code role viewer cannot apply products}. */
  default String refusal(ApiAction action, Optional<String> domain) {
    return "role " + name() + " cannot " + action.phrase() + domain.map(d -> " of domain " + d).orElse("");
  }

  /** Registers, retires, evaluates, acts on every incident: the platform team. */
  record Platform() implements ApiRole {
    @Override
    public String name() {
      return "platform";
    }

    @Override
    public boolean may(ApiAction action, Optional<String> domain) {
      return true;
    }
  }

  /** A domain team: reads, and acts on the incidents and evaluations of its own domains. */
  record Owner(Set<String> domains) implements ApiRole {
    public Owner {
      domains = Set.copyOf(new TreeSet<>(Objects.requireNonNull(domains, "domains")));
      if (domains.isEmpty()) {
        throw new IllegalArgumentException("an owner owns at least one domain");
      }
    }

    @Override
    public String name() {
      return "owner";
    }

    @Override
    public boolean may(ApiAction action, Optional<String> domain) {
      return switch (action) {
        case READ -> true;
        case ACT_ON_INCIDENTS, EVALUATE -> domain.isPresent() && domains.contains(domain.get());
        case APPLY, RETIRE -> false;
      };
    }

    @Override
    public String refusal(ApiAction action, Optional<String> domain) {
      return "role owner (of " + String.join(", ", new TreeSet<>(domains)) + ") cannot " + action.phrase()
          + domain.map(d -> " of domain " + d).orElse("");
    }
  }

  /** Reads only: dashboards, scripts, auditors. */
  record Viewer() implements ApiRole {
    @Override
    public String name() {
      return "viewer";
    }

    @Override
    public boolean may(ApiAction action, Optional<String> domain) {
      return action == ApiAction.READ;
    }
  }

  /**
   * The role a config entry names; a missing role is platform, what every token could do before
   * roles existed, so configs written then keep working. The config loader has validated both.
   */
  static ApiRole of(String role, List<String> domains) {
    return switch (role == null ? "platform" : role) {
      case "platform" -> new Platform();
      case "owner" -> new Owner(Set.copyOf(domains));
      case "viewer" -> new Viewer();
      default -> throw new IllegalArgumentException("unknown role '" + role + "': platform, owner or viewer");
    };
  }
}
