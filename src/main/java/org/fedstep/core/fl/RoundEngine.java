package org.fedstep.core.fl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedstep.core.data.ClientData;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.strategy.Aggregation;
import org.fedstep.core.fl.strategy.ClientUpload;
import org.fedstep.core.fl.strategy.FedAsync;
import org.fedstep.core.fl.strategy.ServerState;
import org.fedstep.core.fl.strategy.ServerStrategy;
import org.fedstep.core.fl.strategy.Strategies;
import org.fedstep.core.model.LeastSquares;
import org.fedstep.core.model.Mse;
import org.fedstep.core.model.Params;
import org.fedstep.core.model.Standardization;
import org.fedstep.core.optim.Optimizers;
import org.fedstep.core.comm.Traffic;
import org.fedstep.core.privacy.Clipping;
import org.fedstep.core.privacy.PrivacyMeter;
import org.fedstep.core.privacy.RdpAccountant;
import org.fedstep.core.privacy.SecureAggregation;
import org.fedstep.core.privacy.SecureAggregationRecord;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.AttackSettings;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.PrivacySettings;
import org.fedstep.core.settings.SecureAggregationSettings;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.StrategySettings;

/**
 * The federated run, one phase at a time. {@link #stepPhase()}, {@link #stepRound()} and {@link #runRounds(int)} move
 * forward; {@link #goTo(Position)} shows any earlier moment again. Every round is a pure function of the state the
 * previous round left (global model, server memory, SCAFFOLD controls) and of random streams derived from the seed
 * for that round alone, so any round can be recomputed exactly: the history keeps a compact {@link RoundSummary} per
 * round, and the full phase records of a round are recomputed when asked for (a few are cached).
 * Not thread-safe: one thread at a time (the app runs it off the FX thread, on one executor).
 */
public final class RoundEngine {

    private static final int DETAIL_CACHE = 8;

    private final Settings settings;
    private final FederatedData data;
    private final Standardization units;
    private final ServerStrategy strategy;
    private final LocalTrainer trainer;
    private final int clients;
    private final int sampledPerRound;
    private final double dropout;
    private final boolean weightBySamples;
    private final double localLearningRate;
    private final Params optimum;
    /** The model's parameters: d + 1 (2 for a line). */
    private final int parameters;
    private final UploadPipeline pipeline;
    private final PrivacyMeter meter;
    private final Traffic traffic;
    private final PrivacySettings privacy;
    private final SecureAggregationSettings secure;
    /** Secure aggregation's threshold t (0 without it). */
    private final int secureThreshold;
    // the training data in the model's units, and in original units for evaluation
    private final double[][] trainX;
    private final double[][] trainY;
    /** What each client trains on: its own y, shifted for a client that poisons its data. */
    private final double[][] trainingY;
    private final double[][] origTrainX;
    private final double[][] origTrainY;
    private final double[][] origTestX;
    private final double[][] origTestY;
    private final int trainTotal;
    private final int testTotal;
    /** Asynchronous runs (FedAsync): the server rule, and how long each client takes for one job; else null. */
    private final FedAsync async;
    private final double[] durations;

    private final List<RoundSummary> history = new ArrayList<>();
    private final Map<Integer, RoundDetail> details = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, RoundDetail> eldest) {
            return size() > DETAIL_CACHE;
        }
    };
    /** The round being revealed phase by phase (computed whole on its broadcast), or null between rounds. */
    private RoundDetail pending;
    private RoundSummary pendingSummary;
    private Phase pendingRevealed;
    private Position cursor = Position.START;
    private Divergence divergence;
    private Baselines baselines;

    /**
     * @param settings validated settings (SettingsValidator.validate)
     * @param data     the federation's data, as DataSets.build made it or a session stored it
     */
    public RoundEngine(Settings settings, FederatedData data) {
        this.settings = settings;
        this.data = data;
        this.clients = data.clientCount();
        if (settings.clients().names() != null && settings.clients().names().size() != clients) {
            throw new InvalidSettingsException("clients.names must name each of the " + clients + " clients (found "
                    + settings.clients().names().size() + ")");
        }
        this.strategy = Strategies.create(settings.strategy(), data.trainSize());
        StrategySettings st = settings.strategy();
        this.sampledPerRound = Math.max((int) Math.round(st.clientFraction() * clients), 1);
        this.dropout = st.dropoutProbability();
        this.weightBySamples = StrategySettings.WEIGHT_BY_SAMPLES.equals(st.weighting());
        this.localLearningRate = settings.training().learningRate();
        this.trainer = new LocalTrainer(settings.training().localEpochs(), settings.training().batchSize().size(),
                Optimizers.factory(settings.training()));
        this.pipeline = new UploadPipeline(settings);
        this.privacy = settings.privacyOrOff();
        this.secure = settings.secureAggregationOrOff();
        AttackSettings attack = settings.attackOrNone();
        if (attack.on()) {
            for (int i = 0; i < attack.clients().size(); i++) {
                if (attack.clients().get(i) > clients) {
                    throw new InvalidSettingsException("attack.clients[" + i + "] names client " + attack.clients().get(i)
                            + ", but there are " + clients + " clients");
                }
            }
        }
        if (secure.on()) {
            if (sampledPerRound < 2) {
                throw new InvalidSettingsException("secureAggregation needs at least 2 clients in a round to mask"
                        + " (strategy.clientFraction gives " + sampledPerRound + ")");
            }
            int t = secure.threshold() == null ? sampledPerRound / 2 + 1 : secure.threshold();
            if (t > sampledPerRound) {
                throw new InvalidSettingsException("secureAggregation.threshold must be at most the " + sampledPerRound
                        + " clients sampled each round (found " + t + ")");
            }
            this.secureThreshold = t;
        } else {
            this.secureThreshold = 0;
        }

        double[] pooledX = data.pooledTrainX();
        double[] pooledY = data.pooledTrainY();
        this.units = settings.model().standardize() ? Standardization.of(pooledX, pooledY) : Standardization.IDENTITY;
        this.parameters = settings.model().parameterCount();
        this.optimum = LeastSquares.fit(pooledX, pooledY, parameters - 1);
        this.meter = new PrivacyMeter(settings, clients, sampledPerRound);
        this.traffic = new Traffic(settings, secureThreshold);
        this.trainX = new double[clients][];
        this.trainY = new double[clients][];
        this.trainingY = new double[clients][];
        this.origTrainX = new double[clients][];
        this.origTrainY = new double[clients][];
        this.origTestX = new double[clients][];
        this.origTestY = new double[clients][];
        int trainRows = 0;
        int testRows = 0;
        for (int k = 0; k < clients; k++) {
            ClientData c = data.client(k);
            origTrainX[k] = c.trainX();
            origTrainY[k] = c.trainY();
            origTestX[k] = c.testX();
            origTestY[k] = c.testY();
            trainX[k] = new double[c.trainSize()];
            trainY[k] = new double[c.trainSize()];
            for (int i = 0; i < c.trainSize(); i++) {
                trainX[k][i] = units.toModelX(origTrainX[k][i]);
                trainY[k][i] = units.toModelY(origTrainY[k][i]);
            }
            trainingY[k] = trainY[k];
            if (attack.isBad(k) && AttackSettings.POISON.equals(attack.kind())) {
                trainingY[k] = new double[c.trainSize()];
                for (int i = 0; i < c.trainSize(); i++) {
                    trainingY[k][i] = units.toModelY(origTrainY[k][i] + attack.shift());
                }
            }
            trainRows += c.trainSize();
            testRows += c.testSize();
        }
        this.trainTotal = trainRows;
        this.testTotal = testRows;
        if (strategy instanceof FedAsync f) {
            this.async = f;
            this.durations = durationsOf(settings);
        } else {
            this.async = null;
            this.durations = null;
        }
        history.add(initialSummary());
        Divergence d = history.get(0).divergence();
        if (d != null) {
            this.divergence = d;
        }
    }

    /**
     * Rebuilds a run from a saved history: the summaries are taken as stored (so every number is the saved one, bit
     * for bit), after checking that the first and the last round recompute to exactly what was stored.
     *
     * @param frontier the latest moment the saved run had reached (it may be inside the round after the history)
     * @param cursor   the moment it was showing
     * @throws IllegalArgumentException when the history does not match what these settings and data compute
     */
    public static RoundEngine restore(Settings settings, FederatedData data, List<RoundSummary> savedHistory,
                                      Position frontier, Position cursor) {
        RoundEngine engine = new RoundEngine(settings, data);
        if (savedHistory.isEmpty() || !savedHistory.get(0).equals(engine.history.get(0))) {
            throw new IllegalArgumentException("the saved initial model and losses differ from what the settings and"
                    + " data give");
        }
        for (int r = 1; r < savedHistory.size(); r++) {
            if (savedHistory.get(r).round() != r) {
                throw new IllegalArgumentException("the saved history has round " + savedHistory.get(r).round()
                        + " where round " + r + " belongs");
            }
            engine.history.add(savedHistory.get(r));
        }
        int last = engine.completedRounds();
        if (last >= 1 && !engine.computeRound(last, false).summary().equals(savedHistory.get(last))) {
            throw new IllegalArgumentException("round " + last + " of the saved history differs from what the settings"
                    + " and data compute; the file may have been edited or written by a different FedStep");
        }
        if (last >= 1 && savedHistory.get(last).divergence() != null) {
            engine.divergence = savedHistory.get(last).divergence();
        }
        if (frontier.round() == last + 1 && !frontier.isStart()) {
            RoundResult r = engine.computeRound(last + 1, true);
            if (frontier.phase().compareTo(r.detail().lastPhase()) > 0) {
                throw new IllegalArgumentException("the saved position " + frontier + " lies past where round "
                        + (last + 1) + " ends");
            }
            engine.pending = r.detail();
            engine.pendingSummary = r.summary();
            engine.pendingRevealed = frontier.phase();
            engine.details.put(last + 1, r.detail());
            engine.settle();
        } else if (!frontier.equals(engine.frontier())) {
            throw new IllegalArgumentException("the saved position " + frontier + " does not fit a history of "
                    + last + " rounds");
        }
        if (cursor.compareTo(engine.frontier()) > 0) {
            throw new IllegalArgumentException("the saved view " + cursor + " lies past the saved run");
        }
        engine.cursor = cursor;
        return engine;
    }

    // --- what the run is ---

    public Settings settings() { return settings; }
    public FederatedData data() { return data; }
    /** Converts the training-space parameters of records to original units. */
    public Standardization units() { return units; }
    public String strategyKey() { return strategy.key(); }
    public int clientCount() { return clients; }
    /** The privacy meter of these settings (no noise: no guarantee). */
    public PrivacyMeter privacyMeter() { return meter; }
    /** What a round sends, in bytes. */
    public Traffic traffic() { return traffic; }

    /**
     * The privacy spent after `round` completed rounds: central noise, the rounds so far; local noise, the uploads of
     * the client that uploaded most often.
     */
    public RdpAccountant.Guarantee privacyAfter(int round) {
        return meter.after(privacyCompositions(round));
    }

    /**
     * How many times the privacy mechanism has run after `round` completed rounds, as the meter counts: the rounds
     * for central noise, the uploads of the client that uploaded most for local noise.
     */
    public int privacyCompositions(int round) {
        if (!meter.perClient()) {
            return round;
        }
        int[] counts = new int[clients];
        int most = 0;
        for (int t = 1; t <= Math.min(round, history.size() - 1); t++) {
            for (int k : history.get(t).uploaded()) {
                most = Math.max(most, ++counts[k]);
            }
        }
        return most;
    }
    /** m = max(round(C K), 1): how many clients each round samples. */
    public int sampledPerRound() { return sampledPerRound; }
    /** The centralised least-squares line over all training rows, original units (null when undefined). */
    public Params optimum() { return optimum; }
    public LocalTrainer trainer() { return trainer; }

    /** Centralised and local-only training on the same data, computed on demand. */
    public synchronized Baselines baselines() {
        if (baselines == null) {
            baselines = new Baselines(trainer, settings.seed(), history.get(0).global(), trainX, trainY);
        }
        return baselines;
    }

    // --- where the run is ---

    /** The moment every view shows. */
    public Position position() { return cursor; }

    /** The latest moment computed so far; the cursor can be anywhere from START to here. */
    public Position frontier() {
        if (pending != null) {
            return new Position(pending.round(), pendingRevealed);
        }
        int done = completedRounds();
        return done == 0 ? Position.START : new Position(done, Phase.UPDATE);
    }

    /** Rounds whose update phase has been reached. */
    public int completedRounds() {
        return history.size() - 1;
    }

    /** The divergence that stopped the run, or null. */
    public Divergence divergence() { return divergence; }

    /** Whether stepPhase can move on (false only at a divergence on the frontier). */
    public boolean canStepForward() {
        return !(divergence != null && cursor.equals(frontier()));
    }

    /** Round summaries 0..completedRounds(), unmodifiable. */
    public List<RoundSummary> history() {
        return Collections.unmodifiableList(history);
    }

    public RoundSummary summary(int round) {
        return history.get(round);
    }

    /** What happened at the cursor, or null at START. */
    public PhaseRecord currentRecord() {
        return cursor.isStart() ? null : detail(cursor.round()).record(cursor.phase());
    }

    /** The global model in force at the cursor (training space): theta_t until the update phase, then theta_{t+1}. */
    public Params globalAtCursor() {
        if (cursor.isStart()) {
            return history.get(0).global();
        }
        if (cursor.phase() == Phase.UPDATE) {
            return detail(cursor.round()).update().global();
        }
        return history.get(cursor.round() - 1).global();
    }

    // --- moving ---

    /**
     * Moves one phase forward: shows the next recorded phase, or computes the next one.
     *
     * @throws RunDivergedException at the phase where the run diverged
     */
    public PhaseRecord stepPhase() {
        if (!canStepForward()) {
            throw new RunDivergedException(divergence);
        }
        if (cursor.compareTo(frontier()) < 0) {
            cursor = cursor.next();
            return currentRecord();
        }
        if (pending == null) {
            int round = completedRounds() + 1;
            RoundResult r = computeRound(round, true);
            pending = r.detail();
            pendingSummary = r.summary();
            details.put(round, pending);
            pendingRevealed = Phase.BROADCAST;
        } else {
            pendingRevealed = pendingRevealed.next();
        }
        cursor = new Position(pending.round(), pendingRevealed);
        settle();
        return currentRecord();
    }

    /** Moves to the end of the current round (or through the next whole round). Returns that round's detail. */
    public RoundDetail stepRound() {
        if (!canStepForward()) {
            throw new RunDivergedException(divergence);
        }
        int round = cursor.isStart() || cursor.phase() == Phase.UPDATE ? cursor.round() + 1 : cursor.round();
        Position target = new Position(round, Phase.UPDATE);
        while (cursor.compareTo(target) < 0 && canStepForward()) {
            stepPhase();
        }
        return detail(round);
    }

    /**
     * Runs n more rounds beyond the frontier (finishing a round in progress first), as fast as possible: phase records
     * with client paths are made only for the last round. Stops early at a divergence. The cursor ends on the frontier.
     */
    public void runRounds(int n) {
        if (n <= 0) {
            return;
        }
        cursor = frontier();
        if (!canStepForward()) {
            throw new RunDivergedException(divergence);
        }
        if (pending != null) {
            stepRound();
            n--;
        }
        for (int i = 0; i < n - 1 && divergence == null; i++) {
            RoundResult r = computeRound(completedRounds() + 1, false);
            if (r.detail().divergence() != null) {
                // keep the diverging round's records, with paths, so it can be explored
                RoundResult withPaths = computeRound(r.detail().round(), true);
                pending = withPaths.detail();
                pendingSummary = withPaths.summary();
                details.put(pending.round(), pending);
                pendingRevealed = pending.lastPhase();
                cursor = frontier();
                settle();
                return;
            }
            history.add(r.summary());
        }
        cursor = frontier();
        if (n >= 1 && divergence == null) {
            stepRound();
        }
    }

    /** Shows an earlier moment; every record there is as it was. */
    public void goTo(Position p) {
        if (p.compareTo(frontier()) > 0) {
            throw new IllegalArgumentException(p + " has not been computed yet (the run is at " + frontier() + ")");
        }
        cursor = p;
    }

    public void stepBack() {
        cursor = cursor.previous();
    }

    /** The records of a round, recomputed exactly from the previous round's state when not cached. */
    public RoundDetail detail(int round) {
        if (round < 1 || round > frontier().round()) {
            throw new IllegalArgumentException("round " + round + " has not been computed (rounds 1 to "
                    + frontier().round() + " have)");
        }
        RoundDetail d = details.get(round);
        if (d == null) {
            d = computeRound(round, true).detail();
            details.put(round, d);
        }
        return d;
    }

    /** After revealing a phase of the pending round: complete it into the history, or stop at its divergence. */
    private void settle() {
        Divergence d = pending.divergence();
        if (d != null && d.phase() == pendingRevealed) {
            divergence = d;
        }
        if (pendingRevealed == Phase.UPDATE) {
            history.add(pendingSummary);
            pending = null;
            pendingSummary = null;
            pendingRevealed = null;
        }
    }

    // --- computing a round ---

    private record RoundResult(RoundDetail detail, RoundSummary summary) { }

    private RoundSummary initialSummary() {
        double[] start = new double[parameters];
        start[0] = settings.model().initialSlope();
        start[1] = settings.model().initialIntercept();
        Params theta0 = units.toModel(Params.of(start));
        Params[] controls = strategy.usesControlVariates() ? zeros(clients) : null;
        double[] nan = nans(clients);
        double[] clientLoss = new double[clients];
        Evaluation e = evaluate(theta0, clientLoss);
        Divergence d = Double.isFinite(e.trainLoss()) ? null
                : new Divergence(0, Phase.UPDATE, -1, "the initial model's loss is not finite");
        ServerState server = strategy.initialState(parameters);
        if (PrivacySettings.ADAPTIVE.equals(privacy.clipping())) {
            server = server.withClipNorm(privacy.clipNorm());
        }
        AsyncState jobs = null;
        if (async != null) {
            // every client starts from theta_0 at time 0 and finishes after its own duration
            jobs = new AsyncState(0, new int[0], new int[clients], durations.clone());
        }
        return new RoundSummary(0, theta0, server, new int[0], new int[0], nan, nan.clone(),
                nan.clone(), nan.clone(), clientLoss, e.trainLoss(), e.testLoss(), e.distanceToOptimum(), controls, d,
                pipeline.keepsResiduals() ? zeros(clients) : null, jobs, higherNans());
    }

    /** How long one job takes each client: the settings' durations, or exp(spread z_k) with z_k drawn per client. */
    private double[] durationsOf(Settings s) {
        double[] d = new double[clients];
        List<Double> given = s.clients().durations();
        double spread = s.clients().speedSpread() == null ? 0 : s.clients().speedSpread();
        for (int k = 0; k < clients; k++) {
            d[k] = given != null ? given.get(k)
                    : Math.exp(spread * Rng.derive(s.seed(), Rng.Stream.ASYNC, 0, k).nextGaussian());
        }
        return d;
    }

    /** Each client's duration for one job (asynchronous runs), or null. */
    public double[] durations() {
        return durations == null ? null : durations.clone();
    }

    /**
     * An asynchronous round: the one update that arrives next. Broadcast: the server sends theta_{t-1} to the client(s)
     * starting a job now (round 1: everyone; later: the client whose update arrived last). Local training: the client
     * that finishes next, from the model it was sent, perhaps several updates ago. Upload: its update, processed as
     * any upload (attack, clipping, local noise, compression). Aggregate: FedAsync mixes it in, weighted down by its
     * staleness. Update: theta_t.
     */
    private RoundResult computeAsyncRound(int round, boolean recordPaths) {
        RoundSummary before = history.get(round - 1);
        AsyncState jobs = before.async();
        long seed = settings.seed();
        Params theta = before.global();
        ServerState server = before.server();

        // 1. broadcast
        List<Integer> recipients = new ArrayList<>();
        if (round == 1) {
            for (int k = 0; k < clients; k++) {
                recipients.add(k);
            }
        } else {
            for (int k : before.uploaded()) {
                recipients.add(k);
            }
        }
        List<Integer> others = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
            if (!recipients.contains(k)) {
                others.add(k);
            }
        }
        BroadcastRecord broadcast = new BroadcastRecord(round, theta, recipients, others, null);

        // 2. local training: the next job to finish, from its own (older) model
        int k = jobs.next();
        double time = jobs.finish(k);
        int originRound = jobs.origin(k);
        Params from = history.get(originRound).global();
        LocalTrainer.Result r = trainer.train(trainX[k], trainingY[k], from, 0, null,
                Rng.derive(seed, Rng.Stream.SHUFFLE, round, k), recordPaths);
        Params end = r.end();
        double[] endW = nans(clients);
        double[] endB = nans(clients);
        double[][] endHigher = higherNans();
        double[] lossBefore = nans(clients);
        double[] lossAfter = nans(clients);
        setEnd(k, end, endW, endB, endHigher);
        lossBefore[k] = clientLoss(k, from);
        lossAfter[k] = clientLoss(k, end);
        ClientTraining training = new ClientTraining(k, trainX[k].length, from, end, r.steps(), r.path(),
                lossBefore[k], lossAfter[k], false, null, null);
        LocalTrainingRecord trainingRecord = new LocalTrainingRecord(round, List.of(training));
        int[] one = {k};
        if (!end.isFinite() || !Double.isFinite(lossAfter[k])) {
            return stopped(before, round, broadcast, trainingRecord, null, null,
                    new Divergence(round, Phase.LOCAL_TRAINING, k, hintFor(Phase.LOCAL_TRAINING)), one, endW, endB,
                    endHigher, lossBefore, lossAfter, null, before.hasResiduals() ? residualsOf(before) : null);
        }

        // 3. upload
        double bound = privacy.clips() ? privacy.clipNorm() : Double.NaN;
        Params[] residuals = pipeline.keepsResiduals() ? residualsOf(before) : null;
        UploadProcessing p = pipeline.process(round, k, end.minus(from),
                residuals == null ? Params.ZERO : residuals[k], bound);
        if (residuals != null) {
            residuals[k] = p.residualAfter();
        }
        ClientUpload up = new ClientUpload(k, p.sent(), trainX[k].length, 1.0, null);
        int stale = round - 1 - originRound;
        UploadRecord upload = new UploadRecord(round, List.of(up), List.of(), List.of(p), bound, null,
                new UploadRecord.Arrival(originRound, stale, time, from));

        // 4. aggregate
        Aggregation aggregation = async.mix(theta, up, from, stale, server);
        AggregateRecord aggregate = new AggregateRecord(round, strategy.key(), aggregation);
        if (!aggregation.newGlobal().isFinite()) {
            return stopped(before, round, broadcast, trainingRecord, upload, aggregate,
                    new Divergence(round, Phase.AGGREGATE, -1, hintFor(Phase.AGGREGATE)), one, endW, endB,
                    endHigher, lossBefore, lossAfter, null, residuals);
        }

        // 5. update; client k gets theta_t in the next round's broadcast and starts again then
        Params next = aggregation.newGlobal();
        Measured m = measure(round, theta, next);
        int[] origin = new int[clients];
        double[] finish = new double[clients];
        for (int c = 0; c < clients; c++) {
            origin[c] = jobs.origin(c);
            finish[c] = jobs.finish(c);
        }
        origin[k] = round;
        finish[k] = time + durations[k];
        int[] started = recipients.stream().mapToInt(Integer::intValue).toArray();
        AsyncState after = new AsyncState(time, started, origin, finish);
        RoundDetail detail = new RoundDetail(round, broadcast, trainingRecord, upload, aggregate, m.update(),
                m.divergence());
        Evaluation ev = m.update().evaluation();
        RoundSummary summary = new RoundSummary(round, next, aggregation.stateAfter(), one, one, endW, endB,
                lossBefore, lossAfter, m.clientLoss(), ev.trainLoss(), ev.testLoss(), ev.distanceToOptimum(), null,
                m.divergence(), residuals, after, endHigher);
        return new RoundResult(detail, summary);
    }

    private Params[] residualsOf(RoundSummary s) {
        Params[] out = new Params[clients];
        for (int c = 0; c < clients; c++) {
            out[c] = s.residual(c);
        }
        return out;
    }

    /** Round t from the state round t-1 left. */
    private RoundResult computeRound(int round, boolean recordPaths) {
        if (async != null) {
            return computeAsyncRound(round, recordPaths);
        }
        RoundSummary before = history.get(round - 1);
        long seed = settings.seed();
        Params theta = before.global();
        ServerState server = before.server();
        boolean scaffold = strategy.usesControlVariates();

        // 1. broadcast: who takes part
        int[] sampled = sample(Rng.derive(seed, Rng.Stream.SAMPLING, round, 0));
        boolean[] drops = new boolean[sampled.length];
        Rng dropRng = Rng.derive(seed, Rng.Stream.DROPOUT, round, 0);
        for (int i = 0; i < sampled.length; i++) {
            drops[i] = dropout > 0 && dropRng.nextDouble() < dropout;
        }
        List<Integer> recipients = new ArrayList<>();
        List<Integer> notSampled = new ArrayList<>();
        for (int k = 0, i = 0; k < clients; k++) {
            if (i < sampled.length && sampled[i] == k) {
                recipients.add(k);
                i++;
            } else {
                notSampled.add(k);
            }
        }
        BroadcastRecord broadcast = new BroadcastRecord(round, theta, recipients, notSampled,
                scaffold ? server.control() : null);

        // 2. local training
        double[] endW = nans(clients);
        double[] endB = nans(clients);
        double[][] endHigher = higherNans();
        double[] lossBefore = nans(clients);
        double[] lossAfter = nans(clients);
        Params[] controls = scaffold ? new Params[clients] : null;
        if (scaffold) {
            for (int k = 0; k < clients; k++) {
                controls[k] = before.control(k);
            }
        }
        List<ClientTraining> trainings = new ArrayList<>(sampled.length);
        Divergence diverged = null;
        for (int i = 0; i < sampled.length; i++) {
            int k = sampled[i];
            Params correction = scaffold ? server.control().minus(before.control(k)) : null;
            LocalTrainer.Result r = trainer.train(trainX[k], trainingY[k], theta, strategy.proximalMu(), correction,
                    Rng.derive(seed, Rng.Stream.SHUFFLE, round, k), recordPaths);
            Params end = r.end();
            setEnd(k, end, endW, endB, endHigher);
            lossBefore[k] = before.lossUnderGlobal(k);
            lossAfter[k] = clientLoss(k, end);
            Params controlAfter = null;
            if (scaffold) {
                // option II of Karimireddy et al.: c_k+ = c_k - c + (theta_t - y) / (K eta_l)
                controlAfter = before.control(k).minus(server.control())
                        .plus(theta.minus(end).times(1.0 / (r.steps() * localLearningRate)));
                if (!drops[i]) {
                    controls[k] = controlAfter;
                }
            }
            trainings.add(new ClientTraining(k, trainX[k].length, theta, end, r.steps(), r.path(), lossBefore[k],
                    lossAfter[k], drops[i], scaffold ? before.control(k) : null, controlAfter));
            if (diverged == null && (!end.isFinite() || !Double.isFinite(lossAfter[k]))) {
                diverged = new Divergence(round, Phase.LOCAL_TRAINING, k, hintFor(Phase.LOCAL_TRAINING));
            }
        }
        LocalTrainingRecord training = new LocalTrainingRecord(round, trainings);
        if (diverged != null) {
            return stopped(before, round, broadcast, training, null, null, diverged, sampled, endW, endB,
                    endHigher, lossBefore, lossAfter, controls, null);
        }

        // 3. upload: the clients that did not drop out send delta_k, n_k; the weights p_k are over the uploads
        List<Integer> droppedOut = new ArrayList<>();
        int uploadedCount = 0;
        long uploadedRows = 0;
        for (int i = 0; i < sampled.length; i++) {
            if (drops[i]) {
                droppedOut.add(sampled[i]);
            } else {
                uploadedCount++;
                uploadedRows += trainX[sampled[i]].length;
            }
        }
        double bound = !privacy.clips() ? Double.NaN
                : PrivacySettings.ADAPTIVE.equals(privacy.clipping()) ? server.clipNorm() : privacy.clipNorm();
        Params[] residuals = pipeline.keepsResiduals() ? new Params[clients] : null;
        if (residuals != null) {
            for (int k = 0; k < clients; k++) {
                residuals[k] = before.residual(k);
            }
        }
        int[] uploaded = new int[uploadedCount];
        List<ClientUpload> uploads = new ArrayList<>(uploadedCount);
        List<UploadProcessing> processing = new ArrayList<>(uploadedCount);
        for (int i = 0, u = 0; i < sampled.length; i++) {
            if (drops[i]) {
                continue;
            }
            int k = sampled[i];
            uploaded[u++] = k;
            int n = trainX[k].length;
            double weight = weightBySamples ? (double) n / uploadedRows : 1.0 / uploadedCount;
            ClientTraining t = trainings.get(i);
            UploadProcessing p = pipeline.process(round, k, t.end().minus(theta),
                    residuals == null ? Params.ZERO : residuals[k], bound);
            if (residuals != null) {
                residuals[k] = p.residualAfter();
            }
            processing.add(p);
            uploads.add(new ClientUpload(k, p.sent(), n, weight,
                    scaffold ? t.controlAfter().minus(t.controlBefore()) : null));
        }
        SecureAggregationRecord secured = secure.on() ? secureSum(round, recipients, drops, uploads) : null;
        UploadRecord upload = new UploadRecord(round, uploads, droppedOut, processing, bound, secured);

        // 4. aggregate: the server sees each update, or with secure aggregation only their sum
        List<ClientUpload> seen = uploads;
        if (secured != null) {
            seen = !secured.complete() || uploads.isEmpty() ? List.of()
                    : List.of(new ClientUpload(SUM_OF_UPLOADS, decodedMean(secured), (int) uploadedRows, 1.0, null));
        }
        Params noise = Params.ZERO;
        if (PrivacySettings.CENTRAL.equals(privacy.noise()) && !seen.isEmpty()) {
            double z = privacy.noiseMultiplier();
            if (PrivacySettings.ADAPTIVE.equals(privacy.clipping())) {
                z = Clipping.updateNoiseMultiplier(z);
            }
            double sd = z * bound / uploadedCount;
            Rng rng = Rng.derive(seed, Rng.Stream.PRIVACY, round, 0);
            noise = Params.gaussian(parameters, sd, rng);
        }
        Aggregation aggregation = strategy.aggregate(theta, seen, server, clients, noise);
        if (PrivacySettings.ADAPTIVE.equals(privacy.clipping())) {
            aggregation = aggregation.withStateAfter(aggregation.stateAfter().withClipNorm(
                    nextClipNorm(round, server.clipNorm(), processing)));
        }
        AggregateRecord aggregate = new AggregateRecord(round, strategy.key(), aggregation);
        if (!aggregation.newGlobal().isFinite()) {
            return stopped(before, round, broadcast, training, upload, aggregate,
                    new Divergence(round, Phase.AGGREGATE, -1, hintFor(Phase.AGGREGATE)), sampled, endW, endB,
                    endHigher, lossBefore, lossAfter, controls, residuals);
        }

        // 5. update: theta_{t+1}, measured on everyone's data
        Params next = aggregation.newGlobal();
        Measured m = measure(round, theta, next);
        RoundDetail detail = new RoundDetail(round, broadcast, training, upload, aggregate, m.update(),
                m.divergence());
        Evaluation ev = m.update().evaluation();
        RoundSummary summary = new RoundSummary(round, next, aggregation.stateAfter(), sampled, uploaded, endW, endB,
                lossBefore, lossAfter, m.clientLoss(), ev.trainLoss(), ev.testLoss(), ev.distanceToOptimum(),
                controls, m.divergence(), residuals, null, endHigher);
        return new RoundResult(detail, summary);
    }

    /** Phase 5: the new model measured on every client's data, and whether its loss is still finite. */
    private record Measured(UpdateRecord update, double[] clientLoss, Divergence divergence) { }

    private Measured measure(int round, Params previous, Params next) {
        double[] clientLoss = new double[clients];
        Evaluation evaluation = evaluate(next, clientLoss);
        Divergence d = Double.isFinite(evaluation.trainLoss()) ? null
                : new Divergence(round, Phase.UPDATE, -1, hintFor(Phase.UPDATE));
        return new Measured(new UpdateRecord(round, previous, next, evaluation), clientLoss, d);
    }

    private RoundResult stopped(RoundSummary before, int round, BroadcastRecord b, LocalTrainingRecord t,
                                UploadRecord u, AggregateRecord a, Divergence d, int[] sampled, double[] endW,
                                double[] endB, double[][] endHigher, double[] lossBefore, double[] lossAfter,
                                Params[] controls, Params[] residuals) {
        RoundDetail detail = new RoundDetail(round, b, t, u, a, null, d);
        // a diverged round never completes, so its summary only matters for runRounds' early stop
        RoundSummary summary = new RoundSummary(round, before.global(), before.server(), sampled, new int[0], endW,
                endB, lossBefore, lossAfter, nans(clients), Double.NaN, Double.NaN, Double.NaN, controls, d,
                residuals, null, endHigher);
        return new RoundResult(detail, summary);
    }

    /** The client number of the one upload the server sees under secure aggregation: the sum of all. */
    public static final int SUM_OF_UPLOADS = -1;

    /**
     * Secure aggregation of this round's uploads: each client masks (a Delta_w, a Delta_b, [a Delta_w_2, ..,] a) in
     * fixed point, a = n_k with weights by samples and 1 with equal weights, so the unmasked sum gives the weighted
     * mean.
     */
    private SecureAggregationRecord secureSum(int round, List<Integer> recipients, boolean[] drops,
                                              List<ClientUpload> uploads) {
        SecureAggregation protocol = new SecureAggregation(secure.modulusBits());
        int precision = secure.precisionBits();
        List<long[]> inputs = new ArrayList<>(recipients.size());
        double total = 0;
        for (int i = 0, u = 0; i < recipients.size(); i++) {
            if (drops[i]) {
                inputs.add(null);
                continue;
            }
            ClientUpload up = uploads.get(u++);
            double a = weightBySamples ? up.samples() : 1;
            double[] x = new double[parameters + 1];
            double size = a;
            for (int d = 0; d < parameters; d++) {
                x[d] = a * up.delta().get(d);
                size += Math.abs(x[d]);
            }
            x[parameters] = a;
            long[] q = new long[x.length];
            for (int d = 0; d < x.length; d++) {
                q[d] = protocol.encode(x[d], precision);
            }
            total = Math.max(total, size);
            inputs.add(q);
        }
        if (total * uploads.size() >= protocol.limit(precision)) {
            throw new InvalidSettingsException("secure aggregation cannot hold this round's sums in "
                    + secure.modulusBits() + " bits with " + precision + " fractional bits: raise"
                    + " secureAggregation.modulusBits or lower secureAggregation.precisionBits");
        }
        return protocol.run(recipients, inputs, secureThreshold, Rng.derive(settings.seed(), Rng.Stream.SECURE, round,
                0));
    }

    /** The weighted mean of the updates from the unmasked sum (sum a Delta / sum a), decoded from fixed point. */
    private Params decodedMean(SecureAggregationRecord r) {
        SecureAggregation protocol = new SecureAggregation(secure.modulusBits());
        int precision = secure.precisionBits();
        double a = protocol.decode(r.sum().get(parameters), precision);
        double[] mean = new double[parameters];
        for (int d = 0; d < parameters; d++) {
            mean[d] = protocol.decode(r.sum().get(d), precision) / a;
        }
        return Params.of(mean);
    }

    /**
     * Adaptive clipping's next bound from the fraction of this round's updates within the current one; with central
     * noise the count is noised too, taking its share of the privacy budget.
     */
    private double nextClipNorm(int round, double bound, List<UploadProcessing> processing) {
        if (processing.isEmpty()) {
            return bound;
        }
        double within = 0;
        for (UploadProcessing p : processing) {
            within += p.norm() <= bound ? 1 : 0;
        }
        if (PrivacySettings.CENTRAL.equals(privacy.noise())) {
            within += Clipping.countNoise(privacy.noiseMultiplier())
                    * Rng.derive(settings.seed(), Rng.Stream.PRIVACY, round, -1).nextGaussian();
        }
        return Clipping.nextBound(bound, within / processing.size(), privacy.targetQuantile(),
                privacy.clipLearningRate());
    }

    /** m distinct clients, uniformly at random, ascending. */
    private int[] sample(Rng rng) {
        if (sampledPerRound == clients) {
            int[] all = new int[clients];
            for (int k = 0; k < clients; k++) {
                all[k] = k;
            }
            return all;
        }
        int[] pool = new int[clients];
        for (int k = 0; k < clients; k++) {
            pool[k] = k;
        }
        for (int i = 0; i < sampledPerRound; i++) {
            int j = i + rng.nextInt(clients - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] chosen = Arrays.copyOf(pool, sampledPerRound);
        Arrays.sort(chosen);
        return chosen;
    }

    /** Measures a model (training space) on everyone's data in original units; fills clientLoss. */
    private Evaluation evaluate(Params model, double[] clientLoss) {
        Params line = units.toOriginal(model);
        double trainSum = 0;
        double testSum = 0;
        for (int k = 0; k < clients; k++) {
            double s = Mse.sumOfSquares(line, origTrainX[k], origTrainY[k]);
            clientLoss[k] = s / origTrainX[k].length;
            trainSum += s;
            testSum += Mse.sumOfSquares(line, origTestX[k], origTestY[k]);
        }
        List<Double> losses = new ArrayList<>(clients);
        for (double l : clientLoss) {
            losses.add(l);
        }
        return new Evaluation(line, trainSum / trainTotal, testTotal == 0 ? Double.NaN : testSum / testTotal, losses,
                optimum == null ? Double.NaN : line.distanceTo(optimum));
    }

    /** One client's training MSE under a model (training space), original units. */
    private double clientLoss(int k, Params model) {
        Params line = units.toOriginal(model);
        return Mse.sumOfSquares(line, origTrainX[k], origTrainY[k]) / origTrainX[k].length;
    }

    /** A curve's w_2 .. w_d per client, NaN until trained; null for a line. */
    private double[][] higherNans() {
        if (parameters == 2) {
            return null;
        }
        double[][] h = new double[parameters - 2][];
        for (int j = 0; j < h.length; j++) {
            h[j] = nans(clients);
        }
        return h;
    }

    private static void setEnd(int k, Params end, double[] endW, double[] endB, double[][] endHigher) {
        endW[k] = end.w();
        endB[k] = end.b();
        if (endHigher != null) {
            for (int j = 0; j < endHigher.length; j++) {
                endHigher[j][k] = end.get(2 + j);
            }
        }
    }

    private String hintFor(Phase phase) {
        return switch (phase) {
            case LOCAL_TRAINING -> "local training overflowed; the learning rate ("
                    + settings.training().learningRate() + ") is probably too large for these data"
                    + (settings.model().standardize() ? "" : " (standardising x and y also helps)");
            case AGGREGATE -> "the server's step overflowed; try a smaller server learning rate";
            default -> "the model's loss overflowed; the learning rate is probably too large";
        };
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private Params[] zeros(int n) {
        Params[] a = new Params[n];
        Arrays.fill(a, Params.zero(parameters));
        return a;
    }
}
