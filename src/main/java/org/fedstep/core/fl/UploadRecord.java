package org.fedstep.core.fl;

import java.util.List;
import org.fedstep.core.fl.strategy.ClientUpload;
import org.fedstep.core.model.Params;
import org.fedstep.core.privacy.SecureAggregationRecord;

/**
 * Phase 3: exactly what reached the server (delta_k, n_k, p_k; SCAFFOLD also delta_c), and which sampled clients
 * trained but dropped out before uploading. The weights p_k add up to 1 over the uploads.
 *
 * @param processing what each uploading client did to its update before sending it (same order as uploads)
 * @param clipNorm   the clip norm S of this round, or NaN without clipping
 * @param secure     with secure aggregation, the masked uploads and how the server unmasked their sum; else null
 * @param arrival    asynchronous runs: when the one upload arrived and which model it was trained from; else null
 */
public record UploadRecord(int round, List<ClientUpload> uploads, List<Integer> droppedOut,
                           List<UploadProcessing> processing, double clipNorm, SecureAggregationRecord secure,
                           Arrival arrival) implements PhaseRecord {

    /**
     * An asynchronous upload: trained from theta_originRound (training space: origin), it arrives at `time`, when the
     * server has made staleness = round - 1 - originRound updates since.
     */
    public record Arrival(int originRound, int staleness, double time, Params origin) { }

    /** A synchronous upload. */
    public UploadRecord(int round, List<ClientUpload> uploads, List<Integer> droppedOut,
                        List<UploadProcessing> processing, double clipNorm, SecureAggregationRecord secure) {
        this(round, uploads, droppedOut, processing, clipNorm, secure, null);
    }

    public UploadRecord {
        uploads = List.copyOf(uploads);
        droppedOut = List.copyOf(droppedOut);
        processing = List.copyOf(processing);
    }

    /** An upload of plain updates: no privacy, compression or secure aggregation. */
    public UploadRecord(int round, List<ClientUpload> uploads, List<Integer> droppedOut) {
        this(round, uploads, droppedOut, List.of(), Double.NaN, null, null);
    }

    @Override
    public Phase phase() {
        return Phase.UPLOAD;
    }

    /**
     * The weighted mean of the updates as sent, sum_k p_k delta_k in client order: what FedAvg would make of them in
     * the clear. Under secure aggregation the server gets this only from the masked sum (equal up to quantisation).
     */
    public Params plainMean() {
        return org.fedstep.core.fl.strategy.Aggregation.weightedMean(uploads);
    }

    /** How this client's update was processed, or null when it did not upload. */
    public UploadProcessing processingOf(int client) {
        for (UploadProcessing p : processing) {
            if (p.client() == client) {
                return p;
            }
        }
        return null;
    }
}
