package io.eventsync.orders;

/**
 * An extra line printed with an invoice payment (a requisition number, ...); every field is
 * required.
 *
 * @param id the entry's id ({@code requisition})
 * @param value its value
 * @param displayText the text shown to the cashier
 * @param receiptLabel the label printed on the receipt
 */
public record AdditionalInformation(
    String id, String value, String displayText, String receiptLabel) {}
