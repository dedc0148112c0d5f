package org.fedstep.core.settings;

import java.util.Arrays;
import java.util.List;

/**
 * Client sizes for quantity skew. Client k (0-based) of K gets a share proportional to: equal 1, linear k + 1,
 * square (k + 1)^2, exponential 2^(k * 4 / (K - 1)) (so the largest holds 16 times the smallest, whatever K).
 * Sizes are rounded by largest remainder so they add up exactly to the total, and each is at least the minimum.
 */
public enum SizeProfile {
    EQUAL("equal"), LINEAR("linear"), SQUARE("square"), EXPONENTIAL("exponential");

    private final String key;

    SizeProfile(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(SizeProfile::key).toList();
    }

    /** The profile with this key, or null. */
    public static SizeProfile byKey(String key) {
        for (SizeProfile p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        return null;
    }

    public double[] shares(int clients) {
        double[] s = new double[clients];
        for (int k = 0; k < clients; k++) {
            s[k] = switch (this) {
                case EQUAL -> 1.0;
                case LINEAR -> k + 1.0;
                case SQUARE -> (k + 1.0) * (k + 1.0);
                case EXPONENTIAL -> clients == 1 ? 1.0 : Math.pow(2.0, k * 4.0 / (clients - 1));
            };
        }
        return s;
    }

    /** Sizes for the given number of clients adding up to total. */
    public int[] sizes(int clients, int total, int minimum) {
        return apportion(shares(clients), total, minimum);
    }

    /**
     * Splits total into whole parts proportional to shares (largest remainder), each part at least minimum.
     *
     * @throws IllegalArgumentException when total is less than shares.length * minimum
     */
    public static int[] apportion(double[] shares, int total, int minimum) {
        int k = shares.length;
        if (total < (long) k * minimum) {
            throw new IllegalArgumentException(total + " rows cannot give " + k + " clients " + minimum + " each");
        }
        double sum = Arrays.stream(shares).sum();
        int free = total - k * minimum;
        int[] sizes = new int[k];
        double[] remainder = new double[k];
        int given = 0;
        for (int i = 0; i < k; i++) {
            double exact = free * shares[i] / sum;
            sizes[i] = (int) Math.floor(exact);
            // Snapped to a 1e-9 grid so that remainders that are equal in exact arithmetic compare equal: 100 * 1 / 30
            // and 100 * 16 / 30 both leave 1/3, but in doubles the second is larger by ~2e-15, which handed the
            // tie to the higher index (square, 4 clients, 100 rows gave 3, 13, 30, 54 instead of 4, 13, 30, 53).
            remainder[i] = Math.round((exact - sizes[i]) * 1e9) / 1e9;
            given += sizes[i];
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        // largest remainders first; ties to the lower index, so the result never depends on sort stability
        Arrays.sort(order, (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : a - b);
        for (int i = 0; given < free; i++, given++) {
            sizes[order[i]]++;
        }
        for (int i = 0; i < k; i++) {
            sizes[i] += minimum;
        }
        return sizes;
    }
}
