package org.fedstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.io.Exports;
import org.fedstep.io.SettingsFiles;
import org.fedstep.io.TestRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        outBytes.reset();
        errBytes.reset();
        return new Runner(new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private static int dataRows(Path csv) throws IOException {
        return (int) Files.readString(csv).lines().count() - 1;
    }

    private String quickstartWith(String find, String replace) {
        String q = TestRuns.configText("quickstart");
        assertThat(q).contains(find);
        return q.replace(find, replace);
    }

    // --- runs ---

    @Test
    void aNoiseSweepWritesOneRowPerMultiplierAndOneWithoutNoise() throws IOException {
        Path config = TestRuns.config(dir, "quickstart");
        Path out = dir.resolve("sweep");
        int code = run("--sweep-noise", "0.5, 2", "--repeats", "2", "--config", config.toString(), "--rounds", "5",
                "--out", out.toString());
        assertThat(code).as(err()).isZero();
        List<String> lines = Files.readAllLines(out.resolve(Exports.SWEEP));
        assertThat(lines.get(0)).isEqualTo("noise_multiplier,epsilon,delta,rounds,runs,diverged_runs,train_loss,"
                + "train_loss_sd,test_loss,distance_to_optimum,distance_sd");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("0.5,");
        assertThat(lines.get(2)).startsWith("2.0,");
        assertThat(lines.get(3)).startsWith(",,,5,2,0,");
        // the written config is the swept settings: private, and runnable again
        assertThat(SettingsFiles.read(out.resolve(Exports.CONFIG)).privacyOrOff().noisy()).isTrue();
        assertThat(out()).contains("privacy-utility sweep: 3 settings x 2 runs of 5 rounds");
    }

    @Test
    void aBadSweepSaysWhatIsWrong() throws IOException {
        Path config = TestRuns.config(dir, "quickstart");
        Path out = dir.resolve("sweep");
        assertThat(run("--sweep-noise", "1,-2", "--config", config.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(err()).contains("--sweep-noise takes noise multipliers of at least 0");
        assertThat(run("--repeats", "3", "--config", config.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(err()).contains("--repeats goes with --sweep-noise");
        Path scaffold = dir.resolve("scaffold.json");
        Files.writeString(scaffold, quickstartWith("\"fedavg\"", "\"scaffold\""));
        assertThat(run("--sweep-noise", "1", "--config", scaffold.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(err()).contains("scaffold.json: --sweep-noise needs settings that can take noise");
        assertThat(out).doesNotExist();
    }

    @Test
    void runWritesEveryExportAndExitsZero() throws IOException {
        Path config = TestRuns.config(dir, "quickstart");
        Path out = dir.resolve("out");

        int code = run("--config", config.toString(), "--out", out.toString());

        assertThat(code).as(err()).isEqualTo(Runner.OK);
        assertThat(err()).isEmpty();
        assertThat(TestRuns.listing(out)).containsExactlyInAnyOrderElementsOf(Exports.FILES);
        assertThat(dataRows(out.resolve("rounds.csv"))).isEqualTo(20 + 1);
        assertThat(dataRows(out.resolve("client_rounds.csv"))).isEqualTo(20 * 5);
        assertThat(out()).contains("5 clients, 20 rounds of fedavg").contains("wrote config.json, data.csv")
                .contains(out.toString());
        assertThat(TestRuns.listing(dir)).containsExactlyInAnyOrder("quickstart.json", "out");
    }

    @Test
    void theRunnerComputesWhatTheEngineComputes() throws IOException {
        Path config = TestRuns.config(dir, "quickstart");
        Path out = dir.resolve("out");
        assertThat(run("--config", config.toString(), "--out", out.toString())).isEqualTo(Runner.OK);

        RoundEngine engine = TestRuns.engine(config);
        engine.runRounds(20);
        Path direct = dir.resolve("direct");
        Exports.writeAll(engine, engine.settings(), direct);
        assertThat(Files.readString(out.resolve("rounds.csv"))).isEqualTo(Files.readString(direct.resolve("rounds.csv")));
        assertThat(Files.readString(out.resolve("client_rounds.csv")))
                .isEqualTo(Files.readString(direct.resolve("client_rounds.csv")));
        // the final line printed is the last round's
        String[] last = Files.readString(out.resolve("rounds.csv")).lines().reduce((a, b) -> b).orElseThrow().split(",");
        assertThat(out()).contains("final w = " + last[1] + ", b = " + last[2] + ", train loss " + last[3]);
    }

    @Test
    void roundsAndSeedOverrideTheFile() throws IOException {
        Path config = TestRuns.config(dir, "quickstart");
        Path a = dir.resolve("a");
        assertThat(run("--config", config.toString(), "--rounds", "3", "--out", a.toString())).isEqualTo(Runner.OK);
        assertThat(dataRows(a.resolve("rounds.csv"))).isEqualTo(3 + 1);
        assertThat(SettingsFiles.read(a.resolve("config.json")).rounds()).isEqualTo(3);
        assertThat(out()).contains("20 rounds".replace("20", "3"));

        Path b = dir.resolve("b");
        assertThat(run("--config", config.toString(), "--rounds", "3", "--seed", "99", "--out", b.toString()))
                .isEqualTo(Runner.OK);
        assertThat(SettingsFiles.read(b.resolve("config.json")).seed()).isEqualTo(99L);
        assertThat(Files.readString(b.resolve("data.csv"))).isNotEqualTo(Files.readString(a.resolve("data.csv")));

        Path zero = dir.resolve("zero");
        assertThat(run("--config", config.toString(), "--rounds", "0", "--out", zero.toString())).isEqualTo(Runner.OK);
        assertThat(dataRows(zero.resolve("rounds.csv"))).isEqualTo(1);
    }

    @Test
    void theWrittenConfigRunsAgainToTheSameRounds() throws IOException {
        Path config = TestRuns.config(dir, "hospitals");
        Path first = dir.resolve("first");
        assertThat(run("--config", config.toString(), "--rounds", "4", "--out", first.toString())).isEqualTo(Runner.OK);
        Path second = dir.resolve("second");
        assertThat(run("--config", first.resolve("config.json").toString(), "--out", second.toString()))
                .isEqualTo(Runner.OK);
        assertThat(Files.readString(second.resolve("rounds.csv"))).isEqualTo(Files.readString(first.resolve("rounds.csv")));
    }

    @Test
    void aCsvDataSetIsFoundBesideTheConfigAndTheWrittenConfigRunsFromAnywhere() throws IOException {
        StringBuilder csv = new StringBuilder("x,y,site\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i * 0.1).append(',').append(3 * i * 0.1 - 1).append(',').append(i % 3 == 0 ? "A" : "B")
                    .append('\n');
        }
        csv.append("oops,1,A\n");
        Path data = Files.createDirectories(dir.resolve("class"));
        Files.writeString(data.resolve("points.csv"), csv);
        Path config = TestRuns.write(data.resolve("points.json"), "{ \"rounds\": 2, \"dataset\": { \"kind\": \"csv\","
                + " \"path\": \"points.csv\", \"xColumn\": \"x\", \"yColumn\": \"y\", \"groupColumn\": \"site\" },"
                + " \"clients\": { \"count\": 2 }, \"partition\": { \"kind\": \"natural\" } }");
        Path out = dir.resolve("out");

        assertThat(run("--config", config.toString(), "--out", out.toString())).as(err()).isEqualTo(Runner.OK);
        assertThat(out()).contains("1 row of the data file was skipped");
        String path = SettingsFiles.read(out.resolve("config.json")).dataset().path();
        assertThat(Path.of(path)).isAbsolute().isEqualTo(data.resolve("points.csv").toAbsolutePath().normalize());

        Path again = dir.resolve("again");
        assertThat(run("--config", out.resolve("config.json").toString(), "--out", again.toString()))
                .isEqualTo(Runner.OK);
        assertThat(Files.readString(again.resolve("rounds.csv"))).isEqualTo(Files.readString(out.resolve("rounds.csv")));
    }

    // --- help and bad arguments ---

    @Test
    void withANaturalPartitionTheWrittenConfigSaysHowManyClientsTheGroupsMade() throws IOException {
        // anscombe.json gives no count; its four series make four clients
        Path config = dir.resolve("anscombe.json");
        Files.writeString(config, TestRuns.configText("anscombe"));
        Path out = dir.resolve("out");

        assertThat(run("--config", config.toString(), "--rounds", "1", "--out", out.toString())).isZero();

        assertThat(out()).contains("4 clients");
        assertThat(SettingsFiles.read(out.resolve("config.json")).clients().count()).isEqualTo(4);
        // names for the four series are accepted, whatever count the file gives
        Files.writeString(config, TestRuns.configText("anscombe").replace("\"clients\": {",
                "\"clients\": { \"names\": [\"I\", \"II\", \"III\", \"IV\"],"));
        assertThat(run("--config", config.toString(), "--rounds", "1", "--out", dir.resolve("named").toString()))
                .as(err()).isZero();
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        for (String h : List.of("--help", "-h")) {
            assertThat(run(h)).isEqualTo(Runner.OK);
            assertThat(out()).startsWith("Usage: fedstep run --config FILE [--rounds N] [--seed S] --out DIR")
                    .contains("--rounds N").contains("Exit codes");
            assertThat(err()).isEmpty();
        }
    }

    @Test
    void badArgumentsExitTwoAndSayWhy() throws IOException {
        Path config = TestRuns.config(dir, "quickstart");
        Path out = dir.resolve("out");
        String c = config.toString();
        String o = out.toString();

        assertThat(run("--out", o)).isEqualTo(Runner.BAD_INPUT);
        assertThat(err()).contains("--config and --out are required").contains("fedstep run --help");
        assertThat(run("--config", c)).isEqualTo(Runner.BAD_INPUT);
        assertThat(err()).contains("--config and --out are required");
        assertThat(run()).isEqualTo(Runner.BAD_INPUT);
        assertThat(run("--config", c, "--out", o, "--fast")).isEqualTo(Runner.BAD_INPUT);
        assertThat(err()).contains("unknown option \"--fast\"");
        assertThat(run("--config", c, "--out")).isEqualTo(Runner.BAD_INPUT);
        assertThat(err()).contains("--out needs a value");
        assertThat(run("--config", c, "--out", o, "--rounds", "ten")).isEqualTo(Runner.BAD_INPUT);
        assertThat(err()).contains("--rounds must be a whole number (found \"ten\")");
        assertThat(run("--config", c, "--out", o, "--rounds", "-1")).isEqualTo(Runner.BAD_INPUT);
        assertThat(err()).contains("--rounds must be from 0 to 1000000 (found -1)");
        assertThat(run("--config", c, "--out", o, "--seed", "1.5")).isEqualTo(Runner.BAD_INPUT);
        assertThat(err()).contains("--seed must be a whole number (found \"1.5\")");

        assertThat(out).doesNotExist();
        assertThat(TestRuns.listing(dir)).containsExactly("quickstart.json");
    }

    @Test
    void aMissingConfigFileIsNamedAndNothingIsWritten() throws IOException {
        Path missing = dir.resolve("nope.json");
        Path out = dir.resolve("out");
        assertThat(run("--config", missing.toString(), "--out", out.toString())).isEqualTo(Runner.BAD_INPUT);
        assertThat(err()).contains(missing.toString()).contains("no such file");
        assertThat(out).doesNotExist();
        assertThat(TestRuns.listing(dir)).isEmpty();
    }

    @Test
    void aBadConfigIsNamedWithTheSettingAndNothingIsWritten() throws IOException {
        Path config = TestRuns.write(dir.resolve("bad.json"),
                quickstartWith("\"learningRate\": 0.1", "\"learningRate\": -0.1"));
        Path out = dir.resolve("out");
        assertThat(run("--config", config.toString(), "--out", out.toString())).isEqualTo(Runner.BAD_INPUT);
        assertThat(err()).contains("bad.json: training.learningRate must be greater than 0 (found -0.1)");
        assertThat(out()).isEmpty();
        assertThat(out).doesNotExist();
        assertThat(TestRuns.listing(dir)).containsExactly("bad.json");
    }

    @Test
    void aBadConfigLeavesAnExistingFolderAsItWas() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("rounds.csv"), "from last week");
        Files.writeString(out.resolve("notes.txt"), "mine");
        Path config = TestRuns.write(dir.resolve("bad.json"),
                quickstartWith("\"clientFraction\": 1.0", "\"clientFraction\": 0"));
        assertThat(run("--config", config.toString(), "--out", out.toString())).isEqualTo(Runner.BAD_INPUT);
        assertThat(err()).contains("strategy.clientFraction must be greater than 0 and at most 1 (found 0)");
        assertThat(TestRuns.listing(out)).containsExactly("notes.txt", "rounds.csv");
        assertThat(Files.readString(out.resolve("rounds.csv"))).isEqualTo("from last week");
        assertThat(TestRuns.listing(dir)).containsExactlyInAnyOrder("bad.json", "out");
    }

    @Test
    void brokenJsonAndABadDataFileAreNamed() throws IOException {
        Path out = dir.resolve("out");
        Path broken = TestRuns.write(dir.resolve("broken.json"), quickstartWith("\"rounds\": 20,", "\"rounds\": 20"));
        assertThat(run("--config", broken.toString(), "--out", out.toString())).isEqualTo(Runner.BAD_INPUT);
        assertThat(err()).contains("broken.json: line 2, column ");

        Files.writeString(dir.resolve("d.csv"), "a,b\n1,2\n");
        Path csv = TestRuns.write(dir.resolve("csv.json"), "{ \"dataset\": { \"kind\": \"csv\", \"path\": \"d.csv\","
                + " \"xColumn\": \"x\", \"yColumn\": \"b\" } }");
        assertThat(run("--config", csv.toString(), "--out", out.toString())).isEqualTo(Runner.BAD_INPUT);
        assertThat(err()).contains("d.csv, line 1, column \"x\": there is no such column in the header row;"
                + " the columns are a, b");

        Path tooMany = TestRuns.write(dir.resolve("many.json"), "{ \"dataset\": { \"kind\": \"csv\", \"path\":"
                + " \"d.csv\", \"xColumn\": \"a\", \"yColumn\": \"b\" }, \"clients\": { \"count\": 4 } }");
        assertThat(run("--config", tooMany.toString(), "--out", out.toString())).isEqualTo(Runner.BAD_INPUT);
        assertThat(err()).contains("many.json: clients.count (4) is more than the 1");
        assertThat(out).doesNotExist();
    }

    @Test
    void anOutputPathThatIsAFileIsRefused() throws IOException {
        Path config = TestRuns.config(dir, "quickstart");
        Path file = Files.writeString(dir.resolve("results"), "keep");
        assertThat(run("--config", config.toString(), "--out", file.toString())).isEqualTo(Runner.BAD_INPUT);
        assertThat(err()).contains("is a file, not a folder");
        assertThat(Files.readString(file)).isEqualTo("keep");
    }

    @Test
    void aFolderThatCannotBeWrittenExitsOne() throws IOException {
        Path config = TestRuns.config(dir, "quickstart");
        Files.writeString(dir.resolve("blocker"), "a file");
        Path out = dir.resolve("blocker/out");
        assertThat(run("--config", config.toString(), "--out", out.toString())).isEqualTo(Runner.FAILED);
        assertThat(err()).contains("could not write the results to " + out);
        assertThat(TestRuns.listing(dir)).containsExactlyInAnyOrder("blocker", "quickstart.json");
    }

    // --- divergence ---

    @Test
    void aDivergingRunExitsThreeSayingWhereAndWritesTheRoundsBeforeIt() throws IOException {
        Path config = TestRuns.write(dir.resolve("fast.json"),
                quickstartWith("\"learningRate\": 0.1", "\"learningRate\": 1000"));
        Path out = dir.resolve("out");

        int code = run("--config", config.toString(), "--out", out.toString());

        assertThat(code).isEqualTo(Runner.DIVERGED);
        assertThat(err()).contains("diverged in round ").contains("the rounds before it are written");
        int round = Integer.parseInt(err().replaceAll("(?s).*diverged in round (\\d+).*", "$1"));
        assertThat(round).isBetween(1, 20);
        assertThat(TestRuns.listing(out)).containsExactlyInAnyOrderElementsOf(Exports.FILES);
        // rounds 0 .. round - 1 are complete, with finite models and losses (test_loss is NaN: no test rows)
        List<String> rows = Files.readString(out.resolve("rounds.csv")).lines().skip(1).toList();
        assertThat(rows).hasSize(round);
        for (int r = 0; r < round; r++) {
            String[] cells = rows.get(r).split(",");
            assertThat(cells[0]).isEqualTo(Integer.toString(r));
            for (int c : new int[] {1, 2, 3, 5}) {
                assertThat(Double.isFinite(Double.parseDouble(cells[c]))).as(rows.get(r)).isTrue();
            }
            assertThat(cells[4]).isEqualTo("NaN");
        }
    }
}
