package org.fedstep.core.fl.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fedstep.core.model.Params;

/**
 * Krum and Multi-Krum (Blanchard et al. 2017), resisting f bad clients among m uploads. Each update's score is the sum
 * of its squared distances to its m - f - 2 nearest other updates (at least 1). Krum moves by the update with the
 * lowest score; Multi-Krum averages the `selected` lowest-scored ones (default m - f). The guarantee needs m > 2f + 2;
 * with fewer uploads the rule still runs with at least one neighbour. The weights p_k are not used.
 */
public final class Krum implements ServerStrategy {

    private final int byzantine;
    /** How many best-scored updates are averaged: 1 for Krum; 0 for Multi-Krum's default m - f. */
    private final int selected;
    private final boolean multi;

    private Krum(int byzantine, int selected, boolean multi) {
        if (byzantine < 0) {
            throw new IllegalArgumentException("byzantine must be at least 0 (found " + byzantine + ")");
        }
        this.byzantine = byzantine;
        this.selected = selected;
        this.multi = multi;
    }

    public static Krum krum(int byzantine) {
        return new Krum(byzantine, 1, false);
    }

    /** @param selected how many to average, or null for m - f */
    public static Krum multiKrum(int byzantine, Integer selected) {
        return new Krum(byzantine, selected == null ? 0 : selected, true);
    }

    @Override
    public String key() {
        return multi ? "multi-krum" : "krum";
    }

    @Override
    public boolean averages() {
        return false;
    }

    @Override
    public Aggregation aggregate(Params global, List<ClientUpload> uploads, ServerState before, int totalClients,
                                 Params noise) {
        Noise.none(noise, key());
        if (uploads.isEmpty()) {
            return Aggregation.nothingUploaded(global, before);
        }
        int m = uploads.size();
        int neighbours = Math.max(1, m - byzantine - 2);
        List<Double> scores = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            double[] d = new double[m - 1];
            int j = 0;
            for (int o = 0; o < m; o++) {
                if (o != i) {
                    Params diff = uploads.get(i).delta().minus(uploads.get(o).delta());
                    double squared = 0;
                    for (int c = 0; c < diff.size(); c++) {
                        squared += diff.get(c) * diff.get(c);
                    }
                    d[j++] = squared;
                }
            }
            Arrays.sort(d);
            double s = 0;
            for (int k = 0; k < Math.min(neighbours, d.length); k++) {
                s += d[k];
            }
            scores.add(s);
        }
        // the lowest scores, ties to the earlier upload
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(scores.get(a), scores.get(b)));
        int keep = multi ? Math.min(m, selected > 0 ? selected : Math.max(1, m - byzantine)) : 1;
        Params sum = Params.ZERO;
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < keep; i++) {
            ClientUpload u = uploads.get(order.get(i));
            sum = sum.plus(u.delta());
            chosen.add(u.client());
        }
        chosen.sort(null);
        Params step = sum.times(1.0 / keep);
        List<List<Integer>> used = new ArrayList<>();
        for (int i = 0; i < step.size(); i++) {
            used.add(chosen);
        }
        return new Aggregation(Aggregation.termsOf(uploads), step, step, before, before, global.plus(step), null,
                Params.ZERO, new Aggregation.Robust(used, scores, chosen));
    }
}
