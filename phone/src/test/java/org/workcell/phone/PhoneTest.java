package org.workcell.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.sdk.ui.KeyEvent;
import org.workcell.sdk.ui.View;

class PhoneTest {
    @TempDir
    Path temp;

    @Test
    void theHomeScreenShowsEveryBuiltInAppAndTheStatusBar() throws Exception {
        TestPhones.Driver d = TestPhones.start(TestPhones.imageTree(temp.resolve("image")), temp.resolve("data"));
        for (String id : PhoneImage.DEFAULT_APPS) {
            assertThat(d.find(v -> id.equals(v.id()))).as(id).isPresent();
        }
        assertThat(d.find(v -> "status bar".equals(v.description()))).isPresent();
        assertThat(d.phone().window().loop().untilNext()).as("idle apart from the clock's minute tick").isPositive();
    }

    @Test
    void anAppOpensFromHomeAndBackAndHomeLeaveIt() throws Exception {
        TestPhones.Driver d = TestPhones.start(TestPhones.imageTree(temp.resolve("image")), temp.resolve("data"));
        d.tap(d.await(v -> "org.workcell.notes".equals(v.id())));
        assertThat(d.phone().running()).containsExactly("org.workcell.notes");
        assertThat(d.find(v -> "app org.workcell.notes".equals(v.description()))).isPresent();
        d.phone().key(new KeyEvent(KeyEvent.Key.BACK, true, 0));
        d.settle();
        assertThat(d.find(v -> "home".equals(v.description()))).isPresent();
        assertThat(d.phone().running()).as("back leaves the app running in the background").containsExactly("org.workcell.notes");
    }

    @Test
    void lockAndDisabledOverlaysTakeEveryTouch() throws Exception {
        TestPhones.Driver d = TestPhones.start(TestPhones.imageTree(temp.resolve("image")), temp.resolve("data"));
        View notes = d.await(v -> "org.workcell.notes".equals(v.id()));
        d.phone().lock();
        d.settle();
        d.tap(notes);
        assertThat(d.phone().running()).isEmpty();
        d.phone().unlock();
        d.phone().disabled(true, "Offline too long");
        d.settle();
        d.tap(notes);
        assertThat(d.phone().running()).isEmpty();
        d.phone().disabled(false, null);
        d.settle();
        d.tap(notes);
        assertThat(d.phone().running()).containsExactly("org.workcell.notes");
    }

    @Test
    void aPhoneStoppedAndStartedAgainReopensTheAppThatWasInFront() throws Exception {
        Path image = TestPhones.imageTree(temp.resolve("image"));
        TestPhones.Driver d = TestPhones.start(image, temp.resolve("data"));
        d.tap(d.await(v -> "org.workcell.settings".equals(v.id())));
        d.phone().stop();
        TestPhones.Driver again = TestPhones.start(image, temp.resolve("data"));
        again.phone().apps().restore();
        again.settle();
        assertThat(again.phone().running()).containsExactly("org.workcell.settings");
    }
}
