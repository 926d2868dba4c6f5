package org.pujiang.server.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The route areas served beside {@link ApiRoutes}' own: twins, rules and alerts, replay and what-if,
 * the transparency log, identity and assets, agents. The server and
 * OpenApiDocumentTest both build the list here, so that a new area cannot be served without being checked against
 * the OpenAPI document. The test passes areas built with null services: only {@code routes()} is called, never a
 * handler.
 */
public final class RouteAreas {
    private RouteAreas() {}

    public static List<ApiRoutes.Route> all(TwinRoutes twins, AlertRoutes alerts, ScenarioRoutes scenarios,
            LedgerRoutes ledger, AssetRoutes assets, AgentRoutes agents) {
        List<ApiRoutes.Route> all = new ArrayList<>(twins.routes());
        all.addAll(alerts.routes());
        all.addAll(scenarios.routes());
        all.addAll(ledger.routes());
        all.addAll(assets.routes());
        all.addAll(agents.routes());
        return List.copyOf(all);
    }
}
