package org.fedstep.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fedstep.core.settings.Settings;

/**
 * Numbers in a step's text that the engine computes, so a lesson never types a result in: {@code {{optimum.slope}}},
 * {@code {{distance.to.optimum.after.round round=40 decimals=2}}}, {@code {{global.slope.after.round round=60 step=3}}}.
 * A value is an answer key with its parameters (as in a question), optionally {@code step=N} for the settings in force
 * at step N instead of this step's, {@code compare=M} for the settings of that step's M-th compared run, and
 * {@code decimals=D} for a fixed number of decimals (else 4, trailing zeros dropped). Client keys give the client's number ("6", or "1, 2" when tied). A change of seed (a homework pack) changes
 * the numbers with the data. Placeholders work inside formulas too ({@code $w^* = {{optimum.slope}}$}): they are
 * replaced before the Markdown is read.
 */
public final class LessonText {

    /** {{key.with.dots name=value ...}}: the key has at least one dot, so LaTeX's braces never look like one. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z]+(?:\\.[a-z0-9]+)+)([^{}]*)}}");
    private static final int MAX_DECIMALS = 10;

    private LessonText() { }

    /**
     * One value in a text.
     *
     * @param ref      what to compute
     * @param step     0-based index of the step whose settings are used
     * @param compare  0-based index of that step's compared run whose settings are used, or -1 for the step's own
     * @param decimals fixed decimals, or null for the usual reading format
     * @param start    where the placeholder starts in the text
     * @param end      where it ends (exclusive)
     */
    public record Value(Lesson.AnswerRef ref, int step, int compare, Integer decimals, int start, int end) { }

    /** A placeholder that cannot be used: the 1-based line of the text and what is wrong. */
    public static final class Problem extends RuntimeException {
        private final int line;

        Problem(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** Whether the text holds any value to compute. */
    public static boolean hasValues(String markdown) {
        return PLACEHOLDER.matcher(markdown).find();
    }

    /**
     * The values of a text, checked against the lesson's steps (keys, parameters and their ranges).
     *
     * @param here     the 0-based step the text belongs to
     * @param settings the settings in force at each step (0-based)
     * @param clients  the number of clients at each step (0-based)
     * @param compared the number of compared runs at each step (0-based)
     * @throws Problem naming the line and the problem
     */
    public static List<Value> values(String markdown, int here, List<Settings> settings, List<Integer> clients,
                                     List<Integer> compared) {
        List<Value> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(markdown);
        while (m.find()) {
            int line = lineOf(markdown, m.start());
            String key = m.group(1);
            AnswerKey k = AnswerKey.byKey(key);
            if (k == null) {
                throw new Problem(line, "{{" + key + "}}: no answer key \"" + key + "\"; the keys are "
                        + AnswerKey.list(AnswerKey.Kind.NUMBER) + ", " + AnswerKey.list(AnswerKey.Kind.CLIENT));
            }
            Integer round = null;
            Integer client = null;
            Double target = null;
            Integer step = null;
            Integer compare = null;
            Integer decimals = null;
            for (String part : m.group(2).trim().split("\\s+")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new Problem(line, "{{" + key + "}}: \"" + part + "\" must be name=value, e.g. round=3");
                }
                String name = part.substring(0, eq);
                String value = part.substring(eq + 1);
                switch (name) {
                    case "round" -> round = whole(line, key, name, value);
                    case "client" -> client = whole(line, key, name, value);
                    case "step" -> step = whole(line, key, name, value);
                    case "compare" -> compare = whole(line, key, name, value);
                    case "decimals" -> decimals = whole(line, key, name, value);
                    case "target" -> target = decimal(line, key, name, value);
                    default -> throw new Problem(line, "{{" + key + "}}: unknown parameter \"" + name + "\"; known: "
                            + "round, client, target, step, compare, decimals");
                }
            }
            int at = here;
            if (step != null) {
                if (step < 1 || step > settings.size()) {
                    throw new Problem(line, "{{" + key + "}}: step=" + step + " is out of range: the lesson has steps 1"
                            + " to " + settings.size());
                }
                at = step - 1;
            }
            if (compare != null && (compare < 1 || compare > compared.get(at))) {
                throw new Problem(line, "{{" + key + "}}: compare=" + compare + " is out of range: step " + (at + 1)
                        + (compared.get(at) == 0 ? " compares no runs" : " compares runs 1 to " + compared.get(at)));
            }
            if (decimals != null && (decimals < 0 || decimals > MAX_DECIMALS)) {
                throw new Problem(line, "{{" + key + "}}: decimals=" + decimals + " must be 0 to " + MAX_DECIMALS);
            }
            Settings s = settings.get(at);
            given(line, key, k.needsRound(), round != null, "round=N");
            given(line, key, k.needs(AnswerKey.Param.CLIENT), client != null, "client=N");
            given(line, key, k.needs(AnswerKey.Param.TARGET), target != null, "target=X");
            if (round != null) {
                int min = k.needs(AnswerKey.Param.ROUND_FROM_0) ? 0 : 1;
                if (round < min || round > s.rounds()) {
                    throw new Problem(line, "{{" + key + "}}: round " + round + " is out of range: the settings of step "
                            + (at + 1) + " run rounds " + min + " to " + s.rounds());
                }
            }
            if (client != null && (client < 1 || client > clients.get(at))) {
                throw new Problem(line, "{{" + key + "}}: client " + client + " is out of range: the settings of step "
                        + (at + 1) + " have clients 1 to " + clients.get(at));
            }
            if (target != null && !(target > 0 && Double.isFinite(target))) {
                throw new Problem(line, "{{" + key + "}}: target must be a number greater than 0 (found " + target + ")");
            }
            out.add(new Value(new Lesson.AnswerRef(k, round, client, target), at, compare == null ? -1 : compare - 1,
                    decimals, m.start(), m.end()));
        }
        return out;
    }

    /** A key takes exactly the parameters it needs: refuses a missing one and one it does not take. */
    private static void given(int line, String key, boolean needed, boolean given, String parameter) {
        if (needed && !given) {
            throw new Problem(line, "{{" + key + "}}: needs " + parameter);
        }
        if (!needed && given) {
            throw new Problem(line, "{{" + key + "}}: takes no " + parameter.substring(0, parameter.indexOf('='))
                    + "; remove it");
        }
    }

    /**
     * The text with every value replaced by the engine's number.
     *
     * @param reseed      applied to every settings before computing (a homework pack gives another seed), or identity
     * @param calculators gives the calculator for settings (callers share one per settings)
     * @throws Answers.Unavailable when a value cannot be computed on these settings
     */
    public static String fill(String markdown, List<Value> values, Lesson lesson, UnaryOperator<Settings> reseed,
                              Function<Settings, Answers> calculators) {
        if (values.isEmpty()) {
            return markdown;
        }
        StringBuilder sb = new StringBuilder();
        int from = 0;
        for (Value v : values) {
            sb.append(markdown, from, v.start());
            Lesson.Step step = lesson.steps().get(v.step());
            Settings s = v.compare() < 0 ? step.settings() : step.compare().get(v.compare()).settings();
            sb.append(format(calculators.apply(reseed.apply(s)).answer(v.ref()), v.decimals()));
            from = v.end();
        }
        return sb.append(markdown.substring(from)).toString();
    }

    /** A step's text in one language with its values computed on the lesson's own settings. */
    public static String fill(Lesson lesson, Lesson.Step step, String language, Function<Settings, Answers> calculators) {
        return fill(step.markdown().in(language), step.values().in(language), lesson, UnaryOperator.identity(),
                calculators);
    }

    /** A number for reading (or a client's number), as the reveal writes it. */
    static String format(Answer a, Integer decimals) {
        if (a.isClient()) {
            return String.join(", ", a.clients().stream().map(k -> Integer.toString(k + 1)).toList());
        }
        if (decimals != null) {
            String s = String.format(Locale.ROOT, "%." + decimals + "f", a.value());
            return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
        }
        return Answers.fmt(a.value());
    }

    private static int whole(int line, String key, String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new Problem(line, "{{" + key + "}}: " + name + " must be a whole number (found \"" + value + "\")");
        }
    }

    private static double decimal(int line, String key, String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new Problem(line, "{{" + key + "}}: " + name + " must be a number (found \"" + value + "\")");
        }
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
