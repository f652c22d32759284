package io.eventsync.orders;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a customer order is paid by invoice.
 *
 * @param customerAccountId the customer account invoiced (required)
 * @param invoicingAmount the amount invoiced (required)
 * @param additionalInformation extra lines, or null
 */
public record InvoicePaymentInstructions(
    String customerAccountId,
    BigDecimal invoicingAmount,
    @Nullable List<AdditionalInformation> additionalInformation) {
  /** Copies the list (null stays null: the field is then omitted). */
  public InvoicePaymentInstructions {
    additionalInformation =
        additionalInformation == null ? null : List.copyOf(additionalInformation);
  }
}
