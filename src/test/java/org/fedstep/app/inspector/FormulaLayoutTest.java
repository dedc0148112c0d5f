package org.fedstep.app.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormulaLayoutTest {

    @Test
    void longEquationsBreakAtEqualsAndLongSumsAtPlusWithNothingLost() {
        String line = "  θ_{t+1} = θ_t + Σ_k p_k Δ_k = (0, 0) + 0.1·(0.0271399, 0.049029) + 0.1·(0.0312288, 0.0521762)"
                + " = (0.0274432, 0.049495)";
        List<String> out = FormulaLayout.breakLines(List.of(line), 40);
        assertTrue(out.size() > 2, out.toString());
        for (String l : out) {
            assertTrue(l.length() <= 48, l);
        }
        String joined = String.join(" ", out).replaceAll("\\s+", " ").trim();
        assertEquals(line.replaceAll("\\s+", " ").trim(), joined);
    }

    @Test
    void proseAndShortLinesStayAsTheyAre() {
        List<String> in = List.of("The weights, p_k = n_k / Σ n (they add up to 1), written out for each client:",
                "  p_1 = 100 / 1000 = 0.1");
        assertEquals(in, FormulaLayout.breakLines(in, 40));
    }

    @Test
    void twoEquationsOnOneLineGoOnTwoLines() {
        assertEquals(List.of("  dJ/dw = (2/n) Σ (ŷ − y) x", "  dJ/db = (2/n) Σ (ŷ − y)"),
                FormulaLayout.breakLines(List.of("  dJ/dw = (2/n) Σ (ŷ − y) x,   dJ/db = (2/n) Σ (ŷ − y)"), 30));
    }
}
