package org.pujiang.server.twin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.pujiang.server.alert.AlertService;
import org.pujiang.server.storage.AlertRepository.StoredAlert;
import org.pujiang.twin.rules.AlertSignal;
import org.pujiang.twin.rules.RuleEngine;
import org.pujiang.twin.rules.RuleSet;
import org.pujiang.twin.state.Ingestor;
import org.pujiang.twin.state.TwinState;

/**
 * Rules evaluated where the values are: one {@link RuleEngine} per twin partition, used only on that partition's
 * thread. Alert signals go to the alert service's writer, which never blocks the partition.
 */
public final class TwinRules implements TwinService.RuleHook {
    /** Silence is checked this often; a device gone quiet for T is reported within T plus this. */
    private static final long CLOCK_MS = 1000;

    private final AlertService alerts;
    private final RuleEngine[] engines;
    private final long[] nextClock;

    private TwinRules(AlertService alerts, int partitions) {
        this.alerts = alerts;
        this.engines = new RuleEngine[partitions];
        this.nextClock = new long[partitions];
        RuleSet rules = alerts.current();
        List<StoredAlert> unresolved = alerts.unresolved();
        for (int i = 0; i < partitions; i++) {
            engines[i] = new RuleEngine(rules);
            // Any engine may be asked about any twin's alert: marking all in each is cheap and always right.
            for (StoredAlert a : unresolved) {
                engines[i].markOpen(a.ruleId(), a.twin());
            }
        }
    }

    /** Installs the hook on the twin service before it starts, and keeps the engines' rules current. */
    public static TwinRules install(TwinService twins, AlertService alerts) {
        TwinRules hook = new TwinRules(alerts, twins.partitionCount());
        twins.setRuleHook(hook);
        alerts.onRules(set -> twins.onEachPartition(i -> hook.send(hook.engines[i].setRules(set,
                System.currentTimeMillis()))));
        return hook;
    }

    @Override
    public void loaded(int partition, TwinState twin) {
        if (twin.lastSeenMs() >= 0) {
            send(engines[partition].onSeen(twin.id(), twin.modelId(), twin.lastSeenMs()));
        }
    }

    @Override
    public void removed(int partition, String twin) {
        send(engines[partition].forgetTwin(twin, System.currentTimeMillis()));
    }

    @Override
    public void accepted(int partition, TwinState twin, List<Ingestor.Accepted> values) {
        RuleEngine engine = engines[partition];
        String id = twin.id();
        String model = twin.modelId();
        send(engine.onSeen(id, model, twin.lastSeenMs()));
        for (Ingestor.Accepted v : values) {
            JsonNode value = v.value();
            double d;
            if (value.isNumber()) {
                d = value.doubleValue();
            } else if (value.isBoolean()) {
                d = value.booleanValue() ? 1 : 0;
            } else {
                continue;
            }
            send(engine.onValue(id, model, v.property(), d, v.tsMs()));
        }
    }

    @Override
    public void tick(int partition, long nowMs) {
        if (nowMs >= nextClock[partition]) {
            nextClock[partition] = nowMs + CLOCK_MS;
            send(engines[partition].onClock(nowMs));
        }
    }

    private void send(List<AlertSignal> signals) {
        if (!signals.isEmpty()) {
            alerts.applyAll(signals);
        }
    }
}
