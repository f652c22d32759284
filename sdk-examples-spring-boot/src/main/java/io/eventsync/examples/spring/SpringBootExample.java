package io.eventsync.examples.spring;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot app on eventsync's starter. With no arguments it starts an embedded sandbox, feeds
 * it orders, polls the Tiki queue into an embedded database with exactly-once effects, receives
 * TikiNOW webhooks at {@code /webhooks/tikinow} and serves {@code /actuator/health} and {@code
 * /actuator/metrics}. Given {@code --eventsync.base-url=...} (and the other {@code eventsync.*}
 * properties) it runs against those endpoints instead.
 */
@SpringBootApplication
public class SpringBootExample {
  /** Runs the app. */
  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(SpringBootExample.class);
    boolean realEndpoints =
        Arrays.stream(args).anyMatch(a -> a.startsWith("--eventsync.base-url"))
            || System.getProperty("eventsync.base-url") != null
            || System.getenv("EVENTSYNC_BASE_URL") != null;
    if (!realEndpoints) {
      SandboxDemo.prepare(app);
    }
    app.run(args);
  }
}
