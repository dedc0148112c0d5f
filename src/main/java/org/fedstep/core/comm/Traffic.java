package org.fedstep.core.comm;

import org.fedstep.core.fl.RoundSummary;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.StrategySettings;

/**
 * The bytes a round sends, per client and in all, counted from what the protocol puts on the wire (numbers as 32-bit
 * floats, counts as 32-bit integers, each message rounded up to whole bytes):
 * <ul>
 *   <li>down, to every sampled client: the model (w, b, and w_2 .. w_d for a curve), and SCAFFOLD's server control variate (asynchronous runs: to
 *       every client in round 1, then to the one that starts a new job);</li>
 *   <li>up, from every client whose upload arrives: its update (full, quantised or top-k), its n_k, and SCAFFOLD's
 *       delta_c. A client that drops out sends nothing;</li>
 *   <li>with secure aggregation instead: each sampled client sends its public key and one Shamir share to every
 *       other sampled client (through the server), then its masked input (d + 2 numbers modulo 2^bits: the weighted update and its weight); for each
 *       client that dropped out, t survivors each send one share; the server sends every client all public keys and
 *       the shares meant for it.</li>
 * </ul>
 */
public final class Traffic {

    /** Bits of a key, a share or a seed: an element of GF(2^61 - 1), sent in 64 bits. */
    public static final int KEY_BITS = 64;
    private static final int COUNT_BITS = 32;

    private final boolean scaffold;
    private final Compressor compressor;
    private final boolean secure;
    private final int modulusBits;
    private final int threshold;

    /** @param threshold secure aggregation's t (ignored without it) */
    public Traffic(Settings settings, int threshold) {
        this.scaffold = StrategySettings.SCAFFOLD.equals(settings.strategy().kind());
        this.compressor = new Compressor(settings.compressionOrOff(), settings.model().parameterCount());
        this.secure = settings.secureAggregationOrOff().on();
        this.modulusBits = secure ? settings.secureAggregation().modulusBits() : 0;
        this.threshold = threshold;
    }

    /** One round's bytes, per client (0-based) and in all. */
    public record Round(long down, long up, long[] downByClient, long[] upByClient) { }

    public Round of(RoundSummary r) {
        int k = r.clientCount();
        long[] down = new long[k];
        long[] up = new long[k];
        long totalDown = 0;
        long totalUp = 0;
        for (int c = 0; c < k; c++) {
            long[] b = client(r, c);
            down[c] = b[0];
            up[c] = b[1];
            totalDown += b[0];
            totalUp += b[1];
        }
        return new Round(totalDown, totalUp, down, up);
    }

    /** One client's bytes {down, up} in a round. */
    public long[] client(RoundSummary r, int c) {
        int m = r.sampledCount();
        int dropped = m - r.uploadedCount();
        long down = 0;
        long up = 0;
        if (received(r, c)) {
            down = bytes(compressor.dimensions() * Compressor.FLOAT_BITS * (scaffold ? 2 : 1));
            if (secure) {
                // the others' public keys and the shares they made for this client
                down += (long) (m - 1) * bytes(KEY_BITS) * 2;
                // its own key and its shares for the others
                up += bytes(KEY_BITS) + (long) (m - 1) * bytes(KEY_BITS);
            }
        }
        int at = r.uploadIndex(c);
        if (at >= 0) {
            if (secure) {
                up += bytes((compressor.dimensions() + 1L) * modulusBits);
                // the first t survivors send one share per dropped client
                if (dropped > 0 && at < threshold) {
                    up += (long) dropped * bytes(KEY_BITS);
                }
            } else {
                up += bytes(compressor.updateBits()) + bytes(COUNT_BITS)
                        + (scaffold ? bytes(compressor.dimensions() * Compressor.FLOAT_BITS) : 0);
            }
        }
        return new long[] {down, up};
    }

    /** One round's bytes {down, up} in all, without the per-client split (cheap, for running totals). */
    public long[] totals(RoundSummary r) {
        return totals(r.async() != null ? r.async().startedCount() : r.sampledCount(), r.uploadedCount());
    }

    /**
     * Whether the round's broadcast reached the client: it was sampled; in an asynchronous run, it started a new job
     * (round 1: every client; later: the one whose update arrived in the round before). Per-round summing stays free
     * of array copies: the timeline's totals and the client card add up every round.
     */
    private static boolean received(RoundSummary r, int c) {
        return r.async() != null ? r.async().hasStarted(c) : r.wasSampled(c);
    }

    /** The bytes {down, up} of a round in which `sampled` clients received the model and `arrived` uploads arrived. */
    public long[] totals(int sampled, int arrived) {
        long m = sampled;
        long uploaded = arrived;
        long down = m * bytes(compressor.dimensions() * Compressor.FLOAT_BITS * (scaffold ? 2 : 1));
        long up;
        if (secure) {
            down += m * (m - 1) * bytes(KEY_BITS) * 2;
            up = m * (bytes(KEY_BITS) + (m - 1) * bytes(KEY_BITS)) + uploaded * bytes((compressor.dimensions() + 1L) * modulusBits)
                    + Math.min(threshold, uploaded) * (m - uploaded) * bytes(KEY_BITS);
        } else {
            up = uploaded * (bytes(compressor.updateBits()) + bytes(COUNT_BITS)
                    + (scaffold ? bytes(compressor.dimensions() * Compressor.FLOAT_BITS) : 0));
        }
        return new long[] {down, up};
    }

    private static long bytes(long bits) {
        return (bits + 7) / 8;
    }
}
