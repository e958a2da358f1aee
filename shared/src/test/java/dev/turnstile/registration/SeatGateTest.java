package dev.turnstile.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SeatGateTest {

    private final AtomicLong clock = new AtomicLong();
    private final SeatGate gate = new SeatGate(clock::get, TimeUnit.SECONDS.toNanos(5), 100);
    private final UUID type = UUID.randomUUID();

    @Test
    void theFirstBuyerGoesAheadAloneUntilTheCountIsKnownThenAsManyAsThereAreSeats() throws Exception {
        SeatGate.Pass first = admitted(1);
        CompletableFuture<SeatGate.Admission> second = enterLater(1);
        CompletableFuture<SeatGate.Admission> third = enterLater(1);
        CompletableFuture<SeatGate.Admission> fourth = enterLater(1);
        assertWaiting(second, third, fourth);

        gate.learn(type, "Early bird", 3); // the first one's transaction read 3 seats left
        assertThat(second.get(1, TimeUnit.SECONDS).pass()).isNotNull();
        assertThat(third.get(1, TimeUnit.SECONDS).pass()).isNotNull();
        assertWaiting(fourth); // three are inside for three seats

        first.sold(type, 2);
        first.committed();
        first.close(); // 2 left and two inside: the fourth still waits
        assertWaiting(fourth);

        second.get().pass().close(); // failed (bad answers, say): its seat is free for the fourth
        assertThat(fourth.get(1, TimeUnit.SECONDS).pass()).isNotNull();
    }

    @Test
    void noMoreThanTheCapAreInsideAtOnceHoweverManySeatsAreLeftButABigOrderGoesInAlone() throws Exception {
        SeatGate capped = new SeatGate(clock::get, TimeUnit.SECONDS.toNanos(5), 2);
        SeatGate.Pass first = capped.enter(Map.of(type, 1), true, false).pass();
        assertThat(first).isNotNull();
        capped.learn(type, "Early bird", 50); // what the first one read
        SeatGate.Pass second = capped.enter(Map.of(type, 1), true, false).pass();
        assertThat(second).isNotNull();
        CompletableFuture<SeatGate.Admission> third = CompletableFuture.supplyAsync(() -> capped.enter(Map.of(type, 1), true, false));
        assertWaiting(third); // 48 seats are left, but two buyers are inside
        CompletableFuture<SeatGate.Admission> bigOrder = CompletableFuture.supplyAsync(() -> capped.enter(Map.of(type, 5), true, false));
        assertWaiting(bigOrder);

        first.sold(type, 49);
        first.committed();
        first.close();
        SeatGate.Pass thirdPass = third.get(1, TimeUnit.SECONDS).pass();
        assertThat(thirdPass).isNotNull();
        assertWaiting(bigOrder);

        second.close();
        thirdPass.close();
        assertThat(bigOrder.get(1, TimeUnit.SECONDS).pass()).isNotNull(); // alone, five seats at once
    }

    @Test
    void ordersSoldTogetherAreLetInManyAtATimeWhereOrdersSoldAloneWaitAtTheCap() throws Exception {
        SeatGate capped = new SeatGate(clock::get, TimeUnit.SECONDS.toNanos(5), 4);
        SeatGate.Pass first = capped.enter(Map.of(type, 1), true, true).pass();
        capped.learn(type, "Early bird", 100); // what the first one read
        List<SeatGate.Pass> together = new java.util.ArrayList<>();
        for (int i = 1; i < SeatGate.MAX_INSIDE_TOGETHER; i++) {
            together.add(capped.enter(Map.of(type, 1), true, true).pass()); // none of them waits
        }
        assertThat(together).doesNotContainNull();
        CompletableFuture<SeatGate.Admission> alone = CompletableFuture.supplyAsync(() -> capped.enter(Map.of(type, 1), true, false));
        CompletableFuture<SeatGate.Admission> oneMore = CompletableFuture.supplyAsync(
                () -> capped.enter(Map.of(type, 1), true, true));
        assertWaiting(alone, oneMore); // 32 inside: over the cap of either kind

        first.close();
        together.forEach(SeatGate.Pass::close);
        assertThat(alone.get(1, TimeUnit.SECONDS).pass()).isNotNull();
        assertThat(oneMore.get(1, TimeUnit.SECONDS).pass()).isNotNull();
    }

    @Test
    void onceTheDatabaseSaysNoSeatIsLeftTheLineIsRefusedAtOnceAndNewcomersToo() throws Exception {
        SeatGate.Pass first = admitted(1);
        gate.learn(type, "Early bird", 1);
        List<CompletableFuture<SeatGate.Admission>> line = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            line.add(enterLater(1));
        }
        assertWaiting(line.toArray(CompletableFuture[]::new));

        first.sold(type, 0);
        first.committed();
        first.close();
        for (var waiting : line) {
            assertThat(waiting.get(1, TimeUnit.SECONDS).refused()).isEqualTo(new SeatGate.SoldOut("Early bird"));
        }
        assertThat(gate.enter(Map.of(type, 1), true, false).refused()).isEqualTo(new SeatGate.SoldOut("Early bird"));
    }

    @Test
    void aTakeRolledBackTeachesNothingAndLetsTheNextOneIn() throws Exception {
        SeatGate.Pass first = admitted(1);
        gate.learn(type, "Early bird", 1);
        CompletableFuture<SeatGate.Admission> next = enterLater(1);
        assertWaiting(next);

        first.sold(type, 0); // took the last seat, then the transaction failed: not committed
        first.close();
        assertThat(next.get(1, TimeUnit.SECONDS).pass()).isNotNull();
    }

    @Test
    void whatItKnowsGoesStaleAndSeatsGivenBackInThisProcessAreOfferedAtOnce() {
        gate.learn(type, "Early bird", 0);
        assertThat(gate.enter(Map.of(type, 1), true, false).refused()).isNotNull();

        gate.forget(type); // a cancellation in this process gave a seat back
        SeatGate.Admission again = gate.enter(Map.of(type, 1), true, false);
        assertThat(again.pass()).isNotNull();
        again.pass().close();

        gate.learn(type, "Early bird", 0);
        clock.addAndGet(SeatGate.KNOWN_FOR_NANOS + 1); // another process may have freed one since
        assertThat(gate.enter(Map.of(type, 1), true, false).pass()).isNotNull();
    }

    @Test
    void aBuyerWhoMustHearTheDatabaseIsLetInWhereOthersAreRefused() {
        gate.learn(type, "Early bird", 0);
        SeatGate.Admission withKey = gate.enter(Map.of(type, 1), false, false);
        assertThat(withKey.refused()).isNull();
        assertThat(withKey.pass()).isNotNull();
    }

    @Test
    void anOrderLargerThanTheSeatsLeftIsRefusedAndSmallerOnesBehindItStillGetIn() throws Exception {
        admitted(1);
        gate.learn(type, "Early bird", 2);
        assertThat(gate.enter(Map.of(type, 3), true, false).refused()).isNotNull();
        assertThat(gate.enter(Map.of(type, 1), true, false).pass()).isNotNull();
    }

    @Test
    void aWaitThatLastsTooLongGoesToTheDatabaseUnadmitted() throws Exception {
        SeatGate impatient = new SeatGate(System::nanoTime, TimeUnit.MILLISECONDS.toNanos(50), 100);
        SeatGate.Pass first = impatient.enter(Map.of(type, 1), true, false).pass();
        SeatGate.Admission late = impatient.enter(Map.of(type, 1), true, false); // nobody learns a count: it gives up
        assertThat(late.refused()).isNull();
        late.pass().close(); // holds no place: closing it lets nobody in twice
        first.close();
        assertThat(impatient.enter(Map.of(type, 1), true, false).pass()).isNotNull();
    }

    @Test
    void everyoneInALineThatDoesNotMoveGoesToTheDatabaseAfterTheirOwnWait() throws Exception {
        SeatGate impatient = new SeatGate(System::nanoTime, TimeUnit.MILLISECONDS.toNanos(150), 100);
        SeatGate.Pass first = impatient.enter(Map.of(type, 1), true, false).pass(); // inside, and never leaves
        long start = System.nanoTime();
        List<CompletableFuture<Long>> waited = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<Long> f = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                SeatGate.Admission a = impatient.enter(Map.of(type, 1), true, false);
                assertThat(a.refused()).isNull();
                a.pass().close();
                f.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            });
            waited.add(f);
            Thread.sleep(60); // each joins the line later than the one before
        }
        assertThat(waited.get(0).get(2, TimeUnit.SECONDS)).isBetween(140L, 1_000L);
        assertThat(waited.get(1).get(2, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(200L);
        assertThat(waited.get(2).get(2, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(260L);
        first.close();
    }

    @Test
    void anOrderForTwoTypesIsRefusedWholeAndGivesBackThePlaceItHad() {
        UUID other = UUID.randomUUID();
        gate.learn(other, "VIP", 0);
        gate.learn(type, "Early bird", 1);
        SeatGate.Admission both = gate.enter(Map.of(type, 1, other, 1), true, false);
        assertThat(both.refused()).isEqualTo(new SeatGate.SoldOut("VIP"));
        assertThat(gate.enter(Map.of(type, 1), true, false).pass()).as("the place for Early bird was given back").isNotNull();
    }

    private SeatGate.Pass admitted(int quantity) {
        SeatGate.Admission a = gate.enter(Map.of(type, quantity), true, false);
        assertThat(a.pass()).isNotNull();
        return a.pass();
    }

    private CompletableFuture<SeatGate.Admission> enterLater(int quantity) throws InterruptedException {
        CompletableFuture<SeatGate.Admission> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> f.complete(gate.enter(Map.of(type, quantity), true, false)));
        Thread.sleep(20); // in line in this order
        return f;
    }

    @SafeVarargs
    private static void assertWaiting(CompletableFuture<SeatGate.Admission>... futures) throws InterruptedException {
        Thread.sleep(50);
        for (var f : futures) {
            assertThat(f).as("still waiting in line").isNotDone();
        }
    }
}
