package org.fedstep.lesson;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.fedstep.core.data.ClientData;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.settings.Settings;
import org.fedstep.io.Exports;
import org.fedstep.io.Json;
import org.fedstep.io.StagedFolder;

/**
 * A homework pack a teacher can hand out: the settings (config.json, runnable in the headless runner), every
 * client's data as CSV, a worksheet with the questions and blank answers (Markdown and HTML, English and Chinese),
 * and a separate answer key computed by the engine. From a lesson (its questions) or from any settings (a standard set
 * of FedAvg questions). A different seed gives different data and different answers, so each student can get their own.
 *
 * <p>Files are written to a staging folder beside the target and moved in only when all are complete ({@link
 * StagedFolder}).
 */
public final class HomeworkPack {

    /** One question of the pack, with the text around it and the settings it is asked about. */
    record Item(Lesson.Text text, Lesson.Question question, Settings settings) { }

    private HomeworkPack() { }

    /** The files a pack holds, besides data/client-K.csv. */
    public static final List<String> FILES = List.of("config.json", "data.csv", "worksheet.en.md", "worksheet.en.html",
            "worksheet.zh.md", "worksheet.zh.html", "answers.en.md", "answers.zh.md");

    /** A pack from a lesson's questions, on its settings (with another seed when seed is not null). */
    public static void write(Lesson lesson, Long seed, Path dir) throws IOException {
        List<Item> items = new ArrayList<>();
        // numbers in the texts are computed on the pack's data too, so a new seed changes them with the answers
        Map<Settings, Answers> calculators = new HashMap<>();
        Function<Settings, Answers> calculator = s -> calculators.computeIfAbsent(s, x -> Answers.on(x, lesson.folder()));
        for (Lesson.Step step : lesson.steps()) {
            if (step.question() != null) {
                Lesson.Text text = new Lesson.Text(
                        LessonText.fill(step.markdown().en(), step.values().en(), lesson, s -> reseed(s, seed),
                                calculator),
                        LessonText.fill(step.markdown().zh(), step.values().zh(), lesson, s -> reseed(s, seed),
                                calculator));
                items.add(new Item(text, step.question(), reseed(step.settings(), seed)));
            }
        }
        if (items.isEmpty()) {
            throw new LessonException(lesson.folder().resolve(LessonLoader.FILE).toString(),
                    "this lesson asks no questions, so it makes no homework");
        }
        write(lesson.title(), reseed(lesson.setup(), seed), lesson.folder(), items, dir);
    }

    /** A pack of standard FedAvg questions on any settings. */
    public static void write(Settings settings, Path baseDir, Path dir) throws IOException {
        FederatedData data = DataSets.build(settings, baseDir);
        List<Item> items = new ArrayList<>();
        int shown = Math.min(3, data.clientCount());
        for (int k = 1; k <= shown; k++) {
            items.add(number(text("What weight $p_" + k + "$ does client " + k + " get in round 1? "
                            + "(FedAvg: $p_k = n_k / \\sum n$ over the clients that upload.)",
                    "在第 1 轮中，客户端 " + k + " 的权重 $p_" + k + "$ 是多少？（FedAvg：$p_k = n_k / \\sum n$，"
                            + "对本轮上传的客户端求和。）"),
                    new Lesson.AnswerRef(AnswerKey.WEIGHT_OF_CLIENT, 1, k, null), 0.001, settings));
        }
        items.add(number(text("What is the global slope $w_1$ after round 1?", "第 1 轮之后，全局斜率 $w_1$ 是多少？"),
                new Lesson.AnswerRef(AnswerKey.GLOBAL_SLOPE_AFTER_ROUND, 1, null, null), null, settings));
        items.add(number(text("What is the global intercept $b_1$ after round 1?",
                        "第 1 轮之后，全局截距 $b_1$ 是多少？"),
                new Lesson.AnswerRef(AnswerKey.GLOBAL_INTERCEPT_AFTER_ROUND, 1, null, null), null, settings));
        items.add(number(text("What is the global training loss $J(\\theta_1)$ after round 1?",
                        "第 1 轮之后，全局训练损失 $J(\\theta_1)$ 是多少？"),
                new Lesson.AnswerRef(AnswerKey.TRAIN_LOSS_AFTER_ROUND, 1, null, null), null, settings));
        items.add(new Item(text("Which client's model moved furthest from $\\theta_0$ during local training in "
                        + "round 1 (the largest $\\lVert \\theta_k - \\theta_0 \\rVert$)? Give its number.",
                "第 1 轮本地训练中，哪个客户端的模型离 $\\theta_0$ 最远（$\\lVert \\theta_k - \\theta_0 \\rVert$ "
                        + "最大）？写出它的编号。"),
                new Lesson.ClientQuestion(new Lesson.AnswerRef(AnswerKey.CLIENT_LARGEST_DRIFT, 1, null, null),
                        Lesson.Reveal.CHECK, null), settings));
        String title = settings.dataset().title() != null ? settings.dataset().title() : data.title();
        write(new Lesson.Text("FedAvg by hand: " + title, "手算 FedAvg：" + title), settings, baseDir, items, dir);
    }

    private static Lesson.Text text(String en, String zh) {
        return new Lesson.Text(en, zh);
    }

    private static Item number(Lesson.Text text, Lesson.AnswerRef ref, Double tolerance, Settings s) {
        return new Item(text, new Lesson.NumberQuestion(ref, new Lesson.Tolerance(tolerance, tolerance == null
                ? 1e-3 : null), Lesson.Reveal.CHECK, null), s);
    }

    private static Settings reseed(Settings s, Long seed) {
        return seed == null ? s : s.withSeed(seed);
    }

    private static void write(Lesson.Text title, Settings setup, Path baseDir, List<Item> items, Path dir)
            throws IOException {
        // every answer first: a question the settings cannot answer stops the pack before anything is written
        List<Answer> answers = new ArrayList<>();
        for (Item item : items) {
            answers.add(item.question() instanceof Lesson.ChoiceQuestion ? null
                    : Answers.compute(item.settings(), baseDir, ref(item.question())));
        }
        FederatedData data = DataSets.build(setup, baseDir);

        StagedFolder.write(dir, staging -> {
            Files.writeString(staging.resolve("config.json"), Json.mapper().writeValueAsString(setup));
            try (Writer w = Files.newBufferedWriter(staging.resolve("data.csv"))) {
                Exports.data(w, data);
            }
            Files.createDirectories(staging.resolve("data"));
            for (int k = 0; k < data.clientCount(); k++) {
                Files.writeString(staging.resolve("data/client-" + (k + 1) + ".csv"), clientCsv(data.client(k)));
            }
            for (String lang : Lesson.LANGUAGES) {
                String sheet = worksheet(title, setup, items, lang);
                Files.writeString(staging.resolve("worksheet." + lang + ".md"), sheet);
                Files.writeString(staging.resolve("worksheet." + lang + ".html"), html(title.in(lang), sheet, lang));
                Files.writeString(staging.resolve("answers." + lang + ".md"), answerKey(title, items, answers, lang));
            }
        });
    }

    private static Lesson.AnswerRef ref(Lesson.Question q) {
        return q instanceof Lesson.NumberQuestion n ? n.about() : ((Lesson.ClientQuestion) q).about();
    }

    private static String clientCsv(ClientData c) {
        StringBuilder sb = new StringBuilder("split,x,y\n");
        for (int i = 0; i < c.trainSize(); i++) {
            sb.append("train,").append(c.trainX(i)).append(',').append(c.trainY(i)).append('\n');
        }
        for (int i = 0; i < c.testSize(); i++) {
            sb.append("test,").append(c.testX(i)).append(',').append(c.testY(i)).append('\n');
        }
        return sb.toString();
    }

    private static String worksheet(Lesson.Text title, Settings setup, List<Item> items, String lang) {
        boolean en = lang.equals("en");
        StringBuilder sb = new StringBuilder("# ").append(title.in(lang)).append("\n\n");
        sb.append(en ? "Name: ______________________    Seed: " : "姓名：______________________    随机种子：")
                .append(setup.seed()).append("\n\n");
        sb.append(en ? "The data are in `data/client-K.csv` (one file per client) and `data.csv` (all clients). "
                        + "`config.json` runs this setup in FedStep (`java -jar fedstep.jar run --config config.json "
                        + "--out results`). The model is $\\hat{y} = w x + b$ with the loss "
                        + "$J = \\frac{1}{n} \\sum (\\hat{y} - y)^2$; rounds are numbered from 1, and $\\theta_0$ is "
                        + "the starting model.\n\n"
                : "数据在 `data/client-K.csv`（每个客户端一个文件）和 `data.csv`（全部客户端）中。`config.json` 可以在 "
                        + "FedStep 中运行这套设置（`java -jar fedstep.jar run --config config.json --out results`）。"
                        + "模型为 $\\hat{y} = w x + b$，损失为 $J = \\frac{1}{n} \\sum (\\hat{y} - y)^2$；轮次从 1 开始编号，"
                        + "$\\theta_0$ 为初始模型。\n\n");
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            sb.append("## ").append(en ? "Question " : "第 ").append(i + 1).append(en ? "" : " 题").append("\n\n");
            sb.append(item.text().in(lang).strip()).append("\n\n");
            if (item.question() instanceof Lesson.ChoiceQuestion c) {
                List<String> options = c.options().in(lang);
                for (int o = 0; o < options.size(); o++) {
                    sb.append("- [ ] ").append((char) ('A' + o)).append(". ").append(options.get(o)).append('\n');
                }
                sb.append('\n');
            } else if (item.question() instanceof Lesson.ClientQuestion) {
                sb.append(en ? "**Answer (client number):** ________\n\n" : "**答案（客户端编号）：** ________\n\n");
            } else {
                sb.append(en ? "**Answer:** ________________\n\n" : "**答案：** ________________\n\n");
            }
        }
        return sb.toString();
    }

    private static String answerKey(Lesson.Text title, List<Item> items, List<Answer> answers, String lang) {
        boolean en = lang.equals("en");
        StringBuilder sb = new StringBuilder("# ").append(en ? "Answer key: " : "答案：").append(title.in(lang))
                .append("\n\n").append(en ? "Computed by the FedStep engine from the pack's settings.\n\n"
                        : "由 FedStep 引擎根据本作业包的设置计算得出。\n\n");
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Answer a = answers.get(i);
            sb.append(en ? "**Question " : "**第 ").append(i + 1).append(en ? ":** " : " 题：** ");
            if (item.question() instanceof Lesson.ChoiceQuestion c) {
                sb.append((char) ('A' + c.correct())).append(". ").append(c.options().in(lang).get(c.correct()));
            } else if (item.question() instanceof Lesson.ClientQuestion) {
                sb.append(en ? "client " : "客户端 ").append(String.join(en ? " or " : " 或 ",
                        a.clients().stream().map(k -> Integer.toString(k + 1)).toList()));
            } else {
                Lesson.Tolerance t = ((Lesson.NumberQuestion) item.question()).tolerance();
                sb.append(a.value());
                if (t.absolute() != null) {
                    sb.append(en ? " (accept ± " : "（允许 ± ").append(t.absolute()).append(en ? ")" : "）");
                } else if (t.relative() != null) {
                    sb.append(en ? " (accept within " : "（允许误差 ")
                            .append(String.format(Locale.ROOT, "%.3g%%", t.relative() * 100)).append(en ? ")" : "）");
                }
            }
            sb.append("\n\n");
            if (a != null) {
                sb.append("    ").append(a.explanation().in(lang).replace("\n", "\n    ")).append("\n\n");
            }
        }
        return sb.toString();
    }

    private static final List<Extension> TABLES = List.of(TablesExtension.create());

    /**
     * The worksheet as a page that opens in any browser without the internet: Markdown with its tables, and every
     * formula drawn as a picture (a PNG inside the page, its LaTeX as the alternative text), never raw LaTeX.
     */
    static String html(String title, String markdown, String lang) {
        Formulas.Split split = Formulas.split(markdown);
        String body = HtmlRenderer.builder().extensions(TABLES).build()
                .render(Parser.builder().extensions(TABLES).build().parse(split.text()));
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int i = body.indexOf(Formulas.MARK); i >= 0; i = body.indexOf(Formulas.MARK, from)) {
            int n = Formulas.Split.formulaAt(body, i);
            if (n < 0) {
                break;
            }
            boolean display = split.displayed().get(n);
            int end = i + 3;
            int start = i;
            if (display && body.startsWith("<p>", i - 3) && body.startsWith("</p>", end)) {
                // a displayed formula is a paragraph of its own: it becomes a centred block
                start = i - 3;
                end += 4;
            }
            out.append(body, from, start).append(image(split.latex().get(n), display));
            from = end;
        }
        out.append(body.substring(from));
        return "<!DOCTYPE html>\n<html lang=\"" + lang + "\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + escape(title) + "</title>\n<style>body { font-family: sans-serif; max-width: 46em; "
                + "margin: 2em auto; line-height: 1.5; } code { background: #f2f2f2; } "
                + "table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; } "
                + ".math-display { text-align: center; margin: 0.8em 0; }</style>\n</head>\n<body>\n"
                + out + "</body>\n</html>\n";
    }

    private static String image(String latex, boolean display) {
        Formulas.Picture p = Formulas.draw(latex, display, 18);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(p.image(), "png", png);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String img = String.format(Locale.ROOT, "<img src=\"data:image/png;base64,%s\" alt=\"%s\" "
                        + "style=\"width: %.1fpx; height: %.1fpx; vertical-align: %.1fpx\">",
                java.util.Base64.getEncoder().encodeToString(png.toByteArray()), escape(latex), p.shownWidth(),
                p.shownHeight(), -p.depth());
        return display ? "<div class=\"math-display\">" + img + "</div>" : img;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
