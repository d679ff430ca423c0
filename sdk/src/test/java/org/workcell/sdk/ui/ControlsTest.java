package org.workcell.sdk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlsTest {
    @Test
    void aGridPutsChildrenInEqualColumnsAndWrapsRows() {
        List<View> cells = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            cells.add(new Label("Cell " + i).padding(8));
        }
        cells.get(4).height(100);
        Grid grid = new Grid(3, cells.toArray(View[]::new)).spacing(10);
        new Screens(new Column(grid).padding(20));
        assertThat(cells.get(0).width()).isEqualTo((320 - 20) / 3);
        assertThat(cells.get(1).x()).isEqualTo(cells.get(0).x() + cells.get(0).width() + 10);
        assertThat(cells.get(3).x()).isEqualTo(cells.get(0).x());
        assertThat(cells.get(3).y()).isEqualTo(cells.get(0).y() + cells.get(0).height() + 10);
        assertThat(cells.get(3).height()).isEqualTo(100); // a row is as tall as its tallest cell
        assertThat(cells.get(6).y()).isEqualTo(cells.get(3).y() + 110);
        assertThat(grid.height()).isEqualTo(cells.get(6).y() + cells.get(6).height());
    }

    @Test
    void aSwitchSlidesItsThumbThenStopsAndReports() {
        List<Boolean> changes = new ArrayList<>();
        Switch sw = new Switch().onChange(changes::add);
        Screens s = new Screens(new Column(sw).padding(20));
        s.tap(sw);
        assertThat(sw.checked()).isTrue();
        assertThat(changes).containsExactly(true);
        assertThat(s.window.animating()).isTrue();
        s.settle();
        assertThat(s.window.animating()).isFalse();
        assertThat(s.window.loop().untilNext()).isEqualTo(-1);
        Rect r = sw.windowRect();
        int thumbRight = s.window.pixels()[(r.y() + r.height() / 2) * 360 + r.right() - r.height() / 2] & 0xFFFFFF;
        int trackLeft = s.window.pixels()[(r.y() + r.height() / 2) * 360 + r.x() + 3] & 0xFFFFFF;
        assertThat(thumbRight).isEqualTo(Theme.LIGHT.surface());
        assertThat(trackLeft).isEqualTo(Theme.LIGHT.primary());
        s.tap(sw);
        assertThat(changes).containsExactly(true, false);
    }

    @Test
    void aCheckboxTogglesWhenTappedAndSaysSo() {
        Checkbox box = new Checkbox("Remember me");
        Screens s = new Screens(new Column(box).padding(20));
        assertThat(box.description()).isEqualTo("Remember me, not checked");
        s.tap(box);
        assertThat(box.checked()).isTrue();
        assertThat(box.description()).isEqualTo("Remember me, checked");
    }

    @Test
    void aDividerIsOnePixelLineAcrossItsParent() {
        Divider d = new Divider();
        new Screens(new Column(new Label("a"), d, new Label("b")));
        assertThat(d.width()).isEqualTo(360);
        assertThat(d.height()).isEqualTo(1);
    }
}
