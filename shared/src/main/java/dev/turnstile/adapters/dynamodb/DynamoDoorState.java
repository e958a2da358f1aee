package dev.turnstile.adapters.dynamodb;

import dev.turnstile.checkin.CheckInRecord;
import dev.turnstile.checkin.DoorState;
import dev.turnstile.checkin.DoorTicket;
import dev.turnstile.checkin.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import java.util.Collection;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The hot check-in table (docs/check-in.md, "The hot table"):
 * <pre>
 *   pk              sk            what
 *   T#{ticketId}    E             the ticket's door data; its event-level check-in when admitted
 *   T#{ticketId}    S#{session}   its check-in to one session
 *   SP#{session}    N             places taken in a session with a capacity
 * </pre>
 * Admitted items carry {@code gsi1pk = CI#{eventId}} and {@code gsi1sk = {at}#{ticketId}#{scope}}: a
 * sparse index of the event's admissions, for the dashboard's counts.
 */
public final class DynamoDoorState implements DoorState {

    private static final String ISSUED = DoorTicket.Status.ISSUED.name();

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDoorState(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void putTicket(DoorTicket t) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":org", s(t.orgId().toString()));
        values.put(":ev", s(t.eventId().toString()));
        values.put(":reg", s(t.registrationId() == null ? "" : t.registrationId().toString()));
        values.put(":conf", s(t.confirmationNumber()));
        values.put(":st", s(t.status().name()));
        values.put(":cv", n(t.codeVersion()));
        values.put(":name", s(t.attendeeName()));
        values.put(":email", s(t.attendeeEmail()));
        values.put(":tt", s(t.ticketTypeId() == null ? "" : t.ticketTypeId().toString()));
        values.put(":ttn", s(t.ticketTypeName()));
        values.put(":vf", n(t.validFrom().toEpochMilli()));
        values.put(":vu", n(t.validUntil().toEpochMilli()));
        dynamo.updateItem(b -> b.tableName(table).key(key(t.ticketId(), Scope.EVENT))
                .updateExpression("SET org = :org, ev = :ev, reg = :reg, conf = :conf, st = :st, cv = :cv, "
                        + "att_name = :name, att_email = :email, tt = :tt, ttn = :ttn, vf = :vf, vu = :vu")
                .expressionAttributeValues(values));
    }

    @Override
    public Optional<Stored> ticket(UUID ticketId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(ticketId, Scope.EVENT))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty() || !item.containsKey("st")) {
            return Optional.empty();
        }
        return Optional.of(new Stored(ticketOf(ticketId, item), recordOf(item)));
    }

    @Override
    public Optional<DoorTicket> admit(UUID eventId, UUID ticketId, int codeVersion, Instant now, CheckInRecord record) {
        Map<String, AttributeValue> values = indexKeys(recordValues(record), eventId, ticketId, Scope.EVENT, record);
        values.put(":ev", s(eventId.toString()));
        values.put(":issued", s(ISSUED));
        values.put(":cv", n(codeVersion));
        values.put(":now", n(now.toEpochMilli()));
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(b -> b.tableName(table).key(key(ticketId, Scope.EVENT))
                    .updateExpression(SET_RECORD + ", gsi1pk = :gpk, gsi1sk = :gsk")
                    .conditionExpression("attribute_exists(pk) AND ev = :ev AND st = :issued AND cv = :cv AND vf <= :now "
                            + "AND vu >= :now AND attribute_not_exists(ci_at)")
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(ticketOf(ticketId, item));
        } catch (ConditionalCheckFailedException refused) {
            return Optional.empty();
        }
    }

    @Override
    public boolean replaceCheckIn(UUID eventId, UUID ticketId, Scope scope, int codeVersion, CheckInRecord current,
                                  CheckInRecord earlier) {
        Map<String, AttributeValue> values = indexKeys(recordValues(earlier), eventId, ticketId, scope, earlier);
        values.put(":cur_scan", s(current.scanId()));
        values.put(":cur_at", n(current.at().toEpochMilli()));
        String condition = "ci_scan = :cur_scan AND ci_at = :cur_at";
        if (scope.session().isEmpty()) {
            values.put(":ev", s(eventId.toString()));
            values.put(":issued", s(ISSUED));
            values.put(":cv", n(codeVersion));
            condition += " AND ev = :ev AND st = :issued AND cv = :cv AND vf <= :at AND vu >= :at";
        }
        String where = condition;
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(ticketId, scope))
                    .updateExpression(SET_RECORD + ", gsi1pk = :gpk, gsi1sk = :gsk")
                    .conditionExpression(where)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    @Override
    public boolean admitToSession(DoorTicket ticket, UUID sessionId, CheckInRecord record) {
        UUID ticketId = ticket.ticketId();
        Scope scope = Scope.of(sessionId);
        Map<String, AttributeValue> values = indexKeys(recordValues(record), ticket.eventId(), ticketId, scope, record);
        values.put(":ev", s(ticket.eventId().toString()));
        values.put(":tt", s(ticket.ticketTypeId() == null ? "" : ticket.ticketTypeId().toString()));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(ticketId, scope))
                    .updateExpression(SET_RECORD + ", gsi1pk = :gpk, gsi1sk = :gsk, ev = :ev, tt = :tt")
                    .conditionExpression("attribute_not_exists(pk)")
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public Map<ScopedTicket, Optional<CheckInRecord>> checkIns(Collection<ScopedTicket> tickets) {
        Map<ScopedTicket, Optional<CheckInRecord>> found = new HashMap<>();
        Map<Map<String, AttributeValue>, List<ScopedTicket>> byKey = new HashMap<>();
        for (ScopedTicket t : tickets) {
            found.put(t, Optional.empty());
            byKey.computeIfAbsent(key(t.ticketId(), t.scope()), k -> new ArrayList<>()).add(t);
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>(byKey.keySet());
        for (int from = 0; from < keys.size(); from += 100) { // BatchGetItem takes at most 100 keys
            List<Map<String, AttributeValue>> pending = keys.subList(from, Math.min(keys.size(), from + 100));
            while (!pending.isEmpty()) {
                List<Map<String, AttributeValue>> ask = pending;
                BatchGetItemResponse page = dynamo.batchGetItem(b -> b.requestItems(Map.of(table,
                        KeysAndAttributes.builder().keys(ask).consistentRead(true).build())));
                for (Map<String, AttributeValue> item : page.responses().getOrDefault(table, List.of())) {
                    Map<String, AttributeValue> itemKey = Map.of("pk", item.get("pk"), "sk", item.get("sk"));
                    for (ScopedTicket t : byKey.getOrDefault(itemKey, List.of())) {
                        boolean ours = t.scope().session().isPresent() || str(item, "org").equals(t.orgId().toString());
                        found.put(t, ours ? recordOf(item) : Optional.empty());
                    }
                }
                KeysAndAttributes unprocessed = page.unprocessedKeys().get(table);
                pending = unprocessed == null || !unprocessed.hasKeys() ? List.of() : unprocessed.keys();
            }
        }
        return found;
    }

    @Override
    public Optional<CheckInRecord> sessionCheckIn(UUID ticketId, UUID sessionId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(ticketId, Scope.of(sessionId)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : recordOf(item);
    }

    @Override
    public Optional<CheckInRecord> undo(UUID ticketId, Scope scope) {
        try {
            Map<String, AttributeValue> old;
            if (scope.session().isPresent()) {
                old = dynamo.deleteItem(b -> b.tableName(table).key(key(ticketId, scope))
                        .conditionExpression("attribute_exists(ci_at)")
                        .returnValues(ReturnValue.ALL_OLD)).attributes();
            } else {
                old = dynamo.updateItem(b -> b.tableName(table).key(key(ticketId, scope))
                        .updateExpression("REMOVE ci_at, ci_by, ci_byn, ci_gate, ci_dev, ci_scan, ci_m, gsi1pk, gsi1sk")
                        .conditionExpression("attribute_exists(ci_at)")
                            .returnValues(ReturnValue.ALL_OLD)).attributes();
            }
            return recordOf(old);
        } catch (ConditionalCheckFailedException none) {
            return Optional.empty();
        }
    }

    @Override
    public boolean takeSessionPlace(UUID sessionId, int capacity) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(placesKey(sessionId))
                    .updateExpression("ADD taken :one")
                    .conditionExpression("attribute_not_exists(taken) OR taken < :cap")
                    .expressionAttributeValues(Map.of(":one", n(1), ":cap", n(capacity))));
            return true;
        } catch (ConditionalCheckFailedException full) {
            return false;
        }
    }

    @Override
    public void releaseSessionPlace(UUID sessionId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(placesKey(sessionId))
                    .updateExpression("ADD taken :minus")
                    .conditionExpression("taken > :zero")
                    .expressionAttributeValues(Map.of(":minus", n(-1), ":zero", n(0))));
        } catch (ConditionalCheckFailedException nothingTaken) {
            // already at zero: nothing to give back
        }
    }

    @Override
    public List<Admission> admissions(UUID eventId) {
        List<Admission> admissions = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table).indexName("gsi1")
                    .keyConditionExpression("gsi1pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s("CI#" + eventId)))
                    .exclusiveStartKey(from).build());
            for (Map<String, AttributeValue> item : page.items()) {
                String sk = item.get("sk").s();
                Scope scope = sk.equals("E") ? Scope.EVENT : Scope.of(UUID.fromString(sk.substring(2)));
                String tt = str(item, "tt");
                admissions.add(new Admission(UUID.fromString(item.get("pk").s().substring(2)), scope,
                        tt.isEmpty() ? null : UUID.fromString(tt), str(item, "ci_gate"),
                        Instant.ofEpochMilli(Long.parseLong(item.get("ci_at").n())), str(item, "ci_scan")));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return admissions;
    }

    private static final String SET_RECORD = "SET ci_at = :at, ci_by = :by, ci_byn = :byn, ci_gate = :gate, ci_dev = :dev, "
            + "ci_scan = :scan, ci_m = :m";

    private static Map<String, AttributeValue> recordValues(CheckInRecord r) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":at", n(r.at().toEpochMilli()));
        values.put(":by", s(r.byUserId() == null ? "" : r.byUserId().toString()));
        values.put(":byn", s(r.byName()));
        values.put(":gate", s(r.gate()));
        values.put(":dev", s(r.device()));
        values.put(":scan", s(r.scanId()));
        values.put(":m", s(r.method().name()));
        return values;
    }

    private static Map<String, AttributeValue> indexKeys(Map<String, AttributeValue> values, UUID eventId, UUID ticketId,
                                                         Scope scope, CheckInRecord r) {
        values.put(":gpk", s("CI#" + eventId));
        values.put(":gsk", s(String.format("%013d", r.at().toEpochMilli()) + "#" + ticketId + "#" + scope.key()));
        return values;
    }

    private static DoorTicket ticketOf(UUID ticketId, Map<String, AttributeValue> item) {
        String reg = str(item, "reg");
        String tt = str(item, "tt");
        return new DoorTicket(ticketId, UUID.fromString(str(item, "org")), UUID.fromString(str(item, "ev")),
                reg.isEmpty() ? null : UUID.fromString(reg), str(item, "conf"), DoorTicket.Status.valueOf(str(item, "st")),
                Integer.parseInt(item.get("cv").n()), str(item, "att_name"), str(item, "att_email"),
                tt.isEmpty() ? null : UUID.fromString(tt), str(item, "ttn"),
                Instant.ofEpochMilli(Long.parseLong(item.get("vf").n())), Instant.ofEpochMilli(Long.parseLong(item.get("vu").n())));
    }

    private static Optional<CheckInRecord> recordOf(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey("ci_at")) {
            return Optional.empty();
        }
        String by = str(item, "ci_by");
        return Optional.of(new CheckInRecord(Instant.ofEpochMilli(Long.parseLong(item.get("ci_at").n())),
                by.isEmpty() ? null : UUID.fromString(by), str(item, "ci_byn"), str(item, "ci_gate"), str(item, "ci_dev"),
                str(item, "ci_scan"), CheckInRecord.Method.valueOf(str(item, "ci_m"))));
    }

    private static Map<String, AttributeValue> key(UUID ticketId, Scope scope) {
        return Map.of("pk", s("T#" + ticketId), "sk", s(scope.key()));
    }

    private static Map<String, AttributeValue> placesKey(UUID sessionId) {
        return Map.of("pk", s("SP#" + sessionId), "sk", s("N"));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.s() == null ? "" : v.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
