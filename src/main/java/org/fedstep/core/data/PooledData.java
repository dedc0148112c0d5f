package org.fedstep.core.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A data set before it is split across clients: one x and one y per row, and optionally a categorical group per row
 * (an island, a country of origin, a series) that natural and Dirichlet partitions use. Values are in original units.
 * Immutable: the arrays are copied in and handed out only element by element or as copies.
 */
public final class PooledData {

    private final String name;
    private final String xLabel;
    private final String yLabel;
    private final double[] x;
    private final double[] y;
    private final String groupLabel;
    private final String[] groups;
    private final int skippedRows;

    /**
     * @param groupLabel the group column's name, or null when the data have no groups (then groups must be null)
     * @param skippedRows rows of the source that were left out (missing or non-numeric values)
     */
    public PooledData(String name, String xLabel, String yLabel, double[] x, double[] y,
                      String groupLabel, String[] groups, int skippedRows) {
        this.name = Objects.requireNonNull(name, "name");
        this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
        this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        if ((groups == null) != (groupLabel == null)) {
            throw new IllegalArgumentException("groups and groupLabel must be given together");
        }
        if (groups != null && groups.length != x.length) {
            throw new IllegalArgumentException("groups and x differ in length: " + groups.length + " vs " + x.length);
        }
        this.x = x.clone();
        this.y = y.clone();
        this.groupLabel = groupLabel;
        this.groups = groups == null ? null : groups.clone();
        this.skippedRows = skippedRows;
    }

    public String name() { return name; }
    public String xLabel() { return xLabel; }
    public String yLabel() { return yLabel; }
    public int size() { return x.length; }
    public double x(int row) { return x[row]; }
    public double y(int row) { return y[row]; }
    public double[] xs() { return x.clone(); }
    public double[] ys() { return y.clone(); }
    public boolean hasGroups() { return groups != null; }
    /** The name of the group column, or null. */
    public String groupLabel() { return groupLabel; }
    /** The group of a row; only when {@link #hasGroups()}. */
    public String group(int row) { return groups[row]; }
    public int skippedRows() { return skippedRows; }

    /** The distinct groups in order of first appearance; empty when the data have no groups. */
    public List<String> distinctGroups() {
        if (groups == null) {
            return List.of();
        }
        return Arrays.stream(groups).distinct().toList();
    }
}
