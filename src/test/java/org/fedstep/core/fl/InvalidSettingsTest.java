package org.fedstep.core.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fedstep.core.fl.EngineFixtures.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.data.PooledData;
import org.fedstep.core.partition.Partitioners;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.ClientSettings;
import org.fedstep.core.settings.DatasetSettings;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.PartitionSettings;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.SettingsValidator;
import org.fedstep.core.settings.StrategySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings a run cannot use are refused before the engine starts, each problem naming the setting by its path in the
 * settings file. The validator checks what it can without data (SettingsValidator); what needs the data (more clients
 * than rows) is refused where the data are built (DataSets.build). The engine is only ever built from settings that
 * passed both.
 */
class InvalidSettingsTest {

    @TempDir
    Path dir;

    /** Validating raw must fail with one problem naming the setting, and the exception's message must name it too. */
    private static void assertRefused(Settings raw, String setting, String found) {
        assertThatThrownBy(() -> SettingsValidator.validate(raw))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining(setting)
                .satisfies(e -> assertThat(((InvalidSettingsException) e).problems())
                        .anySatisfy(p -> assertThat(p).startsWith(setting).contains(found)));
    }

    @Test
    void zeroClientsAreRefused() {
        assertRefused(settings().clients(0).raw(), "clients.count", "found 0");
    }

    /**
     * DataSets.build hands pooled (sample or csv) data to the partitioner, whose client-count check refuses more
     * clients than rows. Tested on the partitioner directly because reading a csv file fails first (see the disabled
     * test below).
     */
    @Test
    void moreClientsThanRowsAreRefusedWhenPooledDataAreSplit() {
        PooledData three = new PooledData("three.csv", "x", "y", new double[] {1, 2, 3}, new double[] {3, 5, 7},
                null, null, 0);
        for (String kind : List.of(PartitionSettings.IID, PartitionSettings.QUANTITY_SKEW,
                PartitionSettings.FEATURE_SHIFT)) {
            assertThatThrownBy(() -> Partitioners.create(PartitionSettings.of(kind)).split(three, 5, new Rng(1)))
                    .as(kind).isInstanceOf(InvalidSettingsException.class)
                    .hasMessageContaining("clients.count")
                    .hasMessageContaining("5")
                    .hasMessageContaining("3 usable rows");
        }
        // as many clients as rows is fine: one row each
        assertThat(Partitioners.create(PartitionSettings.of(PartitionSettings.IID)).split(three, 3, new Rng(1))
                .clientCount()).isEqualTo(3);
    }

    /** The same refusal where it happens in practice: DataSets.build on a csv file. */
    @Test
    void moreClientsThanRowsAreRefusedWhereTheDataAreBuilt() throws IOException {
        Path csv = dir.resolve("three.csv");
        Files.writeString(csv, "x,y\n1,3\n2,5\n3,7\n");
        Settings s = SettingsValidator.validate(new Settings(null, 1L, 5,
                DatasetSettings.csv(csv.toString(), "x", "y", null),
                new ClientSettings(5, null, null, null, null, null), PartitionSettings.of(PartitionSettings.IID),
                null, null, null));
        assertThatThrownBy(() -> DataSets.build(s, null)).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("clients.count")
                .hasMessageContaining("5")
                .hasMessageContaining("3 usable rows");
        Settings ok = SettingsValidator.validate(new Settings(null, 1L, 5,
                DatasetSettings.csv(csv.toString(), "x", "y", null),
                new ClientSettings(3, null, null, null, 0.0, null), PartitionSettings.of(PartitionSettings.IID),
                null, null, null));
        FederatedData data = DataSets.build(ok, null);
        assertThat(data.clientCount()).isEqualTo(3);
        assertThat(data.trainSize()).isEqualTo(3);
    }

    @Test
    void syntheticClientsWithNoRowsOrAMiscountedSizeListAreRefused() {
        Settings base = settings().clients(3).raw();
        Settings emptyClient = base.withClients(new ClientSettings(3, List.of(10, 0, 10), null, null, null, null));
        assertRefused(emptyClient, "clients.samples[1]", "found 0");
        Settings miscounted = base.withClients(new ClientSettings(3, List.of(10, 10), null, null, null, null));
        assertRefused(miscounted, "clients.samples", "found 2");
    }

    @Test
    void aNegativeOrZeroLearningRateIsRefused() {
        assertRefused(settings().learningRate(-0.1).raw(), "training.learningRate", "found -0.1");
        assertRefused(settings().learningRate(0).raw(), "training.learningRate", "found 0");
        assertRefused(settings().learningRate(Double.NaN).raw(), "training.learningRate", "NaN");
    }

    @Test
    void aDirichletAlphaOfZeroOrLessIsRefused() {
        for (double alpha : new double[] {0.0, -1.0}) {
            Settings raw = new Settings(null, 1L, 5, DatasetSettings.csv("data.csv", "x", "y", "group"),
                    new ClientSettings(3, null, null, null, null, null),
                    new PartitionSettings(PartitionSettings.DIRICHLET, null, alpha, null, null), null, null, null);
            assertRefused(raw, "partition.alpha", "must be greater than 0");
        }
    }

    @Test
    void anUnknownStrategyNameIsRefused() {
        assertRefused(settings().strategy("fedfoo").raw(), "strategy.kind", "\"fedfoo\"");
        // the message lists the names that are known
        assertThatThrownBy(() -> SettingsValidator.validate(settings().strategy("FedAvg").raw()))
                .hasMessageContaining("fedavg, fedsgd, fedprox");
    }

    @Test
    void aClientFractionOfZeroOrAboveOneIsRefused() {
        assertRefused(settings().fraction(0).raw(), "strategy.clientFraction", "found 0");
        assertRefused(settings().fraction(-0.5).raw(), "strategy.clientFraction", "found -0.5");
        assertRefused(settings().fraction(1.5).raw(), "strategy.clientFraction", "found 1.5");
        assertRefused(settings().fraction(Double.NaN).raw(), "strategy.clientFraction", "NaN");
        // the edges that are allowed
        assertThat(SettingsValidator.validate(settings().fraction(1.0).raw()).strategy().clientFraction())
                .isEqualTo(1.0);
        assertThat(SettingsValidator.validate(settings().fraction(0.001).raw()).strategy().clientFraction())
                .isEqualTo(0.001);
    }

    @Test
    void aDropoutProbabilityOutsideZeroToOneIsRefused() {
        assertRefused(settings().dropout(-0.1).raw(), "strategy.dropoutProbability", "found -0.1");
        assertRefused(settings().dropout(1.0).raw(), "strategy.dropoutProbability", "found 1");
        assertRefused(settings().dropout(2.0).raw(), "strategy.dropoutProbability", "found 2");
        assertThat(SettingsValidator.validate(settings().dropout(0.0).raw()).strategy().dropoutProbability())
                .isZero();
        assertThat(SettingsValidator.validate(settings().dropout(0.99).raw()).strategy().dropoutProbability())
                .isEqualTo(0.99);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Settings raw = settings().clients(0).learningRate(-1).fraction(2).dropout(1).strategy(StrategySettings.FEDAVG)
                .raw();
        assertThatThrownBy(() -> SettingsValidator.validate(raw)).isInstanceOf(InvalidSettingsException.class)
                .satisfies(e -> assertThat(((InvalidSettingsException) e).problems())
                        .anySatisfy(p -> assertThat(p).startsWith("clients.count"))
                        .anySatisfy(p -> assertThat(p).startsWith("training.learningRate"))
                        .anySatisfy(p -> assertThat(p).startsWith("strategy.clientFraction"))
                        .anySatisfy(p -> assertThat(p).startsWith("strategy.dropoutProbability")));
    }
}
