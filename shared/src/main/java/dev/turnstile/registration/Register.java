package dev.turnstile.registration;

import dev.turnstile.common.Check;
import dev.turnstile.common.Conflict;
import dev.turnstile.common.Invalid;
import dev.turnstile.common.NotFound;
import dev.turnstile.event.Event;
import dev.turnstile.event.EventStatus;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.UserRepository;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.tenancy.Transactions;
import dev.turnstile.ticket.TicketType;
import dev.turnstile.ticketcode.TicketSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Registers the caller for a published event: one or more tickets, each with its attendee and
 * answers, optionally with a promo code or through a waitlist offer. All or nothing: every ticket
 * type's seats, the event-wide seats and the promo code use are taken by conditional writes in one
 * transaction, so a registration either gets everything or changes nothing. A free registration
 * is confirmed at once; a paid one is pending, holding its seats for the event's hold time.
 */
public final class Register {

    public static final int MAX_TICKETS_PER_ORDER = 50;
    private static final java.util.Set<String> RETRYABLE = java.util.Set.of("confirmation_number_taken",
            "duplicate_request", "retry");

    /** One ticket of the order. */
    public record TicketRequest(UUID ticketTypeId, String attendeeName, String attendeeEmail,
                                Map<String, Object> answers) {
    }

    public record Command(List<TicketRequest> tickets, String promoCode, UUID waitlistEntryId) {
    }

    /** The registration, and whether it was made by this call or found from an earlier one (a retry). */
    public record Outcome(Registration registration, boolean created) {
    }

    private final Transactions transactions;
    private final DueWork lookups;
    private final UserRepository users;
    private final RegistrationInputs inputs;
    private final PromoCodeRepository promoCodes;
    private final WaitlistRepository waitlist;
    private final RegistrationRepository registrations;
    private final Inventory inventory;
    private final Outbox outbox;
    private final Seats seats;
    private final TicketSigner signer;
    private final Clock clock;
    private final SeatGate gate;
    private final Map<UUID, CompletableFuture<UUID>> orgOfEvent = new java.util.concurrent.ConcurrentHashMap<>();

    public Register(Transactions transactions, DueWork lookups, UserRepository users, RegistrationInputs inputs,
                    PromoCodeRepository promoCodes, WaitlistRepository waitlist, RegistrationRepository registrations,
                    Inventory inventory, Outbox outbox, Seats seats, TicketSigner signer, SeatGate gate, Clock clock) {
        this.transactions = transactions;
        this.lookups = lookups;
        this.users = users;
        this.inputs = inputs;
        this.promoCodes = promoCodes;
        this.waitlist = waitlist;
        this.registrations = registrations;
        this.inventory = inventory;
        this.outbox = outbox;
        this.seats = seats;
        this.signer = signer;
        this.gate = gate;
        this.clock = clock;
    }

    /** @param idempotencyKey the client's key for this attempt (null: none); a retry with it gets the first outcome */
    public Outcome register(Principal caller, UUID eventId, Command command, String idempotencyKey) {
        checkShape(command, idempotencyKey);
        UUID orgId = orgOf(eventId);
        Map<UUID, Integer> wanted = wanted(command);
        // a waitlist offer's seats are held already: its holder does not queue for them
        SeatGate.Pass pass = null;
        if (command.waitlistEntryId() == null) {
            SeatGate.Admission admission = gate.enter(wanted, idempotencyKey == null);
            if (admission.refused() != null) {
                throw soldOut(admission.refused().ticketTypeName());
            }
            pass = admission.pass();
        }
        try {
            for (int attempt = 1; ; attempt++) {
                SeatGate.Pass admitted = pass;
                if (admitted != null) {
                    admitted.retrying();
                }
                try {
                    Outcome outcome = transactions.write(TenantContext.of(orgId, caller.userId()),
                            () -> registerInTenant(caller, orgId, eventId, command, wanted, idempotencyKey, admitted));
                    if (admitted != null) {
                        admitted.committed();
                    }
                    return outcome;
                } catch (Conflict e) {
                    // a confirmation number drawn twice the same day (rare: 31^6 per day), the same request
                    // twice at once with one idempotency key (the retry finds the other), or a deadlock
                    // PostgreSQL broke by aborting us: try again
                    if (!RETRYABLE.contains(e.code()) || attempt == 3) {
                        throw e;
                    }
                }
            }
        } finally {
            if (pass != null) {
                pass.close();
            }
        }
    }

    /**
     * Seats asked for per ticket type, in the order the request first names them (checked later, in
     * the transaction).
     */
    private static Map<UUID, Integer> wanted(Command command) {
        Map<UUID, Integer> perType = new java.util.LinkedHashMap<>();
        for (TicketRequest t : command.tickets()) {
            if (t != null && t.ticketTypeId() != null) {
                perType.merge(t.ticketTypeId(), 1, Integer::sum);
            }
        }
        return perType;
    }

    /**
     * The event's organization, to open its tenant context; remembered, since an event never moves.
     * Looked up once however many ask at the same moment (the crowd of a sale's first second): the
     * others wait for that one answer.
     */
    private UUID orgOf(UUID eventId) {
        CompletableFuture<UUID> known = orgOfEvent.get(eventId);
        if (known == null) {
            if (orgOfEvent.size() >= 10_000) {
                orgOfEvent.clear();
            }
            CompletableFuture<UUID> mine = new CompletableFuture<>();
            known = orgOfEvent.putIfAbsent(eventId, mine);
            if (known == null) {
                known = mine;
                try {
                    mine.complete(transactions.read(TenantContext.none(), () -> lookups.orgOfEvent(eventId))
                            .orElseThrow(() -> new NotFound("event", eventId)));
                } catch (RuntimeException e) {
                    orgOfEvent.remove(eventId, mine); // not remembered: the next one asks again
                    mine.completeExceptionally(e);
                }
            }
        }
        try {
            return known.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private Outcome registerInTenant(Principal caller, UUID orgId, UUID eventId, Command command,
                                     Map<UUID, Integer> wanted, String key, SeatGate.Pass pass) {
        // the database keeps microseconds: the answer must show the instants a later read shows
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (key != null) {
            Optional<Registration> earlier = registrations.findByIdempotencyKey(eventId, caller.userId(), key);
            if (earlier.isPresent()) {
                return new Outcome(earlier.get(), false);
            }
        }
        // one round trip for every read; it key-share locks the event: from here until commit the
        // event cannot be unpublished, edited or given a new capacity under this registration
        RegistrationInputs.Inputs read = inputs.read(eventId, wanted.keySet());
        // the cheapest refusal first: committed counts already show the order cannot be filled
        Map<UUID, TicketType> types = read.ticketTypes().stream()
                .collect(Collectors.toMap(TicketType::id, Function.identity()));
        for (UUID id : wanted.keySet()) {
            TicketType type = types.get(id);
            if (type != null) {
                gate.learn(type.id(), type.name(), type.available());
                if (type.available() == 0 && command.waitlistEntryId() == null) {
                    throw soldOut(type.name());
                }
            }
        }
        users.ensure(caller);
        RegistrationSettings rules = read.rules();
        Event event = read.event()
                .filter(e -> e.status() == EventStatus.PUBLISHED)
                .orElseThrow(() -> new NotFound("event", eventId));
        if (!event.endsAt().isAfter(now)) {
            throw new Conflict("event_ended", "The event has ended");
        }
        List<Question> asked = read.questions();
        PromoCode promo = promoCode(eventId, command.promoCode(), now);
        WaitlistEntry offer = waitlistOffer(command.waitlistEntryId(), caller, eventId, now);

        Map<UUID, Integer> perType = checkTickets(command, types, asked, promo, offer, now);

        // fail fast on what committed data already shows; the conditional writes below decide
        for (var e : perType.entrySet()) {
            int offered = offer != null && offer.ticketTypeId().equals(e.getKey()) ? offer.quantity() : 0;
            if (types.get(e.getKey()).available() + offered < e.getValue()) {
                throw soldOut(types.get(e.getKey()).name());
            }
        }

        List<Ticket> tickets = new ArrayList<>();
        long subtotal = 0;
        long discount = 0;
        long taxAdded = 0;
        // each ticket's tax is fixed now, on its price after its discount (docs/payments.md, "Tax")
        Map<UUID, TaxRate> rates = read.taxRates();
        for (TicketRequest t : command.tickets()) {
            TicketType type = types.get(t.ticketTypeId());
            long price = type.priceMinor();
            long off = promo != null && promo.appliesTo(type.id()) ? Pricing.discount(price, promo) : 0;
            TicketTax tax = TicketTax.of(rates.get(type.id()), price - off);
            subtotal += price;
            discount += off;
            taxAdded += tax.addedMinor();
            tickets.add(new Ticket(UUID.randomUUID(), type.id(), TicketCodes.next(), null, 1, null, t.attendeeName().strip(),
                    t.attendeeEmail() != null ? t.attendeeEmail() : caller.email(), t.answers(), price, off, null, tax));
        }
        long total = subtotal - discount + taxAdded;
        boolean free = total == 0;
        TicketStatus ticketStatus = free ? TicketStatus.ISSUED : TicketStatus.RESERVED;
        // an issued ticket carries its signed code at once; a reserved one gets it when paid
        tickets = tickets.stream().map(t -> new Ticket(t.id(), t.ticketTypeId(), t.ticketCode(),
                free ? signer.codeFor(orgId, eventId, t.id(), 1) : null, 1, ticketStatus, t.attendeeName(),
                t.attendeeEmail(), t.answers(), t.priceMinor(), t.discountMinor(), free ? now : null, t.tax())).toList();
        String currency = types.get(perType.keySet().iterator().next()).currency();
        Registration registration = new Registration(UUID.randomUUID(), orgId, eventId, caller.userId(), null,
                free ? RegistrationStatus.CONFIRMED : RegistrationStatus.PENDING, currency, subtotal, discount,
                total, promo == null ? null : promo.id(), caller.name(), caller.email(),
                free ? null : now.plus(Duration.ofMinutes(rules.holdMinutes())), now, free ? now : null, null, null,
                tickets);

        // the writes below wait and go in one message with the first seat taken, or with the commit
        Supplier<String> confirmationNumber = registrations.insert(registration, key);
        outbox.publish(orgId, free ? "registration.confirmed" : "registration.pending", Map.of(
                "registrationId", registration.id(), "eventId", eventId, "email", caller.email()));
        if (offer != null) {
            // the offer's held seats go back and are taken again below, within this transaction
            inventory.release(offer.ticketTypeId(), offer.quantity(), false);
            if (rules.capacity() != null) {
                inventory.releaseEventSeats(eventId, offer.quantity());
            }
            waitlist.close(offer.id(), WaitlistStatus.ACCEPTED, registration.id());
        }
        // the contended rows last, so that their locks are held only until the commit, and in the one
        // order every transaction uses: ticket types by id, then the event's seats, then the promo code
        for (var e : perType.entrySet()) {
            String name = types.get(e.getKey()).name();
            java.util.OptionalInt left = inventory.take(e.getKey(), e.getValue(), free, now);
            if (left.isEmpty()) {
                if (e.getValue() == 1) {
                    gate.learn(e.getKey(), name, 0); // not even one seat was left
                }
                throw soldOut(name);
            }
            if (pass != null) {
                pass.sold(e.getKey(), left.getAsInt());
            }
        }
        if (rules.capacity() != null && !inventory.takeEventSeats(eventId, tickets.size())) {
            throw new Conflict("event_full", "The event is full");
        }
        if (promo != null && !promoCodes.use(promo.id(), now)) {
            throw new Conflict("promo_code_exhausted", "The promo code " + promo.code() + " is used up or no longer valid");
        }
        if (offer != null && offer.quantity() > perType.get(offer.ticketTypeId())) {
            seats.offerFreedSeats(eventId, offer.ticketTypeId(), now); // the part of the offer not taken goes on in line
        }
        // what was written, with the number the database drew: no read-back while the seat rows are locked
        return new Outcome(new Registration(registration.id(), orgId, eventId, caller.userId(), confirmationNumber.get(),
                registration.status(), currency, subtotal, discount, total, registration.promoCodeId(),
                registration.registrantName(), registration.registrantEmail(), registration.holdExpiresAt(), now,
                registration.confirmedAt(), null, null, tickets), true);
    }

    private static void checkShape(Command command, String key) {
        Check check = new Check();
        if (command.tickets() == null || command.tickets().isEmpty()) {
            check.require(false, "tickets", "must list at least one ticket");
        } else {
            check.require(command.tickets().size() <= MAX_TICKETS_PER_ORDER, "tickets",
                    "must list at most " + MAX_TICKETS_PER_ORDER + " tickets");
        }
        if (key != null) {
            check.require(!key.isBlank() && key.length() <= 200, "Idempotency-Key", "must be 1 to 200 characters");
        }
        check.orThrow();
    }

    private Map<UUID, Integer> checkTickets(Command command, Map<UUID, TicketType> types, List<Question> asked,
                                            PromoCode promo, WaitlistEntry offer, Instant now) {
        Check check = new Check();
        Map<UUID, Integer> perType = new java.util.TreeMap<>();
        for (int i = 0; i < command.tickets().size(); i++) {
            TicketRequest t = command.tickets().get(i);
            String at = "tickets[" + i + "]";
            if (t == null) {
                check.require(false, at, "must be an object");
                continue;
            }
            TicketType type = t.ticketTypeId() == null ? null : types.get(t.ticketTypeId());
            boolean visible = type != null && (!type.hidden() || (promo != null && promo.unlocks(type.id())));
            if (!visible) {
                check.require(false, at + ".ticketTypeId", "is not a ticket type of this event");
                continue;
            }
            check.text(t.attendeeName(), at + ".attendeeName", 200);
            check.optionalEmail(t.attendeeEmail(), at + ".attendeeEmail");
            Answers.check(asked, type.id(), t.answers(), at + ".answers", check);
            perType.merge(type.id(), 1, Integer::sum);
        }
        check.orThrow();

        for (var e : perType.entrySet()) {
            TicketType type = types.get(e.getKey());
            int quantity = e.getValue();
            Object min = type.restrictions().get("minPerOrder");
            Object max = type.restrictions().get("maxPerOrder");
            if (min instanceof Integer m && quantity < m) {
                check.require(false, "tickets", type.name() + ": at least " + m + " per order");
            }
            if (max instanceof Integer m && quantity > m) {
                check.require(false, "tickets", type.name() + ": at most " + m + " per order");
            }
        }
        if (offer != null) {
            check.require(perType.keySet().equals(java.util.Set.of(offer.ticketTypeId())), "waitlistEntryId",
                    "the offer is for one ticket type; register for that type only");
            check.require(perType.getOrDefault(offer.ticketTypeId(), 0) <= offer.quantity(), "tickets",
                    "the offer is for at most " + offer.quantity() + " tickets");
        }
        if (promo != null) {
            check.require(perType.keySet().stream().anyMatch(promo::appliesTo), "promoCode",
                    "does not apply to these tickets");
        }
        check.orThrow();

        for (UUID id : perType.keySet()) {
            TicketType type = types.get(id);
            if (!type.active()) {
                throw new Conflict("ticket_type_unavailable", type.name() + " is not on sale");
            }
            if (type.saleStartsAt() != null && now.isBefore(type.saleStartsAt())) {
                throw new Conflict("sale_not_started", type.name() + " goes on sale at " + type.saleStartsAt());
            }
            if (type.saleEndsAt() != null && !now.isBefore(type.saleEndsAt())) {
                throw new Conflict("sale_ended", "The sale of " + type.name() + " ended at " + type.saleEndsAt());
            }
        }
        return perType;
    }

    private PromoCode promoCode(UUID eventId, String code, Instant now) {
        if (code == null || code.isBlank()) {
            return null;
        }
        PromoCode promo = promoCodes.findByCode(eventId, code.strip().toUpperCase(Locale.ROOT))
                .orElseThrow(() -> new Invalid("promoCode", "is not a code of this event"));
        if (!promo.validAt(now)) {
            throw new Invalid("promoCode", "is not valid now");
        }
        return promo;
    }

    private WaitlistEntry waitlistOffer(UUID entryId, Principal caller, UUID eventId, Instant now) {
        if (entryId == null) {
            return null;
        }
        WaitlistEntry entry = waitlist.lock(entryId)
                .filter(e -> e.userId().equals(caller.userId()) && e.eventId().equals(eventId))
                .orElseThrow(() -> new NotFound("waitlist entry", entryId));
        if (entry.status() != WaitlistStatus.OFFERED || !now.isBefore(entry.offerExpiresAt())) {
            throw new Conflict("waitlist_offer_not_open", "This waitlist entry has no open offer");
        }
        return entry;
    }

    private static Conflict soldOut(String ticketTypeName) {
        return new Conflict("sold_out", ticketTypeName + " is sold out; join the waitlist to be offered a freed seat");
    }
}
