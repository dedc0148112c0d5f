package org.fedstep.core.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fedstep.core.fl.EngineFixtures.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.BatchSize;
import org.fedstep.core.settings.Settings;
import org.junit.jupiter.api.Test;

/**
 * Determinism and going back (DESIGN.md: "Same settings, same seed: identical numbers, run after run"; "The app can
 * stop after every phase"). Everything random is switched on: client sampling (C < 1), drop-out, mini-batch shuffles.
 * Equality here is exact: RoundSummary.equals compares every double array with Arrays.equals (bit patterns), and the
 * records are Java records (doubles compared with Double.compare), so "equal" means every number is the same double.
 */
class ReplayTest {

    private static final int ROUNDS = 10;

    private static EngineFixtures.SettingsBuilder randomEverywhere(long seed) {
        return settings().seed(seed).clients(6).fraction(0.5).dropout(0.2).epochs(2).batch(BatchSize.of(3))
                .learningRate(0.01);
    }

    private static FederatedData handBuilt() {
        return EngineFixtures.unequalClients(21, 7, 12, 5, 16, 9, 10);
    }

    // ------------------------------------------------------------------ same seed, different seed

    @Test
    void sameSettingsAndSeedGiveIdenticalHistoriesBitForBit() {
        Settings s = randomEverywhere(77).build();
        // the data too are built from the seed, twice, independently
        FederatedData d1 = DataSets.build(s, null);
        FederatedData d2 = DataSets.build(s, null);
        assertThat(d1).isEqualTo(d2);
        RoundEngine a = new RoundEngine(s, d1);
        RoundEngine b = new RoundEngine(s, d2);
        a.runRounds(15);
        b.runRounds(15);
        assertSameHistory(a, b);
        for (int t = 1; t <= 15; t++) {
            assertThat(a.detail(t)).as("round %d", t).isEqualTo(b.detail(t));
        }
    }

    @Test
    void aDifferentSeedGivesADifferentHistoryOnTheSameData() {
        FederatedData data = handBuilt();
        RoundEngine a = EngineFixtures.engine(randomEverywhere(1), data);
        RoundEngine b = EngineFixtures.engine(randomEverywhere(2), data);
        a.runRounds(15);
        b.runRounds(15);
        // round 0 is the same (same data, same initial model) ...
        assertThat(a.summary(0)).isEqualTo(b.summary(0));
        // ... but the seed changes sampling, drop-outs and shuffles, hence the models
        int differing = 0;
        for (int t = 1; t <= 15; t++) {
            if (!a.summary(t).equals(b.summary(t))) {
                differing++;
            }
        }
        assertThat(differing).isGreaterThan(0);
        assertThat(Double.doubleToLongBits(a.summary(15).global().w()))
                .isNotEqualTo(Double.doubleToLongBits(b.summary(15).global().w()));
    }

    @Test
    void steppingPhaseByPhaseRoundByRoundOrRunningGivesTheSameHistory() {
        FederatedData data = handBuilt();
        RoundEngine byPhase = EngineFixtures.engine(randomEverywhere(5), data);
        RoundEngine byRound = EngineFixtures.engine(randomEverywhere(5), data);
        RoundEngine running = EngineFixtures.engine(randomEverywhere(5), data);
        RoundEngine inChunks = EngineFixtures.engine(randomEverywhere(5), data);
        for (int t = 1; t <= 12; t++) {
            for (int p = 0; p < 5; p++) {
                byPhase.stepPhase();
            }
            assertThat(byPhase.position()).isEqualTo(new Position(t, Phase.UPDATE));
            RoundDetail d = byRound.stepRound();
            assertThat(d.round()).isEqualTo(t);
        }
        running.runRounds(12);
        inChunks.runRounds(1);
        inChunks.runRounds(4);
        inChunks.runRounds(7);
        for (RoundEngine e : List.of(byPhase, byRound, running, inChunks)) {
            assertThat(e.completedRounds()).isEqualTo(12);
            assertThat(e.position()).isEqualTo(new Position(12, Phase.UPDATE));
        }
        assertSameHistory(byPhase, byRound);
        assertSameHistory(byPhase, running);
        assertSameHistory(byPhase, inChunks);
        for (int t = 1; t <= 12; t++) {
            assertThat(running.detail(t)).isEqualTo(byPhase.detail(t));
            assertThat(byRound.detail(t)).isEqualTo(byPhase.detail(t));
        }
    }

    // ------------------------------------------------------------------ going back

    @Test
    void goingBackShowsEveryPhaseExactlyAsItWasFirstRecorded() {
        FederatedData data = handBuilt();
        EngineFixtures.SettingsBuilder s = randomEverywhere(9);
        RoundEngine engine = EngineFixtures.engine(s, data);
        Map<Position, PhaseRecord> captured = new LinkedHashMap<>();
        List<RoundDetail> capturedDetails = new ArrayList<>();
        List<Params> capturedGlobals = new ArrayList<>();
        for (int t = 1; t <= ROUNDS; t++) {
            for (int p = 0; p < 5; p++) {
                PhaseRecord r = engine.stepPhase();
                captured.put(engine.position(), r);
                capturedGlobals.add(engine.globalAtCursor());
                assertThat(r.round()).isEqualTo(t);
                assertThat(r.phase()).isEqualTo(engine.position().phase());
            }
            // a fresh snapshot of the detail as it was when the round was stepped
            RoundDetail d = engine.detail(t);
            capturedDetails.add(new RoundDetail(d.round(), d.broadcast(), d.localTraining(), d.upload(),
                    d.aggregate(), d.update(), d.divergence()));
        }
        List<RoundSummary> historyThen = List.copyOf(engine.history());

        // goTo any earlier moment: the record there is the one captured, and the global in force is too
        List<Position> positions = new ArrayList<>(captured.keySet());
        for (int i = positions.size() - 1; i >= 0; i -= 3) {
            Position p = positions.get(i);
            engine.goTo(p);
            assertThat(engine.position()).isEqualTo(p);
            assertThat(engine.currentRecord()).as("at %s", p).isEqualTo(captured.get(p));
            assertThat(engine.globalAtCursor()).as("at %s", p).isEqualTo(capturedGlobals.get(i));
        }
        // detail(round) for every earlier round, in a scrambled order (rounds 1 and 2 have left the small cache)
        for (int t : new int[] {1, 7, 2, 10, 3, 9, 4, 8, 5, 6}) {
            assertThat(engine.detail(t)).as("round %d", t).isEqualTo(capturedDetails.get(t - 1));
        }
        // going back computed nothing new
        assertThat(engine.completedRounds()).isEqualTo(ROUNDS);
        assertThat(engine.history()).isEqualTo(historyThen);

        // a restored engine has no cache at all: every detail is replayed from the stored summaries and the seed
        RoundEngine restored = RoundEngine.restore(s.buildFor(data), data, historyThen,
                new Position(ROUNDS, Phase.UPDATE), new Position(4, Phase.UPLOAD));
        assertThat(restored.position()).isEqualTo(new Position(4, Phase.UPLOAD));
        assertThat(restored.currentRecord()).isEqualTo(captured.get(new Position(4, Phase.UPLOAD)));
        for (int t = 1; t <= ROUNDS; t++) {
            RoundDetail replayed = restored.detail(t);
            assertThat(replayed).as("replayed round %d", t).isEqualTo(capturedDetails.get(t - 1));
            for (Phase p : Phase.values()) {
                assertThat(replayed.record(p)).isEqualTo(captured.get(new Position(t, p)));
            }
        }
    }

    @Test
    void stepBackMovesToThePreviousPhaseAcrossRoundBoundariesDownToTheStart() {
        FederatedData data = handBuilt();
        RoundEngine engine = EngineFixtures.engine(randomEverywhere(9), data);
        Map<Position, PhaseRecord> captured = new LinkedHashMap<>();
        for (int i = 0; i < 5 * ROUNDS; i++) {
            PhaseRecord r = engine.stepPhase();
            captured.put(engine.position(), r);
        }
        assertThat(engine.position()).isEqualTo(new Position(ROUNDS, Phase.UPDATE));

        engine.stepBack();
        assertThat(engine.position()).isEqualTo(new Position(ROUNDS, Phase.AGGREGATE));
        assertThat(engine.currentRecord()).isInstanceOf(AggregateRecord.class)
                .isEqualTo(captured.get(new Position(ROUNDS, Phase.AGGREGATE)));

        engine.goTo(new Position(4, Phase.BROADCAST));
        engine.stepBack();
        assertThat(engine.position()).isEqualTo(new Position(3, Phase.UPDATE));
        assertThat(engine.currentRecord()).isEqualTo(captured.get(new Position(3, Phase.UPDATE)));
        // the model in force after round 3's update is theta_4, the one round 4 broadcasts
        assertThat(engine.globalAtCursor()).isEqualTo(engine.summary(3).global());

        // walk all the way back, one phase at a time, checking each record on the way
        engine.goTo(new Position(ROUNDS, Phase.UPDATE));
        Position expected = new Position(ROUNDS, Phase.UPDATE);
        for (int i = 0; i < 5 * ROUNDS - 1; i++) {
            engine.stepBack();
            expected = previous(expected);
            assertThat(engine.position()).isEqualTo(expected);
            assertThat(engine.currentRecord()).as("at %s", expected).isEqualTo(captured.get(expected));
        }
        assertThat(engine.position()).isEqualTo(new Position(1, Phase.BROADCAST));
        engine.stepBack();
        assertThat(engine.position()).isEqualTo(Position.START);
        assertThat(engine.currentRecord()).isNull();
        assertThat(engine.globalAtCursor()).isEqualTo(Params.ZERO);
        engine.stepBack();
        assertThat(engine.position()).isEqualTo(Position.START);

        // stepping forward again re-shows the recorded phases; nothing is recomputed past the frontier
        for (int i = 0; i < 7; i++) {
            PhaseRecord r = engine.stepPhase();
            assertThat(r).isEqualTo(captured.get(engine.position()));
        }
        assertThat(engine.position()).isEqualTo(new Position(2, Phase.LOCAL_TRAINING)); // 5 phases of round 1, then 2
        assertThat(engine.completedRounds()).isEqualTo(ROUNDS);
        assertThat(engine.frontier()).isEqualTo(new Position(ROUNDS, Phase.UPDATE));
        // stepRound from inside a recorded round finishes that round
        RoundDetail d = engine.stepRound();
        assertThat(d.round()).isEqualTo(2);
        assertThat(engine.position()).isEqualTo(new Position(2, Phase.UPDATE));
        assertThat(engine.completedRounds()).isEqualTo(ROUNDS);
    }

    @Test
    void runningOnAfterGoingBackContinuesFromTheFrontierAsIfNeverInterrupted() {
        FederatedData data = handBuilt();
        RoundEngine interrupted = EngineFixtures.engine(randomEverywhere(13), data);
        RoundEngine straight = EngineFixtures.engine(randomEverywhere(13), data);
        interrupted.runRounds(6);
        interrupted.goTo(new Position(2, Phase.LOCAL_TRAINING));
        interrupted.detail(1);
        interrupted.runRounds(4);
        straight.runRounds(10);
        assertThat(interrupted.position()).isEqualTo(new Position(10, Phase.UPDATE));
        assertSameHistory(interrupted, straight);
    }

    @Test
    void theFutureCannotBeVisited() {
        RoundEngine engine = EngineFixtures.engine(randomEverywhere(3), handBuilt());
        engine.runRounds(3);
        assertThatThrownBy(() -> engine.goTo(new Position(4, Phase.BROADCAST)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has not been computed");
        assertThatThrownBy(() -> engine.detail(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("round 4");
        assertThatThrownBy(() -> engine.detail(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(engine.position()).isEqualTo(new Position(3, Phase.UPDATE));
    }

    // ------------------------------------------------------------------ helpers

    /** The position one phase earlier, worked out here rather than with Position.previous(). */
    private static Position previous(Position p) {
        if (p.phase() == Phase.BROADCAST) {
            return p.round() == 1 ? Position.START : new Position(p.round() - 1, Phase.UPDATE);
        }
        return new Position(p.round(), Phase.values()[p.phase().ordinal() - 1]);
    }

    private static void assertSameHistory(RoundEngine a, RoundEngine b) {
        assertThat(a.completedRounds()).isEqualTo(b.completedRounds());
        for (int t = 0; t <= a.completedRounds(); t++) {
            RoundSummary x = a.summary(t);
            RoundSummary y = b.summary(t);
            assertThat(x).as("summary of round %d", t).isEqualTo(y);
            // spelled out for the numbers people look at, so the check does not rest on equals() alone
            assertThat(bits(x.global().w())).isEqualTo(bits(y.global().w()));
            assertThat(bits(x.global().b())).isEqualTo(bits(y.global().b()));
            assertThat(bits(x.trainLoss())).isEqualTo(bits(y.trainLoss()));
            assertThat(bits(x.testLoss())).isEqualTo(bits(y.testLoss()));
            assertThat(x.sampled()).isEqualTo(y.sampled());
            assertThat(x.uploaded()).isEqualTo(y.uploaded());
            for (int k = 0; k < x.clientCount(); k++) {
                assertThat(bits(x.lossUnderGlobal(k))).isEqualTo(bits(y.lossUnderGlobal(k)));
                Params ex = x.end(k);
                Params ey = y.end(k);
                assertThat(ex == null).isEqualTo(ey == null);
                if (ex != null) {
                    assertThat(bits(ex.w())).isEqualTo(bits(ey.w()));
                    assertThat(bits(ex.b())).isEqualTo(bits(ey.b()));
                }
            }
        }
    }

    private static long bits(double v) {
        return Double.doubleToLongBits(v);
    }
}
