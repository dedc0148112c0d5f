package org.fedstep.app.plots;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.inspector.Numbers;
import org.fedstep.app.run.Snapshot;
import org.fedstep.app.theme.Palette;
import org.fedstep.app.theme.ViewOptions;
import org.fedstep.core.fl.AsyncState;
import org.fedstep.core.fl.RoundSummary;
import org.fedstep.core.fl.UploadRecord;

/**
 * Under the timeline of an asynchronous run: for every update that arrived, an arc from the round whose model it was
 * trained from to the round it arrived in, in its client's colour. Long arcs are stale updates. It lines up with the
 * timeline slider above it (same track, five positions per round), and hovering an arc names it.
 */
public final class StalenessStrip extends CanvasView {

    /** The slider's thumb keeps this far from the ends of its track. */
    private static final double INSET = 8;
    private final Tooltip tip = new Tooltip();
    private List<Arc> arcs = List.of();

    /** One arrival: its client, the round of its model, the round it arrived in. */
    record Arc(int client, int origin, int round) { }

    public StalenessStrip(ViewOptions options) {
        super(options);
        setId("stalenessStrip");
        setMinSize(100, 22);
        setPrefSize(600, 26);
        Tooltip.install(this, tip);
        setOnMouseMoved(e -> {
            Arc a = arcAt(e.getX());
            tip.setText(a == null ? I18n.t("timeline.staleness.tip") : I18n.t("timeline.staleness.arc",
                    a.round(), snapshot().run().clientName(a.client()), "θ" + Numbers.subscript(a.origin()),
                    a.round() - 1 - a.origin()));
        });
    }

    /** The arrivals up to the cursor's frontier: the history's rounds, and the round being revealed once uploaded. */
    static List<Arc> arcsOf(Snapshot s) {
        List<Arc> out = new ArrayList<>();
        List<RoundSummary> h = s.history();
        for (int t = 1; t < h.size(); t++) {
            AsyncState before = h.get(t - 1).async();
            int[] up = h.get(t).uploaded();
            if (before != null && up.length == 1) {
                out.add(new Arc(up[0], before.origin(up[0]), t));
            }
        }
        if (s.detail() != null && s.position().round() >= h.size() && s.detail().upload() != null
                && s.reached(org.fedstep.core.fl.Phase.UPLOAD)) {
            UploadRecord.Arrival a = s.detail().upload().arrival();
            if (a != null && !s.detail().upload().uploads().isEmpty()) {
                out.add(new Arc(s.detail().upload().uploads().get(0).client(), a.originRound(), s.position().round()));
            }
        }
        return out;
    }

    private double x(double index, double width, int last) {
        return INSET + (width - 2 * INSET) * index / Math.max(1, last);
    }

    /** Where round t's update arrives on the track: its upload phase. */
    private static int arrivalIndex(int round) {
        return (round - 1) * 5 + 3;
    }

    /** Where theta_tau was made: the update phase of round tau (0: the start). */
    private static int originIndex(int round) {
        return round == 0 ? 0 : round * 5;
    }

    private Arc arcAt(double px) {
        Snapshot s = snapshot();
        if (s == null) {
            return null;
        }
        int last = Math.max(1, s.frontier().index());
        Arc best = null;
        double gap = 6;
        for (Arc a : arcs) {
            double d = Math.abs(x(arrivalIndex(a.round()), getWidth(), last) - px);
            if (d < gap) {
                gap = d;
                best = a;
            }
        }
        return best;
    }

    @Override
    protected void draw(GraphicsContext g, Snapshot s, double width, double height) {
        arcs = arcsOf(s);
        int last = Math.max(1, s.frontier().index());
        double base = height - 4;
        g.setStroke(Color.web("#C8C8C8"));
        g.setLineWidth(1);
        g.strokeLine(INSET, base, width - INSET, base);
        int cursor = s.position().index();
        int stalest = 1;
        for (Arc a : arcs) {
            stalest = Math.max(stalest, a.round() - 1 - a.origin());
        }
        for (Arc a : arcs) {
            double x0 = x(originIndex(a.origin()), width, last);
            double x1 = x(arrivalIndex(a.round()), width, last);
            // the higher the arc, the staler the update: the stalest so far reaches the top of the strip
            double rise = 4 + (height - 10) * (a.round() - 1 - a.origin()) / stalest;
            Color c = Palette.client(a.client());
            boolean future = arrivalIndex(a.round()) > cursor;
            g.setGlobalAlpha(future ? 0.3 : 1);
            g.setStroke(c);
            g.setLineWidth(options.line(1.4));
            g.beginPath();
            g.moveTo(x0, base);
            g.bezierCurveTo(x0, base - rise, x1, base - rise, x1, base);
            g.stroke();
            double r = options.line(2.6);
            g.setFill(c);
            g.fillOval(x1 - r, base - r, 2 * r, 2 * r);
        }
        g.setGlobalAlpha(1);
        if (arcs.isEmpty()) {
            g.setFill(Color.web("#777777"));
            g.setFont(font(11));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(I18n.t("timeline.staleness.empty"), INSET, height / 2);
        }
    }
}
