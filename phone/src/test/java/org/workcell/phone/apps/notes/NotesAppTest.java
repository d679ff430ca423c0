package org.workcell.phone.apps.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.phone.apps.testkit.TestPhone;
import org.workcell.sdk.ui.View;

class NotesAppTest {
    private static final String APP = "org.workcell.notes";

    @TempDir
    Path dir;

    private List<String> storedTexts(TestPhone t) throws IOException {
        Path folder = t.data.resolve("appdata").resolve(APP);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith("note-")).map(f -> {
                Properties p = new Properties();
                try (var in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    p.load(in);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return p.getProperty("text");
            }).sorted().toList();
        }
    }

    private void write(TestPhone t, String text) {
        t.tap("New note");
        t.tap("note text");
        t.type(text);
    }

    @Test
    void aNewNoteIsSavedOnBackAndListedByItsFirstLine() throws IOException {
        TestPhone t = new TestPhone(dir);
        t.open(APP);
        t.await("empty: No notes yet. Tap + to write one.");

        write(t, "Call the dentist\nTuesday after work");
        assertThat(storedTexts(t)).isEmpty(); // nothing is written while typing
        t.back();

        View card = t.await("note Call the dentist");
        assertThat(t.showsText("Tuesday after work")).isTrue();
        assertThat(storedTexts(t)).containsExactly("Call the dentist\nTuesday after work");
        assertThat(card).isNotNull();
    }

    @Test
    void leavingTheAppSavesTheNoteBeingEditedAndReopeningTheNoteShowsIt() throws IOException {
        TestPhone t = new TestPhone(dir);
        t.open(APP);
        write(t, "Draft that must not get lost");
        t.phone.home();
        t.settle();
        assertThat(storedTexts(t)).containsExactly("Draft that must not get lost");

        // A new phone on the same data folder (the process was restarted) lists it.
        TestPhone again = new TestPhone(dir);
        again.open(APP);
        again.tap("note Draft that must not get lost");
        again.tap("note text");
        again.key(org.workcell.sdk.ui.KeyEvent.Key.END);
        again.type(" and more");
        again.back();
        again.await("note Draft that must not get lost and more");
        assertThat(storedTexts(again)).containsExactly("Draft that must not get lost and more");
    }

    @Test
    void newestFirstAndSearch() throws IOException {
        TestPhone t = new TestPhone(dir);
        t.open(APP);
        write(t, "Groceries: apples");
        t.back();
        write(t, "Quarterly review prep");
        t.back();
        write(t, "Apple pie recipe");
        t.back();
        t.await("note Apple pie recipe");

        List<String> order = t.all(v -> v.description() != null && v.description().startsWith("note ") && !v.description().equals("note text"))
                .stream().map(View::description).toList();
        assertThat(order).containsExactly("note Apple pie recipe", "note Quarterly review prep", "note Groceries: apples");

        t.fill("Search notes", "APPLE");
        t.until("search results", () -> !t.shows("note Quarterly review prep"));
        assertThat(t.shows("note Apple pie recipe")).isTrue();
        assertThat(t.shows("note Groceries: apples")).isTrue();

        t.fill("Search notes", "nothing like this");
        t.await("empty: No notes contain \u201cnothing like this\u201d");
    }

    @Test
    void deleteAsksFirstAndCancelKeepsTheNote() throws IOException {
        TestPhone t = new TestPhone(dir);
        t.open(APP);
        write(t, "Keep me for now");
        t.back();
        t.tap("note Keep me for now");

        t.tap("Delete note");
        t.await("dialog Delete this note?");
        t.tap("Cancel");
        assertThat(t.shows("dialog Delete this note?")).isFalse();
        assertThat(storedTexts(t)).containsExactly("Keep me for now");

        t.tap("Delete note");
        t.tap(t.all("Delete").getLast());
        t.await("empty: No notes yet. Tap + to write one.");
        assertThat(storedTexts(t)).isEmpty();
    }

    @Test
    void aNoteEmptiedByTheUserIsDeleted() throws IOException {
        TestPhone t = new TestPhone(dir);
        t.open(APP);
        write(t, "Short-lived");
        t.back();
        t.await("note Short-lived");
        t.tap("note Short-lived");
        t.fill("note text", "");
        t.back();
        t.await("empty: No notes yet. Tap + to write one.");
        assertThat(storedTexts(t)).isEmpty();
    }
}
