package org.fedstep.core.fl.strategy;

import java.util.ArrayList;
import java.util.List;
import org.fedstep.core.model.Params;

/**
 * Coordinate-wise median (Yin et al. 2018): theta_{t+1} = theta_t + (median of the delta_k's w, median of their b),
 * each median taken on its own; with an even number of uploads, the mean of the middle two. One client, however far
 * off, moves it at most to the next value in line. The weights p_k are not used.
 */
public final class CoordinateMedian implements ServerStrategy {

    @Override
    public String key() {
        return "median";
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
        int n = uploads.size();
        // the middle one (odd n) or the middle two (even n) of the sorted values
        int from = (n - 1) / 2;
        int to = n / 2;
        Trimmed w = Trimmed.of(uploads, true, from, n - 1 - to);
        Trimmed b = Trimmed.of(uploads, false, from, n - 1 - to);
        Params step = new Params(w.mean(), b.mean());
        return new Aggregation(Aggregation.termsOf(uploads), step, step, before, before, global.plus(step), null,
                Params.ZERO, new Aggregation.Robust(w.used(), b.used(), List.of(), List.of()));
    }

    /**
     * One coordinate of the uploads sorted (ties in client order), with `low` values cut from the bottom and `high`
     * from the top: the mean of the rest and the clients that gave it.
     */
    record Trimmed(double mean, List<Integer> used) {

        static Trimmed of(List<ClientUpload> uploads, boolean slope, int low, int high) {
            List<ClientUpload> sorted = new ArrayList<>(uploads);
            sorted.sort((x, y) -> Double.compare(slope ? x.delta().w() : x.delta().b(),
                    slope ? y.delta().w() : y.delta().b()));
            double sum = 0;
            List<Integer> used = new ArrayList<>();
            for (int i = low; i < sorted.size() - high; i++) {
                ClientUpload u = sorted.get(i);
                sum += slope ? u.delta().w() : u.delta().b();
                used.add(u.client());
            }
            used.sort(null);
            return new Trimmed(sum / used.size(), used);
        }
    }
}
