package dev.turnstile.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.adapters.events.CheckInEventCodec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalogue's WebSocket routes and bus subscriptions, from which both hosts build the live dashboard. */
class WebSocketCatalogueTest {

    @Test
    void theWebSocketApisThreeRoutesAreEachServedByExactlyOneFunction() {
        List<String> keys = FunctionCatalogue.webSocket().stream()
                .flatMap(f -> f.webSocketRoutes().stream()).map(WebSocketRoute::key).toList();

        assertThat(keys).containsExactlyInAnyOrder("$connect", "$disconnect", "$default");
    }

    @Test
    void busSubscribersListenToTheSourceTheCheckInEventsArePublishedWith_andMayPostToTheWebSocketApi() {
        assertThat(FunctionCatalogue.onBusEvents()).isNotEmpty();
        for (FunctionSpec f : FunctionCatalogue.onBusEvents()) {
            assertThat(f.busEvents()).extracting(BusEvents::source).containsOnly(CheckInEventCodec.SOURCE);
            assertThat(f.uses()).contains(Resource.WEBSOCKET_CONNECTIONS, Resource.DOOR_TABLE);
        }
    }

    @Test
    void onlyTheDashboardFunctionsMayManageWebSocketConnections() {
        assertThat(FunctionCatalogue.all().stream().filter(f -> f.uses().contains(Resource.WEBSOCKET_CONNECTIONS))
                .map(FunctionSpec::name)).containsExactlyInAnyOrder("dashboard-socket", "dashboard-push");
    }

    @Test
    void everyFunctionHasExactlyOneKindOfTrigger_andAUniqueName() {
        assertThat(FunctionCatalogue.all().stream().map(FunctionSpec::name).distinct().count())
                .isEqualTo(FunctionCatalogue.all().size());
        assertThatThrownBy(() -> new FunctionSpec("both", "x.Y", "functions/checkin", 512, List.of(ApiRoutes.CHECK_IN),
                List.of(), List.of(), List.of(WebSocketRoute.CONNECT), List.of(), List.of(), List.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FunctionSpec("both", "x.Y", "functions/api", 512, List.of(ApiRoutes.GRAPHQL),
                List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new GraphqlFields(GraphqlFields.QUERY, "AppSync and HTTP at once")), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebSocketRoute("$anything")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BusEvents("turnstile.checkin", "too big", 11)).isInstanceOf(IllegalArgumentException.class);
    }
}
