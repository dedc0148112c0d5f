package org.fedstep.core.fl.strategy;

import java.util.ArrayList;
import java.util.List;
import org.fedstep.core.model.Params;

/**
 * Coordinate-wise median (Yin et al. 2018): theta_{t+1} = theta_t + (median of the delta_k's w, median of their b, ...),
 * each coordinate's median taken on its own; with an even number of uploads, the mean of the middle two. One client, however far
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
        return Trimmed.aggregate(global, uploads, before, from, n - 1 - to);
    }

    /**
     * One coordinate of the uploads sorted (ties in client order), with `low` values cut from the bottom and `high`
     * from the top: the mean of the rest and the clients that gave it.
     */
    record Trimmed(double mean, List<Integer> used) {

        static Trimmed of(List<ClientUpload> uploads, int coordinate, int low, int high) {
            List<ClientUpload> sorted = new ArrayList<>(uploads);
            sorted.sort((x, y) -> Double.compare(x.delta().get(coordinate), y.delta().get(coordinate)));
            double sum = 0;
            List<Integer> used = new ArrayList<>();
            for (int i = low; i < sorted.size() - high; i++) {
                ClientUpload u = sorted.get(i);
                sum += u.delta().get(coordinate);
                used.add(u.client());
            }
            used.sort(null);
            return new Trimmed(sum / used.size(), used);
        }

        /** Every coordinate trimmed on its own, into the step theta_{t+1} - theta_t. */
        static Aggregation aggregate(Params global, List<ClientUpload> uploads, ServerState before, int low,
                                     int high) {
            int dims = 2;
            for (ClientUpload u : uploads) {
                dims = Math.max(dims, u.delta().size());
            }
            double[] step = new double[dims];
            List<List<Integer>> used = new ArrayList<>(dims);
            for (int i = 0; i < dims; i++) {
                Trimmed t = of(uploads, i, low, high);
                step[i] = t.mean();
                used.add(t.used());
            }
            Params s = Params.of(step);
            return new Aggregation(Aggregation.termsOf(uploads), s, s, before, before, global.plus(s), null,
                    Params.ZERO, new Aggregation.Robust(used, List.of(), List.of()));
        }
    }
}
