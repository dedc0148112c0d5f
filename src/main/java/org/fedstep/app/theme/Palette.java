package org.fedstep.app.theme;

import javafx.scene.paint.Color;

/**
 * The colours of clients, the same in every view. The first seven are Okabe and Ito's colour-blind-safe palette
 * (its black is kept for the global model); after them come Paul Tol's "muted" colours, also chosen to stay apart for
 * colour-blind viewers. With more clients than colours they repeat.
 */
public final class Palette {

    private static final Color[] CLIENTS = {
        Color.web("#E69F00"), Color.web("#56B4E9"), Color.web("#009E73"), Color.web("#0072B2"),
        Color.web("#D55E00"), Color.web("#CC79A7"), Color.web("#F0E442"),
        Color.web("#332288"), Color.web("#117733"), Color.web("#CC6677"), Color.web("#88CCEE"),
        Color.web("#882255"), Color.web("#44AA99"), Color.web("#999933"), Color.web("#AA4499"), Color.web("#DDCC77")};

    public static final Color GLOBAL = Color.BLACK;
    public static final Color TARGET = Color.web("#555555");
    public static final Color CENTRALISED = Color.web("#7F7F7F");
    public static final Color INACTIVE = Color.web("#BBBBBB");
    /** Compared runs: one dark grey, told apart by their dash patterns (clients keep every colour). */
    public static final Color COMPARED = Color.web("#4D4D4D");
    private static final double[][] COMPARED_DASHES = {{9, 5}, {2, 4}, {12, 4, 2, 4}};

    private Palette() { }

    public static Color client(int k) {
        return CLIENTS[k % CLIENTS.length];
    }

    /** A darker edge for a client's points, so light colours (yellow) still show on white. */
    public static Color clientEdge(int k) {
        return client(k).deriveColor(0, 1, 0.6, 1);
    }

    /** The dash pattern of compared run i (0-based), at normal line width; scale it with the line. */
    public static double[] comparedDashes(int i, double scale) {
        double[] d = COMPARED_DASHES[i % COMPARED_DASHES.length].clone();
        for (int k = 0; k < d.length; k++) {
            d[k] *= scale;
        }
        return d;
    }

    public static String hex(Color c) {
        return String.format("#%02X%02X%02X", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }
}
