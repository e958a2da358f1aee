package dev.turnstile.api.routes;

import static dev.turnstile.api.routes.EventRoutes.eventId;
import static dev.turnstile.api.routes.EventRoutes.orgId;
import static dev.turnstile.catalogue.ApiRoutes.CHECK_IN;
import static dev.turnstile.catalogue.ApiRoutes.FIND_ATTENDEES;
import static dev.turnstile.catalogue.ApiRoutes.OFFLINE_KIT;
import static dev.turnstile.catalogue.ApiRoutes.SYNC_CHECK_INS;
import static dev.turnstile.catalogue.ApiRoutes.GET_DASHBOARD;
import static dev.turnstile.catalogue.ApiRoutes.UNDO_CHECK_IN;

import dev.turnstile.api.ApiResponse;
import dev.turnstile.api.Problems;
import dev.turnstile.api.Router;
import dev.turnstile.checkin.CheckInRecord;
import dev.turnstile.checkin.DoorTicket;
import dev.turnstile.checkin.ExportOfflineKit;
import dev.turnstile.checkin.SyncOfflineScans;
import dev.turnstile.checkin.TicketSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import dev.turnstile.checkin.FindAttendees;
import dev.turnstile.checkin.ScanAnswer;
import dev.turnstile.checkin.ScanRequest;
import dev.turnstile.wiring.Services;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Door staff: scan a ticket, undo a check-in, look attendees up by name, e-mail or confirmation number. */
public final class CheckInRoutes {

    private CheckInRoutes() {
    }

    /** A scan as the scanner sends it; {@code ticketId} instead of {@code code} for a manual check-in. */
    public record ScanBody(String code, UUID ticketId, UUID sessionId, String gate, String device, String scanId) {
    }

    public record UndoBody(UUID ticketId, UUID sessionId) {
    }

    /** A batch of scans made offline by one device (docs/check-in.md, "Offline scanning"). */
    public record SyncBody(String device, List<SyncScan> scans) {
    }

    public record SyncScan(String scanId, String code, UUID ticketId, UUID sessionId, String gate, Instant scannedAt) {
    }

    /** The order of a ticket's fields in the offline kit's {@code tickets} rows (arrays keep 20,000 of them small). */
    static final List<String> TICKET_FIELDS = List.of("ticketId", "codeVersion", "attendeeName", "ticketType");

    public static void bind(Router router, Services s) {
        router.bind(CHECK_IN, req -> {
            ScanBody body = req.body(ScanBody.class);
            ScanAnswer answer = s.checkInTicket.scan(req.principal(), orgId(req), eventId(req), new ScanRequest(
                    body.code(), body.ticketId(), body.sessionId(), body.gate(), body.device(), body.scanId(), null));
            return answer(answer);
        });
        router.bind(UNDO_CHECK_IN, req -> {
            UndoBody body = req.body(UndoBody.class);
            if (body.ticketId() == null) {
                throw new dev.turnstile.api.BadRequest("ticketId", "is required");
            }
            ScanAnswer undone = s.undoCheckIn.undo(req.principal(), orgId(req), eventId(req), body.ticketId(), body.sessionId());
            Map<String, Object> json = view(undone);
            json.put("reason", "undone");
            return ApiResponse.ok(json);
        });
        router.bind(OFFLINE_KIT, req -> ApiResponse.ok(kit(s.exportOfflineKit.export(req.principal(), orgId(req), eventId(req)))));
        router.bind(SYNC_CHECK_INS, req -> {
            SyncBody body = req.body(SyncBody.class);
            List<SyncOfflineScans.Scan> scans = body.scans() == null ? null : body.scans().stream()
                    .map(x -> x == null ? null : new SyncOfflineScans.Scan(x.scanId(), x.code(), x.ticketId(), x.sessionId(),
                            x.gate(), x.scannedAt()))
                    .toList();
            List<SyncOfflineScans.Result> results = s.syncOfflineScans.sync(req.principal(), orgId(req), eventId(req),
                    body.device(), scans);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("device", body.device());
            json.put("results", results.stream().map(CheckInRoutes::synced).toList());
            return ApiResponse.ok(json);
        });
        // the same JSON as the WebSocket's snapshot message: one encoder for both
        router.bind(GET_DASHBOARD, req -> new ApiResponse(200, Map.of("Content-Type", "application/json"),
                dev.turnstile.adapters.websocket.DashboardMessageCodec.write(dev.turnstile.checkin.DashboardMessage.Counts
                        .snapshot(s.getDashboardCounts.counts(req.principal(), orgId(req), eventId(req))))));
        router.bind(FIND_ATTENDEES, req -> ApiResponse.ok(Map.of("items", s.findAttendees
                .find(req.principal(), orgId(req), eventId(req), req.query("q").orElse("")).stream()
                .map(CheckInRoutes::found).toList())));
    }

    /** 200 for an admission; otherwise a problem whose {@code code} is the reason, with what is known of the ticket. */
    public static ApiResponse answer(ScanAnswer answer) {
        Map<String, Object> json = view(answer);
        if (answer.reason().admitted()) {
            return ApiResponse.ok(json);
        }
        json.remove("reason");
        return Problems.problem(answer.reason().status(), answer.reason().code(), answer.detail(), json);
    }

    public static Map<String, Object> view(ScanAnswer a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reason", a.reason().code());
        putIfPresent(json, "ticketId", a.ticketId());
        putIfPresent(json, "sessionId", a.sessionId());
        putIfPresent(json, "attendeeName", a.attendeeName());
        putIfPresent(json, "ticketTypeId", a.ticketTypeId());
        putIfPresent(json, "ticketTypeName", a.ticketTypeName());
        putIfPresent(json, "confirmationNumber", a.confirmationNumber());
        if (a.checkIn() != null) {
            json.put("checkIn", admission(a.checkIn()));
        }
        if (Boolean.TRUE.equals(a.replay())) {
            json.put("replay", true);
        }
        return json;
    }

    private static Map<String, Object> synced(SyncOfflineScans.Result r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scanId", r.scanId());
        json.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
        json.putAll(view(r.answer()));
        if (r.answer().displaced() != null) {
            json.put("displaced", admission(r.answer().displaced()));
        }
        return json;
    }

    private static Map<String, Object> kit(ExportOfflineKit.OfflineKit kit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventId", kit.eventId());
        json.put("generatedAt", kit.generatedAt());
        json.put("checkInWindow", Map.of("opens", kit.checkInOpens(), "closes", kit.checkInCloses()));
        List<Map<String, Object>> keys = new ArrayList<>();
        for (TicketSource.VerificationKey k : kit.keys()) {
            keys.add(Map.of("keyId", k.keyId(), "algorithm", "Ed25519",
                    "publicKey", Base64.getEncoder().encodeToString(k.encoded()), "active", k.active()));
        }
        json.put("keys", keys);
        // each ticket type's name once; a ticket row names its type by its index in this list
        Map<String, Integer> typeIndex = new LinkedHashMap<>();
        List<Map<String, Object>> types = new ArrayList<>();
        List<List<Object>> tickets = new ArrayList<>(kit.tickets().size());
        for (DoorTicket t : kit.tickets()) {
            String typeKey = t.ticketTypeId() + "/" + t.ticketTypeName();
            Integer index = typeIndex.get(typeKey);
            if (index == null) {
                index = types.size();
                typeIndex.put(typeKey, index);
                Map<String, Object> type = new LinkedHashMap<>();
                type.put("id", t.ticketTypeId());
                type.put("name", t.ticketTypeName());
                types.add(type);
            }
            tickets.add(List.of(t.ticketId(), t.codeVersion(), t.attendeeName(), index));
        }
        json.put("ticketTypes", types);
        json.put("ticketFields", TICKET_FIELDS);
        json.put("tickets", tickets);
        json.put("revoked", kit.revoked().stream().map(r -> Map.of("ticketId", r.ticketId(), "codeVersion", r.codeVersion(),
                "status", r.status().name().toLowerCase(java.util.Locale.ROOT))).toList());
        json.put("admitted", kit.admitted().stream().map(a -> Map.of("ticketId", a.ticketId(), "at", a.at())).toList());
        return json;
    }

    private static Map<String, Object> admission(ScanAnswer.Admission c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", c.at());
        json.put("by", c.by());
        json.put("gate", c.gate());
        json.put("device", c.device());
        json.put("scanId", c.scanId());
        return json;
    }

    private static Map<String, Object> found(FindAttendees.Found f) {
        DoorTicket t = f.ticket();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ticketId", t.ticketId());
        json.put("attendeeName", t.attendeeName());
        json.put("attendeeEmail", t.attendeeEmail());
        json.put("confirmationNumber", t.confirmationNumber());
        json.put("ticketTypeId", t.ticketTypeId());
        json.put("ticketTypeName", t.ticketTypeName());
        json.put("status", t.status());
        CheckInRecord r = f.checkIn().orElse(null);
        json.put("checkIn", r == null ? null : Map.of("at", r.at(), "by", r.byName(), "gate", r.gate()));
        return json;
    }

    private static void putIfPresent(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
