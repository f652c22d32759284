package io.eventsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookHeadersTest {
  @Test
  void lookupIgnoresCaseAndCollectsEveryValue() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put("X-Signature", List.of("a"));
    map.put("x-signature", Arrays.asList("b", null, "c"));
    map.put("Other", List.of("z"));

    assertThat(WebhookHeaders.ofMulti(map).values("X-SIGNATURE")).containsExactly("a", "b", "c");
    assertThat(WebhookHeaders.ofMulti(map).values("missing")).isEmpty();
  }

  @Test
  void singleValuedMapsWithNullsAreRead() {
    Map<String, String> map = new HashMap<>();
    map.put(null, "x");
    map.put("webhook-id", null);
    map.put("Webhook-Timestamp", "1");

    WebhookHeaders headers = WebhookHeaders.of(map);

    assertThat(headers.values("webhook-id")).isEmpty();
    assertThat(headers.values("webhook-timestamp")).containsExactly("1");
    assertThat(WebhookHeaders.of(null).values("x")).isEmpty();
  }

  @Test
  void toStringShowsNamesButNotValues() {
    assertThat(WebhookHeaders.of(Map.of("x-signature", "sha1=secretish")).toString())
        .isEqualTo("WebhookHeaders[x-signature]");
  }
}
