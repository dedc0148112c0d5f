package org.fedstep.core.partition;

import java.util.Arrays;
import org.fedstep.core.data.PooledData;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.PartitionSettings;

/**
 * Feature shift (covariate shift): clients see different parts of the x axis. The strictness s runs from 0 (an IID
 * split) to 1 (disjoint x ranges, client 0 holding the smallest x values).
 *
 * <p>Method: every row gets a score that mixes where its x lies with chance,
 * <pre>  score = s * rank(x) / (n - 1) + (1 - s) * u,   u ~ U(0, 1) drawn per row,</pre>
 * where rank(x) is the row's place (0 .. n-1) when rows are ordered by x (ties by row number). Rows are sorted by
 * score (ties by row number) and cut into equal contiguous parts, client 0 taking the lowest scores. With s = 0 the
 * order is a random permutation; with s = 1 it is the x order, so the ranges are disjoint and ordered (rows that share
 * an x value may fall on both sides of a cut, so neighbouring ranges can then share that one boundary value). In
 * between, a row can only move away from its x block by about (1 - s) / s of the range, so the overlap shrinks as s
 * grows.
 */
public final class FeatureShiftPartitioner implements Partitioner {

    private final double strictness;

    public FeatureShiftPartitioner(double strictness) {
        if (!(strictness >= 0 && strictness <= 1)) {
            throw new InvalidSettingsException("partition.strictness must be from 0 to 1 (found "
                    + Splits.fmt(strictness) + ")");
        }
        this.strictness = strictness;
    }

    public double strictness() {
        return strictness;
    }

    @Override
    public String key() {
        return PartitionSettings.FEATURE_SHIFT;
    }

    @Override
    public Partition split(PooledData data, int clients, Rng rng) {
        Splits.checkClientCount(data, clients);
        int n = data.size();
        Integer[] byX = boxedRows(n);
        Arrays.sort(byX, (a, b) -> data.x(a) != data.x(b) ? Double.compare(data.x(a), data.x(b)) : a - b);
        double[] rank = new double[n];
        for (int i = 0; i < n; i++) {
            // a single row has nothing to be ranked against
            rank[byX[i]] = n == 1 ? 0.0 : (double) i / (n - 1);
        }
        double[] score = new double[n];
        for (int row = 0; row < n; row++) {
            // always draw, even for s = 1, so the stream advances the same way for every strictness
            double u = rng.nextDouble();
            score[row] = strictness * rank[row] + (1 - strictness) * u;
        }
        Integer[] byScore = boxedRows(n);
        Arrays.sort(byScore, (a, b) -> score[a] != score[b] ? Double.compare(score[a], score[b]) : a - b);
        int[] order = Arrays.stream(byScore).mapToInt(Integer::intValue).toArray();
        return new Partition(Splits.cut(order, Splits.equalSizes(n, clients)), Splits.numberedNames(clients), n);
    }

    private static Integer[] boxedRows(int n) {
        Integer[] rows = new Integer[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }
}
