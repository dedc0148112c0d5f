package org.fedstep.app.plots;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The charts texts exist in English and Chinese alike, and every one is a valid MessageFormat pattern. */
class ChartsBundleTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ChartsBundleTest.class.getResourceAsStream("/org/fedstep/app/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void englishAndChineseHaveTheSameKeysAndValidPatterns() throws IOException {
        Properties en = load("charts.properties");
        Properties zh = load("charts_zh.properties");
        assertThat(zh.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        assertThat(en.stringPropertyNames()).contains("params.axis.w", "params.axis.b", "loss.cursor");
        for (Properties p : new Properties[] {en, zh}) {
            for (String key : p.stringPropertyNames()) {
                String text = new MessageFormat(p.getProperty(key), Locale.ROOT).format(new Object[] {10000});
                assertThat(text).as(key).isNotBlank().doesNotContain("{");
            }
        }
        assertThat(new MessageFormat(en.getProperty("params.legend.ownFit")).format(new Object[0]))
                .isEqualTo("clients' own fits");
    }
}
