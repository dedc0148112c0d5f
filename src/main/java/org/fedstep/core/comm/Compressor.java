package org.fedstep.core.comm;

import org.fedstep.core.model.Params;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.CompressionSettings;

/**
 * Compression of an upload (its two coordinates), and its size on the wire.
 * <ul>
 *   <li>quantize with b bits: the scale s = max |v_i| is sent as a 32-bit float; each coordinate is placed on the
 *       2^b - 1 equal steps from -s to s and rounded up or down at random, with the probability of rounding up equal
 *       to how far it lies towards the upper level, so that the mean of the quantised value is the value
 *       (stochastic rounding, as in QSGD, Alistarh et al. 2017).</li>
 *   <li>top-k: only the k coordinates of largest magnitude are sent, each as a 32-bit float with its index.</li>
 * </ul>
 */
public final class Compressor {

    /** Bits of a full-precision number on the wire (a 32-bit float, as models are usually sent). */
    public static final int FLOAT_BITS = 32;
    /** Parameters of the model: w and b. */
    public static final int DIMENSIONS = 2;

    private final CompressionSettings settings;

    public Compressor(CompressionSettings settings) {
        this.settings = settings;
    }

    /** The update as it arrives after compression. */
    public Params compress(Params v, Rng rng) {
        if (!settings.on()) {
            return v;
        }
        if (CompressionSettings.QUANTIZE.equals(settings.kind())) {
            double s = Math.max(Math.abs(v.w()), Math.abs(v.b()));
            if (s == 0) {
                return v;
            }
            int levels = (1 << settings.bits()) - 1;
            return new Params(quantize(v.w(), s, levels, rng), quantize(v.b(), s, levels, rng));
        }
        // top-k of two coordinates: k = 2 keeps both, k = 1 keeps the larger (w on a tie)
        if (settings.k() >= DIMENSIONS) {
            return v;
        }
        return Math.abs(v.w()) >= Math.abs(v.b()) ? new Params(v.w(), 0) : new Params(0, v.b());
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
            return DIMENSIONS * FLOAT_BITS;
        }
        if (CompressionSettings.QUANTIZE.equals(settings.kind())) {
            return FLOAT_BITS + DIMENSIONS * settings.bits();
        }
        int k = Math.min(settings.k(), DIMENSIONS);
        // each kept value and its index (1 bit picks one of two coordinates)
        return k * (FLOAT_BITS + 1);
    }
}
