package dev.turnstile.adapters.dynamodb;

import dev.turnstile.checkin.DashboardConnections;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Open dashboard connections in the check-in table (docs/check-in.md, "Live dashboard"):
 * <pre>
 *   pk              sk               what
 *   WS#{eventId}    C#{connectionId} a connection watching the event: the pusher's Query
 *   WSC#{conn}      C                the same connection by its id: $disconnect and $default know only the id
 * </pre>
 * Both carry {@code exp}, the table's time-to-live attribute: a connection the gateway dropped
 * without a {@code $disconnect} (it lives two hours at most) disappears on its own.
 */
public final class DynamoDashboardConnections implements DashboardConnections {

    /** Longer than API Gateway's two-hour connection limit. */
    static final Duration EXPIRY = Duration.ofHours(3);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDashboardConnections(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void register(Connection c) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":org", s(c.orgId().toString()));
        values.put(":ev", s(c.eventId().toString()));
        values.put(":user", s(c.userId().toString()));
        values.put(":at", n(c.connectedAt().toEpochMilli()));
        values.put(":exp", n(c.connectedAt().plus(EXPIRY).getEpochSecond()));
        values.put(":conn", s(c.connectionId()));
        String set = "SET org = :org, ev = :ev, #user = :user, #at = :at, #exp = :exp, conn = :conn";
        Map<String, String> names = Map.of("#user", "user", "#at", "at", "#exp", "exp");
        dynamo.updateItem(b -> b.tableName(table).key(byId(c.connectionId())).updateExpression(set)
                .expressionAttributeNames(names).expressionAttributeValues(values));
        dynamo.updateItem(b -> b.tableName(table).key(byEvent(c.eventId(), c.connectionId())).updateExpression(set)
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }

    @Override
    public Optional<Connection> find(String connectionId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(byId(connectionId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(connectionOf(item));
    }

    @Override
    public List<Connection> ofEvent(UUID eventId) {
        List<Connection> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s("WS#" + eventId))).exclusiveStartKey(from));
            page.items().forEach(item -> found.add(connectionOf(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return found;
    }

    @Override
    public void remove(String connectionId) {
        find(connectionId).ifPresent(c -> dynamo.deleteItem(b -> b.tableName(table).key(byEvent(c.eventId(), connectionId))));
        dynamo.deleteItem(b -> b.tableName(table).key(byId(connectionId)));
    }

    private static Connection connectionOf(Map<String, AttributeValue> item) {
        return new Connection(item.get("conn").s(), UUID.fromString(item.get("org").s()), UUID.fromString(item.get("ev").s()),
                UUID.fromString(item.get("user").s()), Instant.ofEpochMilli(Long.parseLong(item.get("at").n())));
    }

    private static Map<String, AttributeValue> byId(String connectionId) {
        return Map.of("pk", s("WSC#" + connectionId), "sk", s("C"));
    }

    private static Map<String, AttributeValue> byEvent(UUID eventId, String connectionId) {
        return Map.of("pk", s("WS#" + eventId), "sk", s("C#" + connectionId));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
