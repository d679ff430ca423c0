package org.workcell.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.workcell.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "enroll-code", mixinStandardHelpOptions = true,
        description = {"Makes a one-time enrolment code for a user's device.",
                "The code is shown once; the server keeps only its hash. With --json: {\"code\", \"expiresAt\", \"url\"}."})
public final class EnrollCodeCommand extends AdminAction {
    private static final String PNG_DATA_URI = "data:image/png;base64,";

    @Parameters(index = "0", paramLabel = "USER", description = "The user whose device will enrol.")
    String user;

    @Option(names = "--valid-for", paramLabel = "D", description = "How long the code works, e.g. 1h or 7d (default: the server's).")
    String validFor;

    @Option(names = "--qr", paramLabel = "FILE.png", description = "Also write the enrolment link as a QR code (PNG) to this file.")
    Path qr;

    @Override
    void run() {
        AdminClient client = client();
        Map<String, Object> body = validFor == null ? null : Map.of("validFor", validFor);
        JsonNode code = client.post(UserCommand.path(user) + "/enrollment-codes", body);
        // The code exists now and is shown only once: print it even if the QR code cannot be written.
        CliException qrFailure = null;
        if (qr != null) {
            try {
                writeQr(code.path("qrCodePng").asText(""));
            } catch (CliException e) {
                qrFailure = e;
            }
        }
        print(code, qr != null && qrFailure == null);
        if (qrFailure != null) {
            throw qrFailure;
        }
    }

    private void print(JsonNode code, boolean qrWritten) {
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("code", code.path("code").asText());
            result.put("expiresAt", code.path("expiresAt").asText());
            result.put("url", code.path("url").asText());
            printJson(result);
            return;
        }
        println(code.path("code").asText());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("URL", code.path("url").asText());
        fields.put("Expires", Text.time(code.path("expiresAt")));
        fields.put("User", Text.str(code.path("user"), user));
        if (qrWritten) {
            fields.put("QR code", qr.toString());
        }
        Text.fields(out(), "", fields);
    }

    private void writeQr(String dataUri) {
        if (!dataUri.startsWith(PNG_DATA_URI)) {
            throw new CliException("the server sent no PNG QR code; the enrolment code above works all the same");
        }
        byte[] png;
        try {
            png = Base64.getDecoder().decode(dataUri.substring(PNG_DATA_URI.length()));
        } catch (IllegalArgumentException e) {
            throw new CliException("the server's QR code is not valid base64: " + e.getMessage());
        }
        try {
            Files.write(qr, png);
        } catch (IOException e) {
            throw new CliException("cannot write the QR code to " + qr + ": " + e.getMessage());
        }
    }
}
