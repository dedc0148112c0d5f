package org.fedstep.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fedstep.core.fl.Phase;
import org.fedstep.core.fl.Position;
import org.fedstep.core.fl.RoundEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionsTest {

    @TempDir
    Path dir;

    // --- the example runs ---

    /** quickstart.json with its strategy line replaced: other server rules keep other state (momenta, controls). */
    private static String quickstartWithStrategy(String strategyJson) {
        String q = TestRuns.configText("quickstart");
        String line = "\"strategy\":  { \"kind\": \"fedavg\", \"clientFraction\": 1.0 }";
        if (!q.contains(line)) {
            throw new IllegalStateException("quickstart.json changed; update this test");
        }
        return q.replace(line, "\"strategy\": " + strategyJson);
    }

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("quickstart", TestRuns.configText("quickstart")),
                // standardised units, test rows, mini-batches of 32
                Arguments.of("hospitals", TestRuns.configText("hospitals")),
                Arguments.of("article", TestRuns.configText("article")),
                // server momentum and second moments, a sampled subset of clients and drop-outs
                Arguments.of("fedadam", quickstartWithStrategy(
                        "{ \"kind\": \"fedadam\", \"clientFraction\": 0.6, \"dropoutProbability\": 0.3 }")),
                // per-client control variates in the history
                Arguments.of("scaffold", quickstartWithStrategy("{ \"kind\": \"scaffold\", \"clientFraction\": 0.4 }")),
                Arguments.of("fedavgm", quickstartWithStrategy(
                        "{ \"kind\": \"fedavgm\", \"weighting\": \"uniform\", \"dropoutProbability\": 0.5 }")));
    }

    private RoundEngine engineFor(String name, String configJson) throws IOException {
        return TestRuns.engine(TestRuns.write(dir.resolve(name + ".json"), configJson));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void reopenedSessionIsBitForBitTheSavedRunAndContinuesIdentically(String name, String configJson)
            throws IOException {
        RoundEngine original = engineFor(name, configJson);
        original.runRounds(5);
        Path file = dir.resolve(name + "-session.json");
        Sessions.save(file, original);

        RoundEngine reopened = Sessions.open(file);

        assertSameBits(reopened.settings(), original.settings(), 10);
        assertSameBits(reopened.data(), original.data(), 100);
        assertSameBits(reopened.history(), original.history(), 6 * 5);
        assertThat(reopened.completedRounds()).isEqualTo(5);
        assertThat(reopened.position()).isEqualTo(original.position());
        assertThat(reopened.frontier()).isEqualTo(original.frontier());

        original.runRounds(4);
        reopened.runRounds(4);
        assertThat(original.completedRounds()).isEqualTo(9);
        assertSameBits(reopened.history(), original.history(), 10 * 5);
        assertThat(reopened.frontier()).isEqualTo(original.frontier());
    }

    @Test
    void aSessionSavedInsideARoundReopensAtTheSamePhaseAndView() throws IOException {
        RoundEngine original = engineFor("hospitals", TestRuns.configText("hospitals"));
        original.runRounds(3);
        original.stepPhase(); // round 4, broadcast
        original.stepPhase(); // round 4, local training
        original.goTo(new Position(2, Phase.AGGREGATE));
        Path file = dir.resolve("mid.json");
        Sessions.save(file, original);

        RoundEngine reopened = Sessions.open(file);

        assertThat(reopened.frontier()).isEqualTo(new Position(4, Phase.LOCAL_TRAINING));
        assertThat(reopened.position()).isEqualTo(new Position(2, Phase.AGGREGATE));
        assertSameBits(reopened.history(), original.history(), 4 * 10);
        assertSameBits(reopened.globalAtCursor(), original.globalAtCursor(), 2);
        // the records of the revealed part of round 4 are the same numbers
        assertSameBits(reopened.detail(4).localTraining(), original.detail(4).localTraining(), 10);

        original.runRounds(3);
        reopened.runRounds(3);
        assertThat(original.completedRounds()).isEqualTo(6);
        assertSameBits(reopened.history(), original.history(), 7 * 10);
    }

    @Test
    void savingTheReopenedSessionWritesTheSameText() throws IOException {
        RoundEngine original = engineFor("hospitals", TestRuns.configText("hospitals"));
        original.runRounds(4);
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("second.json");
        Sessions.save(first, original);
        Sessions.save(second, Sessions.open(first));
        assertThat(Files.readString(second)).isEqualTo(Files.readString(first));
    }

    @Test
    void aSessionAtTheStartReopens() throws IOException {
        RoundEngine original = engineFor("quickstart", TestRuns.configText("quickstart"));
        Path file = dir.resolve("start.json");
        Sessions.save(file, original);
        RoundEngine reopened = Sessions.open(file);
        assertThat(reopened.completedRounds()).isZero();
        assertThat(reopened.position()).isEqualTo(Position.START);
        original.runRounds(2);
        reopened.runRounds(2);
        assertSameBits(reopened.history(), original.history(), 3 * 5);
    }

    /** Every double (and every other value) of the two object graphs is the same, bit for bit. */
    private static void assertSameBits(Object actual, Object expected, int atLeastDoubles) {
        Map<String, String> a = DoubleBits.flatten(actual);
        Map<String, String> e = DoubleBits.flatten(expected);
        assertThat(DoubleBits.doubleCount(e)).as("doubles compared").isGreaterThanOrEqualTo(atLeastDoubles);
        assertThat(a).containsExactlyEntriesOf(e);
    }

    // --- files FedStep cannot open ---

    private String savedText(int rounds) throws IOException {
        RoundEngine engine = engineFor("quickstart", TestRuns.configText("quickstart"));
        engine.runRounds(rounds);
        StringWriter w = new StringWriter();
        Sessions.write(w, engine);
        return w.toString();
    }

    private BadFileException openFails(String fileName, String content) throws IOException {
        Path file = TestRuns.write(dir.resolve(fileName), content);
        try {
            Sessions.open(file);
        } catch (BadFileException e) {
            return e;
        }
        throw new AssertionError("opening " + fileName + " should have failed");
    }

    @Test
    void aSessionFromANewerVersionIsRefusedWithAnUpdateHint() throws IOException {
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(savedText(2));
        tree.put("version", 99);
        BadFileException e = openFails("future.json", Json.mapper().writeValueAsString(tree));
        assertThat(e.file()).isEqualTo("future.json");
        assertThat(e.getMessage()).startsWith("future.json: ")
                .contains("newer FedStep", "session version 99", "opens version 1", "Update FedStep");
    }

    @Test
    void aSessionWithoutAUsableVersionIsRefused() throws IOException {
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(savedText(1));
        tree.put("version", "one");
        BadFileException e = openFails("noversion.json", Json.mapper().writeValueAsString(tree));
        assertThat(e.getMessage()).startsWith("noversion.json: ").contains("session version is missing");
    }

    @Test
    void aFileOfAnotherFormatIsNotASession() throws IOException {
        BadFileException other = openFails("other.json", "{ \"format\": \"something-else\", \"version\": 1 }");
        assertThat(other.getMessage()).isEqualTo("other.json: not a FedStep session (a session file starts with"
                + " \"format\": \"fedstep-session\")");
        // the likeliest mistake: opening a settings file as a session
        BadFileException settings = openFails("quickstart.json", TestRuns.configText("quickstart"));
        assertThat(settings.getMessage()).startsWith("quickstart.json: not a FedStep session");
        BadFileException array = openFails("array.json", "[1, 2, 3]");
        assertThat(array.getMessage()).startsWith("array.json: not a FedStep session");
    }

    @Test
    void aTruncatedSessionNamesTheFileAndTheLineWhereItEnds() throws IOException {
        String text = savedText(3);
        // cut in the middle of a line, so the text ends on line (number of newlines + 1)
        int cut = text.indexOf('\n', text.length() / 2) - 3;
        String truncated = text.substring(0, cut);
        long lastLine = truncated.chars().filter(c -> c == '\n').count() + 1;
        assertThat(lastLine).isGreaterThan(10);

        BadFileException e = openFails("truncated.json", truncated);

        assertThat(e.file()).isEqualTo("truncated.json");
        assertThat(e.getMessage()).startsWith("truncated.json: line " + lastLine + ", column ");
    }

    @Test
    void brokenJsonNamesTheFileAndTheLineOfTheMistake() throws IOException {
        String text = savedText(2);
        List<String> lines = text.lines().toList();
        int target = lines.size() / 3; // a 1-based line number: the line at index target - 1
        // replace the line's last character (a comma or a bracket) with a semicolon
        int index = target - 1;
        while (!lines.get(index).endsWith(",")) {
            index++;
        }
        String broken = lines.get(index);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(i == index ? broken.substring(0, broken.length() - 1) + ";" : lines.get(i)).append('\n');
        }

        BadFileException e = openFails("broken.json", sb.toString());

        assertThat(e.getMessage()).startsWith("broken.json: line " + (index + 1) + ", column ")
                .contains("not valid JSON");
    }

    @Test
    void aSessionWhoseNumbersWereEditedIsReportedAsDamaged() throws IOException {
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(savedText(3));
        ObjectNode last = (ObjectNode) tree.withArray("history").get(3);
        last.put("trainLoss", last.get("trainLoss").asDouble() * 1.5);
        BadFileException e = openFails("edited.json", Json.mapper().writeValueAsString(tree));
        assertThat(e.getMessage()).startsWith("edited.json: damaged: round 3 of the saved history differs");
    }

    @Test
    void aSessionWithAValueOfTheWrongKindNamesItsPlace() throws IOException {
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(savedText(2));
        ((ObjectNode) tree.withArray("history").get(1)).put("round", "first");
        BadFileException e = openFails("wrongkind.json", Json.mapper().writeValueAsString(tree));
        assertThat(e.getMessage()).startsWith("wrongkind.json: damaged: ").contains("history[1].round");
    }

    @Test
    void aSessionMissingItsHistoryIsDamaged() throws IOException {
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(savedText(2));
        tree.remove("history");
        BadFileException e = openFails("nohistory.json", Json.mapper().writeValueAsString(tree));
        assertThat(e.getMessage()).startsWith("nohistory.json: damaged: ").contains("history");
    }

    @Test
    void aSessionWithInvalidSettingsNamesTheSetting() throws IOException {
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(savedText(2));
        ((ObjectNode) tree.path("settings").path("training")).put("learningRate", -1.0);
        BadFileException e = openFails("badsettings.json", Json.mapper().writeValueAsString(tree));
        assertThat(e.getMessage()).startsWith("badsettings.json: ")
                .contains("training.learningRate must be greater than 0 (found -1)");
    }

    @Test
    void anEmptyFileIsRefusedWithItsName() throws IOException {
        BadFileException empty = openFails("empty.json", "");
        assertThat(empty.file()).isEqualTo("empty.json");
        assertThat(empty.getMessage()).isEqualTo("empty.json: the file is empty");
        BadFileException blank = openFails("blank.json", "  \n\n ");
        assertThat(blank.getMessage()).isEqualTo("blank.json: the file is empty");
    }

    @Test
    void aMissingFileIsRefusedWithItsPath() {
        Path file = dir.resolve("nowhere.json");
        assertThatThrownBy(() -> Sessions.open(file)).isInstanceOf(BadFileException.class)
                .hasMessage(file + ": no such file");
    }

    @Test
    void readingFromAReaderUsesTheGivenName() {
        assertThatThrownBy(() -> Sessions.read("lesson 3", new StringReader("{\"format\": 1}")))
                .isInstanceOf(BadFileException.class).hasMessageStartingWith("lesson 3: not a FedStep session");
    }

    // --- saving never loses the previous file ---

    @Test
    void savingOverAnExistingSessionReplacesItAndLeavesNoTemporaryFiles() throws IOException {
        RoundEngine engine = engineFor("quickstart", TestRuns.configText("quickstart"));
        Path sessions = Files.createDirectory(dir.resolve("sessions"));
        Path file = sessions.resolve("lesson.json");
        engine.runRounds(2);
        Sessions.save(file, engine);
        engine.runRounds(3);
        Sessions.save(file, engine);

        assertThat(TestRuns.listing(sessions)).containsExactly("lesson.json");
        assertThat(Sessions.open(file).completedRounds()).isEqualTo(5);
    }

    @Test
    void aWriteThatFailsMidwayLeavesThePreviousFileIntactAndNoTemporaryFile() throws IOException {
        Path sessions = Files.createDirectory(dir.resolve("sessions"));
        Path file = sessions.resolve("lesson.json");
        RoundEngine engine = engineFor("quickstart", TestRuns.configText("quickstart"));
        engine.runRounds(2);
        Sessions.save(file, engine);
        byte[] before = Files.readAllBytes(file);
        engine.runRounds(3);

        // the real session text, cut off after half of it as if the disk filled up
        StringWriter full = new StringWriter();
        Sessions.write(full, engine);
        assertThatThrownBy(() -> AtomicFiles.write(file, w -> {
            w.write(full.toString(), 0, full.toString().length() / 2);
            w.flush();
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class).hasMessage("No space left on device");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(TestRuns.listing(sessions)).containsExactly("lesson.json");
        assertThat(Sessions.open(file).completedRounds()).isEqualTo(2);

        // an unexpected error in the middle of writing is no different
        assertThatThrownBy(() -> AtomicFiles.write(file, w -> {
            w.write("{ \"format\": ");
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(TestRuns.listing(sessions)).containsExactly("lesson.json");
    }

    @Test
    void aSaveThatCannotBeMovedIntoPlaceKeepsWhatIsThereAndCleansUp() throws IOException {
        // a folder with something in it stands where the session should go: the final move must fail
        Path sessions = Files.createDirectory(dir.resolve("sessions"));
        Path occupied = Files.createDirectory(sessions.resolve("lesson.json"));
        Files.writeString(occupied.resolve("keep.txt"), "keep me");
        RoundEngine engine = engineFor("quickstart", TestRuns.configText("quickstart"));
        engine.runRounds(1);

        assertThatThrownBy(() -> Sessions.save(occupied, engine)).isInstanceOf(IOException.class);

        assertThat(TestRuns.listing(sessions)).containsExactly("lesson.json");
        assertThat(Files.readString(occupied.resolve("keep.txt"))).isEqualTo("keep me");
    }

    @Test
    void theFileStartsWithFormatAndVersion() throws IOException {
        JsonNode tree = Json.mapper().readTree(savedText(1));
        List<String> keys = iterable(tree.fieldNames());
        assertThat(keys).startsWith("format", "version");
        assertThat(tree.get("format").asText()).isEqualTo(Sessions.FORMAT);
        assertThat(tree.get("version").asInt()).isEqualTo(1);
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
