package org.fedstep.core.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How many clients there are and how much data each holds.
 * For synthetic data: samples (one count per client) or samplesPerClient with a sizeProfile (equal, linear, square,
 * exponential: quantity skew). For pooled data the partition decides the sizes and count is the number of clients.
 * testFraction of each client's rows is held out for testing (default 0.2; 0 allowed).
 * For asynchronous runs, how long each client takes for one round of local training: durations (one per client, in
 * any unit of time), or speedSpread s (each client's duration exp(s z_k), z_k standard normal; 0: all alike).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientSettings(Integer count, List<Integer> samples, Integer samplesPerClient, String sizeProfile,
                             Double testFraction, List<String> names, List<Double> durations, Double speedSpread) {

    public static final double DEFAULT_TEST_FRACTION = 0.2;
    static final ClientSettings EMPTY = new ClientSettings(null, null, null, null, null, null);

    /** Settings without client speeds (synchronous runs). */
    public ClientSettings(Integer count, List<Integer> samples, Integer samplesPerClient, String sizeProfile,
                          Double testFraction, List<String> names) {
        this(count, samples, samplesPerClient, sizeProfile, testFraction, names, null, null);
    }

    public static ClientSettings of(int count, int samplesPerClient) {
        return new ClientSettings(count, null, samplesPerClient, null, null, null);
    }

    ClientSettings withDefaults(DatasetSettings dataset) {
        Integer c = count;
        if (c == null) {
            c = samples != null ? Integer.valueOf(samples.size()) : Integer.valueOf(dataset.isSynthetic() ? 10 : 3);
        }
        boolean synthetic = dataset.isSynthetic();
        return new ClientSettings(c, samples,
                synthetic && samples == null && samplesPerClient == null ? Integer.valueOf(100) : samplesPerClient,
                synthetic && samples == null && sizeProfile == null ? SizeProfile.EQUAL.key() : sizeProfile,
                testFraction == null ? DEFAULT_TEST_FRACTION : testFraction, names, durations, speedSpread);
    }

    /** An asynchronous run's speeds: speedSpread 1 unless the durations or a spread are given. */
    ClientSettings withSpeedDefaults(boolean async) {
        if (!async || durations != null || speedSpread != null) {
            return this;
        }
        return new ClientSettings(count, samples, samplesPerClient, sizeProfile, testFraction, names, null, 1.0);
    }

    public ClientSettings withCount(int newCount) {
        return new ClientSettings(newCount, samples, samplesPerClient, sizeProfile, testFraction, names, durations,
                speedSpread);
    }

    public ClientSettings withTestFraction(double f) {
        return new ClientSettings(count, samples, samplesPerClient, sizeProfile, f, names, durations, speedSpread);
    }
}
