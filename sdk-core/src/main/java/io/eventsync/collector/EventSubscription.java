package io.eventsync.collector;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A subscription that delivers an entity type's changes to an AWS destination (camelCase on the
 * wire). Create one with {@link #builder}, change one with {@link #toBuilder()}. {@link
 * #toString()} never shows the AWS credentials.
 *
 * @param id the subscription's id, assigned by the collector; null before creation
 * @param active whether it delivers, or null
 * @param entityType the entity type watched
 * @param subscribeCreate whether creations are delivered, or null
 * @param subscribeChange whether changes are delivered, or null
 * @param subscribeDelete whether deletions are delivered, or null
 * @param destination where changes are delivered
 */
public record EventSubscription(
    @Nullable String id,
    @Nullable Boolean active,
    EntityType entityType,
    @Nullable Boolean subscribeCreate,
    @Nullable Boolean subscribeChange,
    @Nullable Boolean subscribeDelete,
    Destination destination) {

  /** Returns a builder of an active subscription of {@code entityType} to {@code destination}. */
  public static Builder builder(EntityType entityType, Destination destination) {
    return new Builder().entityType(entityType).destination(destination);
  }

  /** Returns a builder holding this subscription, its id included (for an update). */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.id = id;
    builder.active = active;
    builder.entityType = entityType;
    builder.subscribeCreate = subscribeCreate;
    builder.subscribeChange = subscribeChange;
    builder.subscribeDelete = subscribeDelete;
    builder.destination = destination;
    return builder;
  }

  void validate() {
    Checks.required(entityType, "entityType");
    Checks.required(destination, "destination");
    destination.validate();
  }

  /** Builds an {@link EventSubscription}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable Boolean active = Boolean.TRUE;
    private @Nullable EntityType entityType;
    private @Nullable Boolean subscribeCreate = Boolean.FALSE;
    private @Nullable Boolean subscribeChange = Boolean.FALSE;
    private @Nullable Boolean subscribeDelete = Boolean.FALSE;
    private @Nullable Destination destination;

    Builder() {}

    /** Sets the entity type watched. */
    public Builder entityType(EntityType entityType) {
      this.entityType = Objects.requireNonNull(entityType, "entityType == null");
      return this;
    }

    /** Sets the destination. */
    public Builder destination(Destination destination) {
      this.destination = Objects.requireNonNull(destination, "destination == null");
      return this;
    }

    /** Sets whether it delivers. Default true. */
    public Builder active(boolean active) {
      this.active = active;
      return this;
    }

    /** Sets whether creations are delivered. Default false. */
    public Builder subscribeCreate(boolean subscribeCreate) {
      this.subscribeCreate = subscribeCreate;
      return this;
    }

    /** Sets whether changes are delivered. Default false. */
    public Builder subscribeChange(boolean subscribeChange) {
      this.subscribeChange = subscribeChange;
      return this;
    }

    /** Sets whether deletions are delivered. Default false. */
    public Builder subscribeDelete(boolean subscribeDelete) {
      this.subscribeDelete = subscribeDelete;
      return this;
    }

    /**
     * Returns the subscription.
     *
     * @throws IllegalArgumentException if the entity type or destination is missing or invalid
     */
    public EventSubscription build() {
      EventSubscription subscription =
          new EventSubscription(
              id,
              active,
              entityType,
              subscribeCreate,
              subscribeChange,
              subscribeDelete,
              destination);
      subscription.validate();
      return subscription;
    }
  }
}
