package org.fedstep.app.privacy;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.run.Snapshot;
import org.fedstep.app.theme.ViewOptions;
import org.fedstep.core.privacy.PrivacyMeter;
import org.fedstep.core.privacy.RdpAccountant;

/**
 * Two lines under the losses view: the traffic of the round on screen and of the run so far, and the privacy meter,
 * epsilon at the run's delta after the round on screen, with a bar that fills towards epsilon = 10 and turns from
 * green to amber to red, and a warning where the settings give no meaningful privacy. The numbers are the core's
 * (Snapshot.traffic, Snapshot.privacy); this view only writes them.
 */
public final class MeterStrip extends VBox {

    private final Label traffic = new Label();
    private final Label privacy = new Label();
    private final Label warning = new Label();
    private final Region bar = new Region();
    private final StackPane gauge = new StackPane();
    private final HBox privacyLine;
    /** How full the privacy bar is, 0 .. 1 of its track. */
    private double fill;

    public MeterStrip(ViewOptions options) {
        setId("meterStrip");
        getStyleClass().add("meter-strip");
        setSpacing(2);
        traffic.setId("trafficLabel");
        privacy.setId("privacyLabel");
        warning.setId("privacyWarning");
        warning.getStyleClass().add("privacy-warning");
        warning.setWrapText(true);
        // the losses view is narrow on a laptop: wrap rather than cut the numbers off
        traffic.setWrapText(true);
        privacy.setWrapText(true);
        traffic.setMinHeight(Region.USE_PREF_SIZE);
        privacy.setMinHeight(Region.USE_PREF_SIZE);
        warning.setMinHeight(Region.USE_PREF_SIZE);
        Region track = new Region();
        track.getStyleClass().add("privacy-track");
        bar.getStyleClass().add("privacy-bar");
        bar.setMaxWidth(0);
        gauge.getChildren().addAll(track, bar);
        StackPane.setAlignment(bar, Pos.CENTER_LEFT);
        gauge.setPrefSize(90, 10);
        gauge.setMaxHeight(10);
        gauge.setMinWidth(60);
        privacyLine = new HBox(8, privacy, gauge);
        privacyLine.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(privacy, Priority.ALWAYS);
        privacy.setMaxWidth(Double.MAX_VALUE);
        getChildren().addAll(traffic, privacyLine, warning);
        gauge.widthProperty().addListener((o, was, now) -> bar.setMaxWidth(now.doubleValue() * fill));
        options.projector.addListener((o, was, now) -> gauge.setPrefSize(now ? 140 : 90, now ? 14 : 10));
    }

    public void show(Snapshot s) {
        Snapshot.TrafficSoFar t = s.traffic();
        int round = s.completedAtCursor();
        traffic.setText(t.round() == 0 ? I18n.t("meter.trafficNone") : I18n.t("meter.traffic", t.round(),
                bytes(t.roundDown()), bytes(t.roundUp()), bytes(t.totalDown()), bytes(t.totalUp())));
        PrivacyMeter meter = s.run().privacy();
        RdpAccountant.Guarantee g = s.privacy();
        PrivacyMeter.Warning w = meter.warning(g);
        boolean noisy = meter.noisy();
        privacyLine.setVisible(noisy);
        privacyLine.setManaged(noisy);
        if (noisy) {
            String who = meter.perClient() ? I18n.t("meter.local") : I18n.t("meter.central",
                    String.format(Locale.ROOT, "%.2f", meter.samplingRate()));
            privacy.setText(I18n.t("meter.privacy", epsilon(g.epsilon()), delta(g.delta()), round, who));
            fill = Double.isFinite(g.epsilon()) ? Math.min(1, g.epsilon() / PrivacyMeter.MEANINGFUL_EPSILON) : 1;
            bar.setMaxWidth(gauge.getWidth() > 0 ? gauge.getWidth() * fill : gauge.getPrefWidth() * fill);
            bar.getStyleClass().removeAll("low", "medium", "high");
            bar.getStyleClass().add(g.epsilon() <= 1 ? "low" : g.epsilon() <= PrivacyMeter.MEANINGFUL_EPSILON
                    ? "medium" : "high");
        }
        warning.setVisible(w != null);
        warning.setManaged(w != null);
        if (w != null) {
            warning.setText(I18n.t("meter.warning." + w.name().toLowerCase(Locale.ROOT)));
        }
    }

    /** A byte count for reading: 126 B, 2.4 kB, 3.1 MB. */
    public static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", n / 1000.0);
        }
        if (n < 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f GB", n / 1e9);
    }

    /** A delta as it is usually written: 0.001, 1e-5, 2.5e-7. */
    static String delta(double d) {
        if (d >= 1e-4) {
            return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        }
        int e = (int) Math.floor(Math.log10(d));
        double m = d / Math.pow(10, e);
        if (m >= 9.995) {
            m /= 10;
            e++;
        }
        String mantissa = String.format(Locale.ROOT, "%.2f", m).replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + "e" + e;
    }

    public static String epsilon(double e) {
        if (!Double.isFinite(e)) {
            return "∞";
        }
        return e < 10 ? String.format(Locale.ROOT, "%.2f", e) : String.format(Locale.ROOT, "%.1f", e);
    }
}
