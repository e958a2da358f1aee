package dev.turnstile.payment;

import dev.turnstile.common.Invalid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The providers this deployment is configured for, by name. */
public final class PaymentProviders {

    private final Map<String, PaymentProvider> byName;

    private PaymentProviders(Map<String, PaymentProvider> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static PaymentProviders of(List<PaymentProvider> providers) {
        Map<String, PaymentProvider> byName = new LinkedHashMap<>();
        for (PaymentProvider p : providers) {
            if (byName.putIfAbsent(p.name(), p) != null) {
                throw new IllegalArgumentException("Two payment providers named " + p.name());
            }
        }
        return new PaymentProviders(byName);
    }

    /** No provider configured: paid registrations stay pending until their hold expires. */
    public static PaymentProviders none() {
        return new PaymentProviders(Map.of());
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /** A provider the buyer or a webhook names; an unknown name is the caller's mistake. */
    public PaymentProvider get(String name, String field) {
        PaymentProvider provider = name == null ? null : byName.get(name);
        if (provider == null) {
            throw new Invalid(field, byName.isEmpty() ? "no payment provider is configured"
                    : "must be one of: " + String.join(", ", byName.keySet()));
        }
        return provider;
    }
}
