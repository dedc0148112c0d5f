package org.fedstep.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The version a user cites is the same everywhere: the pom, the CHANGELOG's newest entry, README, the installers. */
class VersionDocsTest {

    private static String pomVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>fedstep</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void theChangelogsNewestEntryIsThePomsVersion() throws IOException {
        String version = pomVersion();
        assertThat(version).as("a release version, as jpackage wants it").matches("\\d+\\.\\d+\\.\\d+");
        String changelog = Files.readString(Path.of("CHANGELOG.md"));
        Matcher first = Pattern.compile("^## (\\S+)", Pattern.MULTILINE).matcher(changelog);
        assertThat(first.find()).isTrue();
        assertThat(first.group(1)).isEqualTo(version);
    }

    @Test
    void readmeAndTheInstallersReadmeNameThisVersionsPackages() throws IOException {
        String version = pomVersion();
        assertThat(Files.readString(Path.of("README.md"))).contains("Version " + version)
                .contains("fedstep_" + version + "-1_amd64.deb");
        assertThat(Files.readString(Path.of("installers/README.md"))).contains("fedstep_" + version + "-1_amd64.deb")
                .contains("FedStep-" + version + ".msi");
    }

    @Test
    void theUserGuidesPicturesExistAndBothLanguagesHaveTheSameSections() throws IOException {
        for (String guide : new String[] {"docs/user-guide.md", "docs/user-guide.zh.md"}) {
            Matcher picture = Pattern.compile("!\\[[^\\]]*\\]\\(([^)]+)\\)").matcher(Files.readString(Path.of(guide)));
            int pictures = 0;
            while (picture.find()) {
                pictures++;
                assertThat(Path.of("docs").resolve(picture.group(1))).as(guide + ": " + picture.group(1)).exists();
            }
            assertThat(pictures).as(guide).isGreaterThanOrEqualTo(8);
        }
        assertThat(sections("docs/user-guide.zh.md")).isEqualTo(sections("docs/user-guide.md"));
    }

    private static long sections(String file) throws IOException {
        return Files.readString(Path.of(file)).lines().filter(l -> l.matches("## \\d+\\. .*")).count();
    }
}
