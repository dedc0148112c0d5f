package org.fedstep.core.fl;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where an asynchronous run stands after a round: the time the round's update arrived, which clients started a new
 * job in the round (they received its broadcast), and for every client the round whose model it is training from
 * (0: the starting model) and the time its job will finish. Round 0: every client starts from theta_0 at time 0.
 */
public final class AsyncState {

    private final double time;
    private final int[] started;
    private final int[] origin;
    private final double[] finish;

    /** Takes ownership of the arrays. */
    @JsonCreator
    public AsyncState(@JsonProperty("time") double time, @JsonProperty("started") int[] started,
                      @JsonProperty("origin") int[] origin, @JsonProperty("finish") double[] finish) {
        this.time = time;
        this.started = Objects.requireNonNull(started, "started");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.finish = Objects.requireNonNull(finish, "finish");
        if (origin.length != finish.length) {
            throw new IllegalArgumentException("one origin and one finish time per client");
        }
    }

    /** When this round's update arrived (0 for round 0). */
    @JsonProperty public double time() { return time; }
    @JsonProperty("started") int[] startedArray() { return started; }
    @JsonProperty("origin") int[] originArray() { return origin; }
    @JsonProperty("finish") double[] finishArray() { return finish; }

    /** The clients that received this round's broadcast and started training (round 1: all of them). */
    public int[] started() { return started.clone(); }
    public int startedCount() { return started.length; }
    public boolean hasStarted(int client) { return Arrays.binarySearch(started, client) >= 0; }
    /** The round whose model client k is training from. */
    public int origin(int client) { return origin[client]; }
    /** When client k's current job finishes. */
    public double finish(int client) { return finish[client]; }
    public int clientCount() { return origin.length; }

    /** The client that finishes next (the earliest finish; on a tie the lowest number). */
    public int next() {
        int best = 0;
        for (int k = 1; k < finish.length; k++) {
            if (finish[k] < finish[best]) {
                best = k;
            }
        }
        return best;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AsyncState a && Double.compare(time, a.time) == 0 && Arrays.equals(started, a.started)
                && Arrays.equals(origin, a.origin) && Arrays.equals(finish, a.finish);
    }

    @Override
    public int hashCode() {
        return Objects.hash(time, Arrays.hashCode(origin), Arrays.hashCode(finish));
    }
}
