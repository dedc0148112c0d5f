package org.fedstep.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedstep.core.partition.Partition;
import org.fedstep.core.partition.Partitioners;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.ClientSettings;
import org.fedstep.core.settings.DatasetSettings;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.SizeProfile;

/** Builds a federation's data from validated settings: generated on the clients, or loaded, partitioned and split. */
public final class DataSets {

    private DataSets() { }

    /**
     * @param baseDir where a csv data set's relative path is resolved (the settings file's folder), or null for the
     *                working directory
     */
    public static FederatedData build(Settings s, Path baseDir) {
        DatasetSettings d = s.dataset();
        ClientSettings c = s.clients();
        long seed = s.seed();
        if (d.isSynthetic()) {
            int[] sizes = c.samples() != null
                    ? c.samples().stream().mapToInt(Integer::intValue).toArray()
                    : SizeProfile.byKey(c.sizeProfile()).sizes(c.count(), c.samplesPerClient() * c.count(), 1);
            List<ClientData> clients = SyntheticGenerator.generate(d, sizes, names(c, null, sizes.length),
                    c.testFraction(), seed);
            return new FederatedData(d.title() != null ? d.title() : SyntheticGenerator.title(d),
                    d.xLabel(), d.yLabel(), clients, 0);
        }
        PooledData pooled = load(d, baseDir);
        Partition partition = Partitioners.create(s.partition())
                .split(pooled, c.count(), Rng.derive(seed, Rng.Stream.PARTITION, 0, 0));
        List<String> names = names(c, partition.clientNames(), partition.clientCount());
        List<ClientData> clients = new ArrayList<>();
        for (int k = 0; k < partition.clientCount(); k++) {
            int[] rows = partition.rows(k);
            double[] x = new double[rows.length];
            double[] y = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                x[i] = pooled.x(rows[i]);
                y[i] = pooled.y(rows[i]);
            }
            clients.add(TrainTestSplit.split(names.get(k), x, y, c.testFraction(),
                    Rng.derive(seed, Rng.Stream.SPLIT, k, 0), null));
        }
        return new FederatedData(d.title() != null ? d.title() : pooled.name(),
                d.xLabel() != null ? d.xLabel() : pooled.xLabel(),
                d.yLabel() != null ? d.yLabel() : pooled.yLabel(), clients, pooled.skippedRows());
    }

    /**
     * The settings as they ran on these data: with a natural partition the data's groups decide how many clients there
     * are, so clients.count is set to that number (a written config.json then says what really happened).
     */
    public static Settings effective(Settings s, FederatedData data) {
        if (s.clients().count() != null && s.clients().count() == data.clientCount()) {
            return s;
        }
        return s.withClients(s.clients().withCount(data.clientCount()));
    }

    /** The pooled rows of a sample or csv data set. */
    public static PooledData load(DatasetSettings d, Path baseDir) {
        if (DatasetSettings.SAMPLE.equals(d.kind())) {
            return SampleDatasets.load(d.name(), d.xColumn(), d.yColumn(), d.groupColumn());
        }
        Path file = Path.of(d.path());
        if (!file.isAbsolute() && baseDir != null) {
            file = baseDir.resolve(file);
        }
        return CsvLoader.load(file, d.xColumn(), d.yColumn(), d.groupColumn());
    }

    private static List<String> names(ClientSettings c, List<String> fromPartition, int count) {
        if (c.names() != null) {
            if (c.names().size() != count) {
                throw new InvalidSettingsException("clients.names must name each of the " + count
                        + " clients (found " + c.names().size() + " names)");
            }
            return c.names();
        }
        if (fromPartition != null) {
            return fromPartition;
        }
        List<String> out = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            out.add("Client " + k);
        }
        return out;
    }
}
