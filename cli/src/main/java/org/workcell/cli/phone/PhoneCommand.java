package org.workcell.cli.phone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.workcell.cli.CliException;
import org.workcell.cli.Folders;
import org.workcell.cli.Output;
import org.workcell.image.PhoneSpec;
import org.workcell.phone.Phone;
import org.workcell.phone.PhoneConfig;
import org.workcell.phone.PhoneImage;
import org.workcell.phone.apps.AppPackage;
import org.workcell.sdk.ui.UiLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "phone", mixinStandardHelpOptions = true,
        description = {"The virtual phone: lay out its image tree (then build it with 'workcell image build'), or render it to a picture."},
        subcommands = {PhoneCommand.Tree.class, PhoneCommand.Screenshot.class})
public final class PhoneCommand {

    @Command(name = "tree", mixinStandardHelpOptions = true,
            description = "Writes the standard phone image tree: phone.json, fonts, the phone runtime, the catalog's apps.")
    static final class Tree implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "OUT", description = "A new, empty folder.")
        Path out;

        @Option(names = "--fonts", description = "Folder with DejaVuSans.ttf, DejaVuSans-Bold.ttf and DejaVuSansMono.ttf (default: ${DEFAULT-VALUE}).",
                defaultValue = "/usr/share/fonts/truetype/dejavu")
        Path fonts;

        @Option(names = "--width", defaultValue = "720", description = "Display width in pixels (default: ${DEFAULT-VALUE}).")
        int width;

        @Option(names = "--height", defaultValue = "1560", description = "Display height in pixels (default: ${DEFAULT-VALUE}).")
        int height;

        @Option(names = "--density", defaultValue = "320", description = "Display density in dpi (default: ${DEFAULT-VALUE}).")
        int density;

        @Option(names = "--app", paramLabel = "FILE", description = "An app package (.wcapp or jar) to offer in the image's catalog; repeatable. "
                + "Without it the catalog holds the sample Expenses app.")
        List<Path> apps = new ArrayList<>();

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() {
            try {
                PhoneImage.Options defaults = PhoneImage.Options.defaults();
                List<Path> catalog = apps.isEmpty() ? sampleApps() : apps;
                Path staging = Files.createTempDirectory("workcell-catalog");
                List<Path> named = new ArrayList<>();
                try {
                    for (Path app : catalog) {
                        try (AppPackage pkg = AppPackage.open(app)) {
                            Path copy = staging.resolve(pkg.manifest().id() + ".wcapp");
                            Files.copy(app, copy);
                            named.add(copy);
                        }
                    }
                    PhoneImage.writeTree(out, new PhoneImage.Options(defaults.osBuild(), width, height, density, fonts, defaults.runtimeJars(), named));
                } finally {
                    for (Path p : named) {
                        Files.deleteIfExists(p);
                    }
                    Files.deleteIfExists(staging);
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("tree", out.toAbsolutePath().toString());
                result.put("display", Map.of("width", width, "height", height, "density", density));
                result.put("runtimeJars", defaults.runtimeJars().size());
                result.put("catalogApps", named.stream().map(p -> p.getFileName().toString()).toList());
                if (json) {
                    Output.json(spec.commandLine().getOut(), result);
                } else {
                    spec.commandLine().getOut().printf("wrote the phone image tree to %s%nbuild it with: workcell image build %s --name NAME --version V --store STORE%n", out, out);
                    spec.commandLine().getOut().flush();
                }
                return 0;
            } catch (IOException | IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }

        /** The sample app the installation carries beside its own jars, if it does. */
        private static List<Path> sampleApps() throws IOException {
            List<Path> found = new ArrayList<>();
            for (Path jar : PhoneImage.runtimeJars()) {
                try (var siblings = Files.list(jar.getParent())) {
                    siblings.filter(p -> p.getFileName().toString().startsWith("workcell-sample-app-")).forEach(found::add);
                }
                break;
            }
            return found;
        }
    }

    @Command(name = "screenshot", mixinStandardHelpOptions = true,
            description = "Starts a phone from an image tree in this process, optionally opens an app, and writes what it shows as a PNG.")
    static final class Screenshot implements Callable<Integer> {
        @Parameters(paramLabel = "IMAGE", description = "An image tree (see 'workcell phone tree') or an extracted image.")
        Path image;

        @Option(names = "--data", description = "The phone's data folder (default: a temporary one, removed afterwards).")
        Path data;

        @Option(names = "--open", paramLabel = "APP-ID", description = "Open this app first, e.g. org.workcell.mail.")
        String open;

        @Option(names = "--out", required = true, description = "The PNG to write.")
        Path out;

        @Override
        public Integer call() throws Exception {
            PhoneSpec spec;
            try {
                spec = PhoneSpec.read(image);
            } catch (IOException e) {
                throw new CliException(e.getMessage());
            }
            Path folder = data != null ? data : Files.createTempDirectory("workcell-phone");
            try {
                UiLoop loop = UiLoop.system();
                var d = spec.display();
                Phone phone = Phone.start(new PhoneConfig(image, folder, "local", d.width(), d.height(), d.density(), Clock.systemDefaultZone()), loop, text -> { });
                if (open != null && phone.apps().open(open).isEmpty()) {
                    throw new CliException("no app " + open + " on this phone");
                }
                // Let the app's background work and transitions finish: until nothing has changed for half a second.
                long start = System.nanoTime();
                long quietSince = start;
                while (System.nanoTime() - start < 10_000_000_000L && System.nanoTime() - quietSince < 500_000_000L) {
                    loop.runDue();
                    if (phone.window().frameNeeded()) {
                        phone.window().render();
                        quietSince = System.nanoTime();
                    }
                    Thread.sleep(10);
                }
                ImageIO.write(phone.window().image(), "png", out.toFile());
                phone.stop();
                System.out.println("wrote " + out);
                return 0;
            } finally {
                if (data == null) {
                    Folders.deleteTree(folder);
                }
            }
        }
    }
}
