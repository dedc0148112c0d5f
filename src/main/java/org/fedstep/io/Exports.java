package org.fedstep.io;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import org.fedstep.core.privacy.PrivacySweep;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedstep.core.comm.Traffic;
import org.fedstep.core.data.ClientData;
import org.fedstep.core.data.ClientSummary;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.Baselines;
import org.fedstep.core.fl.RoundDetail;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.fl.RoundSummary;
import org.fedstep.core.fl.UploadProcessing;
import org.fedstep.core.model.Mse;
import org.fedstep.core.model.Params;
import org.fedstep.core.model.Standardization;
import org.fedstep.core.privacy.RdpAccountant;
import org.fedstep.core.privacy.SecureAggregationRecord;
import org.fedstep.core.settings.Settings;

/**
 * The files students take home (docs/exports.md documents every column). Everything is in original units; clients
 * are numbered from 1 as in the app. Numbers are written with Java's shortest round-trip form, so they read back to
 * the same doubles; a cell is empty where a value does not exist (a client that was not sampled), NaN where it
 * exists but is not a number (a test loss with no test rows).
 */
public final class Exports {

    public static final String CONFIG = "config.json";
    public static final String DATA = "data.csv";
    public static final String CLIENTS = "clients.csv";
    public static final String ROUNDS = "rounds.csv";
    public static final String CLIENT_ROUNDS = "client_rounds.csv";
    public static final String BASELINES = "baselines.csv";
    public static final String SESSION = "session.json";
    public static final List<String> FILES = List.of(CONFIG, DATA, CLIENTS, ROUNDS, CLIENT_ROUNDS, BASELINES, SESSION);

    private static final CsvMapper CSV = new CsvMapper();

    private Exports() { }

    /**
     * Writes every export of a run into dir. The files are first written to a staging folder beside dir and moved in
     * only when all of them are complete, so dir never holds a half-written set.
     *
     * @param config the settings to write as config.json (runnable again: a csv path made absolute)
     */
    public static void writeAll(RoundEngine engine, Settings config, Path dir) throws IOException {
        StagedFolder.write(dir, staging -> {
            write(staging.resolve(CONFIG), w -> Json.mapper().writeValue(w, config));
            write(staging.resolve(DATA), w -> data(w, engine.data()));
            write(staging.resolve(CLIENTS), w -> clients(w, engine.data(), engine.settings().model().degreeOrLine()));
            write(staging.resolve(ROUNDS), w -> rounds(w, engine));
            write(staging.resolve(CLIENT_ROUNDS), w -> clientRounds(w, engine));
            write(staging.resolve(BASELINES), w -> baselines(w, engine));
            write(staging.resolve(SESSION), w -> Sessions.write(w, engine));
        });
    }

    /** The file a privacy-utility sweep writes beside its config.json. */
    public static final String SWEEP = "sweep.csv";

    /** A privacy-utility sweep: config.json (the settings swept, at their own z) and sweep.csv. */
    public static void writeSweep(PrivacySweep.Result result, Path dir) throws IOException {
        StagedFolder.write(dir, staging -> {
            write(staging.resolve(CONFIG), w -> Json.mapper().writeValue(w, result.base()));
            write(staging.resolve(SWEEP), w -> sweep(w, result));
        });
    }

    /**
     * sweep.csv: one row per noise multiplier, then the run without noise (noise_multiplier empty): the privacy spent
     * after the last round against the model's final losses.
     */
    public static void sweep(Writer out, PrivacySweep.Result result) throws IOException {
        try (SequenceWriter rows = rows(out, "noise_multiplier", "epsilon", "delta", "rounds", "runs", "diverged_runs",
                "train_loss", "train_loss_sd", "test_loss", "distance_to_optimum", "distance_sd")) {
            List<PrivacySweep.Point> all = new ArrayList<>(result.points());
            all.add(result.withoutNoise());
            for (int i = 0; i < all.size(); i++) {
                PrivacySweep.Point p = all.get(i);
                boolean clean = i == all.size() - 1;
                rows.write(new Object[] {clean ? null : p.noiseMultiplier(), clean ? null : p.epsilon(),
                        clean ? null : p.delta(), p.rounds(), p.runs(), p.diverged(), p.trainLoss(), p.trainLossSd(),
                        p.testLoss(), p.distanceToOptimum(), p.distanceSd()});
            }
        }
    }

    private static void write(Path file, AtomicFiles.Content content) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            content.writeTo(w);
        }
    }

    /** data.csv: client,split,x,y: every row of every client, training rows first. */
    public static void data(Writer out, FederatedData data) throws IOException {
        try (SequenceWriter rows = rows(out, "client", "split", "x", "y")) {
            for (int k = 0; k < data.clientCount(); k++) {
                ClientData c = data.client(k);
                for (int i = 0; i < c.trainSize(); i++) {
                    rows.write(new Object[] {k + 1, "train", c.trainX(i), c.trainY(i)});
                }
                for (int i = 0; i < c.testSize(); i++) {
                    rows.write(new Object[] {k + 1, "test", c.testX(i), c.testY(i)});
                }
            }
        }
    }

    /** clients.csv for a line. */
    public static void clients(Writer out, FederatedData data) throws IOException {
        clients(out, data, 1);
    }

    /**
     * clients.csv: one row per client: its name, sizes, training data summary, own fit (of the model's degree) and
     * (synthetic) true line.
     */
    public static void clients(Writer out, FederatedData data, int degree) throws IOException {
        List<ClientSummary> summaries = data.trainSummaries(degree);
        List<String> columns = new ArrayList<>(List.of("client", "name", "train_rows", "test_rows", "x_min", "x_max",
                "x_mean", "y_mean"));
        model(columns, "own_", degree);
        columns.addAll(List.of("true_slope", "true_intercept", "true_noise"));
        try (SequenceWriter rows = rows(out, columns)) {
            for (int k = 0; k < data.clientCount(); k++) {
                ClientData c = data.client(k);
                ClientSummary s = summaries.get(k);
                ClientData.GeneratingLine t = c.truth();
                List<Object> row = new ArrayList<>(java.util.Arrays.asList(k + 1, c.name(), c.trainSize(),
                        c.testSize(), s.xMin(),
                        s.xMax(), s.xMean(), s.yMean()));
                model(row, s.ownFit(), degree);
                row.add(t == null ? null : t.slope());
                row.add(t == null ? null : t.intercept());
                row.add(t == null ? null : t.noise());
                rows.write(row.toArray());
            }
        }
    }

    /**
     * The columns of a model, named from a prefix: slope and intercept, and for a curve of degree d the coefficients
     * of x^2 .. x^d (coef_x2 .. coef_xd).
     */
    private static void model(List<String> columns, String prefix, int degree) {
        columns.add(prefix + "slope");
        columns.add(prefix + "intercept");
        for (int j = 2; j <= degree; j++) {
            columns.add(prefix + "coef_x" + j);
        }
    }

    /** A model's values for the columns {@link #model(List, String, int)} names; empty cells for null. */
    private static void model(List<Object> row, Params p, int degree) {
        row.add(p == null ? null : p.w());
        row.add(p == null ? null : p.b());
        for (int j = 2; j <= degree; j++) {
            row.add(p == null ? null : p.coefficient(j));
        }
    }

    /**
     * Whether a run changes updates on their way up (privacy, secure aggregation, compression, bad clients): then the
     * exports also read each round's phase records, which the history does not keep.
     */
    private static boolean processesUploads(RoundEngine engine) {
        Settings s = engine.settings();
        return !s.privacyOrOff().isOff() || s.secureAggregationOrOff().on() || s.compressionOrOff().on()
                || s.attackOrNone().on();
    }

    /** rounds.csv: round 0 (the initial model) and every completed round. */
    public static void rounds(Writer out, RoundEngine engine) throws IOException {
        Standardization u = engine.units();
        boolean details = processesUploads(engine);
        boolean noisy = engine.privacyMeter().noisy();
        int degree = engine.settings().model().degreeOrLine();
        List<String> columns = new ArrayList<>(List.of("round"));
        model(columns, "", degree);
        columns.addAll(List.of("train_loss", "test_loss", "distance_to_optimum", "sampled", "uploaded", "bytes_down",
                "bytes_up", "clip_norm"));
        model(columns, "noise_", degree);
        columns.addAll(List.of("epsilon", "delta", "time", "staleness", "mixing_weight"));
        try (SequenceWriter rows = rows(out, columns)) {
            for (RoundSummary r : engine.history()) {
                Params g = u.toOriginal(r.global());
                Traffic.Round bytes = engine.traffic().of(r);
                Double clip = null;
                Params noise = null;
                if (details && r.round() > 0) {
                    RoundDetail d = engine.detail(r.round());
                    clip = Double.isNaN(d.upload().clipNorm()) ? null : d.upload().clipNorm();
                    noise = u.deltaToOriginal(d.aggregate().aggregation().noise());
                }
                RdpAccountant.Guarantee privacy = noisy ? engine.privacyAfter(r.round()) : null;
                Arrival a = Arrival.of(engine, r.round());
                List<Object> row = new ArrayList<>();
                row.add(r.round());
                model(row, g, degree);
                row.addAll(java.util.Arrays.asList(r.trainLoss(), r.testLoss(), r.distanceToOptimum(),
                        r.sampled().length, r.uploaded().length, bytes.down(), bytes.up(), clip));
                model(row, noise, degree);
                row.addAll(java.util.Arrays.asList(privacy == null ? null : privacy.epsilon(),
                        privacy == null ? null : privacy.delta(), r.async() == null ? null : r.async().time(),
                        a == null ? null : a.staleness(), a == null ? null : a.weight()));
                rows.write(row.toArray());
            }
        }
    }

    /** client_rounds.csv: one row per completed round and client. */
    public static void clientRounds(Writer out, RoundEngine engine) throws IOException {
        Standardization u = engine.units();
        List<RoundSummary> history = engine.history();
        boolean details = processesUploads(engine);
        int degree = engine.settings().model().degreeOrLine();
        List<String> columns = new ArrayList<>(List.of("round", "client", "selected", "uploaded", "n_samples",
                "weight"));
        model(columns, "start_", degree);
        model(columns, "end_", degree);
        columns.addAll(List.of("local_loss_before", "local_loss_after", "loss_under_global", "bytes_down", "bytes_up",
                "attack", "update_norm", "clip_scale", "clipped"));
        model(columns, "local_noise_", degree);
        model(columns, "sent_", degree);
        // the masked input: the weighted update's d + 1 coordinates and the weight
        for (int i = 1; i <= degree + 2; i++) {
            columns.add("masked_" + i);
        }
        columns.addAll(List.of("origin_round", "staleness"));
        try (SequenceWriter rows = rows(out, columns)) {
            for (int t = 1; t < history.size(); t++) {
                RoundSummary r = history.get(t);
                Arrival a = Arrival.of(engine, t);
                // an asynchronous update was trained from an older model
                Params start = u.toOriginal(history.get(a == null ? t - 1 : a.origin()).global());
                Traffic.Round bytes = engine.traffic().of(r);
                RoundDetail d = details ? engine.detail(t) : null;
                long uploadedRows = 0;
                for (int k : r.uploaded()) {
                    uploadedRows += engine.data().client(k).trainSize();
                }
                boolean bySamples = "samples".equals(engine.settings().strategy().weighting());
                for (int k = 0; k < r.clientCount(); k++) {
                    int n = engine.data().client(k).trainSize();
                    boolean selected = r.wasSampled(k);
                    boolean uploaded = r.uploaded(k);
                    double weight = !uploaded ? 0.0 : a != null ? a.weight()
                            : bySamples ? (double) n / uploadedRows : 1.0 / r.uploaded().length;
                    Params end = selected ? u.toOriginal(r.end(k)) : null;
                    UploadProcessing p = d == null ? null : d.upload().processingOf(k);
                    Params noise = p == null ? null : u.deltaToOriginal(p.localNoise());
                    Params sent = p == null ? null : u.deltaToOriginal(p.sent());
                    List<Long> masked = d == null ? null : maskedInput(d.upload().secure(), k);
                    List<Object> row = new ArrayList<>(List.of(t, k + 1, selected ? 1 : 0, uploaded ? 1 : 0, n,
                            weight));
                    model(row, selected ? start : null, degree);
                    model(row, end, degree);
                    row.addAll(java.util.Arrays.asList(selected ? r.lossBefore(k) : null,
                            selected ? r.lossAfter(k) : null, r.lossUnderGlobal(k), bytes.downByClient()[k],
                            bytes.upByClient()[k], p == null ? null : p.attack(), p == null ? null : p.norm(),
                            p == null ? null : p.clipScale(), p == null ? null : p.clipped() ? 1 : 0));
                    model(row, noise, degree);
                    model(row, sent, degree);
                    for (int i = 0; i < degree + 2; i++) {
                        row.add(masked == null ? null : masked.get(i));
                    }
                    row.add(a != null && a.client() == k ? a.origin() : null);
                    row.add(a != null && a.client() == k ? a.staleness() : null);
                    rows.write(row.toArray());
                }
            }
        }
    }

    /**
     * The one update of an asynchronous round, read from the history: its client, the round whose model it trained
     * from, its staleness t - 1 - origin and FedAsync's weight alpha * s(staleness).
     */
    private record Arrival(int client, int origin, int staleness, double weight) {

        static Arrival of(RoundEngine engine, int t) {
            List<RoundSummary> h = engine.history();
            if (t < 1 || t >= h.size() || h.get(t).async() == null || h.get(t).uploaded().length != 1) {
                return null;
            }
            int k = h.get(t).uploaded()[0];
            int origin = h.get(t - 1).async().origin(k);
            int stale = t - 1 - origin;
            var st = engine.settings().strategy();
            double w = org.fedstep.core.fl.strategy.FedAsync.of(st).weight(stale);
            return new Arrival(k, origin, stale, w);
        }
    }

    /** What the server received of a client under secure aggregation, or null. */
    private static List<Long> maskedInput(SecureAggregationRecord secure, int client) {
        if (secure == null) {
            return null;
        }
        for (SecureAggregationRecord.Masked m : secure.masked()) {
            if (m.client() == client) {
                return m.masked();
            }
        }
        return null;
    }

    /**
     * baselines.csv: per round, the centralised least-squares line (the target), centralised training with the same
     * local work, and the mean loss of clients training alone.
     */
    public static void baselines(Writer out, RoundEngine engine) throws IOException {
        Standardization u = engine.units();
        FederatedData data = engine.data();
        double[] trainX = data.pooledTrainX();
        double[] trainY = data.pooledTrainY();
        double[] testX = data.pooledTestX();
        double[] testY = data.pooledTestY();
        Params optimum = engine.optimum();
        Baselines b = engine.baselines();
        int degree = engine.settings().model().degreeOrLine();
        List<String> columns = new ArrayList<>(List.of("round"));
        model(columns, "optimum_", degree);
        columns.add("optimum_train_loss");
        model(columns, "centralised_", degree);
        columns.addAll(List.of("centralised_train_loss", "centralised_test_loss", "local_only_train_loss"));
        try (SequenceWriter rows = rows(out, columns)) {
            for (int t = 0; t <= engine.completedRounds(); t++) {
                Params c = u.toOriginal(b.centralised(t));
                // pooled like train_loss (each client's squared errors over all training rows), so the two compare
                double localSum = 0;
                for (int k = 0; k < data.clientCount(); k++) {
                    ClientData cd = data.client(k);
                    localSum += Mse.loss(u.toOriginal(b.localOnly(t, k)), cd.trainX(), cd.trainY()) * cd.trainSize();
                }
                List<Object> row = new ArrayList<>();
                row.add(t);
                model(row, optimum, degree);
                row.add(optimum == null ? null : Mse.loss(optimum, trainX, trainY));
                model(row, c, degree);
                row.add(Mse.loss(c, trainX, trainY));
                row.add(testX.length == 0 ? Double.NaN : Mse.loss(c, testX, testY));
                row.add(localSum / trainX.length);
                rows.write(row.toArray());
            }
        }
    }

    private static SequenceWriter rows(Writer out, String... columns) throws IOException {
        return rows(out, List.of(columns));
    }

    private static SequenceWriter rows(Writer out, List<String> columns) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder();
        for (String c : columns) {
            schema.addColumn(c);
        }
        return CSV.writer(schema.build().withHeader().withLineSeparator("\n")).writeValues(out);
    }

    /** The columns of a file, as written, for documentation tests. */
    static List<String> columnsOf(String csvText) {
        String header = csvText.substring(0, csvText.indexOf('\n'));
        return new ArrayList<>(List.of(header.split(",")));
    }
}
