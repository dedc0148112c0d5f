package org.fedstep.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The data of a federation: each client's rows, already split into training and test sets, in original units.
 *
 * @param title       what the data are, for titles and exports (e.g. "penguins.csv" or "Synthetic y = 2x + 1")
 * @param skippedRows rows of the source file left out for missing or non-numeric values (0 for synthetic data)
 */
public record FederatedData(String title, String xLabel, String yLabel, List<ClientData> clients, int skippedRows) {

    public FederatedData {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xLabel, "xLabel");
        Objects.requireNonNull(yLabel, "yLabel");
        clients = List.copyOf(clients);
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("a federation needs at least one client");
        }
        for (ClientData c : clients) {
            // a client without training rows cannot take a step (E * ceil(0 / B) = 0 steps, a 0/0 gradient)
            if (c.trainSize() == 0) {
                throw new IllegalArgumentException("client \"" + c.name() + "\" has no training rows");
            }
        }
    }

    public int clientCount() {
        return clients.size();
    }

    public ClientData client(int k) {
        return clients.get(k);
    }

    public int trainSize() {
        return clients.stream().mapToInt(ClientData::trainSize).sum();
    }

    public int testSize() {
        return clients.stream().mapToInt(ClientData::testSize).sum();
    }

    /** All clients' training x values, client after client. */
    public double[] pooledTrainX() {
        return pool(true, true);
    }

    public double[] pooledTrainY() {
        return pool(true, false);
    }

    public double[] pooledTestX() {
        return pool(false, true);
    }

    public double[] pooledTestY() {
        return pool(false, false);
    }

    /** Each client's training data summarised: size, x range, means, own least-squares line. */
    public List<ClientSummary> trainSummaries() {
        return trainSummaries(1);
    }

    /** Each client's training rows summarised, with its own least-squares polynomial of the given degree. */
    public List<ClientSummary> trainSummaries(int degree) {
        List<ClientSummary> out = new ArrayList<>();
        for (ClientData c : clients) {
            out.add(ClientSummary.of(c.name(), c.trainX(), c.trainY(), degree));
        }
        return out;
    }

    private double[] pool(boolean train, boolean xs) {
        double[] out = new double[train ? trainSize() : testSize()];
        int at = 0;
        for (ClientData c : clients) {
            double[] part = train ? (xs ? c.trainX() : c.trainY()) : (xs ? c.testX() : c.testY());
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
