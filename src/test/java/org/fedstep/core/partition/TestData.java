package org.fedstep.core.partition;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.fedstep.core.data.PooledData;

/** Small hand-made data sets and checks shared by the partition tests. */
final class TestData {

    private TestData() { }

    /**
     * n rows whose x values are 0 .. n-1 in a scrambled row order (so x order is not row order), y = 2x + 1, and
     * (when names are given) groups spread over the rows in a scrambled way. n must be coprime with step and 31.
     */
    static PooledData scrambled(String name, int n, int step, String... groupNames) {
        double[] x = new double[n];
        double[] y = new double[n];
        String[] g = groupNames.length == 0 ? null : new String[n];
        for (int i = 0; i < n; i++) {
            // step is coprime with n, so this visits every value 0 .. n-1 once
            x[i] = (double) ((long) i * step % n);
            y[i] = 2 * x[i] + 1;
            if (g != null) {
                g[i] = groupNames[(int) ((long) i * 31 % n) % groupNames.length];
            }
        }
        return new PooledData(name, "x", "y", x, y, g == null ? null : "group", g, 0);
    }

    /** Rows whose groups are given one by one; x = row number, y = x. */
    static PooledData withGroups(String... groups) {
        int n = groups.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return new PooledData("groups.csv", "x", "y", x, x.clone(), "group", groups, 0);
    }

    /** The given sizes of blocks of groups "g0", "g1", ..., in blocks; x = row number. */
    static PooledData blocks(int... sizes) {
        int n = Arrays.stream(sizes).sum();
        String[] g = new String[n];
        int row = 0;
        for (int b = 0; b < sizes.length; b++) {
            for (int i = 0; i < sizes[b]; i++) {
                g[row++] = "g" + b;
            }
        }
        return withGroups(g);
    }

    static PooledData withoutGroups(String name, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return new PooledData(name, "x", "y", x, x.clone(), null, null, 0);
    }

    /** Checked independently of Partition's own constructor check: every row exactly once, rows ascending. */
    static boolean isDisjointCompleteAndSorted(Partition p, int rows) {
        Set<Integer> seen = new HashSet<>();
        int count = 0;
        for (int k = 0; k < p.clientCount(); k++) {
            int[] r = p.rows(k);
            for (int i = 0; i < r.length; i++) {
                if (i > 0 && r[i] <= r[i - 1]) {
                    return false;
                }
                seen.add(r[i]);
                count++;
            }
        }
        return count == rows && seen.size() == rows && seen.stream().allMatch(r -> r >= 0 && r < rows);
    }

    static int[][] allRows(Partition p) {
        int[][] out = new int[p.clientCount()][];
        for (int k = 0; k < p.clientCount(); k++) {
            out[k] = p.rows(k);
        }
        return out;
    }

    static double[] xs(PooledData data, Partition p, int client) {
        return Arrays.stream(p.rows(client)).mapToDouble(data::x).toArray();
    }
}
