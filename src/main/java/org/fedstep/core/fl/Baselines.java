package org.fedstep.core.fl;

import java.util.ArrayList;
import java.util.List;
import org.fedstep.core.model.Params;
import org.fedstep.core.random.Rng;

/**
 * The non-federated comparisons on the same data, computed only when asked for and then kept:
 * <ul>
 *   <li>centralised training: one party holding every client's training rows, doing per round exactly what a
 *   client does (E epochs, the same batch size, optimiser and learning rate), so with E = 1 and the full batch it is
 *   centralised full-batch gradient descent, which FedSGD with C = 1 equals;</li>
 *   <li>local-only training: every client training alone from the initial model, round after round, never
 *   communicating.</li>
 * </ul>
 * Parameters are in the training space, like the records.
 */
public final class Baselines {

    private final LocalTrainer trainer;
    private final long seed;
    private final double[] pooledX;
    private final double[] pooledY;
    private final double[][] clientX;
    private final double[][] clientY;
    private final List<Params> centralised = new ArrayList<>();
    private final List<Params[]> localOnly = new ArrayList<>();

    Baselines(LocalTrainer trainer, long seed, Params initial, double[][] clientX, double[][] clientY) {
        this.trainer = trainer;
        this.seed = seed;
        this.clientX = clientX;
        this.clientY = clientY;
        int total = 0;
        for (double[] x : clientX) {
            total += x.length;
        }
        pooledX = new double[total];
        pooledY = new double[total];
        int at = 0;
        for (int k = 0; k < clientX.length; k++) {
            System.arraycopy(clientX[k], 0, pooledX, at, clientX[k].length);
            System.arraycopy(clientY[k], 0, pooledY, at, clientY[k].length);
            at += clientX[k].length;
        }
        centralised.add(initial);
        Params[] start = new Params[clientX.length];
        java.util.Arrays.fill(start, initial);
        localOnly.add(start);
    }

    /** The centralised model after the given number of rounds (0: the initial model). */
    public synchronized Params centralised(int round) {
        while (centralised.size() <= round) {
            int r = centralised.size();
            Params from = centralised.get(r - 1);
            centralised.add(trainer.train(pooledX, pooledY, from, 0, null,
                    Rng.derive(seed, Rng.Stream.CENTRALISED, r, 0), false).end());
        }
        return centralised.get(round);
    }

    /** Client k's model after training alone for the given number of rounds. */
    public synchronized Params localOnly(int round, int client) {
        while (localOnly.size() <= round) {
            int r = localOnly.size();
            Params[] from = localOnly.get(r - 1);
            Params[] next = new Params[from.length];
            for (int k = 0; k < from.length; k++) {
                next[k] = trainer.train(clientX[k], clientY[k], from[k], 0, null,
                        Rng.derive(seed, Rng.Stream.LOCAL_ONLY, r, k), false).end();
            }
            localOnly.add(next);
        }
        return localOnly.get(round)[client];
    }
}
