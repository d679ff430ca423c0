package org.workcell.thinclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ThinClientPageTest {
    private static String text(String name) {
        return new String(ThinClientPage.asset(name).orElseThrow().body(), StandardCharsets.UTF_8);
    }

    private static List<String> matches(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void everyFileThePageTheManifestAndTheServiceWorkerNameIsServed() {
        List<String> named = new ArrayList<>();
        named.addAll(matches(text(""), "(?:src|href)=\"([^\"]+)\""));
        named.addAll(matches(text("manifest.webmanifest"), "\"src\": \"([^\"]+)\""));
        String shell = text("sw.js");
        named.addAll(matches(shell.substring(shell.indexOf("const SHELL"), shell.indexOf("];", shell.indexOf("const SHELL"))), "'([^']+)'"));
        named.addAll(matches(text("display-worker.js"), "importScripts\\('([^']+)'\\)"));
        named.addAll(matches(text("app.js"), "new Worker\\('([^']+)'\\)"));
        assertThat(named).hasSizeGreaterThan(10);
        for (String name : named) {
            String file = name.equals("./") ? "" : name;
            assertThat(ThinClientPage.asset(file)).as(name).isPresent();
        }
        assertThat(ThinClientPage.asset("../pom.xml")).isEmpty();
        assertThat(ThinClientPage.asset("nothing.js")).isEmpty();
    }

    @Test
    void thePageRunsNoInlineScriptOrStyleSoItsPolicyCanForbidThem() {
        String page = text("");
        assertThat(page).doesNotContain("<script>").doesNotContain("<style").doesNotContain(" style=").doesNotContainPattern(" on[a-z]+=");
        assertThat(ThinClientPage.CONTENT_SECURITY_POLICY).contains("script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    }

    @Test
    void theInstallIconsArePngsOfTheirStatedSize() throws Exception {
        for (int size : new int[] {192, 512}) {
            var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(ThinClientPage.asset("icon-" + size + ".png").orElseThrow().body()));
            assertThat(image.getWidth()).isEqualTo(size);
            assertThat(image.getHeight()).isEqualTo(size);
        }
    }
}
