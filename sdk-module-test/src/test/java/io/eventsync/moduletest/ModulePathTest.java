package io.eventsync.moduletest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs {@link ModulePathApp} in a JVM of its own with {@code --module-path} (this module's classes
 * and its runtime dependencies, as the build lists them in {@code target/module-path.txt}) and
 * {@code --module}: the SDK's jars are named modules there, as on a user's module path.
 */
class ModulePathTest {
  @Test
  @Timeout(120)
  void theSdkRunsAsNamedModulesWithItsInternalsClosed() throws Exception {
    List<String> lines = runOnTheModulePath();

    assertThat(lines)
        .contains(
            "app.module=io.eventsync.moduletest",
            "core.module=io.eventsync.core",
            "webhooks.module=io.eventsync.webhooks",
            "testkit.module=io.eventsync.testkit",
            "internal.exportedToApp=false",
            "internal.exportedToWebhooks=true",
            "internal.callableFromApp=no (IllegalAccessException)",
            "queue.events=3",
            "queue.firstCreatedAtSet=true",
            "queue.firstPayloadType=PriceUpdated",
            "log.rows=2",
            "log.firstType=TRANSACTION_STATUS_CHANGE",
            "log.firstDetailsIsObject=true");
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("webhook=TikiNowOrderStatus[")
                    .contains("orderCode=T1"));
  }

  private static List<String> runOnTheModulePath() throws IOException, InterruptedException {
    Path target = Path.of("target");
    String dependencies =
        Files.readString(target.resolve("module-path.txt"), StandardCharsets.UTF_8).strip();
    String modulePath =
        target.resolve("classes").toAbsolutePath() + java.io.File.pathSeparator + dependencies;
    Path output = Files.createTempFile(target, "module-path-run", ".txt");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                modulePath,
                "--module",
                "io.eventsync.moduletest/io.eventsync.moduletest.ModulePathApp")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(100, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue())
        .as("exit status; output:%n%s", String.join("\n", lines))
        .isZero();
    return lines;
  }
}
