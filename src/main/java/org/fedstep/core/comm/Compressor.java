package org.fedstep.core.comm;

import org.fedstep.core.model.Params;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.CompressionSettings;

/**
 * Compression of an upload (its d + 1 coordinates: w, b, and w_2 .. w_d for a curve), and its size on the wire.
 * <ul>
 *   <li>quantize with b bits: the scale s = max |v_i| is sent as a 32-bit float; each coordinate is placed on the
 *       2^b - 1 equal steps from -s to s and rounded up or down at random, with the probability of rounding up equal
 *       to how far it lies towards the upper level, so that the mean of the quantised value is the value
 *       (stochastic rounding, as in QSGD, Alistarh et al. 2017).</li>
 *   <li>top-k: only the k coordinates of largest magnitude are sent, each as a 32-bit float with its index
 *       (ceil(log2(d + 1)) bits); on a tie the earlier coordinate in the order w, b, w_2, ... wins.</li>
 * </ul>
 */
public final class Compressor {

    /** Bits of a full-precision number on the wire (a 32-bit float, as models are usually sent). */
    public static final int FLOAT_BITS = 32;

    private final CompressionSettings settings;
    private final int dimensions;

    /** @param dimensions the model's parameters, d + 1 */
    public Compressor(CompressionSettings settings, int dimensions) {
        this.settings = settings;
        this.dimensions = dimensions;
    }

    /** The update as it arrives after compression. */
    public Params compress(Params v, Rng rng) {
        if (!settings.on()) {
            return v;
        }
        double[] c = v.toArray(dimensions);
        if (CompressionSettings.QUANTIZE.equals(settings.kind())) {
            double s = 0;
            for (double x : c) {
                s = Math.max(s, Math.abs(x));
            }
            if (s == 0) {
                return v;
            }
            int levels = (1 << settings.bits()) - 1;
            for (int i = 0; i < c.length; i++) {
                c[i] = quantize(c[i], s, levels, rng);
            }
            return Params.of(c);
        }
        if (settings.k() >= c.length) {
            return v;
        }
        boolean[] kept = new boolean[c.length];
        for (int round = 0; round < settings.k(); round++) {
            int best = -1;
            for (int i = 0; i < c.length; i++) {
                if (!kept[i] && (best < 0 || Math.abs(c[i]) > Math.abs(c[best]))) {
                    best = i;
                }
            }
            kept[best] = true;
        }
        for (int i = 0; i < c.length; i++) {
            c[i] = kept[i] ? c[i] : 0;
        }
        return Params.of(c);
    }

    /** x in [-s, s] on `levels` equal steps, rounded stochastically. */
    public static double quantize(double x, double s, int levels, Rng rng) {
        double position = (x + s) / (2 * s) * levels;
        double low = Math.floor(position);
        double level = rng.nextDouble() < position - low ? low + 1 : low;
        return Math.min(levels, level) * 2 * s / levels - s;
    }

    /** Bits of one update on the wire. */
    public int updateBits() {
        if (!settings.on()) {
            return dimensions * FLOAT_BITS;
        }
        if (CompressionSettings.QUANTIZE.equals(settings.kind())) {
            return FLOAT_BITS + dimensions * settings.bits();
        }
        int k = Math.min(settings.k(), dimensions);
        // k = d + 1 sends everything, with no indices
        return k == dimensions ? dimensions * FLOAT_BITS : k * (FLOAT_BITS + indexBits(dimensions));
    }

    /** Bits that name one of n coordinates: ceil(log2 n), at least 1. */
    public static int indexBits(int n) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
    }

    public int dimensions() {
        return dimensions;
    }
}
