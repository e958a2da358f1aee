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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Registers the caller for a published event: one or more tickets, each with its attendee and
 * answers, optionally with a promo code or through a waitlist offer. All or nothing: every ticket
 * type's seats, the event-wide seats and the promo code use are taken by conditional writes in one
 * transaction, so a registration either gets everything or changes nothing. A free registration
 * is confirmed at once; a paid one is pending, holding its seats for the event's hold time. The
 * simplest orders of an event arriving together are sold in one transaction (docs/inventory.md,
 * "Sold together"); a batch that fails as a whole leaves each of its orders to be sold on its own.
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
    private final Map<UUID, Sales> salesOfEvent = new java.util.concurrent.ConcurrentHashMap<>();

    /** Orders sold in one transaction at most (docs/inventory.md, "Sold together"). */
    static final int MAX_BATCH = 32;
    /** What a batch that rolled back as a whole leaves its orders: each is sold on its own. */
    private static final Object ALONE = new Object();
    /**
     * Where batches are sold: platform threads, not the request's virtual thread. Each round trip
     * of a batch to PostgreSQL parks its thread; woken, a virtual thread queues for a carrier
     * behind every other runnable one, in a flash sale the crowd's 1,000 connections being read,
     * and the batch everyone in line waits for waited with them (the first sale of a round was
     * answered 165-190 ms after the gate opened). A platform thread is scheduled by the kernel
     * beside the carriers. Four: an event sells one batch at a time, so four events at once.
     */
    private static final java.util.concurrent.Executor SELLERS = java.util.concurrent.Executors.newFixedThreadPool(4,
            r -> {
                Thread t = new Thread(r, "register-batches");
                t.setDaemon(true);
                return t;
            });

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
        boolean together = sellsTogether(command, idempotencyKey, wanted);
        if (command.waitlistEntryId() == null) {
            SeatGate.Admission admission = gate.enter(wanted, idempotencyKey == null, together);
            if (admission.refused() != null) {
                throw soldOut(admission.refused().ticketTypeName());
            }
            pass = admission.pass();
        }
        try {
            if (pass != null && together) {
                Object sold = sellTogether(orgId, eventId, new Order(caller, command, pass));
                if (sold instanceof Outcome outcome) {
                    return outcome;
                }
                if (sold instanceof RuntimeException e) {
                    throw e;
                }
                // ALONE: its batch rolled back as a whole; this order is sold on its own below
            }
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
     * Whether the order may be sold in a batch: one ticket type, no promo code (its use is another
     * contended row), no waitlist offer, no idempotency key (a retry must find its first outcome).
     * Everything else is sold on its own.
     */
    private static boolean sellsTogether(Command command, String key, Map<UUID, Integer> wanted) {
        return key == null && (command.promoCode() == null || command.promoCode().isBlank())
                && command.waitlistEntryId() == null && wanted.size() == 1
                && command.tickets().stream().allMatch(t -> t != null && t.ticketTypeId() != null);
    }

    /**
     * Sells the order together with the orders of the same event that wait behind it: the first
     * to arrive while no batch is being sold leads one, the rest queue, and when a batch is done
     * the first in the queue leads the next with everyone behind it (up to {@link #MAX_BATCH}).
     * Under a crowd a batch is whoever came during the previous one; alone, an order is a batch
     * of one. Returns the order's {@link Outcome}, the exception that refuses it, or {@link #ALONE}.
     */
    private Object sellTogether(UUID orgId, UUID eventId, Order order) {
        Sales sales = salesOfEvent.computeIfAbsent(eventId, e -> new Sales());
        boolean lead;
        sales.lock.lock();
        try {
            sales.waiting.add(order);
            lead = !sales.selling;
            sales.selling = true;
        } finally {
            sales.lock.unlock();
        }
        if (!lead && !order.turn.join()) {
            return order.result;
        }
        // first in the queue: sell it with those behind it
        List<Order> batch = new ArrayList<>();
        sales.lock.lock();
        try {
            while (!sales.waiting.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(sales.waiting.poll());
            }
        } finally {
            sales.lock.unlock();
        }
        try {
            CompletableFuture.runAsync(() -> sellBatch(orgId, eventId, batch), SELLERS).join();
        } finally {
            Order next;
            sales.lock.lock();
            try {
                next = sales.waiting.peek();
                if (next == null) {
                    sales.selling = false;
                    salesOfEvent.remove(eventId, sales);
                }
            } finally {
                sales.lock.unlock();
            }
            for (Order o : batch) {
                if (o != order) {
                    o.turn.complete(false);
                }
            }
            if (next != null) {
                next.turn.complete(true);
            }
        }
        return order.result;
    }

    /**
     * One transaction for the batch. An order its own checks refuse is answered alone and left out;
     * if anything fails for the batch as a whole (the seats left are fewer than it asks, a
     * confirmation number drawn twice), everything rolls back and each order is sold on its own.
     */
    private void sellBatch(UUID orgId, UUID eventId, List<Order> batch) {
        try {
            Map<Order, Outcome> made = transactions.write(TenantContext.of(orgId, batch.get(0).caller.userId()),
                    () -> sellInTenant(orgId, eventId, batch));
            made.forEach((o, outcome) -> {
                o.pass.committed();
                o.result = outcome;
            });
        } catch (RuntimeException e) {
            for (Order o : batch) {
                if (o.result == null) {
                    o.result = ALONE;
                }
            }
        }
    }

    private Map<Order, Outcome> sellInTenant(UUID orgId, UUID eventId, List<Order> batch) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        java.util.Set<UUID> typeIds = new java.util.TreeSet<>();
        batch.forEach(o -> o.command.tickets().forEach(t -> typeIds.add(t.ticketTypeId())));
        RegistrationInputs.Inputs read = inputs.read(eventId, typeIds);
        Map<UUID, TicketType> types = read.ticketTypesById();
        types.values().forEach(t -> gate.learn(t.id(), t.name(), t.available()));
        RegistrationSettings rules = read.rules();
        requireOpen(read, eventId, now);
        List<Question> asked = read.questions();

        Map<UUID, Integer> seatsOfType = new java.util.TreeMap<>();
        Map<UUID, List<Order>> ordersOfType = new HashMap<>();
        Map<UUID, Boolean> freeType = new HashMap<>();
        Map<Order, Supplier<Outcome>> written = new java.util.LinkedHashMap<>();
        int seats = 0;
        for (Order o : batch) {
            Map<UUID, Integer> perType;
            try {
                perType = checkTickets(o.command, types, asked, null, null, now);
                TicketType type = types.get(perType.keySet().iterator().next());
                if (type.available() < perType.get(type.id())) {
                    throw soldOut(type.name());
                }
            } catch (Invalid | Conflict e) {
                o.result = e; // this order's own answer, whatever becomes of the batch
                continue;
            }
            UUID typeId = perType.keySet().iterator().next();
            int quantity = perType.get(typeId);
            Registration registration = draft(o.caller, orgId, eventId, o.command, types, read.taxRates(), null, rules, now);
            // each order's rows are written as its buyer: the audit log and the users policy see them
            transactions.actAs(o.caller.userId());
            users.ensure(o.caller);
            written.put(o, write(registration, o.caller, null));
            seatsOfType.merge(typeId, quantity, Integer::sum);
            ordersOfType.computeIfAbsent(typeId, k -> new ArrayList<>()).add(o);
            freeType.put(typeId, registration.isFree());
            seats += quantity;
        }
        // the contended rows last, in the order every transaction uses: ticket types by id, then the event
        for (var e : seatsOfType.entrySet()) {
            java.util.OptionalInt left = inventory.take(e.getKey(), e.getValue(), freeType.get(e.getKey()), now);
            if (left.isEmpty()) {
                throw soldOut(types.get(e.getKey()).name()); // fewer seats than the batch: each tries alone
            }
            ordersOfType.get(e.getKey()).forEach(o -> o.pass.sold(e.getKey(), left.getAsInt()));
        }
        if (rules.capacity() != null && seats > 0 && !inventory.takeEventSeats(eventId, seats)) {
            throw new Conflict("event_full", "The event is full");
        }
        Map<Order, Outcome> made = new java.util.LinkedHashMap<>();
        written.forEach((o, w) -> made.put(o, w.get()));
        return made;
    }

    /** An order waiting to be sold in a batch, and what became of it. */
    private static final class Order {
        final Principal caller;
        final Command command;
        final SeatGate.Pass pass;
        /** Completed true: lead the next batch; false: sold (or refused) by another's batch. */
        final CompletableFuture<Boolean> turn = new CompletableFuture<>();
        /** An {@link Outcome}, the exception refusing it, or {@link #ALONE}; written before {@link #turn} completes. */
        Object result;

        Order(Principal caller, Command command, SeatGate.Pass pass) {
            this.caller = caller;
            this.command = command;
            this.pass = pass;
        }
    }

    /** The orders of one event waiting to be sold, and whether a batch of them is being sold. */
    private static final class Sales {
        final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        final java.util.ArrayDeque<Order> waiting = new java.util.ArrayDeque<>();
        boolean selling;
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
        Map<UUID, TicketType> types = read.ticketTypesById();
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
        requireOpen(read, eventId, now);
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

        Registration registration = draft(caller, orgId, eventId, command, types, read.taxRates(), promo, rules, now);
        boolean free = registration.isFree();
        List<Ticket> tickets = registration.tickets();
        // the writes below wait and go in one message with the first seat taken, or with the commit
        Supplier<Outcome> written = write(registration, caller, key);
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
        return written.get();
    }

    /** The registration an order makes (tickets priced, discounted and taxed), not yet written. */
    private Registration draft(Principal caller, UUID orgId, UUID eventId, Command command, Map<UUID, TicketType> types,
                               Map<UUID, TaxRate> rates, PromoCode promo, RegistrationSettings rules, Instant now) {
        List<Ticket> tickets = new ArrayList<>();
        long subtotal = 0;
        long discount = 0;
        long taxAdded = 0;
        // each ticket's tax is fixed now, on its price after its discount (docs/payments.md, "Tax")
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
        // the currency of the order's first ticket type by id (the types of an event share one)
        String currency = types.get(command.tickets().stream().map(TicketRequest::ticketTypeId)
                .min(java.util.Comparator.naturalOrder()).orElseThrow()).currency();
        return new Registration(UUID.randomUUID(), orgId, eventId, caller.userId(), null,
                free ? RegistrationStatus.CONFIRMED : RegistrationStatus.PENDING, currency, subtotal, discount,
                total, promo == null ? null : promo.id(), caller.name(), caller.email(),
                free ? null : now.plus(Duration.ofMinutes(rules.holdMinutes())), now, free ? now : null, null, null,
                tickets);
    }

    /**
     * Queues the registration's rows and its outbox message; the answer is what was written, with
     * the number the database drew (no read-back while the seat rows are locked).
     */
    private Supplier<Outcome> write(Registration registration, Principal caller, String key) {
        Supplier<String> confirmationNumber = registrations.insert(registration, key);
        outbox.publish(registration.orgId(), registration.isFree() ? "registration.confirmed" : "registration.pending",
                Map.of("registrationId", registration.id(), "eventId", registration.eventId(), "email", caller.email()));
        return () -> new Outcome(registration.withConfirmationNumber(confirmationNumber.get()), true);
    }

    /** The event is published (else 404) and has not ended (else 409). */
    private static void requireOpen(RegistrationInputs.Inputs read, UUID eventId, Instant now) {
        Event event = read.event()
                .filter(e -> e.status() == EventStatus.PUBLISHED)
                .orElseThrow(() -> new NotFound("event", eventId));
        if (!event.endsAt().isAfter(now)) {
            throw new Conflict("event_ended", "The event has ended");
        }
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
