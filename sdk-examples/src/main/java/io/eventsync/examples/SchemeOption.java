package io.eventsync.examples;

import io.eventsync.webhooks.SignatureScheme;

/** The signature schemes the webhook commands accept with {@code --scheme}. */
enum SchemeOption {
  /** TikiNOW: {@code x-signature: sha1=<hex>}. */
  TIKINOW(SignatureScheme.TIKINOW),
  /** Hii Retail: {@code X-Hii-Signature: HS256=<hex>}. */
  HII_RETAIL(SignatureScheme.HII_RETAIL);

  final SignatureScheme scheme;

  SchemeOption(SignatureScheme scheme) {
    this.scheme = scheme;
  }
}
