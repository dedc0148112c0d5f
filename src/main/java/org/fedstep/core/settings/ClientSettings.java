package org.fedstep.core.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How many clients there are and how much data each holds.
 * For synthetic data: samples (one count per client) or samplesPerClient with a sizeProfile (equal, linear, square,
 * exponential: quantity skew). For pooled data the partition decides the sizes and count is the number of clients.
 * testFraction of each client's rows is held out for testing (default 0.2; 0 allowed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientSettings(Integer count, List<Integer> samples, Integer samplesPerClient, String sizeProfile,
                             Double testFraction, List<String> names) {

    public static final double DEFAULT_TEST_FRACTION = 0.2;
    static final ClientSettings EMPTY = new ClientSettings(null, null, null, null, null, null);

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
                testFraction == null ? DEFAULT_TEST_FRACTION : testFraction, names);
    }

    public ClientSettings withCount(int newCount) {
        return new ClientSettings(newCount, samples, samplesPerClient, sizeProfile, testFraction, names);
    }

    public ClientSettings withTestFraction(double f) {
        return new ClientSettings(count, samples, samplesPerClient, sizeProfile, f, names);
    }
}
