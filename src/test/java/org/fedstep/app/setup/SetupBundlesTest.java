package org.fedstep.app.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.fedstep.core.data.SampleDatasets;
import org.fedstep.core.settings.DatasetSettings;
import org.fedstep.core.settings.PartitionSettings;
import org.fedstep.core.settings.StrategySettings;
import org.fedstep.core.settings.TrainingSettings;
import org.junit.jupiter.api.Test;

class SetupBundlesTest {

    private static Properties bundle(String suffix) throws IOException {
        Properties p = new Properties();
        try (InputStream in = SetupBundlesTest.class.getResourceAsStream(
                "/org/fedstep/app/i18n/setup" + suffix + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void englishAndChineseHaveTheSameKeysAndEveryTextFormats() throws IOException {
        Properties en = bundle("");
        Properties zh = bundle("_zh");
        assertThat(zh.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        for (Properties p : new Properties[] {en, zh}) {
            for (String key : p.stringPropertyNames()) {
                String text = new MessageFormat(p.getProperty(key), Locale.ROOT)
                        .format(key.equals("preview.title") ? new Object[] {"a", 2, 3, 4} : new Object[] {1, 2, 3, 4});
                assertThat(text).as(key).doesNotContain("{").isNotBlank();
            }
        }
        // an apostrophe must be written '' (MessageFormat): a single one would swallow text
        assertThat(new MessageFormat(en.getProperty("preset.article")).format(new Object[0]))
                .isEqualTo("The article's example");
    }

    @Test
    void everyControlHasALabelATooltipAndNamesForItsChoices() throws IOException {
        Properties en = bundle("");
        for (String key : SetupModel.keys()) {
            if (key.equals(SetupModel.DATA_KIND) || key.equals(SetupModel.CSV_PATH)) {
                continue; // the data kind is three radio buttons (checked below); the path has its button's tooltip
            }
            assertThat(en).as(key).containsKey("label." + key).containsKey("tip." + key);
        }
        assertThat(en).containsKey("tip.dataset.path");
        for (String v : DatasetSettings.KINDS) {
            assertThat(en).containsKey("choice.dataset.kind." + v).containsKey("tip.dataset.kind." + v);
        }
        SampleDatasets.ALL.forEach(s -> assertThat(en).containsKey("choice.dataset.name." + s.name()));
        DatasetSettings.NOISE_KINDS.forEach(v -> assertThat(en).containsKey("choice.dataset.noiseKind." + v));
        SetupModel.PROFILES.forEach(v -> assertThat(en).containsKey("choice.clients.sizeProfile." + v)
                .containsKey("choice.partition.profile." + v));
        PartitionSettings.KINDS.forEach(v -> assertThat(en).containsKey("choice.partition.kind." + v));
        TrainingSettings.OPTIMIZERS.forEach(v -> assertThat(en).containsKey("choice.training.optimizer." + v));
        StrategySettings.KINDS.forEach(v -> assertThat(en).containsKey("choice.strategy.kind." + v));
        StrategySettings.WEIGHTINGS.forEach(v -> assertThat(en).containsKey("choice.strategy.weighting." + v));
        Presets.NAMES.forEach(v -> assertThat(en).containsKey("preset." + v));
    }
}
