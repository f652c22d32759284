package io.eventsync.collector;

import io.eventsync.internal.ApiContext;
import io.eventsync.internal.ResponseReader;
import java.util.Objects;

/**
 * The collector's notification jobs of one tenant, under {@code /api/v1/jobs}. Obtain it from
 * {@link CollectorApi#jobs()}; immutable and thread-safe.
 */
public final class JobsApi {
  private final TenantCalls calls;

  JobsApi(TenantCalls calls) {
    this.calls = calls;
  }

  /**
   * Creates a job and returns it with its id. Not retried once the request may have reached the
   * collector (a retry could create a second job).
   *
   * @throws IllegalArgumentException if a field is invalid, such as a bad cron {@code schedule}
   */
  public Job create(Job job) {
    Objects.requireNonNull(job, "job == null");
    job.validate();
    return calls.exchange("POST", Adapters.JOB, job, false, "created job", "jobs");
  }

  /**
   * Replaces the job with {@code jobId} ({@code PUT /api/v1/jobs/{jobId}}). A job's id cannot
   * change. Idempotent.
   *
   * @throws IllegalArgumentException if {@code job} carries another id, or a field is invalid
   * @throws io.eventsync.NotFoundException if the tenant has no such job
   */
  public Job update(String jobId, Job job) {
    ApiContext.requireId(jobId, "jobId");
    Objects.requireNonNull(job, "job == null");
    if (job.id() != null && !job.id().equals(jobId)) {
      throw new IllegalArgumentException(
          "a job's id cannot change: the job carries id \""
              + job.id()
              + "\", not \""
              + jobId
              + "\"");
    }
    job.validate();
    return calls.exchange(
        "PUT", Adapters.JOB, job.withId(jobId), true, "updated job", "jobs", jobId);
  }

  /**
   * Deletes the job with {@code jobId}: the collector's soft delete, a {@code POST
   * /api/v1/jobs/{jobId}} answered 204 that marks the job {@code deleted}. Not retried once the
   * request may have reached the collector.
   *
   * @throws io.eventsync.NotFoundException if the tenant has no such job
   */
  public void delete(String jobId) {
    ApiContext.requireId(jobId, "jobId");
    calls.send("POST", null, false, ResponseReader.accepted("job deletion answer"), "jobs", jobId);
  }
}
