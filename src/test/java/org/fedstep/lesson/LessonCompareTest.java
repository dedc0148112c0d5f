package org.fedstep.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.fedstep.core.settings.StrategySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step's "compare": runs on the same data with other settings, shown beside the student's from that step on. */
class LessonCompareTest {

    @TempDir
    Path dir;

    private static final String FIRST_STEP = "{ \"text\": \"01-start\", \"lock\": [\"data\", \"server\"] }";

    private Path withFirstStep(String name, String step) {
        return LessonFolders.with(dir, name, FIRST_STEP, step);
    }

    @Test
    void comparedRunsTakeTheStepsSettingsWithTheirChangeAndHoldFromThatStepOn() {
        Path folder = withFirstStep("ok", "{ \"text\": \"01-start\", \"compare\": ["
                + "{ \"label\": { \"en\": \"FedProx\", \"zh\": \"FedProx\" },"
                + "  \"settings\": { \"strategy\": { \"kind\": \"fedprox\", \"mu\": 0.5 } } },"
                + "{ \"label\": { \"en\": \"E = 1\", \"zh\": \"E = 1\" }, \"settings\": { \"training\": { \"localEpochs\": 1 } } }"
                + "] }");
        Lesson lesson = LessonLoader.load(folder);
        Lesson.Step first = lesson.steps().get(0);
        assertThat(first.compare()).hasSize(2);
        Lesson.Comparison prox = first.compare().get(0);
        assertThat(prox.label().en()).isEqualTo("FedProx");
        assertThat(prox.settings().strategy().kind()).isEqualTo(StrategySettings.FEDPROX);
        assertThat(prox.settings().strategy().mu()).isEqualTo(0.5);
        // everything else is the step's: the same data, split and seed
        assertThat(prox.settings().dataset()).isEqualTo(first.settings().dataset());
        assertThat(prox.settings().seed()).isEqualTo(first.settings().seed());
        assertThat(first.compare().get(1).settings().training().localEpochs()).isEqualTo(1);
        // the later steps keep the comparison
        assertThat(lesson.steps().get(2).compare()).isEqualTo(first.compare());
    }

    @Test
    void anEmptyListEndsTheComparison() {
        String json = LessonFolders.JSON.replace(FIRST_STEP, "{ \"text\": \"01-start\", \"compare\": [{ \"label\": "
                + "{ \"en\": \"a\", \"zh\": \"甲\" }, \"settings\": { \"training\": { \"localEpochs\": 1 } } }] }")
                .replace("{ \"text\": \"03-choose\",", "{ \"text\": \"03-choose\", \"compare\": [],");
        Lesson lesson = LessonLoader.load(LessonFolders.write(dir, "ends", json));
        assertThat(lesson.steps().get(1).compare()).hasSize(1);
        assertThat(lesson.steps().get(2).compare()).isEmpty();
    }

    @Test
    void aComparedRunCannotChangeTheData() {
        Path folder = withFirstStep("data", "{ \"text\": \"01-start\", \"compare\": [{ \"label\": "
                + "{ \"en\": \"a\", \"zh\": \"甲\" }, \"settings\": { \"seed\": 9 } }] }");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("steps[0].compare[0].settings.seed: a compared run uses the same data");
    }

    @Test
    void aComparedRunsBadSettingIsNamed() {
        Path folder = withFirstStep("bad", "{ \"text\": \"01-start\", \"compare\": [{ \"label\": "
                + "{ \"en\": \"a\", \"zh\": \"甲\" }, \"settings\": { \"training\": { \"learningRate\": -1 } } }] }");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("step 1 compare[0] settings: training.learningRate must be greater than 0");
    }

    @Test
    void atMostThreeRunsAndEachNeedsALabel() {
        String one = "{ \"label\": { \"en\": \"a\", \"zh\": \"甲\" }, \"settings\": {} }";
        Path many = withFirstStep("many", "{ \"text\": \"01-start\", \"compare\": [" + String.join(",", one, one, one, one)
                + "] }");
        assertThatThrownBy(() -> LessonLoader.load(many)).hasMessageContaining("at most 3 runs");
        Path unlabelled = withFirstStep("nolabel", "{ \"text\": \"01-start\", \"compare\": [{ \"settings\": {} }] }");
        assertThatThrownBy(() -> LessonLoader.load(unlabelled)).hasMessageContaining("\"label\" is missing");
    }
}
