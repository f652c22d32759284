package io.eventsync.examples;

import io.eventsync.auth.WebhookSecret;
import io.eventsync.webhooks.WebhookSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eventsync webhooks sign}: prints the signature header for a body file. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = "Prints the signature header(s) a sender would attach to the body in --file.")
final class WebhooksSignCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--secret",
      paramLabel = "SECRET",
      description = "The 32-character secret (env EVENTSYNC_SECRET).")
  String secret;

  @Option(names = "--file", paramLabel = "BODY", description = "The body, signed byte for byte.")
  Path file;

  @Option(
      names = "--scheme",
      paramLabel = "SCHEME",
      defaultValue = "TIKINOW",
      description = "TIKINOW (default) or HII_RETAIL.")
  SchemeOption scheme;

  @Override
  public Integer call() throws IOException {
    WebhookSecret key = WebhooksListenCommand.secret(spec, secret);
    if (file == null) {
      throw new ParameterException(spec.commandLine(), "Missing required option '--file=BODY'");
    }
    if (!Files.isReadable(file)) {
      throw new ParameterException(
          spec.commandLine(), "--file: cannot read " + file.toAbsolutePath());
    }
    byte[] body = Files.readAllBytes(file);
    for (Map.Entry<String, String> header :
        WebhookSigner.of(scheme.scheme, key).sign(body).entrySet()) {
      spec.commandLine().getOut().println(header.getKey() + ": " + header.getValue());
    }
    return 0;
  }
}
