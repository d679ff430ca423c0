package org.workcell.phone.system;

import java.util.List;
import java.util.function.Consumer;
import org.workcell.phone.apps.AppEntry;
import org.workcell.sdk.ui.Canvas;
import org.workcell.sdk.ui.Column;
import org.workcell.sdk.ui.Constraints;
import org.workcell.sdk.ui.Fonts;
import org.workcell.sdk.ui.Icon;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Linear;
import org.workcell.sdk.ui.Row;
import org.workcell.sdk.ui.Scroll;
import org.workcell.sdk.ui.Size;
import org.workcell.sdk.ui.Text;
import org.workcell.sdk.ui.Theme;
import org.workcell.sdk.ui.View;

/** The home screen: a greeting and the grid of the phone's apps, four to a row. */
final class HomeScreen extends Scroll {
    private static final int COLUMNS = 4;
    private static final int[] TILE_COLOURS = {0x1F5FBF, 0x2E7D5B, 0xB26A00, 0x6A3FB5, 0x00838F, 0xAD3A5E, 0x4E5D78};

    private final Column column;
    private final Label heading = new Label("Work phone");
    private final Label subheading = new Label("");

    HomeScreen() {
        super(new Column());
        column = (Column) content();
        column.spacing(8);
        column.padding(16, 24, 16, 24);
        heading.style(Label.Style.TITLE).textSize(26);
        subheading.style(Label.Style.CAPTION);
        description("home");
    }

    void show(List<AppEntry> apps, String user, Consumer<AppEntry> open) {
        column.removeAll();
        subheading.text(user == null || user.isBlank() ? "Managed by your company" : user + " · managed by your company");
        column.add(heading, subheading, new org.workcell.sdk.ui.Spacer(16));
        Row row = null;
        for (int i = 0; i < apps.size(); i++) {
            if (i % COLUMNS == 0) {
                row = new Row();
                row.align(Linear.Align.START);
                column.add(row);
            }
            AppEntry app = apps.get(i);
            row.add(new AppTile(app, TILE_COLOURS[Math.floorMod(app.id().hashCode(), TILE_COLOURS.length)], open).flex(1));
        }
        if (row != null) {
            for (int i = apps.size() % COLUMNS; i != 0 && i < COLUMNS; i++) {
                row.add(new org.workcell.sdk.ui.Spacer()); // keep the last row's tiles the width of the others
            }
        }
    }

    /** One app on the home screen: a rounded tile with its icon and its name beneath. */
    static final class AppTile extends View {
        private final AppEntry app;
        private final int colour;

        AppTile(AppEntry app, int colour, Consumer<AppEntry> open) {
            this.app = app;
            this.colour = colour;
            description(app.manifest().name());
            id(app.id());
            onClick(v -> open.accept(app));
            cornerRadius(12);
            padding(4, 8, 4, 8);
        }

        @Override
        protected Size onMeasure(Constraints c) {
            return new Size(c.clampWidth(px(72)), c.clampHeight(px(56 + 8 + 18)));
        }

        @Override
        protected void onDraw(Canvas canvas) {
            float tile = pxf(56);
            float x = (width() - tile) / 2;
            float y = paddingTopPx();
            canvas.fillRoundRect(x, y, tile, tile, pxf(16), colour);
            float icon = pxf(28);
            Icon.paint(canvas, Icon.Glyph.named(app.manifest().icon()), x + (tile - icon) / 2, y + (tile - icon) / 2, icon, 0xFFFFFF);
            var font = Fonts.get(Fonts.Face.REGULAR, pxf(12));
            Text.Block name = Text.layout(app.manifest().name(), font, width(), 1);
            if (!name.lines().isEmpty() && name.lines().getFirst().layout() != null) {
                Text.Line line = name.lines().getFirst();
                canvas.text(line.layout(), (width() - line.width()) / 2, y + tile + pxf(8) + name.ascent(), Theme.LIGHT.text());
            }
        }
    }
}
