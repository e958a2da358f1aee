package dev.turnstile.registration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface PromoCodeRepository {

    void insert(UUID orgId, PromoCode promoCode);

    Optional<PromoCode> find(UUID eventId, UUID promoCodeId);

    Optional<PromoCode> findByCode(UUID eventId, String code);

    void update(PromoCode promoCode);

    List<PromoCode> listForEvent(UUID eventId);

    /** One more use, if the limit allows and the code is valid at {@code now}: one conditional write. */
    boolean use(UUID promoCodeId, Instant now);

    /** Gives a use back (the registration ended without being paid or was cancelled). */
    void release(UUID promoCodeId);
}
