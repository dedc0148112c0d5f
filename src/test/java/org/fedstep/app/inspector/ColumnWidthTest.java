package org.fedstep.app.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnWidthTest {

    @Test
    void chineseCharactersCountTwiceInAColumnsWidth() {
        assertThat(InspectorPane.displayLength("Client 3")).isEqualTo(8);
        assertThat(InspectorPane.displayLength("客户端 3")).isEqualTo(8);
        assertThat(InspectorPane.displayLength("（z）")).isEqualTo(5);
    }
}
