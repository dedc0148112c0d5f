package org.fedstep.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedstep.core.data.DataSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every rule of SettingsValidator: the message names the setting by its path, says what is allowed and what was
 * found. Raw settings are written as JSON (NaN and Infinity allowed here, to reach the finiteness rules).
 */
class SettingsValidatorTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private static Settings raw(String json) {
        try {
            return JSON.readValue(json, Settings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static List<String> problems(String json) {
        try {
            Settings s = SettingsValidator.validate(raw(json));
            throw new AssertionError(json + " should have been refused, gave " + s);
        } catch (InvalidSettingsException e) {
            assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
            return e.problems();
        }
    }

    private static void refused(String json, String message) {
        assertThat(problems(json)).containsExactly(message);
    }

    private static Settings valid(String json) {
        return SettingsValidator.validate(raw(json));
    }

    /** A pooled (csv) data set, where partitions other than iid apply. */
    private static String csv(String partition) {
        return "{ \"dataset\": { \"kind\": \"csv\", \"path\": \"d.csv\", \"xColumn\": \"x\", \"yColumn\": \"y\" },"
                + " \"partition\": " + partition + " }";
    }

    // --- strategies whose formulas assume something of the local training ---

    @Test
    void scaffoldNeedsPlainSgdAndFedSgdNeedsWeightsBySamples() {
        refused("{ \"strategy\": { \"kind\": \"scaffold\" }, \"training\": { \"optimizer\": \"momentum\" } }",
                "strategy.kind scaffold needs plain local SGD steps: training.optimizer must be sgd (found \"momentum\")");
        refused("{ \"strategy\": { \"kind\": \"fedsgd\", \"weighting\": \"uniform\" },"
                        + " \"training\": { \"localEpochs\": 1, \"batchSize\": \"full\" } }",
                "strategy.kind fedsgd weights clients by their sample counts (that is what makes it centralised"
                        + " gradient descent): strategy.weighting must be samples (found \"uniform\")");
    }

    // --- keys that another kind of data would use ---

    @Test
    void keysThatOnlyAnotherKindOfDataUsesAreRefusedRatherThanIgnored() {
        refused("{ \"dataset\": { \"kind\": \"sample\", \"name\": \"cars\", \"slope\": 3 } }",
                "dataset.slope does not apply to sample data; remove it");
        refused("{ \"dataset\": { \"kind\": \"sample\", \"name\": \"cars\", \"path\": \"cars.csv\" } }",
                "dataset.path does not apply to sample data (dataset.name picks the file); remove it");
        assertThat(problems("{ \"dataset\": { \"kind\": \"csv\", \"path\": \"d.csv\", \"xColumn\": \"x\","
                + " \"yColumn\": \"y\", \"name\": \"cars\", \"noise\": 0.5, \"xMax\": 2 } }"))
                .containsExactly("dataset.name does not apply to csv data (dataset.path names the file); remove it",
                        "dataset.noise does not apply to csv data; remove it",
                        "dataset.xMax does not apply to csv data; remove it");
        refused("{ \"dataset\": { \"kind\": \"synthetic-linear\", \"xColumn\": \"age\" } }",
                "dataset.xColumn does not apply to synthetic-linear; remove it");
    }

    // --- version and rounds ---

    @Test
    void versionFromANewerFedStepOrBelowOneIsRefused() {
        refused("{ \"version\": 2 }", "version 2 was written by a newer FedStep; this one reads versions 1 to 1");
        refused("{ \"version\": 0 }", "version must be 1 (found 0)");
        assertThat(valid("{ \"version\": 1 }").version()).isEqualTo(1);
    }

    @Test
    void roundsFromZeroToAMillion() {
        refused("{ \"rounds\": -1 }", "rounds must be a whole number from 0 to 1000000 (found -1)");
        refused("{ \"rounds\": 1000001 }", "rounds must be a whole number from 0 to 1000000 (found 1000001)");
        assertThat(valid("{ \"rounds\": 0 }").rounds()).isZero();
        assertThat(valid("{ \"rounds\": 1000000 }").rounds()).isEqualTo(1_000_000);
    }

    // --- dataset ---

    @Test
    void datasetKindMustBeKnown() {
        refused("{ \"dataset\": { \"kind\": \"excel\" } }",
                "dataset.kind must be one of synthetic-linear, sample, csv (found \"excel\")");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"slope\": NaN          | dataset.slope must be a finite number (found NaN)",
            "\"intercept\": Infinity | dataset.intercept must be a finite number (found Infinity)",
            "\"xMin\": -Infinity     | dataset.xMin must be a finite number (found -Infinity)",
            "\"xMax\": NaN           | dataset.xMax must be a finite number (found NaN)",
            "\"noise\": -0.5         | dataset.noise must be a finite number of at least 0 (found -0.5)",
            "\"noise\": Infinity     | dataset.noise must be a finite number of at least 0 (found Infinity)",
            "\"noiseKind\": \"laplace\" | dataset.noiseKind must be one of gaussian, uniform (found \"laplace\")",
            "\"xMin\": 2, \"xMax\": 2 | dataset.xMin must be less than dataset.xMax (found xMin 2, xMax 2)",
            "\"xMin\": 3, \"xMax\": 1 | dataset.xMin must be less than dataset.xMax (found xMin 3, xMax 1)",
            "\"slopeSpread\": -1     | dataset.slopeSpread must be a finite number of at least 0 (found -1)",
            "\"interceptSpread\": -0.1 | dataset.interceptSpread must be a finite number of at least 0 (found -0.1)",
            "\"featureShift\": 1.5   | dataset.featureShift must be from 0 to 1 (found 1.5)",
            "\"featureShift\": -0.01 | dataset.featureShift must be from 0 to 1 (found -0.01)",
            "\"noiseSkew\": -2       | dataset.noiseSkew must be a finite number of at least 0 (found -2)",
            "\"path\": \"a.csv\"     | dataset.path does not apply to synthetic-linear; remove it",
            "\"name\": \"cars\"      | dataset.name does not apply to synthetic-linear; remove it",
    })
    void syntheticDatasetRules(String setting, String message) {
        refused("{ \"dataset\": { \"kind\": \"synthetic-linear\", " + setting + " } }", message);
    }

    @Test
    void clientNoiseMustBeNonNegativeAndOnePerClient() {
        refused("{ \"dataset\": { \"clientNoise\": [0.1, -1] }, \"clients\": { \"count\": 2 } }",
                "dataset.clientNoise[1] must be a finite number of at least 0 (found -1)");
        refused("{ \"dataset\": { \"clientNoise\": [0.1, 0.2] }, \"clients\": { \"count\": 3 } }",
                "dataset.clientNoise must give one noise level for each of the 3 clients (found 2)");
    }

    @Test
    void boundaryValuesOfTheDatasetAreAccepted() {
        Settings s = valid("{ \"dataset\": { \"noise\": 0, \"featureShift\": 1, \"slopeSpread\": 0 } }");
        assertThat(s.dataset().noise()).isZero();
        assertThat(valid("{ \"dataset\": { \"featureShift\": 0 } }").dataset().featureShift()).isZero();
    }

    @Test
    void aSampleDataSetNeedsAName() {
        refused("{ \"dataset\": { \"kind\": \"sample\" } }",
                "dataset.name is required for a sample data set: one of penguins, cars, anscombe, gapminder");
    }

    @Test
    void aCsvDataSetNeedsAPathAndColumns() {
        refused("{ \"dataset\": { \"kind\": \"csv\", \"path\": \" \", \"xColumn\": \"x\", \"yColumn\": \"y\" } }",
                "dataset.path is required for a csv data set (the file to read)");
        refused("{ \"dataset\": { \"kind\": \"csv\", \"path\": \"d.csv\", \"xColumn\": \"x\" } }",
                "dataset.xColumn and dataset.yColumn are required for a csv data set");
    }

    // --- clients ---

    @Test
    void zeroClientsOrMoreThanAThousandAreRefused() {
        refused("{ \"clients\": { \"count\": 0 } }", "clients.count must be a whole number from 1 to 1000 (found 0)");
        refused("{ \"clients\": { \"count\": 1001 } }",
                "clients.count must be a whole number from 1 to 1000 (found 1001)");
        // an empty list of sizes means zero clients
        assertThat(problems("{ \"clients\": { \"samples\": [] } }"))
                .contains("clients.count must be a whole number from 1 to 1000 (found 0)");
        assertThat(valid("{ \"clients\": { \"count\": 1 } }").clients().count()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-0.1 | clients.testFraction must be at least 0 and less than 1 (found -0.1)",
            "1    | clients.testFraction must be at least 0 and less than 1 (found 1)",
            "NaN  | clients.testFraction must be at least 0 and less than 1 (found NaN)",
    })
    void testFractionIsAtLeastZeroAndBelowOne(String value, String message) {
        refused("{ \"clients\": { \"testFraction\": " + value + " } }", message);
    }

    @Test
    void testFractionZeroIsAllowed() {
        assertThat(valid("{ \"clients\": { \"testFraction\": 0 } }").clients().testFraction()).isZero();
        assertThat(valid("{ \"clients\": { \"testFraction\": 0.99 } }").clients().testFraction()).isEqualTo(0.99);
    }

    @Test
    void namesMustNameEveryClient() {
        refused("{ \"clients\": { \"count\": 3, \"names\": [\"a\", \"b\"] } }",
                "clients.names must name each of the 3 clients (found 2 names)");
    }

    @Test
    void syntheticSizesRules() {
        refused("{ \"clients\": { \"count\": 3, \"samples\": [10, 20] } }",
                "clients.samples must give one count for each of the 3 clients (found 2)");
        refused("{ \"clients\": { \"samples\": [10, 0] } }",
                "clients.samples[1] must be a whole number from 1 to 10000000 (found 0)");
        refused("{ \"clients\": { \"samples\": [10, 20], \"samplesPerClient\": 5 } }",
                "clients.samples and clients.samplesPerClient cannot both be given");
        refused("{ \"clients\": { \"samplesPerClient\": 0 } }",
                "clients.samplesPerClient must be a whole number from 1 to 10000000 (found 0)");
        refused("{ \"clients\": { \"sizeProfile\": \"cubic\" } }",
                "clients.sizeProfile must be one of equal, linear, square, exponential (found \"cubic\")");
    }

    @Test
    void pooledDataTakeNoSyntheticSizes() {
        String d = "\"dataset\": { \"kind\": \"csv\", \"path\": \"d.csv\", \"xColumn\": \"x\", \"yColumn\": \"y\" }";
        refused("{ " + d + ", \"clients\": { \"count\": 2, \"samples\": [5, 5] } }",
                "clients.samples does not apply to csv data (the partition decides the sizes); remove it");
        refused("{ " + d + ", \"clients\": { \"samplesPerClient\": 5 } }",
                "clients.samplesPerClient does not apply to csv data (the partition decides the sizes); remove it");
        refused("{ " + d + ", \"clients\": { \"sizeProfile\": \"linear\" } }",
                "clients.sizeProfile does not apply to csv data (use partition.kind quantity-skew); remove it");
    }

    /** A rule that needs the data: it is checked where the data are split (Splits), with the same wording. */
    @Test
    void moreClientsThanRowsIsRefusedWhenTheDataAreLoaded(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("three.csv"), "x,y\n1,2\n2,4\n3,6\n");
        Settings s = valid("{ \"dataset\": { \"kind\": \"csv\", \"path\": \"three.csv\", \"xColumn\": \"x\","
                + " \"yColumn\": \"y\" }, \"clients\": { \"count\": 5 } }");
        assertThatThrownBy(() -> DataSets.build(s, dir)).isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith("clients.count (5) is more than the 3");
        Settings three = valid("{ \"dataset\": { \"kind\": \"csv\", \"path\": \"three.csv\", \"xColumn\": \"x\","
                + " \"yColumn\": \"y\" }, \"clients\": { \"count\": 3, \"testFraction\": 0 } }");
        assertThat(DataSets.build(three, dir).clientCount()).isEqualTo(3);
    }

    // --- partition ---

    @Test
    void partitionKindMustBeKnownAndIidForSyntheticData() {
        refused("{ \"partition\": { \"kind\": \"random\" } }",
                "partition.kind must be one of iid, quantity-skew, feature-shift, dirichlet, natural (found \"random\")");
        assertThat(problems("{ \"partition\": { \"kind\": \"dirichlet\" } }")).singleElement().asString()
                .startsWith("partition.kind must be iid for synthetic data").contains("(found \"dirichlet\")");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0      | partition.alpha must be greater than 0 (found 0)",
            "-1     | partition.alpha must be greater than 0 (found -1)",
            "Infinity | partition.alpha must be greater than 0 (found Infinity)",
    })
    void dirichletAlphaMustBePositive(String alpha, String message) {
        refused(csv("{ \"kind\": \"dirichlet\", \"alpha\": " + alpha + " }"), message);
    }

    @Test
    void dirichletAlphaDefaultsAndSmallValuesAreAccepted() {
        assertThat(valid(csv("{ \"kind\": \"dirichlet\" }")).partition().alpha()).isEqualTo(0.5);
        assertThat(valid(csv("{ \"kind\": \"dirichlet\", \"alpha\": 0.001 }")).partition().alpha()).isEqualTo(0.001);
    }

    @Test
    void featureShiftStrictnessFromZeroToOne() {
        refused(csv("{ \"kind\": \"feature-shift\", \"strictness\": 1.1 }"),
                "partition.strictness must be from 0 to 1 (found 1.1)");
        assertThat(valid(csv("{ \"kind\": \"feature-shift\", \"strictness\": 1 }")).partition().strictness())
                .isEqualTo(1.0);
    }

    @Test
    void quantitySkewSharesOrProfile() {
        refused(csv("{ \"kind\": \"quantity-skew\", \"shares\": [1, 0] }"),
                "partition.shares[1] must be greater than 0 (found 0)");
        refused(csv("{ \"kind\": \"quantity-skew\", \"shares\": [1, 2], \"profile\": \"linear\" }"),
                "partition.profile and partition.shares cannot both be given");
        refused(csv("{ \"kind\": \"quantity-skew\", \"profile\": \"steep\" }"),
                "partition.profile must be one of equal, linear, square, exponential (found \"steep\")");
    }

    @Test
    void partitionSettingsOfAnotherKindAreRefused() {
        refused(csv("{ \"kind\": \"iid\", \"alpha\": 0.5 }"),
                "partition.alpha does not apply to partition kind iid; remove it");
        refused(csv("{ \"kind\": \"natural\", \"strictness\": 0.5 }"),
                "partition.strictness does not apply to partition kind natural; remove it");
        refused(csv("{ \"kind\": \"dirichlet\", \"profile\": \"linear\" }"),
                "partition.profile does not apply to partition kind dirichlet; remove it");
        refused(csv("{ \"kind\": \"iid\", \"shares\": [1, 2] }"),
                "partition.shares does not apply to partition kind iid; remove it");
    }

    // --- model ---

    @Test
    void theStartingLineMustBeFinite() {
        refused("{ \"model\": { \"initialSlope\": NaN } }", "model.initialSlope must be a finite number (found NaN)");
        refused("{ \"model\": { \"initialIntercept\": -Infinity } }",
                "model.initialIntercept must be a finite number (found -Infinity)");
    }

    // --- training ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0        | training.learningRate must be greater than 0 (found 0)",
            "-0.1     | training.learningRate must be greater than 0 (found -0.1)",
            "NaN      | training.learningRate must be greater than 0 (found NaN)",
            "Infinity | training.learningRate must be greater than 0 (found Infinity)",
    })
    void learningRateMustBePositive(String value, String message) {
        refused("{ \"training\": { \"learningRate\": " + value + " } }", message);
    }

    @Test
    void localEpochsFromOneToTenThousand() {
        refused("{ \"training\": { \"localEpochs\": 0 } }",
                "training.localEpochs must be a whole number from 1 to 10000 (found 0)");
        refused("{ \"training\": { \"localEpochs\": 10001 } }",
                "training.localEpochs must be a whole number from 1 to 10000 (found 10001)");
    }

    @Test
    void optimizerRules() {
        refused("{ \"training\": { \"optimizer\": \"rmsprop\" } }",
                "training.optimizer must be one of sgd, momentum, adam (found \"rmsprop\")");
        refused("{ \"training\": { \"optimizer\": \"momentum\", \"momentum\": 1 } }",
                "training.momentum must be at least 0 and less than 1 (found 1)");
        refused("{ \"training\": { \"optimizer\": \"adam\", \"beta1\": -0.1 } }",
                "training.beta1 must be at least 0 and less than 1 (found -0.1)");
        refused("{ \"training\": { \"optimizer\": \"adam\", \"beta2\": 1 } }",
                "training.beta2 must be at least 0 and less than 1 (found 1)");
        refused("{ \"training\": { \"optimizer\": \"adam\", \"epsilon\": 0 } }",
                "training.epsilon must be greater than 0 (found 0)");
        refused("{ \"training\": { \"optimizer\": \"sgd\", \"momentum\": 0.9 } }",
                "training.momentum does not apply to optimizer sgd; remove it");
        assertThat(problems("{ \"training\": { \"optimizer\": \"momentum\", \"beta1\": 0.9, \"beta2\": 0.9,"
                + " \"epsilon\": 1e-8 } }")).containsExactly(
                "training.beta1 does not apply to optimizer momentum; remove it",
                "training.beta2 does not apply to optimizer momentum; remove it",
                "training.epsilon does not apply to optimizer momentum; remove it");
    }

    @Test
    void optimizerDefaultsAreFilled() {
        TrainingSettings adam = valid("{ \"training\": { \"optimizer\": \"adam\" } }").training();
        assertThat(adam.beta1()).isEqualTo(0.9);
        assertThat(adam.beta2()).isEqualTo(0.999);
        assertThat(adam.epsilon()).isEqualTo(1e-8);
        assertThat(valid("{ \"training\": { \"optimizer\": \"momentum\" } }").training().momentum()).isEqualTo(0.9);
    }

    // --- strategy ---

    @Test
    void unknownStrategyIsRefusedNamingTheKnownOnes() {
        refused("{ \"strategy\": { \"kind\": \"fedavg2\" } }", "strategy.kind must be one of fedavg, fedsgd, fedprox,"
                + " fedavgm, fedadam, fedyogi, fedadagrad, scaffold, median, trimmed-mean, krum, multi-krum, fedasync (found"
                + " \"fedavg2\")");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0     | strategy.clientFraction must be greater than 0 and at most 1 (found 0)",
            "-0.5  | strategy.clientFraction must be greater than 0 and at most 1 (found -0.5)",
            "1.01  | strategy.clientFraction must be greater than 0 and at most 1 (found 1.01)",
            "NaN   | strategy.clientFraction must be greater than 0 and at most 1 (found NaN)",
    })
    void clientFractionInZeroToOne(String value, String message) {
        refused("{ \"strategy\": { \"clientFraction\": " + value + " } }", message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-0.1 | strategy.dropoutProbability must be at least 0 and less than 1 (found -0.1)",
            "1    | strategy.dropoutProbability must be at least 0 and less than 1 (found 1)",
    })
    void dropoutFromZeroToBelowOne(String value, String message) {
        refused("{ \"strategy\": { \"dropoutProbability\": " + value + " } }", message);
    }

    @Test
    void boundaryValuesOfTheStrategyAreAccepted() {
        StrategySettings s = valid("{ \"strategy\": { \"clientFraction\": 1, \"dropoutProbability\": 0 } }").strategy();
        assertThat(s.clientFraction()).isEqualTo(1.0);
        assertThat(valid("{ \"strategy\": { \"clientFraction\": 1e-9, \"dropoutProbability\": 0.999 } }")
                .strategy().dropoutProbability()).isEqualTo(0.999);
    }

    @Test
    void weightingIsSamplesOrUniform() {
        refused("{ \"strategy\": { \"weighting\": \"size\" } }",
                "strategy.weighting must be one of samples, uniform (found \"size\")");
    }

    @Test
    void fedSgdIsOneFullBatchPlainStep() {
        assertThat(problems("{ \"training\": { \"localEpochs\": 2, \"batchSize\": 10, \"optimizer\": \"momentum\" },"
                + " \"strategy\": { \"kind\": \"fedsgd\" } }")).containsExactly(
                "strategy.kind fedsgd means one local epoch: training.localEpochs must be 1 (found 2)",
                "strategy.kind fedsgd means the full batch: training.batchSize must be \"full\" (found 10)",
                "strategy.kind fedsgd means one plain gradient step: training.optimizer must be sgd"
                        + " (found \"momentum\")");
        assertThat(valid("{ \"strategy\": { \"kind\": \"fedsgd\" } }").training().localEpochs()).isEqualTo(1);
    }

    @Test
    void strategyParameterRules() {
        refused("{ \"strategy\": { \"kind\": \"fedprox\", \"mu\": -0.01 } }",
                "strategy.mu must be a finite number of at least 0 (found -0.01)");
        assertThat(valid("{ \"strategy\": { \"kind\": \"fedprox\", \"mu\": 0 } }").strategy().mu()).isZero();
        refused("{ \"strategy\": { \"kind\": \"fedavg\", \"mu\": 0.1 } }",
                "strategy.mu does not apply to strategy kind fedavg; remove it");
        refused("{ \"strategy\": { \"kind\": \"scaffold\", \"serverLearningRate\": 0 } }",
                "strategy.serverLearningRate must be greater than 0 (found 0)");
        refused("{ \"strategy\": { \"kind\": \"fedprox\", \"serverLearningRate\": 1 } }",
                "strategy.serverLearningRate does not apply to strategy kind fedprox; remove it");
        refused("{ \"strategy\": { \"kind\": \"fedavgm\", \"serverMomentum\": 1 } }",
                "strategy.serverMomentum must be at least 0 and less than 1 (found 1)");
        refused("{ \"strategy\": { \"kind\": \"fedadam\", \"serverMomentum\": 0.9 } }",
                "strategy.serverMomentum does not apply to strategy kind fedadam; remove it");
        refused("{ \"strategy\": { \"kind\": \"fedadagrad\", \"beta1\": 1 } }",
                "strategy.beta1 must be at least 0 and less than 1 (found 1)");
        refused("{ \"strategy\": { \"kind\": \"fedyogi\", \"tau\": 0 } }", "strategy.tau must be greater than 0 (found 0)");
        refused("{ \"strategy\": { \"kind\": \"fedyogi\", \"beta2\": -0.5 } }",
                "strategy.beta2 must be at least 0 and less than 1 (found -0.5)");
        refused("{ \"strategy\": { \"kind\": \"fedadagrad\", \"beta2\": 0.9 } }",
                "strategy.beta2 does not apply to strategy kind fedadagrad; remove it");
        refused("{ \"strategy\": { \"kind\": \"fedavg\", \"tau\": 0.1 } }",
                "strategy.tau does not apply to strategy kind fedavg; remove it");
        refused("{ \"strategy\": { \"kind\": \"scaffold\", \"beta1\": 0.9 } }",
                "strategy.beta1 does not apply to strategy kind scaffold; remove it");
    }

    @Test
    void strategyDefaultsFollowTheKind() {
        StrategySettings adam = valid("{ \"strategy\": { \"kind\": \"fedadam\" } }").strategy();
        assertThat(List.of(adam.serverLearningRate(), adam.beta1(), adam.beta2(), adam.tau()))
                .containsExactly(0.1, 0.9, 0.99, 1e-3);
        assertThat(valid("{ \"strategy\": { \"kind\": \"scaffold\" } }").strategy().weighting()).isEqualTo("uniform");
        assertThat(valid("{ \"strategy\": { \"kind\": \"fedavgm\" } }").strategy().serverMomentum()).isEqualTo(0.9);
    }

    // --- all at once ---

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        assertThat(problems("{ \"rounds\": -3, \"clients\": { \"count\": 0 }, \"training\": { \"learningRate\": -1 },"
                + " \"strategy\": { \"clientFraction\": 2, \"dropoutProbability\": 1 } }")).containsExactly(
                "rounds must be a whole number from 0 to 1000000 (found -3)",
                "clients.count must be a whole number from 1 to 1000 (found 0)",
                "training.learningRate must be greater than 0 (found -1)",
                "strategy.clientFraction must be greater than 0 and at most 1 (found 2)",
                "strategy.dropoutProbability must be at least 0 and less than 1 (found 1)");
    }

    @Test
    void validSettingsComeBackWithDefaultsFilledAndAreStable() {
        Settings s = valid("{ \"seed\": 5 }");
        assertThat(s).isEqualTo(raw("{ \"seed\": 5 }").withDefaults());
        assertThat(SettingsValidator.validate(s)).isEqualTo(s);
    }
}
