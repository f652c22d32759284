package io.eventsync.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

class TikiQueueSourceConnectorTest {
  private static Map<String, String> valid() {
    Map<String, String> props = new HashMap<>();
    props.put("tiki.base.url", "https://api.tiki.vn");
    props.put("tiki.token", "a-token-value");
    props.put("tiki.queues", "q1,q2,q3,q4,q5");
    return props;
  }

  private static List<String> errors(Map<String, String> props, String field) {
    for (ConfigValue value : new TikiQueueSourceConnector().validate(props).configValues()) {
      if (value.name().equals(field)) {
        return value.errorMessages();
      }
    }
    throw new AssertionError("no field " + field);
  }

  @Test
  void emptyQueueListFailsValidationWithAMessageNamingTheField() {
    Map<String, String> props = valid();
    props.put("tiki.queues", "");
    assertThat(errors(props, "tiki.queues"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("tiki.queues is empty");
    assertThatThrownBy(() -> new TikiQueueSourceConnector().start(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tiki.queues");
  }

  @Test
  void aTokenAndAnOauthClientTogetherFailValidationNamingBoth() {
    Map<String, String> props = valid();
    props.put("tiki.client.id", "client");
    props.put("tiki.client.secret", "secret-value");
    assertThat(errors(props, "tiki.token"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .isEqualTo("set either tiki.token or tiki.client.id and tiki.client.secret, not both");
  }

  @Test
  void noCredentialsFailValidationNamingWhatToSet() {
    Map<String, String> props = valid();
    props.remove("tiki.token");
    props.put("tiki.client.id", "client");
    assertThat(errors(props, "tiki.token"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .isEqualTo(
            "no credentials: set tiki.token, or both tiki.client.id and tiki.client.secret"
                + " (tiki.client.secret is missing)");
  }

  @Test
  void aSecretWithALineBreakFailsValidationWithoutShowingTheSecret() {
    Map<String, String> props = valid();
    props.put("tiki.token", "abc\ndef");
    assertThat(errors(props, "tiki.token"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("tiki.token has a space or control character at index 3")
        .doesNotContain("abc");
  }

  @Test
  void secretsArePasswordsSoTheRestApiMasksThem() {
    Map<String, ConfigDef.ConfigKey> keys = TikiQueueSourceConfig.CONFIG_DEF.configKeys();
    assertThat(keys.get("tiki.token").type).isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(keys.get("tiki.client.secret").type).isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(keys.get("tiki.queue.tokens").type).isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(new TikiQueueSourceConfig(valid()).toString()).doesNotContain("a-token-value");
  }

  @Test
  void perQueueTokensMustNameListedQueues() {
    Map<String, String> props = valid();
    props.put("tiki.queue.tokens", "q1=t1,q9=t9");
    assertThatThrownBy(() -> new TikiQueueSourceConfig(props))
        .hasMessage("tiki.queue.tokens names queue q9, which tiki.queues does not list");
    props.put("tiki.queue.tokens", "q1=t1,q2=t2");
    assertThat(new TikiQueueSourceConfig(props).queueTokens())
        .isEqualTo(Map.of("q1", "t1", "q2", "t2"));
  }

  @Test
  void tasksGetDisjointQueueSetsCoveringEveryQueue() {
    TikiQueueSourceConnector connector = new TikiQueueSourceConnector();
    connector.start(valid());
    List<Map<String, String>> two = connector.taskConfigs(2);
    List<String> assigned = new ArrayList<>();
    for (Map<String, String> task : two) {
      assigned.addAll(List.of(task.get("task.queues").split(",")));
    }
    assertThat(two).hasSize(2);
    assertThat(assigned).containsExactlyInAnyOrder("q1", "q2", "q3", "q4", "q5");
    assertThat(connector.taskConfigs(10)).as("no idle task").hasSize(5);
  }

  @Test
  void declaresExactlyOnceSupport() {
    assertThat(new TikiQueueSourceConnector().exactlyOnceSupport(valid()))
        .isEqualTo(ExactlyOnceSupport.SUPPORTED);
    assertThat(new PuroEventLogSourceConnector().exactlyOnceSupport(Map.of()))
        .isEqualTo(ExactlyOnceSupport.SUPPORTED);
  }
}
