package dev.oncall.store.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.incident.Channel;
import dev.oncall.core.notify.AckAction;
import dev.oncall.core.user.User;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(WithInfrastructure.class)
class AckTokensAndReplyCodesTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static StoreFixture store;
    private static NotifyFixture fx;
    private static AckTokens tokens;
    private static ReplyCodes codes;

    @BeforeAll
    static void setUp(TestInfrastructure infra) {
        store = new StoreFixture(infra);
        fx = new NotifyFixture(store, "r");
        tokens = new AckTokens(new AckProperties("s".repeat(32), Duration.ofHours(1), "https://oncall.example.com"),
                store.tx);
        codes = new ReplyCodes(store.tx);
    }

    @AfterAll
    static void tearDown() {
        store.close();
    }

    @Test
    void aTokenIsRedeemedOnceEvenWhenRequestsRace() throws Exception {
        String token = tokens.issue(UUID.randomUUID(), UUID.randomUUID(), AckAction.ACKNOWLEDGE, T0).orElseThrow();
        List<Callable<AckTokens.Redemption>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racers.add(() -> tokens.redeem(token, Channel.PUSH, T0.plusSeconds(1)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            int ok = 0;
            for (Future<AckTokens.Redemption> f : pool.invokeAll(racers)) {
                AckTokens.Redemption r = f.get();
                if (r.ok()) {
                    ok++;
                } else {
                    assertThat(r.refusal()).isEqualTo(AckTokens.USED);
                }
            }
            assertThat(ok).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(tokens.check(token, T0.plusSeconds(2)).refusal()).isEqualTo(AckTokens.USED);
    }

    @Test
    void expiredForgedAndReleasedTokens() {
        String token = tokens.issue(UUID.randomUUID(), UUID.randomUUID(), AckAction.RESOLVE, T0).orElseThrow();
        assertThat(tokens.redeem(token, Channel.EMAIL, T0.plus(Duration.ofHours(1))).refusal()).isEqualTo(AckTokens.EXPIRED);
        AckTokens other = new AckTokens(new AckProperties("o".repeat(32), Duration.ofHours(1), ""), store.tx);
        assertThat(other.redeem(token, Channel.EMAIL, T0).refusal()).isEqualTo(AckTokens.BAD_SIGNATURE);
        assertThat(tokens.redeem("nonsense", Channel.EMAIL, T0).refusal()).isEqualTo(AckTokens.MALFORMED);

        AckTokens.Redemption first = tokens.redeem(token, Channel.EMAIL, T0);
        assertThat(first.ok()).isTrue();
        tokens.release(first.token().orElseThrow());
        assertThat(tokens.redeem(token, Channel.EMAIL, T0).ok()).isTrue();
        assertThat(tokens.purgeExpired(T0.plus(Duration.ofHours(2)))).isGreaterThanOrEqualTo(1);
    }

    @Test
    void withoutAKeyNoTokensAreIssued() {
        AckTokens none = new AckTokens(new AckProperties("", Duration.ofHours(1), ""), store.tx);
        assertThat(none.enabled()).isFalse();
        assertThat(none.issue(UUID.randomUUID(), UUID.randomUUID(), AckAction.ACKNOWLEDGE, T0)).isEmpty();
        assertThat(none.redeem("x.y", Channel.PUSH, T0).refusal()).isEqualTo(AckTokens.NOT_CONFIGURED);
    }

    @Test
    void replyCodesAreSmallStablePerPersonAndReusedAfterResolve() {
        User u = fx.person("codes");
        User other = fx.person("codes-other");
        UUID a = fx.incident("a", T0);
        UUID b = fx.incident("b", T0);
        UUID c = fx.incident("c", T0);
        assertThat(codes.assign(u.id(), a, T0)).isEqualTo(1);
        assertThat(codes.assign(u.id(), b, T0)).isEqualTo(2);
        assertThat(codes.assign(u.id(), a, T0)).isEqualTo(1);
        assertThat(codes.assign(other.id(), b, T0)).isEqualTo(1);

        fx.setStatus(a, "resolved");
        assertThat(codes.assign(u.id(), c, T0)).isEqualTo(1);
        assertThat(codes.incident(u.id(), 1)).contains(c);
        assertThat(codes.incident(u.id(), 2)).contains(b);
        assertThat(codes.triggeredIncidents(u.id())).containsExactly(c, b);
    }

    /** Senders texting one person at once (a storm): every incident gets one code, no two share one, nobody fails. */
    @Test
    void sendersAssigningCodesForOnePersonAtOnceNeverCollide() throws Exception {
        User u = fx.person("codes-race");
        List<UUID> incidents = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            incidents.add(fx.incident("race-" + i, T0));
        }
        List<Callable<Integer>> senders = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (UUID incident : incidents) {
                senders.add(() -> codes.assign(u.id(), incident, T0));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> done = pool.invokeAll(senders);
            java.util.Map<UUID, java.util.Set<Integer>> codesOf = new java.util.HashMap<>();
            for (int i = 0; i < done.size(); i++) {
                codesOf.computeIfAbsent(incidents.get(i % incidents.size()), k -> new java.util.HashSet<>())
                        .add(done.get(i).get());
            }
            assertThat(codesOf.values()).as("one code per incident however many senders asked")
                    .allSatisfy(c -> assertThat(c).hasSize(1));
            assertThat(codesOf.values().stream().flatMap(java.util.Set::stream).distinct().count())
                    .as("no two incidents share a code").isEqualTo(incidents.size());
            for (UUID incident : incidents) {
                assertThat(codes.incident(u.id(), codesOf.get(incident).iterator().next())).contains(incident);
            }
        } finally {
            pool.shutdown();
        }
    }
}
