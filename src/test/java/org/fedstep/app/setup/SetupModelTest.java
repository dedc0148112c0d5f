package org.fedstep.app.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedstep.core.data.CsvLoader;
import org.fedstep.core.data.DataFileException;
import org.fedstep.core.settings.BatchSize;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.StrategySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SetupModelTest {

    @TempDir
    Path dir;

    static java.util.List<String> presets() {
        return Presets.NAMES;
    }

    @ParameterizedTest
    @MethodSource("presets")
    void everyPresetComesBackUnchangedThroughTheControls(String name) {
        Settings preset = Presets.load(name);
        SetupModel model = new SetupModel();
        model.load(preset, null);

        SetupModel.Result result = model.build();

        assertThat(result.problems()).isEmpty();
        assertThat(result.settings()).isEqualTo(preset);
        assertThat(model.changed()).isFalse();
    }

    @Test
    void aPresetIsRecognisedByItsSettings() {
        assertThat(Presets.nameOf(Presets.load("hospitals"))).isEqualTo("hospitals");
        Settings anscombe = Presets.load("anscombe");
        // a natural partition's run records the number of groups (4 series), not the file's default count
        assertThat(Presets.nameOf(anscombe.withClients(anscombe.clients().withCount(4)))).isEqualTo("anscombe");
        assertThat(Presets.nameOf(Presets.load("article").withSeed(5))).isNull();
    }

    @Test
    void editedValuesBecomeValidatedSettings() {
        SetupModel model = loaded("article");
        model.set(SetupModel.LEARNING_RATE, "0.05");
        model.set(SetupModel.STRATEGY, StrategySettings.FEDPROX);
        model.set(SetupModel.MU, "0.1");
        model.set(SetupModel.BATCH_FULL, "false");
        model.set(SetupModel.BATCH_NUMBER, "10");

        SetupModel.Result result = model.build();

        assertThat(result.problems()).isEmpty();
        assertThat(model.changed()).isTrue();
        Settings s = result.settings();
        assertThat(s.training().learningRate()).isEqualTo(0.05);
        assertThat(s.training().batchSize()).isEqualTo(BatchSize.of(10));
        assertThat(s.strategy().kind()).isEqualTo("fedprox");
        assertThat(s.strategy().mu()).isEqualTo(0.1);
        // the line did not change, so the article's title stays
        assertThat(s.dataset().title()).isEqualTo(Presets.load("article").dataset().title());
    }

    @Test
    void aCurvesDegreeIsASettingAndTurnsStandardisationOnUnlessChosen() {
        SetupModel model = loaded("article");
        assertThat(model.get(SetupModel.DEGREE)).isEqualTo("1");
        assertThat(model.get(SetupModel.STANDARDIZE)).isEqualTo("false");
        model.set(SetupModel.DEGREE, "3");
        // powers of raw x need z-scores to train with one step size: the default follows the degree
        assertThat(model.get(SetupModel.STANDARDIZE)).isEqualTo("true");
        Settings s = model.build().settings();
        assertThat(s.model().degree()).isEqualTo(3);
        assertThat(s.model().standardize()).isTrue();
        model.set(SetupModel.DEGREE, "1");
        assertThat(model.get(SetupModel.STANDARDIZE)).isEqualTo("false");
        assertThat(model.build().settings().model().degree()).as("a line's degree stays unwritten").isNull();
        // raw x chosen by hand for a curve is kept when the degree changes
        model.set(SetupModel.DEGREE, "2");
        model.set(SetupModel.STANDARDIZE, "false");
        model.set(SetupModel.DEGREE, "4");
        assertThat(model.get(SetupModel.STANDARDIZE)).isEqualTo("false");
    }

    @Test
    void changingTheLineDropsATitleThatNoLongerDescribesIt() {
        SetupModel model = loaded("article");
        model.set(SetupModel.SLOPE, "3");
        Settings s = model.build().settings();
        assertThat(s.dataset().slope()).isEqualTo(3.0);
        assertThat(s.dataset().title()).isNull();
    }

    @Test
    void anInvalidValueGivesTheValidatorsMessageNamingTheSetting() {
        SetupModel model = loaded("article");
        model.set(SetupModel.CLIENT_FRACTION, "1.5");
        model.set(SetupModel.EPOCHS, "0");

        SetupModel.Result result = model.build();

        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).containsExactly(
                "training.localEpochs must be a whole number from 1 to 10000 (found 0)",
                "strategy.clientFraction must be greater than 0 and at most 1 (found 1.5)");
    }

    @Test
    void textThatIsNotANumberIsNamedAndNeverThrows() {
        SetupModel model = loaded("article");
        model.set(SetupModel.LEARNING_RATE, "fast");
        model.set(SetupModel.ROUNDS, "2.7");
        model.set(SetupModel.NOISE, "");

        SetupModel.Result result = model.build();

        assertThat(result.problems()).containsExactly(
                "rounds cannot be \"2.7\": it must be a whole number",
                "dataset.noise is empty: it must be a number",
                "training.learningRate cannot be \"fast\": it must be a number");
    }

    @Test
    void choosingFedSgdSetsTheTrainingItNeedsAndFedAdamItsServerRate() {
        SetupModel model = loaded("quickstart"); // E = 3
        model.set(SetupModel.STRATEGY, StrategySettings.FEDSGD);
        assertThat(model.get(SetupModel.EPOCHS)).isEqualTo("1");
        assertThat(model.build().problems()).isEmpty();

        model.set(SetupModel.STRATEGY, StrategySettings.FEDADAM);
        assertThat(model.get(SetupModel.SERVER_LR)).isEqualTo("0.1");
        assertThat(model.applies(SetupModel.SERVER_BETA2)).isTrue();
        assertThat(model.applies(SetupModel.MU)).isFalse();
        assertThat(model.build().settings().strategy().serverLearningRate()).isEqualTo(0.1);

        model.set(SetupModel.STRATEGY, StrategySettings.SCAFFOLD);
        assertThat(model.get(SetupModel.SERVER_LR)).isEqualTo("1");
        assertThat(model.get(SetupModel.WEIGHTING)).isEqualTo("uniform");
    }

    @Test
    void fedSgdWithThreeEpochsIsRefusedWithTheValidatorsReason() {
        SetupModel model = loaded("quickstart");
        model.set(SetupModel.STRATEGY, StrategySettings.FEDSGD);
        model.set(SetupModel.EPOCHS, "3");
        assertThat(model.build().problems()).containsExactly(
                "strategy.kind fedsgd means one local epoch: training.localEpochs must be 1 (found 3)");
    }

    @Test
    void onlyTheControlsOfTheChosenKindsApply() {
        SetupModel model = loaded("article");
        assertThat(model.applies(SetupModel.SLOPE)).isTrue();
        assertThat(model.applies(SetupModel.PARTITION)).isFalse();
        assertThat(model.applies(SetupModel.MOMENTUM)).isFalse();

        model.set(SetupModel.DATA_KIND, "sample");
        assertThat(model.applies(SetupModel.SLOPE)).isFalse();
        assertThat(model.applies(SetupModel.PARTITION)).isTrue();
        assertThat(model.get(SetupModel.STANDARDIZE)).isEqualTo("true");
        model.set(SetupModel.PARTITION, "dirichlet");
        assertThat(model.applies(SetupModel.ALPHA)).isTrue();
        assertThat(model.applies(SetupModel.STRICTNESS)).isFalse();
        model.set(SetupModel.PARTITION, "natural");
        assertThat(model.editable(SetupModel.COUNT)).isFalse();

        Settings s = model.build().settings();
        assertThat(s.dataset().name()).isEqualTo("penguins");
        assertThat(s.partition().kind()).isEqualTo("natural");
        assertThat(s.model().standardize()).isTrue();
    }

    @Test
    void sizesListedByHandSetTheClientCount() {
        SetupModel model = loaded("quickstart");
        assertThat(model.get(SetupModel.SIZE_PROFILE)).isEqualTo("list");
        model.set(SetupModel.SAMPLES, "10, 20, 30");
        assertThat(model.get(SetupModel.COUNT)).isEqualTo("3");
        assertThat(model.editable(SetupModel.COUNT)).isFalse();
        assertThat(model.build().settings().clients().samples()).containsExactly(10, 20, 30);
    }

    @Test
    void clientNamesThatNoLongerFitAreDropped() {
        SetupModel model = loaded("hospitals");
        model.set(SetupModel.SIZE_PROFILE, "equal");
        model.set(SetupModel.COUNT, "4");
        Settings s = model.build().settings();
        assertThat(s.clients().names()).isNull();
        assertThat(s.clients().count()).isEqualTo(4);
    }

    @Test
    void readingACsvHeaderFillsTheColumnChoices() throws IOException {
        Path file = write("heights.csv", "name,height_cm,weight_kg,school\nAnn,150,45,North\nBo,NA,50,South\n"
                + "Cy,170,62,North\n");
        SetupModel model = loaded("article");

        assertThat(model.offerCsv(file)).isTrue();

        assertThat(model.csvColumns()).containsExactly("name", "height_cm", "weight_kg", "school");
        assertThat(model.get(SetupModel.DATA_KIND)).isEqualTo("csv");
        assertThat(model.get(SetupModel.X_COLUMN)).isEqualTo("height_cm");
        assertThat(model.get(SetupModel.Y_COLUMN)).isEqualTo("weight_kg");
        assertThat(model.csvRows()).isEqualTo(2);
        assertThat(model.csvSkipped()).isEqualTo(1);
        assertThat(model.csvError()).isNull();

        model.set(SetupModel.GROUP_COLUMN, "school");
        model.set(SetupModel.PARTITION, "natural");
        model.set(SetupModel.TEST_FRACTION, "0");
        Settings s = model.build().settings();
        assertThat(s.dataset().path()).isEqualTo(file.toAbsolutePath().toString());
        assertThat(s.dataset().groupColumn()).isEqualTo("school");
        assertThat(s.model().standardize()).isTrue();
    }

    @Test
    void natualPartitionWithoutAGroupColumnIsRefused() throws IOException {
        Path file = write("two.csv", "a,b\n1,2\n3,4\n");
        SetupModel model = loaded("penguins");
        model.offerCsv(file);
        model.set(SetupModel.PARTITION, "natural");
        assertThat(model.build().problems())
                .containsExactly("partition.kind natural needs a group column: choose dataset.groupColumn");
    }

    @Test
    void aBrokenCsvGivesItsMessageAndLeavesThePreviousChoice() throws IOException {
        Path good = write("good.csv", "x,y\n1,2\n2,4\n3,5\n");
        Path broken = write("broken.csv", "x,\"y\n1,2\n");
        SetupModel model = loaded("article");
        model.offerCsv(good);
        String expected;
        try {
            CsvLoader.readHeader(broken);
            throw new AssertionError("the broken file was read");
        } catch (DataFileException e) {
            expected = e.getMessage();
        }

        assertThat(model.offerCsv(broken)).isFalse();

        assertThat(model.csvError()).isEqualTo(expected).contains("broken.csv").contains("line 1");
        assertThat(model.get(SetupModel.CSV_PATH)).isEqualTo(good.toAbsolutePath().toString());
        assertThat(model.csvColumns()).containsExactly("x", "y");
        assertThat(model.build().settings().dataset().path()).isEqualTo(good.toAbsolutePath().toString());
    }

    @Test
    void aMissingCsvLeavesSyntheticDataAsTheyWere() {
        SetupModel model = loaded("article");
        assertThat(model.offerCsv(dir.resolve("nowhere.csv"))).isFalse();
        assertThat(model.csvError()).contains("nowhere.csv").contains("no such file");
        assertThat(model.isSynthetic()).isTrue();
        assertThat(model.changed()).isFalse();
    }

    @Test
    void aRelativeCsvPathIsReadFromTheSettingsFilesFolder() throws IOException {
        Path file = write("d.csv", "x,y\n1,2\n2,3\n3,5\n4,4\n");
        Settings s = org.fedstep.core.settings.SettingsValidator.validate(new Settings(null, null, null,
                org.fedstep.core.settings.DatasetSettings.csv("d.csv", "x", "y", null), null, null, null, null,
                null));
        SetupModel model = new SetupModel();
        model.load(s, dir.resolve("setup.json"));
        assertThat(model.csvRows()).isEqualTo(4);
        assertThat(model.build().settings().dataset().path()).isEqualTo(file.toAbsolutePath().toString());
    }

    @Test
    void revertingEditsMeansNothingChanged() {
        SetupModel model = loaded("cars");
        model.set(SetupModel.LEARNING_RATE, "0.2");
        assertThat(model.changed()).isTrue();
        model.set(SetupModel.LEARNING_RATE, "0.1");
        assertThat(model.changed()).isFalse();
        model.set(SetupModel.ROUNDS, "x");
        model.revert();
        assertThat(model.changed()).isFalse();
        assertThat(model.build().settings()).isEqualTo(Presets.load("cars"));
    }

    @Test
    void numbersAreShownInTheirShortestExactForm() {
        assertThat(SetupModel.num(2.0)).isEqualTo("2");
        assertThat(SetupModel.num(0.01)).isEqualTo("0.01");
        assertThat(SetupModel.num(1e-8)).isEqualTo("1e-8");
        assertThat(SetupModel.num(-0.5)).isEqualTo("-0.5");
    }

    private SetupModel loaded(String preset) {
        SetupModel model = new SetupModel();
        model.load(Presets.load(preset), null);
        return model;
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
