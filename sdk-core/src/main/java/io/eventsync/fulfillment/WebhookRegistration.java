package io.eventsync.fulfillment;

import io.eventsync.auth.WebhookSecret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * What to register with TikiNOW: the warehouses to sync ({@code sync_inventory_location}), the
 * order webhook (required), the stock and aftersale webhooks (optional), each a URL and a {@link
 * WebhookSecret}, and the partner id ({@code external_partner_id}, optional).
 *
 * <pre>{@code
 * WebhookRegistration registration = WebhookRegistration.builder()
 *     .inventoryLocations("sgn", "hn5")
 *     .orderWebhook("https://oms.example.com/webhooks/order", orderSecret)
 *     .stockWebhook("https://oms.example.com/webhooks/stock", stockSecret)
 *     .build();
 * }</pre>
 *
 * <p>Immutable; {@link #toString()} never shows a secret.
 */
public final class WebhookRegistration {
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1");

  /**
   * One webhook: where TikiNOW posts and the secret it signs with.
   *
   * @param url the receiving URL: https, or http for localhost only
   * @param secret the 32-character secret (redacted in {@code toString()})
   */
  public record Hook(String url, WebhookSecret secret) {
    /** Checks that both are set. */
    public Hook {
      Objects.requireNonNull(url, "url == null");
      Objects.requireNonNull(secret, "secret == null");
    }
  }

  private final List<String> inventoryLocations;
  private final Hook order;
  private final @Nullable Hook stock;
  private final @Nullable Hook aftersale;
  private final @Nullable String externalPartnerId;

  private WebhookRegistration(Builder builder) {
    this.inventoryLocations = List.copyOf(builder.locations);
    this.order = builder.order;
    this.stock = builder.stock;
    this.aftersale = builder.aftersale;
    this.externalPartnerId = builder.externalPartnerId;
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the warehouse codes to sync, at least one. */
  public List<String> inventoryLocations() {
    return inventoryLocations;
  }

  /** Returns the order-status webhook. */
  public Hook order() {
    return order;
  }

  /** Returns the stock webhook, or null. */
  public @Nullable Hook stock() {
    return stock;
  }

  /** Returns the aftersale (FD/CR) webhook, or null. */
  public @Nullable Hook aftersale() {
    return aftersale;
  }

  /** Returns the partner id (shop id or code), or null. */
  public @Nullable String externalPartnerId() {
    return externalPartnerId;
  }

  /** Returns the request body; it holds the secrets. */
  Map<String, Object> toWire() {
    Map<String, Object> hooks = new LinkedHashMap<>();
    hooks.put("order", hookWire(order));
    if (stock != null) {
      hooks.put("stock", hookWire(stock));
    }
    if (aftersale != null) {
      hooks.put("aftersale", hookWire(aftersale));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sync_inventory_location", inventoryLocations);
    body.put("sync_webhook", hooks);
    if (externalPartnerId != null) {
      body.put("external_partner_id", externalPartnerId);
    }
    return body;
  }

  private static Map<String, Object> hookWire(Hook hook) {
    Map<String, Object> wire = new LinkedHashMap<>();
    wire.put("url", hook.url());
    wire.put("secret_key", hook.secret().reveal());
    return wire;
  }

  @Override
  public String toString() {
    return "WebhookRegistration{inventoryLocations="
        + inventoryLocations
        + ", order="
        + order
        + ", stock="
        + stock
        + ", aftersale="
        + aftersale
        + ", externalPartnerId="
        + externalPartnerId
        + '}';
  }

  /**
   * Builds a {@link WebhookRegistration}. Setters reject a bad value at once with an {@link
   * IllegalArgumentException} naming the wire field and the value (never a secret); {@link
   * #build()} fails with an {@link IllegalStateException} if a required part is missing. Not
   * thread-safe.
   */
  public static final class Builder {
    private final List<String> locations = new ArrayList<>();
    private @Nullable Hook order;
    private @Nullable Hook stock;
    private @Nullable Hook aftersale;
    private @Nullable String externalPartnerId;

    Builder() {}

    /**
     * Adds TikiNOW warehouse codes ({@code sgn}, {@code hn5}, ...) to sync; at least one is
     * required.
     *
     * @throws IllegalArgumentException if a code is blank
     */
    public Builder inventoryLocations(String... codes) {
      Objects.requireNonNull(codes, "codes == null");
      for (String code : codes) {
        Objects.requireNonNull(code, "inventory location == null");
        if (code.isBlank()) {
          throw new IllegalArgumentException(
              "sync_inventory_location[" + locations.size() + "] must not be blank");
        }
        locations.add(code);
      }
      return this;
    }

    /**
     * Sets the order-status webhook (required).
     *
     * @throws IllegalArgumentException if {@code url} is not https (http only for localhost)
     */
    public Builder orderWebhook(String url, WebhookSecret secret) {
      this.order = hook("order", url, secret);
      return this;
    }

    /**
     * Sets the stock webhook. Default none.
     *
     * @throws IllegalArgumentException if {@code url} is not https (http only for localhost)
     */
    public Builder stockWebhook(String url, WebhookSecret secret) {
      this.stock = hook("stock", url, secret);
      return this;
    }

    /**
     * Sets the aftersale (FD/CR) webhook. Default none.
     *
     * @throws IllegalArgumentException if {@code url} is not https (http only for localhost)
     */
    public Builder aftersaleWebhook(String url, WebhookSecret secret) {
      this.aftersale = hook("aftersale", url, secret);
      return this;
    }

    /**
     * Sets the partner id (the shop id or code echoed in stock webhooks). Default none.
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder externalPartnerId(String externalPartnerId) {
      Objects.requireNonNull(externalPartnerId, "externalPartnerId == null");
      if (externalPartnerId.isBlank()) {
        throw new IllegalArgumentException("external_partner_id must not be blank");
      }
      this.externalPartnerId = externalPartnerId;
      return this;
    }

    /**
     * Returns the registration.
     *
     * @throws IllegalStateException if no inventory location or no order webhook was set
     */
    public WebhookRegistration build() {
      if (locations.isEmpty()) {
        throw new IllegalStateException(
            "sync_inventory_location needs at least one warehouse code; call"
                + " inventoryLocations(\"sgn\", ...)");
      }
      if (order == null) {
        throw new IllegalStateException(
            "sync_webhook.order is required; call orderWebhook(url, secret)");
      }
      return new WebhookRegistration(this);
    }

    private static Hook hook(String name, String url, WebhookSecret secret) {
      String field = "sync_webhook." + name;
      Objects.requireNonNull(url, field + ".url == null");
      Objects.requireNonNull(secret, field + ".secret_key == null");
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null) {
        throw new IllegalArgumentException(
            field + ".url must be an https URL but was \"" + url + "\"");
      }
      boolean local = LOCAL_HOSTS.contains(parsed.host().toLowerCase(Locale.ROOT));
      if (!parsed.isHttps() && !local) {
        throw new IllegalArgumentException(
            field
                + ".url must be https (http is allowed only for localhost, 127.0.0.1 and [::1])"
                + " but was \""
                + url
                + "\"");
      }
      return new Hook(url, secret);
    }
  }
}
