package org.fedstep.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedstep.core.fl.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A malformed lesson folder gives a LessonException naming the file and the problem. */
class LessonLoaderTest {

    @TempDir
    Path dir;

    @Test
    void aValidLessonLoadsWithItsSetupStepsAndQuestions() {
        Lesson l = LessonLoader.load(LessonFolders.valid(dir, "ok"));
        assertThat(l.id()).isEqualTo("test-lesson");
        assertThat(l.title().in("zh")).isEqualTo("测试");
        assertThat(l.level()).isEqualTo(Lesson.Level.INTRO);
        assertThat(l.setup().rounds()).isEqualTo(5);
        assertThat(l.setup().clients().samples()).containsExactly(40, 80, 20, 60, 100);
        assertThat(l.steps()).hasSize(3);
        assertThat(l.steps().get(0).locks()).containsExactlyInAnyOrder("data", "server");
        assertThat(l.steps().get(0).markdown().zh()).contains("文字");
        assertThat(l.steps().get(1).waitFor()).isEqualTo(new Lesson.WaitFor(Phase.AGGREGATE, 1));
        Lesson.NumberQuestion q = (Lesson.NumberQuestion) l.steps().get(1).question();
        assertThat(q.about()).isEqualTo(new Lesson.AnswerRef(AnswerKey.WEIGHT_OF_CLIENT, 1, 2, null));
        assertThat(q.reveal()).isEqualTo(Lesson.Reveal.PREDICT);
        assertThat(((Lesson.ChoiceQuestion) l.steps().get(2).question()).accepts(1)).isTrue();
    }

    @Test
    void aStepSettingsChangeAppliesFromThatStepOnAndKeepsTheRest() {
        Lesson l = LessonLoader.load(LessonFolders.with(dir, "change", "{ \"text\": \"03-choose\",",
                "{ \"text\": \"03-choose\", \"settings\": { \"training\": { \"localEpochs\": 1 } },"));
        assertThat(l.steps().get(1).settings().training().localEpochs()).isEqualTo(3);
        assertThat(l.steps().get(2).changesSettings()).isTrue();
        assertThat(l.steps().get(2).settings().training().localEpochs()).isEqualTo(1);
        assertThat(l.steps().get(2).settings().training().learningRate()).isEqualTo(0.1);
        assertThat(l.steps().get(2).settings().rounds()).isEqualTo(5);
    }

    @Test
    void missingLessonJson() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining(folder.resolve("lesson.json").toString())
                .hasMessageContaining("missing");
    }

    @Test
    void brokenJsonNamesTheLine() {
        Path folder = LessonFolders.with(dir, "broken", "\"level\": \"intro\",", "\"level\": \"intro\"");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("lesson.json")
                .hasMessageContaining("line 7");
    }

    @Test
    void unknownFieldIsNamedWithItsLine() {
        Path folder = LessonFolders.with(dir, "unknown", "\"minutes\": 3,", "\"minutes\": 3, \"colour\": \"red\",");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("lesson.json: line 7, colour: unknown field \"colour\"");
    }

    @Test
    void unknownFieldInsideAQuestion() {
        Path folder = LessonFolders.with(dir, "unknownq", "\"correct\": 1", "\"correct\": 1, \"answer\": 2");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("steps[2].question.answer: unknown field \"answer\"");
    }

    @Test
    void unknownSettingInTheSetupChange() {
        Path folder = LessonFolders.with(dir, "badsetting", "{ \"rounds\": 5 }", "{ \"rounds\": 5, \"speed\": 2 }");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("lesson.json: line 8, setup.change.speed: setup: unknown setting \"speed\"");
    }

    @Test
    void invalidSettingValueInTheSetup() {
        Path folder = LessonFolders.with(dir, "badvalue", "{ \"rounds\": 5 }",
                "{ \"rounds\": 5, \"training\": { \"learningRate\": -1 } }");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("setup.change.training.learningRate")
                .hasMessageContaining("learningRate");
    }

    @Test
    void unknownPreset() {
        Path folder = LessonFolders.with(dir, "preset", "\"preset\": \"quickstart\"", "\"preset\": \"quick\"");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("setup.preset: no preset \"quick\"");
    }

    @Test
    void missingStepTextInOneLanguage() throws IOException {
        Path folder = LessonFolders.valid(dir, "nozh");
        Files.delete(folder.resolve("02-ask.zh.md"));
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining(folder.resolve("02-ask.zh.md").toString())
                .hasMessageContaining("missing: step 2");
    }

    @Test
    void emptyStepText() throws IOException {
        Path folder = LessonFolders.valid(dir, "emptyen");
        Files.writeString(folder.resolve("01-start.en.md"), "  \n");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("01-start.en.md: the file is empty");
    }

    @Test
    void stepTextThatIsNotUtf8() throws IOException {
        Path folder = LessonFolders.valid(dir, "latin1");
        Files.write(folder.resolve("01-start.zh.md"), new byte[] {'a', (byte) 0xE9, 'b'});
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("01-start.zh.md: is not UTF-8");
    }

    @Test
    void unknownLockId() {
        Path folder = LessonFolders.with(dir, "lock", "[\"data\", \"server\"]", "[\"data\", \"sliders\"]");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("lesson.json: line 10, steps[0].lock[1]: no control \"sliders\" to lock")
                .hasMessageContaining("step-controls");
    }

    @Test
    void unknownAnswerKey() {
        Path folder = LessonFolders.with(dir, "key", "\"weight.of.client\"", "\"weight.of.clients\"");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("steps[1].question.about: no answer key \"weight.of.clients\"")
                .hasMessageContaining("global.slope.after.round");
    }

    @Test
    void aClientKeyInANumberQuestion() {
        Path folder = LessonFolders.with(dir, "kind", "\"about\": \"weight.of.client\", \"client\": 2,",
                "\"about\": \"client.largest.weight\",");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("is a client answer");
    }

    @Test
    void questionRoundOutOfRange() {
        Path folder = LessonFolders.with(dir, "round", "\"client\": 2, \"round\": 1", "\"client\": 2, \"round\": 6");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("steps[1].question.round: round 6 is out of range")
                .hasMessageContaining("rounds 1 to 5");
    }

    @Test
    void waitForRoundOutOfRange() {
        Path folder = LessonFolders.with(dir, "wait", "\"phase\": \"aggregate\", \"round\": 1",
                "\"phase\": \"aggregate\", \"round\": 0");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("steps[1].waitFor.round: round 0 is out of range");
    }

    @Test
    void unknownPhase() {
        Path folder = LessonFolders.with(dir, "phase", "\"aggregate\"", "\"aggregation\"");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("steps[1].waitFor.phase: no phase \"aggregation\"")
                .hasMessageContaining("local-training");
    }

    @Test
    void clientOutOfRange() {
        Path folder = LessonFolders.with(dir, "client", "\"client\": 2,", "\"client\": 6,");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("steps[1].question.client: client 6 is out of range")
                .hasMessageContaining("clients 1 to 5");
    }

    @Test
    void choiceIndexOutOfRange() {
        Path folder = LessonFolders.with(dir, "choice", "\"correct\": 1", "\"correct\": 2");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("lesson.json: line 17, steps[2].question.correct: must be the index of the right"
                        + " option, 0 to 1");
    }

    @Test
    void choiceOptionsDifferInNumberBetweenLanguages() {
        Path folder = LessonFolders.with(dir, "options", "[\"甲\", \"乙\"]", "[\"甲\", \"乙\", \"丙\"]");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("differ in number");
    }

    @Test
    void aMissingParameterOfAnAnswerKey() {
        Path folder = LessonFolders.with(dir, "param", "\"client\": 2, ", "");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("steps[1].question: \"client\" is missing");
    }

    @Test
    void aNewerFormatVersionSaysSo() {
        Path folder = LessonFolders.with(dir, "newer", "\"version\": 1", "\"version\": 2, \"extra\": true");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("newer FedStep");
    }

    @Test
    void notALessonFile() {
        Path folder = LessonFolders.with(dir, "format", "\"fedstep-lesson\"", "\"fedstep-settings\"");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("format: must be \"fedstep-lesson\"");
    }

    @Test
    void duplicateKeysAreRefused() {
        Path folder = LessonFolders.with(dir, "dup", "\"minutes\": 3,", "\"minutes\": 3, \"minutes\": 4,");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("minutes");
    }

    @Test
    void aStepTextNameMustBeABaseName() {
        Path folder = LessonFolders.with(dir, "textname", "\"01-start\"", "\"../01-start\"");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("steps[0].text: must be the base name");
    }

    @Test
    void presetNamesMatchTheShippedConfigs() {
        for (String name : LessonLoader.PRESETS) {
            assertThat(Path.of("sample-data/configs", name + ".json")).exists();
        }
        assertThat(LessonLoader.PRESETS).containsExactlyInAnyOrderElementsOf(org.fedstep.app.setup.Presets.NAMES);
    }
}
