package org.fedstep.app.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.run.RunInfo;
import org.fedstep.app.run.Snapshot;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.fl.Phase;
import org.fedstep.core.fl.Position;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.fl.UploadProcessing;
import org.fedstep.core.fl.UploadRecord;
import org.fedstep.core.fl.strategy.Aggregation;
import org.fedstep.core.fl.strategy.ClientUpload;
import org.fedstep.core.model.Params;
import org.fedstep.core.privacy.SecureAggregationRecord;
import org.fedstep.core.settings.Settings;
import org.fedstep.io.SettingsFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inspector's lines for clipping, noise, compression, bad clients, secure aggregation and the robust rules: every
 * printed number is the core's, and the arithmetic the lines show is redone here from what they print (norms, clip
 * scales, sums modulo R, sorted values).
 */
class SafeguardsExplainerTest {

    private static final String BASE = """
            "seed": 5, "rounds": 6,
            "dataset": { "kind": "synthetic-linear", "slope": 2, "intercept": 1, "noise": 0.5, "xMin": 0, "xMax": 4,
                         "slopeSpread": 1.0, "interceptSpread": 1.0 },
            "clients": { "count": 5, "samplesPerClient": 20, "testFraction": 0 },
            "training": { "localEpochs": 2, "batchSize": "full", "learningRate": 0.05 },
            """;

    @BeforeEach
    void english() {
        I18n.use(Locale.ENGLISH, false);
    }

    @AfterEach
    void back() {
        I18n.use(Locale.ENGLISH, false);
    }

    private static RoundEngine engine(String json) throws Exception {
        Settings s = SettingsFiles.parse("test.json", new StringReader("{" + BASE + json + "}"));
        return new RoundEngine(s, DataSets.build(s, null));
    }

    private static Snapshot at(RoundEngine e, int round, Phase phase) {
        while (e.position().compareTo(new Position(round, phase)) < 0) {
            e.stepPhase();
        }
        return Snapshot.of(e, RunInfo.of(e, null));
    }

    @Test
    void clippingShowsEachNormAndScaleAndTheSentUpdateIsTheScaledOne() throws Exception {
        RoundEngine e = engine("""
                "strategy": { "kind": "fedavg", "weighting": "uniform" },
                "privacy": { "clipping": "fixed", "clipNorm": 0.3, "noise": "central", "noiseMultiplier": 0.5,
                  "delta": 0.01 }""");
        Snapshot s = at(e, 1, Phase.UPLOAD);
        Explanation x = PhaseExplainer.explain(s, -1);
        List<String> cols = x.columns();
        int trained = cols.indexOf("Trained Δ_k = (Δw, Δb)") - 1;
        int norm = cols.indexOf("‖Δ_k‖") - 1;
        int scale = cols.indexOf("min(1, S/‖Δ_k‖)") - 1;
        int sent = cols.indexOf("Sent (Δw, Δb)") - 1;
        assertThat(List.of(trained, norm, scale, sent)).allMatch(i -> i >= 0);
        int clipped = 0;
        for (Explanation.Row r : x.rows()) {
            double[] d = PhaseExplainerTest.pair(r.cells().get(trained));
            double n = Math.hypot(d[0], d[1]);
            assertEquals(n, PhaseExplainerTest.number(r.cells().get(norm)), 1e-5 * n);
            double c = Math.min(1, 0.3 / n);
            assertEquals(c, PhaseExplainerTest.number(r.cells().get(scale)), 1e-5);
            double[] out = PhaseExplainerTest.pair(r.cells().get(sent));
            assertEquals(c * d[0], out[0], 1e-5 * (1 + Math.abs(d[0])));
            assertEquals(c * d[1], out[1], 1e-5 * (1 + Math.abs(d[1])));
            assertThat(Math.hypot(out[0], out[1])).isLessThanOrEqualTo(0.3 + 1e-5);
            assertEquals(c < 1 ? Explanation.Kind.FLAGGED : Explanation.Kind.NORMAL, r.kind());
            clipped += c < 1 ? 1 : 0;
        }
        assertThat(clipped).as("this setting clips some updates").isPositive();
        assertThat(x.formulaText()).contains("clipping:  S = 0.3").contains("      ‖Δ‖ = √(");

        // the aggregate phase: the noise row and the sum with it add up to the new model
        Snapshot agg = at(e, 1, Phase.AGGREGATE);
        Explanation y = PhaseExplainer.explain(agg, -1);
        Aggregation a = agg.detail().aggregate().aggregation();
        assertThat(y.rows()).anyMatch(r -> r.label().equals("noise ξ")
                && r.cells().get(1).equals(Numbers.pair(a.noise())));
        double sd = 0.5 * 0.3 / 5;
        assertThat(y.formulaText()).contains("σ = " + Numbers.format(sd) + " per coordinate");
        String prefix = "  θ_{t+1} = θ_t + Σ_k p_k Δ_k + ξ = ";
        String line = y.formulas().stream().filter(f -> f.startsWith(prefix)).findFirst().orElseThrow();
        String[] parts = line.substring(prefix.length()).split(" = ");
        String[] terms = parts[0].split(" \\+ ");
        double[] sum = {0, 0};
        for (String t : terms) {
            String[] fp = t.split("·", 2);
            double f = fp.length == 2 ? PhaseExplainerTest.number(fp[0]) : 1;
            double[] v = PhaseExplainerTest.pair(fp[fp.length - 1]);
            sum[0] += f * v[0];
            sum[1] += f * v[1];
        }
        double[] next = PhaseExplainerTest.pair(parts[1]);
        assertEquals(next[0], sum[0], 1e-4);
        assertEquals(next[1], sum[1], 1e-4);
        assertEquals(Numbers.pair(a.newGlobal()), parts[1]);

        // the update phase reports the meter's epsilon
        Snapshot up = at(e, 1, Phase.UPDATE);
        Explanation u = PhaseExplainer.explain(up, -1);
        double alpha = up.privacy().order();
        double rdp = up.run().privacy().rdp(1, alpha);
        double tail = Math.log(100) / (alpha - 1);
        assertEquals(up.privacy().epsilon(), rdp + tail, 1e-9, "epsilon = RDP(alpha) + ln(1/delta) / (alpha - 1)");
        assertThat(u.formulaText()).contains("ε = " + Numbers.format(rdp) + " + ln(100) / (" + Numbers.format(alpha)
                + " − 1) = " + Numbers.format(rdp) + " + " + Numbers.format(tail) + " = "
                + Numbers.format(up.privacy().epsilon()));
    }

    @Test
    void secureAggregationShowsMaskedVectorsWhoseSumModRIsTheSumOfTheInputs() throws Exception {
        RoundEngine e = engine("""
                "strategy": { "kind": "fedavg", "dropoutProbability": 0.3 },
                "secureAggregation": { "enabled": true, "threshold": 3 }""");
        // a round where a client dropped out after agreeing keys
        int round = 0;
        for (int t = 1; t <= 6 && round == 0; t++) {
            Snapshot s = at(e, t, Phase.UPLOAD);
            SecureAggregationRecord r = s.detail().upload().secure();
            if (!r.recoveries().isEmpty() && r.complete()) {
                round = t;
            }
        }
        assertThat(round).as("seed 5 drops a client in one of six rounds").isPositive();
        Snapshot s = at(e, round, Phase.AGGREGATE);
        UploadRecord u = s.detail().upload();
        SecureAggregationRecord r = u.secure();
        Explanation x = PhaseExplainer.explain(s, -1);
        BigInteger modulus = BigInteger.ONE.shiftLeft(r.modulusBits());

        // Σ y_k, read from the rows, is the printed masked sum
        BigInteger[] masked = new BigInteger[3];
        BigInteger[] inputs = new BigInteger[3];
        java.util.Arrays.fill(masked, BigInteger.ZERO);
        java.util.Arrays.fill(inputs, BigInteger.ZERO);
        List<Long> removed = null;
        for (Explanation.Row row : x.rows()) {
            if (row.client() >= 0 && row.kind() == Explanation.Kind.NORMAL) {
                add(masked, integers(row.cells().get(0)));
                add(inputs, integers(row.cells().get(1)));
            }
            if (row.kind() == Explanation.Kind.MUTED) {
                removed = integers(row.cells().get(0).substring(2));
            }
        }
        Explanation.Row maskedSum = row(x, "Σ y_k");
        assertEquals(List.of(masked[0].mod(modulus).longValue(), masked[1].mod(modulus).longValue(),
                masked[2].mod(modulus).longValue()), integers(maskedSum.cells().get(0)));
        // taking out the recovered masks leaves exactly the sum of the hidden inputs
        assertThat(removed).isNotNull();
        Explanation.Row sum = row(x, "Σ x_k");
        for (int d = 0; d < 3; d++) {
            long unmasked = masked[d].subtract(BigInteger.valueOf(removed.get(d))).mod(modulus).longValue();
            assertEquals(inputs[d].mod(modulus).longValue(), unmasked);
            assertEquals(unmasked, (long) integers(sum.cells().get(0)).get(d));
        }
        assertThat(x.formulaText()).contains("(its own secret: yes)").contains("They differ by (");

        // the decoded mean is FedAvg's up to the fixed-point steps
        String decoded = x.formulas().stream().filter(f -> f.startsWith("  Σ aΔ / Σ a = ")).findFirst().orElseThrow();
        double[] mean = PhaseExplainerTest.pair(decoded.substring("  Σ aΔ / Σ a = ".length()));
        Params plain = u.plainMean();
        assertEquals(plain.w(), mean[0], 1e-5);
        assertEquals(plain.b(), mean[1], 1e-5);

        // in the upload phase the table shows each client's masked vector, which is not its input
        Explanation upload = PhaseExplainer.explain(at(engine("""
                "strategy": { "kind": "fedavg" },
                "secureAggregation": { "enabled": true }"""), 1, Phase.UPLOAD), -1);
        int col = upload.columns().indexOf("Server sees y_k (mod 2^48)") - 1;
        assertThat(col).isPositive();
        assertThat(upload.rows()).allMatch(row -> integers(row.cells().get(col)).size() == 3);
        assertThat(upload.formulaText()).contains("y_1 = x_1 + mask_1 = ");
    }

    @Test
    void theMedianLineSortsTheValuesAndMarksTheMiddleOneWhichIsTheStep() throws Exception {
        RoundEngine e = engine("""
                "strategy": { "kind": "median" },
                "attack": { "clients": [2], "kind": "scale", "factor": -20 }""");
        Snapshot up = at(e, 1, Phase.UPLOAD);
        Explanation upload = PhaseExplainer.explain(up, 1);
        Explanation.Row bad = upload.rows().stream().filter(r -> r.client() == 1).findFirst().orElseThrow();
        assertEquals(Explanation.Kind.FLAGGED, bad.kind());
        assertThat(bad.cells()).contains("scales its update");
        UploadProcessing p = up.detail().upload().processingOf(1);
        assertThat(upload.formulaText()).contains("bad client (scales its update):  Δ ← (−20)·Δ = "
                + Numbers.pair(p.afterAttack()));

        Snapshot s = at(e, 1, Phase.AGGREGATE);
        Explanation x = PhaseExplainer.explain(s, -1);
        Aggregation a = s.detail().aggregate().aggregation();
        for (String coordinate : List.of("w", "b")) {
            String line = x.formulas().stream().filter(f -> f.startsWith("  Δ" + coordinate + ": ")).findFirst()
                    .orElseThrow();
            String[] sides = line.substring(5).split("  →  ");
            String[] values = sides[0].split(" ≤ ");
            assertEquals(5, values.length);
            double previous = Double.NEGATIVE_INFINITY;
            double used = 0;
            int count = 0;
            for (String v : values) {
                double d = PhaseExplainerTest.number(v.replace("[", "").replace("]", ""));
                assertThat(d).isGreaterThanOrEqualTo(previous);
                previous = d;
                if (v.startsWith("[")) {
                    used += d;
                    count++;
                }
            }
            assertEquals(1, count, "five values: the median is the middle one");
            assertThat(values[2]).startsWith("[");
            double step = coordinate.equals("w") ? a.meanUpdate().w() : a.meanUpdate().b();
            assertEquals(step, used, 1e-5 * (1 + Math.abs(step)));
            assertEquals(Numbers.format(step), sides[1]);
        }
        // the scaled client's values are far out, so neither coordinate uses them
        Explanation.Row badRow = x.rows().stream().filter(r -> r.client() == 1).findFirst().orElseThrow();
        assertThat(badRow.cells().subList(1, 3)).containsExactly("✗", "✗");
        assertEquals(Explanation.Kind.FLAGGED, badRow.kind());
    }

    @Test
    void krumPrintsTheCoresScoresAndItsChoice() throws Exception {
        RoundEngine e = engine("""
                "strategy": { "kind": "krum", "byzantine": 1 },
                "attack": { "clients": [4], "kind": "noise", "factor": 5 }""");
        Snapshot s = at(e, 1, Phase.AGGREGATE);
        Explanation x = PhaseExplainer.explain(s, -1);
        Aggregation a = s.detail().aggregate().aggregation();
        for (int i = 0; i < a.terms().size(); i++) {
            Explanation.Row row = x.rows().get(i);
            assertEquals(a.terms().get(i).client(), row.client());
            assertEquals(Numbers.format(a.robust().scores().get(i)), row.cells().get(1));
            assertEquals(a.robust().chosen().contains(row.client()) ? "✓" : "✗", row.cells().get(2));
        }
        assertThat(a.robust().chosen()).hasSize(1).doesNotContain(3);
        assertThat(x.formulaText()).contains("Krum moves by the update with the lowest score: "
                + s.run().clientName(a.robust().chosen().get(0)) + ".");
    }

    @Test
    void quantisationShowsTheLevelsAndTheSentValuesLieOnThem() throws Exception {
        RoundEngine e = engine("""
                "strategy": { "kind": "fedavg" },
                "compression": { "kind": "quantize", "bits": 2, "errorFeedback": true }""");
        Snapshot s = at(e, 2, Phase.UPLOAD);
        Explanation x = PhaseExplainer.explain(s, 0);
        ClientUpload first = s.detail().upload().uploads().get(0);
        UploadProcessing p = s.detail().upload().processingOf(first.client());
        double scale = Math.max(Math.abs(p.compressed().w()), Math.abs(p.compressed().b()));
        assertThat(x.formulaText()).contains("quantised to 2 bits (4 levels):").contains("s = max|v_i| = " + Numbers.format(scale))
                .contains("v = Δ + r = ").contains("kept for the next round:  r ← v − sent = "
                        + Numbers.pair(p.residualAfter()));
        // every sent coordinate is one of the levels -s, -s/3, s/3, s
        for (double v : new double[] {p.sent().w(), p.sent().b()}) {
            double level = (v + scale) / (2 * scale) * 3;
            assertEquals(Math.rint(level), level, 1e-9);
        }
        assertTrue(x.formulaText().contains("sent:  " + Numbers.pair(p.sent())));
    }

    // ------------------------------------------------------------------ reading back

    private static Explanation.Row row(Explanation x, String label) {
        return x.rows().stream().filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label));
    }

    private static List<Long> integers(String cell) {
        String t = cell.trim();
        return java.util.Arrays.stream(t.substring(1, t.length() - 1).split(", ")).map(Long::parseLong).toList();
    }

    private static void add(BigInteger[] sum, List<Long> v) {
        for (int d = 0; d < 3; d++) {
            sum[d] = sum[d].add(BigInteger.valueOf(v.get(d)));
        }
    }
}
