package org.fedstep.core.partition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.fedstep.core.data.PooledData;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.SizeProfile;

/** Checks and small steps that several partitioners share. */
final class Splits {

    private Splits() { }

    /** Refuses a client count the data cannot serve: every client must be able to hold at least one row. */
    static void checkClientCount(PooledData data, int clients) {
        if (clients < 1) {
            throw new InvalidSettingsException("clients.count must be at least 1 (found " + clients + ")");
        }
        if (clients > data.size()) {
            throw new InvalidSettingsException("clients.count (" + clients + ") is more than the " + data.size()
                    + " usable rows of " + data.name());
        }
    }

    /** "Client 1", "Client 2", ...: 1-based, as people count. */
    static List<String> numberedNames(int clients) {
        List<String> names = new ArrayList<>(clients);
        for (int k = 1; k <= clients; k++) {
            names.add("Client " + k);
        }
        return names;
    }

    /** Sizes for an equal split: they differ by at most one, the extra rows going to the first clients. */
    static int[] equalSizes(int rows, int clients) {
        return SizeProfile.EQUAL.sizes(clients, rows, 1);
    }

    /** The row numbers 0 .. n-1. */
    static int[] allRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /**
     * Cuts an ordering of rows into consecutive parts of the given sizes. Each part is sorted, so a client's rows do
     * not depend on the order in which they were picked.
     */
    static int[][] cut(int[] order, int[] sizes) {
        int[][] parts = new int[sizes.length][];
        int from = 0;
        for (int k = 0; k < sizes.length; k++) {
            parts[k] = Arrays.copyOfRange(order, from, from + sizes[k]);
            Arrays.sort(parts[k]);
            from += sizes[k];
        }
        if (from != order.length) {
            throw new IllegalStateException("sizes add up to " + from + ", not " + order.length);
        }
        return parts;
    }

    /** A number as it would be written in a settings file: 4 rather than 4.0, 0.01 as is. */
    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return Double.toString(v);
    }
}
