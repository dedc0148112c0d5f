package org.fedstep.core.fl;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import java.util.Objects;
import org.fedstep.core.fl.strategy.ServerState;
import org.fedstep.core.model.Params;

/**
 * The compact record of a completed round that the history keeps for every round: the state the next round starts
 * from (global model, server memory, SCAFFOLD client controls) and the per-client numbers that exports and charts
 * need. The full phase records (with every client's path) are recomputed from the previous round's summary on demand,
 * so 10,000 rounds of 100 clients fit in a few tens of megabytes. Round 0 describes the initial model.
 * Parameters are in the training space; losses in original units; NaN where a client was not sampled.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"round", "global", "server", "sampled", "uploaded", "endW", "endB", "endHigher", "lossBefore", "lossAfter",
        "lossUnderGlobal", "trainLoss", "testLoss", "distanceToOptimum", "controls", "residuals", "async",
        "divergence"})
public final class RoundSummary {

    private final int round;
    private final Params global;
    private final ServerState server;
    private final int[] sampled;
    private final int[] uploaded;
    private final double[] endW;
    private final double[] endB;
    /** A curve's w_2 .. w_d after local training: endHigher[j - 2][client]; null for a line. */
    private final double[][] endHigher;
    private final double[] lossBefore;
    private final double[] lossAfter;
    private final double[] lossUnderGlobal;
    private final double trainLoss;
    private final double testLoss;
    private final double distanceToOptimum;
    private final Params[] controls;
    private final Params[] residuals;
    private final Divergence divergence;
    private final AsyncState async;

    /** A synchronous round's summary. */
    public RoundSummary(int round, Params global, ServerState server, int[] sampled, int[] uploaded, double[] endW,
                        double[] endB, double[] lossBefore, double[] lossAfter, double[] lossUnderGlobal,
                        double trainLoss, double testLoss, double distanceToOptimum, Params[] controls,
                        Divergence divergence, Params[] residuals) {
        this(round, global, server, sampled, uploaded, endW, endB, lossBefore, lossAfter, lossUnderGlobal, trainLoss,
                testLoss, distanceToOptimum, controls, divergence, residuals, null, null);
    }

    /** A line's summary, synchronous or asynchronous. */
    public RoundSummary(int round, Params global, ServerState server, int[] sampled, int[] uploaded, double[] endW,
                        double[] endB, double[] lossBefore, double[] lossAfter, double[] lossUnderGlobal,
                        double trainLoss, double testLoss, double distanceToOptimum, Params[] controls,
                        Divergence divergence, Params[] residuals, AsyncState async) {
        this(round, global, server, sampled, uploaded, endW, endB, lossBefore, lossAfter, lossUnderGlobal, trainLoss,
                testLoss, distanceToOptimum, controls, divergence, residuals, async, null);
    }

    /** Takes ownership of the arrays (the engine builds them fresh); Jackson's copies are fresh too. */
    @JsonCreator
    public RoundSummary(@JsonProperty("round") int round, @JsonProperty("global") Params global,
                        @JsonProperty("server") ServerState server, @JsonProperty("sampled") int[] sampled,
                        @JsonProperty("uploaded") int[] uploaded, @JsonProperty("endW") double[] endW,
                        @JsonProperty("endB") double[] endB, @JsonProperty("lossBefore") double[] lossBefore,
                        @JsonProperty("lossAfter") double[] lossAfter,
                        @JsonProperty("lossUnderGlobal") double[] lossUnderGlobal,
                        @JsonProperty("trainLoss") double trainLoss, @JsonProperty("testLoss") double testLoss,
                        @JsonProperty("distanceToOptimum") double distanceToOptimum,
                        @JsonProperty("controls") Params[] controls,
                        @JsonProperty("divergence") Divergence divergence,
                        @JsonProperty("residuals") Params[] residuals,
                        @JsonProperty("async") AsyncState async,
                        @JsonProperty("endHigher") double[][] endHigher) {
        this.round = round;
        this.global = Objects.requireNonNull(global, "global");
        this.server = Objects.requireNonNull(server, "server");
        this.sampled = Objects.requireNonNull(sampled, "sampled");
        this.uploaded = Objects.requireNonNull(uploaded, "uploaded");
        this.endW = Objects.requireNonNull(endW, "endW");
        this.endB = Objects.requireNonNull(endB, "endB");
        this.lossBefore = Objects.requireNonNull(lossBefore, "lossBefore");
        this.lossAfter = Objects.requireNonNull(lossAfter, "lossAfter");
        this.lossUnderGlobal = Objects.requireNonNull(lossUnderGlobal, "lossUnderGlobal");
        int k = lossUnderGlobal.length;
        if (endHigher != null) {
            for (double[] e : endHigher) {
                if (e == null || e.length != k) {
                    throw new IllegalArgumentException("round " + round + ": per-client arrays differ in length");
                }
            }
        }
        this.endHigher = endHigher != null && endHigher.length == 0 ? null : endHigher;
        if (endW.length != k || endB.length != k || lossBefore.length != k || lossAfter.length != k
                || (controls != null && controls.length != k) || (residuals != null && residuals.length != k)) {
            throw new IllegalArgumentException("round " + round + ": per-client arrays differ in length");
        }
        this.trainLoss = trainLoss;
        this.testLoss = testLoss;
        this.distanceToOptimum = distanceToOptimum;
        this.controls = controls;
        this.residuals = residuals;
        this.divergence = divergence;
        this.async = async;
    }

    @JsonProperty public int round() { return round; }
    /** theta after this round (round 0: the initial model), training space. */
    @JsonProperty public Params global() { return global; }
    @JsonProperty public ServerState server() { return server; }
    @JsonProperty public double trainLoss() { return trainLoss; }
    @JsonProperty public double testLoss() { return testLoss; }
    @JsonProperty public double distanceToOptimum() { return distanceToOptimum; }
    @JsonProperty public Divergence divergence() { return divergence; }
    /** An asynchronous run's clock and jobs after this round; null for synchronous runs. */
    @JsonProperty public AsyncState async() { return async; }

    @JsonProperty("sampled") int[] sampledArray() { return sampled; }
    @JsonProperty("uploaded") int[] uploadedArray() { return uploaded; }
    @JsonProperty("endW") double[] endWArray() { return endW; }
    @JsonProperty("endB") double[] endBArray() { return endB; }
    @JsonProperty("endHigher") double[][] endHigherArray() { return endHigher; }
    @JsonProperty("lossBefore") double[] lossBeforeArray() { return lossBefore; }
    @JsonProperty("lossAfter") double[] lossAfterArray() { return lossAfter; }
    @JsonProperty("lossUnderGlobal") double[] lossUnderGlobalArray() { return lossUnderGlobal; }
    @JsonProperty("controls") Params[] controlsArray() { return controls; }
    @JsonProperty("residuals") Params[] residualsArray() { return residuals; }

    public int clientCount() { return lossUnderGlobal.length; }
    /** The sampled clients, ascending (0-based). */
    public int[] sampled() { return sampled.clone(); }
    /** The clients whose update reached the server, ascending. */
    public int[] uploaded() { return uploaded.clone(); }
    public boolean wasSampled(int client) { return Arrays.binarySearch(sampled, client) >= 0; }
    public int sampledCount() { return sampled.length; }
    public int uploadedCount() { return uploaded.length; }
    /** The client's place among the round's uploads (0-based, ascending by client), or a negative number. */
    public int uploadIndex(int client) { return Arrays.binarySearch(uploaded, client); }
    public boolean uploaded(int client) { return Arrays.binarySearch(uploaded, client) >= 0; }
    /** The client's model after local training, or null when it was not sampled. */
    public Params end(int client) {
        if (Double.isNaN(endW[client]) && !wasSampled(client)) {
            return null;
        }
        if (endHigher == null) {
            return new Params(endW[client], endB[client]);
        }
        double[] v = new double[2 + endHigher.length];
        v[0] = endW[client];
        v[1] = endB[client];
        for (int j = 0; j < endHigher.length; j++) {
            v[2 + j] = endHigher[j][client];
        }
        return Params.of(v);
    }
    public double lossBefore(int client) { return lossBefore[client]; }
    public double lossAfter(int client) { return lossAfter[client]; }
    /** The client's training loss under this round's new global model. */
    public double lossUnderGlobal(int client) { return lossUnderGlobal[client]; }
    /** SCAFFOLD's control variate c_k after this round, or null for other strategies. */
    public Params control(int client) { return controls == null ? null : controls[client]; }
    public boolean hasControls() { return controls != null; }
    /** What compression left out of the client's updates so far (error feedback), or null without it. */
    public Params residual(int client) { return residuals == null ? null : residuals[client]; }
    public boolean hasResiduals() { return residuals != null; }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoundSummary r && round == r.round && global.equals(r.global) && server.equals(r.server)
                && Arrays.equals(sampled, r.sampled) && Arrays.equals(uploaded, r.uploaded)
                && Arrays.equals(endW, r.endW) && Arrays.equals(endB, r.endB)
                && Arrays.deepEquals(endHigher, r.endHigher)
                && Arrays.equals(lossBefore, r.lossBefore) && Arrays.equals(lossAfter, r.lossAfter)
                && Arrays.equals(lossUnderGlobal, r.lossUnderGlobal)
                && Double.compare(trainLoss, r.trainLoss) == 0 && Double.compare(testLoss, r.testLoss) == 0
                && Double.compare(distanceToOptimum, r.distanceToOptimum) == 0
                && Arrays.equals(controls, r.controls) && Arrays.equals(residuals, r.residuals)
                && Objects.equals(divergence, r.divergence) && Objects.equals(async, r.async);
    }

    @Override
    public int hashCode() {
        return Objects.hash(round, global, Arrays.hashCode(endW), trainLoss);
    }

    @Override
    public String toString() {
        return "RoundSummary[round " + round + ", global " + global + ", train loss " + trainLoss + "]";
    }
}
