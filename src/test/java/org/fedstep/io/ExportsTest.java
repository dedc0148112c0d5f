package org.fedstep.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedstep.core.data.ClientData;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.fl.RoundSummary;
import org.fedstep.core.model.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportsTest {

    @TempDir
    Path dir;

    private static final int ROUNDS = 3;

    /**
     * A CSV file as written: its header and its rows, cells split on commas (no exported cell here has one; a name
     * with a space is quoted, and the quotes are taken off).
     */
    private record Table(List<String> header, List<List<String>> rows) {
        static Table read(Path file) throws IOException {
            String text = Files.readString(file);
            assertThat(text).endsWith("\n").doesNotContain("\r");
            List<String> lines = text.lines().toList();
            List<List<String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                rows.add(Arrays.stream(line.split(",", -1))
                        .map(c -> c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"") ? c.substring(1, c.length() - 1) : c)
                        .toList());
            }
            return new Table(Arrays.asList(lines.get(0).split(",")), rows);
        }

        Map<String, String> row(int i) {
            Map<String, String> m = new LinkedHashMap<>();
            List<String> r = rows.get(i);
            assertThat(r).as("cells of row " + i).hasSameSizeAs(header);
            for (int c = 0; c < header.size(); c++) {
                m.put(header.get(c), r.get(c));
            }
            return m;
        }
    }

    /** The cell read back with Double.parseDouble is the engine's double, bit for bit. */
    private static void assertSameDouble(String cell, double expected, String what) {
        assertThat(cell).as(what).isNotEmpty();
        assertThat(Long.toHexString(Double.doubleToLongBits(Double.parseDouble(cell))))
                .as(what + " (cell \"" + cell + "\", expected " + expected + ")")
                .isEqualTo(Long.toHexString(Double.doubleToLongBits(expected)));
    }

    private RoundEngine run(String name, String configJson, int rounds) throws IOException {
        RoundEngine engine = TestRuns.engine(TestRuns.write(dir.resolve("configs/" + name + ".json"), configJson));
        engine.runRounds(rounds);
        return engine;
    }

    private static String quickstartWithStrategy(String strategyJson) {
        String q = TestRuns.configText("quickstart");
        String line = "\"strategy\":  { \"kind\": \"fedavg\", \"clientFraction\": 1.0 }";
        assertThat(q).contains(line);
        return q.replace(line, "\"strategy\": " + strategyJson);
    }

    // --- the set of files ---

    @Test
    void everyExportIsWrittenAndNothingElseIsLeft() throws IOException {
        RoundEngine engine = run("quickstart", TestRuns.configText("quickstart"), ROUNDS);
        Path out = dir.resolve("exports/run1");
        Exports.writeAll(engine, engine.settings(), out);

        assertThat(TestRuns.listing(out)).containsExactlyInAnyOrderElementsOf(Exports.FILES);
        assertThat(Exports.FILES).containsExactly("config.json", "data.csv", "clients.csv", "rounds.csv",
                "client_rounds.csv", "baselines.csv", "session.json");
        // no staging folder left beside it
        assertThat(TestRuns.listing(dir.resolve("exports"))).containsExactly("run1");
        for (String f : Exports.FILES) {
            assertThat(Files.size(out.resolve(f))).as(f).isPositive();
        }
    }

    @Test
    void writingIntoAFolderWithOtherFilesReplacesOursAndKeepsTheirs() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        Files.writeString(out.resolve("rounds.csv"), "old");
        RoundEngine engine = run("quickstart", TestRuns.configText("quickstart"), 1);
        Exports.writeAll(engine, engine.settings(), out);
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine");
        assertThat(Files.readString(out.resolve("rounds.csv"))).startsWith("round,");
        assertThat(TestRuns.listing(dir)).containsExactlyInAnyOrder("configs", "out");
    }

    @Test
    void aFolderThatCannotBeMadeFailsAndLeavesNothingBehind() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");
        RoundEngine engine = run("quickstart", TestRuns.configText("quickstart"), 1);
        assertThatThrownBy(() -> Exports.writeAll(engine, engine.settings(), blocker.resolve("out")))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Exports.writeAll(engine, engine.settings(), blocker))
                .isInstanceOf(IOException.class);
        assertThat(Files.readString(blocker)).isEqualTo("a file, not a folder");
        assertThat(TestRuns.listing(dir)).containsExactlyInAnyOrder("blocker", "configs");
    }

    // --- rounds.csv ---

    @Test
    void roundsHasTheInitialModelAndEveryRoundWithTheEnginesNumbers() throws IOException {
        for (String name : List.of("quickstart", "hospitals")) {
            RoundEngine engine = run(name, TestRuns.configText(name), ROUNDS);
            Path out = dir.resolve("out-" + name);
            Exports.writeAll(engine, engine.settings(), out);
            Table t = Table.read(out.resolve("rounds.csv"));

            assertThat(t.header()).startsWith("round", "slope", "intercept", "train_loss", "test_loss",
                    "distance_to_optimum");
            assertThat(t.rows()).hasSize(ROUNDS + 1);
            for (int r = 0; r <= ROUNDS; r++) {
                Map<String, String> row = t.row(r);
                RoundSummary s = engine.history().get(r);
                Params g = engine.units().toOriginal(s.global());
                assertThat(row.get("round")).isEqualTo(Integer.toString(r));
                assertSameDouble(row.get("slope"), g.w(), name + " round " + r + " slope");
                assertSameDouble(row.get("intercept"), g.b(), name + " round " + r + " intercept");
                assertSameDouble(row.get("train_loss"), s.trainLoss(), name + " train_loss");
                assertSameDouble(row.get("test_loss"), s.testLoss(), name + " test_loss");
                assertSameDouble(row.get("distance_to_optimum"), s.distanceToOptimum(), name + " distance");
            }
            // round 0 is the initial model of the config: w = b = 0
            assertSameDouble(t.row(0).get("slope"), 0.0, "initial slope");
            assertSameDouble(t.row(0).get("intercept"), 0.0, "initial intercept");
        }
    }

    @Test
    void theInitialTrainLossIsTheMeanSquareOfY() throws IOException {
        // with w = b = 0 the loss is (1/n) sum y^2: computed here from data.csv alone
        RoundEngine engine = run("quickstart", TestRuns.configText("quickstart"), 1);
        Path out = dir.resolve("out");
        Exports.writeAll(engine, engine.settings(), out);
        Table data = Table.read(out.resolve("data.csv"));
        double sum = 0;
        int n = 0;
        for (List<String> r : data.rows()) {
            if (r.get(1).equals("train")) {
                double y = Double.parseDouble(r.get(3));
                sum += y * y;
                n++;
            }
        }
        assertThat(n).isEqualTo(40 + 80 + 20 + 60 + 100);
        double fromRounds = Double.parseDouble(Table.read(out.resolve("rounds.csv")).row(0).get("train_loss"));
        assertThat(fromRounds).isCloseTo(sum / n, org.assertj.core.data.Offset.offset(1e-12 * (sum / n)));
        // no test rows (testFraction 0): the test loss exists but is not a number
        assertThat(Table.read(out.resolve("rounds.csv")).row(0).get("test_loss")).isEqualTo("NaN");
    }

    // --- client_rounds.csv ---

    @Test
    void clientRoundsHasEveryClientOfEveryRoundWithItsWeightAndModels() throws IOException {
        RoundEngine engine = run("sampled", quickstartWithStrategy(
                "{ \"kind\": \"fedavg\", \"clientFraction\": 0.6, \"dropoutProbability\": 0.3 }"), 6);
        Path out = dir.resolve("out");
        Exports.writeAll(engine, engine.settings(), out);
        Table t = Table.read(out.resolve("client_rounds.csv"));

        assertThat(t.header()).startsWith("round", "client", "selected", "uploaded", "n_samples", "weight",
                "start_slope", "start_intercept", "end_slope", "end_intercept", "local_loss_before",
                "local_loss_after");
        int k = engine.clientCount();
        assertThat(t.rows()).hasSize(6 * k);
        int notSelected = 0;
        int droppedOut = 0;
        for (int r = 1; r <= 6; r++) {
            RoundSummary s = engine.history().get(r);
            Params start = engine.history().get(r - 1).global();
            long uploadedRows = 0;
            for (int c : s.uploaded()) {
                uploadedRows += engine.data().client(c).trainSize();
            }
            double weightSum = 0;
            double w = 0;
            double b = 0;
            for (int c = 0; c < k; c++) {
                Map<String, String> row = t.row((r - 1) * k + c);
                String what = "round " + r + ", client " + (c + 1);
                assertThat(row.get("round")).isEqualTo(Integer.toString(r));
                assertThat(row.get("client")).isEqualTo(Integer.toString(c + 1));
                int n = engine.data().client(c).trainSize();
                assertThat(row.get("n_samples")).isEqualTo(Integer.toString(n));
                assertThat(row.get("selected")).as(what).isEqualTo(s.wasSampled(c) ? "1" : "0");
                assertThat(row.get("uploaded")).as(what).isEqualTo(s.uploaded(c) ? "1" : "0");
                double weight = Double.parseDouble(row.get("weight"));
                if (s.uploaded(c)) {
                    assertSameDouble(row.get("weight"), (double) n / uploadedRows, what + " weight n_k / sum n");
                    weightSum += weight;
                    w += weight * s.end(c).w();
                    b += weight * s.end(c).b();
                } else {
                    assertThat(weight).as(what).isZero();
                }
                if (s.wasSampled(c)) {
                    assertSameDouble(row.get("start_slope"), start.w(), what + " start_slope");
                    assertSameDouble(row.get("start_intercept"), start.b(), what + " start_intercept");
                    assertSameDouble(row.get("end_slope"), s.end(c).w(), what + " end_slope");
                    assertSameDouble(row.get("end_intercept"), s.end(c).b(), what + " end_intercept");
                    assertSameDouble(row.get("local_loss_before"), s.lossBefore(c), what + " loss before");
                    assertSameDouble(row.get("local_loss_after"), s.lossAfter(c), what + " loss after");
                    if (!s.uploaded(c)) {
                        droppedOut++;
                    }
                } else {
                    notSelected++;
                    for (String col : List.of("start_slope", "start_intercept", "end_slope", "end_intercept",
                            "local_loss_before", "local_loss_after")) {
                        assertThat(row.get(col)).as(what + " " + col + " (not sampled)").isEmpty();
                    }
                }
            }
            if (s.uploaded().length > 0) {
                assertThat(weightSum).as("round " + r + " weights").isCloseTo(1.0,
                        org.assertj.core.data.Offset.offset(1e-12));
                // FedAvg: theta_{t+1} = sum p_k theta_k with these weights (identity units: quickstart)
                Params next = s.global();
                assertThat(w).isCloseTo(next.w(), org.assertj.core.data.Offset.offset(1e-12 * (1 + Math.abs(w))));
                assertThat(b).isCloseTo(next.b(), org.assertj.core.data.Offset.offset(1e-12 * (1 + Math.abs(b))));
            }
        }
        // m = round(0.6 * 5) = 3 sampled: 2 not sampled per round
        assertThat(notSelected).isEqualTo(6 * 2);
        assertThat(droppedOut).as("drop-outs in 6 rounds with p = 0.3").isPositive();
    }

    @Test
    void uniformWeightingGivesEachUploaderOneOverM() throws IOException {
        RoundEngine engine = run("uniform", quickstartWithStrategy(
                "{ \"kind\": \"fedavg\", \"weighting\": \"uniform\" }"), 2);
        Path out = dir.resolve("out");
        Exports.writeAll(engine, engine.settings(), out);
        Table t = Table.read(out.resolve("client_rounds.csv"));
        for (int i = 0; i < t.rows().size(); i++) {
            assertSameDouble(t.row(i).get("weight"), 1.0 / 5, "uniform weight");
        }
    }

    // --- data.csv, clients.csv, baselines.csv ---

    @Test
    void dataHasEveryRowOfEveryClientTrainingFirst() throws IOException {
        RoundEngine engine = run("hospitals", TestRuns.configText("hospitals"), 1);
        Path out = dir.resolve("out");
        Exports.writeAll(engine, engine.settings(), out);
        Table t = Table.read(out.resolve("data.csv"));

        assertThat(t.header()).containsExactly("client", "split", "x", "y");
        int i = 0;
        int testRows = 0;
        for (int k = 0; k < engine.clientCount(); k++) {
            ClientData c = engine.data().client(k);
            for (int j = 0; j < c.trainSize(); j++, i++) {
                assertThat(t.rows().get(i).subList(0, 2)).containsExactly(Integer.toString(k + 1), "train");
                assertSameDouble(t.rows().get(i).get(2), c.trainX(j), "x");
                assertSameDouble(t.rows().get(i).get(3), c.trainY(j), "y");
            }
            for (int j = 0; j < c.testSize(); j++, i++, testRows++) {
                assertThat(t.rows().get(i).subList(0, 2)).containsExactly(Integer.toString(k + 1), "test");
                assertSameDouble(t.rows().get(i).get(2), c.testX(j), "test x");
                assertSameDouble(t.rows().get(i).get(3), c.testY(j), "test y");
            }
        }
        assertThat(t.rows()).hasSize(i);
        assertThat(i).isEqualTo(240 + 60 + 150 + 35 + 90 + 300 + 50 + 120 + 80 + 25);
        assertThat(testRows).isPositive();
    }

    @Test
    void clientsAndBaselinesHaveOneRowPerClientAndPerRound() throws IOException {
        RoundEngine engine = run("quickstart", TestRuns.configText("quickstart"), ROUNDS);
        Path out = dir.resolve("out");
        Exports.writeAll(engine, engine.settings(), out);

        Table clients = Table.read(out.resolve("clients.csv"));
        assertThat(clients.header()).startsWith("client", "name", "train_rows", "test_rows");
        assertThat(clients.rows()).hasSize(5);
        int[] sizes = {40, 80, 20, 60, 100};
        for (int k = 0; k < 5; k++) {
            assertThat(clients.row(k).get("client")).isEqualTo(Integer.toString(k + 1));
            assertThat(clients.row(k).get("name")).isEqualTo("Client " + (k + 1));
            assertThat(clients.row(k).get("train_rows")).isEqualTo(Integer.toString(sizes[k]));
            assertThat(clients.row(k).get("test_rows")).isEqualTo("0");
            assertSameDouble(clients.row(k).get("true_slope"), 2.0, "true slope");
        }

        Table baselines = Table.read(out.resolve("baselines.csv"));
        assertThat(baselines.rows()).hasSize(ROUNDS + 1);
        for (int r = 0; r <= ROUNDS; r++) {
            assertThat(baselines.row(r).get("round")).isEqualTo(Integer.toString(r));
            assertSameDouble(baselines.row(r).get("optimum_slope"), engine.optimum().w(), "optimum slope");
            assertSameDouble(baselines.row(r).get("optimum_intercept"), engine.optimum().b(), "optimum intercept");
        }
        // centralised training starts from the same initial model
        assertSameDouble(baselines.row(0).get("centralised_slope"), 0.0, "centralised start");
    }

    // --- config.json ---

    @Test
    void theWrittenConfigReadsBackToTheSameSettingsAndReRunsToTheSameFiles() throws IOException {
        RoundEngine engine = run("hospitals", TestRuns.configText("hospitals"), ROUNDS);
        Path first = dir.resolve("first");
        Exports.writeAll(engine, engine.settings(), first);

        Path config = first.resolve(Exports.CONFIG);
        assertThat(SettingsFiles.read(config)).isEqualTo(engine.settings());

        RoundEngine again = TestRuns.engine(config);
        again.runRounds(ROUNDS);
        Path second = dir.resolve("second");
        Exports.writeAll(again, again.settings(), second);
        for (String f : Exports.FILES) {
            assertThat(Files.readString(second.resolve(f))).as(f).isEqualTo(Files.readString(first.resolve(f)));
        }
        // and the session in the exports opens as this run
        assertThat(DoubleBits.flatten(Sessions.open(first.resolve(Exports.SESSION)).history()))
                .containsExactlyEntriesOf(DoubleBits.flatten(engine.history()));
    }

    // --- upload processing, privacy and traffic ---

    private static final String PRIVATE = "{ \"seed\": 7, \"rounds\": 4,"
            + " \"dataset\": { \"kind\": \"synthetic-linear\", \"slope\": 2.0, \"intercept\": 1.0, \"noise\": 0.5 },"
            + " \"clients\": { \"count\": 5, \"samples\": [40, 80, 20, 60, 100], \"testFraction\": 0.0 },"
            + " \"training\": { \"localEpochs\": 3, \"batchSize\": \"full\", \"learningRate\": 0.1 },"
            + " \"strategy\": { \"kind\": \"fedavg\", \"clientFraction\": 0.6, \"weighting\": \"uniform\" },"
            + " \"privacy\": { \"clipping\": \"fixed\", \"clipNorm\": 0.5, \"noise\": \"central\","
            + " \"noiseMultiplier\": 1.0 }, \"secureAggregation\": { \"enabled\": true } }";

    @Test
    void privateRunsExportTheirClippingNoisePrivacyAndMaskedUploads() throws IOException {
        RoundEngine engine = run("private", PRIVATE, 4);
        Path out = dir.resolve("private");
        Exports.writeAll(engine, engine.settings(), out);
        Table rounds = Table.read(out.resolve(Exports.ROUNDS));
        for (int t = 1; t <= 4; t++) {
            Map<String, String> r = rounds.row(t);
            assertThat(r.get("clip_norm")).isEqualTo("0.5");
            assertSameDouble(r.get("noise_slope"), engine.units().deltaToOriginal(
                    engine.detail(t).aggregate().aggregation().noise()).w(), "noise_slope of round " + t);
            assertSameDouble(r.get("epsilon"), engine.privacyAfter(t).epsilon(), "epsilon of round " + t);
            // 3 clients, secure aggregation: down 8 + 2 * 2 * 8 bytes each; up 8 + 2 * 8 + 3 * 6 bytes each
            assertThat(r.get("bytes_down")).isEqualTo(Long.toString(3 * (8 + 2 * 2 * 8)));
            assertThat(r.get("bytes_up")).isEqualTo(Long.toString(3 * (8 + 2 * 8 + 3 * 6)));
            // the running totals' formula agrees with the per-client count
            long[] totals = engine.traffic().totals(engine.summary(t));
            assertThat(totals).containsExactly(Long.parseLong(r.get("bytes_down")), Long.parseLong(r.get("bytes_up")));
        }
        Table clients = Table.read(out.resolve(Exports.CLIENT_ROUNDS));
        for (int i = 0; i < clients.rows().size(); i++) {
            Map<String, String> c = clients.row(i);
            if (!c.get("uploaded").equals("1")) {
                assertThat(c.get("masked_1")).isEmpty();
                continue;
            }
            int t = Integer.parseInt(c.get("round"));
            int k = Integer.parseInt(c.get("client")) - 1;
            var p = engine.detail(t).upload().processingOf(k);
            assertSameDouble(c.get("clip_scale"), p.clipScale(), "clip_scale");
            assertThat(c.get("clipped")).isEqualTo(p.clipped() ? "1" : "0");
            long masked = engine.detail(t).upload().secure().masked().stream().filter(m -> m.client() == k)
                    .findFirst().orElseThrow().masked().get(0);
            assertThat(c.get("masked_1")).isEqualTo(Long.toString(masked));
        }
    }

    @Test
    void everyExportedColumnIsDocumented() throws IOException {
        String docs = Files.readString(Path.of("docs/exports.md"));
        RoundEngine engine = run("private", PRIVATE, 1);
        Path out = dir.resolve("documented");
        Exports.writeAll(engine, engine.settings(), out);
        for (String file : List.of(Exports.DATA, Exports.CLIENTS, Exports.ROUNDS, Exports.CLIENT_ROUNDS,
                Exports.BASELINES)) {
            for (String column : Table.read(out.resolve(file)).header()) {
                assertThat(docs).as(file + " column " + column).containsPattern("\\| `[^|]*\\b" + column + "\\b[^|]*` \\|");
            }
        }
        org.fedstep.core.settings.Settings base = org.fedstep.core.privacy.PrivacySweep.baseOf(engine.settings());
        Exports.writeSweep(org.fedstep.core.privacy.PrivacySweep.run(base, engine.data(), List.of(1.0), 1, null),
                dir.resolve("sweep"));
        for (String column : Table.read(dir.resolve("sweep").resolve(Exports.SWEEP)).header()) {
            assertThat(docs).as("sweep.csv column " + column).containsPattern("\\| `[^|]*\\b" + column
                    + "\\b[^|]*` \\|");
        }
    }

    @Test
    void aCurvesExtraColumnsAreDocumentedAndHoldItsCoefficients() throws IOException {
        String docs = Files.readString(Path.of("docs/exports.md"));
        org.fedstep.core.settings.Settings s = SettingsFiles.parse("curve.json", new java.io.StringReader(
                "{ \"seed\": 2, \"rounds\": 3, \"model\": { \"degree\": 3 },"
                        + " \"clients\": { \"count\": 4, \"samplesPerClient\": 30 },"
                        + " \"training\": { \"learningRate\": 0.05 },"
                        + " \"strategy\": { \"kind\": \"fedavg\", \"weighting\": \"uniform\" },"
                        + " \"secureAggregation\": { \"enabled\": true } }"));
        var data = org.fedstep.core.data.DataSets.build(s, null);
        RoundEngine engine = new RoundEngine(org.fedstep.core.data.DataSets.effective(s, data), data);
        engine.runRounds(3);
        Path out = dir.resolve("curve");
        Exports.writeAll(engine, engine.settings(), out);
        for (String file : List.of(Exports.CLIENTS, Exports.ROUNDS, Exports.CLIENT_ROUNDS, Exports.BASELINES)) {
            for (String column : Table.read(out.resolve(file)).header()) {
                // the docs name each family by its first member: coef_x2 for coef_x3, masked_4 for masked_5
                String family = column.replaceAll("coef_x\\d+", "coef_x2").replaceAll("masked_([4-9]|1\\d)", "masked_4");
                assertThat(docs).as(file + " column " + column).containsPattern("\\| `[^|]*\\b" + family
                        + "\\b[^|]*` \\|");
            }
        }
        Table rounds = Table.read(out.resolve(Exports.ROUNDS));
        assertThat(rounds.header()).containsSubsequence("slope", "intercept", "coef_x2", "coef_x3", "train_loss");
        // round 3's coefficients are the engine's model, in original units
        org.fedstep.core.model.Params g = engine.units().toOriginal(engine.summary(3).global());
        assertThat(Double.parseDouble(rounds.row(3).get("coef_x3"))).isEqualTo(g.coefficient(3));
        assertThat(Double.parseDouble(rounds.row(3).get("slope"))).isEqualTo(g.w());
        Table clientRounds = Table.read(out.resolve(Exports.CLIENT_ROUNDS));
        assertThat(clientRounds.header()).contains("masked_5").doesNotContain("masked_6");
    }
}
