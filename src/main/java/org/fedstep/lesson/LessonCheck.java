package org.fedstep.lesson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedstep.core.settings.Settings;

/**
 * The headless check of a lesson, for tests and the runner: load it (every field, both languages, every setup and
 * step settings), then compute every number in the step texts and the answer of every number and client question on
 * the settings of its step.
 */
public final class LessonCheck {

    /** A question with the engine's answer (null for a choice question: its answer is in the file). */
    public record Checked(Lesson.Step step, Lesson.Question question, Answer answer) { }

    /** The loaded lesson and the answer to every question, in step order. */
    public record Result(Lesson lesson, List<Checked> questions) {

        public Result {
            questions = List.copyOf(questions);
        }
    }

    private LessonCheck() { }

    /**
     * @throws LessonException naming lesson.json and the step when a file is wrong or an answer cannot be computed
     */
    public static Result run(Path folder) {
        return answers(LessonLoader.load(folder));
    }

    /** Computes every answer and every number in the texts of a loaded lesson; one engine per distinct settings. */
    public static Result answers(Lesson lesson) {
        Map<Settings, Answers> calculators = new LinkedHashMap<>();
        List<Checked> out = new ArrayList<>();
        for (Lesson.Step step : lesson.steps()) {
            for (String language : Lesson.LANGUAGES) {
                try {
                    LessonText.fill(lesson, step, language,
                            s -> calculators.computeIfAbsent(s, x -> Answers.on(x, lesson.folder())));
                } catch (Answers.Unavailable e) {
                    throw new LessonException(lesson.folder().resolve(step.text() + "." + language + ".md").toString(),
                            "a number in the text cannot be computed: " + e.getMessage(), e);
                }
            }
            Lesson.Question q = step.question();
            if (q == null) {
                continue;
            }
            Lesson.AnswerRef ref = q instanceof Lesson.NumberQuestion n ? n.about()
                    : q instanceof Lesson.ClientQuestion c ? c.about() : null;
            if (ref == null) {
                out.add(new Checked(step, q, null));
                continue;
            }
            Answer a;
            try {
                a = calculators.computeIfAbsent(step.settings(), s -> Answers.on(s, lesson.folder())).answer(ref);
            } catch (Answers.Unavailable e) {
                throw new LessonException(lesson.folder().resolve(LessonLoader.FILE).toString(), "steps["
                        + step.index() + "].question (step " + step.number() + "): " + ref.key().key()
                        + " cannot be computed: " + e.getMessage(), e);
            }
            out.add(new Checked(step, q, a));
        }
        return new Result(lesson, out);
    }

    /** The answer to one step's question on that step's settings (null for a choice question or no question). */
    public static Answer answer(Lesson lesson, Lesson.Step step) {
        Lesson.Question q = step.question();
        Lesson.AnswerRef ref = q instanceof Lesson.NumberQuestion n ? n.about()
                : q instanceof Lesson.ClientQuestion c ? c.about() : null;
        return ref == null ? null : Answers.compute(step.settings(), lesson.folder(), ref);
    }
}
