package io.eventsync.collector;

import com.squareup.moshi.Json;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A notification job: an email ({@code notification}, SendGrid {@code template_id}) sent on a cron
 * {@code schedule}. snake_case on the wire except {@code scheduleExpression}. Create one with
 * {@link #builder}, change one with {@link #toBuilder()}.
 *
 * <p>Checked before sending: {@code notification} set, {@code template_id} non-blank, {@code
 * schedule} (and {@code scheduleExpression} if set) a valid cron expression in the dialect of
 * {@link Cron}: 5 fields {@code minute hour day-of-month month day-of-week} or 6 with {@code
 * second} first; {@code number_of_items_in_email} {@value #WHOLE_WISHLIST} (the whole wishlist) or
 * at least 1.
 *
 * @param id the job's id, assigned by the collector; null before creation
 * @param deleted true once deleted (deletion is soft), or null
 * @param isActive whether the job runs, or null
 * @param isScheduled whether the job runs on its schedule, or null
 * @param jobParameters the email parameters, or null
 * @param notification the kind of email
 * @param numberOfItemsInEmail how many wishlist items the email shows ({@value #WHOLE_WISHLIST}:
 *     all), or null
 * @param schedule when the job runs (cron)
 * @param scheduleExpression a second cron expression, or null
 * @param templateId the SendGrid template id
 */
public record Job(
    @Nullable String id,
    @Nullable Boolean deleted,
    @Json(name = "is_active") @Nullable Boolean isActive,
    @Json(name = "is_scheduled") @Nullable Boolean isScheduled,
    @Json(name = "job_parameters") @Nullable JobParameters jobParameters,
    Notification notification,
    @Json(name = "number_of_items_in_email") Integer numberOfItemsInEmail,
    String schedule,
    @Nullable String scheduleExpression,
    @Json(name = "template_id") String templateId) {

  /** {@code number_of_items_in_email} that shows the whole wishlist: {@value}. */
  public static final int WHOLE_WISHLIST = -1;

  /**
   * Returns a builder of an active, scheduled job sending {@code notification} with SendGrid
   * template {@code templateId} on the cron {@code schedule}, showing the whole wishlist.
   */
  public static Builder builder(Notification notification, String schedule, String templateId) {
    return new Builder().notification(notification).schedule(schedule).templateId(templateId);
  }

  /** Returns a builder holding this job. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.active = isActive;
    builder.scheduled = isScheduled;
    builder.parameters = jobParameters;
    builder.notification = notification;
    builder.items = numberOfItemsInEmail;
    builder.schedule = schedule;
    builder.scheduleExpression = scheduleExpression;
    builder.templateId = templateId;
    return builder;
  }

  /** Returns this job with {@code id}. */
  Job withId(String id) {
    return new Job(
        id,
        deleted,
        isActive,
        isScheduled,
        jobParameters,
        notification,
        numberOfItemsInEmail,
        schedule,
        scheduleExpression,
        templateId);
  }

  void validate() {
    Checks.required(notification, "notification");
    Checks.requiredText(templateId, "template_id");
    Cron.check(schedule, "schedule");
    if (scheduleExpression != null) {
      Cron.check(scheduleExpression, "scheduleExpression");
    }
    if (numberOfItemsInEmail != null
        && numberOfItemsInEmail != WHOLE_WISHLIST
        && numberOfItemsInEmail < 1) {
      throw new IllegalArgumentException(
          "number_of_items_in_email must be -1 (the whole wishlist) or at least 1 but was "
              + numberOfItemsInEmail);
    }
  }

  /** Builds a {@link Job}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Boolean active = Boolean.TRUE;
    private @Nullable Boolean scheduled = Boolean.TRUE;
    private @Nullable JobParameters parameters;
    private @Nullable Notification notification;
    private Integer items = WHOLE_WISHLIST;
    private @Nullable String schedule;
    private @Nullable String scheduleExpression;
    private @Nullable String templateId;

    Builder() {}

    /** Sets the kind of email. */
    public Builder notification(Notification notification) {
      this.notification = Objects.requireNonNull(notification, "notification == null");
      return this;
    }

    /** Sets the cron schedule (checked by {@link #build()}). */
    public Builder schedule(String schedule) {
      this.schedule = Objects.requireNonNull(schedule, "schedule == null");
      return this;
    }

    /** Sets the SendGrid template id. */
    public Builder templateId(String templateId) {
      this.templateId = Objects.requireNonNull(templateId, "templateId == null");
      return this;
    }

    /**
     * Sets {@code scheduleExpression} (a cron expression, checked by {@link #build()}). Default
     * none.
     */
    public Builder scheduleExpression(@Nullable String scheduleExpression) {
      this.scheduleExpression = scheduleExpression;
      return this;
    }

    /** Sets whether the job runs. Default true. */
    public Builder active(boolean active) {
      this.active = active;
      return this;
    }

    /** Sets whether the job runs on its schedule. Default true. */
    public Builder scheduled(boolean scheduled) {
      this.scheduled = scheduled;
      return this;
    }

    /** Sets the email parameters. Default none. */
    public Builder parameters(@Nullable JobParameters parameters) {
      this.parameters = parameters;
      return this;
    }

    /**
     * Sets how many wishlist items the email shows: at least 1, or {@link #WHOLE_WISHLIST}. Default
     * {@link #WHOLE_WISHLIST}.
     */
    public Builder numberOfItemsInEmail(int items) {
      this.items = items;
      return this;
    }

    /**
     * Returns the job.
     *
     * @throws IllegalArgumentException naming the field if a value is invalid, a bad cron
     *     expression with what is wrong in it
     */
    public Job build() {
      Job job =
          new Job(
              null,
              null,
              active,
              scheduled,
              parameters,
              notification,
              items,
              schedule,
              scheduleExpression,
              templateId);
      job.validate();
      return job;
    }
  }
}
