package org.workcell.core.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.workcell.core.json.Json;
import org.workcell.core.problem.Problem.FieldError;

class ProblemTest {

    @ParameterizedTest
    @EnumSource(ProblemKind.class)
    void jsonTypeIsTheWorkcellProblemUrnOfTheKindsCode(ProblemKind kind) throws IOException {
        JsonNode json = Json.MAPPER.readTree(Json.write(Problem.of(kind, "what happened")));

        assertThat(json.get("type").asText()).isEqualTo("urn:workcell:problem:" + kind.code());
        assertThat(json.get("title").asText()).isEqualTo(kind.title());
        assertThat(json.get("status").asInt()).isEqualTo(kind.status());
        assertThat(json.get("detail").asText()).isEqualTo("what happened");
    }

    @Test
    void jsonOmitsEmptyFields() throws IOException {
        JsonNode json = Json.MAPPER.readTree(Json.write(Problem.of(ProblemKind.NOT_FOUND, "device d-1 does not exist")));

        assertThat(json.has("instance")).isFalse();
        assertThat(json.has("errors")).isFalse();
        assertThat(json.size()).isEqualTo(4);
    }

    @Test
    void jsonOmitsAnEmptyDetailAndInstance() throws IOException {
        Problem problem = new Problem("urn:workcell:problem:internal", "Internal error", 500, "", "", List.of());

        JsonNode json = Json.MAPPER.readTree(Json.write(problem));

        assertThat(json.has("detail")).isFalse();
        assertThat(json.has("instance")).isFalse();
    }

    @Test
    void jsonCarriesInstanceAndFieldErrorsWhenPresent() throws IOException {
        Problem problem = Problem.invalid("2 fields are wrong", List.of(
                new FieldError("wipeAfter", "must be longer than disableAfter"), new FieldError("pinMinLength", "must be between 4 and 32")))
                .withInstance("/api/groups/7/policy");

        JsonNode json = Json.MAPPER.readTree(Json.write(problem));

        assertThat(json.get("instance").asText()).isEqualTo("/api/groups/7/policy");
        assertThat(json.get("errors")).hasSize(2);
        assertThat(json.get("errors").get(0).get("field").asText()).isEqualTo("wipeAfter");
        assertThat(json.get("errors").get(1).get("message").asText()).isEqualTo("must be between 4 and 32");
        assertThat(json.get("status").asInt()).isEqualTo(400);
    }

    @Test
    void jsonRoundTripGivesAnEqualProblem() throws IOException {
        Problem problem = Problem.invalid("bad", List.of(new FieldError("name", "is required"))).withInstance("/x");

        assertThat(Json.read(Json.write(problem), Problem.class)).isEqualTo(problem);
    }

    @Test
    void jsonOfAProblemWithoutErrorsReadsBackWithAnEmptyList() throws IOException {
        Problem problem = Problem.of(ProblemKind.CONFLICT, "already exists");

        Problem read = Json.read(Json.write(problem), Problem.class);

        assertThat(read).isEqualTo(problem);
        assertThat(read.errors()).isEmpty();
    }

    @Test
    void toMessageIsTheDetailThenOneIndentedLinePerFieldError() {
        Problem problem = Problem.invalid("the policy is not valid", List.of(
                new FieldError("wipeAfter", "must be longer than disableAfter (1d)"),
                new FieldError("pinMinLength", "must be between 4 and 32")));

        assertThat(problem.toMessage().lines().toList()).containsExactly(
                "the policy is not valid",
                "  wipeAfter: must be longer than disableAfter (1d)",
                "  pinMinLength: must be between 4 and 32");
    }

    @Test
    void toMessageFallsBackToTheTitleWithoutDetail() {
        Problem problem = new Problem("urn:workcell:problem:forbidden", ProblemKind.FORBIDDEN.title(), 403, null, null, null);

        assertThat(problem.toMessage()).isEqualTo(ProblemKind.FORBIDDEN.title());
    }

    @ParameterizedTest
    @EnumSource(ProblemKind.class)
    void codeGivesBackTheKindsCode(ProblemKind kind) {
        assertThat(Problem.of(kind, "x").code()).isEqualTo(kind.code());
    }

    @Test
    void codeOfAForeignTypeIsTheWholeType() {
        Problem foreign = new Problem("https://example.com/probs/out-of-credit", "Out of credit", 403, null, null, null);

        assertThat(foreign.code()).isEqualTo("https://example.com/probs/out-of-credit");
        assertThat(new Problem(null, "t", 500, null, null, null).code()).isNull();
    }

    @Test
    void errorsAreACopyThatCannotChangeAfterwards() {
        List<FieldError> errors = new ArrayList<>(List.of(new FieldError("a", "b")));
        Problem problem = Problem.invalid("x", errors);

        errors.add(new FieldError("c", "d"));

        assertThat(problem.errors()).hasSize(1);
        assertThat(problem.withInstance("/i").errors()).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> problem.errors().add(new FieldError("e", "f")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullErrorsBecomeAnEmptyList() {
        assertThat(new Problem("t", "t", 400, "d", null, null).errors()).isEmpty();
    }

    @Test
    void problemKindsHaveDistinctCodesAndErrorStatuses() {
        assertThat(Arrays.stream(ProblemKind.values()).map(ProblemKind::code)).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches("[a-z]+(-[a-z]+)*"));
        assertThat(Arrays.stream(ProblemKind.values()).map(ProblemKind::status)).allSatisfy(s -> assertThat(s).isBetween(400, 599));
    }

    // ---------------------------------------------------------------- ProblemException

    @Test
    void problemExceptionMessageIsTheProblemsMessage() {
        ProblemException e = ProblemException.invalid("pinMinLength", "must be between 4 and 32");

        assertThat(e.problem().status()).isEqualTo(ProblemKind.INVALID_REQUEST.status());
        assertThat(e.problem().errors()).containsExactly(new FieldError("pinMinLength", "must be between 4 and 32"));
        assertThat(e.getMessage()).isEqualTo(e.problem().toMessage()).contains("pinMinLength").contains("must be between 4 and 32");
    }

    @Test
    void problemExceptionFactoriesChooseTheirKinds() {
        assertThat(ProblemException.notFound("group 'sales'").problem().code()).isEqualTo(ProblemKind.NOT_FOUND.code());
        assertThat(ProblemException.notFound("group 'sales'").getMessage()).contains("group 'sales'");
        assertThat(ProblemException.conflict("name taken").problem().status()).isEqualTo(ProblemKind.CONFLICT.status());
        assertThat(new ProblemException(ProblemKind.LOCKED, "wait").problem().code()).isEqualTo(ProblemKind.LOCKED.code());
    }

    @Test
    void problemExceptionIsCheapToThrow() {
        // It is control flow to the edge, not a bug report: no stack trace is captured.
        assertThat(ProblemException.conflict("x").getStackTrace()).isEmpty();
    }

    @Test
    void parseReadsWhatAServerSentAndIgnoresExtensionMembers() {
        Problem sent = Problem.invalid("email: is not an e-mail address", List.of(new FieldError("email", "is not an e-mail address")))
                .withInstance("/api/v1/users");
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.valueToTree(sent);
        tree.put("traceId", "abc123"); // an extension member this client does not know
        assertThat(Problem.parse(Json.write(tree))).contains(sent);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "not json", "<html>502 Bad Gateway</html>", "[1,2]", "{\"status\": \"x\"}", "null"})
    void parseSaysNothingForWhatIsNotProblemDetails(String body) {
        assertThat(Problem.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEmpty();
    }

    @net.jqwik.api.Property(tries = 300)
    void parseNeverThrowsOnArbitraryBytes(@net.jqwik.api.ForAll byte[] body) {
        Problem.parse(body); // a refused request's body is untrusted input; any outcome but an exception is fine
    }
}
