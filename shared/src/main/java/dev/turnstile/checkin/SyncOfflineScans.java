package dev.turnstile.checkin;

import dev.turnstile.common.Check;
import dev.turnstile.identity.Principal;
import dev.turnstile.identity.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Takes the scans a device made offline and applies each through the scan path's conditional
 * writes, judged as of the device's time: the first scan of a ticket wins by {@code scannedAt},
 * ties broken by scan id, and an offline scan made before the admission already recorded takes its
 * place. Every scan gets its outcome back, so the device learns each conflict. Re-sending a batch
 * gives the same outcomes: each is a function of what the hot table holds, not of the request
 * count (docs/check-in.md, "Offline scanning").
 */
public final class SyncOfflineScans {

    public static final int MAX_SCANS = 500;
    /** How far ahead of the server's clock a device's clock may run. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    /** One scan made offline. */
    public record Scan(String scanId, String code, UUID ticketId, UUID sessionId, String gate, Instant scannedAt) {
    }

    public enum Outcome {
        /** This scan is the admission on record (now, or since an earlier sync). */
        ACCEPTED,
        /** The same scan id appears earlier in this batch: see that entry. */
        DUPLICATE,
        /** Another scan came first; the answer's {@code checkIn} is the admission on record. */
        CONFLICT,
        /** The ticket does not admit anyone (the answer's reason says why, as the scan route would). */
        REFUSED
    }

    public record Result(String scanId, Outcome outcome, ScanAnswer answer) {
    }

    private final CheckInTicket checkIn;
    private final DoorFacts facts;
    private final Clock clock;

    public SyncOfflineScans(CheckInTicket checkIn, DoorFacts facts, Clock clock) {
        this.checkIn = checkIn;
        this.facts = facts;
        this.clock = clock;
    }

    /** The outcome of each scan, in the order sent. Nothing is applied unless the whole batch is valid. */
    public List<Result> sync(Principal staff, UUID orgId, UUID eventId, String device, List<Scan> scans) {
        List<ScanRequest> requests = scans == null ? List.of() : scans.stream()
                .map(s -> s == null ? null : new ScanRequest(s.code(), s.ticketId(), s.sessionId(), s.gate(), device,
                        s.scanId(), s.scannedAt()))
                .toList();
        Check shape = new Check()
                .require(scans != null && !scans.isEmpty(), "scans", "must hold at least one scan")
                .require(scans == null || scans.size() <= MAX_SCANS, "scans", "must hold at most " + MAX_SCANS + " scans")
                .text(device, "device", 200);
        if (scans != null && scans.size() <= MAX_SCANS) {
            for (int i = 0; i < requests.size(); i++) {
                ScanRequest r = requests.get(i);
                if (shape.present(r, "scans[" + i + "]")) {
                    CheckInTicket.validate(shape, r, "scans[" + i + "].");
                    shape.require(r.scannedAt() != null, "scans[" + i + "].scannedAt", "is required");
                }
            }
        }
        shape.orThrow();

        TicketSource.EventFacts event = facts.authorize(staff, orgId, eventId, Role.STAFF);
        Instant latest = clock.instant().plus(CLOCK_SKEW);
        Instant opens = CheckInWindow.opens(event.startsAt());
        Check times = new Check();
        for (int i = 0; i < requests.size(); i++) {
            Instant at = requests.get(i).scannedAt();
            times.require(!at.isAfter(latest), "scans[" + i + "].scannedAt",
                    "is in the future (more than " + CLOCK_SKEW.toMinutes() + " minutes ahead of the server): check the device's clock")
                    .require(!at.isBefore(opens), "scans[" + i + "].scannedAt",
                            "is before check-in opened (" + opens + "): check the device's clock");
        }
        times.orThrow();

        // applied in the order the scans were made, so a device's own batch never displaces itself
        Integer[] order = new Integer[requests.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing((Integer i) -> requests.get(i).scannedAt().toEpochMilli())
                .thenComparing(i -> requests.get(i).scanId()));
        Result[] results = new Result[requests.size()];
        Map<String, ScanAnswer> applied = new HashMap<>();
        for (int i : order) {
            ScanRequest r = requests.get(i);
            ScanAnswer seen = applied.get(r.scanId());
            if (seen != null) {
                results[i] = new Result(r.scanId(), Outcome.DUPLICATE, seen);
                continue;
            }
            ScanAnswer answer = checkIn.admit(staff, orgId, eventId, r);
            applied.put(r.scanId(), answer);
            results[i] = new Result(r.scanId(), outcome(answer), answer);
        }
        return new ArrayList<>(Arrays.asList(results));
    }

    private static Outcome outcome(ScanAnswer answer) {
        return switch (answer.reason()) {
            case CHECKED_IN -> Outcome.ACCEPTED;
            case ALREADY_CHECKED_IN -> Outcome.CONFLICT;
            default -> Outcome.REFUSED;
        };
    }
}
