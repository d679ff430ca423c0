package org.workcell.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandTypeTest {

    @ParameterizedTest
    @EnumSource(CommandType.class)
    void wireNameIsTheLowerCaseNameAndParsesBack(CommandType type) {
        assertThat(type.wireName()).isEqualTo(type.name().toLowerCase(java.util.Locale.ROOT));
        assertThat(CommandType.parse(type.wireName())).isSameAs(type);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"LOCK", "Lock", " lock", "lock ", "reboot", "wipe!", "lоck"})
    void parseRejectsAnythingButAnExactWireName(String text) {
        assertThatThrownBy(() -> CommandType.parse(text))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope"})
    void parseErrorListsEveryCommand(String text) {
        assertThatThrownBy(() -> CommandType.parse(text))
                .hasMessageContainingAll(Arrays.stream(CommandType.values()).map(CommandType::wireName).toArray(String[]::new));
    }
}
