package org.fedstep.core.partition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.fedstep.core.data.PooledData;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.PartitionSettings;

/**
 * Label-style skew over the data's group column, as in Hsu, Qi and Brown (2019): for each group, in order of first
 * appearance, proportions q ~ Dirichlet(alpha, ..., alpha) over the clients are drawn (independent Gamma(alpha, 1)
 * draws, normalised), the group's rows are shuffled and cut at the rounded cumulative proportions, so client k gets
 * about q_k of that group. A large alpha gives every client nearly the same mix of groups (close to IID); a small
 * alpha gives each group mostly to one client.
 *
 * <p>Every client must hold at least one row. If a draw leaves a client empty, the whole partition is drawn again,
 * continuing the same random stream, up to {@value #MAX_TRIES} tries in all; then the settings are refused.
 */
public final class DirichletPartitioner implements Partitioner {

    static final int MAX_TRIES = 100;

    private final double alpha;

    public DirichletPartitioner(double alpha) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new InvalidSettingsException("partition.alpha must be greater than 0 (found " + Splits.fmt(alpha)
                    + ")");
        }
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public String key() {
        return PartitionSettings.DIRICHLET;
    }

    @Override
    public Partition split(PooledData data, int clients, Rng rng) {
        if (!data.hasGroups()) {
            throw new InvalidSettingsException("a Dirichlet partition needs dataset.groupColumn: " + data.name()
                    + " has no group column to draw proportions over");
        }
        Splits.checkClientCount(data, clients);
        List<int[]> groups = rowsByGroup(data);
        GammaDistribution gamma = new GammaDistribution(rng, alpha, 1.0);
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            int[][] parts = attempt(groups, clients, rng, gamma);
            if (noneEmpty(parts)) {
                return new Partition(parts, Splits.numberedNames(clients), data.size());
            }
        }
        throw new InvalidSettingsException("partition.alpha " + Splits.fmt(alpha) + " leaves some of the " + clients
                + " clients with no rows after " + MAX_TRIES + " tries; use a larger alpha or fewer clients");
    }

    private int[][] attempt(List<int[]> groups, int clients, Rng rng, GammaDistribution gamma) {
        List<List<Integer>> collected = new ArrayList<>(clients);
        for (int k = 0; k < clients; k++) {
            collected.add(new ArrayList<>());
        }
        for (int[] group : groups) {
            double[] q = proportions(clients, rng, gamma);
            int[] rows = group.clone();
            rng.shuffle(rows);
            int m = rows.length;
            double cumulative = 0;
            int from = 0;
            for (int k = 0; k < clients; k++) {
                cumulative += q[k];
                // the last cut is m exactly, whatever rounding did to the sum of q
                int to = k == clients - 1 ? m : (int) Math.min(m, Math.round(cumulative * m));
                for (int i = from; i < to; i++) {
                    collected.get(k).add(rows[i]);
                }
                from = Math.max(from, to);
            }
        }
        int[][] parts = new int[clients][];
        for (int k = 0; k < clients; k++) {
            parts[k] = collected.get(k).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return parts;
    }

    /** One draw from Dirichlet(alpha, ..., alpha) over the clients. */
    private static double[] proportions(int clients, Rng rng, GammaDistribution gamma) {
        double[] q = new double[clients];
        double sum = 0;
        for (int k = 0; k < clients; k++) {
            q[k] = gamma.sample();
            sum += q[k];
        }
        if (!(sum > 0) || Double.isInfinite(sum)) {
            // for a tiny alpha every Gamma draw can underflow to 0; the Dirichlet then is, in the limit, all mass on
            // one client chosen uniformly, so draw exactly that
            q = new double[clients];
            q[rng.nextInt(clients)] = 1.0;
            return q;
        }
        for (int k = 0; k < clients; k++) {
            q[k] /= sum;
        }
        return q;
    }

    /** The rows of each group, groups in order of first appearance, rows ascending. */
    private static List<int[]> rowsByGroup(PooledData data) {
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int row = 0; row < data.size(); row++) {
            byGroup.computeIfAbsent(data.group(row), g -> new ArrayList<>()).add(row);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> rows : byGroup.values()) {
            out.add(rows.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static boolean noneEmpty(int[][] parts) {
        for (int[] p : parts) {
            if (p.length == 0) {
                return false;
            }
        }
        return true;
    }
}
