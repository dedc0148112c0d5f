package org.fedstep.core.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.fedstep.core.data.ClientSummary;
import org.fedstep.core.data.PooledData;
import org.fedstep.core.random.Rng;
import org.junit.jupiter.api.Test;

class PartitionReportTest {

    @Test
    void reportGivesSizeRangeMeansAndOwnLineWorkedOutByHand() {
        // client "a": (1, 2), (2, 4), (3, 7); client "b": (10, 5) alone
        double[] x = {1, 10, 2, 3};
        double[] y = {2, 5, 4, 7};
        PooledData data = new PooledData("tiny.csv", "x", "y", x, y, "site", new String[] {"a", "b", "a", "a"}, 0);
        List<ClientSummary> report = new NaturalPartitioner().split(data, 2, new Rng(1)).report(data);

        ClientSummary a = report.get(0);
        assertThat(a.name()).isEqualTo("a");
        assertThat(a.size()).isEqualTo(3);
        assertThat(a.xMin()).isEqualTo(1.0);
        assertThat(a.xMax()).isEqualTo(3.0);
        assertThat(a.xMean()).isEqualTo(2.0);
        assertThat(a.yMean()).isCloseTo(13.0 / 3, within(1e-12));
        // Sxx = 1 + 0 + 1 = 2, Sxy = (-1)(2 - 13/3) + (1)(7 - 13/3) = 5: slope 2.5, intercept 13/3 - 2.5 * 2 = -2/3
        assertThat(a.ownFit().w()).isCloseTo(2.5, within(1e-12));
        assertThat(a.ownFit().b()).isCloseTo(-2.0 / 3, within(1e-12));

        ClientSummary b = report.get(1);
        assertThat(b.size()).isEqualTo(1);
        assertThat(b.xMin()).isEqualTo(10.0);
        assertThat(b.xMax()).isEqualTo(10.0);
        assertThat(b.yMean()).isEqualTo(5.0);
        assertThat(b.ownFit()).as("one point has no least-squares line").isNull();
    }

    @Test
    void reportSizesAddUpAndFollowThePartition() {
        PooledData data = TestData.scrambled("s.csv", 37, 5);
        Partition p = new QuantitySkewPartitioner(org.fedstep.core.settings.SizeProfile.LINEAR)
                .split(data, 3, new Rng(4));
        List<ClientSummary> report = p.report(data);
        assertThat(report).extracting(ClientSummary::size).containsExactly(p.size(0), p.size(1), p.size(2));
        assertThat(report).extracting(ClientSummary::name).containsExactly("Client 1", "Client 2", "Client 3");
        // y = 2x + 1 exactly, so every client's own line is that line
        for (ClientSummary c : report) {
            assertThat(c.ownFit().w()).isCloseTo(2.0, within(1e-9));
            assertThat(c.ownFit().b()).isCloseTo(1.0, within(1e-9));
        }
    }
}
