package io.emporium.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineImageTest {

    @TempDir
    Path directory;

    private EngineImage image() {
        return new EngineImage(directory, directory.resolve("app").resolve("emporium.jar"), "stamp", true, options());
    }

    private Path options() {
        return directory.resolve("emporium.jvm-options");
    }

    @Test
    void startsFromTheAotCacheOnceTrained() throws IOException {
        assertThat(image().jvmArguments()).containsExactly("@" + options());
        assertThat(image().trained()).isFalse();

        Files.writeString(directory.resolve("engine.aot"), "cache");

        assertThat(image().trained()).isTrue();
        assertThat(image().jvmArguments()).containsExactly("@" + options(),
                "-XX:AOTCache=" + directory.resolve("engine.aot"));
        assertThat(image().describe()).contains("JDK AOT cache");
    }

    @Test
    void aProfileWithoutTrainingStartsFromAClassArchiveBesideTheJar() {
        var image = image().withClassArchive();

        assertThat(image.usesAotCache()).isFalse();
        assertThat(image.jvmArguments()).containsExactly("@" + options(), "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + directory.resolve("engine.jsa"));
        assertThat(image.describe()).contains("written by this run's first engine");
    }

    @Test
    void aClassArchiveImageIgnoresAnAotCacheItWasNotAskedFor() throws IOException {
        Files.writeString(directory.resolve("engine.aot"), "cache");
        Files.writeString(directory.resolve("engine.jsa"), "archive");

        var image = image().withClassArchive();

        assertThat(image.trained()).isFalse();
        assertThat(image.jvmArguments()).noneMatch(argument -> argument.startsWith("-XX:AOTCache"));
        assertThat(image.describe()).contains("written by an earlier run's engine");
    }

    @Test
    void theTrainingRunHasTheEnginesOwnOptionsToo() {
        assertThat(image().recordingArguments()).first().isEqualTo("@" + options());
    }

    @Test
    void aJarWithoutItsOptionsBesideItIsRefused() throws IOException {
        var jar = Files.writeString(directory.resolve("emporium.jar"), "not really a jar");

        assertThatThrownBy(() -> EngineImage.of(jar, directory.resolve("extract.log")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("emporium.jvm-options does not exist");
    }
}
