package dev.turnstile.payment;

import java.util.Map;

/** A refund as the provider reports it. */
public record ProviderRefund(String providerRefundId, Status status, long amountMinor, Map<String, Object> redacted) {

    public enum Status { PENDING, SUCCEEDED, FAILED }

    public ProviderRefund {
        redacted = Map.copyOf(redacted);
    }
}
