package org.fedstep.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.settings.Settings;
import org.junit.jupiter.api.Test;

/** docs/config.md's examples run: each one-line block replaces or joins the quickstart's settings, and runs a round. */
class ConfigDocsTest {

    private static final Pattern BLOCK = Pattern.compile("### One per strategy.*?```\\n(.*?)```.*?```\\n(.*?)```"
            + ".*?```\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyStrategyOptimiserAndUploadExampleRuns() throws IOException {
        String docs = Files.readString(Path.of("docs/config.md"));
        Matcher m = BLOCK.matcher(docs);
        assertThat(m.find()).isTrue();
        String quickstart = Files.readString(Path.of("sample-data/configs/quickstart.json"));
        List<String> examples = new ArrayList<>();
        for (int g = 1; g <= 3; g++) {
            String block = m.group(g);
            // an example is one line, or two when the next starts with a space or a "training" continuation
            StringBuilder current = new StringBuilder();
            for (String line : block.split("\n")) {
                if (!current.isEmpty() && (line.startsWith(" ") || line.startsWith("\"training\""))) {
                    current.append(' ').append(line.trim());
                } else {
                    if (!current.isEmpty()) {
                        examples.add(current.toString());
                    }
                    current = new StringBuilder(line.trim());
                }
            }
            examples.add(current.toString());
        }
        assertThat(examples).hasSizeGreaterThan(20);
        Pattern part = Pattern.compile("\"(\\w+)\":\\s*(\\{[^}]*})");
        for (String example : examples) {
            String e = example;
            String json = quickstart;
            boolean upload = false;
            Matcher parts = part.matcher(e);
            while (parts.find()) {
                String key = parts.group(1);
                String block = "\"" + key + "\": " + parts.group(2);
                if (key.equals("strategy") || key.equals("training")) {
                    json = json.replaceAll("\"" + key + "\":\\s*\\{[^}]*}", Matcher.quoteReplacement(block));
                } else {
                    // the upload-phase sections join the settings, with equal weights for central noise
                    upload = true;
                    json = json.replaceFirst("\\}\\s*$", Matcher.quoteReplacement(", " + block + " }"));
                }
            }
            if (upload) {
                json = json.replaceAll("\"strategy\":\\s*\\{[^}]*}",
                        "\"strategy\": { \"kind\": \"fedavg\", \"weighting\": \"uniform\" }");
            }
            Settings s = SettingsFiles.parse("example.json", new StringReader(json));
            RoundEngine engine = new RoundEngine(DataSets.effective(s, DataSets.build(s, null)), DataSets.build(s, null));
            engine.runRounds(1);
            assertThat(engine.completedRounds()).as(e).isEqualTo(1);
        }
    }

    @Test
    void theModelSectionsCurveExampleRunsAndFitsACurve() throws IOException {
        String docs = Files.readString(Path.of("docs/config.md"));
        String section = docs.substring(docs.indexOf("## model"), docs.indexOf("## training"));
        Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(block.find()).isTrue();
        Settings s = SettingsFiles.parse("example.json", new StringReader(block.group(1)));
        var data = DataSets.build(s, null);
        RoundEngine engine = new RoundEngine(DataSets.effective(s, data), data);
        engine.runRounds(5);
        assertThat(engine.completedRounds()).isEqualTo(5);
        assertThat(engine.summary(5).global().degree()).isEqualTo(2);
        assertThat(engine.settings().model().standardize()).as("a curve standardises by default").isTrue();
        assertThat(engine.summary(5).trainLoss()).isLessThan(engine.summary(0).trainLoss());
    }

    @Test
    void everyJsonExampleInTheDocsLoadsAndRunsARound() throws IOException {
        String docs = Files.readString(Path.of("docs/config.md"));
        Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(docs);
        int examples = 0;
        while (block.find()) {
            examples++;
            String json = block.group(1);
            Settings s = SettingsFiles.parse("docs/config.md example " + examples, new StringReader(json));
            // the csv example is written as saved in sample-data/configs/ ("../cars.csv")
            var data = DataSets.build(s, Path.of("sample-data/configs"));
            RoundEngine engine = new RoundEngine(DataSets.effective(s, data), data);
            engine.runRounds(1);
            assertThat(engine.completedRounds()).as(json).isEqualTo(1);
        }
        assertThat(examples).isGreaterThanOrEqualTo(10);
    }

    @Test
    void everyReadySettingsFileIsDescribedInTheDocsAndTheReadme() throws IOException {
        String docs = Files.readString(Path.of("docs/config.md"));
        String readme = Files.readString(Path.of("README.md"));
        try (var files = Files.list(Path.of("sample-data/configs"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(8);
            for (String name : names) {
                assertThat(docs).as("docs/config.md describes " + name).contains("| `" + name + "` |");
                assertThat(readme).as("README lists " + name).contains("| `" + name + "` |");
            }
        }
    }
}
