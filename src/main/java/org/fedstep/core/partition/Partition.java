package org.fedstep.core.partition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fedstep.core.data.ClientSummary;
import org.fedstep.core.data.PooledData;

/**
 * Which rows of a pooled data set each client holds. Every row belongs to exactly one client and every client holds
 * at least one row (checked here, so no partitioner can hand out a broken split).
 */
public final class Partition {

    private final int[][] rows;
    private final List<String> clientNames;

    public Partition(int[][] rows, List<String> clientNames, int totalRows) {
        if (rows.length != clientNames.size()) {
            throw new IllegalArgumentException(rows.length + " row lists for " + clientNames.size() + " clients");
        }
        boolean[] seen = new boolean[totalRows];
        int covered = 0;
        this.rows = new int[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            if (rows[k].length == 0) {
                throw new IllegalArgumentException("client " + clientNames.get(k) + " would hold no rows");
            }
            for (int r : rows[k]) {
                if (r < 0 || r >= totalRows || seen[r]) {
                    throw new IllegalArgumentException("row " + r + " is out of range or given twice");
                }
                seen[r] = true;
                covered++;
            }
            this.rows[k] = rows[k].clone();
        }
        if (covered != totalRows) {
            throw new IllegalArgumentException((totalRows - covered) + " rows were given to no client");
        }
        this.clientNames = List.copyOf(clientNames);
    }

    public int clientCount() { return rows.length; }
    public List<String> clientNames() { return clientNames; }
    /** The rows client k holds, in ascending order of row number within the data set as the partitioner chose. */
    public int[] rows(int client) { return rows[client].clone(); }
    public int size(int client) { return rows[client].length; }

    /** Per client: size, x range, means and own least-squares line, over all its rows. */
    public List<ClientSummary> report(PooledData data) {
        List<ClientSummary> out = new ArrayList<>();
        for (int k = 0; k < rows.length; k++) {
            double[] x = Arrays.stream(rows[k]).mapToDouble(data::x).toArray();
            double[] y = Arrays.stream(rows[k]).mapToDouble(data::y).toArray();
            out.add(ClientSummary.of(clientNames.get(k), x, y));
        }
        return out;
    }
}
