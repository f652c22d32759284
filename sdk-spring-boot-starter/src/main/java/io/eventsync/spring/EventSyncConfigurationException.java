package io.eventsync.spring;

import java.util.Objects;

/**
 * An {@code eventsync.*} property or an eventsync annotation is wrong; thrown while the context
 * starts. Its message names the property and the fix, never a secret's value; {@link
 * EventSyncFailureAnalyzer} shows it as a Spring Boot failure analysis.
 */
public final class EventSyncConfigurationException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final String problem;
  private final String action;

  /**
   * Creates the exception.
   *
   * @param property the property (or annotation) that is wrong
   * @param problem what is wrong with it
   * @param action how to fix it
   */
  public EventSyncConfigurationException(String property, String problem, String action) {
    super(property + " " + problem + "; " + action);
    this.property = Objects.requireNonNull(property, "property == null");
    this.problem = Objects.requireNonNull(problem, "problem == null");
    this.action = Objects.requireNonNull(action, "action == null");
  }

  /** The property (or annotation) that is wrong. */
  public String property() {
    return property;
  }

  /** What is wrong with it. */
  public String problem() {
    return problem;
  }

  /** How to fix it. */
  public String action() {
    return action;
  }
}
