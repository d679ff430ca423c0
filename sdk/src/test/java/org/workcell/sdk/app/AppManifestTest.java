package org.workcell.sdk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class AppManifestTest {
    private static final String VALID = """
            id = com.example.expenses
            name = Expenses
            version = 1.2.0
            main = com.example.expenses.ExpensesApp
            icon = STORE
            permissions = notifications, mail.read
            description = File expense reports.
            """;

    private static AppManifest read(String text) throws IOException {
        return AppManifest.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aValidManifestIsReadWithItsPermissions() throws IOException {
        AppManifest m = read(VALID);
        assertThat(m.id()).isEqualTo("com.example.expenses");
        assertThat(m.version()).isEqualTo("1.2.0");
        assertThat(m.mainClass()).isEqualTo("com.example.expenses.ExpensesApp");
        assertThat(m.permissions()).containsExactlyInAnyOrder(Permission.NOTIFICATIONS, Permission.MAIL_READ);
    }

    @Test
    void eachBadFieldIsRefusedWithAMessageNamingIt() {
        assertThatThrownBy(() -> read(VALID.replace("com.example.expenses\n", "Expenses\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app id");
        assertThatThrownBy(() -> read(VALID.replace("name = Expenses", "name = " + "x".repeat(41))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app name");
        assertThatThrownBy(() -> read(VALID.replace("version = 1.2.0", "version = one")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> read(VALID.replace("main = com.example.expenses.ExpensesApp", "main = ../evil")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("main");
        assertThatThrownBy(() -> read(VALID.replace("mail.read", "network.raw")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown permission 'network.raw'");
        assertThatThrownBy(() -> read("name = Expenses\n")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app id");
    }

    @Property(tries = 300)
    void anyTextIsEitherAManifestOrARefusalNeverAnotherFailure(@ForAll String text) {
        try {
            AppManifest m = read(text);
            assertThat(m.id()).isNotBlank();
        } catch (IllegalArgumentException | IOException refused) {
            assertThat(refused.getMessage()).isNotNull();
        }
    }

    @Property(tries = 300)
    void aValidManifestWithOneLineMangledIsEitherValidOrRefused(@ForAll("lineIndex") int line, @ForAll String replacement) {
        String[] lines = VALID.split("\n");
        lines[line] = replacement;
        try {
            read(String.join("\n", lines));
        } catch (IllegalArgumentException | IOException refused) {
            assertThat(refused.getMessage()).isNotNull();
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> lineIndex() {
        return net.jqwik.api.Arbitraries.integers().between(0, 6);
    }
}
