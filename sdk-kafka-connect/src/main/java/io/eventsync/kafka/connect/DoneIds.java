package io.eventsync.kafka.connect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Encodes the ids in a source offset as one string: Connect offsets hold primitive values only. Ids
 * are comma-separated; a {@code %} or {@code ,} inside an id is percent-encoded.
 */
final class DoneIds {
  private DoneIds() {}

  static String encode(Collection<String> ids) {
    StringBuilder text = new StringBuilder(ids.size() * 24);
    for (String id : ids) {
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(id.replace("%", "%25").replace(",", "%2C"));
    }
    return text.toString();
  }

  static List<String> decode(String text) {
    List<String> ids = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return ids;
    }
    for (String id : text.split(",", -1)) {
      ids.add(id.replace("%2C", ",").replace("%25", "%"));
    }
    return ids;
  }
}
