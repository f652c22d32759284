package io.eventsync.orders;

import io.eventsync.EventSyncClient;
import io.eventsync.internal.ApiContext;
import io.eventsync.internal.ApiFactories;
import io.eventsync.internal.ApiRequest;
import io.eventsync.internal.ResponseReader;
import java.util.Objects;

/**
 * Hii Retail incoming customer orders: {@link #put} submits or updates one order (an asynchronous
 * upsert that Hii Retail answers with 202 and processes in order), {@link #publisher()} sends many
 * with bounded concurrency, per-order order, progress, dead letters and resume.
 *
 * <p>The PUT path is not in Hii Retail's public documentation; it defaults to {@value
 * #DEFAULT_PATH_TEMPLATE} and can be changed with {@link #withPathTemplate(String)}. Hii Retail
 * ignores a message older than the newest one processed for the same order; send the order's
 * version ({@link #put(String, CustomerOrder, long)}) so that the guard can tell. Obtain an
 * instance from {@link EventSyncClient#customerOrders()}; it is immutable and thread-safe.
 */
public final class CustomerOrdersApi {
  /** The default PUT path, relative to the API's base URL. */
  public static final String DEFAULT_PATH_TEMPLATE =
      "/business-units/{businessUnitId}/customer-orders/{customerOrderId}";

  /** The header that carries an order's version for the stale-guard. */
  public static final String VERSION_HEADER = "X-Event-Version";

  static {
    ApiFactories.register(
        CustomerOrdersApi.class, (context, scope) -> new CustomerOrdersApi(context));
  }

  private final ApiContext context;
  private final PathTemplate path;

  private CustomerOrdersApi(ApiContext context) {
    this(context, PathTemplate.parse(DEFAULT_PATH_TEMPLATE));
  }

  private CustomerOrdersApi(ApiContext context, PathTemplate path) {
    this.context = Objects.requireNonNull(context, "context == null");
    this.path = path;
  }

  /**
   * Returns a view that PUTs to {@code template}, a path relative to the base URL with the
   * placeholders {@code {businessUnitId}} and {@code {customerOrderId}} as whole segments.
   *
   * @throws IllegalArgumentException if the template is not of that form
   */
  public CustomerOrdersApi withPathTemplate(String template) {
    return new CustomerOrdersApi(context, PathTemplate.parse(template));
  }

  /** Returns the PUT path template. */
  public String pathTemplate() {
    return path.toString();
  }

  /**
   * Submits or updates {@code order} without a version. Idempotent, so retried on faults.
   *
   * @throws IllegalArgumentException if a required field is missing (nothing is sent)
   */
  public void put(String businessUnitId, CustomerOrder order) {
    put(CustomerOrderUpdate.of(businessUnitId, order));
  }

  /**
   * Submits or updates {@code order} at {@code version} (sent in {@value #VERSION_HEADER}).
   * Idempotent, so retried on faults.
   *
   * @throws IllegalArgumentException if a required field is missing or {@code version} is negative
   */
  public void put(String businessUnitId, CustomerOrder order, long version) {
    put(CustomerOrderUpdate.of(businessUnitId, order, version));
  }

  /**
   * Submits or updates {@code update.customerOrder()}, with its version if it has one.
   *
   * @throws IllegalArgumentException if a required field is missing (nothing is sent)
   */
  public void put(CustomerOrderUpdate update) {
    Objects.requireNonNull(update, "update == null");
    ApiContext.requireId(update.businessUnitId(), "businessUnitId");
    CustomerOrder order = update.customerOrder();
    order.validate();
    ApiRequest request =
        ApiRequest.json(
            "PUT",
            path.expand(context, update.businessUnitId(), order.customerOrderId()),
            "{\"customerOrder\":" + Adapters.ORDER.toJson(order) + "}",
            true);
    if (update.version() != null) {
      request = request.withHeader(VERSION_HEADER, Long.toString(update.version()));
    }
    // Hii Retail documents no body; one that arrives must be well-formed (else retried).
    context.core().execute(request, ResponseReader.accepted("customer order answer"));
  }

  /**
   * Returns a builder of a publisher that sends many orders through this view.
   *
   * @see CustomerOrderPublisher
   */
  public CustomerOrderPublisher.Builder publisher() {
    return new CustomerOrderPublisher.Builder(this, context.core());
  }
}
