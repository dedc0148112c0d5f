package org.fedstep.app.run;

import java.util.List;
import org.fedstep.core.fl.ClientTraining;
import org.fedstep.core.fl.Divergence;
import org.fedstep.core.fl.Phase;
import org.fedstep.core.fl.Position;
import org.fedstep.core.fl.RoundDetail;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.fl.RoundSummary;
import org.fedstep.core.model.Params;
import org.fedstep.core.privacy.RdpAccountant;

/**
 * Everything the views show at one moment, made on the engine's thread and handed to the UI whole: immutable, so a
 * view never sees a half-updated run. Parameters in records stay in the engine's training space; the fields named
 * "...Original" and the helpers below give original units, which is what every view shows.
 *
 * @param detail         the records of the cursor's round (null at the start)
 * @param history        summaries of rounds 0 .. completed
 * @param globalOriginal the global model in force at the cursor
 * @param centralisedOriginal centralised training after as many rounds as the cursor has completed
 * @param privacy        the privacy spent after the cursor's completed round (infinite epsilon without noise)
 * @param privacyCompositions how many times the noisy mechanism has run by then (rounds, or one client's uploads)
 * @param traffic        the bytes sent in the cursor's round so far, and in all up to the cursor
 */
public record Snapshot(RunInfo run, Position position, Position frontier, RoundDetail detail,
                       List<RoundSummary> history, Params globalOriginal, Params centralisedOriginal,
                       Divergence divergence, boolean canStepForward, RdpAccountant.Guarantee privacy,
                       int privacyCompositions, TrafficSoFar traffic) {

    /**
     * The bytes of the cursor's round so far (down from the broadcast on, up from the upload on) and of the whole run
     * up to the cursor; round 0 before the first broadcast.
     */
    public record TrafficSoFar(int round, long roundDown, long roundUp, long totalDown, long totalUp) { }

    public Snapshot {
        history = List.copyOf(history);
    }

    /** The engine's state at its cursor. Call it on the thread that owns the engine. */
    public static Snapshot of(RoundEngine e, RunInfo run) {
        Position p = e.position();
        int completed = p.isStart() ? 0 : p.phase() == Phase.UPDATE ? p.round() : p.round() - 1;
        List<RoundSummary> history = e.history();
        // the bytes of the rounds before the cursor's, then of its own as far as its phases have gone:
        // the models go down in the broadcast, the updates up in the upload
        long down = 0;
        long up = 0;
        for (int t = 1; t < Math.min(p.round(), history.size()); t++) {
            long[] bytes = e.traffic().totals(history.get(t));
            down += bytes[0];
            up += bytes[1];
        }
        long roundDown = 0;
        long roundUp = 0;
        RoundDetail current = p.isStart() ? null : e.detail(p.round());
        if (current != null && current.broadcast() != null) {
            long[] bytes = e.traffic().totals(current.broadcast().recipients().size(),
                    current.upload() == null ? 0 : current.upload().uploads().size());
            roundDown = bytes[0];
            roundUp = p.phase().compareTo(Phase.UPLOAD) >= 0 ? bytes[1] : 0;
        }
        TrafficSoFar traffic = new TrafficSoFar(p.isStart() ? 0 : p.round(), roundDown, roundUp, down + roundDown,
                up + roundUp);
        return new Snapshot(run, p, e.frontier(), p.isStart() ? null : e.detail(p.round()), history,
                e.units().toOriginal(e.globalAtCursor()), e.units().toOriginal(e.baselines().centralised(completed)),
                e.divergence(), e.canStepForward(), e.privacyAfter(completed), e.privacyCompositions(completed), traffic);
    }

    public boolean atStart() {
        return position.isStart();
    }

    /** The phase at the cursor, or null at the start. */
    public Phase phase() {
        return position.phase();
    }

    /** Whether the cursor has reached the given phase of its round. */
    public boolean reached(Phase p) {
        return !atStart() && phase().compareTo(p) >= 0;
    }

    public Params original(Params trainingSpace) {
        return run.units().toOriginal(trainingSpace);
    }

    /** A client's training in the cursor's round, once local training has been reached; else null. */
    public ClientTraining training(int client) {
        if (!reached(Phase.LOCAL_TRAINING) || detail.localTraining() == null) {
            return null;
        }
        for (ClientTraining t : detail.localTraining().clients()) {
            if (t.client() == client) {
                return t;
            }
        }
        return null;
    }

    /**
     * The model a client holds at the cursor, in original units: none before it is first sent one; the global model
     * it received during broadcast; its trained model from local training on (until the next broadcast). Clients not
     * sampled this round keep nothing to show (null).
     */
    public Params clientModel(int client) {
        if (atStart()) {
            return null;
        }
        if (phase() == Phase.BROADCAST) {
            return detail.broadcast().recipients().contains(client) ? original(detail.broadcast().global()) : null;
        }
        ClientTraining t = training(client);
        return t == null ? null : original(t.end());
    }

    /** Whether the client was sampled in the cursor's round. */
    public boolean sampled(int client) {
        return !atStart() && detail.broadcast().recipients().contains(client);
    }

    /**
     * Whether the client takes part in the phase on screen: it receives the broadcast, or (from local training on) it
     * trains this round. The same clients in a synchronous round; in an asynchronous one the broadcast goes to the
     * client starting a job, while the one that trains and uploads is the one finishing.
     */
    public boolean active(int client) {
        if (atStart()) {
            return false;
        }
        return phase() == Phase.BROADCAST ? sampled(client) : training(client) != null;
    }

    /** Whether the client trained this round but its upload never arrived. */
    public boolean droppedOut(int client) {
        ClientTraining t = training(client);
        return t != null && t.dropsOut();
    }

    /** The completed round whose model is the global model at the cursor. */
    public int completedAtCursor() {
        if (atStart()) {
            return 0;
        }
        return phase() == Phase.UPDATE ? position.round() : position.round() - 1;
    }
}
