package org.fedstep.lesson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fedstep.core.data.DataFileException;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.Phase;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.SettingsValidator;
import org.fedstep.io.BadFileException;
import org.fedstep.io.Json;

/**
 * Reads a lesson folder (lessons/README.md): lesson.json and the Markdown text of every step in both languages.
 * Checks every field, resolves the setup and every step's settings into validated settings, and checks that lock ids
 * and answer keys exist and that rounds and clients are in range for the settings in force. The first problem found
 * is thrown as a {@link LessonException} naming the file, the line and field of lesson.json where known, and the
 * problem.
 */
public final class LessonLoader {

    public static final String FORMAT = "fedstep-lesson";
    public static final int VERSION = 1;
    public static final String FILE = "lesson.json";

    /** The presets a setup can name: the files of sample-data/configs/, also on the classpath. */
    public static final List<String> PRESETS =
            List.of("article", "hospitals", "quickstart", "penguins", "cars", "cars-curve", "anscombe",
                    "gapminder");

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern TEXT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern LEADING_SETTING = Pattern.compile("^([A-Za-z]+(?:\\.[A-Za-z]+|\\[\\d+])*)");
    private static final int MAX_MINUTES = 240;

    private final Path folder;
    private final String file;
    private final String source;

    private LessonLoader(Path folder, String source) {
        this.folder = folder;
        this.file = folder.resolve(FILE).toString();
        this.source = source;
    }

    /**
     * Loads and checks the lesson in this folder.
     *
     * @throws LessonException naming the file and the problem
     */
    public static Lesson load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new LessonException(folder.toString(), Files.exists(folder) ? "is a file, not a lesson folder"
                    : "no such folder");
        }
        Path json = folder.resolve(FILE);
        if (!Files.isRegularFile(json)) {
            throw new LessonException(json.toString(), "missing: a lesson folder holds a " + FILE
                    + " (lessons/README.md describes it)");
        }
        String text = readUtf8(json);
        if (text.isBlank()) {
            throw new LessonException(json.toString(), "the file is empty");
        }
        return new LessonLoader(folder, text).read();
    }

    // ------------------------------------------------------------------ lesson.json

    private Lesson read() {
        JsonNode root;
        try {
            root = Json.mapper().reader()
                    .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature())
                    .readTree(source);
        } catch (JsonProcessingException e) {
            throw new LessonException(file, Json.describe(e, source), e);
        } catch (IOException e) {
            throw new LessonException(file, "cannot be read: " + e.getMessage(), e);
        }
        JsonPointer top = JsonPointer.empty();
        if (root == null || !root.isObject()) {
            throw fail(top, "the file must hold one object { ... } (found " + kind(root) + ")");
        }
        // format and version first: a newer or foreign file gets that message rather than "unknown field"
        String format = text(root, top, "format", true);
        if (!FORMAT.equals(format)) {
            throw fail(top.appendProperty("format"), "must be \"" + FORMAT + "\" (found \"" + format + "\")");
        }
        int version = integer(root, top, "version", true);
        if (version > VERSION) {
            throw fail(top.appendProperty("version"), "version " + version + " was written for a newer FedStep; this"
                    + " one reads lesson versions up to " + VERSION + ". Update FedStep to open it.");
        }
        if (version < 1) {
            throw fail(top.appendProperty("version"), "must be " + VERSION + " (found " + version + ")");
        }
        only(root, top, "format", "version", "id", "title", "summary", "level", "minutes", "setup", "steps");
        String id = text(root, top, "id", true);
        if (!ID.matcher(id).matches()) {
            throw fail(top.appendProperty("id"), "must be lowercase letters, digits and hyphens, starting with a "
                    + "letter or digit, e.g. \"01-one-round\" (found \"" + id + "\")");
        }
        Lesson.Text title = bilingual(root, top, "title", true);
        Lesson.Text summary = bilingual(root, top, "summary", false);
        String levelKey = text(root, top, "level", true);
        Lesson.Level level = Lesson.Level.byKey(levelKey);
        if (level == null) {
            throw fail(top.appendProperty("level"), "must be one of intro, intermediate, advanced (found \""
                    + levelKey + "\")");
        }
        int minutes = integer(root, top, "minutes", true);
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw fail(top.appendProperty("minutes"), "must be 1 to " + MAX_MINUTES + " (found " + minutes + ")");
        }
        JsonPointer setupAt = top.appendProperty("setup");
        Resolved setup = resolveSetup(required(root, top, "setup"), setupAt);

        JsonPointer stepsAt = top.appendProperty("steps");
        JsonNode stepsNode = required(root, top, "steps");
        if (!stepsNode.isArray() || stepsNode.isEmpty()) {
            throw fail(stepsAt, "must be a list [ ... ] of at least one step");
        }
        List<Lesson.Step> steps = new ArrayList<>();
        List<Settings> settingsOfStep = new ArrayList<>();
        List<Integer> clientsOfStep = new ArrayList<>();
        List<Integer> comparedOfStep = new ArrayList<>();
        Resolved current = setup;
        // the comparison runs in force (a step's "compare" holds from that step on) and where they were written
        JsonNode compareNode = null;
        JsonPointer compareAt = null;
        List<Lesson.Comparison> comparisons = List.of();
        for (int i = 0; i < stepsNode.size(); i++) {
            JsonPointer at = stepsAt.appendIndex(i);
            JsonNode s = stepsNode.get(i);
            if (!s.isObject()) {
                throw fail(at, "a step must be an object { ... } (found " + kind(s) + ")");
            }
            only(s, at, "text", "settings", "compare", "lock", "waitFor", "question");
            String textName = text(s, at, "text", true);
            if (!TEXT_NAME.matcher(textName).matches() || textName.endsWith(".md")
                    || textName.endsWith(".en") || textName.endsWith(".zh")) {
                throw fail(at.appendProperty("text"), "must be the base name of the step's Markdown files, e.g. "
                        + "\"01-welcome\" for 01-welcome.en.md and 01-welcome.zh.md (found \"" + textName + "\")");
            }
            Lesson.Text markdown = new Lesson.Text(markdown(textName, "en", i), markdown(textName, "zh", i));
            boolean changes = s.has("settings");
            if (changes) {
                JsonPointer sAt = at.appendProperty("settings");
                JsonNode change = s.get("settings");
                if (!change.isObject()) {
                    throw fail(sAt, "must be an object { ... } of settings to change (found " + kind(change) + ")");
                }
                ObjectNode merged = current.tree.deepCopy();
                merge(merged, (ObjectNode) change);
                current = resolve(merged, List.of(sAt), "step " + (i + 1) + " settings");
            }
            if (s.has("compare")) {
                compareNode = s.get("compare");
                compareAt = at.appendProperty("compare");
            }
            if (compareNode != null && (changes || s.has("compare"))) {
                comparisons = comparisons(compareNode, compareAt, current, i);
            }
            Set<String> locks = locks(s, at);
            Lesson.WaitFor waitFor = waitFor(s, at, current.settings);
            Lesson.Question question = question(s, at, current);
            steps.add(new Lesson.Step(i, textName, markdown, changes, current.settings, locks, waitFor, question,
                    Lesson.Values.NONE, comparisons));
            settingsOfStep.add(current.settings);
            clientsOfStep.add(current.clients);
            comparedOfStep.add(comparisons.size());
        }
        // numbers in the texts may name any step's settings, so they are checked once every step is known
        for (int i = 0; i < steps.size(); i++) {
            Lesson.Step st = steps.get(i);
            Lesson.Values values = new Lesson.Values(
                    textValues(st, "en", settingsOfStep, clientsOfStep, comparedOfStep),
                    textValues(st, "zh", settingsOfStep, clientsOfStep, comparedOfStep));
            steps.set(i, new Lesson.Step(st.index(), st.text(), st.markdown(), st.changesSettings(), st.settings(),
                    st.locks(), st.waitFor(), st.question(), values, st.compare()));
        }
        return new Lesson(folder, id, title, summary, level, minutes, setup.settings, steps);
    }

    // ------------------------------------------------------------------ comparisons and text values

    /** At most this many runs are drawn beside the student's. */
    static final int MAX_COMPARISONS = 3;

    /** Keys a comparison may not change: it runs on the same data, split the same way, for as many rounds. */
    private static final List<String> SAME_FOR_COMPARISONS =
            List.of("version", "seed", "rounds", "dataset", "clients", "partition");

    private List<Lesson.Comparison> comparisons(JsonNode node, JsonPointer at, Resolved in, int step) {
        if (!node.isArray()) {
            throw fail(at, "must be a list of runs to compare, e.g. [{\"label\": {\"en\": \"FedAvg\", \"zh\": "
                    + "\"FedAvg\"}, \"settings\": {\"strategy\": {\"kind\": \"fedavg\"}}}] (found " + kind(node) + ")");
        }
        if (node.size() > MAX_COMPARISONS) {
            throw fail(at, "at most " + MAX_COMPARISONS + " runs can be compared with the student's (found "
                    + node.size() + ")");
        }
        List<Lesson.Comparison> out = new ArrayList<>();
        for (int c = 0; c < node.size(); c++) {
            JsonPointer cAt = at.appendIndex(c);
            JsonNode run = node.get(c);
            if (!run.isObject()) {
                throw fail(cAt, "must be an object {\"label\": ..., \"settings\": { ... }} (found " + kind(run) + ")");
            }
            only(run, cAt, "label", "settings");
            Lesson.Text label = bilingual(run, cAt, "label", true);
            JsonPointer sAt = cAt.appendProperty("settings");
            JsonNode change = required(run, cAt, "settings");
            if (!change.isObject()) {
                throw fail(sAt, "must be an object { ... } of settings to change (found " + kind(change) + ")");
            }
            for (String fixed : SAME_FOR_COMPARISONS) {
                if (change.has(fixed)) {
                    throw fail(sAt.appendProperty(fixed), "a compared run uses the same data, clients, partition, seed "
                            + "and rounds as the student's; \"" + fixed + "\" cannot change here");
                }
            }
            ObjectNode merged = in.tree.deepCopy();
            merge(merged, (ObjectNode) change);
            Resolved r = resolve(merged, List.of(sAt), "step " + (step + 1) + " compare[" + c + "] settings");
            out.add(new Lesson.Comparison(label, r.settings));
        }
        return out;
    }

    private List<LessonText.Value> textValues(Lesson.Step step, String language, List<Settings> settings,
                                              List<Integer> clients, List<Integer> compared) {
        try {
            return LessonText.values(step.markdown().in(language), step.index(), settings, clients, compared);
        } catch (LessonText.Problem p) {
            throw new LessonException(folder.resolve(step.text() + "." + language + ".md").toString(),
                    "line " + p.line() + ", " + p.getMessage());
        }
    }

    // ------------------------------------------------------------------ settings

    /** A settings tree as written (for later changes) and the validated, effective settings it gives. */
    private record Resolved(ObjectNode tree, Settings settings, int clients) { }

    private Resolved resolveSetup(JsonNode node, JsonPointer at) {
        if (!node.isObject()) {
            throw fail(at, "must be an object: {\"preset\": \"quickstart\"}, {\"preset\": ..., \"change\": { ... }}, "
                    + "or settings as in docs/config.md (found " + kind(node) + ")");
        }
        if (!node.has("preset")) {
            if (node.has("change")) {
                throw fail(at.appendProperty("change"), "\"change\" goes with a \"preset\"; without one, write the "
                        + "settings themselves in setup");
            }
            return resolve(((ObjectNode) node).deepCopy(), List.of(at), "setup");
        }
        only(node, at, "preset", "change");
        String name = text(node, at, "preset", true);
        ObjectNode tree = preset(name, at.appendProperty("preset"));
        if (node.has("change")) {
            JsonNode change = node.get("change");
            if (!change.isObject()) {
                throw fail(at.appendProperty("change"), "must be an object { ... } of settings to change (found "
                        + kind(change) + ")");
            }
            merge(tree, (ObjectNode) change);
        }
        return resolve(tree, List.of(at.appendProperty("change"), at), "setup");
    }

    private ObjectNode preset(String name, JsonPointer at) {
        if (!PRESETS.contains(name)) {
            throw fail(at, "no preset \"" + name + "\"; the presets are " + String.join(", ", PRESETS));
        }
        String resource = "/sample-data/configs/" + name + ".json";
        try (InputStream in = LessonLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw fail(at, "the preset " + resource + " is missing from this build of FedStep");
            }
            JsonNode tree = Json.mapper().readTree(in);
            return (ObjectNode) tree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A change applied to settings as written: objects are merged key by key, anything else (numbers, text, lists)
     * replaces what was there; null sets the key back to its default.
     */
    static void merge(ObjectNode into, ObjectNode change) {
        for (Iterator<Map.Entry<String, JsonNode>> it = change.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = into.get(e.getKey());
            if (old != null && old.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) old, (ObjectNode) e.getValue());
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /** @param written where in lesson.json the settings' keys are written, most specific first (for line numbers) */
    private Resolved resolve(ObjectNode tree, List<JsonPointer> written, String what) {
        Settings raw;
        try {
            raw = Json.mapper().treeToValue(tree, Settings.class);
        } catch (JsonProcessingException e) {
            JsonPointer inFile = written.get(0);
            if (e instanceof JsonMappingException m) {
                JsonPointer rel = JsonPointer.empty();
                for (JsonMappingException.Reference r : m.getPath()) {
                    rel = r.getFieldName() != null ? rel.appendProperty(r.getFieldName()) : rel.appendIndex(r.getIndex());
                }
                inFile = firstLocated(written, rel);
            }
            throw fail(inFile, what + ": " + Json.describe(e));
        } catch (IllegalArgumentException e) {
            throw fail(written.get(0), what + ": " + e.getMessage());
        }
        Settings settings;
        try {
            settings = SettingsValidator.validate(raw);
        } catch (InvalidSettingsException e) {
            throw fail(settingLocation(written, e.problems().get(0)), what + ": " + String.join("; ", e.problems()));
        }
        FederatedData data;
        try {
            data = DataSets.build(settings, folder);
            settings = DataSets.effective(settings, data);
        } catch (InvalidSettingsException e) {
            throw fail(written.get(0), what + ": " + String.join("; ", e.problems()));
        } catch (DataFileException | BadFileException | IllegalArgumentException | UncheckedIOException e) {
            throw fail(written.get(0), what + ": the data cannot be built: " + e.getMessage());
        }
        return new Resolved(tree, settings, data.clientCount());
    }

    /** The first of base + rel that is written in the file, else the last base that is. */
    private JsonPointer firstLocated(List<JsonPointer> bases, JsonPointer rel) {
        for (JsonPointer b : bases) {
            JsonPointer p = b.append(rel);
            if (line(p) > 0) {
                return p;
            }
        }
        for (JsonPointer b : bases) {
            if (line(b) > 0) {
                return b;
            }
        }
        return bases.get(bases.size() - 1);
    }

    /** Where the setting a validator message starts with ("training.learningRate must be ...") is written. */
    private JsonPointer settingLocation(List<JsonPointer> bases, String problem) {
        Matcher m = LEADING_SETTING.matcher(problem);
        if (!m.find()) {
            return firstLocated(bases, JsonPointer.empty());
        }
        JsonPointer rel = JsonPointer.empty();
        for (String part : m.group(1).split("\\.")) {
            int br = part.indexOf('[');
            if (br >= 0) {
                rel = rel.appendProperty(part.substring(0, br));
                rel = rel.appendIndex(Integer.parseInt(part.substring(br + 1, part.length() - 1)));
            } else {
                rel = rel.appendProperty(part);
            }
        }
        return firstLocated(bases, rel);
    }

    // ------------------------------------------------------------------ steps

    private String markdown(String base, String language, int step) {
        String name = base + "." + language + ".md";
        Path p = folder.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new LessonException(p.toString(), "missing: step " + (step + 1) + " (\"" + base + "\") needs its "
                    + ("en".equals(language) ? "English" : "Chinese") + " text in " + name);
        }
        String text = readUtf8(p);
        if (text.isBlank()) {
            throw new LessonException(p.toString(), "the file is empty: step " + (step + 1) + " has no "
                    + ("en".equals(language) ? "English" : "Chinese") + " text");
        }
        return text;
    }

    private Set<String> locks(JsonNode step, JsonPointer at) {
        if (!step.has("lock")) {
            return Set.of();
        }
        JsonPointer lockAt = at.appendProperty("lock");
        JsonNode l = step.get("lock");
        if (!l.isArray()) {
            throw fail(lockAt, "must be a list of control ids, e.g. [\"data\", \"server\"] (found " + kind(l) + ")");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < l.size(); i++) {
            JsonNode v = l.get(i);
            if (!v.isTextual() || !Locks.isKnown(v.asText())) {
                throw fail(lockAt.appendIndex(i), "no control " + (v.isTextual() ? "\"" + v.asText() + "\"" : kind(v))
                        + " to lock; the controls are " + String.join(", ", Locks.IDS));
            }
            ids.add(v.asText());
        }
        return ids;
    }

    private Lesson.WaitFor waitFor(JsonNode step, JsonPointer at, Settings settings) {
        if (!step.has("waitFor")) {
            return null;
        }
        JsonPointer w = at.appendProperty("waitFor");
        JsonNode node = step.get("waitFor");
        if (!node.isObject()) {
            throw fail(w, "must be an object, e.g. {\"phase\": \"aggregate\", \"round\": 1} (found " + kind(node) + ")");
        }
        only(node, w, "phase", "round");
        String phaseKey = text(node, w, "phase", true);
        Phase phase = null;
        for (Phase p : Phase.values()) {
            if (p.key().equals(phaseKey)) {
                phase = p;
            }
        }
        if (phase == null) {
            List<String> keys = new ArrayList<>();
            for (Phase p : Phase.values()) {
                keys.add(p.key());
            }
            throw fail(w.appendProperty("phase"), "no phase \"" + phaseKey + "\"; the phases are "
                    + String.join(", ", keys));
        }
        int round = integer(node, w, "round", true);
        roundInRange(round, 1, settings, w.appendProperty("round"));
        return new Lesson.WaitFor(phase, round);
    }

    private Lesson.Question question(JsonNode step, JsonPointer at, Resolved in) {
        if (!step.has("question")) {
            return null;
        }
        JsonPointer q = at.appendProperty("question");
        JsonNode node = step.get("question");
        if (!node.isObject()) {
            throw fail(q, "must be an object { \"kind\": ... } (found " + kind(node) + ")");
        }
        String kind = text(node, q, "kind", true);
        Lesson.Reveal reveal = Lesson.Reveal.CHECK;
        if (node.has("reveal")) {
            String r = text(node, q, "reveal", true);
            reveal = Lesson.Reveal.byKey(r);
            if (reveal == null) {
                throw fail(q.appendProperty("reveal"), "must be \"check\" or \"predict\" (found \"" + r + "\")");
            }
        }
        Lesson.Text hint = bilingual(node, q, "hint", false);
        switch (kind) {
            case "number" -> {
                only(node, q, "kind", "about", "round", "client", "target", "tolerance", "reveal", "hint");
                Lesson.AnswerRef ref = answerRef(node, q, in, AnswerKey.Kind.NUMBER);
                return new Lesson.NumberQuestion(ref, tolerance(node, q, ref.key()), reveal, hint);
            }
            case "client" -> {
                only(node, q, "kind", "about", "round", "client", "target", "reveal", "hint");
                return new Lesson.ClientQuestion(answerRef(node, q, in, AnswerKey.Kind.CLIENT), reveal, hint);
            }
            case "choice" -> {
                only(node, q, "kind", "options", "correct", "reveal", "hint");
                Lesson.Options options = options(required(node, q, "options"), q.appendProperty("options"));
                int correct = integer(node, q, "correct", true);
                if (correct < 0 || correct >= options.size()) {
                    throw fail(q.appendProperty("correct"), "must be the index of the right option, 0 to "
                            + (options.size() - 1) + " (the first option is 0; found " + correct + ")");
                }
                return new Lesson.ChoiceQuestion(options, correct, reveal, hint);
            }
            default -> throw fail(q.appendProperty("kind"), "must be \"number\", \"choice\" or \"client\" (found \""
                    + kind + "\")");
        }
    }

    private Lesson.AnswerRef answerRef(JsonNode node, JsonPointer q, Resolved in, AnswerKey.Kind kind) {
        String about = text(node, q, "about", true);
        AnswerKey key = AnswerKey.byKey(about);
        JsonPointer aboutAt = q.appendProperty("about");
        if (key == null) {
            throw fail(aboutAt, "no answer key \"" + about + "\"; the " + kind.name().toLowerCase() + " answer keys are "
                    + AnswerKey.list(kind));
        }
        if (key.kind() != kind) {
            throw fail(aboutAt, "\"" + about + "\" is a " + key.kind().name().toLowerCase() + " answer: use "
                    + "\"kind\": \"" + key.kind().name().toLowerCase() + "\", or one of " + AnswerKey.list(kind));
        }
        Integer round = null;
        if (key.needsRound()) {
            round = integer(node, q, "round", true);
            roundInRange(round, key.needs(AnswerKey.Param.ROUND_FROM_0) ? 0 : 1, in.settings, q.appendProperty("round"));
        } else if (node.has("round")) {
            throw fail(q.appendProperty("round"), "\"" + about + "\" takes no round; remove it");
        }
        Integer client = null;
        if (key.needs(AnswerKey.Param.CLIENT)) {
            client = integer(node, q, "client", true);
            if (client < 1 || client > in.clients) {
                throw fail(q.appendProperty("client"), "client " + client + " is out of range: the settings of this "
                        + "step have clients 1 to " + in.clients);
            }
        } else if (node.has("client")) {
            throw fail(q.appendProperty("client"), "\"" + about + "\" takes no client; remove it");
        }
        Double target = null;
        if (key.needs(AnswerKey.Param.TARGET)) {
            target = number(node, q, "target", true);
            if (!(target > 0) || !Double.isFinite(target)) {
                throw fail(q.appendProperty("target"), "must be a number greater than 0 (found " + target + ")");
            }
        } else if (node.has("target")) {
            throw fail(q.appendProperty("target"), "\"" + about + "\" takes no target; remove it");
        }
        return new Lesson.AnswerRef(key, round, client, target);
    }

    private Lesson.Tolerance tolerance(JsonNode node, JsonPointer q, AnswerKey key) {
        JsonPointer at = q.appendProperty("tolerance");
        if (!node.has("tolerance")) {
            return key.isWholeNumber() ? new Lesson.Tolerance(0.0, null) : new Lesson.Tolerance(null, 0.01);
        }
        JsonNode t = node.get("tolerance");
        if (t.isNumber()) {
            double a = t.asDouble();
            if (!(a >= 0) || !Double.isFinite(a)) {
                throw fail(at, "must be 0 or more (found " + t.asText() + ")");
            }
            return new Lesson.Tolerance(a, null);
        }
        if (!t.isObject()) {
            throw fail(at, "must be a number (absolute) or {\"relative\": 0.01} or {\"absolute\": 0.001} (found "
                    + kind(t) + ")");
        }
        only(t, at, "absolute", "relative");
        Double abs = t.has("absolute") ? number(t, at, "absolute", true) : null;
        Double rel = t.has("relative") ? number(t, at, "relative", true) : null;
        if (abs == null && rel == null) {
            throw fail(at, "give \"absolute\" or \"relative\" (or both)");
        }
        if (abs != null && !(abs >= 0 && Double.isFinite(abs))) {
            throw fail(at.appendProperty("absolute"), "must be 0 or more (found " + abs + ")");
        }
        if (rel != null && !(rel >= 0 && rel < 1)) {
            throw fail(at.appendProperty("relative"), "must be at least 0 and less than 1, e.g. 0.01 for 1% (found "
                    + rel + ")");
        }
        return new Lesson.Tolerance(abs, rel);
    }

    private Lesson.Options options(JsonNode node, JsonPointer at) {
        if (!node.isObject()) {
            throw fail(at, "must be {\"en\": [ ... ], \"zh\": [ ... ]} (found " + kind(node) + ")");
        }
        only(node, at, "en", "zh");
        List<String> en = stringList(required(node, at, "en"), at.appendProperty("en"));
        List<String> zh = stringList(required(node, at, "zh"), at.appendProperty("zh"));
        if (en.size() != zh.size()) {
            throw fail(at, "the English and Chinese options differ in number (" + en.size() + " and " + zh.size() + ")");
        }
        return new Lesson.Options(en, zh);
    }

    private List<String> stringList(JsonNode node, JsonPointer at) {
        if (!node.isArray() || node.size() < 2) {
            throw fail(at, "must be a list of at least two options (found " + kind(node)
                    + (node.isArray() ? " of " + node.size() : "") + ")");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = node.get(i);
            if (!v.isTextual() || v.asText().isBlank()) {
                throw fail(at.appendIndex(i), "an option must be non-empty text (found " + kind(v) + ")");
            }
            out.add(v.asText());
        }
        return out;
    }

    private void roundInRange(int round, int min, Settings settings, JsonPointer at) {
        if (round < min || round > settings.rounds()) {
            throw fail(at, "round " + round + " is out of range: the settings of this step run rounds " + min + " to "
                    + settings.rounds());
        }
    }

    // ------------------------------------------------------------------ field helpers

    private void only(JsonNode node, JsonPointer at, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!ok.contains(name)) {
                throw fail(at.appendProperty(name), "unknown field \"" + name + "\"; known here: "
                        + String.join(", ", new TreeSet<>(ok)));
            }
        }
    }

    private JsonNode required(JsonNode node, JsonPointer at, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw fail(at, "\"" + name + "\" is missing");
        }
        return v;
    }

    private String text(JsonNode node, JsonPointer at, String name, boolean needed) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (needed) {
                throw fail(at, "\"" + name + "\" is missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw fail(at.appendProperty(name), "must be text (found " + kind(v) + ")");
        }
        return v.asText();
    }

    private int integer(JsonNode node, JsonPointer at, String name, boolean needed) {
        JsonNode v = required(node, at, name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw fail(at.appendProperty(name), "must be a whole number (found " + kind(v) + ")");
        }
        return v.intValue();
    }

    private double number(JsonNode node, JsonPointer at, String name, boolean needed) {
        JsonNode v = required(node, at, name);
        if (!v.isNumber()) {
            throw fail(at.appendProperty(name), "must be a number (found " + kind(v) + ")");
        }
        return v.asDouble();
    }

    private Lesson.Text bilingual(JsonNode node, JsonPointer at, String name, boolean needed) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (needed) {
                throw fail(at, "\"" + name + "\" is missing");
            }
            return null;
        }
        JsonPointer here = at.appendProperty(name);
        if (!v.isObject()) {
            throw fail(here, "must be {\"en\": \"...\", \"zh\": \"...\"} (found " + kind(v) + ")");
        }
        only(v, here, "en", "zh");
        String en = text(v, here, "en", true);
        String zh = text(v, here, "zh", true);
        if (en.isBlank() || zh.isBlank()) {
            throw fail(here.appendProperty(en.isBlank() ? "en" : "zh"), "must not be empty");
        }
        return new Lesson.Text(en, zh);
    }

    private static String kind(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "\"" + v.asText() + "\"";
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        return v.isArray() ? "a list" : "an object";
    }

    // ------------------------------------------------------------------ messages

    private LessonException fail(JsonPointer at, String problem) {
        int line = line(at);
        String field = field(at);
        String where = (line > 0 ? "line " + line + ", " : "") + (field.isEmpty() ? "" : field + ": ");
        return new LessonException(file, where + problem);
    }

    /** "steps[2].question.about" for /steps/2/question/about. */
    static String field(JsonPointer at) {
        StringBuilder sb = new StringBuilder();
        for (JsonPointer p = at; p != null && !p.matches(); p = p.tail()) {
            if (p.getMatchingIndex() >= 0 && p.getMatchingProperty().chars().allMatch(Character::isDigit)) {
                sb.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(p.getMatchingProperty());
            }
        }
        return sb.toString();
    }

    /** The line of lesson.json where this field (or list element) is written, or 0. */
    private int line(JsonPointer at) {
        if (at.matches()) {
            return 0;
        }
        try (JsonParser p = Json.mapper().getFactory().createParser(source)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (p.getParsingContext().pathAsPointer().equals(at)) {
                    return p.currentTokenLocation().getLineNr();
                }
            }
        } catch (IOException ignored) {
            // broken further on: not found before that
        }
        return 0;
    }

    /** The file as strict UTF-8 (a byte-order mark is dropped). */
    static String readUtf8(Path p) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new LessonException(p.toString(), "cannot be read: " + e.getMessage(), e);
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw new LessonException(p.toString(), "is not UTF-8 text; save it as UTF-8");
        }
    }
}
