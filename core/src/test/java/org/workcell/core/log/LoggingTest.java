package org.workcell.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStandardError() {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        Logging.configure(Logging.Format.TEXT, "warn");
    }

    private String output() {
        System.err.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static ch.qos.logback.classic.Logger logbackLogger(String name) {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(name);
    }

    @Test
    void textFormatWritesMessageLevelAndKeyValuePairsToStandardError() {
        Logging.configure(Logging.Format.TEXT, "info");
        Logger log = LoggerFactory.getLogger("org.workcell.test.Lease");

        log.atInfo().addKeyValue("device", "d-42").addKeyValue("sequence", 7).log("lease issued");

        String out = output();
        assertThat(out).contains("INFO").contains("Lease").contains("lease issued").contains("device=d-42").contains("sequence=7");
        assertThat(out.lines().toList()).hasSize(1);
        assertThat(out.lines().findFirst().orElseThrow()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z .*");
    }

    @Test
    void jsonFormatWritesOneJsonObjectPerEventWithTheFormattedMessageAndPairs() throws Exception {
        Logging.configure(Logging.Format.JSON, "info");
        Logger log = LoggerFactory.getLogger("org.workcell.test.Enrollment");

        log.atWarn().addKeyValue("code", "abc").log("enrolment code {} expired", "abc");
        log.info("second");

        List<String> lines = output().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("level").asText()).isEqualTo("WARN");
        assertThat(first.get("loggerName").asText()).isEqualTo("org.workcell.test.Enrollment");
        assertThat(first.get("formattedMessage").asText()).isEqualTo("enrolment code abc expired");
        assertThat(first.toString()).contains("\"code\"").contains("\"abc\"");
        assertThat(first.has("arguments")).isFalse();
        assertThat(new ObjectMapper().readTree(lines.get(1)).get("formattedMessage").asText()).isEqualTo("second");
    }

    @Test
    void levelIsAppliedToTheRootLogger() {
        Logging.configure(Logging.Format.TEXT, "warn");
        Logger log = LoggerFactory.getLogger("org.workcell.test.Levels");

        log.info("hidden");
        log.warn("shown");

        assertThat(output()).doesNotContain("hidden").contains("shown");
        assertThat(logbackLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void levelNameIsCaseInsensitive() {
        Logging.configure(Logging.Format.TEXT, "Debug");

        assertThat(logbackLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
    }

    @Test
    void unknownLevelFallsBackToInfo() {
        Logging.configure(Logging.Format.TEXT, "chatty");

        assertThat(logbackLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void chattyLibrariesAreHeldToWarningsEvenAtDebug() {
        Logging.configure(Logging.Format.TEXT, "debug");
        LoggerFactory.getLogger("org.eclipse.jetty.server.Server").info("jetty started");
        LoggerFactory.getLogger("com.zaxxer.hikari.pool.HikariPool").warn("pool trouble");
        LoggerFactory.getLogger("org.workcell.server.Main").debug("own debug");

        assertThat(output()).doesNotContain("jetty started").contains("pool trouble").contains("own debug");
    }

    @Test
    void configuringTwiceDoesNotDuplicateOutput() {
        Logging.configure(Logging.Format.TEXT, "info");
        Logging.configure(Logging.Format.TEXT, "info");

        LoggerFactory.getLogger("org.workcell.test.Twice").info("once");

        assertThat(output().lines().filter(l -> l.contains("once")).count()).isEqualTo(1);
    }
}
