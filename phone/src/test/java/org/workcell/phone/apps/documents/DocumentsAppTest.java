package org.workcell.phone.apps.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.workcell.phone.apps.mail.AppDriver;
import org.workcell.phone.apps.mail.FakeGateway;
import org.workcell.sdk.app.Bundle;
import org.workcell.sdk.app.Permission;
import org.workcell.sdk.data.DocumentService.Type;
import org.workcell.sdk.data.GatewayException;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.TextField;

class DocumentsAppTest {
    private final FakeGateway gateway = new FakeGateway();
    private AppDriver phone;

    static byte[] png(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @BeforeEach
    void seed() throws IOException {
        gateway.docs.add("Handbook", "Welcome.md", Type.MARKDOWN,
                "# Welcome\n\nRead **this** first.\n\n- one\n- two\n\n```\ncode here\n```\n\n---\n[site](https://x.org)".getBytes(StandardCharsets.UTF_8));
        gateway.docs.add("Handbook", "notes.txt", Type.TEXT, "plain notes\nline two".getBytes(StandardCharsets.UTF_8));
        gateway.docs.add("Pictures", "logo.png", Type.IMAGE, png(400, 200));
        gateway.docs.add("Pictures", "huge.png", Type.IMAGE, png(5000, 10));
        gateway.docs.add("Pictures", "broken.png", Type.IMAGE, new byte[] {1, 2, 3, 4});
        phone = new AppDriver(gateway, "org.workcell.documents", Permission.DOCUMENTS_READ);
    }

    @Test
    void listGroupsByFolderAndSearchFilters() {
        phone.start(new DocumentsApp(), new Bundle());
        assertThat(phone.titles()).containsExactly("Documents");
        assertThat(phone.find("section Handbook")).isPresent();
        assertThat(phone.find("section Pictures")).isPresent();
        assertThat(phone.find("Welcome.md")).isPresent();
        phone.type("Search documents", "png");
        assertThat(phone.find("Welcome.md")).isEmpty();
        assertThat(phone.find("logo.png")).isPresent();
        assertThat(phone.find("section Handbook")).isEmpty();
        phone.window().text("zzz");
        phone.settle();
        assertThat(phone.find("empty")).isPresent();
    }

    @Test
    void markdownIsRenderedIntoViews() {
        phone.start(new DocumentsApp(), new Bundle());
        phone.tap("Welcome.md");
        assertThat(phone.titles()).containsExactly("Documents", "Welcome.md");
        RichText h1 = (RichText) phone.find(v -> "h1".equals(v.id())).orElseThrow();
        assertThat(h1.text()).isEqualTo("Welcome");
        RichText p = (RichText) phone.find(v -> "p".equals(v.id()) && v instanceof RichText).orElseThrow();
        assertThat(p.spans()).extracting(Markdown.Span::bold).containsExactly(false, true, false);
        assertThat(phone.window().root().findAll(v -> "item".equals(v.id()))).hasSize(2);
        assertThat(phone.find(v -> v instanceof MonoLabel m && m.text().equals("code here"))).isPresent();
        assertThat(phone.find(v -> "rule".equals(v.id()))).isPresent();
        assertThat(phone.find("site")).isPresent();
    }

    @Test
    void textHasAMonospaceOption() {
        phone.start(new DocumentsApp(), new Bundle());
        phone.tap("notes.txt");
        assertThat(phone.find(v -> v instanceof Label l && !(l instanceof MonoLabel) && l.text().equals("plain notes\nline two"))).isPresent();
        phone.tap("Monospace");
        assertThat(phone.find(v -> v instanceof MonoLabel l && l.text().equals("plain notes\nline two"))).isPresent();
        assertThat(phone.save().get("mono", null)).isEqualTo("true");
    }

    @Test
    void imagesAreScaledToFitAndOversizedOnesRefused() {
        phone.start(new DocumentsApp(), new Bundle());
        phone.tap("logo.png");
        ImageView iv = (ImageView) phone.get("image logo.png");
        int[] at = iv.placement();
        assertThat(at[2]).isEqualTo(iv.width());
        assertThat(at[3]).isEqualTo(iv.width() / 2);
        assertThat(phone.find(v -> v instanceof Label l && l.text().startsWith("400 × 200"))).isPresent();
        phone.tap("Back");
        phone.tap("huge.png");
        assertThat(phone.find("error")).isPresent();
        assertThat(phone.find(v -> v instanceof Label l && l.text().contains("5000 × 10 pixels"))).isPresent();
        phone.tap("Back");
        phone.tap("broken.png");
        assertThat(phone.find(v -> v instanceof Label l && l.text().startsWith("This file is not an image"))).isPresent();
    }

    @Test
    void gatewayErrorsShowWithRetryAndOpenDocumentSurvivesRestart() {
        gateway.fail = new GatewayException(GatewayException.Kind.UNAVAILABLE, "Documents are offline");
        phone.start(new DocumentsApp(), new Bundle());
        assertThat(phone.find(v -> v instanceof Label l && l.text().equals("Documents are offline"))).isPresent();
        phone.tap("Retry");
        phone.tap("notes.txt");
        Bundle saved = phone.save();
        AppDriver again = new AppDriver(gateway, "org.workcell.documents", Permission.DOCUMENTS_READ);
        again.start(new DocumentsApp(), saved);
        assertThat(again.titles()).containsExactly("Documents", "notes.txt");
        assertThat(again.find(v -> v instanceof Label l && l.text().equals("plain notes\nline two"))).isPresent();
    }

    @Test
    void decoderLimits() throws Exception {
        assertThat(ImageDecoder.decode(png(4096, 1)).getWidth()).isEqualTo(4096);
        assertThatThrownBy(() -> ImageDecoder.decode(png(1, 4097))).hasMessageContaining("1 × 4097");
        assertThatThrownBy(() -> ImageDecoder.decode(new byte[ImageDecoder.MAX_BYTES + 1])).hasMessageContaining("8 MiB");
        assertThat(ImageView.fit(400, 200, 100, 100)).containsExactly(0, 25, 100, 50);
        assertThat(ImageView.fit(10, 10, 100, 300)).containsExactly(40, 140, 20, 20); // at most twice its size
    }

    @Test
    void paragraphsWrapToTheWidth() {
        phone.start(new DocumentsApp(), new Bundle());
        RichText t = new RichText(Markdown.inline("word ".repeat(60)), 16, false);
        org.workcell.sdk.ui.Scroll s = new org.workcell.sdk.ui.Scroll(t);
        phone.window().addOverlay(s);
        phone.settle();
        assertThat(t.lineCount()).isGreaterThan(3);
        assertThat(t.height()).isGreaterThan(3 * 16 * 2);
        assertThat(phone.all(TextField.class)).isNotEmpty();
    }
}
