package dev.oncall.worker.notify;

import static dev.oncall.worker.notify.SenderHarness.T0;

import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.User;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.worker.notify.FakeProvider.Answer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Measures the duplicate window (docs/notifications.md, docs/benchmarks.md): how long after a
 * provider accepted a message its "sent" record commits. Not a test: run it by name,
 *
 * <pre>./mvnw -B -pl regional-worker -am verify -Dtest=DuplicateWindowHarness -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * It sends {@value #MESSAGES} SMS pages, a hundred people at a time by default, through the real
 * sender, database and Twilio client against a local Twilio-compatible server, and prints the
 * window's percentiles.
 */
class DuplicateWindowHarness {
    static final int MESSAGES = 2000;
    /** People paged at once (-Dharness.people=...): how many sends finish together and contend for connections. */
    static final int PEOPLE = Integer.getInteger("harness.people", 100);

    @Test
    void measure() throws Exception {
        try (StoreFixture store = new StoreFixture(TestInfrastructure.get());
             FakeProvider twilio = new FakeProvider(Answer.json(201, "{\"sid\":\"SM-harness\"}"));
             SenderHarness h = new SenderHarness(store, new SenderHarness.Providers(twilio, null, null, null, 0),
                     l -> l)) {
            List<ContactMethod> methods = new ArrayList<>();
            for (int i = 0; i < PEOPLE; i++) {
                User u = h.fx.person("harness-" + i);
                methods.add(h.fx.method(u, ContactMethodType.SMS, "+1415556" + String.format("%04d", i), 0));
            }
            Sender sender = h.sender("harness");
            long started = System.nanoTime();
            for (int round = 0; round < MESSAGES / PEOPLE; round++) {
                for (ContactMethod m : methods) {
                    UUID incident = h.fx.incident("harness " + round, T0);
                    h.fx.intent(incident, m, T0);
                }
                while (SenderHarness.pass(sender) > 0) {
                    // Each pass claims one message per person; run until the round is sent.
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Timer window = h.meters.find("oncall.notification.duplicate.window").timer();
            HistogramSnapshot snapshot = window.takeSnapshot();
            StringBuilder report = new StringBuilder("duplicate window, " + PEOPLE + " people at a time, over " + window.count() + " messages ("
                    + String.format("%.0f", window.count() / seconds) + " messages/s end to end):");
            for (ValueAtPercentile p : snapshot.percentileValues()) {
                report.append(String.format(" p%.0f=%.1f ms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
            }
            report.append(String.format(" max=%.1f ms mean=%.1f ms", snapshot.max(TimeUnit.MILLISECONDS),
                    snapshot.mean(TimeUnit.MILLISECONDS)));
            System.out.println(report);
            System.err.println(report);
        }
    }
}
