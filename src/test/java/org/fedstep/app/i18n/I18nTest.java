package org.fedstep.app.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fedstep.core.fl.Phase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** English and Chinese are both complete, and every text the code asks for exists. */
class I18nTest {

    @AfterEach
    void english() {
        I18n.use(Locale.ENGLISH, false);
    }

    private static Properties load(String bundle, String suffix) throws IOException {
        Properties p = new Properties();
        String resource = "/" + bundle.replace('.', '/') + suffix + ".properties";
        try (InputStream in = I18nTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyBundleHasTheSameKeysInEnglishAndChineseAndNoKeyIsInTwoBundles() throws IOException {
        Map<String, String> owner = new HashMap<>();
        for (String bundle : I18n.bundleNames()) {
            Properties en = load(bundle, "");
            Properties zh = load(bundle, "_zh");
            assertThat(zh.stringPropertyNames()).as(bundle).isEqualTo(en.stringPropertyNames());
            for (String key : en.stringPropertyNames()) {
                String before = owner.put(key, bundle);
                assertThat(before).as("key " + key + " is in " + before + " and " + bundle).isNull();
                assertThat(zh.getProperty(key)).as(key).isNotBlank();
            }
        }
    }

    @Test
    void everyApostropheIsDoubledSoMessageFormatKeepsIt() throws IOException {
        // MessageFormat reads a lone ' as a quote and drops it: "the client's model" would show "the clients model"
        for (String bundle : I18n.bundleNames()) {
            for (String suffix : new String[] {"", "_zh"}) {
                Properties p = load(bundle, suffix);
                for (String key : p.stringPropertyNames()) {
                    String v = p.getProperty(key).replace("''", "").replace("'{'", "").replace("'}'", "");
                    assertThat(v).as(bundle + suffix + " " + key).doesNotContain("'");
                }
            }
        }
    }

    @Test
    void everyLiteralKeyTheCodeUsesExists() throws IOException {
        Set<String> keys = new HashSet<>();
        for (String bundle : I18n.bundleNames()) {
            keys.addAll(load(bundle, "").stringPropertyNames());
        }
        Pattern call = Pattern.compile("I18n\\.t\\(\"([^\"]+)\"");
        Set<String> missing = new HashSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/fedstep/app"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = call.matcher(Files.readString(f));
                while (m.find()) {
                    String key = m.group(1);
                    boolean prefix = key.endsWith("."); // "phase." + p.key(): some key must start with it
                    if (prefix ? keys.stream().noneMatch(k -> k.startsWith(key)) : !keys.contains(key)) {
                        missing.add(m.group(1) + " (" + f.getFileName() + ")");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
        for (Phase p : Phase.values()) {
            assertThat(keys).contains("phase." + p.key(), "loop.caption." + p.key());
        }
    }

    @Test
    void thePhasesUseTheSourceArticlesChineseTerms() {
        I18n.use(Locale.SIMPLIFIED_CHINESE, false);
        assertThat(I18n.t("phase.broadcast")).isEqualTo("模型分发");
        assertThat(I18n.t("phase.local-training")).isEqualTo("本地训练");
        assertThat(I18n.t("phase.upload")).isEqualTo("参数上传");
        assertThat(I18n.t("phase.aggregate")).isEqualTo("参数聚合");
        assertThat(I18n.t("phase.update")).isEqualTo("模型更新");
        I18n.use(Locale.ENGLISH, false);
        assertThat(I18n.t("phase.local-training")).isEqualTo("Local training");
        assertThat(I18n.t("menu.view.clientFits")).isEqualTo("Each client's own least-squares line");
    }
}
