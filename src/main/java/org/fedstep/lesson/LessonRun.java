package org.fedstep.lesson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.settings.Settings;
import org.fedstep.io.Exports;
import org.fedstep.io.StagedFolder;

/**
 * A lesson run headless, for a teacher preparing a class: every settings the lesson uses (its steps' and the runs it
 * compares with) run for their rounds and exported as the runner exports them, one folder each (run-1/, run-2/, ...),
 * and the lesson itself written out as a script in each language (lesson.en.md, lesson.zh.md): every step's text with
 * its numbers, which run it shows, its question and the engine's answer with the arithmetic.
 */
public final class LessonRun {

    private LessonRun() { }

    /** The five phases in the source article's Chinese terms (as the app names them). */
    private static final String[] PHASES_ZH = {"模型分发", "本地训练", "参数上传", "参数聚合", "模型更新"};

    /** What was written: the runs in folder order (run-1 first), and whether any of them diverged. */
    public record Written(List<Settings> runs, List<Integer> diverged) { }

    /**
     * @param seed another seed for every settings of the lesson, or null for the lesson's own
     * @throws LessonException        when an answer or a number in a text cannot be computed
     * @throws Answers.Unavailable    likewise, with a reseeded lesson
     */
    public static Written write(Lesson lesson, Long seed, Path dir) throws IOException {
        Map<Settings, Integer> runs = new LinkedHashMap<>();
        for (Lesson.Step step : lesson.steps()) {
            runs.putIfAbsent(reseed(step.settings(), seed), runs.size() + 1);
            for (Lesson.Comparison c : step.compare()) {
                runs.putIfAbsent(reseed(c.settings(), seed), runs.size() + 1);
            }
        }
        Map<Settings, Answers> calculators = new HashMap<>();
        Function<Settings, Answers> calculator = s -> calculators.computeIfAbsent(s, x -> Answers.on(x, lesson.folder()));
        // every text and answer first: a lesson the settings cannot answer stops before anything is written
        Map<String, String> scripts = new LinkedHashMap<>();
        for (String lang : Lesson.LANGUAGES) {
            scripts.put(lang, script(lesson, seed, runs, calculator, lang));
        }
        List<Integer> diverged = new ArrayList<>();
        StagedFolder.write(dir, staging -> {
            for (Map.Entry<Settings, Integer> r : runs.entrySet()) {
                FederatedData data = DataSets.build(r.getKey(), lesson.folder());
                Settings settings = DataSets.effective(r.getKey(), data);
                RoundEngine engine = new RoundEngine(settings, data);
                if (settings.rounds() > 0) {
                    engine.runRounds(settings.rounds());
                }
                if (engine.divergence() != null) {
                    diverged.add(r.getValue());
                }
                Exports.writeAll(engine, settings, staging.resolve("run-" + r.getValue()));
            }
            for (Map.Entry<String, String> s : scripts.entrySet()) {
                Files.writeString(staging.resolve("lesson." + s.getKey() + ".md"), s.getValue());
            }
        });
        return new Written(List.copyOf(runs.keySet()), List.copyOf(diverged));
    }

    private static String script(Lesson lesson, Long seed, Map<Settings, Integer> runs,
                                 Function<Settings, Answers> calculator, String lang) {
        boolean en = "en".equals(lang);
        StringBuilder sb = new StringBuilder("# ").append(lesson.title().in(lang)).append("\n\n");
        if (lesson.summary() != null) {
            sb.append(lesson.summary().in(lang)).append("\n\n");
        }
        sb.append(en ? "Each step's run is exported in its folder (`run-K/`, as `fedstep run` writes it: "
                        + "`rounds.csv`, `client_rounds.csv`, `session.json` to open in the app, ...)."
                : "每一步所用的运行都导出在各自的文件夹中（`run-K/`，与 `fedstep run` 的输出相同："
                        + "`rounds.csv`、`client_rounds.csv`、可在应用中打开的 `session.json` 等）。");
        if (seed != null) {
            sb.append(en ? " Every run uses seed " : " 所有运行都使用随机种子 ").append(seed).append(en ? "." : "。");
        }
        sb.append("\n\n");
        for (Lesson.Step step : lesson.steps()) {
            Settings here = reseed(step.settings(), seed);
            sb.append("---\n\n").append(en ? "**Step " : "**第 ").append(step.number()).append(en ? "** · run `run-" : " 步** · 运行 `run-")
                    .append(runs.get(here)).append("/`");
            for (Lesson.Comparison c : step.compare()) {
                sb.append(en ? " · compared with " : " · 对比 ").append(c.label().in(lang)).append(": `run-")
                        .append(runs.get(reseed(c.settings(), seed))).append("/`");
            }
            if (step.waitFor() != null) {
                sb.append(en ? " · step to round " : " · 推进到第 ").append(step.waitFor().round())
                        .append(en ? ", phase " : " 轮的阶段 ").append(en ? step.waitFor().phase().key()
                                : PHASES_ZH[step.waitFor().phase().number() - 1]);
            }
            sb.append("\n\n");
            sb.append(LessonText.fill(step.markdown().in(lang), step.values().in(lang), lesson, s -> reseed(s, seed),
                    calculator).strip()).append("\n\n");
            Lesson.Question q = step.question();
            if (q instanceof Lesson.ChoiceQuestion c) {
                List<String> options = c.options().in(lang);
                for (int o = 0; o < options.size(); o++) {
                    sb.append("- ").append(o == c.correct() ? "**" : "").append((char) ('A' + o)).append(". ")
                            .append(options.get(o)).append(o == c.correct() ? "**" : "").append('\n');
                }
                sb.append('\n');
            } else if (q != null) {
                Lesson.AnswerRef ref = q instanceof Lesson.NumberQuestion n ? n.about()
                        : ((Lesson.ClientQuestion) q).about();
                Answer a = calculator.apply(here).answer(ref);
                String value = a.isClient() ? (en ? "client " : "客户端 ") + LessonText.format(a, null)
                        : a.value() == Math.rint(a.value()) && Math.abs(a.value()) < 1e15
                                ? Long.toString((long) a.value()) : Double.toString(a.value());
                sb.append(en ? "**Answer:** " : "**答案：** ").append(value).append("\n\n    ")
                        .append(a.explanation().in(lang).replace("\n", "\n    ")).append("\n\n");
            }
        }
        return sb.toString();
    }

    private static Settings reseed(Settings s, Long seed) {
        return seed == null ? s : s.withSeed(seed);
    }
}
