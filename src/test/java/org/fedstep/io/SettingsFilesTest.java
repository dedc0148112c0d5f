package org.fedstep.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedstep.core.settings.BatchSize;
import org.fedstep.core.settings.ClientSettings;
import org.fedstep.core.settings.DatasetSettings;
import org.fedstep.core.settings.ModelSettings;
import org.fedstep.core.settings.PartitionSettings;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.SettingsValidator;
import org.fedstep.core.settings.StrategySettings;
import org.fedstep.core.settings.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsFilesTest {

    @TempDir
    Path dir;

    private static final String QUICKSTART = TestRuns.configText("quickstart");

    /** quickstart.json with one piece of text replaced (which must be there). */
    private static String quickstartWith(String find, String replace) {
        if (!QUICKSTART.contains(find)) {
            throw new IllegalStateException("quickstart.json has no \"" + find + "\"; update this test");
        }
        return QUICKSTART.replace(find, replace);
    }

    private BadFileException readFails(String fileName, String content) throws IOException {
        Path file = TestRuns.write(dir.resolve(fileName), content);
        try {
            Settings s = SettingsFiles.read(file);
            throw new AssertionError("reading " + fileName + " should have failed, gave " + s);
        } catch (BadFileException e) {
            assertThat(e.file()).isEqualTo(fileName);
            return e;
        }
    }

    // --- the example configs ---

    @Test
    void theQuickstartExampleParsesWithItsValuesAndTheDocumentedDefaults() throws IOException {
        Settings s = SettingsFiles.read(TestRuns.config(dir, "quickstart"));

        assertThat(s.version()).isEqualTo(1);
        assertThat(s.seed()).isEqualTo(7L);
        assertThat(s.rounds()).isEqualTo(20);
        DatasetSettings d = s.dataset();
        assertThat(d.kind()).isEqualTo("synthetic-linear");
        assertThat(d.slope()).isEqualTo(2.0);
        assertThat(d.intercept()).isEqualTo(1.0);
        assertThat(d.noise()).isEqualTo(0.5);
        assertThat(d.noiseKind()).isEqualTo("gaussian"); // default
        assertThat(d.xMin()).isEqualTo(0.0);
        assertThat(d.xMax()).isEqualTo(1.0);
        assertThat(d.featureShift()).isEqualTo(0.0);
        assertThat(s.clients()).isEqualTo(new ClientSettings(5, List.of(40, 80, 20, 60, 100), null, null, 0.0, null));
        assertThat(s.partition()).isEqualTo(new PartitionSettings("iid", null, null, null, null));
        assertThat(s.model()).isEqualTo(new ModelSettings(0.0, 0.0, false));
        assertThat(s.training()).isEqualTo(
                new TrainingSettings(3, BatchSize.FULL, 0.1, "sgd", null, null, null, null));
        assertThat(s.strategy()).isEqualTo(
                new StrategySettings("fedavg", 1.0, 0.0, "samples", null, null, null, null, null, null));
    }

    @Test
    void theArticleAndHospitalExamplesParse() throws IOException {
        Settings article = SettingsFiles.read(TestRuns.config(dir, "article"));
        assertThat(article.seed()).isZero();
        assertThat(article.dataset().noiseKind()).isEqualTo("uniform");
        assertThat(article.clients().count()).isEqualTo(10);
        assertThat(article.clients().samplesPerClient()).isEqualTo(100);
        assertThat(article.training().learningRate()).isEqualTo(0.01);

        Settings hospitals = SettingsFiles.read(TestRuns.config(dir, "hospitals"));
        assertThat(hospitals.clients().names()).hasSize(10).startsWith("Hospital 1").endsWith("Hospital 10");
        assertThat(hospitals.training().batchSize()).isEqualTo(BatchSize.of(32));
        assertThat(hospitals.model().standardize()).isTrue();
        assertThat(hospitals.dataset().featureShift()).isEqualTo(0.7);
    }

    @Test
    void anEmptyObjectIsTheDocumentedDefaults() throws IOException {
        Settings s = SettingsFiles.read(TestRuns.write(dir.resolve("defaults.json"), "{ }"));
        assertThat(s.seed()).isEqualTo(Settings.DEFAULT_SEED);
        assertThat(s.rounds()).isEqualTo(20);
        assertThat(s.dataset().kind()).isEqualTo("synthetic-linear");
        assertThat(s.clients().count()).isEqualTo(10);
        assertThat(s.clients().samplesPerClient()).isEqualTo(100);
        assertThat(s.clients().testFraction()).isEqualTo(0.2);
        assertThat(s.training().learningRate()).isEqualTo(0.1);
        assertThat(s.strategy().kind()).isEqualTo("fedavg");
    }

    // --- files that are refused ---

    @Test
    void anUnknownKeyNamesItsPathItsLineAndTheKnownKeys() throws IOException {
        BadFileException e = readFails("quickstart.json",
                quickstartWith("\"learningRate\": 0.1", "\"learningrate\": 0.1"));
        // "training" is on line 6 of quickstart.json
        assertThat(e.getMessage()).startsWith("quickstart.json: line 6, column ")
                .contains("unknown setting \"training.learningrate\"")
                .contains("known here: batchSize, beta1, beta2, epsilon, learningRate, localEpochs, momentum,"
                        + " optimizer");
    }

    /** Jackson reports an unknown key at the end of its object; the message must point at the key itself. */
    @Test
    void anUnknownKeyInAMultiLineFileNamesTheKeysOwnLineAndColumn() throws IOException {
        String hospitals = TestRuns.configText("hospitals");
        String bad = hospitals.replace("\"featureShift\"", "\"featureshift\"");
        assertThat(bad).isNotEqualTo(hospitals);
        List<String> lines = bad.lines().toList();
        int line = 0;
        while (!lines.get(line).contains("\"featureshift\"")) {
            line++;
        }
        int column = lines.get(line).indexOf("\"featureshift\"") + 1;
        // the key is not on the last line of its object, where Jackson notices it
        assertThat(lines.get(line)).doesNotContain("}");

        BadFileException e = readFails("hospitals.json", bad);

        assertThat(e.getMessage()).startsWith("hospitals.json: line " + (line + 1) + ", column " + column
                + ": unknown setting \"dataset.featureshift\"; known here: ");
    }

    @Test
    void anUnknownTopLevelKeyIsNamed() throws IOException {
        BadFileException e = readFails("epochs.json", "{\n  \"seed\": 3,\n  \"epochs\": 5\n}");
        assertThat(e.getMessage()).startsWith("epochs.json: line 3, column ")
                .contains("unknown setting \"epochs\"; known here: attack, clients, compression, dataset, model,"
                        + " partition, privacy, rounds, secureAggregation, seed, strategy, training, version");
    }

    @Test
    void aValueOfTheWrongKindNamesThePathTheValueAndWhatItMustBe() throws IOException {
        BadFileException e = readFails("quickstart.json",
                quickstartWith("\"learningRate\": 0.1", "\"learningRate\": \"fast\""));
        assertThat(e.getMessage()).startsWith("quickstart.json: line 6, column ")
                .endsWith("training.learningRate cannot be \"fast\": it must be a number");

        assertThat(readFails("r.json", "{ \"rounds\": \"ten\" }").getMessage())
                .isEqualTo("r.json: line 1, column 13: rounds cannot be \"ten\": it must be a whole number");
        assertThat(readFails("s.json", "{ \"clients\": {\n  \"samples\": 5 } }").getMessage())
                .startsWith("s.json: line 2, column ").endsWith("clients.samples cannot be 5: it must be a list [ ... ]");
        assertThat(readFails("d.json", "{ \"dataset\": \"synthetic\" }").getMessage())
                .startsWith("d.json: line 1, column ").endsWith("dataset cannot be \"synthetic\": it must be an object { ... }");
        assertThat(readFails("b.json", "{ \"model\": { \"standardize\": \"yes\" } }").getMessage())
                .contains("model.standardize").contains("true or false");
        // no silent guesses: a number in quotes, or 1 for true, is refused rather than converted
        assertThat(readFails("q.json", "{ \"seed\": \"7\" }").getMessage())
                .isEqualTo("q.json: line 1, column 11: seed cannot be \"7\": it must be a whole number");
        assertThat(readFails("t.json", "{ \"training\": { \"learningRate\": \"0.2\" } }").getMessage())
                .endsWith("training.learningRate cannot be \"0.2\": it must be a number");
        assertThat(readFails("one.json", "{ \"model\": { \"standardize\": 1 } }").getMessage())
                .endsWith("model.standardize cannot be 1: it must be true or false");
    }

    @Test
    void aBadBatchSizeSaysWhatABatchSizeIs() throws IOException {
        BadFileException e = readFails("quickstart.json",
                quickstartWith("\"batchSize\": \"full\"", "\"batchSize\": \"huge\""));
        assertThat(e.getMessage()).startsWith("quickstart.json: line 6, column ").endsWith(
                "training.batchSize: a batch size is \"full\" or a whole number of at least 1 (found \"huge\")");
        assertThat(readFails("zero.json", "{ \"training\": { \"batchSize\": 0 } }").getMessage())
                .contains("training.batchSize: a batch size is \"full\" or a whole number of at least 1 (found 0)");
    }

    /** A fraction where a whole number belongs must not be cut down silently (2.5 rounds is not 2 rounds). */
    @Test
    void aFractionWhereAWholeNumberBelongsIsRefused() throws IOException {
        assertThat(readFails("r.json", "{ \"rounds\": 2.5 }").getMessage())
                .isEqualTo("r.json: line 1, column 13: rounds cannot be 2.5: it must be a whole number");
        assertThat(readFails("e.json", "{ \"training\": { \"localEpochs\": 1.5 } }").getMessage())
                .contains("training.localEpochs cannot be 1.5: it must be a whole number");
        assertThat(readFails("c.json", "{ \"clients\": { \"samples\": [10, 20.5] } }").getMessage())
                .contains("clients.samples[1] cannot be 20.5: it must be a whole number");
    }

    @Test
    void invalidValuesNameTheSettingAndTheAllowedRange() throws IOException {
        assertThat(readFails("quickstart.json", quickstartWith("\"learningRate\": 0.1", "\"learningRate\": -0.1"))
                .getMessage()).isEqualTo("quickstart.json: training.learningRate must be greater than 0 (found -0.1)");
        BadFileException two = readFails("two.json", quickstartWith("\"clientFraction\": 1.0", "\"clientFraction\": 1.5")
                .replace("\"localEpochs\": 3", "\"localEpochs\": 0"));
        assertThat(two.getMessage()).isEqualTo("two.json: "
                + "training.localEpochs must be a whole number from 1 to 10000 (found 0); "
                + "strategy.clientFraction must be greater than 0 and at most 1 (found 1.5)");
        assertThat(readFails("k.json", quickstartWith("\"kind\": \"fedavg\"", "\"kind\": \"fedmagic\"")).getMessage())
                .isEqualTo("k.json: strategy.kind must be one of fedavg, fedsgd, fedprox, fedavgm, fedadam, fedyogi,"
                        + " fedadagrad, scaffold, median, trimmed-mean, krum, multi-krum, fedasync (found \"fedmagic\")");
    }

    @Test
    void aMissingRequiredSettingIsNamed() throws IOException {
        // every section has defaults; what a csv data set needs cannot be guessed
        BadFileException csv = readFails("csv.json", "{ \"dataset\": { \"kind\": \"csv\" } }");
        assertThat(csv.getMessage()).isEqualTo("csv.json: dataset.path is required for a csv data set (the file to"
                + " read); dataset.xColumn and dataset.yColumn are required for a csv data set");
        BadFileException sample = readFails("sample.json", "{ \"dataset\": { \"kind\": \"sample\" } }");
        assertThat(sample.getMessage()).startsWith("sample.json: dataset.name is required for a sample data set");
    }

    @Test
    void brokenJsonNamesTheLine() throws IOException {
        // the comma after "rounds": 20 removed: the parser stops at the next key, on line 2
        BadFileException e = readFails("quickstart.json", quickstartWith("\"rounds\": 20,", "\"rounds\": 20"));
        assertThat(e.getMessage()).startsWith("quickstart.json: line 2, column ").contains("not valid JSON");
    }

    @Test
    void textAfterTheSettingsIsRefusedSayingSo() throws IOException {
        BadFileException e = readFails("twice.json", "{ \"rounds\": 3 }\n{ \"rounds\": 4 }\n");
        assertThat(e.getMessage()).startsWith("twice.json: line 2, column ").contains("after the end")
                .doesNotContain("must be an object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\n  "})
    void anEmptyFileSaysItIsEmpty(String content) throws IOException {
        assertThat(readFails("empty.json", content).getMessage()).isEqualTo("empty.json: the file is empty");
    }

    @Test
    void aSettingsFileFromANewerFedStepIsRefused() throws IOException {
        assertThat(readFails("new.json", "{ \"version\": 99 }").getMessage())
                .isEqualTo("new.json: version 99 was written by a newer FedStep; this one reads versions up to 1. Update FedStep to open it.");
    }

    @Test
    void aMissingFileIsNamedWithItsPath() {
        Path file = dir.resolve("absent.json");
        assertThatThrownBy(() -> SettingsFiles.read(file)).isInstanceOf(BadFileException.class)
                .hasMessage(file + ": no such file");
    }

    @Test
    void parseNamesTheGivenName() {
        assertThatThrownBy(() -> SettingsFiles.parse("pasted text", new StringReader("{ \"rounds\": -1 }")))
                .isInstanceOf(BadFileException.class)
                .hasMessage("pasted text: rounds must be a whole number from 0 to 1000000 (found -1)");
    }

    // --- writing ---

    @ParameterizedTest
    @ValueSource(strings = {"quickstart", "article", "hospitals"})
    void writingThenReadingGivesEqualSettings(String name) throws IOException {
        Settings s = SettingsFiles.read(TestRuns.config(dir, name));
        Path out = dir.resolve("out/" + name + ".json");
        SettingsFiles.write(out, s);
        Settings back = SettingsFiles.read(out);
        assertThat(back).isEqualTo(s);
        assertThat(DoubleBits.flatten(back)).containsExactlyEntriesOf(DoubleBits.flatten(s));
        assertThat(SettingsFiles.parse("text", new StringReader(SettingsFiles.toJson(s)))).isEqualTo(s);
        assertThat(TestRuns.listing(out.getParent())).containsExactly(name + ".json");
    }

    @Test
    void everyOptionalSettingSurvivesWritingAndReading() throws IOException {
        Settings s = SettingsValidator.validate(new Settings(1, -42L, 7,
                DatasetSettings.synthetic(-1.25, 3.0e-7, 0.1, -5, 1e6).withConceptShift(0.3, 0.1 + 0.2)
                        .withFeatureShift(0.7).withNoiseSkew(1.0 / 3).withNoiseKind("uniform"),
                new ClientSettings(3, List.of(7, 9, 11), null, null, 0.25, List.of("A", "B, \"C\"", "Ω")),
                PartitionSettings.of("iid"), new ModelSettings(Math.PI, -Math.E, true),
                new TrainingSettings(2, BatchSize.of(5), 0.03, "adam", null, 0.8, 0.95, 1e-10),
                new StrategySettings("fedyogi", 2.0 / 3, 0.125, "uniform", null, 0.05, null, 0.7, 0.999, 1e-9)));
        Path file = dir.resolve("all.json");
        SettingsFiles.write(file, s);
        Settings back = SettingsFiles.read(file);
        assertThat(back).isEqualTo(s);
        assertThat(DoubleBits.flatten(back)).containsExactlyEntriesOf(DoubleBits.flatten(s));
        assertThat(back.dataset().interceptSpread()).isEqualTo(0.1 + 0.2); // 0.30000000000000004, not 0.3
    }

    @Test
    void writingOverAFileReplacesIt() throws IOException {
        Path file = TestRuns.config(dir, "quickstart");
        Settings s = SettingsFiles.read(file).withRounds(3);
        SettingsFiles.write(file, s);
        assertThat(SettingsFiles.read(file).rounds()).isEqualTo(3);
        assertThat(TestRuns.listing(dir)).containsExactly("quickstart.json");
        assertThat(Files.readString(file)).contains("\"rounds\" : 3");
    }
}
