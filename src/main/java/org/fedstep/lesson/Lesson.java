package org.fedstep.lesson;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.fedstep.core.fl.Phase;
import org.fedstep.core.fl.Position;
import org.fedstep.core.settings.Settings;

/**
 * A loaded, checked lesson (lessons/README.md describes the files). Everything here is immutable; the settings are
 * validated and effective (defaults filled), so they can be given to DataSets.build and the RoundEngine as they are.
 *
 * @param folder   the lesson's folder (csv paths in its settings are resolved against it)
 * @param id       a stable id: lowercase letters, digits and hyphens; lessons are listed in id order
 * @param summary  one or two sentences for a lesson list, or null
 * @param setup    the settings the lesson starts with
 * @param steps    at least one
 */
public record Lesson(Path folder, String id, Text title, Text summary, Level level, int minutes, Settings setup,
                     List<Step> steps) {

    public Lesson {
        steps = List.copyOf(steps);
    }

    /** The two languages every lesson has. */
    public static final List<String> LANGUAGES = List.of("en", "zh");

    /** A text in English and Simplified Chinese. */
    public record Text(String en, String zh) {

        /** The text in this language ("en" or "zh"); any other language gets English. */
        public String in(String language) {
            return "zh".equals(language) ? zh : en;
        }
    }

    /** Lists of options in both languages (the same length). */
    public record Options(List<String> en, List<String> zh) {

        public Options {
            en = List.copyOf(en);
            zh = List.copyOf(zh);
        }

        public List<String> in(String language) {
            return "zh".equals(language) ? zh : en;
        }

        public int size() {
            return en.size();
        }
    }

    public enum Level {
        INTRO("intro"), INTERMEDIATE("intermediate"), ADVANCED("advanced");

        private final String key;

        Level(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Level byKey(String key) {
            for (Level l : values()) {
                if (l.key.equals(key)) {
                    return l;
                }
            }
            return null;
        }
    }

    /**
     * One step of a lesson.
     *
     * @param index           0-based
     * @param text            the base name of the step's Markdown files (text.en.md, text.zh.md)
     * @param markdown        the contents of those files
     * @param changesSettings whether this step applies a settings change (the player then starts the run afresh)
     * @param settings        the settings in force at this step: the setup with the changes of this and every earlier
     *                        step applied in order (validated, effective)
     * @param locks           ids from {@link Locks#IDS}
     * @param waitFor         the moment the student must step to before going on, or null
     * @param question        the step's question, or null
     * @param values          the engine-computed numbers in the step's texts ({@link LessonText})
     * @param compare         runs shown beside the student's for comparison (empty for none)
     */
    public record Step(int index, String text, Text markdown, boolean changesSettings, Settings settings,
                       Set<String> locks, WaitFor waitFor, Question question, Values values,
                       List<Comparison> compare) {

        public Step {
            locks = Set.copyOf(locks);
            compare = List.copyOf(compare);
        }

        /** 1-based, as shown to students and in messages. */
        public int number() {
            return index + 1;
        }
    }

    /** The numbers to compute in a step's English and Chinese text. */
    public record Values(List<LessonText.Value> en, List<LessonText.Value> zh) {

        public static final Values NONE = new Values(List.of(), List.of());

        public Values {
            en = List.copyOf(en);
            zh = List.copyOf(zh);
        }

        public List<LessonText.Value> in(String language) {
            return "zh".equals(language) ? zh : en;
        }

        public boolean isEmpty() {
            return en.isEmpty() && zh.isEmpty();
        }
    }

    /**
     * A run shown side by side with the student's: the same data and partition, other settings (e.g. another
     * strategy). Its global path and losses are drawn next to the student's, round by round.
     *
     * @param label    its name in the views' legends and the comparison table
     * @param settings validated, effective; the same data, clients, partition, seed and rounds as the step's
     */
    public record Comparison(Text label, Settings settings) { }

    /** Step the run to this phase of this round (the step cannot be left before). */
    public record WaitFor(Phase phase, int round) {

        public Position position() {
            return new Position(round, phase);
        }
    }

    /** How the answer is given: checked at once, or committed first and then revealed with its arithmetic. */
    public enum Reveal {
        CHECK("check"), PREDICT("predict");

        private final String key;

        Reveal(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Reveal byKey(String key) {
            for (Reveal r : values()) {
                if (r.key.equals(key)) {
                    return r;
                }
            }
            return null;
        }
    }

    /**
     * What the engine is asked to compute: an {@link AnswerKey} and its parameters.
     *
     * @param round  1-based round (0 for "after round 0" keys), or null when the key takes none
     * @param client 1-based client, or null when the key takes none
     * @param target a number (rounds.to.reach.loss), or null
     */
    public record AnswerRef(AnswerKey key, Integer round, Integer client, Double target) {

        /** The client as the engine numbers them (0-based), or -1. */
        public int clientIndex() {
            return client == null ? -1 : client - 1;
        }
    }

    /** An accepted distance from the engine's answer: within the absolute or the relative tolerance (or both). */
    public record Tolerance(Double absolute, Double relative) {

        public boolean accepts(double given, double expected) {
            if (!Double.isFinite(given)) {
                return false;
            }
            double d = Math.abs(given - expected);
            // a little slack for the decimal rounding of what the student typed
            double eps = 1e-12 * Math.max(1, Math.abs(expected));
            return (absolute != null && d <= absolute + eps)
                    || (relative != null && d <= relative * Math.abs(expected) + eps);
        }
    }

    /** A step's question. */
    public sealed interface Question permits NumberQuestion, ChoiceQuestion, ClientQuestion {

        Reveal reveal();

        /** A hint the student can ask for, or null. */
        Text hint();
    }

    /** "What is ...?": a number computed by the engine, accepted within the tolerance. */
    public record NumberQuestion(AnswerRef about, Tolerance tolerance, Reveal reveal, Text hint) implements Question {

        public boolean accepts(double given, Answer answer) {
            return tolerance.accepts(given, answer.value());
        }
    }

    /** One of the options is correct (the only answer written in the lesson file: it is not a number). */
    public record ChoiceQuestion(Options options, int correct, Reveal reveal, Text hint) implements Question {

        public boolean accepts(int chosen) {
            return chosen == correct;
        }
    }

    /** "Click the client that ...": the engine says which client(s); ties all count as right. */
    public record ClientQuestion(AnswerRef about, Reveal reveal, Text hint) implements Question {

        /** @param client 0-based, as the engine numbers clients */
        public boolean accepts(int client, Answer answer) {
            return answer.clients().contains(client);
        }
    }
}
